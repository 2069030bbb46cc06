/**
 * 交办会: staff tick many accepted suggestions on the list (state=accepted)
 * and assign them all to the same units in one action.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../../context';
import { requireAction, requireFormToken } from '../../middleware/access';
import { isPreconditionFailure } from '../../../db/guard';
import { planAssignments } from '../../rules/assignment-plan';
import { assignmentPlanText } from '../../../views/text/handling';
import { chinaDateOf } from '../../rules/calendar';
import { assignmentDues } from '../../rules/deadlines';
import { text } from '../../../views/i18n';
import { renderSuggestionList } from './view';
import { parseListFilters } from '../../rules/list-filters';

export const MAX_BULK = 500;

const id = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number);
const bulkSchema = z.object({
  ids: z
    .array(id)
    .max(MAX_BULK, text.bulk.tooMany(MAX_BULK))
    .transform((list) => [...new Set(list)]),
  lead_unit: z.union([z.literal('').transform(() => null), id]),
  assist_units: z.array(id).max(50),
});

export const bulkAssignRoutes = new Hono<AppEnv>();

bulkAssignRoutes.post('/suggestions/bulk-assign', requireAction('suggestion.assign'), requireFormToken, async (c) => {
  const body = await c.req.parseBody({ all: true });
  const list = (key: string) => {
    const v = body[key];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
  };
  const lead = typeof body['lead_unit'] === 'string' ? body['lead_unit'] : '';
  const parsed = bulkSchema.safeParse({ ids: list('ids'), lead_unit: lead, assist_units: list('assist_units') });
  // The list it came from, shown again with the messages.
  const again = (errors: Record<string, string>, status: 409 | 422) =>
    renderSuggestionList(c, { filters: parseListFilters({ state: 'accepted' }), bulkErrors: errors, status });
  if (!parsed.success) return again({ ids: parsed.error.issues[0]?.message ?? text.validation.invalidRequest }, 422);
  const { ids } = parsed.data;
  if (ids.length === 0) return again({ ids: text.bulk.noneChosen }, 422);

  const data = c.var.data;
  const [{ settings, calendar }, states, units] = await Promise.all([data.config(), data.suggestions.statesOf(ids), data.units.listActive()]);
  const notAccepted = ids.filter((i) => states.get(i)?.state !== 'accepted');
  if (notAccepted.length) {
    return again({ ids: text.bulk.notAccepted(notAccepted.map((i) => states.get(i)?.number ?? `#${i}`).join('、')) }, 409);
  }
  const dues = assignmentDues(calendar, settings, chinaDateOf(Date.now()));
  const plan = assignmentPlanText(
    planAssignments(
      { mode: 'lead', lead_unit: parsed.data.lead_unit, assist_units: parsed.data.assist_units, split_units: [], note: null },
      units,
      dues,
      settings.yellowDaysBefore,
    ),
  );
  if (!plan.ok) return again(plan.errors, 422);
  const user = c.var.user!;
  let done = 0;
  try {
    done = await data.handling.assignMany(ids, plan.list, plan.note, { userId: user.id, name: user.displayName }, Date.now());
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return again({ ids: text.handling.conflict }, 409);
  }
  return c.redirect(`${c.var.base}/suggestions?state=accepted&assigned=${done}`, 303);
});

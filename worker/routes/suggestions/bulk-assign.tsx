/**
 * 交办会: staff tick many accepted suggestions on the list (state=accepted)
 * and assign them all to the same units in one action. The route reads the
 * ticked ids and units through the form boundary (worker/forms/validate.ts);
 * worker/usecases/suggestions/bulk-assign.ts does it.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppContext, AppEnv } from '../../context';
import { form } from '../../forms/validate';
import { requireAction, requireFormToken } from '../../middleware/access';
import { text } from '../../../views/text/index';
import { renderSuggestionList } from './view';
import { parseListFilters } from '../../rules/list-filters';
import { assignMany } from '../../usecases/suggestions/bulk-assign';

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

/** The list it came from, shown again with the messages. */
const again = (c: AppContext, errors: Record<string, string>, status: 409 | 422) =>
  renderSuggestionList(c, { filters: parseListFilters({ state: 'accepted' }), bulkErrors: errors, status });

// The list shows one message, above the ticked rows: the first refused field's.
const bulkForm = form(bulkSchema, (c, _values, errors) => again(c, { ids: Object.values(errors)[0] ?? text.validation.invalidRequest }, 422));

bulkAssignRoutes.post('/suggestions/bulk-assign', requireAction('suggestion.assign'), requireFormToken, bulkForm, async (c) => {
  const { ids, lead_unit, assist_units } = c.req.valid('form').data;
  if (ids.length === 0) return again(c, { ids: text.bulk.noneChosen }, 422);
  const result = await assignMany(c, ids, { leadUnit: lead_unit, assistUnits: assist_units });
  if (result.ok) return c.redirect(`${c.var.base}/suggestions?state=accepted&assigned=${result.done}`, 303);
  if (result.reason === 'not_accepted') return again(c, { ids: text.bulk.notAccepted(result.numbers.join('、')) }, 409);
  if (result.reason === 'invalid') return again(c, result.errors, 422);
  return again(c, { ids: text.handling.conflict }, 409);
});

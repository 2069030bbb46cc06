/**
 * 交办会: many accepted suggestions assigned to the same units in one
 * action. Every one must still be 已立案; the units are planned as one
 * 交办's are (worker/rules/assignment-plan.ts), and the writes go in atomic
 * chunks (db/repos/handling/assign.ts).
 */
import { isPreconditionFailure } from '../../../db/guard';
import { planAssignments } from '../../rules/assignment-plan';
import { assignmentPlanText } from '../../../views/text/handling';
import { chinaDateOf } from '../../rules/calendar';
import { assignmentDues } from '../../rules/deadlines';
import { guardStates } from '../../rules/handling-actions';
import { actorNameOf, type UseCaseContext } from '../context';

export type BulkResult =
  | { ok: true; done: number }
  /** Some are no longer 已立案: their numbers (or #id). */
  | { ok: false; reason: 'not_accepted'; numbers: string[] }
  | { ok: false; reason: 'invalid'; errors: Record<string, string> }
  /** Someone changed one of them meanwhile (a chunk was refused). */
  | { ok: false; reason: 'conflict' };

export async function assignMany(c: UseCaseContext, ids: number[], units: { leadUnit: number | null; assistUnits: number[] }): Promise<BulkResult> {
  const data = c.var.data;
  const [{ settings, calendar }, states, active] = await Promise.all([data.config(), data.suggestions.statesOf(ids), data.units.listActive()]);
  const assignable: readonly string[] = guardStates('assign');
  const refused = ids.filter((i) => !assignable.includes(states.get(i)?.state ?? ''));
  if (refused.length) return { ok: false, reason: 'not_accepted', numbers: refused.map((i) => states.get(i)?.number ?? `#${i}`) };
  const dues = assignmentDues(calendar, settings, chinaDateOf(Date.now()));
  const plan = assignmentPlanText(
    planAssignments(
      { mode: 'lead', lead_unit: units.leadUnit, assist_units: units.assistUnits, split_units: [], note: null },
      active,
      dues,
      settings.yellowDaysBefore,
    ),
  );
  if (!plan.ok) return { ok: false, reason: 'invalid', errors: plan.errors };
  try {
    const done = await data.handling.assignMany({ ids, units: plan.list, note: plan.note, actor: actorNameOf(c), now: Date.now() });
    return { ok: true, done };
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return { ok: false, reason: 'conflict' };
  }
}

/**
 * 交办 planning: which units take which part (主办 + 协办, or 分办), checked
 * against the tenant's units, with the due dates the assignment sets, and
 * the timeline note that names them.
 */
import { text } from '../../views/i18n';
import type { AssignmentDues } from './deadlines';
import { yellowFrom, type Stage } from './colour.ts';

const e = text.handlingErrors;
const h = text.handling;

export interface AssignmentChoice {
  mode: 'lead' | 'split';
  lead_unit: number | null;
  assist_units: number[];
  split_units: number[];
  note: string | null;
}

export interface PlannedAssignment {
  unitId: number;
  role: 'lead' | 'assist' | 'split';
  returnDue: string;
  opinionDue: string | null;
  replyDue: string | null;
  /** The stages with a due date this part opens (三色督办). */
  deadlines: { stage: Stage; dueDate: string; yellowFrom: string }[];
}

export type AssignmentPlan =
  | { ok: true; list: PlannedAssignment[]; note: string }
  | { ok: false; errors: Record<string, string> };

export function planAssignments(
  input: AssignmentChoice,
  units: readonly { id: number; name: string }[],
  dues: AssignmentDues,
  yellowDaysBefore: number,
): AssignmentPlan {
  const stage = (s: Stage, dueDate: string) => ({ stage: s, dueDate, yellowFrom: yellowFrom(dueDate, yellowDaysBefore) });
  const replying = [stage('sign_for', dues.returnDue), stage('reply', dues.replyDue)];
  const names = new Map(units.map((u) => [u.id, u.name]));
  const named = (ids: number[]) => ids.map((id) => names.get(id) ?? '').join('、');
  const extra = input.note ? `；${input.note}` : '';
  if (input.mode === 'lead') {
    if (input.lead_unit === null) return { ok: false, errors: { lead_unit: e.chooseOne } };
    if (!names.has(input.lead_unit)) return { ok: false, errors: { lead_unit: e.unitUnknown } };
    if (input.assist_units.some((u) => !names.has(u))) return { ok: false, errors: { assist_units: e.unitUnknown } };
    if (input.assist_units.includes(input.lead_unit)) return { ok: false, errors: { assist_units: e.unitTwice } };
    const list: PlannedAssignment[] = [
      { unitId: input.lead_unit, role: 'lead', returnDue: dues.returnDue, opinionDue: null, replyDue: dues.replyDue, deadlines: replying },
      ...input.assist_units.map((unitId) => ({
        unitId,
        role: 'assist' as const,
        returnDue: dues.returnDue,
        opinionDue: dues.opinionDue,
        replyDue: null,
        deadlines: [stage('opinion', dues.opinionDue)],
      })),
    ];
    const assist = input.assist_units.length ? `；${h.unitRole.assist}：${named(input.assist_units)}` : '';
    return { ok: true, list, note: `${h.unitRole.lead}：${named([input.lead_unit])}${assist}；${h.replyDue} ${dues.replyDue}${extra}` };
  }
  if (input.split_units.length < 2) return { ok: false, errors: { split_units: e.splitNeedsTwo } };
  if (input.split_units.some((u) => !names.has(u))) return { ok: false, errors: { split_units: e.unitUnknown } };
  const list: PlannedAssignment[] = input.split_units.map((unitId) => ({
    unitId,
    role: 'split',
    returnDue: dues.returnDue,
    opinionDue: null,
    replyDue: dues.replyDue,
    deadlines: replying,
  }));
  return { ok: true, list, note: `${h.unitRole.split}：${named(input.split_units)}；${h.replyDue} ${dues.replyDue}${extra}` };
}

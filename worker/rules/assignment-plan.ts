/**
 * 交办 planning: which units take which part (主办 + 协办, or 分办), checked
 * against the tenant's units, with the due dates the assignment sets, and
 * what the timeline note names (views/text/handling.ts words it).
 */
import type { AssignmentDues } from './deadlines';
import { yellowFrom, type Stage } from './colour.ts';

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

/** Why a choice of units is refused (views/text/handling.ts words each code). */
export type AssignmentError = 'choose_one' | 'unit_unknown' | 'unit_twice' | 'split_needs_two';

/** What the timeline note of an assignment says: the units by part, the reply due date, the staff's note. */
export interface AssignmentSummary {
  parts: { role: PlannedAssignment['role']; names: string[] }[];
  replyDue: string;
  note: string | null;
}

export type AssignmentPlan =
  | { ok: true; list: PlannedAssignment[]; summary: AssignmentSummary }
  | { ok: false; errors: Partial<Record<'lead_unit' | 'assist_units' | 'split_units', AssignmentError>> };

export function planAssignments(
  input: AssignmentChoice,
  units: readonly { id: number; name: string }[],
  dues: AssignmentDues,
  yellowDaysBefore: number,
): AssignmentPlan {
  const stage = (s: Stage, dueDate: string) => ({ stage: s, dueDate, yellowFrom: yellowFrom(dueDate, yellowDaysBefore) });
  const replying = [stage('sign_for', dues.returnDue), stage('reply', dues.replyDue)];
  const names = new Map(units.map((u) => [u.id, u.name]));
  const named = (ids: number[]) => ids.map((id) => names.get(id) ?? '');
  const summary = (parts: AssignmentSummary['parts']): AssignmentSummary => ({ parts, replyDue: dues.replyDue, note: input.note || null });
  if (input.mode === 'lead') {
    if (input.lead_unit === null) return { ok: false, errors: { lead_unit: 'choose_one' } };
    if (!names.has(input.lead_unit)) return { ok: false, errors: { lead_unit: 'unit_unknown' } };
    if (input.assist_units.some((u) => !names.has(u))) return { ok: false, errors: { assist_units: 'unit_unknown' } };
    if (input.assist_units.includes(input.lead_unit)) return { ok: false, errors: { assist_units: 'unit_twice' } };
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
    const assist = input.assist_units.length ? [{ role: 'assist' as const, names: named(input.assist_units) }] : [];
    return { ok: true, list, summary: summary([{ role: 'lead', names: named([input.lead_unit]) }, ...assist]) };
  }
  if (input.split_units.length < 2) return { ok: false, errors: { split_units: 'split_needs_two' } };
  if (input.split_units.some((u) => !names.has(u))) return { ok: false, errors: { split_units: 'unit_unknown' } };
  const list: PlannedAssignment[] = input.split_units.map((unitId) => ({
    unitId,
    role: 'split',
    returnDue: dues.returnDue,
    opinionDue: null,
    replyDue: dues.replyDue,
    deadlines: replying,
  }));
  return { ok: true, list, summary: summary([{ role: 'split', names: named(input.split_units) }]) };
}

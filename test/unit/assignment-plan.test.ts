import { describe, expect, it } from 'vitest';
import { planAssignments, type AssignmentChoice } from '../../worker/rules/assignment-plan';
import { assignmentPlanText } from '../../views/text/handling';

const units = [
  { id: 1, name: '县交通运输局' },
  { id: 2, name: '县财政局' },
  { id: 3, name: '县水利局' },
];
const dues = { returnDue: '2027-01-10', opinionDue: '2027-01-20', replyDue: '2027-03-01' };
const choice = (c: Partial<AssignmentChoice>): AssignmentChoice => ({
  mode: 'lead',
  lead_unit: null,
  assist_units: [],
  split_units: [],
  note: null,
  ...c,
});

describe('交办 planning', () => {
  it('主办 + 协办: the lead replies, the assisting units give an opinion; the note names both and the reply due date', () => {
    const plan = planAssignments(choice({ lead_unit: 1, assist_units: [2], note: '请加快' }), units, dues, 3);
    expect(plan.ok && plan.list.map((p) => [p.unitId, p.role, p.replyDue, p.opinionDue])).toEqual([
      [1, 'lead', '2027-03-01', null],
      [2, 'assist', null, '2027-01-20'],
    ]);
    const worded = assignmentPlanText(plan);
    expect(worded.ok && worded.note).toBe('主办：县交通运输局；协办：县财政局；答复期限 2027-03-01；请加快');
  });
  it('分办 needs two units or more, each replying', () => {
    expect(planAssignments(choice({ mode: 'split', split_units: [1] }), units, dues, 3)).toEqual({
      ok: false,
      errors: { split_units: 'split_needs_two' },
    });
    const worded = assignmentPlanText(planAssignments(choice({ mode: 'split', split_units: [1, 3] }), units, dues, 3));
    expect(worded.ok && worded.note).toBe('分办：县交通运输局、县水利局；答复期限 2027-03-01');
  });
  it('a missing lead, an unknown unit and a unit both leading and assisting are each refused by code', () => {
    expect(planAssignments(choice({}), units, dues, 3)).toEqual({ ok: false, errors: { lead_unit: 'choose_one' } });
    expect(planAssignments(choice({ lead_unit: 9 }), units, dues, 3)).toEqual({ ok: false, errors: { lead_unit: 'unit_unknown' } });
    const twice = planAssignments(choice({ lead_unit: 1, assist_units: [1] }), units, dues, 3);
    expect(twice).toEqual({ ok: false, errors: { assist_units: 'unit_twice' } });
    expect(assignmentPlanText(twice)).toEqual({ ok: false, errors: { assist_units: '同一单位不能既主办又协办。' } });
  });
});

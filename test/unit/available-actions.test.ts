import { describe, expect, it } from 'vitest';
import { availableActions, type ActionSubject } from '../../worker/rules/available-actions';
import type { Actor } from '../../worker/rules/roles';

const staff: Actor = { userId: 1, role: 'staff', deputyId: null };
const lead: Actor = { userId: 2, role: 'deputy', deputyId: 10 };
const cosigner: Actor = { userId: 3, role: 'deputy', deputyId: 11 };
const unitA: Actor = { userId: 4, role: 'unit_clerk', deputyId: null, unitId: 100 };
const unitB: Actor = { userId: 5, role: 'unit_clerk', deputyId: null, unitId: 200 };

const subject = (s: Partial<ActionSubject>): ActionSubject => ({
  state: 'submitted',
  leadDeputyId: 10,
  enteredByUserId: 2,
  assignments: [],
  ...s,
});
const names = (actor: Actor, s: ActionSubject, today = '2026-03-01') => [...availableActions(actor, s, today).keys()].sort();

describe('what staff may do', () => {
  it('a submitted suggestion: accept, return for revision, reject or merge', () => {
    expect(names(staff, subject({}))).toEqual(['accept', 'merge', 'reject', 'return_for_revision']);
  });
  it('an accepted one: assign, classify or merge', () => {
    expect(names(staff, subject({ state: 'accepted' }))).toEqual(['assign', 'classify', 'merge']);
  });
  it('a return request: approve or refuse it, or extend', () => {
    const s = subject({
      state: 'return_requested',
      assignments: [{ id: 1, unitId: 100, role: 'lead', state: 'return_requested', returnDue: '2026-03-10' }],
    });
    expect(names(staff, s)).toEqual(['approve_return', 'extend', 'raise_colour', 'refuse_return', 'supervise']);
  });
});

describe('what a unit may do', () => {
  const assigned = subject({ state: 'assigned', assignments: [{ id: 1, unitId: 100, role: 'lead', state: 'assigned', returnDue: '2026-03-10' }] });
  it('sign for, or ask for return inside the window', () => {
    expect(names(unitA, assigned)).toEqual(['request_return', 'sign_for']);
  });
  it('no return request after the window', () => {
    expect(names(unitA, assigned, '2026-03-11')).toEqual(['sign_for']);
  });
  it('nothing on a suggestion assigned only to another unit', () => {
    expect(names(unitB, assigned)).toEqual([]);
  });
  it('an assisting unit sends its opinion and never replies', () => {
    const s = subject({
      state: 'in_progress',
      assignments: [
        { id: 1, unitId: 100, role: 'lead', state: 'in_progress', returnDue: '2026-03-10' },
        { id: 2, unitId: 200, role: 'assist', state: 'in_progress', returnDue: '2026-03-10' },
      ],
    });
    expect(names(unitB, s)).toEqual(['contact', 'opinion']);
    expect(names(unitA, s)).toEqual(['contact', 'reply', 'request_return']);
  });
});

describe('what a deputy may do', () => {
  it('the lead deputy rates a reply; a co-signer does not', () => {
    const s = subject({ state: 'replied' });
    expect(names(lead, s)).toEqual(['rate']);
    expect(names(cosigner, s)).toEqual([]);
  });
  it('a returned suggestion is edited and resubmitted by its lead deputy', () => {
    expect(names(lead, subject({ state: 'returned' }))).toEqual(['resubmit']);
    expect(names(cosigner, subject({ state: 'returned' }))).toEqual([]);
  });
});

describe('督办', () => {
  it('staff, secretary and chair may raise a colour and record supervision while stages run; deputies and units may not', () => {
    const s = subject({ state: 'in_progress', assignments: [{ id: 1, unitId: 100, role: 'lead', state: 'in_progress', returnDue: '2026-03-10' }] });
    for (const role of ['secretary', 'chair'] as const) {
      expect(names({ userId: 9, role, deputyId: null }, s)).toEqual(['raise_colour', 'supervise']);
    }
    expect(names(lead, s)).toEqual([]);
    expect(names(unitA, s)).not.toContain('raise_colour');
    expect(names(staff, subject({ state: 'submitted' }))).not.toContain('supervise');
  });
});

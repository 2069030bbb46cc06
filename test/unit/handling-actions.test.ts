/**
 * The one table of handling actions, read by two sides: the actions the
 * detail page offers (availableActions) and the guards of the handling
 * writes (guardStates / guardPart, the lists db/repos/handling puts in its
 * SQL preconditions). Every action × suggestion state × role × the unit's
 * part (role × state): offered exactly when the guards would let the write
 * through and the person may take it.
 */
import { describe, expect, it } from 'vitest';
import { availableActions, type ActionAssignment, type ActionSubject } from '../../worker/rules/available-actions';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  HANDLING_ACTIONS,
  UI_ACTIONS,
  guardPart,
  guardStates,
  partFits,
  ratingMove,
  type AssignmentRole,
  type AssignmentState,
  type UiAction,
} from '../../worker/rules/handling-actions';
import { can, TENANT_ROLES, type Actor, type Role } from '../../worker/rules/roles';
import { SUGGESTION_STATES, TRANSITIONS, transitionFor, type SuggestionState } from '../../worker/rules/suggestion-states';

const TODAY = '2026-03-01';
const UNIT = 100;

/** The actor of a role: the suggestion's lead deputy and author, and a clerk of its unit, so ownership never stands in the way. */
const actorOf = (role: Role): Actor => ({ userId: 2, role, deputyId: 10, unitId: UNIT });

const subject = (state: SuggestionState, part: ActionAssignment | null): ActionSubject => ({
  state,
  leadDeputyId: 10,
  enteredByUserId: 2,
  assignments: part ? [part] : [],
});

/** What the write's guards say (db/repos/handling): the suggestion's state, and the part it works on. */
function guardsLetThrough(action: UiAction, state: SuggestionState, part: ActionAssignment | null): boolean {
  if (!guardStates(action, state).includes(state)) return false;
  if (guardPart(action) === null) return true;
  return part !== null && partFits(action, part);
}

/** May this role take the action at all (its permission, the transition's roles)? */
function roleMay(action: UiAction, role: Role, state: SuggestionState): boolean {
  const rule = HANDLING_ACTIONS[action];
  if (rule.permission && !can(role, rule.permission)) return false;
  return !rule.moves || rule.moves.some((m) => transitionFor(m, state, role).ok);
}

const PARTS: (ActionAssignment | null)[] = [
  null,
  ...ASSIGNMENT_ROLES.flatMap((role) =>
    ASSIGNMENT_STATES.map((state) => ({ id: 1, unitId: UNIT, role, state, returnDue: '2026-03-10' }) satisfies ActionAssignment),
  ),
];

describe('offered actions equal the guards’ verdicts', () => {
  for (const action of UI_ACTIONS) {
    it(`${action}: every state × role × part`, () => {
      const wrong: string[] = [];
      for (const state of SUGGESTION_STATES) {
        for (const role of TENANT_ROLES) {
          for (const part of PARTS) {
            const offered = availableActions(actorOf(role), subject(state, part), TODAY);
            const expected = roleMay(action, role, state) && guardsLetThrough(action, state, part);
            if (offered.has(action) !== expected) {
              wrong.push(
                `${state} × ${role} × ${part ? `${part.role}/${part.state}` : 'no part'}: offered ${offered.has(action)}, guards ${expected}`,
              );
            }
            // A unit's action is offered with the very part its guard checks.
            if (offered.has(action) && guardPart(action)) expect(offered.get(action)).toBe(part);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('no role outside an action’s permission is ever offered it', () => {
    for (const action of UI_ACTIONS) {
      const permission = HANDLING_ACTIONS[action].permission;
      if (!permission) continue;
      for (const role of TENANT_ROLES.filter((r) => !can(r, permission))) {
        for (const state of SUGGESTION_STATES) {
          for (const part of PARTS) expect(availableActions(actorOf(role), subject(state, part), TODAY).has(action)).toBe(false);
        }
      }
    }
  });
});

describe('the table and the transition table agree', () => {
  it('an action that makes transitions starts from exactly their from-states', () => {
    for (const action of UI_ACTIONS) {
      const moves = HANDLING_ACTIONS[action].moves;
      if (!moves) continue;
      const from = new Set(moves.flatMap((m) => (TRANSITIONS[m].from as readonly (SuggestionState | null)[]).filter((s) => s !== null)));
      expect(new Set(HANDLING_ACTIONS[action].states), action).toEqual(from);
    }
  });

  it('a rating makes one of the three rate transitions, by the result and whether the class is tracked', () => {
    expect(TRANSITIONS[ratingMove('unsatisfied', true)].to).toBe('rehandling');
    expect(TRANSITIONS[ratingMove('unsatisfied', false)].to).toBe('rehandling');
    expect(TRANSITIONS[ratingMove('satisfied', true)].to).toBe('tracking');
    expect(TRANSITIONS[ratingMove('basically', false)].to).toBe('closed');
  });

  it('a replying unit’s 签收 moves the suggestion as the sign_for row says', () => {
    expect(TRANSITIONS.sign_for.from).toEqual(['assigned']);
    expect(TRANSITIONS.sign_for.to).toBe('in_progress');
    expect(HANDLING_ACTIONS.sign_for.states).toContain('assigned');
  });
});

describe('the guards', () => {
  it('where the write records the state it came from, the guard is that state, and nothing when the table forbids it', () => {
    expect(guardStates('reassign', 'in_progress')).toEqual(['in_progress']);
    expect(guardStates('reassign', 'replied')).toEqual([]);
    expect(guardStates('close', 'tracking')).toEqual(['tracking']);
    expect(guardStates('resubmit', 'submitted')).toEqual([]);
  });

  it('elsewhere the guard is the table’s whole list', () => {
    expect(guardStates('extend', 'in_progress')).toEqual(['assigned', 'in_progress', 'return_requested', 'rehandling']);
    expect(guardStates('correct_class')).toEqual(['replied', 'tracking', 'rehandling', 'closed']);
  });

  it('a unit’s action checks its part’s role and state; staff’s actions on the whole suggestion check none', () => {
    expect(guardPart('reply')).toEqual({ roles: ['lead', 'split'], states: ['in_progress'] });
    expect(guardPart('opinion')).toEqual({ roles: ['assist'], states: ['assigned', 'in_progress'] });
    expect(guardPart('accept')).toBeNull();
  });
});

describe('见面/沟通 (where the page and the write used to disagree)', () => {
  const part = (role: AssignmentRole, state: AssignmentState): ActionAssignment => ({ id: 1, unitId: UNIT, role, state, returnDue: '2026-03-10' });
  const unit = actorOf('unit_clerk');

  it('an assisting unit that has signed records a contact while the lead unit has not signed yet (已交办)', () => {
    const offered = availableActions(unit, subject('assigned', part('assist', 'in_progress')), TODAY);
    expect(offered.has('contact')).toBe(true);
    expect(guardsLetThrough('contact', 'assigned', part('assist', 'in_progress'))).toBe(true);
  });

  it('a unit that has not signed for its part records no contact, on the page or through the write', () => {
    for (const state of ['assigned', 'in_progress', 'rehandling'] as const) {
      expect(availableActions(unit, subject(state, part('lead', 'assigned')), TODAY).has('contact')).toBe(false);
      expect(guardsLetThrough('contact', state, part('lead', 'assigned'))).toBe(false);
    }
  });

  it('no contact on a closed, merged or rejected suggestion, nor before it is assigned', () => {
    for (const state of ['closed', 'merged', 'rejected', 'accepted', 'submitted'] as const) {
      expect(guardStates('contact').includes(state)).toBe(false);
      expect(availableActions(unit, subject(state, part('lead', 'in_progress')), TODAY).has('contact')).toBe(false);
    }
  });
});

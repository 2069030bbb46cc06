/**
 * The suggestion's life as a rulebook: every transition × role × state,
 * against an expected table written out here in the field's words, plus the
 * situations people ask about.
 */
import { describe, expect, it } from 'vitest';
import { TENANT_ROLES, type Role } from '../../worker/rules/roles';
import { SUGGESTION_STATES, TRANSITION_NAMES, transitionFor, type SuggestionState, type TransitionName } from '../../worker/rules/suggestion-states';

const ALL_ROLES: Role[] = [...TENANT_ROLES, 'platform_operator'];
const ALL_FROM: (SuggestionState | null)[] = [null, ...SUGGESTION_STATES];

/** transition: [from states, to, who] — the rulebook of DOMAIN.md. */
const RULEBOOK: Record<TransitionName, [(SuggestionState | null)[], SuggestionState, Role[]]> = {
  save_draft: [[null, 'draft'], 'draft', ['deputy', 'liaison_clerk']],
  submit: [[null, 'draft', 'returned'], 'submitted', ['deputy', 'liaison_clerk']],
  return_for_revision: [['submitted'], 'returned', ['staff']],
  reject: [['submitted'], 'rejected', ['staff']],
  merge: [['submitted', 'accepted'], 'merged', ['staff']],
  accept: [['submitted'], 'accepted', ['staff']],
  assign: [['accepted'], 'assigned', ['staff']],
  sign_for: [['assigned'], 'in_progress', ['unit_clerk']],
  request_return: [['assigned', 'in_progress'], 'return_requested', ['unit_clerk']],
  approve_return: [['return_requested'], 'accepted', ['staff']],
  refuse_return: [['return_requested'], 'in_progress', ['staff']],
  reassign: [['assigned', 'in_progress'], 'assigned', ['staff']],
  reply: [['in_progress', 'rehandling'], 'replied', ['unit_clerk']],
  rate_and_close: [['replied'], 'closed', ['deputy']],
  rate_and_track: [['replied'], 'tracking', ['deputy']],
  rate_unsatisfied: [['replied'], 'rehandling', ['deputy']],
  final_reply: [['tracking'], 'closed', ['unit_clerk']],
  close: [['replied', 'tracking'], 'closed', ['staff']],
};

describe('every transition × role × state', () => {
  it('the rulebook names every transition the machine has', () => {
    expect(Object.keys(RULEBOOK).sort()).toEqual([...TRANSITION_NAMES].sort());
  });

  for (const name of TRANSITION_NAMES) {
    const [froms, to, roles] = RULEBOOK[name];
    it(`${name}: allowed only from ${froms.map(String).join('/')} by ${roles.join('/')}, to ${to}`, () => {
      for (const role of ALL_ROLES) {
        for (const from of ALL_FROM) {
          const result = transitionFor(name, from, role);
          const allowed = roles.includes(role) && froms.includes(from);
          expect(result.ok, `${name} from ${from} by ${role}`).toBe(allowed);
          if (result.ok) expect(result.to).toBe(to);
        }
      }
    });
  }
});

describe('situations', () => {
  it('a unit cannot reply to a merged, rejected or closed suggestion', () => {
    for (const from of ['merged', 'rejected', 'closed'] as const) {
      expect(transitionFor('reply', from, 'unit_clerk')).toEqual({ ok: false, reason: 'not_allowed_from_state' });
    }
  });
  it('a deputy cannot accept or assign their own suggestion', () => {
    expect(transitionFor('accept', 'submitted', 'deputy')).toEqual({ ok: false, reason: 'not_allowed_for_role' });
    expect(transitionFor('assign', 'accepted', 'deputy')).toEqual({ ok: false, reason: 'not_allowed_for_role' });
  });
  it('a returned suggestion is resubmitted by its deputy', () => {
    expect(transitionFor('submit', 'returned', 'deputy')).toEqual({ ok: true, to: 'submitted' });
  });
  it('不满意 on a reply sends it to rehandling, whose second reply is rated again', () => {
    expect(transitionFor('rate_unsatisfied', 'replied', 'deputy')).toEqual({ ok: true, to: 'rehandling' });
    expect(transitionFor('reply', 'rehandling', 'unit_clerk')).toEqual({ ok: true, to: 'replied' });
  });
  it('the platform operator can move no suggestion anywhere', () => {
    for (const name of TRANSITION_NAMES) {
      for (const from of ALL_FROM) expect(transitionFor(name, from, 'platform_operator').ok).toBe(false);
    }
  });
});

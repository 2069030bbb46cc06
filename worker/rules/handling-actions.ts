/**
 * The one table of handling actions (DOMAIN.md, "A suggestion's life"): for
 * each action on a suggestion, the permission it needs, the suggestion
 * states it may start from, and, for a unit's action, which of the unit's
 * parts (主办/协办/分办, by role and state) it works on. The detail page's
 * offered actions (available-actions.ts) and the write guards of
 * db/repos/handling read this table and nothing else for those lists.
 */
import type { Action } from './roles';
import { TRANSITIONS, type SuggestionState, type TransitionName } from './suggestion-states';

export type UiAction =
  | 'accept'
  | 'return_for_revision'
  | 'reject'
  | 'merge'
  | 'classify'
  | 'assign'
  | 'reassign'
  | 'approve_return'
  | 'refuse_return'
  | 'extend'
  | 'correct_class'
  | 'close'
  | 'sign_for'
  | 'request_return'
  | 'opinion'
  | 'contact'
  | 'reply'
  | 'progress'
  | 'final_reply'
  | 'rate'
  | 'resubmit'
  | 'raise_colour'
  | 'supervise';

/** A unit's part of a suggestion: 主办 (lead), 协办 (assist) or 分办 (split). */
export type AssignmentRole = 'lead' | 'assist' | 'split';
export const ASSIGNMENT_ROLES: readonly AssignmentRole[] = ['lead', 'assist', 'split'];

export const ASSIGNMENT_STATES = ['assigned', 'in_progress', 'return_requested', 'replied', 'withdrawn'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Parts that reply to the deputy (the lead unit, or each unit of a split). */
export const REPLYING_ROLES: readonly AssignmentRole[] = ['lead', 'split'];
/** Parts that still belong to the suggestion (not withdrawn by 改交办 or 同意退回). */
export const ACTIVE_PART_STATES: readonly AssignmentState[] = ['assigned', 'in_progress', 'return_requested', 'replied'];
/** Parts that still owe work (a replying part here has not replied yet). */
export const OWING_PART_STATES: readonly AssignmentState[] = ['assigned', 'in_progress', 'return_requested'];

/** States in which the units' work is open (sign-for, opinion, extension). */
const UNIT_WORK: readonly SuggestionState[] = ['assigned', 'in_progress', 'return_requested', 'rehandling'];
/** States in which stages run against the clock, so 督办 applies. */
const SUPERVISED: readonly SuggestionState[] = ['assigned', 'return_requested', 'in_progress', 'replied', 'rehandling', 'tracking'];

/** States a suggestion may be in to take another one in by 并案 (not yet replied or finished). */
export const MERGE_TARGET_STATES: readonly SuggestionState[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'return_requested'];

/** Which part of a suggestion a unit's (or staff's) action works on. */
export interface PartRule {
  /** 'own': the actor's unit's part; 'any': the first part that matches (staff deciding a return request). */
  whose: 'own' | 'any';
  roles: readonly AssignmentRole[];
  states: readonly AssignmentState[];
}

export interface HandlingActionRule {
  /** The permission (worker/rules/roles.ts) it needs; none when the transition's roles decide alone. */
  permission?: Action;
  /** Suggestion states it may start from. */
  states: readonly SuggestionState[];
  /** The transitions it makes: their roles must include the actor's (their from-states are `states`). */
  moves?: readonly TransitionName[];
  part?: PartRule;
  /** Beside the table: who owns the item ('lead_deputy': rates; 'author': the lead deputy or who typed it). */
  owner?: 'lead_deputy' | 'author';
  /** Beside the table: the 7-working-day return window of the part (申请退回). */
  returnWindow?: true;
  /** The guard checks that the state is still the one the caller saw (the timeline records it as `from`). */
  guardsSeenState?: true;
}

/** The non-null from-states of the given transitions. */
function fromOf(...names: TransitionName[]): SuggestionState[] {
  const out: SuggestionState[] = [];
  for (const n of names) {
    for (const s of TRANSITIONS[n].from as readonly (SuggestionState | null)[]) if (s !== null && !out.includes(s)) out.push(s);
  }
  return out;
}

const move = (name: TransitionName, more: Partial<HandlingActionRule> = {}): HandlingActionRule => ({
  states: fromOf(name),
  moves: [name],
  guardsSeenState: true,
  ...more,
});

/**
 * The table, in the order the page lists the actions. Staff's review and
 * assignment first, then the units' work, supervision, the deputy's own.
 */
export const HANDLING_ACTIONS: Readonly<Record<UiAction, HandlingActionRule>> = {
  accept: move('accept', { permission: 'suggestion.review' }),
  return_for_revision: move('return_for_revision', { permission: 'suggestion.review' }),
  reject: move('reject', { permission: 'suggestion.review' }),
  merge: move('merge', { permission: 'suggestion.review' }),
  /** Category and 重点建议 until the units' work is done. */
  classify: { permission: 'suggestion.review', states: ['accepted', 'assigned', 'in_progress'], guardsSeenState: true },
  close: move('close', { permission: 'suggestion.review' }),
  /** Staff correct a reply's class once there is a reply. */
  correct_class: { permission: 'suggestion.review', states: ['replied', 'tracking', 'rehandling', 'closed'] },
  assign: move('assign', { permission: 'suggestion.assign' }),
  reassign: move('reassign', { permission: 'suggestion.assign' }),
  approve_return: move('approve_return', { permission: 'suggestion.assign' }),
  refuse_return: move('refuse_return', {
    permission: 'suggestion.assign',
    part: { whose: 'any', roles: ASSIGNMENT_ROLES, states: ['return_requested'] },
  }),
  extend: { permission: 'suggestion.assign', states: UNIT_WORK },
  /** 签收: every part signs for itself; a replying part's signature moves the suggestion (TRANSITIONS.sign_for). */
  sign_for: { permission: 'suggestion.handle', states: UNIT_WORK, part: { whose: 'own', roles: ASSIGNMENT_ROLES, states: ['assigned'] } },
  request_return: move('request_return', {
    permission: 'suggestion.handle',
    part: { whose: 'own', roles: REPLYING_ROLES, states: ['assigned', 'in_progress'] },
    returnWindow: true,
  }),
  opinion: { permission: 'suggestion.handle', states: UNIT_WORK, part: { whose: 'own', roles: ['assist'], states: ['assigned', 'in_progress'] } },
  reply: move('reply', { permission: 'suggestion.handle', part: { whose: 'own', roles: REPLYING_ROLES, states: ['in_progress'] } }),
  progress: { permission: 'suggestion.handle', states: ['tracking'], part: { whose: 'own', roles: REPLYING_ROLES, states: ACTIVE_PART_STATES } },
  final_reply: move('final_reply', {
    permission: 'suggestion.handle',
    part: { whose: 'own', roles: REPLYING_ROLES, states: ACTIVE_PART_STATES },
  }),
  /**
   * 见面/沟通: any unit that has signed for its part, from the moment it works
   * on the item until the item is closed. (The page used to refuse it while
   * the suggestion was still 已交办 — an assisting unit that had signed
   * before the lead unit — and the write used to accept it from a unit that
   * had not signed; the table settles both.)
   */
  contact: {
    permission: 'suggestion.handle',
    states: ['assigned', 'in_progress', 'rehandling', 'replied', 'tracking'],
    part: { whose: 'own', roles: ASSIGNMENT_ROLES, states: ['in_progress', 'return_requested', 'replied'] },
  },
  raise_colour: { permission: 'suggestion.supervise', states: SUPERVISED },
  supervise: { permission: 'suggestion.supervise', states: SUPERVISED },
  rate: {
    permission: 'suggestion.rate',
    states: fromOf('rate_and_close', 'rate_and_track', 'rate_unsatisfied'),
    moves: ['rate_and_close', 'rate_and_track', 'rate_unsatisfied'],
    owner: 'lead_deputy',
  },
  resubmit: { states: ['returned', 'draft'], moves: ['submit'], owner: 'author', guardsSeenState: true },
};

export const UI_ACTIONS = Object.keys(HANDLING_ACTIONS) as UiAction[];

/**
 * The suggestion states a write of `action` may start from, as its guard
 * puts them in SQL: the table's list, or, where the guard also checks that
 * nothing moved since the caller looked, just the state the caller saw (and
 * nothing at all if the table does not allow that state).
 */
export function guardStates(action: UiAction, seen?: string): readonly SuggestionState[] {
  const rule = HANDLING_ACTIONS[action];
  if (seen === undefined || !rule.guardsSeenState) return rule.states;
  return rule.states.filter((s) => s === seen);
}

/** The part a write of `action` works on must have one of these roles and states (null: no part). */
export function guardPart(action: UiAction): { roles: readonly AssignmentRole[]; states: readonly AssignmentState[] } | null {
  const part = HANDLING_ACTIONS[action].part;
  return part ? { roles: part.roles, states: part.states } : null;
}

/** Whether a part matches the table's part rule of `action`. */
export function partFits(action: UiAction, part: { role: string; state: string }): boolean {
  const rule = guardPart(action);
  return rule !== null && (rule.roles as readonly string[]).includes(part.role) && (rule.states as readonly string[]).includes(part.state);
}

/**
 * 满意度测评: which transition a rating makes. 不满意 on the result sends it
 * to rehandling; otherwise a tracked class (B, or C where the tenant tracks
 * it) goes to tracking, any other is closed.
 */
export function ratingMove(
  result: 'satisfied' | 'basically' | 'unsatisfied',
  tracked: boolean,
): 'rate_unsatisfied' | 'rate_and_track' | 'rate_and_close' {
  if (result === 'unsatisfied') return 'rate_unsatisfied';
  return tracked ? 'rate_and_track' : 'rate_and_close';
}

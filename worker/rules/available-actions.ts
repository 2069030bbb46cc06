/**
 * What the signed-in person may do to one suggestion right now. The detail
 * page shows exactly these forms, and every action route refuses anything
 * not in this list — one rule for both, built on the transition table and
 * on ownership (the lead deputy, the assigned unit) and windows (the return
 * request's 7 working days).
 */
import type { IsoDate } from './calendar';
import { can, type Actor } from './roles';
import { transitionFor, type SuggestionState, type TransitionName } from './suggestion-states';

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

export interface ActionAssignment {
  id: number;
  unitId: number;
  role: string;
  state: string;
  returnDue: string;
}

export interface ActionSubject {
  state: SuggestionState;
  leadDeputyId: number;
  enteredByUserId: number;
  assignments: readonly ActionAssignment[];
}

/** The actions, each with the unit part it applies to (for unit actions). */
export type AvailableActions = Map<UiAction, ActionAssignment | null>;

/** States in which stages run against the clock, so 督办 applies. */
const SUPERVISED: readonly SuggestionState[] = ['assigned', 'return_requested', 'in_progress', 'replied', 'rehandling', 'tracking'];

export function availableActions(actor: Actor, s: ActionSubject, today: IsoDate): AvailableActions {
  const out: AvailableActions = new Map();
  const allowed = (t: TransitionName) => transitionFor(t, s.state, actor.role).ok;
  const add = (a: UiAction, part: ActionAssignment | null = null) => out.set(a, part);

  if (can(actor.role, 'suggestion.review')) {
    if (allowed('accept')) add('accept');
    if (allowed('return_for_revision')) add('return_for_revision');
    if (allowed('reject')) add('reject');
    if (allowed('merge')) add('merge');
    if (['accepted', 'assigned', 'in_progress'].includes(s.state)) add('classify');
    if (allowed('close')) add('close');
    if (['replied', 'tracking', 'rehandling', 'closed'].includes(s.state)) add('correct_class');
  }
  if (can(actor.role, 'suggestion.assign')) {
    if (allowed('assign')) add('assign');
    if (allowed('reassign')) add('reassign');
    if (allowed('approve_return')) add('approve_return');
    if (allowed('refuse_return')) {
      const asking = s.assignments.find((a) => a.state === 'return_requested');
      if (asking) add('refuse_return', asking);
    }
    if (['assigned', 'in_progress', 'return_requested', 'rehandling'].includes(s.state)) add('extend');
  }
  if (can(actor.role, 'suggestion.handle') && actor.unitId != null) {
    const mine = s.assignments.find((a) => a.unitId === actor.unitId && a.state !== 'withdrawn');
    if (mine) {
      const replying = mine.role === 'lead' || mine.role === 'split';
      const open = ['assigned', 'in_progress', 'return_requested', 'rehandling'].includes(s.state);
      if (mine.state === 'assigned' && open) add('sign_for', mine);
      if (replying && ['assigned', 'in_progress'].includes(mine.state) && allowed('request_return') && today <= mine.returnDue) {
        add('request_return', mine);
      }
      if (mine.role === 'assist' && ['assigned', 'in_progress'].includes(mine.state) && open) add('opinion', mine);
      if (replying && mine.state === 'in_progress' && allowed('reply')) add('reply', mine);
      if (replying && s.state === 'tracking') {
        add('progress', mine);
        if (allowed('final_reply')) add('final_reply', mine);
      }
      if (['in_progress', 'rehandling', 'replied', 'tracking'].includes(s.state) && mine.state !== 'assigned') {
        add('contact', mine);
      }
    }
  }
  if (can(actor.role, 'suggestion.supervise') && SUPERVISED.includes(s.state)) {
    add('raise_colour');
    add('supervise');
  }
  if (can(actor.role, 'suggestion.rate') && actor.deputyId === s.leadDeputyId && s.state === 'replied') add('rate');
  if (
    (s.state === 'returned' || s.state === 'draft') &&
    allowed('submit') &&
    (actor.deputyId === s.leadDeputyId || actor.userId === s.enteredByUserId)
  ) {
    add('resubmit');
  }
  return out;
}

/**
 * What the signed-in person may do to one suggestion right now. The detail
 * page shows exactly these forms, and every action route refuses anything
 * not in this list. It reads the one table of handling actions
 * (handling-actions.ts: permission, states, the unit's part) and adds what
 * the table leaves to it: ownership (the lead deputy, the author) and the
 * return request's window of 7 working days.
 */
import type { IsoDate } from './calendar';
import { can, type Actor } from './roles';
import { transitionFor, type SuggestionState } from './suggestion-states';
import { HANDLING_ACTIONS, UI_ACTIONS, partFits, type UiAction } from './handling-actions';

export type { UiAction };

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

export function availableActions(actor: Actor, s: ActionSubject, today: IsoDate): AvailableActions {
  const out: AvailableActions = new Map();
  // The actor's unit's part: its first one not withdrawn.
  const mine = actor.unitId != null ? s.assignments.find((a) => a.unitId === actor.unitId && a.state !== 'withdrawn') : undefined;
  for (const action of UI_ACTIONS) {
    const rule = HANDLING_ACTIONS[action];
    if (rule.permission && !can(actor.role, rule.permission)) continue;
    if (!rule.states.includes(s.state)) continue;
    if (rule.moves && !rule.moves.some((m) => transitionFor(m, s.state, actor.role).ok)) continue;
    if (rule.owner === 'lead_deputy' && actor.deputyId !== s.leadDeputyId) continue;
    if (rule.owner === 'author' && actor.deputyId !== s.leadDeputyId && actor.userId !== s.enteredByUserId) continue;
    let part: ActionAssignment | null = null;
    if (rule.part) {
      const found = rule.part.whose === 'own' ? mine : s.assignments.find((a) => partFits(action, a));
      if (!found || !partFits(action, found)) continue;
      if (rule.returnWindow && today > found.returnDue) continue;
      part = found;
    }
    out.set(action, part);
  }
  return out;
}

/**
 * Loading one suggestion for a page, an action or the API: scoped to the
 * tenant by the data layer, visible only to those the ownership rule allows
 * (others get nothing, so its existence is not revealed), with the actions
 * the signed-in person may take on it now.
 */
import type { SuggestionDetail } from '../../../db/tenant-data';
import type { UseCaseContext } from '../context';
import { userOf } from '../context';
import { chinaDateOf } from '../../rules/calendar';
import { availableActions, type AvailableActions } from '../../rules/available-actions';
import { canSeeSuggestion, type Actor } from '../../rules/roles';
import { isSuggestionState } from '../../rules/suggestion-states';

export function actorOf(c: UseCaseContext): Actor {
  const user = userOf(c);
  return { userId: user.id, role: user.role, deputyId: user.deputyId, unitId: user.unitId };
}

export interface LoadedSuggestion {
  s: SuggestionDetail;
  actions: AvailableActions;
  today: string;
}

export async function loadSuggestion(c: UseCaseContext, id: number): Promise<LoadedSuggestion | null> {
  const s = await c.var.data.suggestions.detail(id);
  if (!s || !isSuggestionState(s.state)) return null;
  const actor = actorOf(c);
  const visible = canSeeSuggestion(actor, {
    leadDeputyId: s.leadDeputyId,
    enteredByUserId: s.enteredByUserId,
    cosignerDeputyIds: s.cosigners.map((x) => x.deputyId),
    assignedUnitIds: s.assignments.filter((a) => a.state !== 'withdrawn').map((a) => a.unitId),
  });
  // A draft is the deputy's own until it is submitted: nobody else sees it.
  const ownDraft = s.state !== 'draft' || actor.deputyId === s.leadDeputyId || actor.userId === s.enteredByUserId;
  if (!visible || !ownDraft) return null;
  const today = chinaDateOf(Date.now());
  const actions = availableActions(actor, { ...s, state: s.state }, today);
  return { s, actions, today };
}

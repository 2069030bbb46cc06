/**
 * One handling action as the signed-in user — the one rule for the page's
 * forms and the JSON API: may they do it now (available-actions, read from
 * the table of handling actions) → validate (zod + tenant data) → the
 * action's single atomic write (db/repos/handling). A move somebody else
 * made first is a conflict that changed nothing. The actions themselves are
 * in act/: staff's review, assignment, the units' work, the reply, the
 * rating and 督办.
 */
import { isPreconditionFailure } from '../../../db/guard';
import { ACTION_SCHEMAS, parseAction, type ActionErrors, type ActionValues, type FormAction } from '../../forms/suggestion-actions';
import type { UiAction } from '../../rules/available-actions';
import { actorNameOf, type UseCaseContext } from '../context';
import type { LoadedSuggestion } from './load';
import type { ActionCall, Handlers, Outcome } from './act/call';
import { reviewActions } from './act/review';
import { assignActions } from './act/assign';
import { unitActions } from './act/unit';
import { replyAction } from './act/reply';
import { ratingAction } from './act/rating';
import { supervisionActions } from './act/supervision';

const HANDLERS: Handlers = {
  ...reviewActions,
  ...assignActions,
  ...unitActions,
  ...replyAction,
  ...supervisionActions,
  ...ratingAction,
};

export function isFormAction(name: string): name is FormAction {
  return name in ACTION_SCHEMAS;
}

/** What became of an action: done, or why not. */
export type ActionResult =
  { ok: true } | { ok: false; reason: 'not_allowed' } | { ok: false; reason: 'invalid'; errors: ActionErrors } | { ok: false; reason: 'conflict' };

export async function performAction(
  c: UseCaseContext,
  loaded: LoadedSuggestion,
  action: FormAction,
  values: ActionValues,
  files: File[] = [],
): Promise<ActionResult> {
  if (!loaded.actions.has(action as UiAction)) return { ok: false, reason: 'not_allowed' };
  const parsed = parseAction(action, values);
  if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
  const call: ActionCall<FormAction> = {
    c,
    loaded,
    input: parsed.value,
    part: loaded.actions.get(action as UiAction) ?? null,
    actor: actorNameOf(c),
    now: Date.now(),
    files,
  };
  try {
    const handler = HANDLERS[action] as (call: ActionCall<FormAction>) => Promise<Outcome>;
    const errors = await handler(call);
    if (errors) return { ok: false, reason: 'invalid', errors };
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return { ok: false, reason: 'conflict' };
  }
  return { ok: true };
}

/**
 * Handling actions on one suggestion: `POST /suggestions/{id}/act/{action}`.
 * The route reads the action's form through the one form boundary
 * (worker/forms/validate.ts, the action's schema in
 * worker/forms/suggestion-actions.ts), calls the use case
 * (worker/usecases/suggestions/act.ts: allowed now? → validate → one atomic
 * write) and renders: back to the suggestion's page, a refused form with
 * its messages (422), or a move somebody else made first (409, nothing
 * changed). An action not offered now is a 409 before its form is judged.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppContext, AppEnv } from '../../context';
import { requireFormToken, requireUser } from '../../middleware/access';
import { ACTION_SCHEMAS, type ActionErrors, type ActionValues, type FormAction } from '../../forms/suggestion-actions';
import { form } from '../../forms/validate';
import type { UiAction } from '../../rules/available-actions';
import { notFound } from '../../errors';
import { text } from '../../../views/i18n';
import { isFormAction, performAction } from '../../usecases/suggestions/act';
import { loadSuggestion, type LoadedSuggestion } from '../../usecases/suggestions/load';
import { renderDetail } from './view';

const h = text.handling;

/** The action named in the path, if it is one with a form. */
function actionOf(c: AppContext): FormAction | null {
  const name = c.req.param('action') ?? '';
  return isFormAction(name) ? name : null;
}

/** The suggestion and the action, or the answer when either is missing or the action is not offered now. */
async function target(c: AppContext): Promise<{ loaded: LoadedSuggestion; action: FormAction } | Response> {
  const action = actionOf(c);
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || !action) return notFound(c);
  if (!loaded.actions.has(action as UiAction)) return renderDetail(c, loaded, { status: 409, alert: h.notAllowed });
  return { loaded, action };
}

/** The page again with the refused form and its messages. */
async function refused(c: AppContext, values: ActionValues, errors: ActionErrors) {
  const found = await target(c);
  if (found instanceof Response) return found;
  return renderDetail(c, found.loaded, { status: 422, failed: { action: found.action, values, errors } });
}

const actionForm = form(
  (c) => {
    const action = actionOf(c);
    return (action ? ACTION_SCHEMAS[action] : z.object({})) as z.ZodObject;
  },
  (c, values, errors) => refused(c, values, errors),
);

export const actRoutes = new Hono<AppEnv>();

actRoutes.post('/suggestions/:id{[0-9]{1,15}}/act/:action{[a-z_]{2,40}}', requireUser, requireFormToken, actionForm, async (c) => {
  const found = await target(c);
  if (found instanceof Response) return found;
  const { loaded, action } = found;
  const { values } = c.req.valid('form');
  const body = await c.req.parseBody({ all: true });
  const files = (Array.isArray(body['files']) ? body['files'] : [body['files']]).filter(
    (f): f is File => f instanceof File && f.size > 0,
  );
  const result = await performAction(c, loaded, action, values, files);
  if (result.ok) return c.redirect(`${c.var.base}/suggestions/${loaded.s.id}?done=${action}`, 303);
  if (result.reason === 'not_allowed') return renderDetail(c, loaded, { status: 409, alert: h.notAllowed });
  if (result.reason === 'invalid') return renderDetail(c, loaded, { status: 422, failed: { action, values, errors: result.errors } });
  const fresh = (await loadSuggestion(c, loaded.s.id)) ?? loaded;
  return renderDetail(c, fresh, { status: 409, alert: h.conflict, failed: { action, values, errors: {} } });
});

/**
 * Handling actions on one suggestion: `POST /suggestions/{id}/act/{action}`.
 * The route loads the suggestion (404 if the user may not see it, 409 if
 * the action is not offered now), reads the action's form through the one
 * form boundary (worker/forms/validate.ts, checkPosted, with the action's
 * schema from worker/forms/suggestion-actions.ts), calls the use case
 * (worker/usecases/suggestions/act.ts: allowed now? → validate → one atomic
 * write) and renders: back to the suggestion's page, a refused form with
 * its messages (422), or a move somebody else made first (409, nothing
 * changed).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { requireFormToken, requireUser } from '../../middleware/access';
import { ACTION_SCHEMAS, type ActionValues } from '../../forms/suggestion-actions';
import { checkPosted } from '../../forms/validate';
import type { UiAction } from '../../rules/available-actions';
import { notFound } from '../../errors';
import { text } from '../../../views/text/index';
import { isFormAction, performAction } from '../../usecases/suggestions/act';
import { loadSuggestion } from '../../usecases/suggestions/load';
import { renderDetail } from './view';

const h = text.handling;

/** The typed text without the optional fields that were not sent. */
function sent(values: Record<string, string | string[] | undefined>): ActionValues {
  const out: ActionValues = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}

export const actRoutes = new Hono<AppEnv>();

actRoutes.post('/suggestions/:id{[0-9]{1,15}}/act/:action{[a-z_]{2,40}}', requireUser, requireFormToken, async (c) => {
  const action = c.req.param('action');
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || !isFormAction(action)) return notFound(c);
  if (!loaded.actions.has(action as UiAction)) return renderDetail(c, loaded, { status: 409, alert: h.notAllowed });
  const posted = await checkPosted(c, ACTION_SCHEMAS[action]);
  const values = sent(posted.values);
  if (!posted.ok) return renderDetail(c, loaded, { status: 422, failed: { action, values, errors: posted.errors } });
  const body = await c.req.parseBody({ all: true });
  const files = (Array.isArray(body['files']) ? body['files'] : [body['files']]).filter((f): f is File => f instanceof File && f.size > 0);
  const result = await performAction(c, loaded, action, values, files);
  if (result.ok) return c.redirect(`${c.var.base}/suggestions/${loaded.s.id}?done=${action}`, 303);
  if (result.reason === 'not_allowed') return renderDetail(c, loaded, { status: 409, alert: h.notAllowed });
  if (result.reason === 'invalid') return renderDetail(c, loaded, { status: 422, failed: { action, values, errors: result.errors } });
  const fresh = (await loadSuggestion(c, loaded.s.id)) ?? loaded;
  return renderDetail(c, fresh, { status: 409, alert: h.conflict, failed: { action, values, errors: {} } });
});

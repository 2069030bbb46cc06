/**
 * Handling actions on one suggestion: `POST /suggestions/{id}/act/{action}`.
 * The route reads the form, calls the use case
 * (worker/usecases/suggestions/act.ts: allowed now? → validate → one atomic
 * write) and renders: back to the suggestion's page, a refused form with
 * its messages (422), or a move somebody else made first (409, nothing
 * changed).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { requireFormToken, requireUser } from '../../middleware/access';
import { actionValues, type ActionValues } from '../../forms/suggestion-actions';
import type { UiAction } from '../../rules/available-actions';
import { notFound } from '../../errors';
import { text } from '../../../views/i18n';
import { isFormAction, performAction } from '../../usecases/suggestions/act';
import { loadSuggestion } from '../../usecases/suggestions/load';
import { renderDetail } from './view';

const h = text.handling;

export const actRoutes = new Hono<AppEnv>();

actRoutes.post('/suggestions/:id{[0-9]{1,15}}/act/:action{[a-z_]{2,40}}', requireUser, requireFormToken, async (c) => {
  const name = c.req.param('action');
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || !isFormAction(name)) return notFound(c);
  const action = name as UiAction & typeof name;
  const body = await c.req.parseBody({ all: true });
  const values: ActionValues = actionValues(body);
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

/**
 * Acting on one suggestion: the lead deputy's rating (满意度测评), a unit's
 * 签收 and 答复. Each is the page's action (performAction): the same
 * available-actions rule, the same form parser and the same atomic write.
 * Replies through the API carry no attachments.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Action } from '../../rules/roles';
import type { ActionValues, FormAction } from '../../forms/suggestion-actions';
import { performAction } from '../../usecases/suggestions/act';
import { loadSuggestion } from '../../usecases/suggestions/load';
import { defineEndpoint } from '../endpoint';
import { apiError, sendJson } from '../errors';
import { detail } from '../present';
import { emptyBody, inboxResponse, rateBody, replyBody, suggestionDetail } from '../schemas';
import { loadFromPath } from './suggestions';
import { stateLabel } from '../present';

const ID_PATH = '/suggestions/:id{[0-9]{1,15}}';

/** Runs the page's action and answers with the suggestion as it is now. */
async function act(c: AppContext, action: FormAction, values: ActionValues) {
  const loaded = await loadFromPath(c);
  if (!loaded) return apiError(c, 'not_found');
  const result = await performAction(c, loaded, action, values);
  if (!result.ok) {
    if (result.reason === 'invalid') return apiError(c, 'validation_failed', { fields: result.errors });
    return apiError(c, result.reason === 'conflict' ? 'conflict' : 'not_allowed_now');
  }
  const fresh = await loadSuggestion(c, loaded.s.id);
  return fresh ? sendJson(c, detail(fresh)) : apiError(c, 'not_found');
}

const ACTION_ERRORS = ['forbidden', 'not_found', 'not_allowed_now', 'conflict', 'validation_failed'] as const;

/** A POST on one suggestion (`/suggestions/:id/<path>`) that runs the page's `action` with the values read from the body. */
function actionEndpoint<B extends z.ZodType>(e: {
  id: string;
  path: string;
  allow: Action;
  body: B;
  action: FormAction;
  values: (body: z.output<B>) => ActionValues;
}) {
  return defineEndpoint<B>({
    id: e.id,
    method: 'post',
    path: `${ID_PATH}/${e.path}`,
    allow: [e.allow],
    body: e.body,
    success: { status: 200, schema: suggestionDetail },
    errors: [...ACTION_ERRORS],
    handle: (c, { body }) => act(c, e.action, e.values(body as z.output<B>)),
  });
}

export const rate = actionEndpoint({
  id: 'rate',
  path: 'rating',
  allow: 'suggestion.rate',
  body: rateBody,
  action: 'rate',
  values: (body) => ({ attitude: body.attitude, result: body.result, comment: body.comment ?? '' }),
});

export const signFor = actionEndpoint({
  id: 'signFor',
  path: 'sign-for',
  allow: 'suggestion.handle',
  body: emptyBody,
  action: 'sign_for',
  values: () => ({}),
});

export const reply = actionEndpoint({
  id: 'reply',
  path: 'reply',
  allow: 'suggestion.handle',
  body: replyBody,
  action: 'reply',
  values: (body) => ({ body: body.body, signer: body.signer, reply_class: body.reply_class, promised_date: body.promised_date ?? '' }),
});

export const inbox = defineEndpoint({
  id: 'inbox',
  method: 'get',
  path: '/inbox',
  allow: ['suggestion.handle'],
  success: { status: 200, schema: inboxResponse },
  errors: ['forbidden'],
  async handle(c) {
    const unitId = c.var.user!.unitId;
    const [items, unitName] = unitId ? await Promise.all([c.var.data.units.inbox(unitId), c.var.data.units.nameOf(unitId)]) : [[], null];
    return sendJson(c, {
      unitName,
      items: items.map((i) => ({ ...i, stateLabel: stateLabel(i.suggestionState) })),
    });
  },
});

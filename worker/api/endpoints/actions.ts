/**
 * Acting on one suggestion: the lead deputy's rating (满意度测评), a unit's
 * 签收 and 答复. Each is the page's action (performAction): the same
 * available-actions rule, the same form parser and the same atomic write.
 * Replies through the API carry no attachments.
 */
import type { AppContext } from '../../context';
import type { ActionValues, FormAction } from '../../forms/suggestion-actions';
import { performAction } from '../../routes/suggestions/act';
import { loadSuggestion } from '../../routes/suggestions/load';
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

export const rate = defineEndpoint({
  id: 'rate',
  method: 'post',
  path: `${ID_PATH}/rating`,
  allow: ['suggestion.rate'],
  body: rateBody,
  success: { status: 200, schema: suggestionDetail },
  errors: [...ACTION_ERRORS],
  handle: (c, { body }) => act(c, 'rate', { attitude: body.attitude, result: body.result, comment: body.comment ?? '' }),
});

export const signFor = defineEndpoint({
  id: 'signFor',
  method: 'post',
  path: `${ID_PATH}/sign-for`,
  allow: ['suggestion.handle'],
  body: emptyBody,
  success: { status: 200, schema: suggestionDetail },
  errors: [...ACTION_ERRORS],
  handle: (c) => act(c, 'sign_for', {}),
});

export const reply = defineEndpoint({
  id: 'reply',
  method: 'post',
  path: `${ID_PATH}/reply`,
  allow: ['suggestion.handle'],
  body: replyBody,
  success: { status: 200, schema: suggestionDetail },
  errors: [...ACTION_ERRORS],
  handle: (c, { body }) =>
    act(c, 'reply', { body: body.body, signer: body.signer, reply_class: body.reply_class, promised_date: body.promised_date ?? '' }),
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

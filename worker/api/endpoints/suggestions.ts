/**
 * A deputy's (or liaison clerk's) suggestions: the own list, one
 * suggestion with its replies, and 提出建议 — each through the same domain
 * code as the pages (ownSuggestions, loadSuggestion, enterSuggestion).
 */
import type { AppContext } from '../../context';
import { defineEndpoint } from '../endpoint';
import { apiError, sendJson } from '../errors';
import { createSuggestionBody, createdResponse, listResponse, pageQuery, repliesResponse, suggestionDetail } from '../schemas';
import { detail, listItem, replies } from '../present';
import { ownSuggestions } from '../../usecases/suggestions/own-list';
import { loadSuggestion } from '../../usecases/suggestions/load';
import { enterSuggestion } from '../../usecases/suggestions/submit';
import { PAGE_SIZE } from '../../../db/tenant-data';
import { sha256Hex } from '../../auth/token';
import type { Action } from '../../rules/roles';

/** Who may read one suggestion at all (which one: canSeeSuggestion, in loadSuggestion). */
export const MAY_VIEW: Action[] = ['suggestion.view_own', 'suggestion.view_all', 'suggestion.view_assigned'];
const ID_PATH = '/suggestions/:id{[0-9]{1,15}}';

/** The suggestion named in the path, if the caller may see it. */
export const loadFromPath = (c: AppContext) => loadSuggestion(c, Number(c.req.param('id')));

export const listSuggestions = defineEndpoint({
  id: 'listSuggestions',
  method: 'get',
  path: '/suggestions',
  allow: ['suggestion.view_own'],
  query: pageQuery,
  success: { status: 200, schema: listResponse },
  errors: ['forbidden', 'validation_failed'],
  async handle(c, { query }) {
    const page = Number(query.page ?? 0);
    const items = await ownSuggestions(c, page);
    return sendJson(c, { items: items.map(listItem), page, hasMore: items.length === PAGE_SIZE });
  },
});

export const readSuggestion = defineEndpoint({
  id: 'readSuggestion',
  method: 'get',
  path: ID_PATH,
  allow: MAY_VIEW,
  success: { status: 200, schema: suggestionDetail },
  errors: ['forbidden', 'not_found'],
  async handle(c) {
    const loaded = await loadFromPath(c);
    return loaded ? sendJson(c, detail(loaded)) : apiError(c, 'not_found');
  },
});

export const listReplies = defineEndpoint({
  id: 'listReplies',
  method: 'get',
  path: `${ID_PATH}/replies`,
  allow: MAY_VIEW,
  success: { status: 200, schema: repliesResponse },
  errors: ['forbidden', 'not_found'],
  async handle(c) {
    const loaded = await loadFromPath(c);
    return loaded ? sendJson(c, { items: replies(loaded.s) }) : apiError(c, 'not_found');
  },
});

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The stored idempotency key: the client's key is the caller's own, so it
 * is bound to the user (two apps choosing the same key do not collide).
 */
async function storedKey(userId: number, key: string): Promise<string> {
  return `api-${(await sha256Hex(`${userId}:${key}`)).slice(0, 40)}`;
}

export const createSuggestion = defineEndpoint({
  id: 'createSuggestion',
  method: 'post',
  path: '/suggestions',
  allow: ['suggestion.submit_own', 'suggestion.submit_for_deputy'],
  body: createSuggestionBody,
  headers: [{ name: 'Idempotency-Key', required: true, description: '8 到 64 位字母、数字、“-”或“_”；重试时使用同一个值' }],
  success: { status: 201, schema: createdResponse, alsoStatus: 200 },
  errors: ['forbidden', 'idempotency_key_required', 'validation_failed'],
  async handle(c, { body }) {
    const key = c.req.header('Idempotency-Key') ?? '';
    if (!KEY.test(key)) return apiError(c, 'idempotency_key_required');
    const user = c.var.user!;
    const entered = await enterSuggestion(
      c,
      {
        title: body.title,
        content: body.content,
        category_id: String(body.category_id),
        source_channel: body.source_channel,
        cosigners: (body.cosigners ?? []).map(String),
        deputy_id: body.deputy_id ? String(body.deputy_id) : '',
        idempotency_key: await storedKey(user.id, key),
      },
      'submit',
    );
    if (!entered.ok) return apiError(c, 'validation_failed', { fields: entered.errors as Record<string, string> });
    const loaded = await loadSuggestion(c, entered.id);
    if (!loaded) throw new Error(`created suggestion ${entered.id} not visible to its author`);
    return sendJson(c, { id: entered.id, created: entered.created, suggestion: detail(loaded) }, entered.created ? 201 : 200);
  },
});

/**
 * /api/v1: the JSON API for deputies' and units' apps (issue 6). Mounted at
 * `/t/{slug}/api/v1` on the platform's hosts and `/api/v1` on a county's
 * mapped hostname, ahead of the pages' session, CSRF and HTML error
 * handling: auth is a Bearer token only, every answer is JSON.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../context';
import * as z from 'zod';
import { defineEndpoint, register, type Endpoint } from './endpoint';
import { apiError, sendJson } from './errors';
import { apiTenant, type TenantEntrance } from './tenant';
import { openApiDocument } from './openapi';
import { me, suggestionOptions } from './endpoints/me';
import { createSuggestion, listReplies, listSuggestions, readSuggestion } from './endpoints/suggestions';
import { inbox, rate, reply, signFor } from './endpoints/actions';
import { text } from '../../views/text/index';

/** Largest request body: a 10,000-character reply written as \u escapes fits. */
export const API_MAX_BODY_BYTES = 128 * 1024;

/** `/t/{slug}/api/v1/…` or `/api/v1/…`: the pages' body limit and Origin check leave these alone. */
export function isApiPath(pathname: string): boolean {
  return /^(?:\/t\/[^/]+)?\/api\/v1(?:\/|$)/.test(pathname);
}

/** The document itself: no token needed. */
const openapi = defineEndpoint({
  id: 'openapi',
  method: 'get',
  path: '/openapi.json',
  public: true,
  success: { status: 200, schema: z.looseObject({ openapi: z.string() }) },
  handle: async (c) => sendJson(c, openApiDocument(API_ENDPOINTS, `${new URL(c.req.url).origin}${c.var.base}/api/v1`)),
});

/** Every operation of the API, in the order the document lists them. */
export const API_ENDPOINTS: Endpoint[] = [
  openapi,
  me,
  suggestionOptions,
  listSuggestions,
  createSuggestion,
  readSuggestion,
  listReplies,
  rate,
  inbox,
  signFor,
  reply,
];

/** An unexpected error: logged with the request id, answered as JSON 500 carrying that id. */
export function apiOnError(err: Error, c: AppContext) {
  const requestId = c.var.requestId ?? 'unknown';
  console.error(
    JSON.stringify({ level: 'error', requestId, method: c.req.method, path: new URL(c.req.url).pathname, error: err.message, stack: err.stack }),
  );
  return apiError(c, 'internal_error', { message: text.api.errors.server(requestId) });
}

export function createApi(entrance: TenantEntrance) {
  const api = new Hono<AppEnv>();
  api.onError(apiOnError);
  api.use('*', apiTenant(entrance));
  api.use('*', bodyLimit({ maxSize: API_MAX_BODY_BYTES, onError: (c) => apiError(c, 'payload_too_large') }));
  register(api, API_ENDPOINTS);
  api.all('*', (c) => apiError(c, 'not_found'));
  return api;
}

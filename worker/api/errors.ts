/**
 * JSON responses of /api/v1: every error is
 * `{"error":{"code":"…","message":"<中文>","fields":{…}}}` with a stable
 * code; `<`, `>` and `&` are written as \u escapes so no response body can
 * carry live markup, whatever was stored.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from '../context';
import { text } from '../../views/text/index';

const t = text.api.errors;

/** Gives each code of `messages` the HTTP `status`: `{ code: { status, message } }`. */
function withStatus<S extends ContentfulStatusCode, M extends Record<string, string>>(status: S, messages: M) {
  const entries = Object.entries(messages).map(([code, message]) => [code, { status, message }]);
  return Object.fromEntries(entries) as { [K in keyof M]: { status: S; message: M[K] } };
}

/** Each error code with its status and Chinese message. */
export const API_ERRORS = {
  ...withStatus(401, { unauthorized: t.unauthorized }),
  ...withStatus(403, { forbidden: t.forbidden }),
  ...withStatus(404, { not_found: t.notFound, tenant_not_found: t.tenantNotFound }),
  ...withStatus(403, { tenant_suspended: t.tenantSuspended }),
  ...withStatus(400, { invalid_json: t.invalidJson, idempotency_key_required: t.idempotencyKeyRequired }),
  ...withStatus(409, { not_allowed_now: t.notAllowedNow, conflict: t.conflict }),
  ...withStatus(413, { payload_too_large: t.tooLarge }),
  ...withStatus(415, { unsupported_media_type: t.unsupportedMediaType }),
  ...withStatus(422, { validation_failed: t.validationFailed }),
  ...withStatus(500, { internal_error: t.server('') }),
};

export type ApiErrorCode = keyof typeof API_ERRORS;

const UNSAFE = /[<>&\u2028\u2029]/g;

/** A JSON response that is inert even if shown as HTML. */
export function sendJson(c: AppContext, data: unknown, status: ContentfulStatusCode = 200) {
  const body = JSON.stringify(data).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return c.body(body, status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
}

/** An error response with its code, Chinese message and (optionally) per-field messages. */
export function apiError(c: AppContext, code: ApiErrorCode, extra: { fields?: Record<string, string>; message?: string } = {}) {
  const { status, message } = API_ERRORS[code];
  if (code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer');
  const error: Record<string, unknown> = { code, message: extra.message ?? message };
  if (extra.fields && Object.keys(extra.fields).length > 0) error['fields'] = extra.fields;
  return sendJson(c, { error }, status);
}

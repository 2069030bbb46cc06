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

/** Each error code with its status and Chinese message. */
export const API_ERRORS = {
  unauthorized: { status: 401, message: t.unauthorized },
  forbidden: { status: 403, message: t.forbidden },
  not_found: { status: 404, message: t.notFound },
  tenant_not_found: { status: 404, message: t.tenantNotFound },
  tenant_suspended: { status: 403, message: t.tenantSuspended },
  invalid_json: { status: 400, message: t.invalidJson },
  idempotency_key_required: { status: 400, message: t.idempotencyKeyRequired },
  not_allowed_now: { status: 409, message: t.notAllowedNow },
  conflict: { status: 409, message: t.conflict },
  payload_too_large: { status: 413, message: t.tooLarge },
  unsupported_media_type: { status: 415, message: t.unsupportedMediaType },
  validation_failed: { status: 422, message: t.validationFailed },
  internal_error: { status: 500, message: t.server('') },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

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

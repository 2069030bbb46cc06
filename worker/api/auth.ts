/**
 * Who is calling the API: `Authorization: Bearer hy_…` only. Cookies are
 * never read here (so no CSRF exposure); the token must be a live token of
 * this URL's tenant whose account is not disabled — anything else is 401.
 */
import { createMiddleware } from 'hono/factory';
import type { AppContext, AppEnv } from '../context';
import { sha256Hex } from '../auth/token';
import { apiError } from './errors';

/** `hy_` and 32 lower-case base32 characters (randomToken's 20 bytes). */
export const API_TOKEN_PATTERN = /^hy_[a-z2-7]{32}$/;
export const API_TOKEN_PREFIX = 'hy_';

export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer +(\S+)$/i.exec(header);
  const token = match?.[1] ?? '';
  if (!API_TOKEN_PATTERN.test(token)) return apiError(c, 'unauthorized');
  const user = await c.var.data.apiTokens.authenticate(await sha256Hex(token), Date.now());
  if (!user) return apiError(c, 'unauthorized');
  c.set('user', user);
  await next();
});

/** The request's JSON body: 415 unless sent as application/json, 400 unless it parses. */
export async function requireJsonBody(c: AppContext): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, response: apiError(c, 'unsupported_media_type') };
  const raw = await c.req.text();
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, response: apiError(c, 'invalid_json') };
  }
}

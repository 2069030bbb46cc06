/**
 * Sessions: a random token in an HttpOnly cookie, its SHA-256 in D1. A
 * session belongs to one tenant (or to the platform, for the operator);
 * the middleware refuses it anywhere else.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { createSession, deleteSession, sessionByTokenHash, type UserRow } from '../../db/platform-data';
import type { AppContext, AppEnv } from '../context';
import { renderErrorPage } from '../errors';
import { text } from '../../views/text/index';
import { randomToken, sha256Hex } from './token';

export const SESSION_COOKIE = 'hy_session';
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

function isLocalhost(c: AppContext): boolean {
  const host = new URL(c.req.url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
}

/** The cookie path: the tenant's prefix, or the platform's, or the whole host. */
function cookiePath(c: AppContext, scope: 'tenant' | 'platform'): string {
  if (scope === 'platform') return '/platform';
  return c.var.base || '/';
}

export async function startSession(c: AppContext, user: UserRow, scope: 'tenant' | 'platform', now: number) {
  const token = randomToken();
  const csrfToken = randomToken();
  await createSession(c.var.accountsDb, {
    tokenHash: await sha256Hex(token),
    userId: user.id,
    tenantId: user.tenantId,
    csrfToken,
    expiresAt: now + SESSION_TTL_MS,
  });
  setCookie(c, SESSION_COOKIE, token, {
    path: cookiePath(c, scope),
    httpOnly: true,
    secure: !isLocalhost(c),
    sameSite: 'Lax',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export async function endSession(c: AppContext, scope: 'tenant' | 'platform') {
  if (c.var.sessionTokenHash) await deleteSession(c.var.accountsDb, c.var.sessionTokenHash);
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(c, scope), secure: !isLocalhost(c) });
}

/**
 * Loads the session for the current scope. `tenant`: the session must
 * belong to the request's tenant; a session of another tenant is refused.
 * `platform`: the session must be the platform operator's.
 */
export function loadSession(scope: 'tenant' | 'platform') {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 64) {
      const tokenHash = await sha256Hex(token);
      const prefetched = c.var.prefetchedSession;
      const session = prefetched?.tokenHash === tokenHash ? prefetched.session : await sessionByTokenHash(c.var.accountsDb, tokenHash, Date.now());
      if (session && !session.user.disabledAt) {
        const expectedTenant = scope === 'tenant' ? c.var.tenant.id : null;
        if (session.tenantId !== expectedTenant || session.user.tenantId !== expectedTenant) {
          return renderErrorPage(c, 403, text.errors.sessionOtherTenantTitle, text.errors.sessionOtherTenant, {
            href: scope === 'tenant' ? `${c.var.base}/login` : '/platform/login',
            label: text.errors.goLogin,
          });
        }
        c.set('user', session.user);
        c.set('sessionTokenHash', tokenHash);
        c.set('csrfToken', session.csrfToken);
        c.set('unread', session.unread);
      }
    }
    await next();
  });
}

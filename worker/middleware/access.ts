/**
 * Role checks and the per-session form token. Every page and action names
 * the action it performs; `requireAction` lets through only roles that the
 * permission table (worker/rules/roles.ts) allows.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv, AppContext } from '../context';
import { can, type Action } from '../rules/roles';
import { renderErrorPage } from '../errors';
import { text } from '../../views/text/index';

function loginUrl(c: AppContext): string {
  return c.var.tenant ? `${c.var.base}/login` : '/platform/login';
}

/** Signed in, and allowed by the permission table to do `action`. */
export function requireAction(...actions: Action[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) return redirectToLogin(c);
    if (!actions.some((a) => can(user.role, a))) {
      return renderErrorPage(c, 403, text.errors.forbiddenTitle, text.errors.forbidden);
    }
    await next();
  });
}

/** Signed in, any role. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.user) return redirectToLogin(c);
  await next();
});

function redirectToLogin(c: AppContext) {
  const url = loginUrl(c);
  if (c.req.header('HX-Request')) {
    c.header('HX-Redirect', url);
    return c.body(null, 204);
  }
  return c.redirect(url, 303);
}

/**
 * The synchronizer token: every signed-in form carries `_csrf`, which must
 * equal the session's token. Works alongside Hono's Origin check, and covers
 * old browsers that send no Origin header.
 */
export const requireFormToken = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const expected = c.var.csrfToken;
  const body = await c.req.parseBody();
  const given = typeof body['_csrf'] === 'string' ? body['_csrf'] : '';
  if (!expected || given !== expected) {
    return renderErrorPage(c, 403, text.errors.csrfTitle, text.errors.csrf);
  }
  await next();
});

/** The signed-in person as the audit log names them. */
export function auditActor(c: AppContext): { userId: number | null; name: string } {
  const user = c.var.user;
  return user ? { userId: user.id, name: user.displayName } : { userId: null, name: '' };
}

/** 登录 / 退出: the same form and rules for a county's users and for the platform operator. */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { attemptLogin } from '../auth/login';
import { endSession, startSession } from '../auth/session';
import { requireFormToken, requireUser } from '../middleware/access';
import { chinaClock, minutesUntil } from '../rules/login-throttle';
import { LoginPage, type LoginPageProps } from '../../views/pages/login';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';
import { form } from '../forms/validate';
import { loginSchema } from '../forms/account';

type Scope = 'tenant' | 'platform';

function paths(c: AppContext, scope: Scope) {
  return scope === 'tenant'
    ? { login: `${c.var.base}/login`, home: `${c.var.base}/`, title: `${text.login.title}` }
    : { login: '/platform/login', home: '/platform', title: text.login.platformTitle };
}

function renderLogin(c: AppContext, scope: Scope, props: Partial<LoginPageProps>, status: 200 | 422 | 429 = 200) {
  const p = paths(c, scope);
  // A county's login page also leads readers without an account to its public replies (公开).
  const publicHref = scope === 'tenant' ? `${c.var.base}/public/wall` : undefined;
  const resetHref = scope === 'tenant' ? `${c.var.base}/reset` : undefined;
  const page = LoginPage({ title: p.title, action: p.login, username: '', errors: {}, publicHref, resetHref, ...props });
  return c.html(pageShell(c, p.title, page), status);
}

export function loginRoutes(scope: Scope) {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    if (c.var.user) return c.redirect(paths(c, scope).home, 303);
    const notice = c.req.query('bye') === '1' ? text.login.loggedOut : c.req.query('reset') === '1' ? text.usersAdmin.reset.done : undefined;
    return renderLogin(c, scope, { notice });
  });

  const loginForm = form(loginSchema, (c, v, errors) => renderLogin(c, scope, { username: v.username.slice(0, 64), errors }, 422));

  app.post('/login', loginForm, async (c) => {
    const { username, password } = c.req.valid('form').data;

    const now = Date.now();
    const tenantId = scope === 'tenant' ? c.var.tenant.id : null;
    const outcome = await attemptLogin(c, tenantId, username, password, now);
    if (!outcome.ok) {
      if (outcome.reason === 'locked') {
        c.header('Retry-After', String(Math.ceil((outcome.until - now) / 1000)));
        const message = text.login.tooMany(minutesUntil(outcome.until, now), chinaClock(outcome.until));
        return renderLogin(c, scope, { username, errors: { form: message } }, 429);
      }
      const message = outcome.reason === 'disabled' ? text.login.disabled : text.login.failed;
      return renderLogin(c, scope, { username, errors: { form: message } }, 422);
    }
    const wantScope = outcome.user.role === 'platform_operator' ? 'platform' : 'tenant';
    if (wantScope !== scope) {
      return renderLogin(c, scope, { username, errors: { form: text.login.failed } }, 422);
    }
    await startSession(c, outcome.user, scope, now);
    return c.redirect(paths(c, scope).home, 303);
  });

  app.post('/logout', requireUser, requireFormToken, async (c) => {
    await endSession(c, scope);
    return c.redirect(`${paths(c, scope).login}?bye=1`, 303);
  });

  return app;
}

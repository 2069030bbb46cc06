/**
 * 我的账户 (every signed-in user of a county): change the password — which
 * ends the user's other sessions in the same batch — or sign out on every
 * device. Passwords are never put back into the page.
 */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from '../context';
import { requireFormToken, requireUser } from '../middleware/access';
import { hashPassword, verifyPassword } from '../auth/password';
import { SESSION_COOKIE } from '../auth/session';
import { changePassword, endAllSessions } from '../../db/platform-data';
import { AccountPage, type AccountPageProps } from '../../views/pages/account';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';
import { apiTokenRoutes } from './api-tokens';
import { form } from '../forms/validate';
import { passwordChangeSchema } from '../forms/account';

const a = text.account;

function render(c: AppContext, extra: Partial<AccountPageProps> = {}, status: 200 | 422 = 200) {
  const body = AccountPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', errors: {}, ...extra });
  return c.html(pageShell(c, a.title, body), status);
}

export const accountRoutes = new Hono<AppEnv>();

// 接口令牌 (/account/tokens) for the JSON API.
accountRoutes.route('/', apiTokenRoutes);

accountRoutes.get('/account', requireUser, (c) => render(c, { notice: c.req.query('changed') === '1' ? a.changed : undefined }));

const passwordForm = form(
  (c) => passwordChangeSchema((password) => verifyPassword(password, c.var.user!.passwordHash)),
  (c, _values, errors) => render(c, { errors }, 422),
);

accountRoutes.post('/account/password', requireUser, requireFormToken, passwordForm, async (c) => {
  const { next } = c.req.valid('form').data;
  const user = c.var.user!;
  await changePassword(c.var.accountsDb, user.id, await hashPassword(next), c.var.sessionTokenHash!);
  return c.redirect(`${c.var.base}/account?changed=1`, 303);
});

accountRoutes.post('/account/logout-everywhere', requireUser, requireFormToken, async (c) => {
  await endAllSessions(c.var.accountsDb, c.var.user!.id);
  deleteCookie(c, SESSION_COOKIE, { path: c.var.base || '/' });
  return c.redirect(`${c.var.base}/login?bye=1`, 303);
});

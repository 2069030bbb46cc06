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
import { text } from '../../views/i18n';
import { apiTokenRoutes } from './api-tokens';

const a = text.account;

/** A new password: 8–128 characters with at least one letter and one digit. */
export function acceptablePassword(p: string): boolean {
  return p.length >= 8 && p.length <= 128 && /[A-Za-z]/.test(p) && /[0-9]/.test(p);
}

function render(c: AppContext, extra: Partial<AccountPageProps> = {}, status: 200 | 422 = 200) {
  const body = AccountPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', errors: {}, ...extra });
  return c.html(pageShell(c, a.title, body), status);
}

export const accountRoutes = new Hono<AppEnv>();

// 接口令牌 (/account/tokens) for the JSON API.
accountRoutes.route('/', apiTokenRoutes);

accountRoutes.get('/account', requireUser, (c) => render(c, { notice: c.req.query('changed') === '1' ? a.changed : undefined }));

accountRoutes.post('/account/password', requireUser, requireFormToken, async (c) => {
  const body = await c.req.parseBody();
  const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 256) : '');
  const [current, next, confirm] = [field('current'), field('next'), field('confirm')];
  const user = c.var.user!;
  const errors: AccountPageProps['errors'] = {};
  if (!(await verifyPassword(current, user.passwordHash))) errors.current = a.wrongCurrent;
  else if (!acceptablePassword(next)) errors.next = a.tooShort;
  else if (next === current) errors.next = a.sameAsOld;
  else if (next !== confirm) errors.confirm = a.mismatch;
  if (errors.current || errors.next || errors.confirm) return render(c, { errors }, 422);
  await changePassword(c.var.accountsDb, user.id, await hashPassword(next), c.var.sessionTokenHash!);
  return c.redirect(`${c.var.base}/account?changed=1`, 303);
});

accountRoutes.post('/account/logout-everywhere', requireUser, requireFormToken, async (c) => {
  await endAllSessions(c.var.accountsDb, c.var.user!.id);
  deleteCookie(c, SESSION_COOKIE, { path: c.var.base || '/' });
  return c.redirect(`${c.var.base}/login?bye=1`, 303);
});

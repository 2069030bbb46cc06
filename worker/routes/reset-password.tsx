/**
 * 设置新密码 (public, per county): a user redeems the one-time code an
 * admin gave them — or the operator gave a new county's first admin — and
 * chooses a password. Guesses count against the login throttle (per
 * account and per IP), so a code cannot be brute-forced; a wrong, lapsed
 * or used code and an unknown username get the same answer.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { chargeGuess } from '../auth/login';
import { hashPassword } from '../auth/password';
import { hashResetCode } from '../auth/reset-code';
import { chinaClock, minutesUntil } from '../rules/login-throttle';
import { form } from '../forms/validate';
import { resetSchema } from '../forms/account';
import { ResetPasswordPage, type ResetPageProps } from '../../views/pages/reset-password';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';

const r = text.usersAdmin.reset;

function render(c: AppContext, p: Partial<ResetPageProps> = {}, status: 200 | 422 | 429 = 200) {
  const page = ResetPasswordPage({ action: `${c.var.base}/reset`, loginHref: `${c.var.base}/login`, username: '', code: '', errors: {}, ...p });
  c.header('Cache-Control', 'no-store');
  return c.html(pageShell(c, r.title, page), status);
}

export const resetPasswordRoutes = new Hono<AppEnv>();

resetPasswordRoutes.get('/reset', (c) => render(c));

// Nothing was checked against the code yet: keep what was typed.
const resetForm = form(resetSchema, (c, v, errors) =>
  render(c, { username: v.username.slice(0, 64).trim(), code: v.code.slice(0, 64).trim(), errors }, 422),
);

resetPasswordRoutes.post('/reset', resetForm, async (c) => {
  const { username, code, next } = c.req.valid('form').data;
  const now = Date.now();
  const locked = (until: number) => {
    c.header('Retry-After', String(Math.ceil((until - now) / 1000)));
    return render(c, { username, errors: { form: text.login.tooMany(minutesUntil(until, now), chinaClock(until)) } }, 429);
  };
  // Throttled like a login (the same keys): a code cannot be brute-forced.
  const guess = await chargeGuess(c, c.var.tenant.id, username, now);
  if (!guess.ok) return locked(guess.until);

  const repo = c.var.data.userAdmin;
  const codeHash = await hashResetCode(code);
  const failed = () => render(c, { username, errors: { form: r.failed } }, 422);
  if (!(await repo.holdsResetCode(username, codeHash, now))) return failed();
  const outcome = await repo.redeemResetCode(username, codeHash, await hashPassword(next), now);
  if (outcome === 'refused') return failed();
  await guess.succeeded();
  return c.redirect(`${c.var.base}/login?reset=1`, 303);
});

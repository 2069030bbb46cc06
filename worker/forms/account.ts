/**
 * The account forms: 登录, 设置新密码 (one-time code), 我的账户's password
 * change and the name of a new 接口令牌. Each message is shown next to its
 * field; the checks against stored secrets are passed in by the route
 * (`verifyCurrent`, `activeTokens`), so they run only once the shape passed.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { charCount } from '../rules/char-count';

const a = text.account;

/** A new password: 8–128 characters with at least one letter and one digit. */
export function acceptablePassword(p: string): boolean {
  return p.length >= 8 && p.length <= 128 && /[A-Za-z]/.test(p) && /[0-9]/.test(p);
}

/** Text cut to `max` characters (UTF-16 units, as the form readers always did). */
const cut = (max: number) => z.string().transform((s) => s.slice(0, max));

/** 登录: both fields required; whether they match an account is the login's own check. */
export const loginSchema = z.object({ username: cut(64), password: cut(256) }).superRefine((v, ctx) => {
  if (!v.username.trim()) ctx.addIssue({ code: 'custom', path: ['username'], message: text.login.usernameRequired });
  if (!v.password) ctx.addIssue({ code: 'custom', path: ['password'], message: text.login.passwordRequired });
});

/** 我的账户 · 修改密码: the current password, then a new acceptable one, different, typed twice. */
export function passwordChangeSchema(verifyCurrent: (password: string) => Promise<boolean>) {
  return z.object({ current: cut(256), next: cut(256), confirm: cut(256) }).superRefine(async (v, ctx) => {
    if (!(await verifyCurrent(v.current))) ctx.addIssue({ code: 'custom', path: ['current'], message: a.wrongCurrent });
    else if (!acceptablePassword(v.next)) ctx.addIssue({ code: 'custom', path: ['next'], message: a.tooShort });
    else if (v.next === v.current) ctx.addIssue({ code: 'custom', path: ['next'], message: a.sameAsOld });
    else if (v.next !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: a.mismatch });
  });
}

/** 设置新密码: username and code required, the same password rules as 我的账户. */
export const resetSchema = z
  .object({
    username: cut(64).transform((s) => s.trim()),
    code: cut(64).transform((s) => s.trim()),
    next: cut(256),
    confirm: cut(256),
  })
  .superRefine((v, ctx) => {
    const r = text.usersAdmin.reset;
    if (!v.username) ctx.addIssue({ code: 'custom', path: ['username'], message: r.usernameRequired });
    if (!v.code) ctx.addIssue({ code: 'custom', path: ['code'], message: r.codeRequired });
    if (!acceptablePassword(v.next)) ctx.addIssue({ code: 'custom', path: ['next'], message: a.tooShort });
    else if (v.next !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: a.mismatch });
  });

export const TOKEN_NAME_MAX = 40;
/** Live tokens one account may hold at once. */
export const TOKENS_PER_USER_MAX = 20;

/** A new 接口令牌's name: required, at most TOKEN_NAME_MAX characters, and a free place among the account's live tokens. */
export function tokenNameSchema(activeTokens: () => Promise<number>) {
  const t = text.api.tokens;
  return z.object({ name: z.string().transform((s) => s.trim()) }).superRefine(async (v, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['name'], message });
    if (!v.name) issue(t.nameRequired);
    else if (charCount(v.name) > TOKEN_NAME_MAX) issue(t.nameTooLong(TOKEN_NAME_MAX));
    else if ((await activeTokens()) >= TOKENS_PER_USER_MAX) issue(t.tooMany(TOKENS_PER_USER_MAX));
  });
}

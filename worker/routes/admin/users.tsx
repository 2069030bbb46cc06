/**
 * 账号管理 for the tenant admin: list (by role and status), create, edit,
 * disable / enable, and reset a password with a one-time code shown once.
 * Rules in worker/rules/user-admin.ts; writes (each with its audit entry,
 * in one batch) in db/repos/user-admin.ts.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { notFound } from '../../errors';
import { hashPassword } from '../../auth/password';
import { newResetCode } from '../../auth/reset-code';
import { randomToken } from '../../auth/token';
import { isTenantRole } from '../../rules/roles';
import { protectionRefusal, type UserFormErrors, type UserFormValues, type UserInput } from '../../rules/user-admin';
import { userSchema, userValues } from '../../forms/users';
import { checkPosted } from '../../forms/validate';
import { USERS_PAGE_SIZE, type AdminUserRow, type UserSnapshot } from '../../../db/repos/user-admin';
import { CodeShownPage, UserFormPage, UserListPage, type UserFormOptions, type UserFormPageProps } from '../../../views/pages/admin-users';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';

const t = text.usersAdmin;
export const userAdminRoutes = new Hono<AppEnv>();
const admin = requireAction('tenant.administer');
const USER_PATH = '/admin/users/:userId{[0-9]{1,10}}';

const BLANK: UserFormValues = { username: '', displayName: '', role: '', deputyId: '', unitId: '', stationId: '', email: '' };

function valuesOf(u: AdminUserRow): UserFormValues {
  const id = (n: number | null) => (n === null ? '' : String(n));
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    deputyId: id(u.deputyId),
    unitId: id(u.unitId),
    stationId: id(u.stationId),
    email: u.email ?? '',
  };
}

/** What the audit log keeps of an account: readable names, never ids alone, hashes or codes. */
function snapshotOf(u: Omit<UserInput, 'username'>, options: UserFormOptions): UserSnapshot {
  const name = (rows: { id: number; name: string }[], id: number | null) => (id === null ? null : (rows.find((r) => r.id === id)?.name ?? `#${id}`));
  return {
    displayName: u.displayName,
    role: u.role,
    deputy: name(options.deputies, u.deputyId),
    unit: name(options.units, u.unitId),
    station: name(options.stations, u.stationId),
    email: u.email,
  };
}

function rowSnapshot(u: AdminUserRow): UserSnapshot {
  return {
    displayName: u.displayName,
    role: u.role,
    deputy: u.deputyName ?? (u.deputyId === null ? null : `#${u.deputyId}`),
    unit: u.unitName ?? (u.unitId === null ? null : `#${u.unitId}`),
    station: u.stationName ?? (u.stationId === null ? null : `#${u.stationId}`),
    email: u.email,
  };
}

/** Only the fields that changed, before and after. */
function changes(before: UserSnapshot, after: UserSnapshot): { before: UserSnapshot; after: UserSnapshot } {
  const keys = Object.keys(after).filter((k) => before[k] !== after[k]);
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}

/** The ids the form may name: this tenant's serving deputies, active units and stations. */
function knownIds(o: UserFormOptions) {
  const ids = (rows: { id: number }[]) => new Set(rows.map((r) => r.id));
  return { deputies: ids(o.deputies), units: ids(o.units), stations: ids(o.stations) };
}

async function renderForm(
  c: AppContext,
  p: Omit<UserFormPageProps, 'base' | 'csrfToken' | 'now' | 'options'> & { options?: UserFormOptions },
  status: 200 | 409 | 422 = 200,
) {
  const options = p.options ?? (await c.var.data.userAdmin.formOptions());
  const body = UserFormPage({ ...p, options, base: c.var.base, csrfToken: c.var.csrfToken ?? '', now: Date.now() });
  const title = p.user ? t.form.editTitle(p.user.username) : t.form.createTitle;
  return c.html(pageShell(c, title, body), status);
}

/** The account named in the path, in this tenant; null answers 404. */
async function targetOf(c: AppContext): Promise<AdminUserRow | null> {
  const id = Number(c.req.param('userId'));
  return (Number.isSafeInteger(id) && (await c.var.data.userAdmin.get(id))) || null;
}

/** The code, once: never stored, never cached, never in a URL. */
function showCode(c: AppContext, user: { displayName: string; username: string }, code: { code: string; expiresAt: number }, created: boolean) {
  c.header('Cache-Control', 'no-store');
  const resetUrl = `${new URL(c.req.url).origin}${c.var.base}/reset`;
  const body = CodeShownPage({ base: c.var.base, created, user, code: code.code, expiresAt: code.expiresAt, resetUrl });
  return c.html(pageShell(c, created ? t.code.createdTitle : t.code.resetTitle, body));
}

/** A fresh one-time code and an unusable password (nobody knows it) to store with it. */
async function freshSecrets(now: number) {
  const code = await newResetCode(now);
  const passwordHash = await hashPassword(randomToken());
  return { code, secrets: { passwordHash, resetCodeHash: code.hash, resetCodeExpiresAt: code.expiresAt } };
}

userAdminRoutes.get('/admin/users', admin, async (c) => {
  const role = c.req.query('role') ?? '';
  const status = c.req.query('status');
  const page = Math.min(Math.max(0, Math.floor(Number(c.req.query('page')) || 0)), 10_000);
  const filters = {
    role: isTenantRole(role) ? role : undefined,
    status: status === 'active' || status === 'disabled' ? status : undefined,
    page,
  } as const;
  const rows = await c.var.data.userAdmin.list(filters);
  const body = UserListPage({
    base: c.var.base,
    rows: rows.slice(0, USERS_PAGE_SIZE),
    filters,
    hasNext: rows.length > USERS_PAGE_SIZE,
    now: Date.now(),
  });
  return c.html(pageShell(c, t.list.title, body));
});

userAdminRoutes.get('/admin/users/new', admin, (c) => renderForm(c, { values: BLANK, errors: {} }));

userAdminRoutes.post('/admin/users', admin, requireFormToken, async (c) => {
  const repo = c.var.data.userAdmin;
  const options = await repo.formOptions();
  const parsed = await checkPosted(c, userSchema(knownIds(options)));
  const values = userValues(parsed.values);
  const taken: UserFormErrors = { username: 'usernameTaken' };
  if (!parsed.ok) return renderForm(c, { values, errors: parsed.errors as UserFormErrors, options }, 422);
  if (await repo.usernameTaken(parsed.data.username)) return renderForm(c, { values, errors: taken, options }, 422);
  const now = Date.now();
  const { code, secrets } = await freshSecrets(now);
  const { username, ...rest } = parsed.data;
  const id = await repo.create(parsed.data, secrets, { username, ...snapshotOf(rest, options) }, auditActor(c), now);
  if (id === null) return renderForm(c, { values, errors: taken, options }, 422);
  return showCode(c, parsed.data, code, true);
});

userAdminRoutes.get(USER_PATH, admin, async (c) => {
  const user = await targetOf(c);
  if (!user) return notFound(c);
  const done = c.req.query('done');
  const messages: Record<string, string> = { saved: t.form.saved, disabled: t.form.disabledNow, enabled: t.form.enabledNow };
  const notice = done && messages[done] ? { ok: true, message: messages[done]! } : undefined;
  return renderForm(c, { user, values: valuesOf(user), errors: {}, notice });
});

userAdminRoutes.post(USER_PATH, admin, requireFormToken, async (c) => {
  const user = await targetOf(c);
  if (!user) return notFound(c);
  const repo = c.var.data.userAdmin;
  const options = await repo.formOptions();
  const parsed = await checkPosted(c, userSchema(knownIds(options), user.username));
  const values = userValues(parsed.values, user.username);
  if (!parsed.ok) return renderForm(c, { user, values, errors: parsed.errors as UserFormErrors, options }, 422);
  const refusal = protectionRefusal({
    actorId: c.var.user!.id,
    target: { id: user.id, role: user.role, disabled: Boolean(user.disabledAt) },
    change: { role: parsed.data.role },
    otherActiveAdmins: await repo.otherActiveAdmins(user.id),
  });
  if (refusal) return renderForm(c, { user, values, errors: {}, options, notice: { ok: false, message: t.refusals[refusal] } }, 422);
  const { username: _, ...input } = parsed.data;
  const change = changes(rowSnapshot(user), snapshotOf(input, options));
  const outcome = await repo.update(user, input, change, auditActor(c), Date.now());
  if (outcome === 'refused') return renderForm(c, { user, values, errors: {}, options, notice: { ok: false, message: t.refusals.lastAdmin } }, 409);
  return c.redirect(`${c.var.base}/admin/users/${user.id}?done=saved`, 303);
});

userAdminRoutes.post(`${USER_PATH}/disable`, admin, requireFormToken, async (c) => {
  const user = await targetOf(c);
  if (!user) return notFound(c);
  const repo = c.var.data.userAdmin;
  const refuse = (message: string, status: 409 | 422) =>
    renderForm(c, { user, values: valuesOf(user), errors: {}, notice: { ok: false, message } }, status);
  const refusal = protectionRefusal({
    actorId: c.var.user!.id,
    target: { id: user.id, role: user.role, disabled: Boolean(user.disabledAt) },
    change: { disable: true },
    otherActiveAdmins: await repo.otherActiveAdmins(user.id),
  });
  if (refusal) return refuse(t.refusals[refusal], 422);
  if (user.disabledAt) return c.redirect(`${c.var.base}/admin/users/${user.id}?done=disabled`, 303);
  const outcome = await repo.disable(user, auditActor(c), Date.now());
  if (outcome === 'refused') return refuse(t.conflict, 409);
  return c.redirect(`${c.var.base}/admin/users/${user.id}?done=disabled`, 303);
});

userAdminRoutes.post(`${USER_PATH}/enable`, admin, requireFormToken, async (c) => {
  const user = await targetOf(c);
  if (!user) return notFound(c);
  // Enabling what is already enabled changes nothing and records nothing.
  if (user.disabledAt) await c.var.data.userAdmin.enable(user, auditActor(c), Date.now());
  return c.redirect(`${c.var.base}/admin/users/${user.id}?done=enabled`, 303);
});

userAdminRoutes.post(`${USER_PATH}/reset-password`, admin, requireFormToken, async (c) => {
  const user = await targetOf(c);
  if (!user) return notFound(c);
  const refuse = (message: string, status: 409 | 422) =>
    renderForm(c, { user, values: valuesOf(user), errors: {}, notice: { ok: false, message } }, status);
  if (user.disabledAt) return refuse(t.notActive, 422);
  const now = Date.now();
  const { code, secrets } = await freshSecrets(now);
  const outcome = await c.var.data.userAdmin.issueResetCode(user, secrets, auditActor(c), now);
  if (outcome === 'refused') return refuse(t.conflict, 409);
  return showCode(c, user, code, false);
});

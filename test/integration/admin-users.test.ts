/**
 * 账号管理 (issue #6) over HTTP: create and edit with bad input, links only
 * to this county's directory, disabling ends sessions and tokens at once,
 * enabling, the self and last-admin protections, and the one-time code that
 * resets a password — once, before it lapses, and not by guessing.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, type Form, hiddenValue } from '../helpers/browser';
import { countOf, expectPage, people, signedIn } from '../helpers/flow';
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world';
import { THROTTLE } from '../../worker/rules/login-throttle';
import { newResetCode } from '../../worker/auth/reset-code';

async function token(b: Browser, base: string): Promise<string> {
  return hiddenValue(await (await b.get(`${base}/account`)).text(), '_csrf');
}

async function adminOf(w: World): Promise<{ b: Browser; post: (path: string, form?: Form) => Promise<Response> }> {
  const b = await people(w)('admin');
  const csrf = await token(b, w.base);
  return { b, post: (path, form = {}) => b.post(`${w.base}${path}`, { _csrf: csrf, ...form }) };
}

/** The one-time code on the page shown after creating an account or resetting its password. */
function codeOn(html: string): string {
  const m = html.match(/id="reset-code">([a-z2-7-]+)</);
  if (!m) throw new Error('no code on the page');
  return m[1]!;
}

async function userRow(tenantId: number, username: string) {
  return env.DB.prepare('select * from users where tenant_id = ? and username = ?').bind(tenantId, username).first<Record<string, unknown>>();
}

async function auditRows(tenantId: number, action: string) {
  const rows = await env.DB.prepare('select * from audit_log where tenant_id = ? and action = ? order by id')
    .bind(tenantId, action)
    .all<Record<string, string>>();
  return rows.results;
}

async function inSession(b: Browser, base: string): Promise<boolean> {
  return (await b.get(`${base}/account`)).status === 200;
}

/** A second active admin ('admin2') beside 'admin', each signed in with a form token. */
async function twoAdmins(w: World) {
  const hash = (await userRow(w.tenantId, 'admin'))!.password_hash as string;
  const second = await env.DB.prepare(
    "insert into users (tenant_id, username, display_name, role, password_hash) values (?, 'admin2', '第二管理员', 'tenant_admin', ?) returning id",
  )
    .bind(w.tenantId, hash)
    .first<{ id: number }>();
  const two = await signedIn(w, 'admin2');
  const csrf = await token(two, w.base);
  return {
    one: await adminOf(w),
    second: second!.id,
    two: { post: (path: string, form: Form = {}) => two.post(`${w.base}${path}`, { _csrf: csrf, ...form }) },
  };
}

const activeAdmins = (w: World) =>
  countOf("select count(*) as n from users where tenant_id = ? and role = 'tenant_admin' and disabled_at is null", w.tenantId);

const redeem = (b: Browser, w: World, form: Record<string, string>) => b.post(`${w.base}/reset`, form);

const NEW_PASSWORD = 'Huiyin2027go';

describe('creating an account', () => {
  it('bad input is refused field by field with everything typed kept; nothing is written', async () => {
    const w = await createWorld('ucreatebad');
    const admin = await adminOf(w);
    const res = await admin.post('/admin/users', { username: 'Bad Name!', display_name: '', role: 'deputy', deputy_id: '', email: 'not-an-email' });
    const html = await expectPage(res, 422, [
      '用户名须为 2–32 位小写字母、数字或 _ . -。',
      '请填写姓名。',
      '这个角色须选择对应的代表、单位或联络站。',
      '请填写有效的电子邮箱',
      'value="bad name!"',
    ]);
    expect(html).toContain('value="not-an-email"');
    expect(html).toMatch(/<option value="deputy" selected/);
    const taken = await admin.post('/admin/users', { username: 'staff', display_name: '重名', role: 'staff' });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('本县已有这个用户名，请换一个。');
    const n = await countOf('select count(*) as n from users where tenant_id = ?', w.tenantId);
    expect(n).toBe(11);
    expect(await auditRows(w.tenantId, 'user.create')).toEqual([]);
  });

  it("another county's deputy, unit or station — or a retired one — is refused", async () => {
    const w = await createWorld('ucross');
    const other = await createWorld('ucrossb');
    const admin = await adminOf(w);
    const cases: [string, Form][] = [
      ['deputy_id', { role: 'deputy', deputy_id: String(other.deputies[0]) }],
      ['unit_id', { role: 'unit_clerk', unit_id: String(other.units[0]) }],
      ['station_id', { role: 'liaison_clerk', station_id: String(other.stations[0]) }],
    ];
    for (const [field, form] of cases) {
      const res = await admin.post('/admin/users', { username: `x${field.slice(0, 3)}`, display_name: '外县', ...form });
      expect(res.status, field).toBe(422);
      expect(await res.text(), field).toContain('所选项目不在本县名录中（或已停用），请重新选择。');
    }
    await env.DB.prepare('update deputies set retired_at = ? where id = ?').bind(Date.now(), w.deputies[4]).run();
    const retired = await admin.post('/admin/users', { username: 'retired', display_name: '离任', role: 'deputy', deputy_id: String(w.deputies[4]) });
    expect(retired.status).toBe(422);
    // Editing cannot point an account at another county's unit either.
    const edit = await admin.post(`/admin/users/${w.users.unit.id}`, { display_name: '经办人', role: 'unit_clerk', unit_id: String(other.units[0]) });
    expect(edit.status).toBe(422);
    expect((await userRow(w.tenantId, 'unit'))!.unit_id).toBe(w.units[0]);
    const none = await env.DB.prepare(
      'select count(*) as n from users where tenant_id = ? and (deputy_id in (select id from deputies where tenant_id = ?) or unit_id in (select id from handling_units where tenant_id = ?))',
    )
      .bind(w.tenantId, other.tenantId, other.tenantId)
      .first<{ n: number }>();
    expect(none!.n).toBe(0);
  });

  it('a new account gets a one-time code, shown once, with which its user sets a password and signs in; the audit entry names it', async () => {
    const w = await createWorld('ucreate');
    const admin = await adminOf(w);
    const res = await admin.post('/admin/users', {
      username: 'zhou.ting',
      display_name: '周婷',
      role: 'deputy',
      deputy_id: String(w.deputies[3]),
      unit_id: String(w.units[0]), // not for a deputy: ignored
      email: 'zt@example.cn',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const code = codeOn(await res.text());
    const row = (await userRow(w.tenantId, 'zhou.ting'))!;
    expect(row).toMatchObject({
      role: 'deputy',
      deputy_id: w.deputies[3],
      unit_id: null,
      station_id: null,
      email: 'zt@example.cn',
      display_name: '周婷',
    });
    expect(row.reset_code_hash).not.toContain(code.replace(/-/g, ''));
    const [entry] = await auditRows(w.tenantId, 'user.create');
    expect(entry).toMatchObject({ target_id: String(row.id), target_label: 'zhou.ting', actor_user_id: w.users.admin.id });
    expect(JSON.parse(entry!.details!)).toEqual({
      after: { username: 'zhou.ting', displayName: '周婷', role: 'deputy', deputy: '赵丽娟', unit: null, station: null, email: 'zt@example.cn' },
    });
    expect(entry!.details).not.toContain(code);

    const user = new Browser();
    const done = await redeem(user, w, { username: 'zhou.ting', code: code.toUpperCase(), next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe(`${w.base}/login?reset=1`);
    expect(await (await user.get(`${w.base}/login?reset=1`)).text()).toContain('新密码已设置，请用新密码登录。');
    await user.login(w.base, 'zhou.ting', NEW_PASSWORD);
    expect(await inSession(user, w.base)).toBe(true);
  });
});

describe('editing an account', () => {
  it('bad input keeps what was typed; a good edit saves and records only what changed, before → after', async () => {
    const w = await createWorld('uedit');
    const admin = await adminOf(w);
    const bad = await admin.post(`/admin/users/${w.users.staff.id}`, { display_name: '', role: 'secretary', email: 'x@y' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('请填写姓名。');
    expect(html).toContain('请填写有效的电子邮箱');
    expect(html).toContain('value="x@y"');
    expect(html).toMatch(/<option value="secretary" selected/);
    expect((await userRow(w.tenantId, 'staff'))!.role).toBe('staff');

    const ok = await admin.post(`/admin/users/${w.users.staff.id}`, { display_name: '陈志宏', role: 'secretary', email: '' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('Location')).toBe(`${w.base}/admin/users/${w.users.staff.id}?done=saved`);
    expect(await userRow(w.tenantId, 'staff')).toMatchObject({ role: 'secretary', display_name: '陈志宏', username: 'staff' });
    const [entry] = await auditRows(w.tenantId, 'user.update');
    expect(JSON.parse(entry!.details!)).toEqual({
      before: { displayName: 'staff的名字', role: 'staff' },
      after: { displayName: '陈志宏', role: 'secretary' },
    });
    // The new role applies to the user's very next request.
    const staff = await people(w)('staff');
    expect((await staff.get(`${w.base}/supervision`)).status).toBe(200);
    expect((await staff.get(`${w.base}/disclosure`)).status).toBe(403);
  });

  it('the list filters by role and by 在用/已停用', async () => {
    const w = await createWorld('ulist');
    const admin = await adminOf(w);
    await env.DB.prepare('update users set disabled_at = ? where id = ?').bind(Date.now(), w.users.deputy3.id).run();
    const page = async (q: string) => (await admin.b.get(`${w.base}/admin/users${q}`)).text();
    const deputies = await page('?role=deputy');
    expect(deputies).toContain('deputy2');
    expect(deputies).not.toContain('secretary的名字');
    const disabled = await page('?status=disabled');
    expect(disabled).toContain('deputy3的名字');
    expect(disabled).not.toContain('deputy2的名字');
    const active = await page('?role=deputy&status=active');
    expect(active).toContain('deputy2的名字');
    expect(active).not.toContain('deputy3的名字');
  });
});

describe('disabling and enabling', () => {
  it("disabling ends the user's open sessions at once and revokes their API tokens; enabling lets them sign in again", async () => {
    const w = await createWorld('udisable');
    const admin = await adminOf(w);
    const staff = await people(w)('staff');
    expect(await inSession(staff, w.base)).toBe(true);
    await env.DB.prepare("insert into api_tokens (tenant_id, user_id, name, token_hash, hint) values (?, ?, '手机', ?, 'abcd')")
      .bind(w.tenantId, w.users.staff.id, `hash-${w.slug}`)
      .run();

    const res = await admin.post(`/admin/users/${w.users.staff.id}/disable`);
    expect(res.status).toBe(303);
    const next = await staff.get(`${w.base}/suggestions`);
    expect(next.status).toBe(303);
    expect(next.headers.get('Location')).toBe(`${w.base}/login`);
    const sessions = await countOf('select count(*) as n from sessions where user_id = ?', w.users.staff.id);
    expect(sessions).toBe(0);
    const tok = await env.DB.prepare('select revoked_at from api_tokens where user_id = ?')
      .bind(w.users.staff.id)
      .first<{ revoked_at: number | null }>();
    expect(tok!.revoked_at).toBeGreaterThan(0);
    const refused = await new Browser().post(`${w.base}/login`, { username: 'staff', password: TEST_PASSWORD });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('该账号已停用');
    expect(await (await admin.b.get(`${w.base}/admin/users/${w.users.staff.id}?done=disabled`)).text()).toContain('账号已停用：该用户已退出所有设备');
    // Other users' sessions are untouched.
    expect(await inSession(admin.b, w.base)).toBe(true);

    expect((await admin.post(`/admin/users/${w.users.staff.id}/enable`)).status).toBe(303);
    await new Browser().login(w.base, 'staff');
    const tokAfter = await env.DB.prepare('select revoked_at from api_tokens where user_id = ?')
      .bind(w.users.staff.id)
      .first<{ revoked_at: number | null }>();
    expect(tokAfter!.revoked_at).toBe(tok!.revoked_at);
    const actions = (
      await env.DB.prepare("select action, details from audit_log where tenant_id = ? and action like 'user.%' order by id")
        .bind(w.tenantId)
        .all<{ action: string; details: string }>()
    ).results;
    expect(actions.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    expect(JSON.parse(actions[0]!.details)).toEqual({ before: { status: 'active' }, after: { status: 'disabled' } });
  });

  it('an admin cannot disable or demote themselves', async () => {
    const w = await createWorld('uself');
    const admin = await adminOf(w);
    const disable = await admin.post(`/admin/users/${w.users.admin.id}/disable`);
    expect(disable.status).toBe(422);
    expect(await disable.text()).toContain('不能停用自己的账号');
    const demote = await admin.post(`/admin/users/${w.users.admin.id}`, { display_name: '管理员', role: 'staff' });
    expect(demote.status).toBe(422);
    expect(await demote.text()).toContain('不能停用自己的账号，也不能取消自己的系统管理员角色。');
    expect(await userRow(w.tenantId, 'admin')).toMatchObject({ role: 'tenant_admin', disabled_at: null });
    expect(await inSession(admin.b, w.base)).toBe(true);
    // Renaming oneself is fine.
    expect((await admin.post(`/admin/users/${w.users.admin.id}`, { display_name: '周婷', role: 'tenant_admin' })).status).toBe(303);
  });

  it('two admins disabling each other at the same moment leave one admin, never none', async () => {
    const w = await createWorld('ulastadmin');
    const { one, second, two } = await twoAdmins(w);
    await Promise.all([one.post(`/admin/users/${second}/disable`), two.post(`/admin/users/${w.users.admin.id}/disable`)]);
    expect(await activeAdmins(w)).toBe(1);
    expect((await auditRows(w.tenantId, 'user.disable')).length).toBe(1);
  });

  it('the last active admin cannot be demoted by a second admin acting at the same moment', async () => {
    const w = await createWorld('ulastdemote');
    const { one, second, two } = await twoAdmins(w);
    await Promise.all([
      one.post(`/admin/users/${second}`, { display_name: '第二管理员', role: 'staff' }),
      two.post(`/admin/users/${w.users.admin.id}`, { display_name: '管理员', role: 'staff' }),
    ]);
    expect(await activeAdmins(w)).toBe(1);
  });
});

describe('resetting a password with a one-time code', () => {
  it("ends the user's sessions and the old password; the code works once and then never again", async () => {
    const w = await createWorld('ureset');
    const admin = await adminOf(w);
    const deputy = await people(w)('deputy');
    const res = await admin.post(`/admin/users/${w.users.deputy.id}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const code = codeOn(await res.text());
    expect(await inSession(deputy, w.base)).toBe(false);
    expect((await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD })).status).toBe(422);
    const [entry] = await auditRows(w.tenantId, 'user.reset_password');
    expect(entry).toMatchObject({ target_id: String(w.users.deputy.id), target_label: 'deputy' });
    expect(entry!.details).not.toContain(code);
    expect(entry!.details).not.toMatch(/pbkdf2|hash/i);

    const user = new Browser();
    // Password rules as on 我的账户; nothing is checked against the code yet, so it is kept.
    const weak = await redeem(user, w, { username: 'deputy', code, next: 'abcdefgh', confirm: 'abcdefgh' });
    expect(weak.status).toBe(422);
    const weakHtml = await weak.text();
    expect(weakHtml).toContain('新密码至少 8 位，须同时包含字母和数字。');
    expect(weakHtml).toContain(`value="${code}"`);
    const mismatch = await redeem(user, w, { username: 'deputy', code, next: NEW_PASSWORD, confirm: `${NEW_PASSWORD}x` });
    expect(await mismatch.text()).toContain('两次输入的新密码不一致。');

    const ok = await redeem(user, w, { username: 'deputy', code: ` ${code.replace(/-/g, '')} `, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(ok.status).toBe(303);
    const row = (await userRow(w.tenantId, 'deputy'))!;
    expect(row.reset_code_hash).toBeNull();
    expect(row.reset_code_expires_at).toBeNull();
    await user.login(w.base, 'deputy', NEW_PASSWORD);

    const again = await redeem(new Browser(), w, { username: 'deputy', code, next: 'Another2028', confirm: 'Another2028' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('用户名或验证码不正确，或验证码已过期、已使用。');
    await new Browser().login(w.base, 'deputy', NEW_PASSWORD);
  });

  it('an expired code is refused with the same words as an unknown username', async () => {
    const w = await createWorld('uexpired');
    const admin = await adminOf(w);
    const code = codeOn(await (await admin.post(`/admin/users/${w.users.unit.id}/reset-password`)).text());
    await env.DB.prepare('update users set reset_code_expires_at = ? where id = ?')
      .bind(Date.now() - 1000, w.users.unit.id)
      .run();
    const expired = await redeem(new Browser(), w, { username: 'unit', code, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    const unknown = await redeem(new Browser(), w, { username: 'nobody', code, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(expired.status).toBe(422);
    expect(unknown.status).toBe(422);
    const message = (html: string) => html.match(/id="reset-error">([^<]*)</)![1];
    expect(message(await expired.text())).toBe(message(await unknown.text()));
    expect((await new Browser().post(`${w.base}/login`, { username: 'unit', password: NEW_PASSWORD })).status).toBe(422);
  });

  it('guessing is throttled: after the limit even the right code is refused while the account is locked', async () => {
    const w = await createWorld('uguess');
    const admin = await adminOf(w);
    const code = codeOn(await (await admin.post(`/admin/users/${w.users.clerk.id}/reset-password`)).text());
    const guesser = new Browser();
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      const res = await redeem(guesser, w, { username: 'clerk', code: `aaaa-bbbb-cccc-000${i}`, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
      expect(res.status, `guess ${i + 1}`).toBe(422);
    }
    // From another address too: the account itself is locked.
    const right = await redeem(new Browser(), w, { username: 'clerk', code, next: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('已暂时锁定');
    expect((await userRow(w.tenantId, 'clerk'))!.reset_code_hash).not.toBeNull();
    // Once the lock is over, the right code works.
    await env.DB.prepare('delete from login_throttle where key like ?').bind(`acct:${w.tenantId}:%`).run();
    expect((await redeem(new Browser(), w, { username: 'clerk', code, next: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(303);
  });

  it('a disabled account cannot be reset, and disabling clears an outstanding code', async () => {
    const w = await createWorld('ureset-off');
    const admin = await adminOf(w);
    const code = codeOn(await (await admin.post(`/admin/users/${w.users.chair.id}/reset-password`)).text());
    expect((await admin.post(`/admin/users/${w.users.chair.id}/disable`)).status).toBe(303);
    expect((await userRow(w.tenantId, 'chair'))!.reset_code_hash).toBeNull();
    expect((await redeem(new Browser(), w, { username: 'chair', code, next: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(422);
    const res = await admin.post(`/admin/users/${w.users.chair.id}/reset-password`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('账号已停用，请先启用再重置密码。');
  });

  it("a new county's first admin, given a code by the operator, gets in this way and can administer", async () => {
    const w = await createWorld('ufirst');
    const { code, hash, expiresAt } = await newResetCode();
    // As the operator's console stores it: an unusable password and the code's hash.
    await env.DB.prepare(
      "insert into users (tenant_id, username, display_name, role, password_hash, reset_code_hash, reset_code_expires_at) values (?, 'first.admin', '首位管理员', 'tenant_admin', 'none', ?, ?)",
    )
      .bind(w.tenantId, hash, expiresAt)
      .run();
    const b = new Browser();
    expect((await redeem(b, w, { username: 'first.admin', code, next: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(303);
    await b.login(w.base, 'first.admin', NEW_PASSWORD);
    expect((await b.get(`${w.base}/admin/users`)).status).toBe(200);
  });

  it('the login page links to it', async () => {
    const w = await createWorld('uresetlink');
    const html = await (await new Browser().get(`${w.base}/login`)).text();
    expect(html).toContain(`href="${w.base}/reset"`);
    expect(html).toContain('有一次性验证码？设置新密码');
    expect((await new Browser().get(`${w.base}/reset`)).status).toBe(200);
  });
});

describe('only the tenant admin', () => {
  it("non-admins get 403 on every page and action, and nothing changes; another county's account is 404", async () => {
    const w = await createWorld('uperm');
    const other = await createWorld('upermb');
    const as = people(w);
    const target = w.users.deputy2.id;
    const pages = ['/admin/users', '/admin/users/new', `/admin/users/${target}`, '/admin/audit'];
    const actions: [string, Form][] = [
      ['/admin/users', { username: 'intruder', display_name: '闯入者', role: 'tenant_admin' }],
      [`/admin/users/${target}`, { display_name: '改名', role: 'tenant_admin' }],
      [`/admin/users/${target}/disable`, {}],
      [`/admin/users/${target}/enable`, {}],
      [`/admin/users/${target}/reset-password`, {}],
    ];
    const usersNow = async () =>
      JSON.stringify((await env.DB.prepare('select * from users where tenant_id = ? order by id').bind(w.tenantId).all()).results);
    const before = await usersNow();
    for (const who of ['deputy', 'clerk', 'staff', 'secretary', 'chair', 'unit'] as const) {
      const b = await as(who);
      const csrf = await token(b, w.base);
      for (const path of pages) expect((await b.get(`${w.base}${path}`)).status, `${who} GET ${path}`).toBe(403);
      for (const [path, form] of actions)
        expect((await b.post(`${w.base}${path}`, { _csrf: csrf, ...form })).status, `${who} POST ${path}`).toBe(403);
    }
    expect(await usersNow()).toBe(before);
    expect((await env.DB.prepare('select count(*) as n from audit_log where tenant_id = ?').bind(w.tenantId).first<{ n: number }>())!.n).toBe(0);

    const admin = await adminOf(w);
    const foreign = other.users.staff.id;
    expect((await admin.b.get(`${w.base}/admin/users/${foreign}`)).status).toBe(404);
    for (const suffix of ['', '/disable', '/enable', '/reset-password']) {
      expect((await admin.post(`/admin/users/${foreign}${suffix}`, { display_name: 'x', role: 'staff' })).status, suffix).toBe(404);
    }
    expect((await userRow(other.tenantId, 'staff'))!.disabled_at).toBeNull();
  });
});

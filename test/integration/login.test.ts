/**
 * Signing in and out: the cookie, the session row (hashed token), the rate
 * limit per account and per IP kept in D1, and the platform operator.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { createWorld, TEST_PASSWORD } from '../helpers/world';
import { hashPassword } from '../../worker/auth/password';
import { sha256Hex } from '../../worker/auth/token';
import { countOf, expectPage, signedIn } from '../helpers/flow';

describe('login', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie scoped to the county, and stores only its hash', async () => {
    const w = await createWorld('cookie');
    const res = await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${w.base}/`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hy_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toContain(`Path=${w.base}`);
    expect(cookie).not.toMatch(/Secure/i); // plain http on localhost only
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await env.DB.prepare('select token_hash, tenant_id from sessions where user_id = ?')
      .bind(w.users.deputy.id)
      .first<{ token_hash: string; tenant_id: number }>();
    expect(stored!.token_hash).toBe(await sha256Hex(token));
    expect(stored!.token_hash).not.toBe(token);
    expect(stored!.tenant_id).toBe(w.tenantId);
  });

  it('marks the cookie Secure anywhere but localhost', async () => {
    const w = await createWorld('secure');
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(`${w.slug}.gov.example`, w.tenantId).run();
    const res = await new Browser(`https://${w.slug}.gov.example`).post('/login', { username: 'deputy', password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('hy_session='))).toMatch(/Secure/);
  });

  it.each([
    {
      situation: 'a wrong password gets a Chinese message and keeps the username typed',
      label: 'wrong',
      form: { username: 'deputy', password: 'nope' },
      shown: ['用户名或密码不正确', 'value="deputy"'],
    },
    {
      situation: 'empty fields are named next to the field',
      label: 'emptylogin',
      form: { username: '', password: '' },
      shown: ['请输入用户名。', '请输入密码。'],
    },
  ])('$situation', async ({ label, form, shown }) => {
    const w = await createWorld(label);
    await expectPage(await new Browser().post(`${w.base}/login`, form), 422, shown);
  });

  it('logout ends the session in D1, not only in the browser', async () => {
    const w = await createWorld('logout');
    const b = await signedIn(w, 'deputy');
    const token = b.cookies.get('hy_session')!;
    const csrf = await b.csrf(w.base);
    const res = await b.post(`${w.base}/logout`, { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${w.base}/login?bye=1`);
    const n = await countOf('select count(*) as n from sessions where token_hash = ?', await sha256Hex(token));
    expect(n).toBe(0);
    // Replaying the old cookie opens nothing.
    const replay = new Browser();
    replay.cookies.set('hy_session', token);
    expect((await replay.get(`${w.base}/suggestions`)).status).toBe(303);
  });

  it('an expired session is not accepted', async () => {
    const w = await createWorld('expired');
    const b = await signedIn(w, 'deputy');
    await env.DB.prepare('update sessions set expires_at = ? where user_id = ?')
      .bind(Date.now() - 1, w.users.deputy.id)
      .run();
    expect((await b.get(`${w.base}/suggestions`)).status).toBe(303);
  });

  it('a disabled account cannot sign in and its open session stops working', async () => {
    const w = await createWorld('disabled');
    const b = await signedIn(w, 'deputy');
    await env.DB.prepare('update users set disabled_at = ? where id = ?').bind(Date.now(), w.users.deputy.id).run();
    expect((await b.get(`${w.base}/suggestions`)).status).toBe(303);
    const res = await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('该账号已停用');
  });
});

describe('the login rate limit (kept in D1)', () => {
  it('locks an account after 5 failures, says when to retry, and refuses even the right password', async () => {
    const w = await createWorld('lock');
    const b = new Browser();
    for (let i = 0; i < 5; i++) {
      const res = await b.post(`${w.base}/login`, { username: 'deputy', password: 'wrong' }, { 'CF-Connecting-IP': `198.51.100.${i}` });
      expect(res.status).toBe(422);
    }
    const locked = await b.post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD }, { 'CF-Connecting-IP': '198.51.100.77' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(800);
    const html = await locked.text();
    expect(html).toMatch(/登录失败次数过多，已暂时锁定。请在 \d{2}:\d{2}（约 1[45] 分钟后）再试。/);
    // Another account of the same county is not affected.
    expect(
      (await new Browser().post(`${w.base}/login`, { username: 'staff', password: TEST_PASSWORD }, { 'CF-Connecting-IP': '198.51.100.78' })).status,
    ).toBe(303);
    const row = await env.DB.prepare('select failures, locked_until from login_throttle where key = ?')
      .bind(`acct:${w.tenantId}:deputy`)
      .first<{ failures: number; locked_until: number }>();
    expect(row!.failures).toBe(5);
    expect(row!.locked_until).toBeGreaterThan(Date.now());
  });

  it('the lock lifts when its time is over', async () => {
    const w = await createWorld('unlock');
    await env.DB.prepare('insert into login_throttle (key, failures, window_start, locked_until) values (?, 5, ?, ?)')
      .bind(`acct:${w.tenantId}:deputy`, Date.now() - 20 * 60_000, Date.now() - 1)
      .run();
    expect((await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD })).status).toBe(303);
  });

  it('locks an IP address after 20 failures across accounts', async () => {
    const w = await createWorld('iplock');
    const ip = { 'CF-Connecting-IP': '203.0.113.9' };
    for (let i = 0; i < 20; i++) {
      await new Browser().post(`${w.base}/login`, { username: `nobody${i}`, password: 'x' }, ip);
    }
    const res = await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD }, ip);
    expect(res.status).toBe(429);
    const elsewhere = await new Browser().post(
      `${w.base}/login`,
      { username: 'deputy', password: TEST_PASSWORD },
      { 'CF-Connecting-IP': '203.0.113.10' },
    );
    expect(elsewhere.status).toBe(303);
  });

  it('holds under a burst: of 200 simultaneous guesses at one account only 5 are ever checked, and then even the right password waits', async () => {
    const w = await createWorld('burst');
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        new Browser().post(`${w.base}/login`, { username: 'staff', password: `guess-${i}` }, { 'CF-Connecting-IP': `198.51.100.${i % 250}` }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 422).length).toBe(5); // checked and wrong
    expect(statuses.filter((s) => s === 429).length).toBe(195); // refused unchecked
    const right = await new Browser().post(
      `${w.base}/login`,
      { username: 'staff', password: TEST_PASSWORD },
      { 'CF-Connecting-IP': '198.51.100.251' },
    );
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('登录失败次数过多');
  });

  it('a successful login does not count against its IP address', async () => {
    const w = await createWorld('ipsuccess');
    const ip = { 'CF-Connecting-IP': '203.0.113.77' };
    for (let i = 0; i < 25; i++) {
      expect((await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD }, ip)).status).toBe(303);
    }
  });
});

describe('the platform operator', () => {
  it('signs in at /platform, sees tenant-level counts, and belongs to no tenant', async () => {
    const w = await createWorld('operator');
    const username = `op-${w.slug}`;
    await env.DB.prepare(
      "insert into users (tenant_id, username, display_name, role, password_hash) values (null, ?, '平台运维', 'platform_operator', ?)",
    )
      .bind(username, await hashPassword(TEST_PASSWORD, 1000))
      .run();
    const op = new Browser();
    const res = await op.post('/platform/login', { username, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie()[0]).toContain('Path=/platform');
    const console_ = await op.get('/platform');
    expect(console_.status).toBe(200);
    const html = await console_.text();
    expect(html).toContain(w.slug);
    expect(html).toContain('建议数');
    // The operator's session is no key to a county.
    const token = op.cookies.get('hy_session')!;
    const inTenant = new Browser();
    inTenant.cookies.set('hy_session', token);
    expect((await inTenant.get(`${w.base}/suggestions`)).status).toBe(403);
    // Nor can a county account use the platform login or console.
    expect((await new Browser().post('/platform/login', { username: 'staff', password: TEST_PASSWORD })).status).toBe(422);
    const staff = await signedIn(w, 'staff');
    const staffToken = staff.cookies.get('hy_session')!;
    const onPlatform = new Browser();
    onPlatform.cookies.set('hy_session', staffToken);
    expect((await onPlatform.get('/platform')).status).toBe(403);
  });
});

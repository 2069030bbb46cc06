/**
 * Sessions (issue #6): an expired session is refused; 退出所有设备 ends
 * every session of the user; a password change ends the user's other
 * sessions and keeps the one that made it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue } from '../helpers/browser';
import { createWorld, TEST_PASSWORD } from '../helpers/world';

async function signedIn(base: string, who: string, password = TEST_PASSWORD) {
  const b = new Browser();
  await b.login(base, who, password);
  return b;
}

/** True when the browser's session still opens a signed-in page. */
async function inSession(b: Browser, base: string) {
  return (await b.get(`${base}/account`)).status === 200;
}

async function token(b: Browser, base: string) {
  return hiddenValue(await (await b.get(`${base}/account`)).text(), '_csrf');
}

describe('sessions', () => {
  it('an expired session is refused and the user is sent to log in', async () => {
    const w = await createWorld('expiry');
    const b = await signedIn(w.base, 'deputy');
    expect(await inSession(b, w.base)).toBe(true);
    await env.DB.prepare('update sessions set expires_at = ? where user_id = ?')
      .bind(Date.now() - 1, w.users.deputy.id)
      .run();
    const res = await b.get(`${w.base}/account`);
    expect(res.status).not.toBe(200);
    expect(res.headers.get('location') ?? '').toContain(`${w.base}/login`);
  });

  it('退出所有设备 ends every session of that user, and only of that user', async () => {
    const w = await createWorld('everywhere');
    const phone = await signedIn(w.base, 'staff');
    const office = await signedIn(w.base, 'staff');
    const other = await signedIn(w.base, 'secretary');
    const res = await phone.post(`${w.base}/account/logout-everywhere`, { _csrf: await token(phone, w.base) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${w.base}/login?bye=1`);
    expect(await inSession(phone, w.base)).toBe(false);
    expect(await inSession(office, w.base)).toBe(false);
    expect(await inSession(other, w.base)).toBe(true);
  });

  it('a password change ends the other sessions, keeps this one, and the new password is the one that works', async () => {
    const w = await createWorld('passwd');
    const here = await signedIn(w.base, 'unit');
    const elsewhere = await signedIn(w.base, 'unit');
    const csrf = await token(here, w.base);
    const change = (form: Record<string, string>) => here.post(`${w.base}/account/password`, { _csrf: csrf, ...form });
    const wrong = await change({ current: 'not-it', next: 'Qingshui2027', confirm: 'Qingshui2027' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('当前密码不正确。');
    const weak = await change({ current: TEST_PASSWORD, next: 'abcdefgh', confirm: 'abcdefgh' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('新密码至少 8 位，须同时包含字母和数字。');
    const mismatch = await change({ current: TEST_PASSWORD, next: 'Qingshui2027', confirm: 'Qingshui2028' });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('两次输入的新密码不一致。');
    expect(await inSession(elsewhere, w.base)).toBe(true); // refused changes end nothing
    const ok = await change({ current: TEST_PASSWORD, next: 'Qingshui2027', confirm: 'Qingshui2027' });
    expect(ok.status).toBe(303);
    expect(await inSession(here, w.base)).toBe(true);
    expect(await inSession(elsewhere, w.base)).toBe(false);
    expect((await new Browser().post(`${w.base}/login`, { username: 'unit', password: TEST_PASSWORD })).status).toBe(422);
    await signedIn(w.base, 'unit', 'Qingshui2027');
    expect(await (await here.get(`${w.base}/account?changed=1`)).text()).toContain('其他设备上的登录已全部退出');
  });

  it('the account pages need a session and a form token', async () => {
    const w = await createWorld('acctguard');
    expect((await new Browser().get(`${w.base}/account`)).status).not.toBe(200);
    const b = await signedIn(w.base, 'chair');
    expect((await b.post(`${w.base}/account/logout-everywhere`, {})).status).toBe(403);
    expect(await inSession(b, w.base)).toBe(true);
  });
});

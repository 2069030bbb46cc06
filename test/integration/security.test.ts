/**
 * Tenancy, sessions, roles, CSRF and headers, through the worker against
 * real D1.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue } from '../helpers/browser';
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world';
import { countOf, signedIn, suggestionFields } from '../helpers/flow';

async function submitOne(w: World, username = 'deputy', title = '关于某事的建议'): Promise<string> {
  const b = new Browser();
  await b.login(w.base, username);
  const html = await (await b.get(`${w.base}/suggestions/new`)).text();
  const res = await b.post(`${w.base}/suggestions`, {
    _csrf: hiddenValue(html, '_csrf'),
    idempotency_key: hiddenValue(html, 'idempotency_key'),
    title,
    content: '内容',
    category_id: String(w.categories[0]),
    source_channel: 'online',
  });
  expect(res.status).toBe(303);
  return res.headers.get('Location')!.replace(/\?.*$/, '');
}

describe('tenant isolation', () => {
  it("a deputy of tenant A asking for tenant B's suggestion by id gets 404", async () => {
    const a = await createWorld('isoa');
    const b = await createWorld('isob');
    const bPath = await submitOne(b, 'deputy', '郸城的建议');
    const id = bPath.split('/').pop();
    for (const username of ['deputy', 'staff', 'chair']) {
      const user = new Browser();
      await user.login(a.base, username);
      const res = await user.get(`${a.base}/suggestions/${id}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('郸城的建议');
    }
  });

  it("staff of A never see B's suggestions in their list", async () => {
    const a = await createWorld('lista');
    const b = await createWorld('listb');
    await submitOne(b, 'deputy', '只属于B县的建议');
    const staff = new Browser();
    await staff.login(a.base, 'staff');
    expect(await (await staff.get(`${a.base}/suggestions`)).text()).not.toContain('只属于B县的建议');
  });

  it('a session cookie from A used under B is refused', async () => {
    const a = await createWorld('cooka');
    const b = await createWorld('cookb');
    const bPath = await submitOne(b);
    const user = new Browser();
    await user.login(a.base, 'staff');
    for (const path of [`${b.base}/`, `${b.base}/suggestions`, bPath, `${b.base}/suggestions/new`]) {
      const res = await user.get(path);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('您当前的登录属于其他县区');
    }
  });

  it('an account of A cannot sign in under B', async () => {
    const a = await createWorld('logina');
    const b = await createWorld('loginb');
    await env.DB.prepare("update users set username = 'only-in-a' where id = ?").bind(a.users.staff.id).run();
    const user = new Browser();
    const res = await user.post(`${b.base}/login`, { username: 'only-in-a', password: TEST_PASSWORD });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('用户名或密码不正确');
  });

  it('an unknown county is a Chinese 404 page', async () => {
    const res = await new Browser().get('/t/no-such-county/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('找不到这个县区');
  });

  it("a county's mapped hostname serves its pages at the root, and only its own", async () => {
    const a = await createWorld('hosta');
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(`${a.slug}.example.cn`, a.tenantId).run();
    const onHost = new Browser(`http://${a.slug}.example.cn`);
    const login = await onHost.get('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain(`${'hosta'}县人大常委会`);
    await onHost.login('', 'deputy');
    const list = await onHost.get('/suggestions');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('href="/suggestions/new"');
    expect((await new Browser('http://unmapped.example.cn').get('/login')).status).toBe(404);
  });
});

describe('who may see and do what', () => {
  it("a deputy cannot open another deputy's suggestion, but its co-signer can", async () => {
    const w = await createWorld('own');
    const path = await submitOne(w, 'deputy');
    const other = await signedIn(w, 'deputy3');
    expect((await other.get(path)).status).toBe(404);
    expect(await (await other.get(`${w.base}/suggestions`)).text()).not.toContain('关于某事的建议');
  });

  it('a handling-unit clerk and the tenant admin cannot list, open or submit suggestions not theirs', async () => {
    const w = await createWorld('roles');
    const path = await submitOne(w);
    for (const username of ['unit', 'admin']) {
      const b = new Browser();
      await b.login(w.base, username);
      expect((await b.get(`${w.base}/suggestions`)).status).toBe(403);
      expect((await b.get(path)).status).toBe(username === 'unit' ? 404 : 403);
      const form = await b.get(`${w.base}/suggestions/new`);
      expect(form.status).toBe(403);
      expect(await form.text()).toContain('没有权限');
      expect((await b.get(`${w.base}/`)).status).toBe(200);
    }
  });

  it('staff cannot submit as a deputy', async () => {
    const w = await createWorld('staffsub');
    const b = await signedIn(w, 'staff');
    expect((await b.get(`${w.base}/suggestions/new`)).status).toBe(403);
  });

  it('anonymous visitors are sent to the login page; anonymous posts write nothing', async () => {
    const w = await createWorld('anon');
    const anon = new Browser();
    for (const path of ['/', '/suggestions', '/suggestions/new', '/suggestions/1']) {
      const res = await anon.get(`${w.base}${path}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(`${w.base}/login`);
    }
    const post = await anon.post(`${w.base}/suggestions`, { title: 'x', content: 'y' });
    expect(post.status).toBe(303);
    const n = await countOf('select count(*) as n from suggestions where tenant_id = ?', w.tenantId);
    expect(n).toBe(0);
  });
});

describe('CSRF', () => {
  it('a form post from another origin is refused with a Chinese page', async () => {
    const w = await createWorld('csrf');
    const b = await signedIn(w, 'deputy');
    const csrf = await b.csrf(w.base);
    const res = await b.post(`${w.base}/suggestions`, { _csrf: csrf, title: 't' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('请求已过期');
  });

  it('a signed-in post without the form token is refused', async () => {
    const w = await createWorld('token');
    const b = await signedIn(w, 'deputy');
    const form = suggestionFields(w, { idempotency_key: 'abcdefgh1234', title: 't', content: 'c', source_channel: 'online' });
    expect((await b.post(`${w.base}/suggestions`, form)).status).toBe(403);
    const n = await countOf('select count(*) as n from suggestions where tenant_id = ?', w.tenantId);
    expect(n).toBe(0);
  });

  it('a login post from another origin is refused', async () => {
    const w = await createWorld('logincsrf');
    const res = await new Browser().post(`${w.base}/login`, { username: 'deputy', password: TEST_PASSWORD }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('headers', () => {
  it('pages carry a CSP that allows no inline script except by nonce, and the secure headers', async () => {
    const w = await createWorld('headers');
    const res = await new Browser().get(`${w.base}/login`);
    const csp = res.headers.get('Content-Security-Policy')!;
    const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    for (const tag of html.match(/<script[^>]*>/g) ?? []) {
      expect(tag).toContain(`nonce="${nonce}"`);
      expect(tag).toMatch(/src="\/assets\//);
    }
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('htmx is served by the worker under a hashed URL with an immutable cache header', async () => {
    const w = await createWorld('assets');
    const html = await (await new Browser().get(`${w.base}/login`)).text();
    const src = html.match(/<script src="(\/assets\/htmx\.[0-9a-f]{12}\.js)"/)?.[1];
    expect(src).toBeTruthy();
    const res = await new Browser().get(src!);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Content-Type')).toContain('javascript');
    const body = await res.text();
    expect(body.length).toBeGreaterThan(20_000);
    const again = await new Browser().get(src!, { 'If-None-Match': res.headers.get('ETag')! });
    expect(again.status).toBe(304);
    expect((await new Browser().get('/assets/htmx.000000000000.js')).status).toBe(404);
  });

  it('an oversized body is refused before it is read, with a Chinese page', async () => {
    const w = await createWorld('big');
    const b = await signedIn(w, 'deputy');
    const csrf = await b.csrf(w.base);
    const res = await b.post(`${w.base}/suggestions`, { _csrf: csrf, content: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('提交的内容太大');
  });
});

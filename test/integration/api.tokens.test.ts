/**
 * /api/v1 authentication (issue 6): tokens made on 接口令牌 are shown once
 * and stored hashed; only `Authorization: Bearer` opens the API — never a
 * session cookie; a token works only in its own county, and stops at once
 * when revoked or when its account is disabled. Errors are JSON with a code
 * and a Chinese message.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hiddenValue } from '../helpers/browser';
import { countOf, people, signedIn, worldAndPeople } from '../helpers/flow';
import { api, createToken, json } from '../helpers/api';
import { createWorld } from '../helpers/world';

async function sha256(s: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

const CHINESE = /[\u4e00-\u9fff]/;

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await json(res);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(CHINESE);
  return body;
}

const tokenRow = (userId: number) =>
  env.DB.prepare('select * from api_tokens where user_id = ? order by id desc').bind(userId).first<Record<string, unknown>>();

describe('接口令牌: created on the account page, shown once, stored hashed', () => {
  it('a new token is shown once, only its SHA-256 and last four characters are kept, and creating it is audited', async () => {
    const w = await createWorld('apitok');
    const deputy = await people(w)('deputy');
    const token = await createToken(deputy, w.base, '我的手机');
    expect(token).toMatch(/^hy_[a-z2-7]{32}$/);

    const row = (await tokenRow(w.users.deputy.id))!;
    expect(row['token_hash']).toBe(await sha256(token));
    expect(row['hint']).toBe(token.slice(-4));
    expect(row['tenant_id']).toBe(w.tenantId);
    expect(JSON.stringify(row)).not.toContain(token.slice(3));

    const list = await (await deputy.get(`${w.base}/account/tokens`)).text();
    expect(list).toContain('我的手机');
    expect(list).toContain(`…${token.slice(-4)}`);
    expect(list).not.toContain(token);

    const audit = await env.DB.prepare("select action, target_label, actor_user_id from audit_log where tenant_id = ? and action like 'api_token.%'")
      .bind(w.tenantId)
      .all();
    expect(audit.results).toEqual([{ action: 'api_token.create', target_label: '我的手机', actor_user_id: w.users.deputy.id }]);
  });

  it('a token needs a name (422, typed value kept, markup inert)', async () => {
    const w = await createWorld('apitokname');
    const deputy = await people(w)('deputy');
    const csrf = hiddenValue(await (await deputy.get(`${w.base}/account/tokens`)).text(), '_csrf');
    const empty = await deputy.post(`${w.base}/account/tokens`, { _csrf: csrf, name: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请填写令牌名称。');
    const long = await deputy.post(`${w.base}/account/tokens`, { _csrf: csrf, name: `<b>x</b>${'长'.repeat(50)}` });
    expect(long.status).toBe(422);
    const html = await long.text();
    expect(html).toContain('令牌名称不能超过 40 个字。');
    expect(html).not.toContain('<b>x</b>');
    const n = await countOf('select count(*) as n from api_tokens where tenant_id = ?', w.tenantId);
    expect(n).toBe(0);
  });

  it('last use is noted at most once a minute, not on every request', async () => {
    const w = await createWorld('apitokused');
    const deputy = await people(w)('deputy');
    const token = await createToken(deputy, w.base);
    expect((await tokenRow(w.users.deputy.id))!['last_used_at']).toBeNull();
    expect((await api(`${w.base}/api/v1/me`, { token })).status).toBe(200);
    const first = (await tokenRow(w.users.deputy.id))!['last_used_at'] as number;
    expect(first).toBeGreaterThan(Date.now() - 60_000);
    await env.DB.prepare('update api_tokens set last_used_at = ? where user_id = ?')
      .bind(first - 30_000, w.users.deputy.id)
      .run();
    expect((await api(`${w.base}/api/v1/me`, { token })).status).toBe(200);
    expect((await tokenRow(w.users.deputy.id))!['last_used_at']).toBe(first - 30_000);
    await env.DB.prepare('update api_tokens set last_used_at = ? where user_id = ?')
      .bind(first - 120_000, w.users.deputy.id)
      .run();
    expect((await api(`${w.base}/api/v1/me`, { token })).status).toBe(200);
    expect((await tokenRow(w.users.deputy.id))!['last_used_at']).toBeGreaterThanOrEqual(first);
  });

  it('a revoked token is refused at once (401); revoking is audited; another user cannot revoke it', async () => {
    const { w, as } = await worldAndPeople('apitokrev');
    const deputy = await as('deputy');
    const token = await createToken(deputy, w.base, '旧手机');
    const me = await json(await api(`${w.base}/api/v1/me`, { token }));
    expect(me).toMatchObject({ id: w.users.deputy.id, role: 'deputy', roleLabel: '人大代表', tenant: { slug: w.slug } });
    const row = (await tokenRow(w.users.deputy.id))!;

    // Someone else's token id: 404, and it stays live.
    const other = await as('deputy2');
    const otherCsrf = hiddenValue(await (await other.get(`${w.base}/account/tokens`)).text(), '_csrf');
    expect((await other.post(`${w.base}/account/tokens/${row['id']}/revoke`, { _csrf: otherCsrf })).status).toBe(404);
    expect((await api(`${w.base}/api/v1/me`, { token })).status).toBe(200);

    const csrf = hiddenValue(await (await deputy.get(`${w.base}/account/tokens`)).text(), '_csrf');
    const revoke = await deputy.post(`${w.base}/account/tokens/${row['id']}/revoke`, { _csrf: csrf });
    expect(revoke.status).toBe(303);
    expect(revoke.headers.get('Location')).toBe(`${w.base}/account/tokens?revoked=1`);
    expect(await (await deputy.get(`${w.base}/account/tokens?revoked=1`)).text()).toContain('令牌已吊销');
    await expectError(await api(`${w.base}/api/v1/me`, { token }), 401, 'unauthorized');
    const audit = await env.DB.prepare("select action, target_id from audit_log where tenant_id = ? and action like 'api_token.%' order by id")
      .bind(w.tenantId)
      .all();
    expect(audit.results).toEqual([
      { action: 'api_token.create', target_id: null },
      { action: 'api_token.revoke', target_id: String(row['id']) },
    ]);
    // A second revoke of the same token finds nothing live.
    expect((await deputy.post(`${w.base}/account/tokens/${row['id']}/revoke`, { _csrf: csrf })).status).toBe(404);
  });

  it("a disabled account's token is refused (401)", async () => {
    const w = await createWorld('apitokdis');
    const token = await createToken(await people(w)('unit'), w.base);
    expect((await api(`${w.base}/api/v1/inbox`, { token })).status).toBe(200);
    await env.DB.prepare('update users set disabled_at = ? where id = ?').bind(Date.now(), w.users.unit.id).run();
    await expectError(await api(`${w.base}/api/v1/inbox`, { token }), 401, 'unauthorized');
  });
});

describe('only a Bearer token opens the API', () => {
  it('a session cookie alone gets 401 JSON, for reads and for writes', async () => {
    const w = await createWorld('apicookie');
    const deputy = await people(w)('deputy');
    const read = await deputy.get(`${w.base}/api/v1/me`);
    const body = await expectError(read, 401, 'unauthorized');
    expect(JSON.stringify(body)).not.toContain('deputy的名字');
    expect(read.headers.get('WWW-Authenticate')).toBe('Bearer');
    const write = await deputy.fetch(`${w.base}/api/v1/suggestions`, {
      method: 'POST',
      body: JSON.stringify({ title: '关于用 Cookie 提交的建议', content: '内容', category_id: w.categories[0], source_channel: 'online' }),
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', 'Idempotency-Key': 'cookie-only-1' },
    });
    await expectError(write, 401, 'unauthorized');
    const n = await countOf('select count(*) as n from suggestions where tenant_id = ?', w.tenantId);
    expect(n).toBe(0);
  });

  it('malformed credentials are refused: no header, another scheme, a token in the query, a made-up token', async () => {
    const w = await createWorld('apibadauth');
    const token = await createToken(await people(w)('deputy'), w.base);
    const me = `${w.base}/api/v1/me`;
    await expectError(await api(me), 401, 'unauthorized');
    await expectError(await api(me, { headers: { Authorization: `Basic ${btoa(`deputy:${token}`)}` } }), 401, 'unauthorized');
    await expectError(await api(`${me}?access_token=${token}`), 401, 'unauthorized');
    await expectError(await api(me, { token: `hy_${'a'.repeat(32)}` }), 401, 'unauthorized');
    await expectError(await api(me, { token: `${token}x` }), 401, 'unauthorized');
    expect((await api(me, { headers: { Authorization: `bearer ${token}` } })).status).toBe(200);
  });

  it("county A's token on county B's path is 401 and shows nothing of B; on each county's own hostname too", async () => {
    const a = await createWorld('apicrossa');
    const b = await createWorld('apicrossb');
    const tokenA = await createToken(await people(a)('staff'), a.base);
    for (const path of ['/me', '/suggestions', `/suggestions/1`, '/inbox']) {
      const res = await api(`${b.base}/api/v1${path}`, { token: tokenA });
      const body = await expectError(res, 401, 'unauthorized');
      expect(JSON.stringify(body)).not.toContain(b.slug);
    }
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?), (?, ?)')
      .bind(`${a.slug}.gov.example`, a.tenantId, `${b.slug}.gov.example`, b.tenantId)
      .run();
    const own = await json(await api(`http://${a.slug}.gov.example/api/v1/me`, { token: tokenA }));
    expect(own.tenant.slug).toBe(a.slug);
    await expectError(await api(`http://${b.slug}.gov.example/api/v1/me`, { token: tokenA }), 401, 'unauthorized');
    const doc = await json(await api(`http://${a.slug}.gov.example/api/v1/openapi.json`));
    expect(doc.servers[0].url).toBe(`http://${a.slug}.gov.example/api/v1`);
  });

  it('a suspended county answers 403 tenant_suspended with its notice; an unknown county 404, in JSON', async () => {
    const w = await createWorld('apisusp');
    const token = await createToken(await people(w)('deputy'), w.base);
    await env.DB.prepare("update tenants set status = 'suspended', suspension_notice = '系统迁移中，预计周一恢复。' where id = ?")
      .bind(w.tenantId)
      .run();
    const body = await expectError(await api(`${w.base}/api/v1/me`, { token }), 403, 'tenant_suspended');
    expect(body.error.message).toContain('系统迁移中');
    await expectError(await api(`/t/no-such-county/api/v1/me`, { token }), 404, 'tenant_not_found');
  });
});

describe('API errors are JSON with a code and a Chinese message', () => {
  it('unknown paths 404, a form body 415, broken JSON 400, an oversized body 413, a non-object body 422', async () => {
    const w = await createWorld('apierrors');
    const token = await createToken(await people(w)('deputy'), w.base);
    const v1 = `${w.base}/api/v1`;
    await expectError(await api(`${v1}/no-such-thing`, { token }), 404, 'not_found');
    await expectError(await api(`${v1}/me`, { token, method: 'POST', json: {} }), 404, 'not_found');
    await expectError(
      await api(`${v1}/suggestions`, {
        token,
        body: 'title=x',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'form-body-1' },
      }),
      415,
      'unsupported_media_type',
    );
    await expectError(await api(`${v1}/suggestions`, { token, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
    await expectError(
      await api(`${v1}/suggestions`, { token, body: '{"title":', headers: { 'Content-Type': 'application/json' } }),
      400,
      'invalid_json',
    );
    await expectError(await api(`${v1}/suggestions`, { token, json: { title: 'x'.repeat(200 * 1024) } }), 413, 'payload_too_large');
    const list = await expectError(
      await api(`${v1}/suggestions`, { token, json: [1, 2], headers: { 'Idempotency-Key': 'array-body-1' } }),
      422,
      'validation_failed',
    );
    expect(list.error.fields._body).toMatch(CHINESE);
    const n = await countOf('select count(*) as n from suggestions where tenant_id = ?', w.tenantId);
    expect(n).toBe(0);
  });

  it('the browser pages still refuse a cross-site form post (the API exemption is only for /api/v1)', async () => {
    const w = await createWorld('apicsrf');
    const b = await signedIn(w, 'deputy');
    const res = await b.post(`${w.base}/account/tokens`, { name: '跨站' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

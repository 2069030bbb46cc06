/**
 * 平台运维 (issue 6): the operator opens a county (calendar, settings, first
 * admin with a one-time code shown once), refuses bad input next to each
 * field, suspends a county with a notice on every entrance and resumes it
 * with nothing lost, and sees counts, never content. Tenant accounts are
 * refused every console action; the operator gets no tenant page.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { expectPage, people, signedIn, submitSuggestion } from '../helpers/flow';
import { appRoutes, expand } from '../helpers/routes';
import { createWorld, TEST_PASSWORD } from '../helpers/world';
import { operatorCsrf, operatorPost, signedInOperator, tenantFootprint } from '../helpers/operator';
import { NATIONAL_CALENDAR } from '../../db/seed/national-calendar';
import { DEFAULT_SETTINGS } from '../../worker/rules/settings';
import { hashResetCode } from '../../worker/auth/reset-code';

let n = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++n}`;

function newCounty(overrides: Record<string, string> = {}) {
  const slug = unique('new');
  return {
    slug,
    name: '清水县人大常委会',
    hostnames: `rd.${slug}.gov.cn\nwww.rd.${slug}.gov.cn`,
    admin_username: 'xitong',
    admin_display_name: '王管理',
    ...overrides,
  };
}

async function tenantRow(slug: string) {
  return env.DB.prepare('select * from tenants where slug = ?')
    .bind(slug)
    .first<{ id: number; status: string; suspension_notice: string | null; suspended_at: number | null }>();
}

async function platformEntries(action: string, tenantId: number) {
  const rows = await env.DB.prepare("select tenant_id, actor_name from audit_log where action = ? and target_type = 'tenant' and target_id = ?")
    .bind(action, String(tenantId))
    .all<{ tenant_id: number | null; actor_name: string }>();
  return rows.results;
}

describe('开通县区', () => {
  it('creates the county with the national calendar, default settings, hostnames and a first admin whose one-time code is shown once', async () => {
    const op = await signedInOperator();
    const form = newCounty();
    const res = await operatorPost(op, '/platform/tenants', form);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    const code = html.match(/data-code[^>]*>([a-z2-7-]{19})</)?.[1];
    expect(code).toBeTruthy();
    expect(html).toContain(`/t/${form.slug}/reset`);

    const tenant = (await tenantRow(form.slug))!;
    expect(tenant.status).toBe('active');
    const hosts = await env.DB.prepare('select hostname from tenant_hostnames where tenant_id = ? order by hostname')
      .bind(tenant.id)
      .all<{ hostname: string }>();
    expect(hosts.results.map((h) => h.hostname)).toEqual([`rd.${form.slug}.gov.cn`, `www.rd.${form.slug}.gov.cn`]);
    const footprint = await tenantFootprint(tenant.id);
    expect(footprint['calendar_days']).toBe(NATIONAL_CALENDAR.length);
    const settings = await env.DB.prepare('select key, value from settings where tenant_id = ?')
      .bind(tenant.id)
      .all<{ key: string; value: string }>();
    expect(Object.fromEntries(settings.results.map((s) => [s.key, JSON.parse(s.value)]))).toEqual(JSON.parse(JSON.stringify(DEFAULT_SETTINGS)));

    const admin = await env.DB.prepare('select * from users where tenant_id = ?')
      .bind(tenant.id)
      .all<{ username: string; role: string; display_name: string; reset_code_hash: string; reset_code_expires_at: number; password_hash: string }>();
    expect(admin.results).toHaveLength(1);
    const a = admin.results[0]!;
    expect([a.username, a.role, a.display_name]).toEqual(['xitong', 'tenant_admin', '王管理']);
    expect(a.reset_code_hash).toBe(await hashResetCode(code!));
    expect(a.reset_code_hash).not.toContain(code!.replace(/-/g, ''));
    expect(a.reset_code_expires_at).toBeGreaterThan(Date.now());
    // No password works until the code is redeemed.
    for (const password of ['', code!, TEST_PASSWORD, a.password_hash]) {
      expect((await new Browser().post(`/t/${form.slug}/login`, { username: 'xitong', password })).status).toBe(422);
    }
    // The county answers at its path and on its own hostname.
    expect(await (await new Browser().get(`/t/${form.slug}/login`)).text()).toContain('清水县人大常委会');
    expect(await (await new Browser(`http://rd.${form.slug}.gov.cn`).get('/login')).text()).toContain('清水县人大常委会');
    // The code is not on the console, and the creation is on the platform's log.
    expect(await (await op.get('/platform')).text()).not.toContain(code!);
    const entries = await platformEntries('tenant.create', tenant.id);
    expect(entries).toEqual([{ tenant_id: null, actor_name: '平台运维员' }]);
  });

  it('refuses bad input with 422, a message next to each field and everything typed kept; nothing is written', async () => {
    const op = await signedInOperator();
    const before = await env.DB.prepare('select count(*) as n from tenants').first<{ n: number }>();
    const bad = { slug: 'Bad Slug!', name: '', hostnames: 'rd.ok-host.gov.cn\nnot a host', admin_username: 'Wang Li', admin_display_name: '' };
    const res = await operatorPost(op, '/platform/tenants', bad);
    const html = await expectPage(res, 422, [
      '标识须为 2–40 位小写字母、数字或连字符。',
      '请填写县区名称。',
      '“not a host”不是有效的域名。',
      '用户名须为 2–32 位小写字母、数字或 _ . -',
      '请填写首个系统管理员的姓名。',
    ]);
    expect(html).toMatch(/id="f-slug-error"/);
    expect(html).toContain('value="bad slug!"');
    expect(html).toContain('rd.ok-host.gov.cn\nnot a host</textarea>');
    expect(html).toContain('value="wang li"');
    for (const [form, message] of [
      [{ slug: 'platform' }, '这个标识是平台保留的，请换一个。'],
      [{ hostnames: 'localhost.x\nlocalhost.x' }, '域名“localhost.x”填了两次。'],
      [{ hostnames: 'huiyin.example.org' }, '“huiyin.example.org”是平台本身的域名，不能给县区使用。'],
      [{ name: '县'.repeat(61) }, '县区名称不能超过 60 个字。'],
    ] as const) {
      const r = await operatorPost(op, '/platform/tenants', newCounty(form));
      expect(r.status).toBe(422);
      expect(await r.text()).toContain(message);
    }
    const after = await env.DB.prepare('select count(*) as n from tenants').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it('refuses a slug or a hostname another county already has', async () => {
    const op = await signedInOperator();
    const first = newCounty();
    expect((await operatorPost(op, '/platform/tenants', first)).status).toBe(200);
    const sameSlug = await operatorPost(op, '/platform/tenants', newCounty({ slug: first.slug }));
    expect(sameSlug.status).toBe(422);
    expect(await sameSlug.text()).toContain('这个标识已被其他县区使用。');
    const host = `rd.${first.slug}.gov.cn`;
    const second = newCounty({ hostnames: `Rd.${first.slug}.gov.cn.` });
    const sameHost = await operatorPost(op, '/platform/tenants', second);
    expect(sameHost.status).toBe(422);
    expect(await sameHost.text()).toContain(`域名 ${host} 已被其他县区使用。`);
    expect(await tenantRow(second.slug)).toBeNull();
  });
});

describe('暂停与恢复', () => {
  it('a suspended county shows the notice on every entrance, refuses logins and sessions, deletes nothing; resuming restores it all', async () => {
    const w = await createWorld('suspend');
    const host = `rd.${w.slug}.gov.cn`;
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(host, w.tenantId).run();
    const deputy = await people(w)('deputy');
    await submitSuggestion(w, deputy);
    const before = await tenantFootprint(w.tenantId);
    const op = await signedInOperator();

    const empty = await operatorPost(op, `/platform/tenants/${w.slug}/suspend`, { notice: '  ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请填写暂停说明');
    const notice = '系统升级维护中，预计本周五恢复。急事请联系代表工委。';
    const res = await operatorPost(op, `/platform/tenants/${w.slug}/suspend`, { notice });
    expect(res.status).toBe(303);
    const row = (await tenantRow(w.slug))!;
    expect([row.status, row.suspension_notice]).toEqual(['suspended', notice]);
    expect(row.suspended_at).toBeGreaterThan(0);

    const onHost = new Browser(`http://${host}`);
    for (const [b, path] of [
      [new Browser(), `${w.base}/login`],
      [new Browser(), `${w.base}/public/wall`],
      [new Browser(), `${w.base}/`],
      [deputy, `${w.base}/suggestions`],
      [onHost, '/'],
      [onHost, '/login'],
      [onHost, '/public'],
    ] as const) {
      const page = await b.get(path);
      expect(page.status, path).toBe(403);
      const html = await page.text();
      expect(html, path).toContain('本县区平台已暂停使用');
      expect(html, path).toContain(notice);
    }
    const login = await new Browser().post(`${w.base}/login`, { username: 'staff', password: TEST_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
    expect(await tenantFootprint(w.tenantId)).toEqual(before);

    const resume = await operatorPost(op, `/platform/tenants/${w.slug}/resume`);
    expect(resume.status).toBe(303);
    expect((await tenantRow(w.slug))!.status).toBe('active');
    expect((await deputy.get(`${w.base}/suggestions`)).status).toBe(200);
    expect((await onHost.get('/login')).status).toBe(200);
    await new Browser().login(w.base, 'staff');
    expect((await platformEntries('tenant.suspend', w.tenantId)).map((e) => e.tenant_id)).toEqual([null]);
    expect((await platformEntries('tenant.resume', w.tenantId)).map((e) => e.tenant_id)).toEqual([null]);
  });
});

describe('the console shows counts, not content', () => {
  it('lists each county with its counts and none of its titles or names', async () => {
    const w = await createWorld('counts');
    await submitSuggestion(w, await people(w)('deputy'), { title: '关于机密内容测试标题的建议' });
    const op = await signedInOperator();
    const html = await (await op.get('/platform')).text();
    const row = html.slice(html.indexOf(`<td>${w.slug}</td>`), html.indexOf('</tr>', html.indexOf(`<td>${w.slug}</td>`)));
    // users, deputies, suggestions, open, storage
    expect(row).toContain('<td>11</td><td>5</td><td>1</td><td>1</td><td>0 B</td>');
    expect(html).toContain('建议数');
    expect(html).not.toContain('机密内容测试标题');
    expect(html).not.toContain('张建国');
  });
});

describe('who may use the console', () => {
  it('refuses every console route to anonymous callers and to county accounts, and changes nothing', async () => {
    const w = await createWorld('consoleguard');
    const routes = appRoutes().filter((r) => r.path.startsWith('/platform') && !/\/(login|logout)$/.test(r.path));
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const admin = await signedIn(w, 'admin');
    const withCountySession = new Browser();
    withCountySession.cookies.set('hy_session', admin.cookies.get('hy_session')!);
    const csrf = await admin.csrf(w.base);
    const before = await tenantFootprint(w.tenantId);
    for (const route of routes) {
      for (const path of expand(route.path, { slug: [w.slug] }).paths) {
        const form = {
          _csrf: csrf,
          notice: '测试',
          confirm_slug: w.slug,
          slug: unique('x'),
          name: '测试',
          admin_username: 'abc',
          admin_display_name: '测',
        };
        const anon = route.method === 'GET' ? await new Browser().get(path) : await new Browser().post(path, form);
        expect(anon.status, `anonymous ${route.method} ${path}`).toBe(303);
        expect(anon.headers.get('Location')).toBe('/platform/login');
        const county = route.method === 'GET' ? await withCountySession.get(path) : await withCountySession.post(path, form);
        expect(county.status, `county ${route.method} ${path}`).toBe(403);
      }
    }
    expect((await tenantRow(w.slug))!.status).toBe('active');
    expect(await tenantFootprint(w.tenantId)).toEqual(before);
  });

  it('the operator gets no county page, and a county form token does not work on the console', async () => {
    const w = await createWorld('opnotenant');
    const op = await signedInOperator();
    const inCounty = new Browser();
    inCounty.cookies.set('hy_session', op.cookies.get('hy_session')!);
    for (const path of ['/', '/suggestions', '/admin/settings', '/account']) {
      expect((await inCounty.get(`${w.base}${path}`)).status, path).toBe(403);
    }
    const noToken = await op.post(`/platform/tenants/${w.slug}/suspend`, { notice: '测试' });
    expect(noToken.status).toBe(403);
    expect((await tenantRow(w.slug))!.status).toBe('active');
    expect(await operatorCsrf(op)).toBeTruthy();
  });
});

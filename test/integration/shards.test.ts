/**
 * Tenants on several D1 databases (issue 8): a county on the second shard
 * (DB2) works end to end through HTTP with its rows in DB2 and only its
 * registry row in DB; counties on DB and DB2 cannot reach each other; the
 * cron scans, alerts and digests every shard; the operator creates a
 * county on DB2, suspends and resumes it, and deletes it from both.
 */
import { env } from 'cloudflare:workers';
import { createMessageBatch } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { databaseOn } from '../../db/client';
import { Browser, hiddenValue } from '../helpers/browser';
import { acceptAndAssign, actOk, people, submitSuggestion } from '../helpers/flow';
import { api, createToken, json } from '../helpers/api';
import { createWorld, shardD1, type ShardName, type World } from '../helpers/world';
import { operatorPost, signedInOperator } from '../helpers/operator';
import { consumeDeliveries, type DeliveryMessage, type Senders } from '../../worker/supervision/deliveries';
import { runCron } from '../helpers/cron';

/** Every table with a tenant_id column, from the live schema of DB (DB2 has the same). */
async function tenantTables(): Promise<string[]> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like '%_fts%'",
  ).all<{ name: string }>();
  const out: string[] = [];
  for (const { name } of tables.results) {
    const cols = await env.DB.prepare(`select name from pragma_table_info('${name}')`).all<{ name: string }>();
    if (cols.results.some((c) => c.name === 'tenant_id')) out.push(name);
  }
  return out.sort();
}

/** Rows of the tenant in each tenant table of one shard (only the non-empty ones). */
async function footprint(binding: ShardName, tenantId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tenantTables()) {
    const n = (await shardD1(binding).prepare(`select count(*) as n from "${t}" where tenant_id = ?`).bind(tenantId).first<{ n: number }>())!.n;
    if (n > 0) out[t] = n;
  }
  return out;
}

async function tenantCopies(tenantId: number) {
  const row = (d1: D1Database) =>
    d1.prepare('select id, slug, status, suspension_notice, db_binding from tenants where id = ?').bind(tenantId).first();
  return { registry: await row(env.DB), shard: await row(env.DB2!) };
}

/** A deputy's suggestion through accept, assign, sign-for and reply. */
async function repliedSuggestion(w: World, title: string) {
  const as = people(w);
  const id = await submitSuggestion(w, await as('deputy'), { title });
  await acceptAndAssign(w, await as('staff'), id, w.units[0]);
  const unit = await as('unit');
  await actOk(w, unit, id, 'sign_for');
  await actOk(w, unit, id, 'reply', { body: '已安排资金完成修复。', signer: '李局长', reply_class: 'A' });
  return id;
}

describe('a county on the second database (DB2)', () => {
  it('works end to end through HTTP, and its rows are in DB2 with only its registry row in DB', async () => {
    const w = await createWorld('shard2', { binding: 'DB2' });
    expect(await tenantCopies(w.tenantId)).toEqual({
      registry: expect.objectContaining({ id: w.tenantId, db_binding: 'DB2' }),
      shard: expect.objectContaining({ id: w.tenantId, db_binding: 'DB2' }),
    });
    const as = people(w);
    const title = '关于第二数据库县区农村公路养护的建议';
    const id = await repliedSuggestion(w, title);
    // The same county on DB, to hold DB2's pages to DB's number of D1 round trips.
    const onDb = await createWorld('shard1');
    const onDbAs = people(onDb);
    const onDbId = await repliedSuggestion(onDb, title);
    const row = await env.DB2!.prepare('select state, tenant_id from suggestions where id = ? and tenant_id = ?').bind(id, w.tenantId).first();
    expect(row).toEqual({ state: 'replied', tenant_id: w.tenantId });

    // Lists, detail, statistics for each role — with as many D1 round trips as the same page of a county on DB
    // (the registry is asked once per isolate; test/integration/query-budget.test.ts holds DB's pages to 3).
    for (const [who, path, shows] of [
      ['deputy', '/suggestions', title],
      ['deputy', '/suggestions/:id', '已安排资金完成修复。'],
      ['staff', '/suggestions', title],
      ['staff', '/suggestions/:id', title],
      ['unit', '/inbox', '<main'],
      ['chair', '/statistics', '统计'],
    ] as const) {
      const res = await (await as(who)).get(`${w.base}${path.replace(':id', String(id))}`);
      expect(res.status, `${who} ${path}`).toBe(200);
      expect(await res.text(), `${who} ${path}`).toContain(shows);
      const same = await (await onDbAs(who)).get(`${onDb.base}${path.replace(':id', String(onDbId))}`);
      expect(same.status).toBe(200);
      expect(Number(res.headers.get('X-D1-Round-Trips')), `${who} ${path}`).toBe(Number(same.headers.get('X-D1-Round-Trips')));
    }
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'satisfied', result: 'satisfied', comment: '办得好' });
    expect(await env.DB2!.prepare('select state from suggestions where id = ?').bind(id).first('state')).toBe('closed');

    // The public page: staff publish, anyone reads it.
    const staff = await as('staff');
    const form = await (await staff.get(`${w.base}/suggestions/${id}/publish`)).text();
    const published = await staff.post(`${w.base}/suggestions/${id}/publish`, {
      _csrf: hiddenValue(form, '_csrf'),
      title,
      content: '部分农村公路坑洼不平，建议落实养护资金。',
      reply_text: '已安排资金完成修复。',
    });
    expect(published.status).toBe(303);
    const publicPage = await new Browser().get(`${w.base}/public/${id}`);
    expect(publicPage.status).toBe(200);
    expect(await publicPage.text()).toContain(title);

    // The API: a token made on the county's page, then /api/v1/me and the deputy's suggestions.
    const token = await createToken(await as('deputy'), w.base);
    const me = await api(`${w.base}/api/v1/me`, { token });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ username: 'deputy' });
    expect(JSON.stringify(await json(await api(`${w.base}/api/v1/suggestions`, { token })))).toContain(title);

    // Password change and sign-out everywhere act on the county's sessions in DB2.
    const deputy = await as('deputy');
    const account = await (await deputy.get(`${w.base}/account`)).text();
    expect((await deputy.post(`${w.base}/account/logout-everywhere`, { _csrf: hiddenValue(account, '_csrf') })).status).toBe(303);
    expect(await env.DB2!.prepare('select count(*) as n from sessions where user_id = ?').bind(w.users.deputy.id).first('n')).toBe(0);

    // Everything the county wrote is in DB2 (sessions, tokens, audit, notifications included); DB holds only the registry row.
    const inDb2 = await footprint('DB2', w.tenantId);
    for (const table of [
      'suggestions',
      'suggestion_events',
      'assignments',
      'deadlines',
      'replies',
      'ratings',
      'sessions',
      'api_tokens',
      'audit_log',
      'notifications',
      'users',
      'publications',
    ]) {
      expect(inDb2[table] ?? 0, table).toBeGreaterThan(0);
    }
    expect(await footprint('DB', w.tenantId)).toEqual({});
    expect(await env.DB.prepare('select count(*) as n from tenants where id = ?').bind(w.tenantId).first('n')).toBe(1);
    // And the DB county wrote nothing to DB2.
    expect(await footprint('DB2', onDb.tenantId)).toEqual({});
  });

  it('answers on a mapped hostname too (the registry in DB maps it, the pages read DB2)', async () => {
    const w = await createWorld('shardhost', { binding: 'DB2' });
    const host = `rd.${w.slug}.gov.cn`;
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(host, w.tenantId).run();
    const b = new Browser(`http://${host}`);
    await b.login('', 'staff');
    const res = await b.get('/suggestions');
    expect(res.status).toBe(200);
    expect(await env.DB2!.prepare('select count(*) as n from sessions where user_id = ?').bind(w.users.staff.id).first('n')).toBe(1);
  });

  it('a registry row naming a binding the Worker does not have is a 500 with the request id, not a fallback to DB', async () => {
    const w = await createWorld('shardgone');
    await env.DB.prepare("update tenants set db_binding = 'DB9' where id = ?").bind(w.tenantId).run();
    const res = await new Browser().get(`${w.base}/login`);
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/请把编号 \S+ 告诉管理员/);
    expect(() => databaseOn(env, 'DB9')).toThrow(/DB9/);
    expect(() => databaseOn(env, 'FILES')).toThrow(/FILES/);
  });
});

describe('counties on different databases stay apart', () => {
  it('sessions of one are not signed in on the other, and ids of one are 404 on the other', async () => {
    const a = await createWorld('sharda');
    const b = await createWorld('shardb', { binding: 'DB2' });
    const aAs = people(a);
    const bAs = people(b);
    const aIds = [
      await submitSuggestion(a, await aAs('deputy'), { title: '只属于A县的建议一' }),
      await submitSuggestion(a, await aAs('deputy'), { title: '只属于A县的建议二' }),
      await submitSuggestion(a, await aAs('deputy'), { title: '只属于A县的建议三' }),
    ];
    const bIds = [await submitSuggestion(b, await bAs('deputy'), { title: '只属于B县的建议' })];

    // A's staff session under B, B's under A: not signed in there, nothing of the other county shown.
    for (const [from, to, theirs] of [
      [a, b, '只属于B县的建议'],
      [b, a, '只属于A县的建议'],
    ] as const) {
      const user = new Browser();
      await user.login(from.base, 'staff');
      for (const path of ['/', '/suggestions', '/account']) {
        const res = await user.get(`${to.base}${path}`);
        expect([302, 303, 403], `${to.slug}${path}`).toContain(res.status);
        expect(await res.text()).not.toContain(theirs);
      }
    }

    // Ids of one county under the other: 404 — unless the other database has its own row with that id (then it is its own).
    const idsIn = async (d1: D1Database, tenantId: number) =>
      (await d1.prepare('select id from suggestions where tenant_id = ?').bind(tenantId).all<{ id: number }>()).results.map((r) => r.id);
    const bOwn = new Set(await idsIn(env.DB2!, b.tenantId));
    const aOwn = new Set(await idsIn(env.DB, a.tenantId));
    const aStrangers = aIds.filter((id) => !bOwn.has(id));
    const bStrangers = bIds.filter((id) => !aOwn.has(id));
    expect(aStrangers.length).toBeGreaterThan(0);
    const bStaff = await bAs('staff');
    for (const id of aIds) {
      const res = await bStaff.get(`${b.base}/suggestions/${id}`);
      if (aStrangers.includes(id)) expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('只属于A县的建议');
    }
    const aStaff = await aAs('staff');
    for (const id of bIds) {
      const res = await aStaff.get(`${a.base}/suggestions/${id}`);
      if (bStrangers.includes(id)) expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('只属于B县的建议');
    }
    // A's API token is refused on B.
    const token = await createToken(await aAs('deputy'), a.base);
    expect((await api(`${a.base}/api/v1/me`, { token })).status).toBe(200);
    expect((await api(`${b.base}/api/v1/me`, { token })).status).toBe(401);
    // And the lists of each show only their own.
    expect(await (await bStaff.get(`${b.base}/suggestions`)).text()).not.toContain('只属于A县的建议');
    expect(await (await aStaff.get(`${a.base}/suggestions`)).text()).not.toContain('只属于B县的建议');
  });
});

describe('the cron on every shard', () => {
  it('turns a DB2 deadline yellow then red, alerts in DB2, queues the alert with its binding, delivers it, and digests the DB2 county', async () => {
    const w = await createWorld('shardcron', { binding: 'DB2' });
    const as = people(w);
    const id = await submitSuggestion(w, await as('deputy'));
    await acceptAndAssign(w, await as('staff'), id, w.units[0]);
    const d2 = env.DB2!;
    await d2
      .prepare("update deadlines set due_date = '2033-03-10', yellow_from = '2033-02-23' where suggestion_id = ? and stage = 'reply'")
      .bind(id)
      .run();
    await d2.prepare("update deadlines set ended_at = 1 where suggestion_id = ? and stage = 'sign_for'").bind(id).run();
    await d2.prepare('update users set email = ? where id = ?').bind('mishu@shard.example', w.users.secretary.id).run();
    const colour = async () =>
      (await d2.prepare("select colour from deadlines where suggestion_id = ? and stage = 'reply'").bind(id).first<{ colour: string }>())!.colour;

    const sent: DeliveryMessage[] = [];
    const original = env.ALERTS.sendBatch.bind(env.ALERTS);
    (env.ALERTS as { sendBatch: typeof original }).sendBatch = async (messages, options) => {
      sent.push(...[...messages].map((m) => m.body as DeliveryMessage));
      return original(messages, options);
    };
    const run = (iso: string) => runCron(new Date(Date.parse(`${iso}+08:00`)));
    try {
      await run('2033-02-23T07:00:00');
      expect(await colour()).toBe('yellow');
      await run('2033-03-11T07:00:00');
      expect(await colour()).toBe('red');
      await run('2033-03-11T09:00:00');
    } finally {
      (env.ALERTS as { sendBatch: typeof original }).sendBatch = original;
    }
    const alerts = await d2.prepare('select colour from alerts where tenant_id = ? order by id').bind(w.tenantId).all<{ colour: string }>();
    expect(alerts.results.map((r) => r.colour)).toEqual(['yellow', 'red']);
    expect(await env.DB.prepare('select count(*) as n from alerts where tenant_id = ?').bind(w.tenantId).first('n')).toBe(0);
    const mine = sent.filter((m) => m.tenantId === w.tenantId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((m) => m.binding === 'DB2')).toBe(true);
    // The 09:00 run digested the DB2 county in DB2 (and not in DB).
    expect(await d2.prepare('select count(*) as n from digests where tenant_id = ?').bind(w.tenantId).first('n')).toBe(1);
    expect(await env.DB.prepare('select count(*) as n from digests where tenant_id = ?').bind(w.tenantId).first('n')).toBe(0);

    // The consumer reads each message in its own shard and records the delivery there.
    const emails: string[] = [];
    const senders: Senders = {
      email: async (m) => void emails.push(m.to),
      fetch: async () => new Response('{}'),
      origin: 'https://huiyin.example.org',
    };
    const redEmail = mine.find((m) => m.kind !== 'digest' && m.channel === 'email')!;
    await consumeDeliveries(
      (binding) => databaseOn(env, binding),
      createMessageBatch<DeliveryMessage>('huiyin-alerts', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: redEmail }]),
      senders,
    );
    expect(emails).toEqual(['mishu@shard.example']);
    expect(await d2.prepare("select count(*) as n from alert_deliveries where tenant_id = ? and status = 'sent'").bind(w.tenantId).first('n')).toBe(
      1,
    );
  });
});

describe('the operator and the second database', () => {
  it('creates a county on DB2, which then works; suspends it (notice shown), resumes it, and deletes it from both', async () => {
    const op = await signedInOperator();
    const newForm = await (await op.get('/platform/tenants/new')).text();
    expect(newForm).toMatch(/<select[^>]*name="db_binding"/);
    expect(newForm).toContain('<option value="DB2"');
    const slug = `opshard-${Date.now().toString(36)}`;
    const form = { slug, name: '云水县人大常委会', hostnames: '', admin_username: 'xitong', admin_display_name: '王管理', db_binding: 'DB2' };

    const bad = await operatorPost(op, '/platform/tenants', { ...form, db_binding: 'DB9' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请选择已配置的数据库');
    expect(await env.DB.prepare('select count(*) as n from tenants where slug = ?').bind(slug).first('n')).toBe(0);

    const created = await operatorPost(op, '/platform/tenants', form);
    expect(created.status).toBe(200);
    const code = (await created.text()).match(/data-code[^>]*>([a-z2-7-]{19})</)![1]!;
    const id = (await env.DB.prepare('select id from tenants where slug = ?').bind(slug).first<{ id: number }>())!.id;
    expect(await tenantCopies(id)).toEqual({
      registry: expect.objectContaining({ status: 'active', db_binding: 'DB2' }),
      shard: expect.objectContaining({ status: 'active', db_binding: 'DB2' }),
    });
    expect(await footprint('DB', id)).toEqual({});
    expect(await footprint('DB2', id)).toMatchObject({ users: 1, settings: expect.any(Number), calendar_days: expect.any(Number) });
    expect(await (await op.get('/platform')).text()).toMatch(new RegExp(`${slug}</td>[\\s\\S]*?<td>DB2</td>`));

    // The first admin redeems the code and signs in: the account is in DB2.
    const admin = new Browser();
    const reset = await admin.post(`/t/${slug}/reset`, { username: 'xitong', code, next: 'Newpass2026', confirm: 'Newpass2026' });
    expect(reset.status).toBe(303);
    await admin.login(`/t/${slug}`, 'xitong', 'Newpass2026');
    expect((await admin.get(`/t/${slug}/admin/users`)).status).toBe(200);

    // Suspend: registry and copy; every entrance shows the notice.
    const notice = '数据迁移中，预计明日恢复。';
    expect((await operatorPost(op, `/platform/tenants/${slug}/suspend`, { notice })).status).toBe(303);
    expect(await tenantCopies(id)).toEqual({
      registry: expect.objectContaining({ status: 'suspended', suspension_notice: notice }),
      shard: expect.objectContaining({ status: 'suspended', suspension_notice: notice }),
    });
    for (const b of [admin, new Browser()]) {
      const page = await b.get(`/t/${slug}/`);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain(notice);
    }
    expect((await operatorPost(op, `/platform/tenants/${slug}/resume`)).status).toBe(303);
    expect((await admin.get(`/t/${slug}/admin/users`)).status).toBe(200);

    // Export reads the county from DB2.
    const exported = await operatorPost(op, `/platform/tenants/${slug}/export`);
    expect(exported.status).toBe(200);
    const archive = JSON.parse(await new Response(exported.body!.pipeThrough(new DecompressionStream('gzip'))).text());
    expect(archive.tables.users.rows).toHaveLength(1);

    // Delete: rows gone from DB2, the registry row and its log entry in DB.
    expect((await operatorPost(op, `/platform/tenants/${slug}/delete`, { confirm_slug: slug })).status).toBe(303);
    expect(await tenantCopies(id)).toEqual({ registry: null, shard: null });
    expect(await footprint('DB2', id)).toEqual({});
    expect(
      await env.DB.prepare("select count(*) as n from audit_log where tenant_id is null and action = 'tenant.delete' and target_id = ?")
        .bind(String(id))
        .first('n'),
    ).toBe(1);
  });

  it('restores an archive into DB2', async () => {
    const op = await signedInOperator();
    const w = await createWorld('shardsrc');
    await repliedSuggestion(w, '待迁移的建议');
    const exported = await operatorPost(op, `/platform/tenants/${w.slug}/export`);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    const slug = `restored-${Date.now().toString(36)}`;
    const form = new FormData();
    form.set('_csrf', hiddenValue(await (await op.get('/platform/restore')).text(), '_csrf'));
    form.set('archive', new File([bytes], 'a.json.gz', { type: 'application/gzip' }));
    form.set('slug', slug);
    form.set('name', '迁入县人大常委会');
    form.set('hostnames', '');
    form.set('db_binding', 'DB2');
    const res = await op.postMultipart('/platform/restore', form);
    expect(res.status).toBe(303);
    const id = (await env.DB.prepare('select id from tenants where slug = ?').bind(slug).first<{ id: number }>())!.id;
    expect(await tenantCopies(id)).toEqual({
      registry: expect.objectContaining({ status: 'active', db_binding: 'DB2' }),
      shard: expect.objectContaining({ status: 'active', db_binding: 'DB2' }),
    });
    expect(await footprint('DB', id)).toEqual({});
    const db2 = drizzle(env.DB2!, { schema });
    expect((await db2.select().from(schema.suggestions).all()).filter((s) => s.tenantId === id).map((s) => s.title)).toEqual(['待迁移的建议']);
    const staff = new Browser();
    await staff.login(`/t/${slug}`, 'staff');
    expect(await (await staff.get(`/t/${slug}/suggestions`)).text()).toContain('待迁移的建议');
  });
});

/**
 * Hostile input on every form (issue #6), generated from the router: every
 * POST route of a county, as the roles that have forms, on the county's own
 * objects, with every field the app's forms use set to HTML and script,
 * SQL metacharacters, wrong types (repeated fields), negative and huge
 * numbers, invalid UTF-8 — and a 1 MB body. Never a 500; whatever was
 * stored comes back inert (escaped) on the pages that show it; the
 * database is intact.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ACTION_SCHEMAS } from '../../worker/forms/suggestion-actions';
import { hiddenValue, type Form } from '../helpers/browser';
import { acceptAndAssign, actOk, people, submitSuggestion, type Who } from '../helpers/flow';
import { appRoutes, expand } from '../helpers/routes';
import { createWorld, type World } from '../helpers/world';
import { api, createToken, tokens } from '../helpers/api';
import { API_ENDPOINTS } from '../../worker/api';

/** The field names the app's forms use. */
const FIELDS = [
  'idempotency_key',
  'title',
  'content',
  'category_id',
  'source_channel',
  'deputy_id',
  'cosigners',
  'ids',
  'mode',
  'lead_unit',
  'assist_units',
  'split_units',
  'is_key',
  'supervising_leader_id',
  'note',
  'reason',
  'reason_code',
  'target_number',
  'new_due',
  'reply_class',
  'body',
  'signer',
  'promised_date',
  'attitude',
  'result',
  'comment',
  'colour',
  'contacted_on',
  'acted_on',
  'who',
  'how',
  'year',
  'kind',
  'target_id',
  'op',
  'date',
  'lines',
  'public_title',
  'public_content',
  'public_reply',
  'current',
  'next',
  'confirm',
  'intent',
  'month',
  'description',
  'closes_on',
  'occurred_on',
  'forum_topic_id',
  'description',
  'budget',
  'proposer_name',
  'proposer_contact',
  'decision',
  'planned_finish',
  'places',
  'candidates',
  'opens_at',
  'closes_at',
  'choices',
  'picked',
  'percent',
  'rating',
  'username',
  'display_name',
  'role',
  'unit_id',
  'station_id',
  'email',
  'code',
  'starts_at',
  'ends_at',
  'place',
  'deputies',
  'voter_name',
  'voter_contact',
  'measure',
  'answer',
  'handed_to',
  'due_date',
  'feedback',
];

const SCRIPT = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const PAYLOADS: Record<string, string | string[]> = {
  html: `${SCRIPT}关于"引号"和'单引号'的建议`,
  sql: `' OR 1=1; DROP TABLE suggestions; --`,
  repeated: ['1', '2', '<b>3</b>'],
  negative: '-1',
  huge: '99999999999999999999999999',
  float: '1e308',
  nan: 'NaN',
  empty: '',
  unicode: '\u0000\u202e\ud800 零宽\u200b字符',
};

/** Routes a hostile form is not sent to: they would end the caller's session. */
const SKIP = new Set([
  'POST /t/:slug/login',
  'POST /t/:slug/logout',
  'POST /t/:slug/account/logout-everywhere',
  'POST /platform/login',
  'POST /platform/logout',
]);

/** The county's own 民生实事: a candidate, a chosen project of the unit, and an open ballot over two shortlisted ones. */
async function ownProjects(w: World): Promise<{ projectIds: string[]; ballotIds: string[] }> {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const ids: string[] = [];
  for (const status of ['candidate', 'chosen', 'shortlisted', 'shortlisted']) {
    const row = await env.DB.prepare(
      `insert into projects (tenant_id, year, title, description, unit_id, proposer_kind, status, updated_at) values (?, ?, '项目', '说明', ?, 'staff', ?, ?) returning id`,
    )
      .bind(w.tenantId, year, w.units[0], status, Date.now())
      .first<{ id: number }>();
    ids.push(String(row!.id));
  }
  const ballot = await env.DB.prepare(
    `insert into ballots (tenant_id, year, title, places, status, opens_at, closes_at, created_by_user_id) values (?, ?, '票决', 1, 'open', ?, ?, ?) returning id`,
  )
    .bind(w.tenantId, year, Date.now() - 3_600_000, Date.now() + 3_600_000, w.users.staff.id)
    .first<{ id: number }>();
  await env.DB.prepare('insert into ballot_candidates (tenant_id, ballot_id, project_id) values (?, ?, ?), (?, ?, ?)')
    .bind(w.tenantId, ballot!.id, ids[2], w.tenantId, ballot!.id, ids[3])
    .run();
  return { projectIds: ids, ballotIds: [String(ballot!.id)] };
}

/** The county's own 接待日: one held today with an open issue, one still to come. */
async function ownReceptions(w: World): Promise<{ receptionIds: string[]; issueIds: string[] }> {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (const date of [today, `${Number(today.slice(0, 4)) + 1}${today.slice(4, 8)}01`]) {
    const row = await env.DB.prepare(
      `insert into receptions (tenant_id, station_id, date, starts_at, ends_at, place, created_by_user_id) values (?, ?, ?, '09:00', '11:00', '会客厅', ?) returning id`,
    )
      .bind(w.tenantId, w.stations[0], date, w.users.staff.id)
      .first<{ id: number }>();
    await env.DB.prepare('insert into reception_deputies (tenant_id, reception_id, deputy_id) values (?, ?, ?), (?, ?, ?)')
      .bind(w.tenantId, row!.id, w.deputies[0], w.tenantId, row!.id, w.deputies[2])
      .run();
    ids.push(String(row!.id));
  }
  const issue = await env.DB.prepare(
    `insert into voter_issues (tenant_id, reception_id, station_id, voter_name, content, logged_by_user_id) values (?, ?, ?, '群众', '问题', ?) returning id`,
  )
    .bind(w.tenantId, ids[0], w.stations[0], w.users.staff.id)
    .first<{ id: number }>();
  return { receptionIds: ids, issueIds: [String(issue!.id)] };
}

/** The county's own 单月座谈议题, open today. */
async function ownForumTopic(w: World): Promise<string> {
  const row = await env.DB.prepare(
    `insert into forum_topics (tenant_id, month, title, description, closes_on, created_by_user_id) values (?, ?, '议题', '说明', '2100-01-01', ?) returning id`,
  )
    .bind(w.tenantId, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7), w.users.staff.id)
    .first<{ id: number }>();
  return String(row!.id);
}

describe('hostile input on every form', () => {
  it('is refused or stored inert: no 500 on any POST route, no unescaped markup on any page', async () => {
    const w = await createWorld('hostile');
    const as = people(w);
    const staff = await as('staff');
    const deputy = await as('deputy');
    const unit = await as('unit');
    const replied = await submitSuggestion(w, deputy, { title: '关于完善农村公路养护机制的建议（测试恶意输入）' });
    await acceptAndAssign(w, staff, replied, w.units[0]);
    await actOk(w, unit, replied, 'sign_for');
    await actOk(w, unit, replied, 'reply', { body: '已答复。', signer: '局长', reply_class: 'A' });
    const fresh = await submitSuggestion(w, deputy, { title: '关于增设路灯的建议（测试恶意输入）' });
    const { projectIds, ballotIds } = await ownProjects(w);
    const { receptionIds, issueIds } = await ownReceptions(w);
    // userId: an account no role below signs in as (disabling it must not end a running session).
    // tokenId: the deputy's own API token (the deputy's walk may revoke it; everyone else gets 404).
    await createToken(deputy, w.base);
    const tokenIds = (await env.DB.prepare('select id from api_tokens where tenant_id = ?').bind(w.tenantId).all<{ id: number }>()).results.map((t) =>
      String(t.id),
    );
    const values = {
      slug: [w.slug],
      id: [String(replied), String(fresh)],
      replyId: ['1'],
      fileId: ['1'],
      action: Object.keys(ACTION_SCHEMAS),
      projectId: projectIds,
      ballotId: ballotIds,
      deputyId: [String(w.deputies[3])],
      unitId: [String(w.units[3])],
      stationId: [String(w.stations[1])],
      categoryId: [String(w.categories[1])],
      receptionId: receptionIds,
      issueId: issueIds,
      userId: [String(w.users.deputy3.id)],
      tokenId: tokenIds,
    };
    // The JSON API takes no forms (or cookies): its POSTs get hostile JSON below.
    Object.assign(values, { topicId: [await ownForumTopic(w)] });
    const posts = appRoutes().filter(
      (r) => r.method === 'POST' && r.path.startsWith('/t/:slug') && !r.path.startsWith('/t/:slug/api/') && !SKIP.has(`POST ${r.path}`),
    );
    expect(posts.length).toBeGreaterThan(10);
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    // The roles with forms, side by side.
    await Promise.all(
      (['deputy', 'staff', 'unit', 'admin', 'secretary'] as Who[]).map(async (who) => {
        const b = await as(who);
        const csrf = hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
        for (const route of posts) {
          const { paths, unknown } = expand(route.path, values);
          expect(unknown, route.path).toEqual([]);
          for (const path of paths) {
            for (const [name, payload] of Object.entries(PAYLOADS)) {
              const form: Form = { _csrf: csrf };
              for (const f of FIELDS) form[f] = payload;
              const res = await b.post(path, form);
              statuses[res.status] = (statuses[res.status] ?? 0) + 1;
              const text = await res.text();
              if (res.status >= 500) failures.push(`${who} POST ${path} (${name}): ${res.status}`);
              if (text.includes('<script>alert(1)</script>')) failures.push(`${who} POST ${path} (${name}): markup echoed unescaped`);
            }
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    // Whatever was stored shows inert on the pages that display it.
    for (const [who, path] of [
      ['staff', `/suggestions/${replied}`],
      ['staff', `/suggestions/${fresh}`],
      ['staff', '/suggestions'],
      ['deputy', '/suggestions'],
      ['secretary', '/notifications'],
      ['unit', '/inbox'],
      ['staff', '/statistics'],
      ['deputy', '/'],
      ['staff', '/forums'],
      ['staff', '/ledger/deputies'],
      ['deputy', '/ledger'],
      ['staff', `/receptions/${receptionIds[0]}`],
      ['staff', `/receptions/issues/${issueIds[0]}`],
      ['staff', '/receptions/monthly'],
    ] as [Who, string][]) {
      const res = await (await as(who)).get(`${w.base}${path}`);
      expect(res.status, path).toBeLessThan(500);
      expect(await res.text(), path).not.toContain('<script>alert(1)</script>');
    }
    const tables = await env.DB.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'suggestions'").first<{
      n: number;
    }>();
    expect(tables!.n).toBe(1);
    console.log(`hostile input: ${posts.length} POST routes, statuses ${JSON.stringify(statuses)}`);
  }, 240_000);

  it('a body over the limit is refused with 413 and nothing is written; invalid UTF-8 is not a 500', async () => {
    const w = await createWorld('hostilebig');
    const deputy = await people(w)('deputy');
    const csrf = await deputy.csrf(w.base);
    const before = await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
    const big = await deputy.post(`${w.base}/suggestions`, {
      _csrf: csrf,
      title: '大',
      content: 'x'.repeat(1024 * 1024),
      category_id: String(w.categories[0]),
      source_channel: 'online',
    });
    expect(big.status).toBe(413);
    const after = await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`_csrf=${csrf}&title=`),
      0xff,
      0xfe,
      0xc3,
      0x28,
      ...new TextEncoder().encode('&content=%FF%FE'),
    ]);
    const res = await deputy.fetch(`${w.base}/suggestions`, {
      method: 'POST',
      body: bytes,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    });
    expect(res.status).toBeLessThan(500);
  });
});

/** The fields of every API request body, from the endpoints' own schemas. */
const API_FIELDS = [
  ...new Set(API_ENDPOINTS.flatMap((e) => (e.body && 'shape' in e.body ? Object.keys((e.body as unknown as { shape: object }).shape) : []))),
];
const JSON_PAYLOADS: Record<string, unknown> = {
  html: `${SCRIPT}关于"引号"和'单引号'的建议`,
  sql: `' OR 1=1; DROP TABLE suggestions; --`,
  negative: -1,
  huge: 1e308,
  unsafeInteger: 2 ** 60,
  float: 1.5,
  numericString: '99999999999999999999999999',
  empty: '',
  null: null,
  boolean: true,
  array: [1, '<b>2</b>', -3],
  object: { $gt: '', __proto__: { admin: true } },
  unicode: '\u0000\u202e\ud800 零宽\u200b字符',
};

describe('hostile JSON on every API POST (/api/v1)', () => {
  it('wrong types, markup, SQL, negative and huge numbers, odd bodies: refused or stored inert, never a 500', async () => {
    const w = await createWorld('hostileapi');
    const as = people(w);
    const t = tokens(w);
    const deputy = await as('deputy');
    const staff = await as('staff');
    const open = await submitSuggestion(w, deputy, { title: '关于完善农村公路养护机制的建议（接口恶意输入）' });
    await acceptAndAssign(w, staff, open, w.units[0]);
    await actOk(w, await as('unit'), open, 'sign_for');
    const fresh = await submitSuggestion(w, deputy, { title: '关于增设路灯的建议（接口恶意输入）' });
    const posts = appRoutes().filter((r) => r.method === 'POST' && r.path.startsWith('/t/:slug/api/'));
    expect(posts.length).toBeGreaterThanOrEqual(4);
    expect(API_FIELDS).toEqual(expect.arrayContaining(['title', 'category_id', 'cosigners', 'attitude', 'body', 'reply_class']));
    const bodies: [string, BodyInit][] = [
      ...Object.entries(JSON_PAYLOADS).map(([name, value]): [string, BodyInit] => [
        name,
        JSON.stringify(Object.fromEntries(API_FIELDS.map((f) => [f, value]))),
      ]),
      ...[
        '[]',
        '"x"',
        'null',
        '42',
        '{"category_id": 1e999, "cosigners": [1e999]}',
        '{"title":',
        '',
        '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
        `{"title": "${'{'.repeat(5000)}"}`,
      ].map((raw, i): [string, BodyInit] => [`raw${i}`, raw]),
      [
        'invalidUtf8',
        new Uint8Array([...new TextEncoder().encode('{"title":"'), 0xff, 0xfe, 0xc3, 0x28, ...new TextEncoder().encode('","content":"\\ud800"}')]),
      ],
    ];
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    await Promise.all(
      (['deputy', 'clerk', 'unit', 'staff'] as Who[]).map(async (who) => {
        const token = await t(who);
        for (const route of posts) {
          for (const path of expand(route.path, { slug: [w.slug], id: [String(open), String(fresh)] }).paths) {
            for (const [name, body] of bodies) {
              const res = await api(path, { token, body, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() } });
              statuses[res.status] = (statuses[res.status] ?? 0) + 1;
              const raw = await res.text();
              if (res.status >= 500) failures.push(`${who} POST ${path} (${name}): ${res.status}`);
              if (!(res.headers.get('Content-Type') ?? '').startsWith('application/json')) failures.push(`${who} POST ${path} (${name}): not JSON`);
              if (/[<>]/.test(raw)) failures.push(`${who} POST ${path} (${name}): markup characters in the response`);
            }
            // Not JSON at all, and a hostile Idempotency-Key.
            const form = await api(path, {
              token,
              body: `title=${encodeURIComponent(SCRIPT)}`,
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            });
            if (![403, 415].includes(form.status)) failures.push(`${who} POST ${path} (form body): ${form.status}`);
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    const valid = { title: '关于测试幂等键的建议', content: '内容', category_id: w.categories[0], source_channel: 'online' };
    const key = await api(`${w.base}/api/v1/suggestions`, { token: await t('deputy'), json: valid, headers: { 'Idempotency-Key': SCRIPT } });
    expect(key.status).toBe(400);
    // Nothing was created by all that: every body had at least one field of the wrong type.
    const n = await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
    expect(n!.n).toBe(2);
    console.log(`hostile API input: ${posts.length} POST routes, statuses ${JSON.stringify(statuses)}`);
  }, 240_000);

  it('markup that passes validation is stored as typed and comes back inert (JSON \\u escapes, escaped on the pages)', async () => {
    const w = await createWorld('hostileapistore');
    const as = people(w);
    const t = tokens(w);
    const title = `${SCRIPT}关于"引号"的建议`;
    const res = await api(`${w.base}/api/v1/suggestions`, {
      token: await t('deputy'),
      json: { title, content: `${SCRIPT}' OR 1=1; --`, category_id: w.categories[0], source_channel: 'online' },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(res.status).toBe(201);
    const raw = await res.text();
    expect(raw).not.toMatch(/[<>]/);
    const created = JSON.parse(raw);
    expect(created.suggestion.title).toBe(title);
    const stored = await env.DB.prepare('select title from suggestions where id = ?').bind(created.id).first<{ title: string }>();
    expect(stored!.title).toBe(title);
    await acceptAndAssign(w, await as('staff'), created.id, w.units[0]);
    await actOk(w, await as('unit'), created.id, 'sign_for');
    const reply = await api(`${w.base}/api/v1/suggestions/${created.id}/reply`, {
      token: await t('unit'),
      json: { body: SCRIPT, signer: '<i>局长</i>', reply_class: 'A' },
    });
    expect(reply.status).toBe(200);
    expect(await reply.text()).not.toMatch(/[<>]/);
    for (const who of ['staff', 'deputy', 'unit'] as Who[]) {
      const page = await (await as(who)).get(`${w.base}/suggestions/${created.id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('<script>alert(1)</script>');
    }
  });

  it('a body over the API limit is refused with 413 JSON on every API POST, and nothing is written', async () => {
    const w = await createWorld('hostileapibig');
    const as = people(w);
    const t = tokens(w);
    const id = await submitSuggestion(w, await as('deputy'));
    await acceptAndAssign(w, await as('staff'), id, w.units[0]);
    await actOk(w, await as('unit'), id, 'sign_for');
    const tables = ['suggestions', 'suggestion_events', 'replies', 'ratings', 'assignments', 'deadlines', 'notifications'];
    const counts = async () =>
      Promise.all(
        tables.map(
          async (table) =>
            (await env.DB.prepare(`select count(*) as n from ${table} where tenant_id = ?`).bind(w.tenantId).first<{ n: number }>())!.n,
        ),
      );
    const before = await counts();
    const big = 'x'.repeat(1024 * 1024);
    const posts = appRoutes().filter((r) => r.method === 'POST' && r.path.startsWith('/t/:slug/api/'));
    for (const who of ['deputy', 'unit'] as Who[]) {
      for (const route of posts) {
        const [path] = expand(route.path, { slug: [w.slug], id: [String(id)] }).paths;
        const json = {
          title: '大',
          content: big,
          body: big,
          signer: '局长',
          reply_class: 'A',
          attitude: 'satisfied',
          result: 'satisfied',
          category_id: w.categories[0],
          source_channel: 'online',
        };
        const res = await api(path!, { token: await t(who), json, headers: { 'Idempotency-Key': crypto.randomUUID() } });
        expect(res.status, `${who} ${path}`).toBe(413);
        expect((await res.json<{ error: { code: string } }>()).error.code).toBe('payload_too_large');
      }
    }
    expect(await counts()).toEqual(before);
  });
});

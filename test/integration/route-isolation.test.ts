/**
 * Every route of the app, generated from the router (a new route is covered
 * without touching this file), called as every role of county A — and as
 * nobody — with the ids of county B's objects: nothing of B is ever shown,
 * and none of B's rows changes. A path parameter this generator cannot fill
 * fails the test, so a new kind of route is noticed here. The JSON API's
 * routes (/api/v1) are called with a Bearer token of each role of A (from
 * A's token page) and JSON bodies naming B's objects — never with cookies.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ACTION_SCHEMAS } from '../../worker/forms/suggestion-actions';
import { Browser, type Form } from '../helpers/browser';
import { actOk, submitSuggestion, type Who, worldAndPeople } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';
import { appRoutes, expand } from '../helpers/routes';
import { api, createToken } from '../helpers/api';

/** Every piece of B's free text carries this; it must never reach A's pages. */
const MARK = 'BSECRET';
const PDF = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...new Uint8Array(2000)]);

/** The operator's console routes: proved operator-only in operator.test.ts. */
const OPERATOR_ONLY =
  'operator-only console (counts, never content); anonymous and county sessions are refused on every console route in operator.test.ts';

/**
 * Routes not called, each with its reason. Everything else the platform app
 * routes under `/t/:slug` is called (the mapped-host app mounts the same
 * tenant pages, so its routes are the same set).
 */
const SKIP: Record<string, string> = {
  'GET /': 'platform landing page: lists the counties by name by design, no tenant content',
  'GET /assets/:file': 'static build assets (hashed files), no tenant data',
  'GET /platform': 'platform operator console (tenant sessions are refused there; see login tests)',
  'GET /platform/login': 'platform operator console login',
  'POST /platform/login': 'platform operator console login',
  'POST /platform/logout': 'platform operator console logout',
  'GET /platform/tenants/new': OPERATOR_ONLY,
  'POST /platform/tenants': OPERATOR_ONLY,
  'GET /platform/tenants/:slug{[a-z0-9-]{2,40}}/suspend': OPERATOR_ONLY,
  'POST /platform/tenants/:slug{[a-z0-9-]{2,40}}/suspend': OPERATOR_ONLY,
  'POST /platform/tenants/:slug{[a-z0-9-]{2,40}}/resume': OPERATOR_ONLY,
  'GET /platform/tenants/:slug{[a-z0-9-]{2,40}}/delete': OPERATOR_ONLY,
  'POST /platform/tenants/:slug{[a-z0-9-]{2,40}}/delete': OPERATOR_ONLY,
  'POST /platform/tenants/:slug{[a-z0-9-]{2,40}}/export': OPERATOR_ONLY,
  'GET /platform/restore': OPERATOR_ONLY,
  'POST /platform/restore': OPERATOR_ONLY,
  'GET /t/:slug/login': 'login form: public by design, shows only the county name',
  'POST /t/:slug/login': 'login: would sign the caller in or out (cross-tenant login is in security.test.ts)',
  'POST /t/:slug/logout': "ends the caller's own session, which the rest of the run needs",
  'POST /t/:slug/public/projects/propose':
    'public proposal form: anyone may post by design (stored pending for moderation); rate limit and moderation in projects.test.ts',
  'GET /t/:slug/reset': '设置新密码 form: public by design like the login form, shows only the county name',
  'POST /t/:slug/reset': 'redeems a one-time code: public like login; cross-county redemption is in admin-users.test.ts',
};

/** API routes are called as an app would: a Bearer token and a JSON body, never the session cookie. */
const isApiRoute = (path: string) => path.startsWith('/t/:slug/api/');

/** Every field the API's bodies know, pointing at B's objects. */
function hostileJson(b: BFacts) {
  return {
    title: '测试标题',
    content: '测试内容',
    category_id: b.w.categories[0],
    source_channel: 'online',
    cosigners: [b.w.deputies[1]],
    deputy_id: b.w.deputies[0],
    attitude: 'satisfied',
    result: 'satisfied',
    comment: '测试',
    body: '测试',
    signer: '测试',
    reply_class: 'A',
    promised_date: null,
  };
}

function callApi(method: string, path: string, token: string | undefined, b: BFacts) {
  return method === 'GET' ? api(path, { token }) : api(path, { token, json: hostileJson(b), headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

interface BFacts {
  w: World;
  /** B's API tokens (ids): offered to the token pages' routes; they must stay live. */
  tokens: number[];
  suggestions: { id: number; number: string }[];
  replies: number[];
  files: number[];
  /** B's 单月座谈议题 (one with B's first suggestion under it). */
  topicIds: number[];
  projectIds: number[];
  ballotIds: number[];
  receptionIds: number[];
  issueIds: number[];
}

/** Values for each path parameter: A's slug, B's ids, every handling action. */
function parameterValues(a: World, b: BFacts): Record<string, string[]> {
  return {
    slug: [a.slug],
    id: b.suggestions.map((s) => String(s.id)),
    replyId: b.replies.map(String),
    fileId: b.files.map(String),
    tokenId: b.tokens.map(String),
    action: Object.keys(ACTION_SCHEMAS),
    projectId: b.projectIds.map(String),
    ballotId: b.ballotIds.map(String),
    receptionId: b.receptionIds.map(String),
    issueId: b.issueIds.map(String),
    deputyId: b.w.deputies.map(String),
    topicId: b.topicIds.map(String),
    unitId: b.w.units.map(String),
    stationId: b.w.stations.map(String),
    categoryId: b.w.categories.map(String),
    userId: Object.values(b.w.users).map((u) => String(u.id)),
  };
}

/** One form for every POST: all the fields the app's forms know, pointing at B's objects. */
function hostileForm(b: BFacts, csrf: string): Form {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const s1 = b.suggestions[0]!;
  return {
    _csrf: csrf,
    idempotency_key: crypto.randomUUID(),
    title: '测试标题',
    content: '测试内容',
    reply_text: '测试答复',
    category_id: String(b.w.categories[0]),
    source_channel: 'online',
    deputy_id: String(b.w.deputies[0]),
    cosigners: [String(b.w.deputies[1])],
    ids: b.suggestions.map((s) => String(s.id)),
    mode: 'lead',
    lead_unit: String(b.w.units[0]),
    assist_units: [String(b.w.units[1])],
    split_units: [],
    is_key: '1',
    supervising_leader_id: String(b.w.users.chair.id),
    note: '测试',
    reason: '测试',
    reason_code: 'other',
    target_number: s1.number,
    new_due: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    reply_class: 'A',
    body: '测试',
    signer: '测试',
    promised_date: '',
    attitude: 'satisfied',
    result: 'satisfied',
    comment: '测试',
    colour: 'red',
    contacted_on: today,
    acted_on: today,
    who: 'unit_head',
    how: 'phone',
    year: today.slice(0, 4),
    kind: 'suggestion',
    target_id: String(s1.id),
    op: 'mark',
    date: today,
    lines: '',
    forum_topic_id: String(b.topicIds[0]),
    month: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7),
    closes_on: `${Number(new Date().getUTCFullYear()) + 1}-01-01`,
    occurred_on: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
    station_id: String(b.w.stations[0]),
    deputies: [String(b.w.deputies[0]), String(b.w.deputies[2])],
    starts_at: '09:00',
    ends_at: '11:00',
    place: '测试地点',
    voter_name: '测试群众',
    measure: '测试',
    answer: '测试',
    handed_to: '测试镇',
    due_date: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    feedback: '测试',
  };
}

/** B's county with something in every table: replied, attachment, published, supervised, commended, returned, accepted. */
/** B's 单月座谈议题 (open, with B's first suggestion under it) and a ledger entry of B's deputy. */
async function buildForumsB(w: World, suggestionId: number): Promise<number[]> {
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const topic = await env.DB.prepare(
    `insert into forum_topics (tenant_id, month, title, description, closes_on, created_by_user_id) values (?, ?, ?, ?, '2100-01-01', ?) returning id`,
  )
    .bind(w.tenantId, month, `${MARK}议题`, `${MARK}议题说明`, w.users.staff.id)
    .first<{ id: number }>();
  await env.DB.prepare('update suggestions set forum_topic_id = ? where id = ?').bind(topic!.id, suggestionId).run();
  await env.DB.prepare(
    `insert into ledger_entries (tenant_id, deputy_id, kind, title, occurred_on, created_by_user_id) values (?, ?, 'training', ?, ?, ?)`,
  )
    .bind(w.tenantId, w.deputies[0], `${MARK}培训`, `${month}-01`, w.users.staff.id)
    .run();
  return [topic!.id];
}

async function buildB(): Promise<BFacts> {
  const { w, as } = await worldAndPeople('isolb');
  const staff = await as('staff');
  const s1 = await submitSuggestion(w, await as('deputy'), {
    title: `关于${MARK}乙县道路的建议`,
    content: `${MARK}乙县道路坑洼的内容`,
    cosigners: [String(w.deputies[1])],
  });
  await actOk(w, staff, s1, 'accept');
  await actOk(w, staff, s1, 'assign', { mode: 'lead', lead_unit: String(w.units[0]), assist_units: [String(w.units[1])] });
  const unit = await as('unit');
  await actOk(w, unit, s1, 'sign_for');
  await actOk(w, unit, s1, 'contact', {
    contacted_on: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
    who: 'unit_head',
    how: 'phone',
    note: `${MARK}联系`,
  });
  const form = new FormData();
  form.set('_csrf', await unit.csrf(w.base));
  form.set('body', `${MARK}乙县的答复正文`);
  form.set('signer', `${MARK}局长`);
  form.set('reply_class', 'A');
  form.append('files', new File([PDF], `${MARK}答复函.pdf`, { type: 'application/pdf' }));
  expect((await unit.postMultipart(`${w.base}/suggestions/${s1}/act/reply`, form)).status).toBe(303);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await actOk(w, await as('secretary'), s1, 'supervise', { kind: 'letter', acted_on: today, note: `${MARK}督办` });
  const publish = await staff.post(`${w.base}/suggestions/${s1}/publish`, {
    _csrf: await staff.csrf(w.base),
    title: `${MARK}公开的标题`,
    content: `${MARK}公开的内容`,
    reply_text: `${MARK}公开的答复`,
  });
  expect(publish.status).toBe(303);
  for (const [kind, target] of [
    ['suggestion', s1],
    ['unit', w.units[0]!],
  ] as const) {
    const res = await staff.post(`${w.base}/statistics/evaluation`, {
      _csrf: await staff.csrf(w.base),
      year: today.slice(0, 4),
      kind,
      target_id: String(target),
      op: 'mark',
      note: `${MARK}评优`,
    });
    expect(res.status).toBe(303);
  }
  const s2 = await submitSuggestion(w, await as('deputy'), { title: `关于${MARK}乙县退回的建议`, content: `${MARK}退回的内容` });
  await actOk(w, staff, s2, 'return_for_revision', { note: `${MARK}请补充` });
  const s3 = await submitSuggestion(w, await as('deputy2'), { title: `关于${MARK}乙县待交办的建议`, content: `${MARK}待交办的内容` });
  await actOk(w, staff, s3, 'accept');

  const rows = await env.DB.prepare('select id, number from suggestions where tenant_id = ? order by id')
    .bind(w.tenantId)
    .all<{ id: number; number: string }>();
  const replies = await env.DB.prepare('select id from replies where tenant_id = ?').bind(w.tenantId).all<{ id: number }>();
  const files = await env.DB.prepare('select id from attachments where tenant_id = ?').bind(w.tenantId).all<{ id: number }>();
  const count = async (table: string) =>
    (await env.DB.prepare(`select count(*) as n from ${table} where tenant_id = ?`).bind(w.tenantId).first<{ n: number }>())!.n;
  // The world really has rows in the tables that matter.
  for (const table of [
    'replies',
    'attachments',
    'assignments',
    'deadlines',
    'notifications',
    'publications',
    'commendations',
    'supervision_actions',
    'contacts',
  ]) {
    expect(await count(table), table).toBeGreaterThan(0);
  }
  await createToken(await as('deputy'), w.base, `${MARK}令牌`);
  const apiTokens = await env.DB.prepare('select id from api_tokens where tenant_id = ?').bind(w.tenantId).all<{ id: number }>();
  return {
    w,
    topicIds: await buildForumsB(w, rows.results[0]!.id),
    tokens: apiTokens.results.map((t) => t.id),
    suggestions: rows.results,
    replies: replies.results.map((r) => r.id),
    files: files.results.map((f) => f.id),
    ...(await buildProjectsB(w)),
    ...(await buildReceptionsB(w, rows.results[0]!.id)),
  };
}

/** B's 接待日: one held today with an issue turned into B's first suggestion and one open, one still to come. */
async function buildReceptionsB(w: World, suggestionId: number): Promise<{ receptionIds: number[]; issueIds: number[] }> {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const reception = async (date: string) =>
    (await env.DB.prepare(
      `insert into receptions (tenant_id, station_id, date, starts_at, ends_at, place, note, created_by_user_id) values (?, ?, ?, '09:00', '11:00', ?, ?, ?) returning id`,
    )
      .bind(w.tenantId, w.stations[0], date, `${MARK}会客厅`, `${MARK}备注`, w.users.staff.id)
      .first<{ id: number }>())!.id;
  const held = await reception(today);
  const upcoming = await reception(`${Number(today.slice(0, 4)) + 1}${today.slice(4, 8)}01`);
  const issue = async (outcome: string, linked: number | null) =>
    (await env.DB.prepare(
      `insert into voter_issues (tenant_id, reception_id, station_id, voter_name, voter_contact, content, measure, outcome, suggestion_id, logged_by_user_id) values (?, ?, ?, ?, '13900000000', ?, ?, ?, ?, ?) returning id`,
    )
      .bind(w.tenantId, held, w.stations[0], `${MARK}群众`, `${MARK}反映的问题`, `${MARK}对策`, outcome, linked, w.users.clerk.id)
      .first<{ id: number }>())!.id;
  const issues = [await issue('suggestion', suggestionId), await issue('open', null)];
  for (const r of [held, upcoming]) {
    await env.DB.prepare('insert into reception_deputies (tenant_id, reception_id, deputy_id) values (?, ?, ?), (?, ?, ?)')
      .bind(w.tenantId, r, w.deputies[0], w.tenantId, r, w.deputies[2])
      .run();
  }
  return { receptionIds: [held, upcoming], issueIds: issues };
}

/** B's 民生实事: a pending public proposal, a chosen project with progress and a rating, an open ballot with a vote. */
async function buildProjectsB(w: World): Promise<{ projectIds: number[]; ballotIds: number[] }> {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const now = Date.now();
  const project = async (title: string, status: string) =>
    (await env.DB.prepare(
      `insert into projects (tenant_id, year, title, description, unit_id, proposer_kind, proposer_name, proposer_contact, status, progress_percent, updated_at)
      values (?, ?, ?, ?, ?, 'public', ?, '13900000000', ?, 40, ?) returning id`,
    )
      .bind(w.tenantId, year, `${MARK}${title}`, `${MARK}说明`, w.units[0], `${MARK}提出人`, status, now)
      .first<{ id: number }>())!.id;
  const ids = [
    await project('待审核', 'pending'),
    await project('当选', 'chosen'),
    await project('候选一', 'shortlisted'),
    await project('候选二', 'shortlisted'),
  ];
  const ballot = (await env.DB.prepare(
    `insert into ballots (tenant_id, year, title, places, status, opens_at, closes_at, created_by_user_id) values (?, ?, ?, 1, 'open', ?, ?, ?) returning id`,
  )
    .bind(w.tenantId, year, `${MARK}票决`, now - 3_600_000, now + 3_600_000, w.users.staff.id)
    .first<{ id: number }>())!.id;
  await env.DB.batch([
    env.DB.prepare('insert into ballot_candidates (tenant_id, ballot_id, project_id, votes) values (?, ?, ?, 1), (?, ?, ?, 0)').bind(
      w.tenantId,
      ballot,
      ids[2],
      w.tenantId,
      ballot,
      ids[3],
    ),
    env.DB.prepare('insert into ballot_voters (tenant_id, ballot_id, deputy_id) values (?, ?, ?)').bind(w.tenantId, ballot, w.deputies[1]),
    env.DB.prepare('insert into project_updates (tenant_id, project_id, percent, note, user_id) values (?, ?, 40, ?, ?)').bind(
      w.tenantId,
      ids[1],
      `${MARK}进度`,
      w.users.unit.id,
    ),
    env.DB.prepare("insert into project_satisfaction (tenant_id, project_id, deputy_id, rating) values (?, ?, ?, 'satisfied')").bind(
      w.tenantId,
      ids[1],
      w.deputies[1],
    ),
  ]);
  return { projectIds: ids, ballotIds: [ballot] };
}

/** Tables with a tenant_id column, and their foreign keys. */
async function tenantTables() {
  const names = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%' order by name",
  ).all<{ name: string }>();
  const out: { name: string; fks: { from: string; table: string }[] }[] = [];
  for (const { name } of names.results) {
    const cols = await env.DB.prepare(`select name from pragma_table_info('${name}')`).all<{ name: string }>();
    if (!cols.results.some((c) => c.name === 'tenant_id')) continue;
    const fks = await env.DB.prepare(`select "from", "table" from pragma_foreign_key_list('${name}')`).all<{ from: string; table: string }>();
    out.push({ name, fks: fks.results });
  }
  return out;
}

async function sha256(s: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Row count and a hash of the content of every tenant table, for one tenant; plus its files in R2. */
async function snapshot(tenantId: number, tables: { name: string }[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await env.DB.prepare(`select * from ${name} where tenant_id = ? order by rowid`).bind(tenantId).all();
    out[name] = `${rows.results.length} rows, ${await sha256(JSON.stringify(rows.results))}`;
  }
  out['tenants'] = JSON.stringify(await env.DB.prepare('select * from tenants where id = ?').bind(tenantId).first());
  const objects = (await env.FILES.list({ prefix: `t/${tenantId}/` })).objects;
  out['r2'] = objects.map((o) => `${o.key}:${o.size}:${o.etag}`).join(',');
  return out;
}

/** Rows of A that point at a row of B (a cross-county reference written through a form). */
async function crossReferences(a: World, b: World, tables: Awaited<ReturnType<typeof tenantTables>>): Promise<string[]> {
  const found: string[] = [];
  const owned = new Set(tables.map((t) => t.name));
  for (const t of tables) {
    for (const fk of t.fks) {
      if (!owned.has(fk.table) || fk.from === 'tenant_id') continue;
      const hit = await env.DB.prepare(
        `select count(*) as n from ${t.name} x where x.tenant_id = ? and x.${fk.from} in (select id from ${fk.table} where tenant_id = ?)`,
      )
        .bind(a.tenantId, b.tenantId)
        .first<{ n: number }>();
      if (hit!.n) found.push(`${t.name}.${fk.from} → ${fk.table} (${hit!.n})`);
    }
  }
  const commended = await env.DB.prepare(
    `select count(*) as n from commendations c where c.tenant_id = ? and (
       (c.kind = 'suggestion' and c.target_id in (select id from suggestions where tenant_id = ?))
       or (c.kind = 'unit' and c.target_id in (select id from handling_units where tenant_id = ?)))`,
  )
    .bind(a.tenantId, b.tenantId, b.tenantId)
    .first<{ n: number }>();
  if (commended!.n) found.push(`commendations.target_id → B (${commended!.n})`);
  return found;
}

const ROLES: Who[] = ['deputy', 'clerk', 'staff', 'secretary', 'chair', 'unit', 'admin'];

interface Call {
  who: Who | 'anonymous';
  method: string;
  path: string;
  status: number;
  problem: string;
}

describe('route isolation between counties', () => {
  it(
    "no route shows or changes anything of county B to A's users or to anonymous visitors, whatever ids are given",
    { timeout: 300_000 },
    async () => {
      const started = Date.now();
      const a = await createWorld('isola');
      const b = await buildB();
      const values = parameterValues(a, b);

      // Every route, expanded with B's ids; a parameter nobody fills fails here.
      const routes = appRoutes();
      const called = routes.filter((r) => !SKIP[`${r.method} ${r.path}`]);
      const unknown = called.flatMap((r) => expand(r.path, values).unknown.map((p) => `${r.method} ${r.path} (:${p})`));
      expect(unknown, 'route parameters the isolation test cannot fill: add them to parameterValues').toEqual([]);
      const notTenant = called.filter((r) => !r.path.startsWith('/t/:slug'));
      expect(notTenant, 'routes outside /t/:slug: call them or add them to SKIP with a reason').toEqual([]);
      for (const key of Object.keys(SKIP))
        expect(
          routes.some((r) => `${r.method} ${r.path}` === key),
          `stale SKIP entry ${key}`,
        ).toBe(true);

      const bNumbers = b.suggestions.map((s) => s.number);
      const query = `?format=csv&year=${new Date().getUTCFullYear()}&unit=${b.w.units[0]}&category=${b.w.categories[0]}&state=accepted&id=${b.suggestions[0]!.id}`;
      const requests = called.flatMap((r) => {
        const hasObjectId = /\/:(?!slug\b)/.test(r.path);
        return expand(r.path, values).paths.flatMap((path) =>
          r.method === 'GET' && !hasObjectId
            ? [
                { ...r, concrete: path, hasObjectId },
                { ...r, concrete: path + query, hasObjectId },
              ]
            : [{ ...r, concrete: path, hasObjectId }],
        );
      });

      const tables = await tenantTables();
      const before = await snapshot(b.w.tenantId, tables);
      const aSuggestionsBefore = await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?')
        .bind(a.tenantId)
        .first<{ n: number }>();

      const login = `${a.base}/login`;
      const sessionsEnded = new Set<string>();
      const run = async (who: Who | 'anonymous'): Promise<Call[]> => {
        let browser = new Browser();
        let csrf = 'not-a-token';
        const signIn = async () => {
          if (who === 'anonymous') return;
          browser = new Browser();
          await browser.login(a.base, who);
          csrf = await browser.csrf(a.base);
        };
        await signIn();
        // The API with a token of this role in A (created on A's token page once; sessions ending does not touch it).
        let token: string | undefined;
        const tokenOf = async () => (token ??= await createToken(browser, a.base, '隔离测试'));
        const calls: Call[] = [];
        for (const r of requests) {
          const res = isApiRoute(r.path)
            ? await callApi(r.method, r.concrete, who === 'anonymous' ? undefined : await tokenOf(), b)
            : r.method === 'GET'
              ? await browser.get(r.concrete)
              : await browser.post(r.concrete, hostileForm(b, csrf));
          const body = await res.text();
          const location = res.headers.get('Location') ?? '';
          const problems: string[] = [];
          if (body.includes(MARK)) problems.push("B's text in the body");
          for (const n of bNumbers) if (body.includes(n)) problems.push(`B's number ${n} in the body`);
          if (location.includes(MARK) || (location && !location.startsWith(a.base))) problems.push(`redirect to ${location}`);
          const s = res.status;
          const toLogin = (s === 303 || s === 302) && location === login;
          const isPublic = r.path.startsWith('/t/:slug/public') || r.path === '/t/:slug/api/v1/openapi.json';
          if (s >= 500) problems.push('server error');
          else if (who === 'anonymous') {
            if (!(toLogin || (isApiRoute(r.path) && s === 401) || s === 403 || s === 404 || (isPublic && s === 200 && !r.hasObjectId)))
              problems.push('anonymous not refused');
          } else if (r.hasObjectId) {
            // B's object named in the path: refused, or a form error that shows nothing of B.
            if (![403, 404, 422].includes(s)) problems.push("B's object not refused");
          } else if (![200, 303, 403, 404, 409, 422].includes(s)) problems.push('unexpected status');
          // A route that ends the caller's own sessions (sign out everywhere…): fine, sign in again and go on.
          if (who !== 'anonymous' && location.startsWith(login) && (await browser.get(`${a.base}/notifications`)).status !== 200) {
            await signIn();
            sessionsEnded.add(`${r.method} ${r.path}`);
          }
          calls.push({ who, method: r.method, path: r.concrete, status: s, problem: problems.length ? `${problems.join('; ')} [${location}]` : '' });
        }
        return calls;
      };
      const results = (await Promise.all([...ROLES, 'anonymous' as const].map(run))).flat();

      const failures = results.filter((c) => c.problem).map((c) => `${c.who} ${c.method} ${c.path} → ${c.status}: ${c.problem}`);
      expect(failures).toEqual([]);
      expect(await snapshot(b.w.tenantId, tables)).toEqual(before);
      expect(await crossReferences(a, b.w, tables)).toEqual([]);
      const aSuggestionsAfter = await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?')
        .bind(a.tenantId)
        .first<{ n: number }>();
      // A's forms named B's category and deputies, so A could not have created anything either.
      expect(aSuggestionsAfter!.n).toBe(aSuggestionsBefore!.n);

      const statuses = results.reduce<Record<string, number>>((acc, c) => ((acc[c.status] = (acc[c.status] ?? 0) + 1), acc), {});
      console.log(
        `route isolation: ${routes.length} routes, ${called.length} called, ${Object.keys(SKIP).length} skipped; ` +
          `${requests.length} requests × ${ROLES.length + 1} callers = ${results.length} calls; statuses ${JSON.stringify(statuses)}; ${Date.now() - started} ms; routes that ended the caller's session: ${[...sessionsEnded].join(', ') || 'none'}`,
      );
    },
  );
});

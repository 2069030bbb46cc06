// Suggestion lists at scale (issue #3): 60,000 suggestions in one tenant
// (太康县) on top of the demo world, then the list pages of every role timed
// over HTTP against `wrangler dev`, and the query plans of the list queries.
//
//   1. Fresh D1 state in .wrangler/scale-state (migrations + demo seed), then
//      bench/lib/scale-data.mjs's 60,000 suggestions with their assignments
//      and co-signers, loaded with `wrangler d1 execute --file` (the FTS
//      triggers fill suggestions_fts as they go). The load is timed.
//   2. The exact SQL of each list, captured from db/tenant-data.ts (see
//      bench/lib/capture-sql.mjs), run once and through EXPLAIN QUERY PLAN.
//   3. `wrangler dev` on port 8793; log in as staff (gongwei), deputy
//      (daibiao) and unit clerk (chengban); per page 3 warm-up requests, then
//      30 timed sequential requests: p50 / p95 / max and the body size.
//
// Budget: p95 ≤ 250 ms per page; ≤ 800 ms for the 2-character search (LIKE
// over every row). Each page must also show the rows it should (a list that
// came back empty measured nothing).
//
// Usage: node bench/list-scale.mjs [--markdown] [--try-sql=STATEMENT …]
//        (or `npm run bench -- list-scale`)
// --try-sql runs extra SQL on the bench database after the load (e.g. a
// CREATE INDEX a fix proposes), to measure a fix before writing its migration;
// such a run is labelled WHAT-IF and writes list-scale.what-if.json instead.
// Exits 1 when a budget or a check fails. Writes bench/out/list-scale.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { portIsFree, prepareState, root, startServer, wrangler } from './lib/local-server.mjs';
import { signIn } from './lib/sign-in.mjs';
import { loadScaleState, SCALE } from './lib/scale-data.mjs';
import { inlineParams, sqlCapturer } from './lib/capture-sql.mjs';

const STATE_DIR = '.wrangler/scale-state';
const SEED_DIR = '.wrangler/scale-seed';
const PORT = 8793;
const TENANT = '/t/taikang';
const WARMUP = 3;
const RUNS = 30;
/**
 * p95 budgets (ms): list pages, the 2-character LIKE search, the statistics
 * page for a year, and for all 60,000 suggestions at once (a period report
 * aggregates every item of its period; the whole county is the worst case).
 */
export const BUDGET = { p95: 250, p95Like: 800, p95Stats: 1500, p95StatsAll: 2500 };
/** Tables large enough at this scale that reading all of them is a finding. */
const BIG_TABLES = ['suggestions', 'assignments', 'suggestion_cosigners', 'suggestion_events'];

const log = (s) => process.stderr.write(s + '\n');
const d1 = (label, args) => wrangler(label, ['d1', 'execute', 'DB', '--local', '--persist-to', STATE_DIR, ...args]);

/** The pages to time. `rows`: how many suggestion links the page must show. */
function pagesFor(info, detail) {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const list = (n) => Math.min(50, n);
  /** The staff list with these filters, as its query string carries them. */
  const staffList = (key, label, filters, rows, more = {}) => {
    const query = Object.entries(filters)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    return { key, label, who: 'staff', path: query ? `/suggestions?${query}` : '/suggestions', rows, filters, ...more };
  };
  return [
    staffList('staff', 'staff list', {}, 50),
    staffList('staff-p100', 'staff list page 100', { page: '100' }, 50),
    staffList('staff-assigned-unit', 'staff state=assigned&unit=10011', { state: 'assigned', unit: '10011' }, list(info.unit.assignedNow)),
    staffList(
      'staff-category-year',
      `staff category=10003&year=${year}`,
      { category: '10003', year: String(year) },
      list(info.category10003ThisYear),
    ),
    staffList('staff-key', 'staff key=1', { key: '1' }, list(info.keyOnly)),
    staffList('search-fts', `staff q=${SCALE.phrase} (FTS)`, { q: SCALE.phrase }, list(info.phrase.rows)),
    staffList('search-like', `staff q=${SCALE.word} (LIKE)`, { q: SCALE.word }, list(info.word.rows), { like: true }),
    { key: 'deputy', label: 'deputy list (daibiao)', who: 'deputy', path: '/', rows: list(info.deputy.leads + info.deputy.cosigns), deputy: true },
    { key: 'inbox', label: 'unit inbox (chengban)', who: 'clerk', path: '/inbox', rows: Math.min(200, info.unit.inbox), inbox: true },
    {
      key: 'detail',
      label: `detail /suggestions/${detail.id}`,
      who: 'staff',
      path: `/suggestions/${detail.id}`,
      rows: null,
      detail: detail.id,
      title: detail.title,
    },
    // Statistics (issue #5): this year's cohort, and every suggestion of the county at once.
    { key: 'stats-year', label: `statistics year=${year}`, who: 'staff', path: `/statistics?period=year&year=${year}`, rows: null, stats: true },
    {
      key: 'stats-all',
      label: 'statistics, all 60,000',
      who: 'staff',
      path: `/statistics?period=range&from=2000-01-01&to=${year}-12-31`,
      rows: null,
      stats: true,
      all: true,
    },
  ].map((p) => ({ ...p, limit: p.like ? BUDGET.p95Like : p.all ? BUDGET.p95StatsAll : p.stats ? BUDGET.p95Stats : BUDGET.p95 }));
}

// ---- 2. query plans ----------------------------------------------------------

async function capturePageQueries(pages) {
  const capture = await sqlCapturer(1);
  const out = [];
  // Statistics read the whole period by design: timed below, not judged by list-query plans.
  for (const p of pages.filter((x) => !x.stats)) {
    const statements = await capture(async (data, layer) => {
      if (p.deputy) await data.suggestions.listForDeputy(SCALE.deputy, 0);
      else if (p.inbox) await data.units.inbox(10_011);
      else if (p.detail) await data.suggestions.detail(p.detail);
      else await data.suggestions.listIncoming(layer.parseListFilters(p.filters));
    });
    // The statements that touch the big tables; the small lookups (categories, units, settings) are left out.
    const relevant = statements.filter((s) => BIG_TABLES.some((t) => new RegExp(`from "?${t}"?\\b`).test(s.sql)));
    out.push({ page: p.key, statements: relevant.map((s) => ({ sql: inlineParams(s), main: s === relevant[0] })) });
  }
  return out;
}

function planFindings(rows) {
  const detail = rows.map((r) => r.detail);
  const fullScans = detail.filter((d) => BIG_TABLES.some((t) => new RegExp(`^SCAN ${t}$|^SCAN ${t} `).test(d) && !/ USING /.test(d)));
  const indexes = [
    ...new Set(
      detail.flatMap((d) =>
        [...d.matchAll(/USING (?:COVERING )?INDEX (\w+)|USING (INTEGER PRIMARY KEY)|VIRTUAL TABLE INDEX/g)].map((m) => m[1] ?? m[2] ?? 'fts5'),
      ),
    ),
  ];
  const tempSort = detail.some((d) => /TEMP B-TREE FOR ORDER BY/.test(d));
  // An index whose only constraint is tenant_id narrows nothing in a one-county
  // database. Walked in ORDER BY order it stops once the page is full; with a
  // temp B-tree sort every row of the tenant is read and sorted first.
  const tenantOnly = detail.filter((d) => {
    const m = d.match(/^SEARCH (\w+) USING (?:COVERING )?INDEX \w+ \(tenant_id=\?\)$/);
    return m && BIG_TABLES.includes(m[1]);
  });
  const wholeTenant = tempSort ? tenantOnly : [];
  const verdict = fullScans.length
    ? 'FULL SCAN'
    : wholeTenant.length
      ? 'index on tenant_id only: reads every row of the tenant, then sorts'
      : tenantOnly.length
        ? 'index in list order (stops when the page is full)'
        : 'index';
  return { fullScans, wholeTenant, indexes, verdict, tempSort };
}

function explainAll(captured) {
  const flat = captured.flatMap((c) => c.statements.map((s) => ({ ...s, page: c.page })));
  const script = [
    "select count(*) as n from suggestions where tenant_id = 1 and idempotency_key like 'scale-%'",
    'select count(*) as n from assignments where tenant_id = 1',
    'select count(*) as n from suggestion_cosigners where tenant_id = 1',
    `select count(*) as n from suggestions_fts where suggestions_fts match '"${SCALE.phrase}"'`,
    ...flat.flatMap((s) => [`EXPLAIN QUERY PLAN ${s.sql}`, s.sql]),
  ];
  const { stdout } = d1(`EXPLAIN QUERY PLAN of ${flat.length} statements (and each run once)`, ['--json', '--command', script.join(';\n') + ';']);
  const results = JSON.parse(stdout.slice(stdout.indexOf('[')));
  if (results.length !== script.length) throw new Error(`expected ${script.length} results from wrangler, got ${results.length}`);
  const [suggestions, assignments, cosigners, fts] = results.slice(0, 4).map((r) => r.results[0].n);
  const counts = { suggestions, assignments, cosigners, ftsPhrase: fts };
  const plans = flat.map((s, i) => {
    const planRows = results[4 + 2 * i].results;
    const run = results[5 + 2 * i];
    return {
      page: s.page,
      main: s.main,
      sql: s.sql,
      plan: planRows.map((r) => r.detail),
      planTree: planTree(planRows),
      sqlMs: run.meta?.duration ?? null,
      resultRows: run.results.length,
      ...planFindings(planRows),
    };
  });
  return { counts, plans };
}

/** EXPLAIN QUERY PLAN rows as the sqlite3 shell shows them (indented by parent). */
function planTree(rows) {
  const depth = new Map([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

// ---- 3. HTTP timings ---------------------------------------------------------

const login = (baseUrl, username) => signIn(baseUrl, TENANT, username);

async function timeOnce(url, cookie) {
  const t0 = performance.now();
  const res = await fetch(url, { redirect: 'manual', headers: { Cookie: cookie, 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, status: res.status, body };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timePages(baseUrl, pages) {
  const cookies = {
    staff: await login(baseUrl, 'gongwei'),
    deputy: await login(baseUrl, 'daibiao'),
    clerk: await login(baseUrl, 'chengban'),
  };
  const results = [];
  for (const p of pages) {
    const url = `${baseUrl}${TENANT}${p.path}`;
    const checks = [];
    let first;
    for (let i = 0; i < WARMUP; i++) {
      const r = await timeOnce(url, cookies[p.who]);
      first ??= r;
      if (r.status !== 200) throw new Error(`${p.label}: GET ${p.path} → HTTP ${r.status}`);
    }
    const html = first.body.toString('utf8');
    const shown = new Set([...html.matchAll(/\/suggestions\/(\d+)"/g)].map((m) => m[1])).size;
    if (p.rows !== null && shown !== p.rows) checks.push(`shows ${shown} suggestions, expected ${p.rows}`);
    if (p.detail && !html.includes(p.title)) checks.push(`does not show the title of suggestion ${p.detail}`);
    if (p.stats && !/<h2>承办单位办理情况<\/h2>[\s\S]*?<td>\d+<\/td>/.test(html)) checks.push('shows no unit figures');
    const ms = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await timeOnce(url, cookies[p.who]);
      if (r.status !== 200) checks.push(`HTTP ${r.status} on run ${i + 1}`);
      ms.push(r.ms);
    }
    const sorted = [...ms].sort((a, b) => a - b);
    const row = {
      key: p.key,
      label: p.label,
      path: `${TENANT}${p.path}`,
      who: p.who,
      rows: p.rows === null ? null : shown,
      bytes: first.body.length,
      gzip: gzipSync(first.body, { level: 9 }).length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1],
      limit: p.limit,
      checks,
    };
    row.ok = row.p95 <= p.limit && checks.length === 0;
    results.push(row);
    log(
      `  ${row.ok ? 'PASS' : 'FAIL'} ${p.label}: p50 ${row.p50.toFixed(0)} / p95 ${row.p95.toFixed(0)} / max ${row.max.toFixed(0)} ms, ${row.bytes} B, ${shown} rows${checks.length ? ' — ' + checks.join('; ') : ''}`,
    );
  }
  return results;
}

// ---- output ------------------------------------------------------------------

const width = (s) => [...String(s)].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const padw = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(s)));
const padl = (s, n) => ' '.repeat(Math.max(0, n - width(s))) + String(s);
const f0 = (n) => (n === null || n === undefined ? '–' : n.toFixed(0));

function mainPlan(result, key) {
  return result.explain.plans.find((p) => p.page === key && p.main);
}

function printText(result) {
  const { info, load, explain, pages } = result;
  console.log(
    `\nData: ${explain.counts.suggestions} generated suggestions loaded into tenant 1 (plus the demo's 6); tenant 1 now has ${explain.counts.assignments} assignments, ${explain.counts.cosigners} co-signers; submitted ${info.from} … ${info.to}`,
  );
  console.log(
    `  states: ${Object.entries(info.byState)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `  per year: ${Object.entries(info.byYear)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; key ${info.keyOnly}; "${info.phrase.text}" in ${info.phrase.rows} rows (FTS finds ${explain.counts.ftsPhrase}); "${info.word.text}" in ${info.word.rows}`,
  );
  console.log(
    `  deputy ${info.deputy.id}: leads ${info.deputy.leads}, co-signs ${info.deputy.cosigns}; unit ${info.unit.id}: ${info.unit.assignments} lead assignments, ${info.unit.assignedNow} assigned now, ${info.unit.inbox} open (inbox shows ≤ 200)`,
  );
  console.log(
    `Load: ${load.seconds.toFixed(1)} s for ${load.files.length} files via wrangler d1 execute --local (${(load.files.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1)} MB SQL; generating took ${load.generateSeconds.toFixed(1)} s)`,
  );

  console.log(`\nQuery plans (EXPLAIN QUERY PLAN of the SQL db/tenant-data.ts sends; "SQL ms" = one run via wrangler d1 execute):`);
  for (const p of explain.plans) {
    const flag = p.fullScans.length ? 'SCAN' : p.wholeTenant.length ? 'WARN' : 'ok  ';
    const table = p.sql.match(/ from "(\w+)"/)?.[1] ?? '?';
    console.log(
      `  ${flag} [${p.page}${p.main ? '' : ` · ${table}`}] ${p.verdict}${p.tempSort && !p.wholeTenant.length ? ' + temp B-tree sort' : ''}; uses ${p.indexes.join(', ') || 'no index'}; SQL ${f0(p.sqlMs)} ms, ${p.resultRows} rows`,
    );
    if (p.main || p.fullScans.length || p.wholeTenant.length) for (const line of p.planTree) console.log(`         ${line}`);
  }

  const w = Math.max(...pages.map((p) => width(p.label))) + 2;
  console.log(`\nTimings: ${WARMUP} warm-up + ${RUNS} sequential requests per page, local wrangler dev (${pages.length} pages)`);
  console.log(
    `  ${padw('', 6)}${padw('page', w)}${padl('p50 ms', 8)}${padl('p95 ms', 8)}${padl('max ms', 8)}${padl('limit', 7)}${padl('SQL ms', 8)}${padl('bytes', 9)}${padl('gzip', 7)}${padl('rows', 6)}`,
  );
  for (const p of pages) {
    const plan = mainPlan(result, p.key);
    console.log(
      `  ${padw(p.ok ? 'PASS' : 'FAIL', 6)}${padw(p.label, w)}${padl(f0(p.p50), 8)}${padl(f0(p.p95), 8)}${padl(f0(p.max), 8)}${padl(p.limit, 7)}${padl(f0(plan?.sqlMs), 8)}${padl(p.bytes, 9)}${padl(p.gzip, 7)}${padl(p.rows ?? '–', 6)}`,
    );
    for (const c of p.checks) console.log(`        FAIL  ${c}`);
  }
}

function printMarkdown(result) {
  console.log(
    '\n| Page | Who | p50 ms | p95 ms | max ms | Budget (p95) | SQL ms | Body B | gzip B | Rows | Result |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const p of result.pages) {
    const plan = mainPlan(result, p.key);
    console.log(
      `| ${p.label} | ${p.who} | ${f0(p.p50)} | ${f0(p.p95)} | ${f0(p.max)} | ${p.limit} | ${f0(plan?.sqlMs)} | ${p.bytes} | ${p.gzip} | ${p.rows ?? '–'} | ${p.ok ? 'PASS' : 'FAIL'} |`,
    );
  }
  console.log('\n| Query (page) | EXPLAIN QUERY PLAN | Access | ORDER BY | SQL ms |\n|---|---|---|---|---:|');
  for (const p of result.explain.plans) {
    const name = p.main ? p.page : `${p.page} · ${p.sql.match(/ from "(\w+)"/)?.[1] ?? '?'}`;
    console.log(
      `| ${name} | ${p.plan
        .map((l) => `\`${l}\``)
        .join(' → ')
        .replace(/\|/g, '\\|')} | ${p.verdict} | ${p.tempSort ? 'temp B-tree' : 'index order'} | ${f0(p.sqlMs)} |`,
    );
  }
}

export async function run({ markdown = false, trySql = [] } = {}) {
  const started = performance.now();
  const loadBefore = loadavg();
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is already in use — stop whatever listens there`);
  prepareState({ stateDir: STATE_DIR });
  const { info, detail, load } = loadScaleState({ stateDir: STATE_DIR, seedDir: SEED_DIR });
  for (const stmt of trySql) d1(`WHAT-IF: ${stmt}`, ['--command', stmt]);
  const pages = pagesFor(info, detail);
  const explain = explainAll(await capturePageQueries(pages));
  if (explain.counts.suggestions !== info.suggestions)
    throw new Error(`loaded ${explain.counts.suggestions} suggestions into tenant 1, expected ${info.suggestions}`);

  const server = await startServer({ port: PORT, stateDir: STATE_DIR, timeoutMs: 90_000 });
  let timings;
  try {
    timings = await timePages(server.baseUrl, pages);
  } finally {
    await server.stop();
  }
  const loadAverage = { before: loadBefore.map((n) => +n.toFixed(2)), after: loadavg().map((n) => +n.toFixed(2)) };
  const result = {
    date: new Date().toISOString(),
    whatIf: trySql,
    budget: BUDGET,
    warmup: WARMUP,
    runs: RUNS,
    loadAverage,
    info,
    load,
    explain,
    pages: timings,
    seconds: (performance.now() - started) / 1000,
  };
  if (trySql.length)
    console.log(`\nWHAT-IF run — extra SQL applied to the bench database (not the app's migrations):\n${trySql.map((s) => `  ${s}`).join('\n')}`);
  printText(result);
  console.log(
    `\nMachine: ${cpus().length} CPUs; load average (1/5/15 min) ${loadAverage.before.join(' / ')} at start, ${loadAverage.after.join(' / ')} at end — other work on the machine inflates the timings.`,
  );
  if (markdown) printMarkdown(result);
  const outDir = join(root, 'bench/out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, trySql.length ? 'list-scale.what-if.json' : 'list-scale.json'), JSON.stringify(result, null, 2) + '\n');
  const ok = timings.every((p) => p.ok);
  console.log(`\nlist-scale${trySql.length ? ' (WHAT-IF)' : ''}: ${ok ? 'PASS' : 'FAIL'} (${result.seconds.toFixed(0)} s)`);
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const trySql = process.argv.filter((a) => a.startsWith('--try-sql=')).map((a) => a.slice('--try-sql='.length));
  run({ markdown: process.argv.includes('--markdown'), trySql }).then(
    (ok) => process.exit(ok ? 0 : 1),
    (err) => {
      console.error(`list-scale: ERROR ${err?.stack ?? err}`);
      process.exit(1);
    },
  );
}

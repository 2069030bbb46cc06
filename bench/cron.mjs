// The three-colour scan at scale (issue #4): local D1 seeded with open stage
// deadlines over many counties, then the scheduled scan triggered over HTTP
// at two moments a day apart, counting rows read against rows changed.
//
//   1. Fresh D1 state in .wrangler/cron-state: migrations only, no demo seed
//      (the demo world's tenant and user ids collide with the generated
//      ones). Then bench/lib/cron-data.mjs's tenants, users, suggestions,
//      assignments and `count` open deadlines, loaded with
//      `wrangler d1 execute --file`. The load is timed.
//   2. `wrangler dev` on port 8794. The trigger
//      GET /cdn-cgi/handler/scheduled?cron=*/15 * * * *&time=<epoch ms>
//      (`time` becomes controller.scheduledTime) puts one job per database
//      shard on the SCANS queue; the queue's consumer runs the scan, and a
//      run that stops on its budget re-sends its job. Moments:
//        D    00:00 China time → the 0.1 % "class A" rows change,
//        D+1  00:00            → the 5 % "class B" rows change,
//        D+1  00:15            → nothing to read, nothing to change.
//      00:00 China (16:00 UTC) is the first */15 run of a China day, the one
//      that meets the day's crossings in production; it is also before 08:00,
//      so the handler runs the scan alone, without the daily digest.
//      A run stops on the scan's time budget with unfinished=true and its job
//      goes back on the queue; the bench follows the log until a run finishes,
//      and counts the runs.
//   3. Per run: read / changed / unfinished from the Worker's JSON log line,
//      wall time (the trigger request) and CPU time (utime + stime of the
//      workerd processes in wrangler dev's process group, from /proc — the
//      Worker and local SQLite together, NOT Cloudflare's billed CPU time).
//   4. After the server stops: one alert per changed stage, and the colours
//      of all deadlines as expected.
//
// Checks (exit 1 when one fails): changed at D = class A rows, at D+1 =
// class B rows, read ÷ changed = 1.0 at both, the repeat reads and changes
// nothing, alerts = A + B, colour totals as expected, and every suggestion's
// colour the highest of its open stages. No time budget.
//
// Usage: node bench/cron.mjs [--full] [--count=N] [--tenants=N] [--day=YYYY-MM-DD] [--local-traces] [--markdown]
//        (or `npm run bench -- cron`)
// Default size: 100,000 deadlines over 300 counties (about 45 s, for CI).
// --full: 1,000,000 over 3,000 (the size; about 4 minutes, half of it the load).
// --local-traces: keep wrangler dev's local request/D1 tracing (off by default:
// it writes a local SQLite trace store per D1 call, which production does not).
// Writes bench/out/cron.json (cron.full.json / cron.custom.json for other sizes).
import { readdirSync, readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { portIsFree, prepareState, root, startServer, wrangler } from './lib/local-server.mjs';
import { addDays, chinaMorning, CRON_DATA, generate } from './lib/cron-data.mjs';

/** Epoch ms of 00:00 China time on `day` (16:00 UTC the day before). */
const chinaMidnight = (day) => chinaMorning(day) - 9 * 3_600_000;

const STATE_DIR = '.wrangler/cron-state';
const SEED_DIR = '.wrangler/cron-seed';
const PORT = 8794;
/** The scan's cron (wrangler.toml); other crons may run other jobs. */
const CRON = '*/15 * * * *';
/** A fixed day D, so the SQL is the same on every run (the rows' dates are relative to D). */
const DEFAULT_DAY = '2027-03-01';
export const SIZES = { ci: { count: 100_000, tenants: 300 }, full: { count: CRON_DATA.count, tenants: CRON_DATA.tenants } };
/** The scan's time budget per run, as worker/index.ts passes it (for the report). */
const SCAN_BUDGET_MS = (() => {
  const m = readFileSync(join(root, 'worker/supervision/shard-jobs.ts'), 'utf8').match(/SCAN_BUDGET_MS = ([\d_]+)/);
  return m ? Number(m[1].replace(/_/g, '')) : null;
})();
const budgetText = SCAN_BUDGET_MS ? `${SCAN_BUDGET_MS / 1000} s` : 'time';
/** Runs of one moment before the bench gives up (a scan that never finishes). */
const MAX_RUNS = 40;

const log = (s) => process.stderr.write(s + '\n');
const d1 = (label, args) => wrangler(label, ['d1', 'execute', 'DB', '--local', '--persist-to', STATE_DIR, ...args]);
const fmt = (n) => n.toLocaleString('en-US');

// ---- 1. data ---------------------------------------------------------------

function loadData({ day, count, tenants }) {
  const started = performance.now();
  const { files, info } = generate({ day, count, tenants });
  const generateSeconds = (performance.now() - started) / 1000;
  rmSync(join(root, SEED_DIR), { recursive: true, force: true });
  mkdirSync(join(root, SEED_DIR), { recursive: true });
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.sql), 0);
  log(
    `  generated ${fmt(info.count)} deadlines over ${fmt(info.tenants)} tenants (+ ${fmt(info.suggestions)} suggestions and assignments, ${fmt(info.users)} users) in ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB SQL (${generateSeconds.toFixed(1)} s)`,
  );
  const loaded = [];
  for (const [i, f] of files.entries()) {
    const rel = `${SEED_DIR}/part-${i + 1}.sql`;
    writeFileSync(join(root, rel), f.sql);
    const { seconds } = d1(`load ${f.label} (${fmt(f.rows)} rows, ${(Buffer.byteLength(f.sql) / 1e6).toFixed(1)} MB)`, [`--file=${rel}`]);
    rmSync(join(root, rel));
    loaded.push({ label: f.label, rows: f.rows, bytes: Buffer.byteLength(f.sql), seconds });
  }
  rmSync(join(root, SEED_DIR), { recursive: true, force: true });
  const seconds = loaded.reduce((n, f) => n + f.seconds, 0);
  const deadlineSeconds = loaded.filter((f) => f.label.startsWith('deadlines')).reduce((n, f) => n + f.seconds, 0);
  const rows = loaded.reduce((n, f) => n + f.rows, 0);
  log(
    `  load total: ${seconds.toFixed(1)} s for ${fmt(rows)} rows (deadlines: ${deadlineSeconds.toFixed(1)} s, ${fmt(Math.round(info.count / deadlineSeconds))} rows/s)`,
  );
  return { info, load: { seconds, deadlineSeconds, rows, bytes, generateSeconds, files: loaded } };
}

function query(label, sql) {
  const { stdout } = d1(label, ['--json', '--command', sql]);
  return JSON.parse(stdout.slice(stdout.indexOf('[')));
}

// ---- 2. CPU of the server's workerd processes --------------------------------

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime in ms of the processes in process group `pgid`, split into workerd and the rest (wrangler's node). */
function groupCpu(pgid) {
  const out = { workerd: 0, other: 0, workerdPids: [] };
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp … utime(14) stime(15): comm may hold spaces, so split after ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    if (Number(f[2]) !== pgid) continue;
    const ms = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
    if (comm.startsWith('workerd')) {
      out.workerd += ms;
      out.workerdPids.push(Number(name));
    } else out.other += ms;
  }
  return out;
}

// ---- 3. scan runs --------------------------------------------------------------

const SCAN_LINE = /\{"level":"info","job":"supervision-scan"[^\n]*\}/g;

/** The scan log lines in the server output whose writeId is new. */
function newScanLines(output, seen) {
  const lines = [];
  for (const m of output.matchAll(SCAN_LINE)) {
    let j;
    try {
      j = JSON.parse(m[0]);
    } catch {
      continue;
    }
    if (!seen.has(j.writeId)) lines.push(j);
  }
  return lines;
}

/**
 * One moment: the trigger only puts one job per shard on the SCANS queue
 * (worker/supervision/shard-jobs.ts); the queue's consumer scans, and a run
 * that stops on its budget sends its job again. So the bench triggers once
 * and then follows the DB shard's log lines until a run finishes. Wall time
 * is from the trigger to each line; CPU is the workerd processes' over the
 * whole moment, shared evenly among its runs.
 */
async function scanMoment(server, m, seen) {
  const url = `${server.baseUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}&time=${m.time}&format=json`;
  const cpu0 = groupCpu(server.pgid);
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  const body = await res.text();
  if (!res.ok) {
    const errors = [...server.output().matchAll(/Uncaught (\w*Error: [^\n\u001b]*)/g)].map((x) => x[1].trim());
    const error = `scheduled handler threw (HTTP ${res.status} ${body.trim()}): ${errors.at(-1) ?? 'see the wrangler output'}`;
    log(`  ${m.label}: ERROR ${error}`);
    return { key: m.key, label: m.label, at: new Date(m.time).toISOString(), expected: m.expected, error, runsBeforeError: [] };
  }
  const runs = [];
  let last = t0;
  const giveUp = Date.now() + 15 * 60_000;
  for (;;) {
    for (const line of newScanLines(server.output(), seen)) {
      seen.add(line.writeId);
      if ((line.binding ?? 'DB') !== 'DB') continue; // the other shards hold none of the bench's rows
      const now = performance.now();
      const r = { read: line.read, changed: line.changed, rounds: line.rounds, unfinished: line.unfinished, wallMs: now - last };
      last = now;
      runs.push(r);
      log(
        `  ${m.label} run ${runs.length}: read ${fmt(r.read)}, changed ${fmt(r.changed)}, ${r.rounds} rounds${r.unfinished ? ', UNFINISHED (time budget: the job re-sent itself)' : ''}; wall ${r.wallMs.toFixed(0)} ms`,
      );
    }
    if (runs.length && !runs.at(-1).unfinished) break;
    if (runs.length >= MAX_RUNS) throw new Error(`${m.label}: still unfinished after ${MAX_RUNS} runs`);
    if (Date.now() > giveUp) throw new Error(`${m.label}: no finished scan run logged within 15 minutes:\n${server.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const cpu1 = groupCpu(server.pgid);
  const cpuPerRun = (cpu1.workerd - cpu0.workerd) / runs.length;
  const otherPerRun = (cpu1.other - cpu0.other) / runs.length;
  for (const r of runs) Object.assign(r, { cpuMs: cpuPerRun, otherCpuMs: otherPerRun, workerdProcesses: cpu1.workerdPids.length });
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  const read = sum('read');
  const changed = sum('changed');
  const wallMs = sum('wallMs');
  const cpuMs = sum('cpuMs');
  return {
    key: m.key,
    label: m.label,
    at: new Date(m.time).toISOString(),
    expected: m.expected,
    read,
    changed,
    ratio: changed ? read / changed : null,
    runs: runs.length,
    budgetStops: runs.filter((r) => r.unfinished).length,
    wallMs,
    wallMsPerRun: wallMs / runs.length,
    cpuMs,
    cpuMsPerRun: cpuMs / runs.length,
    changedPerSecond: changed ? changed / (wallMs / 1000) : null,
    cpuMsPerChange: changed ? cpuMs / changed : null,
    perRun: runs,
  };
}

// ---- checks ------------------------------------------------------------------

function checkMoments(moments) {
  const failures = [];
  for (const m of moments) {
    if (m.changed !== m.expected) failures.push(`${m.label}: changed ${m.changed}, expected ${m.expected}`);
    if (m.expected > 0 && m.ratio !== 1) failures.push(`${m.label}: read ÷ changed = ${m.ratio?.toFixed(4)} (read ${m.read}), expected 1.0`);
    if (m.expected === 0 && m.read !== 0) failures.push(`${m.label}: read ${m.read} rows, expected 0`);
  }
  return failures;
}

function checkAfter(info) {
  // The last query: suggestions whose colour is not the highest of their open stages (refreshColour's job).
  const [alerts, colours, stale] = query(
    'count alerts, colours and stale suggestion colours',
    `select count(*) as n, sum(colour = 'red') as red, sum(colour = 'yellow') as yellow from alerts;
     select colour, count(*) as n from deadlines group by colour;
     select count(*) as n from suggestions s where s.colour <> (select case when max(d.colour = 'red') then 'red'
       when max(d.colour = 'yellow') then 'yellow' else 'green' end from deadlines d
       where d.tenant_id = s.tenant_id and d.suggestion_id = s.id and d.ended_at is null)`,
  );
  const a = alerts.results[0];
  const by = Object.fromEntries(colours.results.map((r) => [r.colour, r.n]));
  const expected = {
    alerts: info.A + info.B,
    alertsRed: info.aRed + info.bRed,
    alertsYellow: info.aYellow + info.bYellow,
    green: info.green - info.aYellow - info.bYellow,
    yellow: info.yellow + info.aYellow + info.bYellow - info.aRed - info.bRed,
    red: info.red + info.aRed + info.bRed,
  };
  const found = { alerts: a.n, alertsRed: a.red, alertsYellow: a.yellow, green: by.green ?? 0, yellow: by.yellow ?? 0, red: by.red ?? 0 };
  expected.staleSuggestionColours = 0;
  found.staleSuggestionColours = stale.results[0].n;
  const failures = Object.keys(expected)
    .filter((k) => found[k] !== expected[k])
    .map((k) => `after the scans: ${k} = ${found[k]}, expected ${expected[k]}`);
  return { expected, found, failures };
}

// ---- output ------------------------------------------------------------------

const f0 = (n) => (n === null || n === undefined ? '–' : fmt(Math.round(n)));
const f2 = (n) => (n === null || n === undefined ? '–' : n.toFixed(2));

function printText(r) {
  const { info, load } = r;
  console.log(
    `\nSize: ${fmt(info.count)} open deadlines over ${fmt(info.tenants)} tenants (${r.size}); ${fmt(info.suggestions)} suggestions, ${fmt(info.assignments)} assignments, ${fmt(info.units)} units, ${fmt(info.users)} users`,
  );
  console.log(
    `  colours at load: green ${fmt(info.green)}, yellow ${fmt(info.yellow)}, red ${fmt(info.red)}; class A (change at D) ${fmt(info.A)} = ${info.aRed} → red + ${info.aYellow} → yellow, in ${fmt(info.tenantsA)} tenants; class B (change at D+1) ${fmt(info.B)} = ${info.bRed} → red + ${info.bYellow} → yellow, in ${fmt(info.tenantsB)} tenants`,
  );
  console.log(
    `Load: ${fmt(load.rows)} rows, ${(load.bytes / 1e6).toFixed(1)} MB SQL in ${load.files.length} files, ${load.seconds.toFixed(1)} s via wrangler d1 execute --local (deadlines ${load.deadlineSeconds.toFixed(1)} s; generating took ${load.generateSeconds.toFixed(1)} s)`,
  );
  if (r.errored) console.log(`\nScan ERROR at ${r.errored.label}: ${r.errored.error}`);
  console.log(
    `\nScans (D = ${r.day}; each moment triggered until a run finishes; CPU = workerd total, Worker + local SQLite, not Cloudflare's billed CPU; wrangler's local tracing ${r.localTraces ? 'ON' : 'off'}):`,
  );
  const head = ['moment', 'expected', 'changed', 'read', 'read÷chg', 'runs', 'budget', 'wall ms', '/run', 'CPU ms', '/run', 'chg/s', 'CPU ms/chg'];
  const rows = r.moments.map((m) => [
    m.label,
    f0(m.expected),
    f0(m.changed),
    f0(m.read),
    f2(m.ratio),
    m.runs,
    m.budgetStops,
    f0(m.wallMs),
    f0(m.wallMsPerRun),
    f0(m.cpuMs),
    f0(m.cpuMsPerRun),
    f0(m.changedPerSecond),
    f2(m.cpuMsPerChange),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)) + 2);
  console.log('  ' + head.map((h, i) => (i === 0 ? h.padEnd(w[i]) : h.padStart(w[i]))).join(''));
  for (const row of rows) console.log('  ' + row.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(''));
  console.log(`  ("budget": runs that stopped on the scan's ${budgetText} budget with work left)`);
  if (r.after)
    console.log(
      `After: ${fmt(r.after.found.alerts)} alerts (${fmt(r.after.found.alertsRed)} red, ${fmt(r.after.found.alertsYellow)} yellow); deadlines green ${fmt(r.after.found.green)}, yellow ${fmt(r.after.found.yellow)}, red ${fmt(r.after.found.red)}; suggestions with a stale colour: ${r.after.found.staleSuggestionColours}`,
    );
}

function printMarkdown(r) {
  console.log(
    `\n| Moment | Expected | Changed | Read | Read ÷ changed | Runs | Stopped on ${budgetText} budget | Wall ms total | Wall ms / run | CPU ms total | CPU ms / run | Changed / s | CPU ms / change |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  );
  for (const m of r.moments) {
    console.log(
      `| ${m.label} | ${f0(m.expected)} | ${f0(m.changed)} | ${f0(m.read)} | ${f2(m.ratio)} | ${m.runs} | ${m.budgetStops} | ${f0(m.wallMs)} | ${f0(m.wallMsPerRun)} | ${f0(m.cpuMs)} | ${f0(m.cpuMsPerRun)} | ${f0(m.changedPerSecond)} | ${f2(m.cpuMsPerChange)} |`,
    );
  }
  console.log(`\n| Run | Moment | Read | Changed | Unfinished | Wall ms | CPU ms |\n|---:|---|---:|---:|---|---:|---:|`);
  let n = 0;
  for (const m of r.moments)
    for (const run of m.perRun)
      console.log(
        `| ${++n} | ${m.label} | ${f0(run.read)} | ${f0(run.changed)} | ${run.unfinished ? 'yes' : 'no'} | ${f0(run.wallMs)} | ${f0(run.cpuMs)} |`,
      );
}

// ---- main ----------------------------------------------------------------------

export async function run({ markdown = false, full = false, count, tenants, day = DEFAULT_DAY, localTraces = false } = {}) {
  const started = performance.now();
  const loadBefore = loadavg();
  const base = full ? SIZES.full : SIZES.ci;
  const size = { count: count ?? base.count, tenants: tenants ?? base.tenants };
  const sizeName = full && !count && !tenants ? 'full' : !full && !count && !tenants ? 'ci' : 'custom';
  log(`cron: ${fmt(size.count)} deadlines over ${fmt(size.tenants)} tenants (${sizeName}), D = ${day}`);
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is already in use — stop whatever listens there`);
  prepareState({ stateDir: STATE_DIR, seed: false });
  const { info, load } = loadData({ day, ...size });

  const plan = [
    { key: 'D', label: `D ${day} 00:00 (0.1 %)`, time: chinaMidnight(day), expected: info.A },
    { key: 'D+1', label: `D+1 ${addDays(day, 1)} 00:00 (5 %)`, time: chinaMidnight(addDays(day, 1)), expected: info.B },
    { key: 'D+1 again', label: `D+1 00:15 (nothing left)`, time: chinaMidnight(addDays(day, 1)) + 15 * 60_000, expected: 0 },
  ];
  // wrangler dev traces every request and D1 call into a local SQLite store
  // (.wrangler/…/observability) unless X_LOCAL_OBSERVABILITY=false: local-only
  // work in the same workerd, so it is turned off here (--local-traces keeps it).
  const env = localTraces ? {} : { X_LOCAL_OBSERVABILITY: 'false' };
  const server = await startServer({ port: PORT, stateDir: STATE_DIR, timeoutMs: 120_000, env });
  const moments = [];
  let workerdProcesses;
  let errored = null;
  try {
    const seen = new Set();
    for (const m of plan) {
      const done = await scanMoment(server, m, seen);
      if (done.error) {
        errored = done;
        break; // the next moments would measure the leftovers of a broken one
      }
      moments.push(done);
    }
    workerdProcesses = moments[0]?.perRun[0].workerdProcesses;
  } finally {
    await server.stop();
  }
  const after = errored ? null : checkAfter(info);
  const failures = errored ? [`${errored.label}: ${errored.error}`] : [...checkMoments(moments), ...after.failures];
  if (!errored && !workerdProcesses) failures.push(`no workerd process found in process group ${server.pgid}: CPU times are 0`);

  const loadAverage = { before: loadBefore.map((n) => +n.toFixed(2)), after: loadavg().map((n) => +n.toFixed(2)) };
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGB: +(totalmem() / 2 ** 30).toFixed(1),
    clkTck: CLK_TCK,
    node: process.version,
    loadAverage,
  };
  const result = {
    date: new Date().toISOString(),
    size: sizeName,
    day,
    cron: CRON,
    scanBudgetMs: SCAN_BUDGET_MS,
    localTraces,
    machine,
    info,
    load,
    moments,
    errored,
    after,
    workerdProcesses,
    failures,
    seconds: (performance.now() - started) / 1000,
  };
  printText(result);
  console.log(
    `\nMachine: ${machine.cpus} CPUs, ${machine.memGB} GB; load average (1/5/15 min) ${loadAverage.before.join(' / ')} at start, ${loadAverage.after.join(' / ')} at end; CPU summed over ${workerdProcesses ?? 0} workerd processes (CLK_TCK ${CLK_TCK}).`,
  );
  if (markdown) printMarkdown(result);
  const outDir = join(root, 'bench/out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, sizeName === 'ci' ? 'cron.json' : `cron.${sizeName}.json`), JSON.stringify(result, null, 2) + '\n');
  for (const f of failures) console.log(`  FAIL  ${f}`);
  const ok = failures.length === 0;
  console.log(`\ncron: ${ok ? 'PASS' : 'FAIL'} (${result.seconds.toFixed(0)} s)`);
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name) => (arg(name) === undefined ? undefined : Number(arg(name)));
  run({
    markdown: process.argv.includes('--markdown'),
    full: process.argv.includes('--full'),
    count: num('count'),
    tenants: num('tenants'),
    day: arg('day'),
    localTraces: process.argv.includes('--local-traces'),
  }).then(
    (ok) => process.exit(ok ? 0 : 1),
    (err) => {
      console.error(`cron: ERROR ${err?.stack ?? err}`);
      process.exit(1);
    },
  );
}

// The browser checks' harness: a `wrangler dev` on its own local D1 state
// (.wrangler/browser-state), Chromium through playwright-core, and a tiny
// runner. Check files register with test(); run.mjs imports them in order
// and calls main(), which prepares the database, starts the server, runs
// every check in registration order and prints "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { migrateAll } from '../../scripts/migrate-all.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = 8791;
const ORIGIN = `http://localhost:${PORT}`;
export const TENANT = `${ORIGIN}/t/taikang`;
export const PASSWORD = 'Huiyin@2026';
const STATE_DIR = '.wrangler/browser-state';
const SEED_SQL = '.wrangler/seed/demo.sql';
// Screenshots go to test-results/ (ignored by git); UPDATE_SCREENSHOTS=1
// writes the README's copies in docs/screenshots/ instead.
export const SCREENSHOT_DIR = join(root, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const AXE_PATH = join(root, 'node_modules/axe-core/axe.min.js');
const SERVER_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 15_000;

export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };
const COMMON = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
export const log = (msg) => console.log(`# ${msg}`);

// ---------------------------------------------------------------- setup

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
}

function prepareDatabase() {
  rmSync(join(root, STATE_DIR), { recursive: true, force: true });
  mkdirSync(join(root, STATE_DIR), { recursive: true });
  if (!existsSync(join(root, SEED_SQL))) run(process.execPath, ['scripts/seed-demo.mjs']);
  // Every D1 binding of wrangler.toml (the tenant shards DB, DB2, …).
  migrateAll(['--local', '--persist-to', STATE_DIR], (_label, argv) => run('npx', ['wrangler', ...argv]));
  run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', STATE_DIR, `--file=${SEED_SQL}`]);
}

async function answers(url) {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

let server = null;
let serverLog = '';

async function startServer() {
  if (await answers(`${ORIGIN}/`)) throw new Error(`port ${PORT} is already in use; stop whatever listens there`);
  server = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--port',
      String(PORT),
      '--persist-to',
      STATE_DIR,
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      '0',
      '--show-interactive-dev-session=false',
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' } },
  );
  const keep = (chunk) => {
    serverLog = (serverLog + chunk.toString()).slice(-20_000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  let exited = null;
  server.on('exit', (code, signal) => (exited = code ?? signal));
  const deadline = Date.now() + SERVER_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`wrangler dev exited (${exited}) before answering:\n${serverLog}`);
    if (await answers(`${ORIGIN}/`)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on ${ORIGIN}/ within ${SERVER_TIMEOUT_MS / 1000}s:\n${serverLog}`);
}

async function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise((r) => setTimeout(() => r('timeout'), 5_000));
  if ((await Promise.race([gone, timer])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function stopServerNow() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', stopServerNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    stopServerNow();
    process.exit(130);
  });
}

// ---------------------------------------------------------------- runner

const tests = [];
export const test = (name, fn) => tests.push({ name, fn });

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name}: timed out after ${ms / 1000}s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

let browser;

/** A fresh context for one check; closed by the runner afterwards. */
const openContexts = [];
export async function newContext(options = {}) {
  const context = await browser.newContext({ ...COMMON, ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  openContexts.push(context);
  return context;
}

// ---------------------------------------------------------------- main

/** Prepares the database, starts the server and Chromium, runs every registered check in order. */
export async function main() {
  let passed = 0;
  let failed = 0;
  try {
    assert(existsSync(CHROMIUM), `${CHROMIUM} not found; install it with: apt-get update && apt-get install -y chromium`);
    log('preparing .wrangler/browser-state');
    prepareDatabase();
    log(`starting wrangler dev on port ${PORT} (${elapsed()})`);
    await startServer();
    log(`server up (${elapsed()})`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const t of tests) {
      try {
        await withTimeout(t.fn(), TEST_TIMEOUT_MS, t.name);
        passed++;
        console.log(`ok - ${t.name}`);
      } catch (err) {
        failed++;
        console.log(`not ok - ${t.name}`);
        console.log(String(err?.stack ?? err).replace(/^/gm, '    '));
      } finally {
        await Promise.all(openContexts.splice(0).map((c) => c.close().catch(() => {})));
      }
    }
  } catch (err) {
    failed++;
    console.log(`not ok - setup`);
    console.log(String(err?.stack ?? err).replace(/^/gm, '    '));
  } finally {
    await browser?.close().catch(() => {});
    await stopServer();
  }
  if (failed && serverLog) log(`last wrangler dev output:\n${serverLog.slice(-3_000).replace(/^/gm, '#   ')}`);
  log(`finished in ${elapsed()}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

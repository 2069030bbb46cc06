// A throwaway local Huiyin for benches: an isolated D1 state in
// .wrangler/bench-state (never the dev database), migrated and seeded with the
// demo world, and `wrangler dev` on its own port as a detached child that is
// always killed at the end. Shared by every bench in this folder. A bench that
// adds its own data passes its own `stateDir` (and port) to keep it apart.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateAll } from '../../scripts/migrate-all.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STATE_DIR = '.wrangler/bench-state';
export const DEFAULT_PORT = 8792;

const wranglerJs = join(root, 'node_modules/wrangler/bin/wrangler.js');
// The project's pinned Node (22.x: wrangler needs ≥ 22.12, seed-demo needs
// type stripping), even when a bench is started with an older system node.
const pinnedNode = join(root, 'node_modules/.bin/node');
const node = existsSync(pinnedNode) ? pinnedNode : process.execPath;
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };

function step(label, args) {
  const started = Date.now();
  const r = spawnSync(node, args, { cwd: root, env: quietEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${label} failed (exit ${r.status ?? r.signal}):\n${tail(r.stdout)}\n${tail(r.stderr)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`  ${label} (${seconds.toFixed(1)} s)`);
  return { stdout: r.stdout, seconds };
}

/** Runs `wrangler …args` (pinned Node, cwd = repo root); throws on failure. Returns { stdout, seconds }. */
export function wrangler(label, args) {
  return step(label, [wranglerJs, ...args]);
}

const log = (s) => process.stderr.write(s + '\n');
const tail = (s = '', n = 4000) => (s.length > n ? '…' + s.slice(-n) : s);

export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Fresh state: delete, migrate, build assets, seed. `seed: false` stops after
 * the migrations and assets (for a bench whose own data would collide with
 * the demo world's ids).
 */
export function prepareState({ stateDir = STATE_DIR, seed = true } = {}) {
  if (!existsSync(wranglerJs)) throw new Error('wrangler is not installed: run `npm install` first');
  log(`bench: fresh D1 state in ${stateDir}`);
  rmSync(join(root, stateDir), { recursive: true, force: true });
  // Every D1 binding of wrangler.toml (the tenant shards DB, DB2, …).
  migrateAll(['--local', '--persist-to', stateDir], (label, argv) => step(label, [wranglerJs, ...argv]));
  step('build-assets', ['scripts/build-assets.mjs']);
  if (!seed) return;
  step('seed-demo', ['scripts/seed-demo.mjs']);
  step('seed execute', [wranglerJs, 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file=.wrangler/seed/demo.sql']);
}

/**
 * Starts `wrangler dev` on the bench state and waits until it answers.
 * Returns { baseUrl, stop, output, pgid }; stop() kills the whole process
 * group, output() is the last 20,000 characters of its stdout + stderr, and
 * pgid is the group's id (wrangler's pid; workerd runs in the same group).
 * `env` adds environment variables for wrangler dev; `args` adds arguments
 * (e.g. `['--config', 'bench/bare/wrangler.toml']` for another Worker).
 */
export async function startServer({ port = DEFAULT_PORT, timeoutMs = 60_000, stateDir = STATE_DIR, env = {}, args: extraArgs = [] } = {}) {
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} is already in use — stop whatever listens there (benches must not measure someone else's server)`);
  }
  const args = [
    wranglerJs,
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    stateDir,
    '--show-interactive-dev-session=false',
    ...extraArgs,
  ];
  const child = spawn(node, args, { cwd: root, env: { ...quietEnv, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = code ?? signal;
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killSync);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (exited !== null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {} // any workerd left behind
      return;
    }
    const gone = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5_000);
    await gone;
    clearTimeout(timer);
    // workerd may outlive wrangler's node for a moment; make sure the group is gone.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  // Last resort if the bench exits without calling stop().
  const killSync = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.on('exit', killSync);
  // Ctrl-C or a CI timeout: the detached server would outlive us otherwise.
  const onSignal = async (sig) => {
    await stop();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  const started = Date.now();
  log(`bench: starting wrangler dev on ${baseUrl} (process group ${child.pid})`);
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`wrangler dev exited early (${exited}):\n${tail(output)}`);
    }
    try {
      await fetch(`${baseUrl}/`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      log(`  ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`wrangler dev did not answer on ${baseUrl} within ${timeoutMs / 1000} s:\n${tail(output)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { baseUrl, stop, output: () => output, pgid: child.pid };
}

/** prepareState + startServer + fn(baseUrl), always stopping the server. */
export async function withLocalServer(fn, options = {}) {
  const port = options.port ?? DEFAULT_PORT;
  // Fail before the slow setup if the port is taken (startServer checks again).
  if (!(await portIsFree(port))) throw new Error(`port ${port} is already in use — stop whatever listens there`);
  prepareState({ stateDir: options.stateDir });
  const server = await startServer(options);
  try {
    return await fn(server.baseUrl);
  } finally {
    await server.stop();
  }
}

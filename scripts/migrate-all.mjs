// Applies the migrations to every D1 binding of wrangler.toml — the tenant
// shards DB, DB2, … (db/client.ts) all hold the full schema — with one command:
//
//   node scripts/migrate-all.mjs --local [--persist-to DIR]   (npm run db:migrate:local)
//   node scripts/migrate-all.mjs --remote                     (npm run db:migrate:remote)
//
// Each binding is `wrangler d1 migrations apply <binding> …` in turn; wrangler
// applies only what a database has not had yet, so running it again is safe.
// The benches and the browser tests import `d1Bindings` / `migrateAll`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wranglerJs = join(root, 'node_modules/wrangler/bin/wrangler.js');
// The project's pinned Node (22.x: wrangler needs ≥ 22.12), even when started with an older system node.
const pinnedNode = join(root, 'node_modules/.bin/node');
const node = existsSync(pinnedNode) ? pinnedNode : process.execPath;

/** The `binding` of every [[d1_databases]] table in a wrangler.toml, in file order. */
export function d1Bindings(tomlText = readFileSync(join(root, 'wrangler.toml'), 'utf8')) {
  const bindings = [];
  // Each [[d1_databases]] block runs until the next table header.
  for (const block of tomlText.split(/^\s*\[/m).filter((b) => b.startsWith('[d1_databases]]'))) {
    const binding = /^\s*binding\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if (binding) bindings.push(binding);
  }
  if (bindings.length === 0) throw new Error('no [[d1_databases]] binding in wrangler.toml');
  return bindings;
}

/**
 * `wrangler d1 migrations apply` for every binding. `args`: --local or
 * --remote, and e.g. --persist-to DIR. `run(label, argv)` runs one wrangler
 * call (argv without the node and wrangler paths); by default a child
 * process with inherited output that throws on failure.
 */
export function migrateAll(args, run = defaultRun) {
  for (const binding of d1Bindings()) {
    run(`migrations apply ${binding}`, ['d1', 'migrations', 'apply', binding, ...args]);
  }
}

function defaultRun(label, argv) {
  process.stderr.write(`migrate-all: ${label} ${argv.slice(4).join(' ')}\n`);
  const r = spawnSync(node, [wranglerJs, ...argv], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (!args.includes('--local') && !args.includes('--remote')) {
    process.stderr.write('usage: node scripts/migrate-all.mjs --local [--persist-to DIR] | --remote\n');
    process.exit(2);
  }
  try {
    migrateAll(args);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

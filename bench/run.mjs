// `npm run bench`: runs every bench in turn, each in its own Node process
// (each starts and stops its own local server), and exits non-zero if any
// fails. Add new benches to BENCHES. Extra arguments are passed to each bench.
//
// Usage: node bench/run.mjs [name…] [--markdown]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const BENCHES = [
  { name: 'page-weight', file: 'page-weight.mjs', what: 'compressed bytes of the deputy pages vs the 2G budget (issue #2)' },
  { name: 'list-scale', file: 'list-scale.mjs', what: 'list pages and their query plans with 60,000 suggestions in one tenant (issue #3)' },
  {
    name: 'cron',
    file: 'cron.mjs',
    what: 'three-colour scan: rows read ÷ rows changed, wall and CPU time, 100,000 open items over 300 counties (--full: 1,000,000 over 3,000) (issue #4)',
  },
  {
    name: 'slow-network',
    file: 'slow-network.mjs',
    what: 'a deputy on 250/100 kbps with 800 ms RTT in Chromium, then 10 % of requests failing: times and exactly-once submits (issue #8)',
  },
  { name: 'bundle-size', file: 'bundle-size.mjs', what: 'the Worker bundle as deployed (gzip, budget < 300 KB) and its startup profile (issue #8)' },
  { name: 'login-storm', file: 'login-storm.mjs', what: 'the login limit under 200 simultaneous guesses over loopback (issue #6)' },
  {
    name: 'load',
    file: 'load.mjs',
    what: 'autocannon on loopback against wrangler dev, 60,000 suggestions: req/s and p50/p95/p99 of the deputy list, staff list, detail and statistics, each as a ratio to a bare Hono handler (issue #8)',
  },
];

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const unknown = only.filter((n) => !BENCHES.some((b) => b.name === n));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${BENCHES.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
const selected = only.length ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;

const results = [];
for (const b of selected) {
  console.log(`\n=== bench: ${b.name} — ${b.what}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(here, b.file), ...flags], { stdio: 'inherit' });
  const ok = r.status === 0;
  results.push({ name: b.name, ok, code: r.status ?? r.signal, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== bench summary');
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(1)} s${r.ok ? '' : `, exit ${r.code}`})`);
const passed = results.filter((r) => r.ok).length;
console.log(`bench: ${passed} passed, ${results.length - passed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

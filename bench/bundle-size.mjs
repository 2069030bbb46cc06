// Worker bundle size and startup (issue #8): builds the Worker as
// `wrangler deploy --dry-run` would upload it and checks the gzip size
// against the budget (< 300 KB, i.e. 292.97 KiB); then profiles the
// Worker's startup with `wrangler check startup` (module evaluation in
// workerd, what a cold start adds before the first request is handled).
//
// Usage: node bench/bundle-size.mjs [--markdown]   (or `npm run bench bundle-size`)
// Exits 1 when over budget. Writes bench/out/bundle-size.json.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, wrangler } from './lib/local-server.mjs';

const BUDGET_GZIP_BYTES = 300_000;
const outDir = join(root, 'bench/out/bundle');
const markdown = process.argv.includes('--markdown');

rmSync(outDir, { recursive: true, force: true });
const { stdout } = wrangler('wrangler deploy --dry-run', ['deploy', '--dry-run', '--outdir', outDir]);
const reported = stdout.match(/Total Upload:\s*([\d.]+) KiB \/ gzip:\s*([\d.]+) KiB/);
const code = readFileSync(join(outDir, 'index.js'));
const gzip = gzipSync(code, { level: 9 }).length;

const profileFile = join(root, 'bench/out/worker-startup.cpuprofile');
wrangler('wrangler check startup', ['check', 'startup', '--outfile', profileFile]);
const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
const startupMs = (profile.endTime - profile.startTime) / 1000;

const result = {
  rawBytes: code.length,
  gzipBytes: gzip,
  wranglerReported: reported ? { totalKiB: Number(reported[1]), gzipKiB: Number(reported[2]) } : null,
  startupProfileMs: Math.round(startupMs * 10) / 10,
  budgetGzipBytes: BUDGET_GZIP_BYTES,
};
const ok = gzip < BUDGET_GZIP_BYTES;
mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(join(root, 'bench/out/bundle-size.json'), JSON.stringify(result, null, 2));
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
if (markdown) {
  console.log('| measure | value | budget |\n|---|---|---|');
  console.log(`| bundle (minified) | ${kb(code.length)} | |`);
  console.log(`| bundle, gzip -9 | ${kb(gzip)} | < ${kb(BUDGET_GZIP_BYTES)} ${ok ? 'ok' : '**FAIL**'} |`);
  if (reported) console.log(`| wrangler's own figure | ${reported[1]} KiB / gzip ${reported[2]} KiB | |`);
  console.log(`| startup (wrangler check startup, CPU profile span) | ${result.startupProfileMs} ms | |`);
} else {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  bundle gzip ${kb(gzip)} (budget < ${kb(BUDGET_GZIP_BYTES)}); minified ${kb(code.length)}`);
  if (reported) console.log(`      wrangler reports ${reported[1]} KiB / gzip ${reported[2]} KiB`);
  console.log(`      startup profile span ${result.startupProfileMs} ms (wrangler check startup)`);
}
console.log(`bundle-size: ${ok ? 'PASS' : 'FAIL'}`);
process.exit(ok ? 0 : 1);

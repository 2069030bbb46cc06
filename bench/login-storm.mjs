// The login rate limit under a burst (issue #6): 200 simultaneous wrong
// passwords for one account from a loopback load script against
// `wrangler dev` (its own D1 state, port 8795). The limit holds when exactly
// 5 of them are checked (HTTP 422) and the other 195 are refused unchecked
// (429), and then even the right password is refused (429) until the lock
// ends. Prints the counts, wall time and requests per second; exits 1 if the
// limit did not hold. Writes bench/out/login-storm.json.
//
// Usage: node bench/login-storm.mjs   (or `npm run bench -- login-storm`)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareState, root, startServer } from './lib/local-server.mjs';

const STATE_DIR = '.wrangler/storm-state';
const PORT = 8795;
const ATTEMPTS = 200;
const LOGIN = '/t/taikang/login';

async function attempt(baseUrl, username, password) {
  const res = await fetch(`${baseUrl}${LOGIN}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    body: new URLSearchParams({ username, password }).toString(),
  });
  await res.arrayBuffer();
  return res.status;
}

prepareState({ stateDir: STATE_DIR });
const server = await startServer({ port: PORT, stateDir: STATE_DIR });
let ok; // set when the run completes; an exception skips the verdict
try {
  // Warm the worker so the burst measures the limit, not the first compile.
  await fetch(`${server.baseUrl}${LOGIN}`);
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(server.baseUrl, 'daibiao', `wrong-${i}`)));
  const ms = performance.now() - started;
  const count = (s) => statuses.filter((x) => x === s).length;
  const right = await attempt(server.baseUrl, 'daibiao', 'Huiyin@2026');
  const result = {
    date: new Date().toISOString(),
    attempts: ATTEMPTS,
    checked422: count(422),
    refused429: count(429),
    other: statuses.filter((s) => s !== 422 && s !== 429),
    rightPasswordAfter: right,
    wallMs: Math.round(ms),
    perSecond: Math.round((ATTEMPTS / ms) * 1000),
  };
  ok = result.checked422 === 5 && result.refused429 === ATTEMPTS - 5 && result.other.length === 0 && right === 429;
  console.log(`login-storm: ${ATTEMPTS} simultaneous wrong passwords for one account over loopback in ${result.wallMs} ms (${result.perSecond}/s)`);
  console.log(
    `  checked and refused (422): ${result.checked422} (limit 5); refused unchecked (429): ${result.refused429}; other: ${result.other.length}`,
  );
  console.log(`  the right password afterwards: HTTP ${right} (expected 429 while locked)`);
  mkdirSync(join(root, 'bench/out'), { recursive: true });
  writeFileSync(join(root, 'bench/out/login-storm.json'), JSON.stringify(result, null, 2));
} finally {
  await server.stop();
}
console.log(`login-storm: ${ok ? 'PASS' : 'FAIL'}`);
process.exit(ok ? 0 : 1);

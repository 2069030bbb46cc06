// Browser checks: Debian's Chromium, driven by playwright-core, against
// `wrangler dev` on its own local D1 state (.wrangler/browser-state), so the
// run is repeatable and leaves the developer's local data alone.
//
//   npm run test:browser      (runs setup:local first, which writes the seed SQL)
//
// Prints "ok - name" / "not ok - name" per check and "N passed, M failed";
// exits 1 when anything fails. Never downloads a browser: set CHROMIUM_PATH
// to use another binary than /usr/bin/chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = 8791;
const ORIGIN = `http://localhost:${PORT}`;
const TENANT = `${ORIGIN}/t/taikang`;
const PASSWORD = 'Huiyin@2026';
const STATE_DIR = '.wrangler/browser-state';
const SEED_SQL = '.wrangler/seed/demo.sql';
// Screenshots go to test-results/ (ignored by git); UPDATE_SCREENSHOTS=1
// writes the README's copies in docs/screenshots/ instead.
const SCREENSHOT_DIR = join(root, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_PATH = join(root, 'node_modules/axe-core/axe.min.js');
const SERVER_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 15_000;

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const COMMON = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`# ${msg}`);

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
  run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE_DIR]);
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
    ['wrangler', 'dev', '--port', String(PORT), '--persist-to', STATE_DIR, '--ip', '127.0.0.1', '--inspector-port', '0', '--show-interactive-dev-session=false'],
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
const test = (name, fn) => tests.push({ name, fn });

function assert(cond, message) {
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
async function newContext(options = {}) {
  const context = await browser.newContext({ ...COMMON, ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  openContexts.push(context);
  return context;
}

// ---------------------------------------------------------------- helpers

async function login(page, username) {
  await page.goto(`${TENANT}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await Promise.all([
    page.waitForURL(`${TENANT}/`, { waitUntil: 'load' }),
    page.getByRole('button', { name: '登录', exact: true }).click(),
  ]);
}

const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });

async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    throw new Error(`expected to see ${what} on ${locator.page().url()}; #main says:\n${await mainText(locator.page())}`);
  }
}

async function mainText(page) {
  const text = await page
    .locator('#main')
    .innerText({ timeout: 2_000 })
    .catch(() => '(no #main)');
  return text.replace(/\n{2,}/g, '\n').slice(0, 1_500);
}

/** Chooses the first real option of each select (and one co-signer). */
async function chooseOptions(page) {
  await page.getByLabel('类别', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('提出渠道', { exact: true }).selectOption({ index: 1 });
  const cosigners = page.locator('select[name="cosigners"]');
  const first = await cosigners.locator('option').first().getAttribute('value');
  assert(first, 'the co-signer list has no options');
  await cosigners.selectOption([first]);
}

/** The form field (div.field) that holds the named control. */
const fieldOf = (page, name) => page.locator('.field').filter({ has: page.locator(`[name="${name}"]`) });

// ---------------------------------------------------------------- checks

// First, so the pictures show the demo world before the checks below add to it.
test('screenshots: deputy list, submit form (phone) and staff incoming list', async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const deputy = await (await newContext({ ...PHONE })).newPage();
  await login(deputy, 'daibiao');
  await expectVisible(h1(deputy, '我的建议'), 'heading 我的建议');
  await deputy.screenshot({ path: join(SCREENSHOT_DIR, 'deputy-list.png'), fullPage: true });
  await deputy.goto(`${TENANT}/suggestions/new`);
  await expectVisible(h1(deputy, '提出建议'), 'heading 提出建议');
  await deputy.screenshot({ path: join(SCREENSHOT_DIR, 'deputy-submit.png'), fullPage: true });

  const staff = await (await newContext({ ...PHONE })).newPage();
  await login(staff, 'gongwei');
  await expectVisible(h1(staff, '收到的建议'), 'heading 收到的建议');
  await staff.screenshot({ path: join(SCREENSHOT_DIR, 'staff-incoming.png'), fullPage: true });
});

test('deputy submits a suggestion on a phone, with htmx partial swaps (JS on)', async () => {
  const context = await newContext({ ...PHONE });
  const page = await context.newPage();
  await login(page, 'daibiao');
  await expectVisible(h1(page, '我的建议'), 'heading 我的建议');
  assert(
    (await page.locator('body').getAttribute('hx-boost:inherited')) !== null,
    'body has no hx-boost:inherited attribute, so links are not boosted',
  );
  // htmx needs a moment after DOMContentLoaded to wire up boosted links.
  await page.waitForFunction(() => Boolean(window.htmx) && document.querySelector('a[data-htmx-powered]') !== null);

  // From here on every navigation must be an htmx fetch that swaps #main.
  await page.evaluate(() => {
    window.__marker = 'still-here';
  });
  const documentLoads = [];
  const htmxRequests = [];
  page.on('request', (req) => {
    if (req.frame() !== page.mainFrame()) return;
    if (req.resourceType() === 'document') documentLoads.push(`${req.method()} ${req.url()}`);
    if (req.headers()['hx-request'] === 'true') htmxRequests.push(`${req.method()} ${req.url()}`);
  });

  await page.locator('#main').getByRole('link', { name: '提建议', exact: true }).click();
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');
  await page.waitForURL(`${TENANT}/suggestions/new`);

  const title = '关于在村口增设公交候车亭的建议';
  await page.getByLabel('标题', { exact: true }).fill(title);
  await page.getByLabel('内容', { exact: true }).fill('村口没有候车亭，群众雨天候车不便。建议县交通运输局在村口增设候车亭。');
  await chooseOptions(page);
  await page.getByRole('button', { name: '提交建议', exact: true }).click();

  await expectVisible(h1(page, title), `the new suggestion's title as heading`);
  await expectVisible(page.getByText('建议已提交'), 'the notice 建议已提交');
  await expectVisible(page.getByRole('heading', { name: '办理过程' }), 'the timeline section 办理过程');
  assert(/\/t\/taikang\/suggestions\/\d+/.test(page.url()), `address bar not updated to the suggestion: ${page.url()}`);

  const marker = await page.evaluate(() => window.__marker);
  assert(marker === 'still-here', 'window.__marker is gone: the page was reloaded instead of swapped by htmx');
  assert(documentLoads.length === 0, `expected no full page loads, got: ${documentLoads.join(', ')}`);
  assert(
    htmxRequests.some((r) => r.startsWith('POST ')),
    `the submit was not sent by htmx (HX-Request requests: ${htmxRequests.join(', ') || 'none'})`,
  );
});

test('deputy submits a suggestion without JavaScript; a 422 keeps what was typed', async () => {
  const context = await newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, 'daibiao');
  await expectVisible(h1(page, '我的建议'), 'heading 我的建议');
  await Promise.all([
    page.waitForURL(`${TENANT}/suggestions/new`),
    page.locator('#main').getByRole('link', { name: '提建议', exact: true }).click(),
  ]);
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');

  const content = '乡道夜间没有路灯，行人和电动车出行不安全。建议分批安装太阳能路灯。';
  await page.getByLabel('内容', { exact: true }).fill(content);
  await chooseOptions(page);
  const chosen = {
    category: await page.getByLabel('类别', { exact: true }).inputValue(),
    channel: await page.getByLabel('提出渠道', { exact: true }).inputValue(),
  };

  // Title left empty.
  const [rejected] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${TENANT}/suggestions`),
    page.getByRole('button', { name: '提交建议', exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  assert(rejected.status() === 422, `expected HTTP 422 for a form without a title, got ${rejected.status()}`);
  const titleError = fieldOf(page, 'title').locator('p.error[role="alert"]');
  await expectVisible(titleError, 'an error message in the title field');
  const message = await titleError.innerText();
  assert(message.includes('请填写标题'), `title field error says "${message}", expected 请填写标题`);
  const kept = await page.getByLabel('内容', { exact: true }).inputValue();
  assert(kept === content, `content not kept after the 422: got "${kept}"`);
  assert(
    (await page.getByLabel('类别', { exact: true }).inputValue()) === chosen.category,
    'category choice not kept after the 422',
  );
  assert(
    (await page.getByLabel('提出渠道', { exact: true }).inputValue()) === chosen.channel,
    'source channel choice not kept after the 422',
  );
  assert(
    (await page.getByLabel('标题', { exact: true }).getAttribute('aria-invalid')) === 'true',
    'title input not marked aria-invalid="true"',
  );

  const title = '关于乡道安装太阳能路灯的建议';
  await page.getByLabel('标题', { exact: true }).fill(title);
  const [accepted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${TENANT}/suggestions`),
    page.getByRole('button', { name: '提交建议', exact: true }).click(),
  ]);
  assert(accepted.status() === 303, `expected a 303 redirect after a valid submit, got ${accepted.status()}`);
  await page.waitForURL(/\/t\/taikang\/suggestions\/\d+/);
  await expectVisible(h1(page, title), `the new suggestion's title as heading`);
  await expectVisible(page.getByText('建议已提交'), 'the notice 建议已提交');
  await expectVisible(page.getByRole('heading', { name: '办理过程' }), 'the timeline section 办理过程');
  await expectVisible(page.getByText(content), 'the submitted content');
});

test('with JS on, a rejected submit (422) is swapped in place and keeps what was typed', async () => {
  const context = await newContext({ ...PHONE });
  const page = await context.newPage();
  await login(page, 'daibiao');
  await page.goto(`${TENANT}/suggestions/new`);
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');
  await page.waitForFunction(() => Boolean(window.htmx) && document.querySelector('form[data-htmx-powered]') !== null);
  await page.evaluate(() => {
    window.__marker = 'still-here';
  });
  const content = '集市周边停车难，建议规划临时停车区。';
  await page.getByLabel('内容', { exact: true }).fill(content);
  await chooseOptions(page);
  const [rejected] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${TENANT}/suggestions`),
    page.getByRole('button', { name: '提交建议', exact: true }).click(),
  ]);
  assert(rejected.status() === 422, `expected HTTP 422 for a form without a title, got ${rejected.status()}`);
  const titleError = fieldOf(page, 'title').locator('p.error[role="alert"]');
  await expectVisible(titleError, 'an error message in the title field');
  assert((await titleError.innerText()).includes('请填写标题'), 'title field error does not say 请填写标题');
  const kept = await page.getByLabel('内容', { exact: true }).inputValue();
  assert(kept === content, `content not kept after the 422: got "${kept}"`);
  assert((await page.evaluate(() => window.__marker)) === 'still-here', 'the page was reloaded instead of swapped');
  assert(page.url() === `${TENANT}/suggestions/new`, `address bar changed after a rejected submit: ${page.url()}`);
  const button = page.getByRole('button', { name: '提交建议', exact: true });
  assert(await button.isEnabled(), 'the submit button is not usable again after the 422');
});

/** Runs axe-core and returns serious/critical violations as printable text. */
async function axeProblems(page, label) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  for (const v of violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical')) {
    log(`axe [${label}] ${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
  }
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `  [${label}] ${v.impact} ${v.id}: ${v.help}\n${v.targets.map((t) => `      at ${t}`).join('\n')}`);
}

test('axe-core: no serious or critical violations on login, list and form pages', async () => {
  // The CSP (script-src 'self' + nonce) would block injecting axe; bypass it here only.
  const context = await newContext({ ...PHONE, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  await page.goto(`${TENANT}/login`);
  problems.push(...(await axeProblems(page, 'login')));
  await login(page, 'daibiao');
  await expectVisible(h1(page, '我的建议'), 'heading 我的建议');
  problems.push(...(await axeProblems(page, '我的建议')));
  await page.goto(`${TENANT}/suggestions/new`);
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');
  problems.push(...(await axeProblems(page, '提出建议')));
  assert(problems.length === 0, `axe found serious/critical violations:\n${problems.join('\n')}`);
});

test('CSP: no violations or script errors on login, list and form pages (JS on)', async () => {
  const context = await newContext({ ...PHONE });
  const page = await context.newPage();
  const csp = [];
  const pageErrors = [];
  const otherErrors = [];
  page.on('console', (msg) => {
    const line = `${msg.type()} at ${page.url()}: ${msg.text()}`;
    if (/Content Security Policy/i.test(msg.text())) csp.push(line);
    else if (msg.type() === 'error') otherErrors.push(line);
  });
  page.on('pageerror', (err) => {
    const line = `at ${page.url()}: ${err.message}`;
    if (/Content Security Policy/i.test(err.message)) csp.push(line);
    else pageErrors.push(line);
  });
  const settle = () => page.waitForFunction(() => Boolean(window.htmx));

  await page.goto(`${TENANT}/login`);
  await settle();
  await login(page, 'daibiao');
  await expectVisible(h1(page, '我的建议'), 'heading 我的建议');
  await settle();
  // The form, once by a boosted link and once as a full page load.
  await page.waitForFunction(() => document.querySelector('a[data-htmx-powered]') !== null);
  await page.locator('#main').getByRole('link', { name: '提建议', exact: true }).click();
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');
  await page.goto(`${TENANT}/suggestions/new`);
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');
  await settle();
  await page.waitForTimeout(300); // let late console messages arrive

  if (otherErrors.length) log(`console errors (not CSP):\n#   ${otherErrors.join('\n#   ')}`);
  assert(csp.length === 0, `Content Security Policy violations:\n  ${csp.join('\n  ')}`);
  assert(pageErrors.length === 0, `uncaught script errors:\n  ${pageErrors.join('\n  ')}`);
});

// ---------------------------------------------------------------- main

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

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
import { migrateAll } from '../../scripts/migrate-all.mjs';

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
  await Promise.all([page.waitForURL(`${TENANT}/`, { waitUntil: 'load' }), page.getByRole('button', { name: '登录', exact: true }).click()]);
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
  await Promise.all([page.waitForURL(`${TENANT}/suggestions/new`), page.locator('#main').getByRole('link', { name: '提建议', exact: true }).click()]);
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
  assert((await page.getByLabel('类别', { exact: true }).inputValue()) === chosen.category, 'category choice not kept after the 422');
  assert((await page.getByLabel('提出渠道', { exact: true }).inputValue()) === chosen.channel, 'source channel choice not kept after the 422');
  assert((await page.getByLabel('标题', { exact: true }).getAttribute('aria-invalid')) === 'true', 'title input not marked aria-invalid="true"');

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

// ---------------------------------------------------------------- handling

const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Waits until htmx has wired up the current #main (boosted links or forms). */
const htmxReady = (page) =>
  page.waitForFunction(() => Boolean(window.htmx) && document.querySelector('#main a[data-htmx-powered], #main form[data-htmx-powered]') !== null);

/** Records full page loads of the main frame from now on (htmx swaps are not). */
function documentLoads(page) {
  const loads = [];
  page.on('request', (req) => {
    if (req.frame() === page.mainFrame() && req.resourceType() === 'document') loads.push(`${req.method()} ${req.url()}`);
  });
  return loads;
}

/**
 * The handling action <details id="act-{name}">, opened by clicking its
 * summary unless it is open already. With JS on, also waits until htmx has
 * taken over its form, so the submit is a swap rather than a page load.
 */
async function openAction(page, name, { js = true } = {}) {
  const details = page.locator(`#act-${name}`);
  await expectVisible(details, `the action ${name} (#act-${name}) in 办理操作`);
  if (!(await details.evaluate((d) => d.open))) await details.locator(':scope > summary').click();
  assert(await details.evaluate((d) => d.open), `clicking the summary of #act-${name} did not open it`);
  const form = details.locator('form');
  await form.waitFor({ state: 'visible' });
  if (js) await details.locator('form[data-htmx-powered]').waitFor({ state: 'attached' });
  return details;
}

/** The notice (p.alert.ok) at the top of a suggestion's page. */
const notice = (page, text) => page.locator('#main p.alert.ok[role="status"]').filter({ hasText: text });

/** The suggestion's state as shown in its facts list. */
async function stateBadge(page) {
  return (await page.locator('#main dl.facts span.state').first().innerText()).trim();
}

/** China's calendar date today, as the server computes it (UTC+8). */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test('the A path clicked through by staff, unit and deputy (JS on)', async () => {
  const title = '关于在行政村设立快递服务站点的建议';
  const comment = '问题解决得很及时，群众满意。';

  // Deputy: submits a new suggestion through the form.
  const deputy = await (await newContext(DESKTOP)).newPage();
  await login(deputy, 'daibiao');
  await expectVisible(h1(deputy, '我的建议'), 'heading 我的建议');
  await htmxReady(deputy);
  const deputyLoads = documentLoads(deputy);
  await deputy.locator('#main').getByRole('link', { name: '提建议', exact: true }).click();
  await expectVisible(h1(deputy, '提出建议'), 'heading 提出建议');
  await deputy.waitForSelector('#main form[data-htmx-powered]', { state: 'attached' });
  await deputy.getByLabel('标题', { exact: true }).fill(title);
  await deputy
    .getByLabel('内容', { exact: true })
    .fill('多数行政村没有快递服务点，群众取件要跑到乡镇。建议邮政、商务部门整合资源，在村级便民服务中心设立快递服务站点。');
  await deputy.getByLabel('类别', { exact: true }).selectOption({ label: '农业农村' });
  await deputy.getByLabel('提出渠道', { exact: true }).selectOption({ label: '闭会期间 · 联络站' });
  await deputy.getByRole('button', { name: '提交建议', exact: true }).click();
  await expectVisible(h1(deputy, title), `the new suggestion's title as heading`);
  await expectVisible(notice(deputy, '建议已提交'), 'the notice 建议已提交');
  const id = deputy.url().match(/\/t\/taikang\/suggestions\/(\d+)/)?.[1];
  assert(id, `address bar does not show the new suggestion: ${deputy.url()}`);
  const url = `${TENANT}/suggestions/${id}`;
  assert((await stateBadge(deputy)) === '已提交', `state after submit is ${await stateBadge(deputy)}, expected 已提交`);

  // Staff (代表工委): 立案, then 交办 to 农业农村局 assisted by 交通运输局.
  const staff = await (await newContext(DESKTOP)).newPage();
  await login(staff, 'gongwei');
  await staff.goto(url);
  await expectVisible(h1(staff, title), 'the suggestion for staff');
  await expectVisible(staff.getByRole('heading', { level: 2, name: '办理操作', exact: true }), 'the section 办理操作');
  await htmxReady(staff);
  const staffLoads = documentLoads(staff);
  const accept = await openAction(staff, 'accept');
  await accept.locator('form').getByRole('button', { name: '立案', exact: true }).click();
  await expectVisible(notice(staff, '已立案。'), 'the notice 已立案。');
  assert((await stateBadge(staff)) === '已立案', `state after 立案 is ${await stateBadge(staff)}`);
  assert(staff.url().startsWith(url), `address bar left the suggestion after 立案: ${staff.url()}`);

  const assign = await openAction(staff, 'assign');
  await assign.getByRole('radio', { name: '主办 + 协办', exact: true }).check();
  await assign.getByLabel('主办单位', { exact: true }).selectOption({ label: '太康县农业农村局' });
  await assign.getByLabel('协办单位（可多选）', { exact: true }).selectOption([{ label: '太康县交通运输局' }]);
  await assign.locator('form').getByRole('button', { name: '交办', exact: true }).click();
  await expectVisible(notice(staff, '已交办'), 'the notice 已交办…');
  assert((await stateBadge(staff)) === '已交办', `state after 交办 is ${await stateBadge(staff)}`);
  const unitsTable = await staff.locator('#main table').innerText();
  assert(
    unitsTable.includes('太康县农业农村局（主办）') && unitsTable.includes('太康县交通运输局（协办）'),
    `the units table does not show the lead and assisting unit:\n${unitsTable}`,
  );

  // Unit clerk of 农业农村局: 签收, 记录沟通, 提交答复 (A 类).
  const clerk = await (await newContext(DESKTOP)).newPage();
  await login(clerk, 'chengban');
  await expectVisible(h1(clerk, '待办建议'), 'heading 待办建议 on the unit clerk home page');
  await htmxReady(clerk);
  const clerkLoads = documentLoads(clerk);
  await clerk.locator('#main').getByRole('link', { name: title, exact: true }).click();
  await expectVisible(h1(clerk, title), 'the suggestion for the unit clerk');
  await clerk.waitForURL(url);
  const signFor = await openAction(clerk, 'sign_for');
  await signFor.locator('form').getByRole('button', { name: '签收', exact: true }).click();
  await expectVisible(notice(clerk, '已签收。'), 'the notice 已签收。');
  assert((await stateBadge(clerk)) === '办理中', `state after 签收 is ${await stateBadge(clerk)}, expected 办理中`);

  const contact = await openAction(clerk, 'contact');
  const contactedOn = await contact.getByLabel('沟通日期', { exact: true }).inputValue();
  assert(contactedOn === chinaToday(), `沟通日期 is prefilled with "${contactedOn}", expected today ${chinaToday()}`);
  await contact.getByLabel('沟通人', { exact: true }).selectOption({ label: '单位负责人' });
  await contact.getByLabel('沟通方式', { exact: true }).selectOption({ label: '实地察看' });
  await contact.locator('form').getByRole('button', { name: '记录沟通', exact: true }).click();
  await expectVisible(notice(clerk, '沟通情况已记录'), 'the notice 沟通情况已记录。');

  const reply = await openAction(clerk, 'reply');
  await reply
    .getByLabel('内容', { exact: true })
    .fill('经研究，已在全县行政村便民服务中心设立快递服务站点，并纳入村级公共服务考核。感谢代表的关心和支持。');
  await reply.getByLabel('答复类别', { exact: true }).selectOption({ label: 'A 类：所提问题已经解决或基本解决' });
  await reply.getByLabel('签发人', { exact: true }).fill('徐卫东');
  await reply.locator('form').getByRole('button', { name: '提交答复', exact: true }).click();
  await expectVisible(notice(clerk, '答复已提交'), 'the notice 答复已提交…');
  assert((await stateBadge(clerk)) === '已答复', `state after 提交答复 is ${await stateBadge(clerk)}, expected 已答复`);

  // Deputy again: 待我评价 → 满意 / 满意.
  await deputy.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '待我评价', exact: true }).click();
  await expectVisible(h1(deputy, '待我评价'), 'heading 待我评价');
  await deputy.waitForURL(`${TENANT}/to-rate`);
  await deputy.locator('#main').getByRole('link', { name: title, exact: true }).click();
  await expectVisible(h1(deputy, title), 'the suggestion to rate');
  const rate = deputy.locator('#act-rate');
  await expectVisible(rate, 'the rating form #act-rate');
  assert(await rate.evaluate((d) => d.open), 'the rating form (the only action) is not open by default');
  assert((await deputy.locator('#main details.action').count()) === 1, 'the deputy has more actions than 提交评价');
  await deputy.waitForSelector('#act-rate form[data-htmx-powered]', { state: 'attached' });
  await rate.getByRole('group', { name: '办理态度' }).getByRole('radio', { name: '满意', exact: true }).check();
  await rate.getByRole('group', { name: '办理结果' }).getByRole('radio', { name: '满意', exact: true }).check();
  await rate.getByLabel('意见（可选）', { exact: true }).fill(comment);
  await rate.locator('form').getByRole('button', { name: '提交评价', exact: true }).click();
  await expectVisible(notice(deputy, '感谢您的评价。'), 'the notice 感谢您的评价。');
  assert((await stateBadge(deputy)) === '已办结', `state after rating is ${await stateBadge(deputy)}, expected 已办结`);
  await expectVisible(deputy.locator('#main').getByText(`办理态度：满意；办理结果：满意（${comment}）`), 'the rating in 代表评价');
  assert((await deputy.locator('#main details.action').count()) === 0, 'an action form is still offered after the rating');

  // The whole life in 办理过程, in order.
  const events = (await deputy.locator('#main ol.timeline > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  let at = -1;
  for (const [who, kind] of [
    ['陈志宏', '立案'],
    ['陈志宏', '交办'],
    ['孙立伟', '签收'],
    ['孙立伟', '与代表沟通'],
    ['孙立伟', '答复'],
    [null, '满意度测评'],
  ]) {
    const i = events.findIndex((e, j) => j > at && new RegExp(`${who ?? ''}：${kind}( |→|（|$)`).test(e));
    assert(i > at, `办理过程 lacks "${who ?? ''}：${kind}" after entry ${at}:\n  ${events.join('\n  ')}`);
    at = i;
  }

  // Done: no longer waiting for this deputy's rating, and nothing reloaded a page.
  await deputy.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '待我评价', exact: true }).click();
  await expectVisible(h1(deputy, '待我评价'), 'heading 待我评价');
  assert(
    (await deputy.locator('#main').getByRole('link', { name: title, exact: true }).count()) === 0,
    'the rated suggestion is still listed in 待我评价',
  );
  const loads = [...deputyLoads, ...staffLoads, ...clerkLoads];
  assert(loads.length === 0, `expected htmx swaps only, got full page loads: ${loads.join(', ')}`);
});

test('the deputy rates a reply with JavaScript off', async () => {
  const title = '关于提高农村留守老人助餐服务覆盖面的建议';
  const comment = '助餐点已开起来了，希望再扩大到偏远村。';
  const page = await (await newContext({ ...DESKTOP, javaScriptEnabled: false })).newPage();
  await login(page, 'daibiao');
  await Promise.all([
    page.waitForURL(`${TENANT}/to-rate`),
    page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '待我评价', exact: true }).click(),
  ]);
  await expectVisible(h1(page, '待我评价'), 'heading 待我评价');
  // The seeded replied item (number ….-0003); test 1's own item may be listed too.
  const link = page.locator('#main').getByRole('link', { name: title, exact: true });
  await expectVisible(link, `the seeded replied suggestion ${title} in 待我评价`);
  await Promise.all([page.waitForURL(/\/t\/taikang\/suggestions\/\d+$/), link.click()]);
  await expectVisible(h1(page, title), 'the suggestion to rate');
  const number = (await page.locator('#main dl.facts dd').first().innerText()).trim();
  assert(/^\d{4}-0003$/.test(number), `expected the demo item …-0003, got number ${number}`);
  assert((await stateBadge(page)) === '已答复', `state is ${await stateBadge(page)}, expected 已答复`);
  const url = page.url();

  const rate = page.locator('#act-rate');
  await expectVisible(rate.locator('form'), 'the rating form, open by default');
  await rate.getByLabel('意见（可选）', { exact: true }).fill(comment);
  const submit = () =>
    Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${url}/act/rate`),
      rate.locator('form').getByRole('button', { name: '提交评价', exact: true }).click(),
    ]).then(([response]) => response);

  // Nothing chosen.
  const rejected = await submit();
  await page.waitForLoadState('load');
  assert(rejected.status() === 422, `expected HTTP 422 for a rating with nothing chosen, got ${rejected.status()}`);
  await expectVisible(rate.locator('form'), 'the rating form after the 422');
  for (const legend of ['办理态度', '办理结果']) {
    const error = rate.getByRole('group', { name: legend }).locator('p.error[role="alert"]');
    await expectVisible(error, `an error message in ${legend}`);
    const message = (await error.innerText()).trim();
    assert(message === '请选择一项。', `${legend} says "${message}", expected 请选择一项。`);
  }
  const kept = await rate.getByLabel('意见（可选）', { exact: true }).inputValue();
  assert(kept === comment, `comment not kept after the 422: got "${kept}"`);
  assert((await stateBadge(page)) === '已答复', `state changed by a refused rating: ${await stateBadge(page)}`);

  // 基本满意 / 满意.
  await rate.getByRole('group', { name: '办理态度' }).getByRole('radio', { name: '基本满意', exact: true }).check();
  await rate.getByRole('group', { name: '办理结果' }).getByRole('radio', { name: '满意', exact: true }).check();
  const accepted = await submit();
  assert(accepted.status() === 303, `expected a 303 redirect after a valid rating, got ${accepted.status()}`);
  await page.waitForURL(`${url}?done=rate`);
  await page.waitForLoadState('load');
  await expectVisible(notice(page, '感谢您的评价。'), 'the notice 感谢您的评价。');
  assert((await stateBadge(page)) === '已办结', `state after rating is ${await stateBadge(page)}, expected 已办结`);
  await expectVisible(page.locator('#main').getByText(`办理态度：基本满意；办理结果：满意（${comment}）`), 'the rating in 代表评价');
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

test('public pages (公开): a published reply and the echo wall on a phone, without login; screenshot; axe', async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // No session, no JavaScript needed: the public pages carry no script. axe is injected, so the CSP is bypassed here.
  const context = await newContext({ ...PHONE, bypassCSP: true });
  const page = await context.newPage();
  const res = await page.goto(`${TENANT}/public`);
  assert(res?.status() === 200, `GET /public answered ${res?.status()}`);
  await expectVisible(h1(page, '代表建议答复公开'), 'heading 代表建议答复公开');
  // The demo world publishes 2026-0001 (closed, class A).
  await Promise.all([page.waitForURL(/\/public\/\d+$/), page.locator('#main ul.list a').first().click()]);
  await expectVisible(h1(page, '关于加强农村黑臭水体治理的建议'), "the published suggestion's title as heading");
  await expectVisible(page.getByRole('heading', { name: '答复内容' }), 'the section 答复内容');
  await expectVisible(page.locator('#main').getByText('太康县农业农村局'), 'the handling unit');
  assert((await page.locator('script').count()) === 0, 'the public reply page loads a script');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'public-reply.png'), fullPage: true });
  const problems = await axeProblems(page, '公开答复');

  await page.goto(`${TENANT}/public/wall`);
  await expectVisible(h1(page, '代表回音壁'), 'heading 代表回音壁');
  await expectVisible(page.locator('.figures').getByText('办复率'), 'the year figure 办复率');
  problems.push(...(await axeProblems(page, '代表回音壁')));
  assert(problems.length === 0, `axe found serious/critical violations:\n${problems.join('\n')}`);
});

test('statistics (统计分析): the page renders in Chromium with its charts and tables; screenshot', async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Desktop width, like an office PC. axe is injected, so the CSP is bypassed here.
  const context = await newContext({ ...DESKTOP, bypassCSP: true });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`at ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`uncaught at ${page.url()}: ${err.message}`));
  await login(page, 'gongwei');
  const res = await page.goto(`${TENANT}/statistics`);
  assert(res?.status() === 200, `GET /statistics answered ${res?.status()}`);
  await expectVisible(h1(page, '统计分析'), 'heading 统计分析');

  // The overall table and the unit table, each with at least one data row.
  const tableOf = (title) =>
    page.locator('#main section.stat-table').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
  for (const title of ['总体情况', '承办单位办理情况']) {
    const section = tableOf(title);
    await expectVisible(section.getByRole('heading', { level: 2, name: title, exact: true }), `the table heading ${title}`);
    const rows = await section.locator('table tbody tr').count();
    assert(rows >= 1, `the table ${title} has no data rows:\n${await mainText(page)}`);
  }

  // Two inline SVG charts (units bar chart, monthly line chart), actually laid out.
  const charts = page.locator('#main svg.chart');
  assert((await charts.count()) === 2, `expected 2 svg.chart, found ${await charts.count()}`);
  for (let i = 0; i < 2; i++) {
    const box = await charts.nth(i).boundingBox();
    assert(box && box.width > 0 && box.height > 0, `svg.chart #${i + 1} has no size: ${JSON.stringify(box)}`);
  }

  await page.screenshot({ path: join(SCREENSHOT_DIR, 'statistics.png'), fullPage: true });

  // The units table's CSV export, fetched with this logged-in context.
  const year = chinaToday().slice(0, 4);
  const exportUrl = `${TENANT}/statistics/export?period=year&year=${year}&rank=replyRate&table=units&format=csv`;
  const csv = await page.request.get(exportUrl);
  assert(csv.status() === 200, `GET ${exportUrl} answered ${csv.status()}`);
  const type = csv.headers()['content-type'] ?? '';
  assert(type.startsWith('text/csv'), `the units CSV export has content-type "${type}", expected text/csv`);

  assert(consoleErrors.length === 0, `console errors on 统计分析:\n  ${consoleErrors.join('\n  ')}`);
  const problems = await axeProblems(page, '统计分析');
  assert(problems.length === 0, `axe found serious/critical violations:\n${problems.join('\n')}`);
});

test("单月座谈议题: staff set this month's topic; a deputy on a 360×640 phone sees it at home and submits under it", async () => {
  const topic = '农村坑塘黑臭水体治理';
  const staff = await (await newContext()).newPage();
  await login(staff, 'gongwei');
  await staff.goto(`${TENANT}/forums`);
  await expectVisible(h1(staff, '单月座谈议题'), 'heading 单月座谈议题');
  // The month and closing date come prefilled (this month, its last day).
  const month = await staff.getByLabel('月份', { exact: true }).inputValue();
  assert(month === chinaToday().slice(0, 7), `月份 is prefilled with "${month}", expected ${chinaToday().slice(0, 7)}`);
  await staff.getByLabel('议题', { exact: true }).fill(topic);
  await staff.getByLabel('议题说明', { exact: true }).fill('围绕坑塘黑臭水体整治、改造游园提出意见建议。');
  await staff.getByRole('button', { name: '发布议题', exact: true }).click();
  await expectVisible(staff.getByText('议题已发布'), 'the notice 议题已发布');

  const page = await (await newContext({ ...PHONE, viewport: { width: 360, height: 640 } })).newPage();
  await login(page, 'daibiao');
  await expectVisible(h1(page, '我的建议'), 'heading 我的建议');
  const link = page.locator('#main').getByRole('link', { name: topic, exact: true });
  await expectVisible(link, `the topic ${topic} on the home page`);
  const box = await link.boundingBox();
  assert(box && box.y + box.height <= 640, `the topic link is not in the first screen of a 360×640 phone: ${JSON.stringify(box)}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= 360, `the home page scrolls sideways on a phone: ${width}px wide`);

  await link.click();
  await expectVisible(h1(page, '提出建议'), 'heading 提出建议');
  await expectVisible(page.getByText(`围绕座谈议题提建议：${topic}`), 'the topic banner on the form');
  const title = '关于把村西坑塘改造为游园的建议';
  await page.getByLabel('标题', { exact: true }).fill(title);
  await page.getByLabel('内容', { exact: true }).fill('村西坑塘常年黑臭，建议清淤后改造为游园，方便群众休闲。');
  await page.getByLabel('类别', { exact: true }).selectOption({ index: 1 });
  const channel = await page.getByLabel('提出渠道', { exact: true }).inputValue();
  assert(channel === 'forum', `提出渠道 is "${channel}", expected the forum channel preselected`);
  await page.getByRole('button', { name: '提交建议', exact: true }).click();
  await expectVisible(h1(page, title), `the new suggestion's title as heading`);
  await expectVisible(page.getByText('建议已提交'), 'the notice 建议已提交');
  const facts = page.locator('dl.facts');
  await expectVisible(facts.getByText(topic, { exact: true }), "the topic among the suggestion's facts");
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'deputy-forum-submit.png'), fullPage: true });
});

test('deputy flows with JavaScript off: a forum topic from home, the 民生实事 ballot, a public reply', async () => {
  const page = await (await newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
  await login(page, 'daibiao');
  // The demo world's topic of this month (scripts/seed-demo.mjs), from the home page.
  const topic = '农村人居环境整治：黑臭水体与生活垃圾';
  await Promise.all([page.waitForURL(/\/suggestions\/new\?forum=/), page.locator('#main').getByRole('link', { name: topic, exact: true }).click()]);
  const title = '关于推进村内生活垃圾分类收运的建议';
  await page.getByLabel('标题', { exact: true }).fill(title);
  await page.getByLabel('内容', { exact: true }).fill('部分村组垃圾清运不及时，建议增设分类收集点并明确清运频次。');
  await page.getByLabel('类别', { exact: true }).selectOption({ index: 1 });
  await Promise.all([page.waitForURL(/\/suggestions\/\d+/), page.getByRole('button', { name: '提交建议', exact: true }).click()]);
  await expectVisible(h1(page, title), 'the new suggestion (no JS)');
  await expectVisible(page.locator('dl.facts').getByText(topic, { exact: true }), 'the topic on the suggestion (no JS)');

  // 民生实事: the open ballot of the demo world; choose two of three and vote.
  await page.goto(`${TENANT}/projects`);
  await Promise.all([
    page.waitForURL(/\/ballots\/\d+/),
    page
      .locator('#main')
      .getByRole('link', { name: /民生实事项目票决/ })
      .first()
      .click(),
  ]);
  const boxes = page.locator('#main input[type=checkbox]');
  assert((await boxes.count()) === 3, `the ballot offers ${await boxes.count()} candidates, expected 3`);
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '投票', exact: true }).click()]);
  await expectVisible(page.getByText('投票成功'), 'the notice 投票成功 (no JS)');

  // A published reply, no login needed.
  const visitor = await (await newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
  await visitor.goto(`${TENANT}/public`);
  await Promise.all([visitor.waitForURL(/\/public\/\d+/), visitor.locator('#main').getByRole('link').filter({ hasText: '建议' }).first().click()]);
  await expectVisible(visitor.getByText('答复', { exact: false }).first(), 'a published reply (no JS)');
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

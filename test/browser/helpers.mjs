// Page helpers shared by the browser checks: logging in, finding headings,
// fields, notices and action forms, waiting for htmx, and running axe-core.
// Needs the Node of package.json (22.x, which strips TypeScript types), as npm run uses.
import { chinaDateOf } from '../../worker/rules/china-time.ts';
import { assert, AXE_PATH, log, PASSWORD, TENANT } from './harness.mjs';

export async function login(page, username) {
  await page.goto(`${TENANT}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await Promise.all([page.waitForURL(`${TENANT}/`, { waitUntil: 'load' }), page.getByRole('button', { name: '登录', exact: true }).click()]);
}

export const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });

export async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    throw new Error(`expected to see ${what} on ${locator.page().url()}; #main says:\n${await mainText(locator.page())}`);
  }
}

export async function mainText(page) {
  const text = await page
    .locator('#main')
    .innerText({ timeout: 2_000 })
    .catch(() => '(no #main)');
  return text.replace(/\n{2,}/g, '\n').slice(0, 1_500);
}

/** Chooses the first real option of each select (and one co-signer). */
export async function chooseOptions(page) {
  await page.getByLabel('类别', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('提出渠道', { exact: true }).selectOption({ index: 1 });
  const cosigners = page.locator('select[name="cosigners"]');
  const first = await cosigners.locator('option').first().getAttribute('value');
  assert(first, 'the co-signer list has no options');
  await cosigners.selectOption([first]);
}

/** The form field (div.field) that holds the named control. */
export const fieldOf = (page, name) => page.locator('.field').filter({ has: page.locator(`[name="${name}"]`) });

/** Waits until htmx has wired up the current #main (boosted links or forms). */
export const htmxReady = (page) =>
  page.waitForFunction(() => Boolean(window.htmx) && document.querySelector('#main a[data-htmx-powered], #main form[data-htmx-powered]') !== null);

/** Records full page loads of the main frame from now on (htmx swaps are not). */
export function documentLoads(page) {
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
export async function openAction(page, name, { js = true } = {}) {
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
export const notice = (page, text) => page.locator('#main p.alert.ok[role="status"]').filter({ hasText: text });

/** The suggestion's state as shown in its facts list. */
export async function stateBadge(page) {
  return (await page.locator('#main dl.facts span.state').first().innerText()).trim();
}

/** China's calendar date today, as the server computes it (UTC+8). */
export const chinaToday = () => chinaDateOf(Date.now());

/** Runs axe-core and returns serious/critical violations as printable text. */
export async function axeProblems(page, label) {
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

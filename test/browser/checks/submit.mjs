// A deputy submits a suggestion: on a phone with htmx swaps, without JavaScript, and a rejected (422) submit.
import { assert, newContext, PHONE, TENANT, test } from '../harness.mjs';
import { chooseOptions, expectVisible, fieldOf, h1, login } from '../helpers.mjs';

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

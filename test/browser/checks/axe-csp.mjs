// Accessibility (axe-core) and Content Security Policy on the login, list and form pages.
import { assert, log, newContext, PHONE, TENANT, test } from '../harness.mjs';
import { axeProblems, expectVisible, h1, login } from '../helpers.mjs';

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

// The public pages (公开): a published reply and the echo wall, without login.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, newContext, PHONE, SCREENSHOT_DIR, TENANT, test } from '../harness.mjs';
import { axeProblems, expectVisible, h1 } from '../helpers.mjs';

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

// A deputy's journeys around 单月座谈议题 and the 民生实事 ballot, with JavaScript on and off.
import { join } from 'node:path';
import { assert, newContext, PHONE, SCREENSHOT_DIR, TENANT, test } from '../harness.mjs';
import { chinaToday, expectVisible, h1, login } from '../helpers.mjs';

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

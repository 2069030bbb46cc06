// Handling a suggestion end to end: the A path clicked through by staff, unit and deputy, and a rating without JS.
import { assert, DESKTOP, newContext, TENANT, test } from '../harness.mjs';
import { chinaToday, documentLoads, expectVisible, h1, htmxReady, login, notice, openAction, stateBadge } from '../helpers.mjs';

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

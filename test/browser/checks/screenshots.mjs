// The README's screenshots, taken first so they show the demo world before later checks add to it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newContext, PHONE, SCREENSHOT_DIR, TENANT, test } from '../harness.mjs';
import { expectVisible, h1, login } from '../helpers.mjs';

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

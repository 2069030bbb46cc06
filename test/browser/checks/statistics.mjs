// Staff's statistics page (统计分析): charts, tables and the CSV export.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, DESKTOP, newContext, SCREENSHOT_DIR, TENANT, test } from '../harness.mjs';
import { axeProblems, chinaToday, expectVisible, h1, login, mainText } from '../helpers.mjs';

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

/**
 * Statistics against a hand-computed fixture (issue #5): an overdue open
 * item, a rehandled item, units under the minimum, a merged suggestion and
 * split handling (each unit counted for its own part) — built through the
 * real flows, then pinned to known dates so every figure can be computed by
 * hand. Exports: the CSV parses back to the page's rows; the .xlsx opens
 * with a real xlsx reader and has the same figures.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import readXlsxFile from 'read-excel-file/universal';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { supervisionScan } from '../../worker/supervision/scan';
import { actOk, people, submitSuggestion } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

const china = (iso: string) => Date.parse(`${iso}+08:00`);
const DAY = 86_400_000;
const T0 = china('2026-03-02T10:00:00');
const PERIOD = 'period=range&from=2026-01-01&to=2026-12-31';

let w: World;
let ids: Record<string, number>;

async function pin(sqlText: string, ...binds: unknown[]) {
  await env.DB.prepare(sqlText)
    .bind(...binds)
    .run();
}

async function replyAt(suggestionId: number, unitId: number, round: number, at: number) {
  await pin(
    "update replies set created_at = ? where suggestion_id = ? and unit_id = ? and round = ? and kind = 'reply'",
    at,
    suggestionId,
    unitId,
    round,
  );
}

beforeAll(async () => {
  w = await createWorld('stats');
  const as = people(w);
  const staff = await as('staff');
  const [u0, u1, u2] = [await as('unit'), await as('unit2'), await as('unit3')];
  const deputy = await as('deputy');
  const submit = (title: string, who = deputy) => submitSuggestion(w, who, { title });
  const s1 = await submit('关于修缮城关镇中心小学操场的建议');
  const s2 = await submit('关于增设农村公交班次的建议');
  const s3 = await submit('关于治理村内坑塘污水的建议');
  const s4 = await submit('关于改造老旧供水管网的建议');
  const deputy2 = await as('deputy2');
  const s5 = await submit('关于统筹建设乡村冷链物流的建议', deputy2);
  const s6 = await submit('关于修缮中心小学操场围墙的建议');
  const s7 = await submit('关于规范集贸市场管理的建议');
  const s8 = await submit('关于个人宅基地纠纷的建议');
  ids = { s1, s2, s3, s4, s5, s6, s7, s8 };
  for (const id of [s1, s2, s3, s4, s5]) await actOk(w, staff, id, 'accept');
  for (const id of [s1, s2, s3, s4]) await actOk(w, staff, id, 'assign', { mode: 'lead', lead_unit: String(w.units[0]) });
  await actOk(w, staff, s5, 'assign', { mode: 'split', split_units: [String(w.units[1]), String(w.units[2])] });
  const number1 = (await env.DB.prepare('select number from suggestions where id = ?').bind(s1).first<{ number: string }>())!.number;
  await actOk(w, staff, s6, 'merge', { target_number: number1 });
  await actOk(w, staff, s8, 'reject', { reason_code: 'personal' });
  for (const id of [s1, s2, s3, s4]) await actOk(w, u0, id, 'sign_for');
  await actOk(w, u1, s5, 'sign_for');
  await actOk(w, u2, s5, 'sign_for');
  const contact = (on: string) => ({ contacted_on: on, who: 'unit_head', how: 'meeting', note: '当面沟通' });
  await actOk(w, u0, s1, 'contact', contact('2026-03-05'));
  await actOk(w, u0, s3, 'contact', contact('2026-03-20'));
  await actOk(w, u0, s2, 'contact', contact('2026-04-15')); // after its reply: does not count
  await actOk(w, u1, s5, 'contact', contact('2026-03-10'));
  const reply = (cls: string) => ({
    body: '经研究答复如下。',
    signer: '局长',
    reply_class: cls,
    ...(cls === 'B' ? { promised_date: '2027-06-30' } : {}),
  });
  await actOk(w, u0, s1, 'reply', reply('A'));
  await actOk(w, u0, s2, 'reply', reply('C'));
  await actOk(w, u0, s3, 'reply', reply('C'));
  await actOk(w, u1, s5, 'reply', reply('A'));
  await actOk(w, u2, s5, 'reply', reply('D'));
  await actOk(w, deputy, s1, 'rate', { attitude: 'satisfied', result: 'satisfied' });
  await actOk(w, deputy, s2, 'rate', { attitude: 'satisfied', result: 'basically' });
  await actOk(w, deputy, s3, 'rate', { attitude: 'basically', result: 'unsatisfied' });
  await actOk(w, u0, s3, 'reply', reply('B'));
  await actOk(w, deputy, s3, 'rate', { attitude: 'satisfied', result: 'satisfied' });
  await actOk(w, deputy2, s5, 'rate', { attitude: 'satisfied', result: 'satisfied' });

  // Pin the clock: all submitted 2026-03-01, assigned T0 = 03-02.
  const all = Object.values(ids).join(',');
  await pin(`update suggestions set submitted_at = ? where id in (${all})`, china('2026-03-01T10:00:00'));
  await pin(`update assignments set assigned_at = ? where suggestion_id in (${all})`, T0);
  await replyAt(s1, w.units[0]!, 1, T0 + 10 * DAY); // 03-12, on time
  await replyAt(s2, w.units[0]!, 1, T0 + 20 * DAY); // 03-22, after its due date 03-15
  await replyAt(s3, w.units[0]!, 1, T0 + 30 * DAY); // 04-01
  await replyAt(s3, w.units[0]!, 2, T0 + 50 * DAY); // the second reply, after rehandling
  await replyAt(s5, w.units[1]!, 1, T0 + 15 * DAY); // 03-17
  await replyAt(s5, w.units[2]!, 1, T0 + 25 * DAY); // 03-27
  await pin("update deadlines set due_date = '2026-03-15', yellow_from = '2026-02-28' where suggestion_id = ? and stage = 'reply'", s2);
  await pin("update deadlines set due_date = '2026-04-01', yellow_from = '2026-03-17' where suggestion_id = ? and stage = 'reply'", s4);
  await supervisionScan(drizzle(env.DB, { schema }), Date.now()); // S4 goes red
});

/** The cells of one table of the rendered page, by its heading. */
function tableOf(html: string, heading: string): string[][] {
  const start = html.indexOf(`<h2>${heading}</h2>`);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1]!));
}

const rowOf = (rows: string[][], first: string) => {
  const row = rows.find((r) => r[0] === first);
  expect(row, first).toBeTruthy();
  return row!;
};

/** A table row written as its cells separated by spaces (no cell holds a space). */
const cells = (row: string) => row.split(' ');

describe('statistics', () => {
  it('overall figures count suggestions: the overdue open item, the merged and rejected ones, split handling as one item', async () => {
    const staff = await people(w)('staff');
    const res = await staff.get(`${w.base}/statistics?${PERIOD}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const overall = tableOf(html, '总体情况');
    const value = (label: string) => rowOf(overall, label)[1];
    expect(value('建议总数')).toBe('8');
    expect(value('立案')).toBe('5');
    expect(value('不予立案')).toBe('1');
    expect(value('并案')).toBe('1');
    expect(value('待审查')).toBe('1');
    expect(value('交办件数')).toBe('5');
    expect(value('已办复')).toBe('4');
    expect(value('办复率')).toBe('80.0%'); // 4 of 5
    expect(value('按时办复率')).toBe('60.0%'); // S1, S3, S5 of (4 replied + S4 open overdue)
    expect(value('见面率')).toBe('75.0%'); // S1, S3, S5 (S2's contact came after its reply)
    expect(value('A类占比')).toBe('25.0%');
    expect(value('D类占比')).toBe('25.0%');
    expect(value('解决率（A+B）')).toBe('50.0%'); // S1 A, S3 B of 4
    expect(value('满意率（首次测评）')).toBe('50.0%'); // S1, S5 of 4
    expect(value('不满意率（首次测评）')).toBe('25.0%'); // S3
    expect(value('满意率（最终测评）')).toBe('75.0%'); // S3 satisfied after rehandling
    expect(value('基本满意率（最终测评）')).toBe('25.0%');
    expect(value('不满意率（最终测评）')).toBe('0.0%');
    expect(value('平均办复天数')).toBe('21.3'); // (10 + 20 + 30 + 25) / 4
    expect(value('红牌件数')).toBe('1'); // S4
  });

  it('per unit: each unit counted for its own part, units under the minimum listed but not ranked', async () => {
    const staff = await people(w)('staff');
    const html = await (await staff.get(`${w.base}/statistics?${PERIOD}`)).text();
    const units = tableOf(html, '承办单位办理情况');
    expect(units[0]!.slice(0, 8)).toEqual(['排名', '承办单位', '交办件数', '已办复', '办复率', '按时办复率', '见面率', '解决率（A+B）']);
    // 农业农村局: S1–S4. Replied 3 of 4; on time S1, S3 of (3 + S4 overdue); met S1, S3; A, C, B.
    expect(units[1]).toEqual([
      '1',
      '县农业农村局',
      '4',
      '3',
      '75.0%',
      '50.0%',
      '66.7%',
      '66.7%',
      '1',
      '1',
      '1',
      '0',
      '33.3%',
      '66.7%',
      '33.3%',
      '0.0%',
      '20.0',
      '1',
    ]);
    // Split handling: each unit its own part, class and contact; both under the minimum of 3.
    expect(
      units
        .filter((r) => r[0] === '不参与排名')
        .map((r) => r[1])
        .sort(),
    ).toEqual(['县交通运输局', '县财政局'].sort());
    const traffic = units.find((r) => r[1] === '县交通运输局')!;
    expect(traffic).toEqual(cells('不参与排名 县交通运输局 1 1 100.0% 100.0% 100.0% 100.0% 1 0 0 0 100.0% 100.0% 0.0% 0.0% 15.0 0'));
    const finance = units.find((r) => r[1] === '县财政局')!;
    expect(finance).toEqual(cells('不参与排名 县财政局 1 1 100.0% 100.0% 0.0% 0.0% 0 0 0 1 100.0% 100.0% 0.0% 0.0% 25.0 0'));
    expect(units.some((r) => r[1] === '县水利局')).toBe(false);
  });

  it('per deputy, per station and per month; charts are inline SVG with the numbers in tables', async () => {
    const staff = await people(w)('staff');
    const html = await (await staff.get(`${w.base}/statistics?${PERIOD}`)).text();
    const deputies = tableOf(html, '代表提出建议情况');
    expect(rowOf(deputies, '张建国')).toEqual(['张建国', '7', '3', '3', '3', '100.0%']);
    expect(rowOf(deputies, '李秀兰')).toEqual(['李秀兰', '1', '1', '1', '1', '100.0%']);
    const stations = tableOf(html, '联络站提出建议情况');
    expect(rowOf(stations, '城关镇代表联络站')).toEqual(['城关镇代表联络站', '7', '3', '3', '3', '100.0%']);
    const months = tableOf(html, '按月提出与办复');
    expect(rowOf(months, '2026-03')).toEqual(['2026-03', '8', '3']);
    expect(rowOf(months, '2026-04')).toEqual(['2026-04', '0', '1']);
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('<polyline');
    expect(html).not.toMatch(/<script(?![^>]*nonce)/);
  });

  it('a unit reaching the minimum is ranked; ranking by another rate reorders', async () => {
    const staff = await people(w)('staff');
    await pin(
      "insert into settings (tenant_id, key, value, updated_at) values (?, 'statsMinimumItems', '1', 0) on conflict do update set value = '1'",
      w.tenantId,
    );
    try {
      const html = await (await staff.get(`${w.base}/statistics?${PERIOD}&rank=contactRate`)).text();
      const units = tableOf(html, '承办单位办理情况');
      expect(units.slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual(['1 县交通运输局', '2 县农业农村局', '3 县财政局']);
    } finally {
      await pin("delete from settings where tenant_id = ? and key = 'statsMinimumItems'", w.tenantId);
    }
  });

  it('the CSV (UTF-8 with BOM) parses back to the rows on the page', async () => {
    const staff = await people(w)('staff');
    const html = await (await staff.get(`${w.base}/statistics?${PERIOD}`)).text();
    const res = await staff.get(`${w.base}/statistics/export?${PERIOD}&rank=replyRate&table=units&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const page = tableOf(html, '承办单位办理情况');
    expect(rows.length).toBe(page.length);
    expect(rows[0]![4]).toBe('办复率（%）');
    // Same figures: percentages as plain numbers, empty for “—”.
    const asCsv = (cell: string) =>
      cell === '—' ? '' : cell.endsWith('%') ? String(Number(cell.slice(0, -1))) : /^\d+(\.\d+)?$/.test(cell) ? String(Number(cell)) : cell;
    for (let r = 1; r < rows.length; r++) expect(rows[r]).toEqual(page[r]!.map(asCsv));
  });

  it('the .xlsx opens with an xlsx reader and has the same figures', async () => {
    const staff = await people(w)('staff');
    const res = await staff.get(`${w.base}/statistics/export?${PERIOD}&table=overall&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsxFile(await res.arrayBuffer());
    const rows = (Array.isArray(sheets[0]) ? sheets : (sheets as unknown as { data: unknown[][] }[])[0]!.data) as unknown[][];
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(rows[0]).toEqual(['指标', '数值']);
    expect(value('建议总数')).toBe(8);
    expect(value('办复率（%）')).toBe(80);
    expect(value('按时办复率（%）')).toBe(60);
    expect(value('平均办复天数')).toBe(21.3);
  });

  it('is for staff, secretary and chair only; a bad custom range is explained next to the dates', async () => {
    const as = people(w);
    for (const who of ['deputy', 'unit', 'clerk', 'admin'] as const) {
      expect((await (await as(who)).get(`${w.base}/statistics`)).status, who).toBe(403);
      expect((await (await as(who)).get(`${w.base}/statistics/export?table=units&format=csv`)).status, who).toBe(403);
    }
    expect((await (await as('chair')).get(`${w.base}/statistics`)).status).toBe(200);
    const bad = await (await as('secretary')).get(`${w.base}/statistics?period=range&from=2026-05-01&to=2026-04-01`);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('起始日期不能晚于截止日期。');
    expect(html).toContain('value="2026-05-01"');
  });

  it('prints an annual report with the figures, the unit table and the key suggestions', async () => {
    const staff = await people(w)('staff');
    await pin('update suggestions set is_key = 1, supervising_leader = ? where id = ?', '王德明', ids.s3);
    const html = await (await staff.get(`${w.base}/statistics/report?period=year&year=2026`)).text();
    expect(html).toContain('2026年代表建议办理情况报告');
    expect(html).toContain('print-page');
    expect(html).toContain('重点建议办理情况');
    expect(html).toContain('关于治理村内坑塘污水的建议');
    expect(html).toContain('王德明');
  });

  it('评优: staff mark advanced units and excellent suggestions beside their figures, once; the annual report lists them', async () => {
    const as = people(w);
    const staff = await as('staff');
    const page = await (await staff.get(`${w.base}/statistics/evaluation?year=2026`)).text();
    expect(page).toContain('2026年度评优');
    expect(page).toContain('县农业农村局');
    expect(page).toContain('关于修缮城关镇中心小学操场的建议');
    expect(page).not.toContain('关于改造老旧供水管网的建议'); // S4 has no reply: not a candidate
    const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const mark = (kind: string, id: number, op = 'mark', year = '2026') =>
      staff.post(`${w.base}/statistics/evaluation`, { _csrf: token, year, kind, target_id: String(id), op });
    expect((await mark('unit', w.units[0]!)).status).toBe(303);
    expect((await mark('unit', w.units[0]!)).status).toBe(303); // twice: still one mark
    expect((await mark('suggestion', ids.s1!)).status).toBe(303);
    // Not replied, another year, or not this county's: refused, nothing written.
    expect((await mark('suggestion', ids.s4!)).status).toBe(422);
    expect((await mark('suggestion', ids.s1!, 'mark', '2025')).status).toBe(422);
    const other = await createWorld('stats-other');
    expect((await mark('unit', other.units[0]!)).status).toBe(422);
    const rows = await env.DB.prepare('select kind, target_id from commendations where tenant_id = ? order by kind').bind(w.tenantId).all();
    expect(rows.results).toEqual([
      { kind: 'suggestion', target_id: ids.s1 },
      { kind: 'unit', target_id: w.units[0] },
    ]);
    const events = await env.DB.prepare("select count(*) as n from suggestion_events where suggestion_id = ? and kind = 'commended'")
      .bind(ids.s1)
      .first<{ n: number }>();
    expect(events!.n).toBe(1);
    const after = await (await staff.get(`${w.base}/statistics/evaluation?year=2026`)).text();
    expect(after).toContain('已评先进承办单位 1 个、优秀建议 1 件。');
    const report = await (await staff.get(`${w.base}/statistics/report?year=2026`)).text();
    expect(report).toContain('年度评优结果');
    expect(report).toMatch(/先进承办单位<\/h3><p>县农业农村局<\/p>/);
    expect(report).toContain('《关于修缮城关镇中心小学操场的建议》（张建国）');
    // The secretary sees the marks but may not mark.
    const secretary = await as('secretary');
    const seen = await (await secretary.get(`${w.base}/statistics/evaluation?year=2026`)).text();
    expect(seen).toContain('已评定');
    expect(seen).not.toContain('name="op"');
    expect(
      (
        await secretary.post(`${w.base}/statistics/evaluation`, {
          _csrf: token,
          year: '2026',
          kind: 'unit',
          target_id: String(w.units[1]),
          op: 'mark',
        })
      ).status,
    ).toBe(403);
    // Unmark.
    expect((await mark('suggestion', ids.s1!, 'unmark')).status).toBe(303);
    const left = await env.DB.prepare('select count(*) as n from commendations where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
    expect(left!.n).toBe(1);
  });
});

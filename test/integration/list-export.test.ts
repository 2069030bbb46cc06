/**
 * Exporting a list (issue #5): the staff list with its filters downloads as
 * CSV (UTF-8 with BOM) and .xlsx with the same rows; text a spreadsheet
 * would run as a formula is made inert; only those who see every
 * suggestion may export it.
 */
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { acceptAndAssign, actOk, submitSuggestion, worldAndPeople } from '../helpers/flow';

/** RFC 4180 fields, with quotes and commas and line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('list export', () => {
  it('the filtered staff list as CSV and .xlsx, same rows, formulas inert', async () => {
    const { w, as } = await worldAndPeople('listexport');
    const deputy = await as('deputy');
    const staff = await as('staff');
    const a = await submitSuggestion(w, deputy, { title: '关于"村村通"公路养护，及时修补坑洼的建议' });
    const b = await submitSuggestion(w, deputy, { title: '=HYPERLINK("http://x")关于公路的建议' });
    await submitSuggestion(w, deputy, { title: '关于规范集贸市场管理的建议', content: '集贸市场占道经营问题突出，建议规范管理。' });
    await acceptAndAssign(w, staff, a, w.units[1]);
    const page = await (await staff.get(`${w.base}/suggestions?q=${encodeURIComponent('公路')}`)).text();
    expect(page).toContain('/suggestions/export?q=');
    const res = await staff.get(`${w.base}/suggestions/export?q=${encodeURIComponent('公路')}&format=csv`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(rows[0]).toEqual(['编号', '标题', '领衔代表', '类别', '提出方式', '状态', '督办', '重点建议', '承办单位', '答复类别', '提出日期']);
    expect(rows.length, JSON.stringify(rows)).toBe(3);
    const titles = rows
      .slice(1)
      .map((r) => r[1])
      .sort();
    expect(titles).toEqual([`'=HYPERLINK("http://x")关于公路的建议`, '关于"村村通"公路养护，及时修补坑洼的建议'].sort());
    const assigned = rows.find((r) => r[1]!.startsWith('关于"村村通"'))!;
    expect(assigned[2]).toBe('张建国');
    expect(assigned[5]).toBe('已交办');
    expect(assigned[8]).toBe('县交通运输局');
    const xlsx = await staff.get(`${w.base}/suggestions/export?q=${encodeURIComponent('公路')}&format=xlsx`);
    const sheets = await readXlsxFile(await xlsx.arrayBuffer());
    const sheet = (Array.isArray(sheets[0]) ? sheets : (sheets as unknown as { data: unknown[][] }[])[0]!.data) as unknown[][];
    expect(sheet.map((r) => r.map((v) => (v === null ? '' : String(v))))).toEqual(rows);
    expect(b).toBeGreaterThan(0);
  });

  it('is refused to deputies and units', async () => {
    const { w, as } = await worldAndPeople('listexport2');
    for (const who of ['deputy', 'unit', 'clerk'] as const) {
      expect((await (await as(who)).get(`${w.base}/suggestions/export?format=csv`)).status, who).toBe(403);
    }
    expect((await (await as('chair')).get(`${w.base}/suggestions/export?format=csv`)).status).toBe(200);
  });

  it('the unit inbox, B类件跟踪 and the 督办看板 download too', async () => {
    const { w, as } = await worldAndPeople('listexport3');
    const staff = await as('staff');
    const id = await submitSuggestion(w, await as('deputy'), { title: '关于整修村道排水沟的建议' });
    await acceptAndAssign(w, staff, id, w.units[0]);
    const csvOf = async (res: Response) => {
      expect(res.status).toBe(200);
      return parseCsv(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3)));
    };
    const unit = await as('unit');
    expect(await (await unit.get(`${w.base}/inbox`)).text()).toContain('/inbox?format=csv');
    const inbox = await csvOf(await unit.get(`${w.base}/inbox?format=csv`));
    expect(inbox[1]![1]).toBe('关于整修村道排水沟的建议');
    expect(inbox[1]![4]).toBe('主办');
    await actOk(w, staff, id, 'raise_colour', { colour: 'red', reason: '群众反映强烈' });
    const chair = await as('chair');
    const board = await csvOf(await chair.get(`${w.base}/supervision?colour=red&format=csv`));
    expect(board.some((r) => r[0] === '红牌' && r[2] === '关于整修村道排水沟的建议')).toBe(true);
    const tracking = await csvOf(await staff.get(`${w.base}/tracking?format=csv`));
    expect(tracking[0]![0]).toBe('编号');
    // Still only for those who may see the list.
    expect((await unit.get(`${w.base}/supervision?format=csv`)).status).toBe(403);
    expect((await (await as('deputy')).get(`${w.base}/tracking?format=xlsx`)).status).toBe(403);
  });

  it("a deputy's and a liaison clerk's own lists, and 待公开, download whole", async () => {
    const { w, as } = await worldAndPeople('listexport4');
    const deputy = await as('deputy');
    for (let i = 0; i < 3; i++) await submitSuggestion(w, deputy, { title: `关于第${i + 1}条乡村道路的建议` });
    const res = await deputy.get(`${w.base}/suggestions?format=csv`);
    expect(res.status).toBe(200);
    const rows = parseCsv(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3)));
    expect(rows.length).toBe(4);
    expect(rows.slice(1).every((r) => r[2] === '张建国')).toBe(true);
    const staff = await as('staff');
    const pending = await staff.get(`${w.base}/disclosure?format=xlsx`);
    expect(pending.status).toBe(200);
    expect(pending.headers.get('content-type')).toContain('spreadsheetml');
    expect((await (await as('unit')).get(`${w.base}/disclosure?format=csv`)).status).toBe(403);
  });
});

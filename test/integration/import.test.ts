/**
 * 从表格导入 over HTTP: a CSV (UTF-8 with or without BOM, or GBK) or .xlsx
 * file is previewed with every row checked; nothing is written unless the
 * whole file is valid and the admin confirms; the confirm step checks the
 * file again on the server; the write is one batch; importing the same file
 * again changes nothing.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import writeXlsxFile from 'write-excel-file/universal';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { tenantData } from '../../db/tenant-data';
import { hiddenValue, type Browser } from '../helpers/browser';
import { encodeGbk } from '../helpers/gbk';
import { expectPage, people } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';
import type { UnitImportRow } from '../../worker/forms/import-rows';

const DEPUTY_HEAD = '姓名,代表层级,联络站,代表团/小组,手机号,地址';
const UNIT_HEAD = '单位名称,负责人,电话,邮箱';

async function adminOf(w: World): Promise<{ admin: Browser; csrf: string }> {
  const admin = await people(w)('admin');
  const csrf = hiddenValue(await (await admin.get(`${w.base}/admin/import`)).text(), '_csrf');
  return { admin, csrf };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

/** Uploads a file to the preview step. */
function preview(w: World, admin: Browser, csrf: string, kind: 'deputies' | 'units', bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.append('file', new File([bytes], name));
  return admin.postMultipart(`${w.base}/admin/import/${kind}`, form);
}

/** Posts the preview page's confirm form as the browser would (optionally with a field changed). */
function confirm(w: World, admin: Browser, kind: 'deputies' | 'units', html: string, change: Record<string, string> = {}) {
  const form = new FormData();
  for (const name of ['_csrf', 'file_name', 'sha256', 'expect', 'content']) form.set(name, change[name] ?? hiddenValue(html, name));
  return admin.postMultipart(`${w.base}/admin/import/${kind}/confirm`, form);
}

async function tableRows(table: string, tenantId: number) {
  return (await env.DB.prepare(`select * from ${table} where tenant_id = ? order by id`).bind(tenantId).all()).results;
}

async function importAudit(tenantId: number) {
  return (
    await env.DB.prepare("select action, details from audit_log where tenant_id = ? and action like 'import.%' order by id")
      .bind(tenantId)
      .all<{ action: string; details: string }>()
  ).results.map((r) => ({ action: r.action, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** Preview (expecting a valid file with this summary), confirm, and check the redirect. */
async function importOk(w: World, admin: Browser, csrf: string, kind: 'deputies' | 'units', bytes: Uint8Array, name: string, summary: string) {
  const res = await preview(w, admin, csrf, kind, bytes, name);
  const html = await res.text();
  expect(res.status, html.match(/<li>第[^<]*/g)?.join('\n')).toBe(200);
  expect(html).toContain(summary);
  const done = await confirm(w, admin, kind, html);
  expect(done.status).toBe(303);
  expect(done.headers.get('Location')).toContain(`/admin/import?done=${kind}`);
  return done;
}

describe('importing deputies', () => {
  it('a valid CSV: previewed (nothing written yet), confirmed, written with its audit entry', async () => {
    const w = await createWorld('impcsv');
    const { admin, csrf } = await adminOf(w);
    const csv = `${DEPUTY_HEAD}\r\n周新民,县人大代表,城关镇代表联络站,城关镇小组,13900000001,人民路 8 号\r\n吴秀英,乡镇,毛庄镇代表联络站,,,\r\n"郑,国强",全国,,"代表团 ""一""",13900000003,\r\n`;
    const before = await tableRows('deputies', w.tenantId);
    const res = await preview(w, admin, csrf, 'deputies', utf8(csv), '代表名单.csv');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('新增 3、更新 0、不变 0');
    expect(html).toContain('文件“代表名单.csv”，共 3 行数据。');
    expect(await tableRows('deputies', w.tenantId)).toEqual(before);

    const done = await confirm(w, admin, 'deputies', html);
    expect(done.status).toBe(303);
    expect(await (await admin.get(done.headers.get('Location')!)).text()).toContain('人大代表导入完成：新增 3、更新 0、不变 0。');
    const added = await env.DB.prepare(
      'select name, level, station_id, group_name, phone, address, retired_at from deputies where tenant_id = ? and id > ? order by id',
    )
      .bind(w.tenantId, Math.max(...w.deputies))
      .all();
    expect(added.results).toEqual([
      {
        name: '周新民',
        level: 'county',
        station_id: w.stations[0],
        group_name: '城关镇小组',
        phone: '13900000001',
        address: '人民路 8 号',
        retired_at: null,
      },
      { name: '吴秀英', level: 'township', station_id: w.stations[1], group_name: null, phone: null, address: null, retired_at: null },
      { name: '郑,国强', level: 'national', station_id: null, group_name: '代表团 "一"', phone: '13900000003', address: null, retired_at: null },
    ]);
    const audit = await importAudit(w.tenantId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'import.deputies',
      details: { added: 3, updated: 0, unchanged: 0, file: '代表名单.csv', format: 'csv' },
    });
  });

  it('a valid .xlsx (phone numbers as number cells) is imported the same way', async () => {
    const w = await createWorld('impxlsx');
    const { admin, csrf } = await adminOf(w);
    const header = DEPUTY_HEAD.split(',').map((value) => ({ value }));
    const row = (name: string, level: string, phone: number | null) => [
      { value: name },
      { value: level },
      { value: '城关镇代表联络站' },
      null,
      phone === null ? null : { value: phone, type: Number },
      null,
    ];
    const blob = await writeXlsxFile([header, row('周新民', '县人大代表', 13900000001), row('吴秀英', '乡镇人大代表', null)]).toBlob();
    await importOk(w, admin, csrf, 'deputies', new Uint8Array(await blob.arrayBuffer()), '名单.xlsx', '新增 2、更新 0、不变 0');
    const rows = await env.DB.prepare(
      "select name, level, phone, station_id from deputies where tenant_id = ? and name in ('周新民', '吴秀英') order by id",
    )
      .bind(w.tenantId)
      .all();
    expect(rows.results).toEqual([
      { name: '周新民', level: 'county', phone: '13900000001', station_id: w.stations[0] },
      { name: '吴秀英', level: 'township', phone: null, station_id: w.stations[0] },
    ]);
    expect((await importAudit(w.tenantId))[0]!.details.format).toBe('xlsx');
  });

  it('a GBK CSV, as Excel in China saves it, is read correctly', async () => {
    const w = await createWorld('impgbk');
    const { admin, csrf } = await adminOf(w);
    const bytes = encodeGbk(`${DEPUTY_HEAD}\r\n欧阳晓燕,省人大代表,毛庄镇代表联络站,毛庄镇代表小组,13911112222,毛庄镇政府街\r\n`);
    await importOk(w, admin, csrf, 'deputies', bytes, 'gbk.csv', '新增 1、更新 0、不变 0');
    const row = await env.DB.prepare("select name, level, group_name, address from deputies where tenant_id = ? and phone = '13911112222'")
      .bind(w.tenantId)
      .first();
    expect(row).toEqual({ name: '欧阳晓燕', level: 'provincial', group_name: '毛庄镇代表小组', address: '毛庄镇政府街' });
  });

  it('a file with errors in several rows and columns lists each by row and column and writes nothing', async () => {
    const w = await createWorld('imperr');
    const { admin, csrf } = await adminOf(w);
    const before = await tableRows('deputies', w.tenantId);
    const csv = [
      DEPUTY_HEAD,
      '周新民,县人大代表,城关镇代表联络站,,13900000001,',
      ',县,,,,',
      '吴秀英,村代表,没有的站,,电话,',
      '',
      '<script>alert(1)</script>,县,,,1390000000x,',
      '周新民,市,,,13900000001,',
    ].join('\n');
    const res = await preview(w, admin, csrf, 'deputies', utf8(csv), 'bad.csv');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('发现 6 处错误，未导入任何数据。');
    for (const line of [
      '第 3 行 「姓名」：请填写此项。',
      '第 4 行 「代表层级」：请从列表中选择代表层级（全国、省、市、县、乡镇）。',
      '第 4 行 「联络站」：没有这个联络站，或它已停用。',
      '第 4 行 「手机号」：电话号码只能包含数字和“-”，如 13800000000 或 0394-1234567。',
      '第 6 行 「手机号」：电话号码只能包含数字和“-”，如 13800000000 或 0394-1234567。',
      '第 7 行 「姓名」：与第 2 行是同一条记录，请合并为一行。',
    ]) {
      expect(html).toContain(line);
    }
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('name="content"');
    expect(await tableRows('deputies', w.tenantId)).toEqual(before);
    expect(await importAudit(w.tenantId)).toEqual([]);
  });

  it('2,500 rows go in as one write; importing the same file again changes nothing (不变 2500)', { timeout: 60_000 }, async () => {
    const w = await createWorld('impbig');
    const { admin, csrf } = await adminOf(w);
    const lines = Array.from(
      { length: 2500 },
      (_, i) => `代表${i},${i % 2 ? '乡镇' : '县'},${i % 3 ? '城关镇代表联络站' : ''},第${i % 40}小组,139${String(i).padStart(8, '0')},某路${i}号`,
    );
    const file = withBom([DEPUTY_HEAD, ...lines].join('\r\n'));
    await importOk(w, admin, csrf, 'deputies', file, 'big.csv', '新增 2500、更新 0、不变 0');
    expect((await env.DB.prepare('select count(*) as n from deputies where tenant_id = ?').bind(w.tenantId).first<{ n: number }>())!.n).toBe(2505);

    const before = await tableRows('deputies', w.tenantId);
    const auditBefore = await importAudit(w.tenantId);
    expect(auditBefore.map((a) => [a.action, a.details.added])).toEqual([['import.deputies', 2500]]);
    const again = await preview(w, admin, csrf, 'deputies', file, 'big.csv');
    const html = await again.text();
    expect(html).toContain('新增 0、更新 0、不变 2500');
    expect(html).toContain('文件中的内容与系统中一致，无需导入。');
    expect(html).not.toContain('name="content"');
    expect(await tableRows('deputies', w.tenantId)).toEqual(before);
    expect(await importAudit(w.tenantId)).toEqual(auditBefore);
  });
});

describe('importing handling units', () => {
  it('with a BOM; a changed contact is an update, an unchanged row is left alone; re-importing changes nothing', async () => {
    const w = await createWorld('impunits');
    const { admin, csrf } = await adminOf(w);
    const first = withBom(`${UNIT_HEAD}\r\n县农业农村局,张局长,0394-1111111,nyj@example.gov.cn\r\n县住建局,刘局长,0394-2222222,\r\n`);
    await importOk(w, admin, csrf, 'units', first, 'units.csv', '新增 1、更新 1、不变 0');
    const unit = await env.DB.prepare('select name, head_contact, phone, email from handling_units where id = ?').bind(w.units[0]).first();
    expect(unit).toEqual({ name: '县农业农村局', head_contact: '张局长', phone: '0394-1111111', email: 'nyj@example.gov.cn' });

    const before = await tableRows('handling_units', w.tenantId);
    const again = await (await preview(w, admin, csrf, 'units', first, 'units.csv')).text();
    expect(again).toContain('新增 0、更新 0、不变 2');
    expect(await tableRows('handling_units', w.tenantId)).toEqual(before);

    const audit = await importAudit(w.tenantId);
    expect(audit.map((a) => [a.action, a.details.added, a.details.updated, a.details.unchanged])).toEqual([['import.units', 1, 1, 0]]);
  });

  it('a retired unit is matched (its name stays taken) and stays retired', async () => {
    const w = await createWorld('impretired');
    await env.DB.prepare('update handling_units set retired_at = 1 where id = ?').bind(w.units[3]).run();
    const { admin, csrf } = await adminOf(w);
    await importOk(w, admin, csrf, 'units', utf8(`${UNIT_HEAD}\n县水利局,新负责人,,\n`), 'u.csv', '新增 0、更新 1、不变 0');
    expect(await env.DB.prepare('select head_contact, retired_at from handling_units where id = ?').bind(w.units[3]).first()).toEqual({
      head_contact: '新负责人',
      retired_at: 1,
    });
  });
});

describe('the confirm step trusts nothing from the browser', () => {
  it('a changed file is refused (hash), a re-hashed bad file is checked again and refused, nothing written', async () => {
    const w = await createWorld('imptamper');
    const { admin, csrf } = await adminOf(w);
    const html = await (await preview(w, admin, csrf, 'units', utf8(`${UNIT_HEAD}\n县教育局,,,\n`), 'u.csv')).text();
    const before = await tableRows('handling_units', w.tenantId);
    const evil = utf8(`${UNIT_HEAD}\n县教育局,,,not-an-email\n`);
    const evilB64 = base64(evil);
    const changed = await confirm(w, admin, 'units', html, { content: evilB64 });
    await expectPage(changed, 422, ['确认的文件与预览的文件不一致']);
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', evil))].map((x) => x.toString(16).padStart(2, '0')).join('');
    const rehashed = await confirm(w, admin, 'units', html, { content: evilB64, sha256: digest });
    await expectPage(rehashed, 422, ['第 2 行 「邮箱」：邮箱格式不正确']);
    expect(await tableRows('handling_units', w.tenantId)).toEqual(before);
  });

  it('when the data changed after the preview, the new preview is shown again instead of writing', async () => {
    const w = await createWorld('impstale');
    const { admin, csrf } = await adminOf(w);
    const html = await (await preview(w, admin, csrf, 'units', utf8(`${UNIT_HEAD}\n县教育局,王,,\n`), 'u.csv')).text();
    expect(html).toContain('新增 1、更新 0、不变 0');
    await env.DB.prepare("insert into handling_units (tenant_id, name, head_contact) values (?, '县教育局', '王')").bind(w.tenantId).run();
    const stale = await confirm(w, admin, 'units', html);
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('预览之后系统中的数据有了变化');
    expect(page).toContain('新增 0、更新 0、不变 1');
    expect(
      (await env.DB.prepare("select count(*) as n from handling_units where tenant_id = ? and name = '县教育局'")
        .bind(w.tenantId)
        .first<{ n: number }>())!.n,
    ).toBe(1);
  });

  it('the write is one batch: a failure in its last chunk leaves none of the 2,000 rows', async () => {
    const w = await createWorld('impatomic');
    const data = tenantData(drizzle(env.DB, { schema }), w.tenantId);
    const add: UnitImportRow[] = Array.from({ length: 2000 }, (_, i) => ({ name: `单位${i}`, headContact: null, phone: null, email: null }));
    // The last row takes a name that exists: the unique index refuses it when the batch reaches it.
    add.push({ name: '县财政局', headContact: null, phone: null, email: null });
    const before = await tableRows('handling_units', w.tenantId);
    await expect(data.directory.applyImport('units', { add, update: [], unchanged: 0 }, { userId: null, name: 'test' }, {})).rejects.toThrow();
    expect(await tableRows('handling_units', w.tenantId)).toEqual(before);
    expect(await importAudit(w.tenantId)).toEqual([]);
    // Without the bad row it lands whole, each statement under D1's 100 parameters.
    const { statements } = await data.directory.applyImport(
      'units',
      { add: add.slice(0, 2000), update: [], unchanged: 0 },
      { userId: null, name: 'test' },
      {},
    );
    expect(statements).toBeGreaterThan(2000 / 100);
    expect((await tableRows('handling_units', w.tenantId)).length).toBe(before.length + 2000);
  });
});

describe('limits and refusals', () => {
  it(
    'a file over 2 MB, more than 5,000 rows, an old .xls, an empty upload: each refused in Chinese, nothing written',
    { timeout: 60_000 },
    async () => {
      const w = await createWorld('implimits');
      const { admin, csrf } = await adminOf(w);
      const before = await tableRows('handling_units', w.tenantId);
      const big = utf8(`${UNIT_HEAD}\n${'县某局,,,\n'.repeat(Math.ceil((2.1 * 1024 * 1024) / 12))}`);
      expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
      const tooLarge = await preview(w, admin, csrf, 'units', big, 'big.csv');
      await expectPage(tooLarge, 422, ['文件超过 2 MB']);
      const huge = await preview(w, admin, csrf, 'units', new Uint8Array(5 * 1024 * 1024), 'huge.csv');
      expect(huge.status).toBe(413);

      const many = utf8(`${UNIT_HEAD}\n${Array.from({ length: 5001 }, (_, i) => `单位${i},,,`).join('\n')}`);
      const tooMany = await preview(w, admin, csrf, 'units', many, 'many.csv');
      await expectPage(tooMany, 422, ['数据超过 5000 行']);

      const xls = await preview(w, admin, csrf, 'units', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls');
      expect(await xls.text()).toContain('旧版 .xls 文件');
      const brokenZip = await preview(w, admin, csrf, 'units', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 'broken.xlsx');
      await expectPage(brokenZip, 422, ['无法读取这个 .xlsx 文件']);
      const noFile = await admin.post(`${w.base}/admin/import/units`, { _csrf: csrf });
      await expectPage(noFile, 422, ['请选择要导入的文件。']);
      expect(await tableRows('handling_units', w.tenantId)).toEqual(before);
    },
  );

  it('the templates download as CSV with the Chinese headers and import as they are', async () => {
    const w = await createWorld('imptemplate');
    const { admin, csrf } = await adminOf(w);
    for (const kind of ['deputies', 'units'] as const) {
      const res = await admin.get(`${w.base}/admin/import/${kind}/template.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes)).toContain(kind === 'deputies' ? DEPUTY_HEAD : UNIT_HEAD);
      const html = await (await preview(w, admin, csrf, kind, bytes, 'template.csv')).text();
      expect(html).toMatch(/新增 1、更新 0、不变 0|新增 0、更新 0、不变 1|新增 0、更新 1、不变 0/);
    }
  });

  it('only the tenant admin may import', async () => {
    const w = await createWorld('improles');
    const as = people(w);
    for (const who of ['staff', 'deputy', 'unit', 'chair'] as const) {
      const b = await as(who);
      const csrf = hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
      expect((await b.get(`${w.base}/admin/import`)).status).toBe(403);
      expect((await preview(w, b, csrf, 'units', utf8(`${UNIT_HEAD}\n越权单位,,,\n`), 'u.csv')).status).toBe(403);
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('content', base64(utf8(`${UNIT_HEAD}\n越权单位,,,\n`)));
      expect((await b.postMultipart(`${w.base}/admin/import/units/confirm`, form)).status).toBe(403);
    }
    expect((await env.DB.prepare("select count(*) as n from handling_units where name = '越权单位'").first<{ n: number }>())!.n).toBe(0);
  });
});

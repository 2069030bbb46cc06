/**
 * 导入代表名单 / 承办单位 as rules: reading CSV text (RFC 4180, UTF-8 with
 * or without BOM, GBK), checking every row with the forms' own field rules
 * and listing each problem by row and column, and planning what an import
 * changes (matched by natural key, so the same file twice changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../worker/rules/csv-read';
import {
  IMPORT_MAX_ROWS,
  cellText,
  checkRows,
  formatRowError,
  planImport,
  templateRows,
  type DeputyImportRow,
  type ExistingRow,
} from '../../worker/forms/import-rows';
import { deputyKey, deputySchema, levelFromText, unitSchema } from '../../worker/forms/directory';
import { parseForm } from '../../worker/forms/validate';
import { zipDeclaredSize } from '../../worker/routes/admin/import-file';
import { encodeGbk } from '../helpers/gbk';

const stations = { stationIds: new Map([['城关镇代表联络站', 7]]) };
const HEAD = ['姓名', '代表层级', '联络站', '代表团/小组', '手机号', '地址'];

describe('CSV text', () => {
  it('splits records and fields per RFC 4180: quotes, doubled quotes, commas and line breaks inside quotes, CRLF or LF', () => {
    const parsed = parseCsv('a,"b,1","say ""hi"""\r\n"two\nlines",,x\nlast,row,"" \n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        ['a', 'b,1', 'say "hi"'],
        ['two\nlines', '', 'x'],
        ['last', 'row', ' '],
      ],
    });
  });

  it('keeps blank lines as records so row numbers match the spreadsheet, and needs no final line break', () => {
    expect(parseCsv('h\n\nv')).toEqual({ ok: true, records: [['h'], [''], ['v']] });
    expect(parseCsv('')).toEqual({ ok: true, records: [] });
  });

  it('an unclosed quote is an error naming its record', () => {
    expect(parseCsv('h\nok\n"never closed,\nmore')).toEqual({ ok: false, badQuoteRecord: 3 });
  });

  it('decodes UTF-8 with a BOM (dropped), without one, and GBK as Excel saves it', () => {
    const utf8 = new TextEncoder().encode('姓名,代表层级');
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('姓名,代表层级');
    expect(decodeCsvBytes(utf8)).toBe('姓名,代表层级');
    const gbk = encodeGbk('姓名,代表层级\r\n张建国,县');
    expect(gbk.length).toBeLessThan(new TextEncoder().encode('姓名,代表层级\r\n张建国,县').length);
    expect(decodeCsvBytes(gbk)).toBe('姓名,代表层级\r\n张建国,县');
  });

  it('bytes that are neither UTF-8 nor GB18030 are refused', () => {
    expect(decodeCsvBytes(new Uint8Array([0x41, 0x81, 0x20]))).toBeNull();
  });
});

/** The deputies' table under the template's header row, checked against the stations. */
const checkDeputies = (...rows: string[][]) => checkRows('deputies', [HEAD, ...rows], stations);

describe('checking every row', () => {
  it('a valid table becomes rows as the table stores them; levels by label, key or short form; stations by name', () => {
    const result = checkDeputies(
      ['张建国', '县人大代表', '城关镇代表联络站', '城关镇小组', '138 0000 0000', '人民路1号'],
      ['', '', '', '', '', ''],
      ['李秀兰', '乡镇', '', '', '', ''],
      [' 王卫东 ', 'national'],
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { row: 2, value: { name: '张建国', level: 'county', stationId: 7, groupName: '城关镇小组', phone: '13800000000', address: '人民路1号' } },
        { row: 4, value: { name: '李秀兰', level: 'township', stationId: null, groupName: null, phone: null, address: null } },
        { row: 5, value: { name: '王卫东', level: 'national', stationId: null, groupName: null, phone: null, address: null } },
      ],
    });
  });

  it('lists every problem by row and column, in Chinese, and returns no rows', () => {
    const result = checkDeputies(
      ['', '县', '', '', '', ''],
      ['张三', '村', '不存在的站', '', 'abc', ''],
      ['李四', '县', '', '', '', 'x'.repeat(101)],
      ['张三', '市', '', '', '13900000000', ''],
      ['张三', '市', '', '', '139-0000-0000', ''],
      ['张三', '市', '', '', '13900000000', ''],
    );
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.errors.map(formatRowError);
    expect(lines).toEqual([
      '第 2 行 「姓名」：请填写此项。',
      '第 3 行 「代表层级」：请从列表中选择代表层级（全国、省、市、县、乡镇）。',
      '第 3 行 「联络站」：没有这个联络站，或它已停用。',
      '第 3 行 「手机号」：电话号码只能包含数字和“-”，如 13800000000 或 0394-1234567。',
      '第 4 行 「地址」：不能超过 100 个字。',
      '第 7 行 「姓名」：与第 5 行是同一条记录，请合并为一行。',
    ]);
  });

  it('headers: aliases accepted, a missing required column, an unknown or repeated one refused', () => {
    expect(
      checkRows(
        'units',
        [
          ['名称', '联系人', '联系电话', '电子邮箱'],
          ['县财政局', '王', '0394-1', 'a@b.cn'],
        ],
        stations,
      ).ok,
    ).toBe(true);
    const bad = checkRows('units', [['负责人', '传真', '电话', '电话']], stations);
    expect(bad.ok ? [] : bad.errors.map(formatRowError)).toEqual([
      '文件：无法识别的列名“传真”。请使用模板中的列名。',
      '文件：“电话”列出现了不止一次。',
      '文件：缺少“单位名称”列。请使用模板中的列名。',
    ]);
  });

  it('a file with only a header, or more rows than allowed, is refused as a whole', () => {
    const empty = checkRows('units', [['单位名称'], ['']], stations);
    expect(empty.ok ? '' : formatRowError(empty.errors[0]!)).toContain('没有数据行');
    const many = checkRows('units', [['单位名称'], ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`单位${i}`])], stations);
    expect(many.ok ? '' : formatRowError(many.errors[0]!)).toContain(`超过 ${IMPORT_MAX_ROWS} 行`);
  });

  it('units: a bad e-mail and control characters are refused next to their column', () => {
    const r = checkRows(
      'units',
      [
        ['单位名称', '邮箱'],
        ['县财政局', 'not-an-email'],
        ['县\u0007局', ''],
      ],
      stations,
    );
    expect(r.ok ? [] : r.errors.map(formatRowError)).toEqual([
      '第 2 行 「邮箱」：邮箱格式不正确，如 name@example.com。',
      '第 3 行 「单位名称」：不能包含不可见的控制字符。',
    ]);
  });

  it('the template passes its own check', () => {
    expect(checkRows('units', templateRows('units'), stations).ok).toBe(true);
    expect(checkRows('deputies', templateRows('deputies'), stations).ok).toBe(true);
  });
});

describe('planning an import against the existing rows', () => {
  const row = (over: Partial<DeputyImportRow>): DeputyImportRow => ({
    name: '张三',
    level: 'county',
    stationId: null,
    groupName: null,
    phone: null,
    address: null,
    ...over,
  });
  const existing: ExistingRow<'deputies'>[] = [
    { id: 1, ...row({ phone: '13800000001' }) },
    { id: 2, ...row({ name: '李四', level: 'city' }) },
  ];

  it('matches deputies by name + phone (name + level without a phone): unchanged, updated, added', () => {
    const result = planImport(
      'deputies',
      [
        { row: 2, value: row({ phone: '13800000001' }) },
        { row: 3, value: row({ name: '李四', level: 'city', address: '新地址' }) },
        { row: 4, value: row({ name: '李四', level: 'county' }) },
        { row: 5, value: row({ phone: '13800000002' }) },
      ],
      existing,
    );
    expect(result).toEqual({
      ok: true,
      plan: {
        add: [row({ name: '李四', level: 'county' }), row({ phone: '13800000002' })],
        update: [{ id: 2, value: row({ name: '李四', level: 'city', address: '新地址' }), before: row({ name: '李四', level: 'city' }) }],
        unchanged: 1,
      },
    });
  });

  it('the same rows planned against what they produced change nothing', () => {
    const rows = [
      { row: 2, value: row({ phone: '1' }) },
      { row: 3, value: row({ name: '王五' }) },
    ];
    const after = rows.map((r, i) => ({ id: 10 + i, ...r.value }));
    expect(planImport('deputies', rows, after)).toEqual({ ok: true, plan: { add: [], update: [], unchanged: 2 } });
  });

  it('a row matching two existing deputies is an error (the import cannot tell which)', () => {
    const twins = [
      { id: 1, ...row({}) },
      { id: 2, ...row({}) },
    ];
    const result = planImport('deputies', [{ row: 9, value: row({}) }], twins);
    expect(result.ok ? [] : result.errors.map(formatRowError)).toEqual([
      '第 9 行 「姓名」：系统中有不止一位同名且手机号（或层级）相同的代表，无法确定更新哪一位，请在名录中处理后再导入。',
    ]);
  });

  it('units match by name; a change of contact is an update', () => {
    const result = planImport(
      'units',
      [{ row: 2, value: { name: '县财政局', headContact: '新', phone: null, email: null } }],
      [{ id: 5, name: '县财政局', headContact: '旧', phone: null, email: null }],
    );
    expect(result.ok && result.plan.update.map((u) => [u.id, u.before.headContact, u.value.headContact])).toEqual([[5, '旧', '新']]);
  });
});

describe('the form fields and the natural key', () => {
  it('a deputy form: values typed, one Chinese message per wrong field', () => {
    expect(parseForm(deputySchema, { name: '', level: 'x', station_id: 'abc', group_name: '', phone: '12a', address: '', confidential: '' })).toEqual(
      {
        ok: false,
        errors: {
          name: '请填写此项。',
          level: '请从列表中选择代表层级（全国、省、市、县、乡镇）。',
          station_id: '没有这个联络站，或它已停用。',
          phone: '电话号码只能包含数字和“-”，如 13800000000 或 0394-1234567。',
        },
      },
    );
    expect(parseForm(unitSchema, { name: ' 县财政局 ', head_contact: '', phone: '', email: 'cz@x.gov.cn' })).toEqual({
      ok: true,
      value: { name: '县财政局', head_contact: null, phone: null, email: 'cz@x.gov.cn' },
    });
  });

  it('levels are read from key, label or short form', () => {
    expect(['county', '县人大代表', '县', '全国', '乡镇级', '省级'].map(levelFromText)).toEqual([
      'county',
      'county',
      'county',
      'national',
      'township',
      'provincial',
    ]);
    expect(levelFromText('村')).toBeNull();
  });

  it('deputy key: phone when there is one, else level', () => {
    expect(deputyKey({ name: '张三', phone: '1', level: 'city' })).toBe(deputyKey({ name: '张三', phone: '1', level: 'county' }));
    expect(deputyKey({ name: '张三', phone: null, level: 'city' })).not.toBe(deputyKey({ name: '张三', phone: null, level: 'county' }));
  });
});

describe('spreadsheet cells and archives', () => {
  it('cells become text as typed: long numbers in full, dates as days', () => {
    expect([cellText(13800000000), cellText(1.5), cellText(null), cellText(true), cellText(new Date('2026-01-31T00:00:00Z'))]).toEqual([
      '13800000000',
      '1.5',
      '',
      '是',
      '2026-01-31',
    ]);
  });

  it('reads the unpacked size a zip declares (the guard against zip bombs), null when there is no directory', () => {
    // A one-entry zip's central directory and end record, as a zip writer lays them out.
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    const bytes = new Uint8Array(46 + name.length + 22);
    const v = new DataView(bytes.buffer);
    v.setUint32(0, 0x02014b50, true); // central directory entry
    v.setUint32(20, 1234, true); // compressed size
    v.setUint32(24, 900_000_000, true); // uncompressed size: what a bomb declares
    v.setUint16(28, name.length, true);
    bytes.set(name, 46);
    const end = 46 + name.length;
    v.setUint32(end, 0x06054b50, true); // end of central directory
    v.setUint16(end + 8, 1, true);
    v.setUint16(end + 10, 1, true);
    v.setUint32(end + 12, end, true); // directory size
    v.setUint32(end + 16, 0, true); // directory offset
    expect(zipDeclaredSize(bytes)).toBe(900_000_000);
    expect(zipDeclaredSize(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });
});

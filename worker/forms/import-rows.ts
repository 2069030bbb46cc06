/**
 * 导入代表名单 / 承办单位: a spreadsheet's rows (header row of Chinese column
 * names, then data) checked row by row with the same field rules as the
 * admin's forms (worker/forms/directory.ts), and the plan of what an
 * import would change: rows to add, rows to update, rows already the same.
 *
 * Existing rows are matched by a natural key — units by name, deputies by
 * name + phone (name + level when there is no phone) — so importing the same
 * file twice changes nothing the second time.
 */
import * as z from 'zod';
import { fileField, textField } from './validate';
import { text } from '../../views/text/index';
import { MAX, levelField, optionalText, phoneField, emailField, requiredText } from './directory';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importKey,
  type DeputyImportRow,
  type ExistingRow,
  type ImportKind,
  type ImportPlan,
  type ImportRow,
  type UnitImportRow,
} from '../rules/import-plan';

export * from '../rules/import-plan';

const t = text.directory.import;

/** Errors listed on the preview; the rest are counted. */
export const MAX_LISTED_ERRORS = 200;

export interface ImportColumn {
  /** The column name in the template and the preview's messages. */
  header: string;
  field: string;
  required?: boolean;
  /** Other names the column is known by in files people already have. */
  aliases?: string[];
}

export const COLUMNS: Record<ImportKind, ImportColumn[]> = {
  deputies: [
    { header: '姓名', field: 'name', required: true, aliases: ['代表姓名'] },
    { header: '代表层级', field: 'level', required: true, aliases: ['层级', '代表级别', '级别'] },
    { header: '联络站', field: 'station', aliases: ['代表联络站', '所属联络站'] },
    { header: '代表团/小组', field: 'group_name', aliases: ['代表团', '代表小组', '代表团或小组'] },
    { header: '手机号', field: 'phone', aliases: ['手机', '手机号码', '联系电话', '电话'] },
    { header: '地址', field: 'address', aliases: ['住址', '通讯地址'] },
  ],
  units: [
    { header: '单位名称', field: 'name', required: true, aliases: ['承办单位', '名称'] },
    { header: '负责人', field: 'head_contact', aliases: ['联系人'] },
    { header: '电话', field: 'phone', aliases: ['联系电话', '手机号'] },
    { header: '邮箱', field: 'email', aliases: ['电子邮箱', '邮件'] },
  ],
};

/** One problem: `row` as the spreadsheet numbers it (header = 1), or null for the file as a whole. */
export interface RowError {
  row: number | null;
  column: string | null;
  message: string;
}

/** "第 N 行 「列名」：message", or the file's own problem. */
export function formatRowError(e: RowError): string {
  if (e.row === null || e.column === null) return e.row === null ? t.fileError(e.message) : `第 ${e.row} 行：${e.message}`;
  return t.rowError(e.row, e.column, e.message);
}

/** What the rows are checked against: the tenant's serving liaison stations by name. */
export interface ImportContext {
  stationIds: ReadonlyMap<string, number>;
}

const stationField = (ctx: ImportContext) =>
  z
    .string()
    .trim()
    .transform((s, issue) => {
      if (s === '') return null;
      const id = ctx.stationIds.get(s);
      if (id === undefined) {
        issue.addIssue({ code: 'custom', message: text.directory.errors.stationUnknown });
        return z.NEVER;
      }
      return id;
    });

function rowSchema(kind: ImportKind, ctx: ImportContext) {
  if (kind === 'units') {
    return z
      .object({ name: requiredText(MAX.name), head_contact: optionalText(MAX.name), phone: phoneField, email: emailField })
      .transform((r): UnitImportRow => ({ name: r.name, headContact: r.head_contact, phone: r.phone, email: r.email }));
  }
  return z
    .object({
      name: requiredText(MAX.name),
      level: levelField,
      station: stationField(ctx),
      group_name: optionalText(MAX.group),
      phone: phoneField,
      address: optionalText(MAX.address),
    })
    .transform((r): DeputyImportRow => ({
      name: r.name,
      level: r.level,
      stationId: r.station,
      groupName: r.group_name,
      phone: r.phone,
      address: r.address,
    }));
}

export type CheckResult<K extends ImportKind> = { ok: true; rows: { row: number; value: ImportRow<K> }[] } | { ok: false; errors: RowError[] };

const normalHeader = (s: string) => s.replace(/[\s\u3000\ufeff]/g, '').replace('／', '/');

/**
 * Checks a whole table (record 0 is the header). Every row is checked and
 * every problem listed; the rows are returned only when there is none.
 */
export function checkRows<K extends ImportKind>(kind: K, table: string[][], ctx: ImportContext): CheckResult<K> {
  const columns = COLUMNS[kind];
  const [header = [], ...data] = table;
  const errors: RowError[] = [];

  // Which column of the file is which field.
  const position = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = normalHeader(raw);
    if (name === '') return;
    const column = columns.find((c) => c.header === name || c.aliases?.includes(name));
    if (!column) errors.push({ row: null, column: null, message: t.errors.unknownColumn(raw.trim()) });
    else if (position.has(column.field)) errors.push({ row: null, column: null, message: t.errors.duplicateColumn(column.header) });
    else position.set(column.field, i);
  });
  for (const c of columns) {
    if (c.required && !position.has(c.field)) errors.push({ row: null, column: null, message: t.errors.missingColumn(c.header) });
  }
  if (errors.length) return { ok: false, errors };

  const filled = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  if (filled.length === 0) return { ok: false, errors: [{ row: null, column: null, message: t.errors.empty }] };
  if (filled.length > IMPORT_MAX_ROWS) return { ok: false, errors: [{ row: null, column: null, message: t.errors.tooManyRows(IMPORT_MAX_ROWS) }] };

  const schema = rowSchema(kind, ctx);
  const headerOf = new Map(columns.map((c) => [c.field, c.header]));
  const rows: { row: number; value: ImportRow<K> }[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const { row, cells } of filled) {
    const input: Record<string, string> = {};
    for (const c of columns) {
      const at = position.get(c.field);
      input[c.field] = at === undefined ? '' : (cells[at] ?? '');
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (seen.has(field)) continue;
        seen.add(field);
        errors.push({ row, column: headerOf.get(field) ?? field, message: issue.message });
      }
      continue;
    }
    const value = parsed.data as ImportRow<K>;
    const key = importKey(kind, value);
    const first = firstRowOfKey.get(key);
    if (first !== undefined) {
      errors.push({ row, column: columns[0]!.header, message: t.errors.duplicateInFile(first) });
      continue;
    }
    firstRowOfKey.set(key, row);
    rows.push({ row, value });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const FIELDS: { [K in ImportKind]: (keyof ImportRow<K>)[] } = {
  deputies: ['name', 'level', 'stationId', 'groupName', 'phone', 'address'],
  units: ['name', 'headContact', 'phone', 'email'],
};

function pick<K extends ImportKind>(kind: K, row: ImportRow<K>): ImportRow<K> {
  return Object.fromEntries(FIELDS[kind].map((f) => [f, row[f] ?? null])) as unknown as ImportRow<K>;
}

/**
 * What importing checked rows would do to the existing ones. A row whose
 * key matches more than one existing record is an error (the import cannot
 * tell which one is meant).
 */
export function planImport<K extends ImportKind>(
  kind: K,
  rows: { row: number; value: ImportRow<K> }[],
  existing: ExistingRow<K>[],
): { ok: true; plan: ImportPlan<K> } | { ok: false; errors: RowError[] } {
  const byKey = new Map<string, ExistingRow<K>[]>();
  for (const e of existing) {
    const key = importKey(kind, e);
    byKey.set(key, [...(byKey.get(key) ?? []), e]);
  }
  const plan: ImportPlan<K> = { add: [], update: [], unchanged: 0 };
  const errors: RowError[] = [];
  for (const { row, value } of rows) {
    const matches = byKey.get(importKey(kind, value)) ?? [];
    if (matches.length > 1) {
      errors.push({ row, column: COLUMNS[kind][0]!.header, message: t.errors.ambiguousDeputy });
      continue;
    }
    const match = matches[0];
    if (!match) {
      plan.add.push(pick(kind, value));
      continue;
    }
    const before = pick(kind, match);
    const after = pick(kind, value);
    if (FIELDS[kind].every((f) => before[f] === after[f])) plan.unchanged++;
    else plan.update.push({ id: match.id, value: after, before });
  }
  return errors.length ? { ok: false, errors } : { ok: true, plan };
}

/** A spreadsheet cell as text: numbers as written (13800000000, not 1.38e10), dates as 2026-01-31. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

/** The template file's content: the header row and one example row. */
export function templateRows(kind: ImportKind): string[][] {
  const header = COLUMNS[kind].map((c) => c.header);
  const example =
    kind === 'deputies'
      ? ['张建国', '县人大代表', '城关镇代表联络站', '城关镇代表小组', '13800000000', '城关镇人民路 1 号']
      : ['县农业农村局', '李明', '0394-1234567', 'nyj@example.gov.cn'];
  return [header, example];
}

/** 上传并预览: one file, not empty, at most IMPORT_MAX_BYTES (the message names the limit in MB). */
export const uploadSchema = z.object({
  file: fileField.superRefine((file, ctx) => {
    if (!file || file.size === 0) ctx.addIssue({ code: 'custom', message: t.errors.noFile });
    else if (file.size > IMPORT_MAX_BYTES) ctx.addIssue({ code: 'custom', message: t.errors.tooLarge(IMPORT_MAX_BYTES / (1024 * 1024)) });
  }),
});

/** 确认导入: the file carried again (base64), its SHA-256 and the plan the preview showed; checked again from scratch by the route. */
export const confirmSchema = z.object({
  file_name: z.string().transform((s) => s.slice(0, 100)),
  content: textField,
  sha256: textField,
  expect: textField,
});

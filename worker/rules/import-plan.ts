/**
 * 导入代表名单 / 承办单位 as the data layer knows it: the limits, the rows as
 * the tables hold them, their natural key (units by name, deputies by
 * worker/rules/directory.ts's deputyKey) and the plan of what an import
 * changes. Reading and checking a file's rows is worker/forms/import-rows.ts.
 */
import { deputyKey, type DeputyLevel } from './directory';

/** Largest file accepted, and most data rows. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
/**
 * The request limit on the import's upload and confirm posts: the file, or
 * the file again as base64 (4/3 of it, more once form-encoded), plus the
 * form's other fields. Other forms stay at 256 KB.
 */
export const IMPORT_MAX_BODY_BYTES = 2 * IMPORT_MAX_BYTES + 256 * 1024;

export type ImportKind = 'deputies' | 'units';

/** An import's rows as the tables hold them. */
export interface DeputyImportRow {
  name: string;
  level: DeputyLevel;
  stationId: number | null;
  groupName: string | null;
  phone: string | null;
  address: string | null;
}

export interface UnitImportRow {
  name: string;
  headContact: string | null;
  phone: string | null;
  email: string | null;
}

export type ImportRow<K extends ImportKind> = K extends 'deputies' ? DeputyImportRow : UnitImportRow;

/** The natural key of an import row (see the module comment). */
export function importKey(kind: ImportKind, row: DeputyImportRow | UnitImportRow): string {
  return kind === 'units' ? row.name : deputyKey(row as DeputyImportRow);
}

/** A row already in the tenant's table (retired ones included: names stay taken). */
export type ExistingRow<K extends ImportKind> = ImportRow<K> & { id: number };

export interface ImportPlan<K extends ImportKind> {
  add: ImportRow<K>[];
  update: { id: number; value: ImportRow<K>; before: ImportRow<K> }[];
  unchanged: number;
}

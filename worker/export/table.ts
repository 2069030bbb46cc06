/**
 * Any table as a download: CSV (UTF-8 with a BOM, so Excel shows Chinese)
 * or .xlsx (write-excel-file, which needs nothing but fflate and runs in a
 * Worker). Text that a spreadsheet would run as a formula (=, +, -, @ at
 * the start) is prefixed with an apostrophe in both.
 */
import writeXlsxFile from 'write-excel-file/universal';

export type Cell = string | number | null;

export interface Table {
  /** File name without extension (may be Chinese). */
  name: string;
  columns: string[];
  rows: Cell[][];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets. */
export function inert(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : inert(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: Table): string {
  const lines = [t.columns, ...t.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(t: Table): Promise<ArrayBuffer> {
  const header = t.columns.map((c) => ({ value: c, fontWeight: 'bold' as const }));
  const body = t.rows.map((row) =>
    row.map((v) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: inert(v), type: String })),
  );
  const blob = await writeXlsxFile([header, ...body], { sheet: t.name.slice(0, 31) }).toBlob();
  return blob.arrayBuffer();
}

export type ExportFormat = 'csv' | 'xlsx';

/** `?format=csv|xlsx` on a list's address asks for its download instead of the page. */
export function requestedFormat(query: string | undefined): ExportFormat | null {
  return query === 'csv' || query === 'xlsx' ? query : null;
}

/** The HTTP response that downloads a table. */
export async function downloadTable(t: Table, format: ExportFormat): Promise<Response> {
  const filename = `${t.name}.${format}`;
  const disposition = `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
  const headers = { 'Content-Disposition': disposition, 'Cache-Control': 'private, no-store' };
  if (format === 'csv') return new Response(toCsv(t), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  return new Response(await toXlsx(t), {
    headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
}

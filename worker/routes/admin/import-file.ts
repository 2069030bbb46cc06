/**
 * An uploaded import file → a table of text cells (record 0 is the header):
 * .xlsx through read-excel-file, anything else as CSV (UTF-8 with or
 * without BOM, or GBK/GB18030). Refuses old .xls, unreadable files and zip
 * bombs with a Chinese message.
 */
import { readSheet } from 'read-excel-file/universal';
import { decodeCsvBytes, parseCsv } from '../../rules/csv-read';
import { cellText } from '../../forms/import-rows';
import { text } from '../../../views/text/index';

const t = text.directory.import.errors;

/** What the parts of an .xlsx may unpack to, at most: a 5,000-row sheet is a few MB. */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * The total unpacked size a zip archive declares in its central directory,
 * or null when there is no readable directory. The unpacker sizes its
 * buffers from these numbers, so capping their sum caps its memory.
 */
export function zipDeclaredSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65,535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let p = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
      const size = view.getUint32(p + 24, true);
      // 0xffffffff means a zip64 size elsewhere: treat as too large.
      total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return total;
  }
  return null;
}

export type UploadTable = { ok: true; table: string[][]; format: 'csv' | 'xlsx' } | { ok: false; message: string };

export async function readUploadTable(bytes: Uint8Array, filename: string): Promise<UploadTable> {
  const lower = filename.toLowerCase();
  if (startsWith(bytes, OLE) || lower.endsWith('.xls')) return { ok: false, message: t.fileType };
  if (startsWith(bytes, ZIP)) {
    const size = zipDeclaredSize(bytes);
    if (size === null || size > MAX_XLSX_UNPACKED_BYTES) return { ok: false, message: t.badXlsx };
    try {
      const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const sheet = await readSheet(ab);
      return { ok: true, format: 'xlsx', table: sheet.map((row) => row.map(cellText)) };
    } catch {
      return { ok: false, message: t.badXlsx };
    }
  }
  if (lower.endsWith('.xlsx')) return { ok: false, message: t.badXlsx };
  if (!/\.(csv|txt)$/.test(lower) && lower.includes('.')) return { ok: false, message: t.fileType };
  const content = decodeCsvBytes(bytes);
  if (content === null) return { ok: false, message: t.encoding };
  const parsed = parseCsv(content);
  if (!parsed.ok) return { ok: false, message: t.badCsv(parsed.badQuoteRecord) };
  return { ok: true, format: 'csv', table: parsed.records };
}

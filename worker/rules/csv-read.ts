/**
 * Reading an uploaded CSV: its text encoding (UTF-8 with or without a BOM,
 * or the GBK/GB18030 that Excel in China saves "CSV" as) and its records
 * (RFC 4180: comma-separated, fields quoted with ", "" inside quotes, line
 * breaks inside quotes, CRLF or LF). Small enough to read in one sitting;
 * the cases are in test/unit/import-rows.test.ts.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The file's text, or null when it is neither valid UTF-8 nor valid GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
    return tryDecode('utf-8', bytes.subarray(3));
  }
  // Valid UTF-8 is almost never valid-looking GBK by accident the other way
  // round, so UTF-8 is tried first; GB18030 is a superset of GBK and GB2312.
  return tryDecode('utf-8', bytes) ?? tryDecode('gb18030', bytes);
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type CsvResult = { ok: true; records: string[][] } | { ok: false; badQuoteRecord: number };

/**
 * Splits CSV text into records of fields. Every record is kept (a blank
 * line is `['']`), so record i is row i + 1 as a spreadsheet numbers it.
 * A trailing line break does not make an extra record.
 */
export function parseCsv(input: string): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && input[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) return { ok: false, badQuoteRecord: records.length + 1 };
  if (field !== '' || record.length > 0) endRecord();
  return { ok: true, records };
}

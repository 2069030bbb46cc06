/**
 * GBK bytes for a text, as Excel in China saves a "CSV": the table is built
 * by decoding every two-byte GBK code with the runtime's own decoder, so the
 * test needs no encoder package. ASCII stays one byte.
 */
let table: Map<string, [number, number]> | undefined;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

export function encodeGbk(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = gbkTable().get(ch);
    if (!pair) throw new Error(`no GBK code for ${ch}`);
    out.push(...pair);
  }
  return new Uint8Array(out);
}

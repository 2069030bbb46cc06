/** Formatting for display, in China time (UTC+8) whatever the server's zone. */

const CHINA_OFFSET_MS = 8 * 3_600_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 2026-11-23 14:05 */
export function chinaDateTime(ms: number | null | undefined): string {
  if (ms == null) return '';
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 2026-11-23 */
export function chinaDate(ms: number | null | undefined): string {
  return chinaDateTime(ms).slice(0, 10);
}

/** Formatting for display, in China time (UTC+8) whatever the server's zone. */

import { chinaDateTime as chinaDateTimeOf } from '../worker/rules/china-time';

/** 2026-11-23 14:05 */
export function chinaDateTime(ms: number | null | undefined): string {
  if (ms == null) return '';
  return chinaDateTimeOf(ms);
}

/** 2026-11-23 */
export function chinaDate(ms: number | null | undefined): string {
  return chinaDateTime(ms).slice(0, 10);
}

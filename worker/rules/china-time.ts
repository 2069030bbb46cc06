/**
 * China time (UTC+8, no daylight saving): the one place that knows the
 * offset. Counties' dates, hours and clocks are China time while the
 * server, the cron and SQLite run in UTC; every conversion of a moment
 * (epoch ms) to a China date, year, hour or wall-clock text goes through
 * here. Pure: the server's own time zone never matters (UTC methods only).
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China time is UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The moment's China wall clock, as a Date whose UTC fields read China time. */
function chinaClockOf(ms: number): Date {
  if (!Number.isFinite(ms)) throw new RangeError(`not a moment: ${ms}`);
  return new Date(ms + CHINA_OFFSET_MS);
}

/** The China date (UTC+8) of a moment given in epoch ms, 'YYYY-MM-DD'. */
export function chinaDateOf(ms: number): string {
  const d = chinaClockOf(ms);
  const y = d.getUTCFullYear();
  if (!(y >= 0 && y <= 9999)) throw new RangeError(`date out of range: ${ms}`);
  return `${pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The China calendar year of a moment (suggestion numbers 2026-0001, year pickers). */
export function chinaYearOf(ms: number): number {
  return chinaClockOf(ms).getUTCFullYear();
}

/** The China hour (0–23) of a moment. */
export function chinaHourOf(ms: number): number {
  return chinaClockOf(ms).getUTCHours();
}

/** HH:MM in China time, e.g. for telling the user when to retry. */
export function chinaClock(ms: number): string {
  const d = chinaClockOf(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 'YYYY-MM-DD HH:MM' in China time. */
export function chinaDateTime(ms: number): string {
  return `${chinaDateOf(ms)} ${chinaClock(ms)}`;
}

/** Epoch ms of a China wall-clock time (month 1–12); fields may overflow as in Date.UTC. */
export function chinaMoment(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - CHINA_OFFSET_MS;
}

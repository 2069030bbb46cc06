/**
 * The working-day calendar and the counting of periods (DOMAIN.md,
 * "Deadlines" and "Counting periods", after 民法典 Art. 201–203). Pure
 * functions on China dates ('YYYY-MM-DD'). Dates are handled as UTC
 * midnights with the Date UTC methods only, so the server's time zone never
 * matters. Every function throws a RangeError on a date that is not a real
 * calendar date.
 */
import { CHINA_OFFSET_MS, chinaDateOf, DAY_MS } from './china-time.ts';

/** Moved to china-time.ts; re-exported for the many callers that read dates from here. */
export { chinaDateOf };

/** A date in China (UTC+8), 'YYYY-MM-DD'. */
export type IsoDate = string;

/**
 * A tenant's public holidays (rest days) and 调休 make-up working days (a
 * Saturday or Sunday that is a working day).
 */
export interface WorkCalendar {
  holidays: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
}

export type PeriodRule = { unit: 'months' | 'days' | 'working_days'; amount: number };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar with no working day in a whole year is broken; stop instead of looping. */
const MAX_REST_RUN = 366;

/** Epoch ms of UTC midnight of year/month(0-based)/day; months and days may overflow. */
function utcMidnight(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m, d); // unlike Date.UTC, keeps years 0–99 as they are
  return t.getTime();
}

/** A real calendar date in the form YYYY-MM-DD, or null. */
export function parseIsoDate(s: string): IsoDate | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const d = Number(m[3]);
  const t = new Date(utcMidnight(y, mo, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo && t.getUTCDate() === d ? s : null;
}

/** UTC midnight of a China date, in epoch ms; throws on anything but a real date. */
function toMs(d: IsoDate): number {
  if (typeof d !== 'string' || parseIsoDate(d) === null) throw new RangeError(`not a date (YYYY-MM-DD): ${String(d)}`);
  return utcMidnight(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function fromMs(ms: number): IsoDate {
  const t = new Date(ms);
  const y = t.getUTCFullYear();
  if (!(y >= 0 && y <= 9999)) throw new RangeError(`date out of range: ${ms}`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

function requireInteger(n: number, what: string, min = -Infinity): void {
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${what} must be an integer${min === 0 ? ' ≥ 0' : ''}: ${n}`);
}

/**
 * A calendar from its days. One kind per date: if a date is listed twice,
 * the later entry wins (a tenant's local day overrides the national one).
 */
export function calendarFrom(days: readonly { date: IsoDate; kind: 'holiday' | 'workday' }[]): WorkCalendar {
  const holidays = new Set<IsoDate>();
  const makeupWorkdays = new Set<IsoDate>();
  for (const d of days) {
    toMs(d.date);
    if (d.kind === 'holiday') {
      holidays.add(d.date);
      makeupWorkdays.delete(d.date);
    } else {
      makeupWorkdays.add(d.date);
      holidays.delete(d.date);
    }
  }
  return { holidays, makeupWorkdays };
}

/** Monday–Friday unless a holiday; Saturday or Sunday only when a make-up working day. */
export function isWorkingDay(cal: WorkCalendar, d: IsoDate): boolean {
  const weekday = new Date(toMs(d)).getUTCDay();
  if (cal.makeupWorkdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  return weekday !== 0 && weekday !== 6;
}

/** The date `n` calendar days after `d` (before it when negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  requireInteger(n, 'days');
  return fromMs(toMs(d) + n * DAY_MS);
}

/**
 * The same-numbered day `months` later, or that month's last day when it
 * has no such day (2026-01-31 + 1 month → 2026-02-28).
 */
export function addMonths(start: IsoDate, months: number): IsoDate {
  requireInteger(months, 'months');
  const t = new Date(toMs(start));
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + months;
  const lastDay = new Date(utcMidnight(y, m + 1, 0)).getUTCDate();
  return fromMs(utcMidnight(y, m, Math.min(t.getUTCDate(), lastDay)));
}

/** `d` itself when a working day, else the first working day after it. */
export function nextWorkingDayOnOrAfter(cal: WorkCalendar, d: IsoDate): IsoDate {
  let day = d;
  for (let i = 0; i <= MAX_REST_RUN; i++) {
    if (isWorkingDay(cal, day)) return day;
    day = addDays(day, 1);
  }
  throw new RangeError(`no working day within a year after ${d}`);
}

/** The Nth working day after `start` (the start day itself is never counted; n = 0 gives `start`). */
export function nthWorkingDayAfter(cal: WorkCalendar, start: IsoDate, n: number): IsoDate {
  requireInteger(n, 'working days', 0);
  let day = start;
  toMs(day);
  for (let counted = 0, rest = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) {
      counted++;
      rest = 0;
    } else if (++rest > MAX_REST_RUN) {
      throw new RangeError(`no working day within a year after ${start}`);
    }
  }
  return day;
}

/**
 * Civil Code Art. 201–203: the starting day is not counted; months end on
 * the same-numbered day (or month end); a last day that is a rest day moves
 * to the next working day; N working days = the Nth working day after the
 * start.
 */
export function dueDateFor(cal: WorkCalendar, start: IsoDate, rule: PeriodRule): IsoDate {
  requireInteger(rule.amount, 'period amount', 0);
  toMs(start);
  switch (rule.unit) {
    case 'working_days':
      return nthWorkingDayAfter(cal, start, rule.amount);
    case 'days':
      return nextWorkingDayOnOrAfter(cal, addDays(start, rule.amount));
    case 'months':
      return nextWorkingDayOnOrAfter(cal, addMonths(start, rule.amount));
    default:
      throw new RangeError(`unknown period unit: ${String((rule as { unit: unknown }).unit)}`);
  }
}

/** Epoch-ms bounds [start, end) of the China dates `from` … `to` (both included). */
export function chinaDaysBounds(from: IsoDate, to: IsoDate): { start: number; end: number } {
  return { start: endOfChinaDay(from) - DAY_MS, end: endOfChinaDay(to) };
}

/** Epoch-ms bounds [start, end) of a China calendar year. */
export function chinaYearBounds(year: number): { start: number; end: number } {
  return chinaDaysBounds(`${year}-01-01`, `${year}-12-31`);
}

/** Epoch ms of 24:00 China time of `d` (the next day's start; the day runs up to but excluding it). */
export function endOfChinaDay(d: IsoDate): number {
  return toMs(d) + DAY_MS - CHINA_OFFSET_MS;
}

/** True once 24:00 China time of the due day has passed: the whole due day is still on time. */
export function isOverdue(due: IsoDate, nowMs: number): boolean {
  return nowMs >= endOfChinaDay(due);
}

/** Whole China days from today to `due`: 0 on the due day, negative once overdue. */
export function daysLeft(due: IsoDate, nowMs: number): number {
  return Math.round((toMs(due) - toMs(chinaDateOf(nowMs))) / DAY_MS);
}

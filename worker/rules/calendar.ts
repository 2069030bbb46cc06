/**
 * The working-day calendar and the counting of periods (DOMAIN.md,
 * "Deadlines" and "Counting periods", after 民法典 Art. 201–203). Pure
 * functions on China dates ('YYYY-MM-DD'); the arithmetic runs in UTC so the
 * server's time zone never matters.
 */

/** A date in China (UTC+8), 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A tenant's public holidays (rest days) and 调休 make-up working days. */
export interface WorkCalendar {
  holidays: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
}

export type PeriodRule = { unit: 'months' | 'days' | 'working_days'; amount: number };

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in the form YYYY-MM-DD, or null. */
export function parseIsoDate(s: string): IsoDate | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? s : null;
}

function toUtc(d: IsoDate): Date {
  if (parseIsoDate(d) === null) throw new RangeError(`not a date: ${d}`);
  return new Date(`${d}T00:00:00Z`);
}

function fromUtc(t: Date): IsoDate {
  return t.toISOString().slice(0, 10);
}

export function calendarFrom(days: { date: IsoDate; kind: 'holiday' | 'workday' }[]): WorkCalendar {
  const holidays = new Set<IsoDate>();
  const makeupWorkdays = new Set<IsoDate>();
  for (const d of days) (d.kind === 'holiday' ? holidays : makeupWorkdays).add(d.date);
  return { holidays, makeupWorkdays };
}

/** Monday–Friday unless a holiday; Saturday or Sunday only when a make-up working day. */
export function isWorkingDay(cal: WorkCalendar, d: IsoDate): boolean {
  if (cal.makeupWorkdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  const weekday = toUtc(d).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromUtc(new Date(toUtc(d).getTime() + n * DAY_MS));
}

/**
 * The same-numbered day `months` later, or that month's last day when it
 * has no such day (2026-01-31 + 1 month → 2026-02-28).
 */
export function addMonths(start: IsoDate, months: number): IsoDate {
  const t = toUtc(start);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m, Math.min(t.getUTCDate(), lastDay))));
}

export function nextWorkingDayOnOrAfter(cal: WorkCalendar, d: IsoDate): IsoDate {
  let day = d;
  for (let i = 0; i < 366 && !isWorkingDay(cal, day); i++) day = addDays(day, 1);
  return day;
}

/** The Nth working day after `start` (the start day itself is never counted). */
export function nthWorkingDayAfter(cal: WorkCalendar, start: IsoDate, n: number): IsoDate {
  let day = start;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) counted++;
  }
  return day;
}

/**
 * The last day of a period that starts with an event on `start`: the start
 * day is not counted; a period in months ends on the same-numbered day (or
 * the month's end); a last day that is a rest day moves to the next working
 * day; N working days end on the Nth working day after the start.
 */
export function dueDateFor(cal: WorkCalendar, start: IsoDate, rule: PeriodRule): IsoDate {
  if (!Number.isInteger(rule.amount) || rule.amount < 0) throw new RangeError(`bad period: ${rule.amount}`);
  toUtc(start);
  switch (rule.unit) {
    case 'working_days':
      return nthWorkingDayAfter(cal, start, rule.amount);
    case 'days':
      return nextWorkingDayOnOrAfter(cal, addDays(start, rule.amount));
    case 'months':
      return nextWorkingDayOnOrAfter(cal, addMonths(start, rule.amount));
  }
}

/** The China date of a moment. */
export function chinaDateOf(ms: number): IsoDate {
  return fromUtc(new Date(ms + CHINA_OFFSET_MS));
}

/** The moment a China date ends: 24:00 China time (the next day's start), in epoch ms. */
export function endOfChinaDay(d: IsoDate): number {
  return toUtc(d).getTime() + DAY_MS - CHINA_OFFSET_MS;
}

/** A due date is met until 24:00 China time of that day. */
export function isOverdue(due: IsoDate, nowMs: number): boolean {
  return nowMs >= endOfChinaDay(due);
}

/** Whole China days from today to `due`: 0 on the due day, negative once overdue. */
export function daysLeft(due: IsoDate, nowMs: number): number {
  return Math.round((toUtc(due).getTime() - toUtc(chinaDateOf(nowMs)).getTime()) / DAY_MS);
}

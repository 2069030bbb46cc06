/**
 * The deadline calendar as the rulebook states it (DOMAIN.md "Deadlines" and
 * "Counting periods", 民法典 Art. 201–203). The 2026 cases use the real
 * national calendar generated from chinese-days.
 */
import { describe, expect, it } from 'vitest';
import { NATIONAL_CALENDAR } from '../../db/seed/national-calendar';
import {
  addDays,
  addMonths,
  calendarFrom,
  chinaDateOf,
  daysLeft,
  dueDateFor,
  endOfChinaDay,
  isOverdue,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  nthWorkingDayAfter,
  parseIsoDate,
  type WorkCalendar,
} from '../../worker/rules/calendar';

/** A test body: each call throws a RangeError. */
const throwsRangeError =
  (...calls: (() => unknown)[]) =>
  () => {
    for (const call of calls) expect(call).toThrow(RangeError);
  };

/** The shared case of the date arithmetic: a date that does not exist, or a count that is not whole, throws. */
function itRefusesBadDateOrFraction(add: (date: string, n: number) => string, badDate: [string, number], fraction: [string, number]) {
  it(
    'refuses a bad date or a fractional count',
    throwsRangeError(
      () => add(...badDate),
      () => add(...fraction),
    ),
  );
}

const national = calendarFrom(NATIONAL_CALENDAR);
const weekendsOnly = calendarFrom([]);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('the national calendar data (chinese-days 1.5.7, 2020–2026)', () => {
  it('2026 make-up working days are those of the State Council notice: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10', () => {
    const makeup = NATIONAL_CALENDAR.filter((d) => d.kind === 'workday' && d.date.startsWith('2026-')).map((d) => d.date);
    expect(makeup).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('2026 holidays: 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆节 7 days', () => {
    const byName = new Map<string, string[]>();
    for (const d of NATIONAL_CALENDAR) {
      if (d.kind !== 'holiday' || !d.date.startsWith('2026-')) continue;
      byName.set(d.name, [...(byName.get(d.name) ?? []), d.date.slice(5)]);
    }
    expect(Object.fromEntries(byName)).toEqual({
      元旦: ['01-01', '01-02', '01-03'],
      春节: ['02-15', '02-16', '02-17', '02-18', '02-19', '02-20', '02-21', '02-22', '02-23'],
      清明: ['04-04', '04-05', '04-06'],
      劳动节: ['05-01', '05-02', '05-03', '05-04', '05-05'],
      端午: ['06-19', '06-20', '06-21'],
      中秋: ['09-25', '09-26', '09-27'],
      国庆节: ['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07'],
    });
  });

  it('is sorted by date, one entry per real date, 2020–2026, each with a Chinese festival name', () => {
    const dates = NATIONAL_CALENDAR.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.every((d) => parseIsoDate(d) === d)).toBe(true);
    expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(new Set(['2020', '2021', '2022', '2023', '2024', '2025', '2026']));
    expect(NATIONAL_CALENDAR.every((d) => /^[\u4e00-\u9fff]+$/.test(d.name))).toBe(true);
  });

  it('every make-up working day falls on a Saturday or Sunday', () => {
    const makeup = NATIONAL_CALENDAR.filter((d) => d.kind === 'workday');
    expect(makeup.length).toBeGreaterThan(40);
    expect(makeup.filter((d) => weekday(d.date) !== 0 && weekday(d.date) !== 6)).toEqual([]);
  });
});

describe('isWorkingDay and calendarFrom', () => {
  it('make-up Saturday 2026-02-28 is a working day; plain Saturday 2026-03-07 is not', () => {
    expect(isWorkingDay(national, '2026-02-28')).toBe(true);
    expect(isWorkingDay(national, '2026-03-07')).toBe(false);
  });
  it('Wednesday 2026-02-18 in the Spring Festival and Monday 2026-10-05 in National Day are rest days', () => {
    expect(isWorkingDay(national, '2026-02-18')).toBe(false);
    expect(isWorkingDay(national, '2026-10-05')).toBe(false);
  });
  it('an ordinary Tuesday 2026-11-24 is a working day', () => {
    expect(isWorkingDay(national, '2026-11-24')).toBe(true);
  });
  it('a tenant day listed after the national one for the same date wins (local holiday on a make-up Saturday)', () => {
    const local = calendarFrom([...NATIONAL_CALENDAR, { date: '2026-02-28', kind: 'holiday' }]);
    expect(isWorkingDay(local, '2026-02-28')).toBe(false);
    expect(local.makeupWorkdays.has('2026-02-28')).toBe(false);
  });
  it('refuses a day that is not a real date', () => {
    expect(() => calendarFrom([{ date: '2026-02-30', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => isWorkingDay(national, '2026-2-3')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses month and year ends and the leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });
  itRefusesBadDateOrFraction(addDays, ['2026-02-30', 1], ['2026-11-23', 0.5]);
});

describe('addMonths (same-numbered day, or the month end)', () => {
  it('from the 29th, 30th and 31st into February 2027 (not a leap year) → 2027-02-28', () => {
    expect(addMonths('2027-01-29', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-30', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
  it('from the 29th, 30th and 31st into February 2028 (a leap year) → 2028-02-29; from the 28th → the 28th', () => {
    expect(addMonths('2028-01-29', 1)).toBe('2028-02-29');
    expect(addMonths('2028-01-30', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2028-01-28', 1)).toBe('2028-02-28');
  });
  it('12 months from the leap day 2028-02-29 → 2029-02-28; 6 months from 2026-08-31 → 2027-02-28', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
  it('month end into a 30-day month: 2026-03-31 + 1 → 2026-04-30; across the year: 2026-11-15 + 3 → 2027-02-15', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
  itRefusesBadDateOrFraction(addMonths, ['2026-13-01', 1], ['2026-01-31', 1.5]);
});

describe('nextWorkingDayOnOrAfter', () => {
  it('a working day stays; plain Saturday 2026-11-21 rolls to Monday 2026-11-23', () => {
    expect(nextWorkingDayOnOrAfter(national, '2026-11-24')).toBe('2026-11-24');
    expect(nextWorkingDayOnOrAfter(national, '2026-11-21')).toBe('2026-11-23');
  });
  it('2026-10-01 (National Day) rolls to Thursday 2026-10-08, the first working day after the holiday', () => {
    expect(nextWorkingDayOnOrAfter(national, '2026-10-01')).toBe('2026-10-08');
  });
  it('a calendar with no working day at all is refused instead of looping', () => {
    const days: { date: string; kind: 'holiday' }[] = [];
    for (let d = '2026-01-01'; d < '2028-01-01'; d = addDays(d, 1)) days.push({ date: d, kind: 'holiday' });
    const broken = calendarFrom(days);
    expect(() => nextWorkingDayOnOrAfter(broken, '2026-06-01')).toThrow(RangeError);
    expect(() => nthWorkingDayAfter(broken, '2026-06-01', 1)).toThrow(RangeError);
  });
});

describe('nthWorkingDayAfter (the start day is never counted)', () => {
  it('7 working days from Friday 2026-05-08 count the make-up Saturday 05-09 and end Monday 2026-05-18', () => {
    expect(nthWorkingDayAfter(national, '2026-05-08', 7)).toBe('2026-05-18');
    expect(nthWorkingDayAfter(weekendsOnly, '2026-05-08', 7)).toBe('2026-05-19');
  });
  it('7 working days from Friday 2026-02-13 count both Spring Festival make-up Saturdays and end 2026-03-02', () => {
    expect(nthWorkingDayAfter(national, '2026-02-13', 7)).toBe('2026-03-02');
  });
  it('a 7-working-day return window from Thursday 2026-09-24 skips 中秋 and 国庆节 and ends 2026-10-12', () => {
    expect(nthWorkingDayAfter(national, '2026-09-24', 7)).toBe('2026-10-12');
  });
  it('1 working day from Monday 2026-11-23 is Tuesday; from Saturday 2026-11-21 it is Monday', () => {
    expect(nthWorkingDayAfter(national, '2026-11-23', 1)).toBe('2026-11-24');
    expect(nthWorkingDayAfter(national, '2026-11-21', 1)).toBe('2026-11-23');
  });
  it('0 working days is the start day; a negative, fractional or infinite count is refused', () => {
    expect(nthWorkingDayAfter(national, '2026-11-21', 0)).toBe('2026-11-21');
    expect(() => nthWorkingDayAfter(national, '2026-11-23', -1)).toThrow(RangeError);
    expect(() => nthWorkingDayAfter(national, '2026-11-23', 1.5)).toThrow(RangeError);
    expect(() => nthWorkingDayAfter(national, '2026-11-23', Infinity)).toThrow(RangeError);
  });
});

describe('dueDateFor, periods in months', () => {
  const months = (amount: number) => ({ unit: 'months', amount }) as const;
  it('assigned 2026-01-31 + 1 month → 2026-02-28, a make-up working Saturday, so it stands', () => {
    expect(dueDateFor(national, '2026-01-31', months(1))).toBe('2026-02-28');
  });
  it('the same without the make-up day: 2026-02-28 is a plain Saturday and rolls to Monday 2026-03-02', () => {
    expect(dueDateFor(weekendsOnly, '2026-01-31', months(1))).toBe('2026-03-02');
  });
  it('3 months from 2026-07-15 end on Thursday 2026-10-15, a working day after National Day, so it stands', () => {
    expect(dueDateFor(national, '2026-07-15', months(3))).toBe('2026-10-15');
  });
  it('3 months from 2026-07-01 end on 2026-10-01 in the National Day holiday and roll to 2026-10-08', () => {
    expect(dueDateFor(national, '2026-07-01', months(3))).toBe('2026-10-08');
    expect(dueDateFor(national, '2026-07-04', months(3))).toBe('2026-10-08');
  });
  it('3 months from 2025-11-17 end on 2026-02-17 (春节) and roll past the Spring Festival to Tuesday 2026-02-24', () => {
    expect(dueDateFor(national, '2025-11-17', months(3))).toBe('2026-02-24');
    expect(dueDateFor(national, '2026-01-15', months(1))).toBe('2026-02-24');
  });
  it('1 month from 2027-01-29/30/31 ends 2027-02-28, a Sunday, so 2027-03-01', () => {
    for (const start of ['2027-01-29', '2027-01-30', '2027-01-31']) {
      expect(dueDateFor(weekendsOnly, start, months(1))).toBe('2027-03-01');
    }
  });
  it('1 month from 2028-01-29/30/31 ends on the leap day 2028-02-29, a Tuesday, so it stands', () => {
    for (const start of ['2028-01-29', '2028-01-30', '2028-01-31']) {
      expect(dueDateFor(weekendsOnly, start, months(1))).toBe('2028-02-29');
    }
  });
  it('an ordinary 3-month reply period: 2026-03-10 → Wednesday 2026-06-10', () => {
    expect(dueDateFor(national, '2026-03-10', months(3))).toBe('2026-06-10');
  });
});

describe('dueDateFor, periods in days', () => {
  it.each([
    ['10 days from 2026-11-04 end on Saturday 2026-11-14 and roll to Monday 2026-11-16 (a plain weekend roll)', '2026-11-04', 10, '2026-11-16'],
    ['10 days from 2026-09-22 end on 2026-10-02 in National Day and roll to 2026-10-08', '2026-09-22', 10, '2026-10-08'],
    ['10 days from 2026-09-30 end on make-up Saturday 2026-10-10, which stands', '2026-09-30', 10, '2026-10-10'],
  ])('%s', (_situation, start, amount, due) => {
    expect(dueDateFor(national, start, { unit: 'days', amount })).toBe(due);
  });
});

describe('dueDateFor, periods in working days', () => {
  it.each([
    ['7 working days from Friday 2026-05-08 → 2026-05-18, the same as nthWorkingDayAfter', '2026-05-08', 7, '2026-05-18'],
    [
      '20 working days from 2026-09-15 (the disclosure window) skip 中秋 and 国庆节 and count 09-20 and 10-10: 2026-10-19',
      '2026-09-15',
      20,
      '2026-10-19',
    ],
  ])('%s', (_situation, start, amount, due) => {
    expect(dueDateFor(national, start, { unit: 'working_days', amount })).toBe(due);
  });
});

describe('dueDateFor, bad input', () => {
  it('refuses a negative, fractional or NaN amount, an unknown unit and a start that is not a real date', () => {
    expect(() => dueDateFor(national, '2026-11-04', { unit: 'days', amount: -1 })).toThrow(RangeError);
    expect(() => dueDateFor(national, '2026-11-04', { unit: 'months', amount: 1.5 })).toThrow(RangeError);
    expect(() => dueDateFor(national, '2026-11-04', { unit: 'working_days', amount: Number.NaN })).toThrow(RangeError);
    expect(() => dueDateFor(national, '2026-11-04', { unit: 'weeks', amount: 1 } as never)).toThrow(RangeError);
    expect(() => dueDateFor(national, '2026-02-30', { unit: 'days', amount: 1 })).toThrow(RangeError);
    expect(() => dueDateFor(national, '2026-2-3', { unit: 'days', amount: 1 })).toThrow(RangeError);
  });
});

describe('chinaDateOf and endOfChinaDay (UTC+8)', () => {
  it('23:59 China time (15:59Z) is still 2026-11-23; 00:00 China time (16:00Z) is 2026-11-24', () => {
    expect(chinaDateOf(Date.parse('2026-11-23T23:59:59.999+08:00'))).toBe('2026-11-23');
    expect(chinaDateOf(Date.parse('2026-11-23T15:59:00Z'))).toBe('2026-11-23');
    expect(chinaDateOf(Date.parse('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
  it('New Year starts in China at 16:00Z on 31 December', () => {
    expect(chinaDateOf(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaDateOf(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
  it('2026-11-23 ends at 24:00 China time = 2026-11-23T16:00Z', () => {
    expect(endOfChinaDay('2026-11-23')).toBe(Date.parse('2026-11-24T00:00:00+08:00'));
    expect(endOfChinaDay('2026-11-23')).toBe(Date.parse('2026-11-23T16:00:00Z'));
  });
  it('refuses a moment that is not a number', () => {
    expect(() => chinaDateOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('isOverdue (the due day lasts until 24:00 China time)', () => {
  it('not overdue on the due day up to 23:59:59.999 China time; overdue from 24:00', () => {
    expect(isOverdue('2026-11-23', Date.parse('2026-11-23T00:00:00+08:00'))).toBe(false);
    expect(isOverdue('2026-11-23', Date.parse('2026-11-23T23:59:59.999+08:00'))).toBe(false);
    expect(isOverdue('2026-11-23', Date.parse('2026-11-24T00:00:00+08:00'))).toBe(true);
  });
  it('not overdue the day before; overdue days later', () => {
    expect(isOverdue('2026-11-23', Date.parse('2026-11-22T12:00:00+08:00'))).toBe(false);
    expect(isOverdue('2026-11-23', Date.parse('2026-12-01T12:00:00+08:00'))).toBe(true);
  });
});

describe('daysLeft (whole China days)', () => {
  it('0 all through the due day, from 00:00 to 23:59 China time', () => {
    expect(daysLeft('2026-11-23', Date.parse('2026-11-23T00:00:00+08:00'))).toBe(0);
    expect(daysLeft('2026-11-23', Date.parse('2026-11-23T23:59:59+08:00'))).toBe(0);
  });
  it('1 at 23:59 China time the evening before; 15 when yellow starts by default', () => {
    expect(daysLeft('2026-11-23', Date.parse('2026-11-22T23:59:59+08:00'))).toBe(1);
    expect(daysLeft('2026-12-08', Date.parse('2026-11-23T12:00:00+08:00'))).toBe(15);
  });
  it('negative once overdue: -1 at 00:00 China time the next day, -3 three days later', () => {
    expect(daysLeft('2026-11-23', Date.parse('2026-11-24T00:00:00+08:00'))).toBe(-1);
    expect(daysLeft('2026-11-20', Date.parse('2026-11-23T12:00:00+08:00'))).toBe(-3);
  });
  it('counts across a year end and a leap day', () => {
    expect(daysLeft('2028-03-01', Date.parse('2027-12-31T12:00:00+08:00'))).toBe(61);
  });
});

describe('parseIsoDate (dates typed by people)', () => {
  it('accepts real dates in YYYY-MM-DD, including the leap day 2028-02-29', () => {
    expect(parseIsoDate('2026-02-28')).toBe('2026-02-28');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });
  it('rejects 2026-02-30, 2027-02-29, month 13 and month 00', () => {
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2027-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2026-00-10')).toBeNull();
  });
  it("rejects '2026-2-3', times, spaces, empty strings and injection attempts", () => {
    expect(parseIsoDate('2026-2-3')).toBeNull();
    expect(parseIsoDate('2026-02-03T00:00')).toBeNull();
    expect(parseIsoDate(' 2026-02-03')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
    expect(parseIsoDate("2026-01-01' or 1=1")).toBeNull();
  });
});

describe('stored due dates', () => {
  it('a due date stored as a plain string stays put when the calendar is edited later; a fresh computation moves', () => {
    const rule = { unit: 'months', amount: 3 } as const;
    const stored: { replyDue: string } = { replyDue: dueDateFor(national, '2026-03-10', rule) };
    expect(stored.replyDue).toBe('2026-06-10');

    // The tenant later declares 2026-06-10 a local holiday: a new WorkCalendar.
    const edited: WorkCalendar = calendarFrom([...NATIONAL_CALENDAR, { date: '2026-06-10', kind: 'holiday' }]);

    expect(stored.replyDue).toBe('2026-06-10');
    expect(isOverdue(stored.replyDue, Date.parse('2026-06-10T20:00:00+08:00'))).toBe(false);
    expect(dueDateFor(edited, '2026-03-10', rule)).toBe('2026-06-11');
    expect(national.holidays.has('2026-06-10')).toBe(false);
  });
});

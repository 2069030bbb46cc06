/** The deadline calendar as the rulebook states it (DOMAIN.md, 民法典 Art. 201–203). */
import { describe, expect, it } from 'vitest';
import { NATIONAL_CALENDAR } from '../../db/seed/national-calendar';
import {
  addMonths,
  calendarFrom,
  chinaDateOf,
  daysLeft,
  dueDateFor,
  isOverdue,
  isWorkingDay,
  nthWorkingDayAfter,
  parseIsoDate,
} from '../../worker/rules/calendar';

const national = calendarFrom(NATIONAL_CALENDAR);
const empty = calendarFrom([]);

describe('the national calendar data', () => {
  it('has the 2026 make-up working days of the State Council notice', () => {
    const makeup = NATIONAL_CALENDAR.filter((d) => d.kind === 'workday' && d.date.startsWith('2026')).map((d) => d.date);
    expect(makeup).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
  it('marks the 2026 Spring Festival and National Day weeks as holidays', () => {
    expect(isWorkingDay(national, '2026-02-18')).toBe(false);
    expect(isWorkingDay(national, '2026-10-05')).toBe(false);
  });
});

describe('working days', () => {
  it('a make-up Saturday is a working day; a plain Saturday is not', () => {
    expect(isWorkingDay(national, '2026-02-28')).toBe(true);
    expect(isWorkingDay(national, '2026-03-07')).toBe(false);
  });
  it('7 working days from Friday 2026-02-06 count the make-up Saturday and skip the Spring Festival: 2026-02-24', () => {
    expect(nthWorkingDayAfter(national, '2026-02-06', 7)).toBe('2026-02-24');
    expect(dueDateFor(national, '2026-02-06', { unit: 'working_days', amount: 7 })).toBe('2026-02-24');
  });
  it('the starting day is never counted', () => {
    expect(nthWorkingDayAfter(empty, '2026-11-23', 1)).toBe('2026-11-24');
  });
});

describe('periods in months', () => {
  it('assigned 2026-01-31 + 1 month → 2026-02-28, a make-up working Saturday, so it stands', () => {
    expect(dueDateFor(national, '2026-01-31', { unit: 'months', amount: 1 })).toBe('2026-02-28');
  });
  it('3 months from 2026-07-01 end on 2026-10-01 in the National Day holiday, so move to 2026-10-08', () => {
    expect(dueDateFor(national, '2026-07-01', { unit: 'months', amount: 3 })).toBe('2026-10-08');
  });
  it('1 month from 2026-01-15 ends in the Spring Festival week and moves to 2026-02-24', () => {
    expect(dueDateFor(national, '2026-01-15', { unit: 'months', amount: 1 })).toBe('2026-02-24');
  });
  it('a month from the 29th–31st ends on the last day of February (28 in 2027, 29 in 2028)', () => {
    expect(addMonths('2027-01-29', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-30', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
  it('an ordinary 3-month reply period: 2026-03-10 → 2026-06-10 (a Wednesday)', () => {
    expect(dueDateFor(national, '2026-03-10', { unit: 'months', amount: 3 })).toBe('2026-06-10');
  });
});

describe('periods in days', () => {
  it('10 days ending on a Saturday move to Monday', () => {
    expect(dueDateFor(empty, '2026-11-04', { unit: 'days', amount: 10 })).toBe('2026-11-16');
  });
  it('refuses a negative or fractional amount and a bad date', () => {
    expect(() => dueDateFor(empty, '2026-11-04', { unit: 'days', amount: -1 })).toThrow();
    expect(() => dueDateFor(empty, '2026-11-04', { unit: 'days', amount: 1.5 })).toThrow();
    expect(() => dueDateFor(empty, '2026-02-30', { unit: 'days', amount: 1 })).toThrow();
  });
});

describe('China time', () => {
  it('23:59 China time is still the same day; 00:00 is the next (16:00Z boundary)', () => {
    expect(chinaDateOf(Date.parse('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(chinaDateOf(Date.parse('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
  it('a due date lasts until 24:00 China time', () => {
    expect(isOverdue('2026-11-23', Date.parse('2026-11-23T15:59:59.999Z'))).toBe(false);
    expect(isOverdue('2026-11-23', Date.parse('2026-11-23T16:00:00Z'))).toBe(true);
  });
  it('days left: 0 on the due day, negative once overdue', () => {
    const now = Date.parse('2026-11-23T04:00:00Z');
    expect(daysLeft('2026-11-23', now)).toBe(0);
    expect(daysLeft('2026-12-08', now)).toBe(15);
    expect(daysLeft('2026-11-20', now)).toBe(-3);
  });
});

describe('dates typed by people', () => {
  it('accepts real dates only, in YYYY-MM-DD', () => {
    expect(parseIsoDate('2026-02-28')).toBe('2026-02-28');
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-2-3')).toBeNull();
    expect(parseIsoDate("2026-01-01' or 1=1")).toBeNull();
  });
});

describe('stored due dates', () => {
  it('editing the calendar later does not move a due date already computed and stored', () => {
    const stored = dueDateFor(national, '2026-03-10', { unit: 'months', amount: 3 });
    const edited = calendarFrom([...NATIONAL_CALENDAR, { date: '2026-06-10', kind: 'holiday' }]);
    expect(stored).toBe('2026-06-10');
    expect(dueDateFor(edited, '2026-03-10', { unit: 'months', amount: 3 })).toBe('2026-06-11');
    expect(stored).toBe('2026-06-10');
  });
});

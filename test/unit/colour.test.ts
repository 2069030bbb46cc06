/**
 * 三色督办 as a pure rule (worker/rules/colour.ts) and the China-time
 * module it reads the date with (worker/rules/china-time.ts).
 */
import { describe, expect, it } from 'vitest';
import { chinaClock, chinaDateOf, chinaDateTime, chinaHourOf, chinaMoment, chinaYearOf, CHINA_OFFSET_MS } from '../../worker/rules/china-time';
import { alertedRelations, colourAt, colourChangeAt, qualityColour, raise, timeColour, yellowFrom, type StageClock } from '../../worker/rules/colour';

const china = (iso: string) => Date.parse(`${iso}+08:00`);
const stage = (s: Partial<StageClock> = {}): StageClock => ({ dueDate: '2031-03-10', yellowFrom: '2031-02-23', colour: 'green', ended: false, ...s });

describe('China time (UTC+8)', () => {
  it('reads date, year, hour and clock in China whatever the UTC day', () => {
    expect(CHINA_OFFSET_MS).toBe(8 * 3_600_000);
    expect(chinaDateOf(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(chinaYearOf(Date.parse('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYearOf(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(chinaHourOf(Date.parse('2026-11-23T00:00:00Z'))).toBe(8);
    expect(chinaClock(Date.parse('2026-11-23T06:05:00Z'))).toBe('14:05');
    expect(chinaDateTime(Date.parse('2026-11-23T06:05:00Z'))).toBe('2026-11-23 14:05');
    expect(chinaMoment(2026, 3, 1, 9, 0)).toBe(china('2026-03-01T09:00:00'));
    expect(() => chinaDateOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('the clock rule', () => {
  it('yellow from yellow_from at 00:00 China time, red once the due day has ended at 24:00', () => {
    expect(yellowFrom('2031-03-10', 15)).toBe('2031-02-23');
    expect(colourAt(stage(), china('2031-02-22T23:59:59.999'))).toBe('green');
    expect(colourAt(stage(), china('2031-02-23T00:00:00'))).toBe('yellow');
    expect(colourAt(stage(), china('2031-03-10T23:59:59.999'))).toBe('yellow');
    expect(colourAt(stage(), china('2031-03-11T00:00:00'))).toBe('red');
    expect(timeColour('2031-03-10', '2031-02-23', '2031-03-11')).toBe('red');
  });

  it('never lowers a colour, and leaves an ended stage as it was', () => {
    expect(colourAt(stage({ colour: 'red' }), china('2031-01-01T09:00:00'))).toBe('red');
    expect(colourAt(stage({ colour: 'yellow' }), china('2031-01-01T09:00:00'))).toBe('yellow');
    expect(colourAt(stage({ ended: true }), china('2031-04-01T09:00:00'))).toBe('green');
    expect(raise('yellow', 'green')).toBe('yellow');
  });

  it('the scan changes only what the clock raises: a green stage past due goes straight to red', () => {
    expect(colourChangeAt(stage(), china('2031-04-01T09:00:00'))).toBe('red');
    expect(colourChangeAt(stage(), china('2031-03-01T09:00:00'))).toBe('yellow');
    expect(colourChangeAt(stage({ colour: 'yellow' }), china('2031-03-01T09:00:00'))).toBeNull();
    expect(colourChangeAt(stage(), china('2031-01-01T09:00:00'))).toBeNull();
  });
});

describe('the quality rule', () => {
  it('first 不满意 → yellow, second → red', () => {
    expect([0, 1, 2, 3].map(qualityColour)).toEqual(['green', 'yellow', 'red', 'red']);
  });
});

describe('who is alerted', () => {
  it('yellow: the unit clerks, the secretary and a key item’s leader; red adds the chair and the unit’s head contact by email', () => {
    expect(alertedRelations('yellow', 'in_app')).toEqual(['unit_clerks', 'secretary', 'supervising_leader']);
    expect(alertedRelations('red', 'in_app')).toEqual(['unit_clerks', 'secretary', 'chair', 'supervising_leader']);
    expect(alertedRelations('red', 'email')).toContain('unit_head_contact');
    expect(alertedRelations('yellow', 'email')).not.toContain('unit_head_contact');
    expect(alertedRelations('yellow', 'robot')).toEqual(['group_robot']);
    expect(alertedRelations('red', 'robot')).toEqual(['group_robot']);
  });
});

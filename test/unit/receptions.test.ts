/**
 * The "321" rules (worker/rules/receptions.ts): two deputies per reception,
 * how a voter's issue may end, what "closed on time" means, and the
 * monthly ranking of stations.
 */
import { describe, expect, it } from 'vitest';
import {
  availableIssueSteps,
  checkDueDate,
  checkReceptionDeputies,
  deadlineStatus,
  isClosedOnTime,
  isEditable,
  isHeld,
  issueStep,
  monthRange,
  neighbourMonths,
  parseClock,
  parseMonth,
  rankStations,
  type StationMonth,
} from '../../worker/rules/receptions';
import { endOfChinaDay } from '../../worker/rules/calendar';

const serving = new Set([1, 2, 3]);

describe('每次接待至少两名代表 (the two-deputy rule)', () => {
  it('no deputy is refused', () => {
    expect(checkReceptionDeputies([], serving)).toEqual({ ok: false, problem: 'too_few' });
  });
  it('one deputy is refused', () => {
    expect(checkReceptionDeputies([1], serving)).toEqual({ ok: false, problem: 'too_few' });
  });
  it('the same deputy twice counts once and is refused', () => {
    expect(checkReceptionDeputies([2, 2], serving)).toEqual({ ok: false, problem: 'too_few' });
  });
  it('a deputy who is not serving in this county is refused, even with two others', () => {
    expect(checkReceptionDeputies([1, 2, 99], serving)).toEqual({ ok: false, problem: 'unknown' });
  });
  it('two distinct serving deputies are accepted', () => {
    expect(checkReceptionDeputies([2, 1, 2], serving)).toEqual({ ok: true, ids: [2, 1] });
  });
  it('more than twenty are refused', () => {
    const many = new Set(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(checkReceptionDeputies([...many], many)).toEqual({ ok: false, problem: 'too_many' });
  });
});

describe('a reception before, on and after its day', () => {
  const day = '2026-03-15';
  const before = endOfChinaDay('2026-03-14') - 1;
  const onTheDay = endOfChinaDay('2026-03-14') + 1;
  it('may be changed or cancelled only before its day begins (China time)', () => {
    expect(isEditable({ date: day, cancelledAt: null }, before)).toBe(true);
    expect(isEditable({ date: day, cancelledAt: null }, onTheDay)).toBe(false);
    expect(isEditable({ date: day, cancelledAt: 1 }, before)).toBe(false);
  });
  it('counts as held from its day on, unless cancelled', () => {
    expect(isHeld({ date: day, cancelledAt: null }, before)).toBe(false);
    expect(isHeld({ date: day, cancelledAt: null }, onTheDay)).toBe(true);
    expect(isHeld({ date: day, cancelledAt: 1 }, onTheDay)).toBe(false);
  });
  it('times are HH:MM', () => {
    expect(parseClock('09:00')).toBe('09:00');
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('9:00')).toBeNull();
  });
});

describe("a voter's issue ends one way, then the voter's feedback closes it", () => {
  const open = { outcome: 'open', closedAt: null };
  it('an open issue may be answered, turned into a suggestion or handed over — not closed by feedback yet', () => {
    expect(availableIssueSteps(open)).toEqual(['answer', 'to_suggestion', 'hand_over']);
    expect(issueStep(open, 'feedback')).toEqual({ ok: false });
    expect(issueStep(open, 'hand_over')).toEqual({ ok: true, outcome: 'handed_over', closes: false });
  });
  for (const outcome of ['answered', 'suggestion', 'handed_over'] as const) {
    it(`an issue ${outcome} takes no other outcome, only feedback, which closes it`, () => {
      const issue = { outcome, closedAt: null };
      expect(availableIssueSteps(issue)).toEqual(['feedback']);
      for (const step of ['answer', 'to_suggestion', 'hand_over'] as const) expect(issueStep(issue, step).ok).toBe(false);
      expect(issueStep(issue, 'feedback')).toEqual({ ok: true, outcome, closes: true });
    });
  }
  it('a closed issue takes no step at all', () => {
    expect(availableIssueSteps({ outcome: 'answered', closedAt: 1 })).toEqual([]);
  });
  it('a due date is a real date, not before the reception, within a year of it', () => {
    expect(checkDueDate('2026-03-20', '2026-03-15')).toBe('2026-03-20');
    expect(checkDueDate('2026-03-15', '2026-03-15')).toBe('2026-03-15');
    expect(checkDueDate('2026-03-14', '2026-03-15')).toBeNull();
    expect(checkDueDate('2027-03-16', '2026-03-15')).toBeNull();
    expect(checkDueDate('2026-02-30', '2026-01-15')).toBeNull();
  });
});

describe('按时办结 (closed on time)', () => {
  it('an issue with a due date is on time if closed before 24:00 China time of that day', () => {
    expect(isClosedOnTime({ dueDate: '2026-03-20', closedAt: endOfChinaDay('2026-03-20') - 1 })).toBe(true);
    expect(isClosedOnTime({ dueDate: '2026-03-20', closedAt: endOfChinaDay('2026-03-20') })).toBe(false);
  });
  it('an issue without a due date is on time once closed; an open one is not', () => {
    expect(isClosedOnTime({ dueDate: null, closedAt: 5 })).toBe(true);
    expect(isClosedOnTime({ dueDate: null, closedAt: null })).toBe(false);
  });
  it('限时反馈: on time, late, pending, overdue', () => {
    const due = '2026-03-20';
    const end = endOfChinaDay(due);
    expect(deadlineStatus({ dueDate: due, closedAt: end - 1 }, end + 10)).toBe('on_time');
    expect(deadlineStatus({ dueDate: due, closedAt: end + 1 }, end + 10)).toBe('late');
    expect(deadlineStatus({ dueDate: due, closedAt: null }, end - 1)).toBe('pending');
    expect(deadlineStatus({ dueDate: due, closedAt: null }, end)).toBe('overdue');
  });
});

describe('months', () => {
  it('a month is YYYY-MM and runs to the next month’s first day', () => {
    expect(parseMonth('2026-12')).toBe('2026-12');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth("2026-01' or 1=1")).toBeNull();
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', until: '2027-01-01' });
    expect(neighbourMonths('2026-01')).toEqual({ previous: '2025-12', next: '2026-02' });
  });
});

describe('the monthly ranking of stations', () => {
  const row = (stationId: number, name: string, f: [number, number, number, number]): StationMonth => ({
    stationId,
    stationName: name,
    township: null,
    receptionsHeld: f[0],
    issuesLogged: f[1],
    closedOnTime: f[2],
    suggestionsRaised: f[3],
    deputyAttendances: 0,
    deputiesAttending: 0,
  });
  const rows = [row(1, '甲站', [2, 5, 1, 0]), row(2, '乙站', [3, 1, 1, 1]), row(3, '丙站', [2, 5, 1, 0]), row(4, '丁站', [2, 6, 0, 0])];
  it('by receptions held, then issues, on time and suggestions; equal figures share a rank', () => {
    expect(rankStations(rows).map((r) => [r.stationId, r.rank])).toEqual([
      [2, 1],
      [4, 2],
      [1, 3],
      [3, 3],
    ]);
  });
  it('by another figure first', () => {
    expect(rankStations(rows, 'suggestionsRaised').map((r) => r.stationId)[0]).toBe(2);
    expect(rankStations(rows, 'issuesLogged').map((r) => [r.stationId, r.rank])).toEqual([
      [4, 1],
      [1, 2],
      [3, 2],
      [2, 4],
    ]);
  });
});

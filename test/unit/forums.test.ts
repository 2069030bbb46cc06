import { describe, expect, it } from 'vitest';
import { isTopicOpen, monthEnd, parseTopicForm, participationByTownship, type StationParticipation } from '../../worker/rules/forums';

describe('when a topic takes suggestions', () => {
  const topic = { month: '2026-11', closesOn: '2026-12-05' };
  it('from the first day of its month to its closing date, both included', () => {
    expect(isTopicOpen(topic, '2026-10-31')).toBe(false);
    expect(isTopicOpen(topic, '2026-11-01')).toBe(true);
    expect(isTopicOpen(topic, '2026-12-05')).toBe(true);
    expect(isTopicOpen(topic, '2026-12-06')).toBe(false);
  });
});

describe('the topic form', () => {
  const ok = { month: '2026-11', title: '农村黑臭水体治理', description: '围绕坑塘整治提建议', closes_on: '2026-11-30' };
  it('a month, a title, a description and a closing date within or after the month', () => {
    expect(parseTopicForm(ok)).toEqual({
      ok: true,
      value: { month: '2026-11', title: '农村黑臭水体治理', description: '围绕坑塘整治提建议', closesOn: '2026-11-30' },
    });
  });
  it('a closing date before the month is refused', () => {
    const r = parseTopicForm({ ...ok, closes_on: '2026-10-31' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.closes_on).toBe('closes_before_month');
  });
  it('a month that is not one, an empty title and description are each named', () => {
    const r = parseTopicForm({ month: '2026-13', title: '', description: ' ', closes_on: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['closes_on', 'description', 'month', 'title']);
  });
  it('the default closing date is the last day of the month', () => {
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });
});

describe('参与情况通报 by township', () => {
  const row = (
    stationId: number | null,
    stationName: string | null,
    township: string | null,
    deputies: number,
    participating: number,
    suggestions: number,
  ): StationParticipation => ({
    stationId,
    stationName,
    township,
    deputies,
    participating,
    suggestions,
  });
  it('stations under their township with rates, township subtotals and the county total', () => {
    const { townships, total } = participationByTownship([
      row(null, null, null, 2, 1, 1),
      row(1, '城关镇东站', '城关镇', 4, 3, 5),
      row(2, '毛庄镇站', '毛庄镇', 5, 0, 0),
      row(3, '城关镇西站', '城关镇', 2, 1, 1),
    ]);
    expect(townships.map((t) => [t.township, t.deputies, t.participating, t.suggestions, t.rate])).toEqual([
      ['城关镇', 6, 4, 6, 4 / 6],
      ['毛庄镇', 5, 0, 0, 0],
      [null, 2, 1, 1, 0.5],
    ]);
    expect(townships[0]!.stations.map((s) => [s.stationName, s.rate])).toEqual([
      ['城关镇东站', 0.75],
      ['城关镇西站', 0.5],
    ]);
    expect(total).toEqual({ deputies: 13, participating: 5, suggestions: 7, rate: 5 / 13 });
  });
});

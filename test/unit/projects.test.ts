import { describe, expect, it } from 'vitest';
import {
  ballotOutcome,
  ballotPhase,
  ballotSizeProblem,
  budgetYuanFromWan,
  canSeeProject,
  choiceProblem,
  expectedPercent,
  parseChinaDateTime,
  planStart,
  progressColour,
  progressProblem,
  satisfactionOpen,
  tieResolutionProblem,
  turnoutPercent,
  wanFromYuan,
} from '../../worker/rules/projects';

/** Epoch ms of a China wall-clock time. */
const at = (s: string) => parseChinaDateTime(s)!;

describe('差额票决: more candidates than places', () => {
  it('20 candidates for 10 places is a valid ballot', () => {
    expect(ballotSizeProblem(20, 10)).toBeNull();
  });
  it('as many candidates as places is refused (等额), and fewer too', () => {
    expect(ballotSizeProblem(10, 10)).toBe('too_few_candidates');
    expect(ballotSizeProblem(3, 10)).toBe('too_few_candidates');
  });
  it('places must be a whole number of at least one', () => {
    expect(ballotSizeProblem(5, 0)).toBe('places');
    expect(ballotSizeProblem(5, NaN)).toBe('places');
    expect(ballotSizeProblem(5, 1.5)).toBe('places');
  });
});

describe('a valid vote', () => {
  const candidates = new Set([1, 2, 3, 4]);
  it('one to N candidates', () => {
    expect(choiceProblem([1], candidates, 2)).toBeNull();
    expect(choiceProblem([1, 3], candidates, 2)).toBeNull();
  });
  it('none is refused', () => expect(choiceProblem([], candidates, 2)).toBe('none'));
  it('more than N is refused', () => expect(choiceProblem([1, 2, 3], candidates, 2)).toBe('too_many'));
  it('a project not on the ballot, or one project twice, is refused', () => {
    expect(choiceProblem([9], candidates, 2)).toBe('not_candidate');
    expect(choiceProblem([1, 1], candidates, 2)).toBe('not_candidate');
  });
});

describe('when a ballot takes votes (server time)', () => {
  const b = { status: 'open', opensAt: at('2026-03-01 09:00'), closesAt: at('2026-03-01 17:00') };
  it('before it opens: not open', () => expect(ballotPhase(b, at('2026-03-01 08:59'))).toBe('not_open'));
  it('from its opening minute up to its closing minute: voting', () => {
    expect(ballotPhase(b, at('2026-03-01 09:00'))).toBe('voting');
    expect(ballotPhase(b, at('2026-03-01 16:59'))).toBe('voting');
  });
  it('from its closing time: ended, until counted; then closed', () => {
    expect(ballotPhase(b, at('2026-03-01 17:00'))).toBe('ended');
    expect(ballotPhase({ ...b, status: 'closed' }, at('2026-03-01 10:00'))).toBe('closed');
  });
});

describe('results: top N by votes, 并列 at the last place', () => {
  const tally = (votes: number[]) => votes.map((v, i) => ({ projectId: i + 1, votes: v }));
  it('clear results: the N most voted are chosen, the rest not', () => {
    expect(ballotOutcome(tally([5, 9, 1, 7]), 2)).toEqual({ chosen: [2, 4], notChosen: [1, 3], tied: [], openPlaces: 0 });
  });
  it('a tie inside the places changes nothing', () => {
    expect(ballotOutcome(tally([9, 9, 1, 2]), 2)).toEqual({ chosen: [1, 2], notChosen: [4, 3], tied: [], openPlaces: 0 });
  });
  it('a tie across the last place is left to staff with the places left', () => {
    expect(ballotOutcome(tally([9, 5, 5, 5, 1]), 2)).toEqual({ chosen: [1], notChosen: [5], tied: [2, 3, 4], openPlaces: 1 });
  });
  it('staff pick exactly the places left, only among the tied', () => {
    expect(tieResolutionProblem([3], [2, 3, 4], 1)).toBeNull();
    expect(tieResolutionProblem([2, 3], [2, 3, 4], 1)).toBe('count');
    expect(tieResolutionProblem([], [2, 3, 4], 1)).toBe('count');
    expect(tieResolutionProblem([1], [2, 3, 4], 1)).toBe('not_tied');
  });
  it('turnout: voters ÷ eligible, one decimal', () => {
    expect(turnoutPercent(2, 3)).toBe(66.7);
    expect(turnoutPercent(0, 0)).toBeNull();
  });
});

describe('progress colour of a chosen project (behind plan)', () => {
  const start = at('2026-01-01 00:00');
  const finish = '2026-12-31';
  const mid = at('2026-07-02 12:00'); // half-way through the plan
  const colour = (percent: number, now = mid, plannedFinish: string | null = finish) =>
    progressColour({ percent, startMs: start, plannedFinish, now });
  it('expected percent runs linearly from the plan start to the end of the finish day', () => {
    expect(expectedPercent(start, finish, start)).toBe(0);
    expect(Math.round(expectedPercent(start, finish, mid))).toBe(50);
    expect(expectedPercent(start, finish, at('2027-01-01 00:00'))).toBe(100);
  });
  it('on plan or ahead, or at most 10 points behind: green', () => {
    expect(colour(60)).toBe('green');
    expect(colour(41)).toBe('green');
  });
  it('more than 10 and up to 20 points behind: yellow', () => {
    expect(colour(39)).toBe('yellow');
    expect(colour(31)).toBe('yellow');
  });
  it('more than 20 points behind: red', () => {
    expect(colour(29)).toBe('red');
    expect(colour(0)).toBe('red');
  });
  it('unfinished after the planned finish day: red, even at 95%; finished: green', () => {
    expect(colour(95, at('2027-01-01 00:01'))).toBe('red');
    expect(colour(95, at('2026-12-31 23:59'))).toBe('green');
    expect(colour(100, at('2027-06-01 00:00'))).toBe('green');
  });
  it('no planned finish yet: green', () => expect(colour(0, mid, null)).toBe('green'));
  it('the plan starts when the ballot closed, else on 1 January of the year (China time)', () => {
    expect(planStart(2026, 123)).toBe(123);
    expect(planStart(2026, null)).toBe(start);
  });
});

describe('progress reports', () => {
  it('a whole percent 0–100, never below the last report', () => {
    expect(progressProblem(30, 30)).toBeNull();
    expect(progressProblem(30, 100)).toBeNull();
    expect(progressProblem(30, 29)).toBe('decrease');
    expect(progressProblem(0, 101)).toBe('range');
    expect(progressProblem(0, -1)).toBe('range');
    expect(progressProblem(0, 12.5)).toBe('range');
  });
});

describe('year-end satisfaction', () => {
  const p = { status: 'chosen', year: 2026, percent: 40 };
  it('opens on 1 December of the project year', () => {
    expect(satisfactionOpen(p, at('2026-11-30 23:59'))).toBe(false);
    expect(satisfactionOpen(p, at('2026-12-01 00:00'))).toBe(true);
  });
  it('or as soon as the project is finished', () => expect(satisfactionOpen({ ...p, percent: 100 }, at('2026-06-01 10:00'))).toBe(true));
  it('only for chosen projects', () => expect(satisfactionOpen({ ...p, status: 'not_chosen' }, at('2026-12-15 10:00'))).toBe(false));
});

describe('budget in 万元', () => {
  it('becomes whole yuan', () => {
    expect(budgetYuanFromWan('120')).toBe(1_200_000);
    expect(budgetYuanFromWan('35.5')).toBe(355_000);
    expect(budgetYuanFromWan('0.0001')).toBe(1);
    expect(budgetYuanFromWan('')).toBeNull();
  });
  it('anything else is refused', () => {
    for (const s of ['-1', '1.23456', '1e3', 'abc', '99999999', '2000000']) expect(budgetYuanFromWan(s), s).toBe('invalid');
  });
  it('and shows back as 万元', () => {
    expect(wanFromYuan(355_000)).toBe('35.5');
    expect(wanFromYuan(1_200_000)).toBe('120');
    expect(wanFromYuan(null)).toBe('');
  });
});

describe('China date-times', () => {
  it('are read as UTC+8', () => expect(parseChinaDateTime('2026-03-01 08:00')).toBe(Date.UTC(2026, 2, 1, 0, 0)));
  it('accept the datetime-local form and refuse impossible ones', () => {
    expect(parseChinaDateTime('2026-03-01T08:00')).toBe(Date.UTC(2026, 2, 1, 0, 0));
    expect(parseChinaDateTime('2026-02-30 08:00')).toBeNull();
    expect(parseChinaDateTime('2026-03-01 24:00')).toBeNull();
  });
});

describe('who sees a project', () => {
  const project = (status: string, extra: { unitId?: number | null; proposerUserId?: number | null } = {}) => ({
    status,
    unitId: 7,
    proposerUserId: null,
    ...extra,
  });
  const deputy = { role: 'deputy' as const, userId: 5, deputyId: 1, unitId: null };
  const clerk = { role: 'unit_clerk' as const, userId: 6, deputyId: null, unitId: 7 };
  it('a deputy: what is on the ballot or decided, and their own proposals', () => {
    expect(canSeeProject(deputy, project('shortlisted'), false)).toBe(true);
    expect(canSeeProject(deputy, project('pending'), false)).toBe(false);
    expect(canSeeProject(deputy, project('candidate', { proposerUserId: 5 }), false)).toBe(true);
  });
  it("a unit's clerk: chosen projects of their unit only", () => {
    expect(canSeeProject(clerk, project('chosen'), false)).toBe(true);
    expect(canSeeProject(clerk, project('chosen', { unitId: 8 }), false)).toBe(false);
    expect(canSeeProject(clerk, project('shortlisted'), false)).toBe(false);
  });
});

/**
 * 接待日 and the "321" system (代表联络站): pure rules, no I/O.
 *
 * "321" — three lists (收集问题清单, 对策建议清单, 限时反馈清单), at least
 * two deputies at every reception, and a summary every month. Here: who may
 * receive voters, how a voter's issue ends, what "closed on time" means,
 * and how stations are ranked for a month.
 */
import { chinaDateOf, isOverdue, parseIsoDate, type IsoDate } from './calendar.ts';

/** Deputies that must receive voters at one reception (每次接待由至少两名代表参加). */
export const MIN_RECEPTION_DEPUTIES = 2;
/** Most deputies one reception lists (keeps the batch well under D1's 100 parameters). */
export const MAX_RECEPTION_DEPUTIES = 20;

export type DeputiesProblem = 'too_few' | 'unknown' | 'too_many';

/**
 * The two-deputy rule. `chosen` as the form sent them (duplicates count
 * once); `eligible` the serving deputies of this county. Returns the
 * distinct ids, or why they are refused.
 */
export function checkReceptionDeputies(
  chosen: readonly number[],
  eligible: ReadonlySet<number>,
): { ok: true; ids: number[] } | { ok: false; problem: DeputiesProblem } {
  const ids = [...new Set(chosen)];
  if (ids.length > MAX_RECEPTION_DEPUTIES) return { ok: false, problem: 'too_many' };
  if (ids.some((id) => !eligible.has(id))) return { ok: false, problem: 'unknown' };
  if (ids.length < MIN_RECEPTION_DEPUTIES) return { ok: false, problem: 'too_few' };
  return { ok: true, ids };
}

/** HH:MM, 00:00–23:59. */
export function parseClock(s: string): string | null {
  return /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(s) ? s : null;
}

/** A reception may still be changed or cancelled: not cancelled, and its day has not begun (China time). */
export function isEditable(r: { date: IsoDate; cancelledAt: number | null }, nowMs: number): boolean {
  return r.cancelledAt === null && r.date > chinaDateOf(nowMs);
}

/** A reception counts as held (已接待) once its day has come, unless it was cancelled. */
export function isHeld(r: { date: IsoDate; cancelledAt: number | null }, nowMs: number): boolean {
  return r.cancelledAt === null && r.date <= chinaDateOf(nowMs);
}

// ── A voter's issue ─────────────────────────────────────────────────────────

/** How an issue ends (voter_issues.outcome); `open` until one is chosen. */
export const ISSUE_OUTCOMES = ['open', 'answered', 'suggestion', 'handed_over'] as const;
export type IssueOutcome = (typeof ISSUE_OUTCOMES)[number];

/**
 * What may be done to an issue:
 * - answer: 当场答复 (with the answer)
 * - to_suggestion: 转为代表建议 (through the suggestion form)
 * - hand_over: 交乡镇限时办理 (with a due date)
 * - feedback: the voter's feedback is recorded and the issue closes
 */
export type IssueStep = 'answer' | 'to_suggestion' | 'hand_over' | 'feedback';

/**
 * The whole table: from which outcome each step may be taken (only while
 * the issue is not closed), and the outcome after it — `null`: unchanged,
 * the step closes the issue instead.
 */
export const ISSUE_STEPS: Record<IssueStep, { from: readonly IssueOutcome[]; to: IssueOutcome | null }> = {
  answer: { from: ['open'], to: 'answered' },
  to_suggestion: { from: ['open'], to: 'suggestion' },
  hand_over: { from: ['open'], to: 'handed_over' },
  feedback: { from: ['answered', 'suggestion', 'handed_over'], to: null },
};

export interface IssueState {
  outcome: string;
  closedAt: number | null;
}

/** Whether `step` may be taken now, and the outcome after it (feedback keeps the outcome and closes the issue). */
export function issueStep(issue: IssueState, step: IssueStep): { ok: true; outcome: IssueOutcome; closes: boolean } | { ok: false } {
  if (issue.closedAt !== null) return { ok: false };
  const rule = ISSUE_STEPS[step];
  if (!(rule.from as readonly string[]).includes(issue.outcome)) return { ok: false };
  if (rule.to === null) return { ok: true, outcome: issue.outcome as IssueOutcome, closes: true };
  return { ok: true, outcome: rule.to, closes: false };
}

/** The steps open to an issue now, for the page's forms. */
export function availableIssueSteps(issue: IssueState): IssueStep[] {
  return (Object.keys(ISSUE_STEPS) as IssueStep[]).filter((s) => issueStep(issue, s).ok);
}

/**
 * A due date for handing over: a real date, not before the day of the
 * reception, at most a year after it.
 */
export function checkDueDate(due: string, receptionDate: IsoDate): IsoDate | null {
  const d = parseIsoDate(due);
  if (!d || d < receptionDate) return null;
  const limit = `${String(Number(receptionDate.slice(0, 4)) + 1).padStart(4, '0')}${receptionDate.slice(4)}`;
  return d <= limit ? d : null;
}

/**
 * 按时办结: an issue closed (feedback recorded) by the end of its due day,
 * China time; an issue without a due date (answered on the spot, turned
 * into a suggestion) is on time once closed. The monthly SQL
 * (db/repos/receptions.ts) states the same rule.
 */
export function isClosedOnTime(issue: { dueDate: IsoDate | null; closedAt: number | null }): boolean {
  if (issue.closedAt === null) return false;
  return issue.dueDate === null || !isOverdue(issue.dueDate, issue.closedAt);
}

/** Where an issue with a time limit stands (限时反馈清单). */
export type DeadlineStatus = 'on_time' | 'late' | 'pending' | 'overdue';

export function deadlineStatus(issue: { dueDate: IsoDate; closedAt: number | null }, nowMs: number): DeadlineStatus {
  if (issue.closedAt !== null) return isOverdue(issue.dueDate, issue.closedAt) ? 'late' : 'on_time';
  return isOverdue(issue.dueDate, nowMs) ? 'overdue' : 'pending';
}

// ── Months and the ranking ──────────────────────────────────────────────────

/** YYYY-MM, or null. */
export function parseMonth(s: string | undefined): string | null {
  if (!s || !/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(s)) return null;
  const y = Number(s.slice(0, 4));
  return y >= 2000 && y <= 2100 ? s : null;
}

/** The month of a moment, China time. */
export function monthOf(nowMs: number): string {
  return chinaDateOf(nowMs).slice(0, 7);
}

/** The China dates [first, next month's first) of a month, for `date >= ? and date < ?`. */
export function monthRange(month: string): { from: IsoDate; until: IsoDate } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, until: `${next}-01` };
}

/** The month before and after, for the page's links. */
export function neighbourMonths(month: string): { previous: string; next: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { previous, next: monthRange(month).until.slice(0, 7) };
}

/** One station's figures for a month (the monthly summary and the ranking share them). */
export interface StationMonth {
  stationId: number;
  stationName: string;
  township: string | null;
  /** 接待次数: receptions held (not cancelled, day reached). */
  receptionsHeld: number;
  /** 参加代表人次: deputies at held receptions, each reception counted. */
  deputyAttendances: number;
  /** 参加代表人数: distinct deputies at held receptions. */
  deputiesAttending: number;
  /** 收集问题: issues logged at the month's receptions. */
  issuesLogged: number;
  /** 按时办结: of those, closed on time (isClosedOnTime). */
  closedOnTime: number;
  /** 转为代表建议: of those, turned into a suggestion. */
  suggestionsRaised: number;
}

export const RANKING_METRICS = ['receptionsHeld', 'issuesLogged', 'closedOnTime', 'suggestionsRaised'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

export function parseRankingMetric(s: string | undefined): RankingMetric {
  return (RANKING_METRICS as readonly string[]).includes(s ?? '') ? (s as RankingMetric) : 'receptionsHeld';
}

/**
 * The month's ranking of stations: by the chosen figure, then the others in
 * the order receptions held, issues logged, closed on time, suggestions
 * raised. Stations with the same figures share a rank (1, 2, 2, 4) and are
 * listed in the order they were set up.
 */
export function rankStations(rows: readonly StationMonth[], by: RankingMetric = 'receptionsHeld'): (StationMonth & { rank: number })[] {
  const order: RankingMetric[] = [by, ...RANKING_METRICS.filter((m) => m !== by)];
  const compare = (a: StationMonth, b: StationMonth) => {
    for (const m of order) if (a[m] !== b[m]) return b[m] - a[m];
    return 0;
  };
  const sorted = [...rows].sort((a, b) => compare(a, b) || a.stationId - b.stationId);
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || compare(sorted[i - 1]!, row) !== 0) rank = i + 1;
    return { ...row, rank };
  });
}

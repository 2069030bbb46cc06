/**
 * 民生实事项目票决制: the rules of livelihood projects voted by deputies, as
 * pure functions (no I/O) — the 差额 rule of a ballot, what a valid vote is,
 * how results are worked out (with 并列 at the last place), the progress
 * colour of a chosen project, who may vote, who may see a project.
 *
 * Decisions written down here (DOMAIN.md leaves them to us):
 * - Who may vote (票决代表): a serving (not retired) deputy of this county's
 *   own congress (level `county`) who has a deputy account that is not
 *   disabled. Deputies of other levels living in the county do not vote on
 *   the county's projects. The same deputies take the year-end satisfaction
 *   vote. Turnout = voters ÷ those eligible when the results are shown.
 * - A ballot is open from `opens_at` up to (not including) `closes_at`, by
 *   server time. It closes when staff close it, or at the first view after
 *   `closes_at`; results are worked out then.
 * - 并列: when projects tie across the last place, the ones clearly inside
 *   are chosen, the ones clearly outside are not, and the tied ones wait for
 *   staff, who pick exactly the places left among them (after the 主任会议
 *   decides, or a run-off on paper); the pick is recorded in the audit log.
 */
import { chinaDateOf, endOfChinaDay, isOverdue, type IsoDate } from './calendar';
import { chinaMoment } from './china-time';
import type { Role } from './roles';

export const PROJECT_STATUSES = ['pending', 'candidate', 'rejected', 'shortlisted', 'chosen', 'not_chosen'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROPOSER_KINDS = ['staff', 'deputy', 'public'] as const;
export type ProposerKind = (typeof PROPOSER_KINDS)[number];

/** 满意 / 基本满意 / 不满意 */
export const SATISFACTION_RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

export type ProgressColour = 'green' | 'yellow' | 'red';

/** The deputy level that votes on the county's projects. */
export const VOTING_LEVEL = 'county';

/** The public proposal form: per IP, at most `perIp` proposals per window; then locked for `lockMs`. */
export const PUBLIC_PROPOSAL_LIMIT = { perIp: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 } as const;

/** The throttle key of the public proposal form (its own prefix beside the login keys). */
export function publicProposalKey(ip: string): string {
  return `project-proposal:ip:${ip}`;
}

/**
 * Progress colour thresholds, in percentage points behind plan: more than
 * `redBehind` is red, more than `yellowBehind` is yellow. Unfinished after
 * the planned finish date is red whatever the gap.
 */
export const PROGRESS_THRESHOLDS = { redBehind: 20, yellowBehind: 10 } as const;

/** Largest budget accepted, in 万元 (a county's single project: well under 100 亿). */
export const BUDGET_MAX_WAN = 1_000_000;

// ——— 差额票决 ———

export type BallotSizeProblem = 'places' | 'too_few_candidates';

/**
 * A ballot must have at least one place and more candidates than places
 * (差额: e.g. 20 candidates for 10 places). Null when the ballot is valid.
 */
export function ballotSizeProblem(candidates: number, places: number): BallotSizeProblem | null {
  if (!Number.isSafeInteger(places) || places < 1) return 'places';
  if (candidates <= places) return 'too_few_candidates';
  return null;
}

export type ChoiceProblem = 'none' | 'too_many' | 'not_candidate';

/** A vote: at least one project, at most `places`, each a candidate of the ballot, none twice. */
export function choiceProblem(choices: readonly number[], candidates: ReadonlySet<number>, places: number): ChoiceProblem | null {
  const unique = new Set(choices);
  if (unique.size === 0) return 'none';
  if (unique.size !== choices.length) return 'not_candidate';
  for (const id of unique) if (!candidates.has(id)) return 'not_candidate';
  if (unique.size > places) return 'too_many';
  return null;
}

export type BallotPhase = 'not_open' | 'voting' | 'ended' | 'closed';

/** Where a ballot stands at `now`: before it opens, voting, past its closing time (not yet counted), or closed. */
export function ballotPhase(b: { status: string; opensAt: number | null; closesAt: number | null }, now: number): BallotPhase {
  if (b.status === 'closed') return 'closed';
  if (b.opensAt === null || b.closesAt === null || now < b.opensAt) return 'not_open';
  if (now >= b.closesAt) return 'ended';
  return 'voting';
}

export interface BallotOutcome {
  chosen: number[];
  notChosen: number[];
  /** Tied across the last place: staff pick `openPlaces` of them. */
  tied: number[];
  openPlaces: number;
}

/**
 * Top `places` by votes. Projects tied with the last place's count are
 * chosen if all of them fit; otherwise they are `tied` and the places left
 * (`openPlaces`) wait for staff.
 */
export function ballotOutcome(tallies: readonly { projectId: number; votes: number }[], places: number): BallotOutcome {
  const sorted = [...tallies].sort((a, b) => b.votes - a.votes || a.projectId - b.projectId);
  if (sorted.length <= places) return { chosen: sorted.map((t) => t.projectId), notChosen: [], tied: [], openPlaces: 0 };
  const cut = sorted[places - 1]!.votes;
  const above = sorted.filter((t) => t.votes > cut).map((t) => t.projectId);
  const atCut = sorted.filter((t) => t.votes === cut).map((t) => t.projectId);
  const below = sorted.filter((t) => t.votes < cut).map((t) => t.projectId);
  if (above.length + atCut.length <= places) return { chosen: [...above, ...atCut], notChosen: below, tied: [], openPlaces: 0 };
  return { chosen: above, notChosen: below, tied: atCut, openPlaces: places - above.length };
}

/** Staff's pick among tied projects: exactly the places left, all from the tied ones. */
export function tieResolutionProblem(picked: readonly number[], tied: readonly number[], openPlaces: number): 'count' | 'not_tied' | null {
  const unique = new Set(picked);
  if (unique.size !== picked.length || [...unique].some((id) => !tied.includes(id))) return 'not_tied';
  if (unique.size !== openPlaces) return 'count';
  return null;
}

/** 参选率: voters ÷ eligible deputies, in percent with one decimal; null when nobody is eligible. */
export function turnoutPercent(voters: number, eligible: number): number | null {
  if (eligible <= 0) return null;
  return Math.round((voters / eligible) * 1000) / 10;
}

// ——— Progress of a chosen project ———

/** A progress report: a whole percent 0–100, never below the last one. */
export function progressProblem(previous: number, next: number): 'range' | 'decrease' | null {
  if (!Number.isSafeInteger(next) || next < 0 || next > 100) return 'range';
  if (next < previous) return 'decrease';
  return null;
}

/** Where the plan says a project should be at `now`: linear from `startMs` to the end of `plannedFinish`, 0–100. */
export function expectedPercent(startMs: number, plannedFinish: IsoDate, now: number): number {
  const end = endOfChinaDay(plannedFinish);
  if (now >= end) return 100;
  if (now <= startMs || end <= startMs) return now >= end ? 100 : 0;
  return ((now - startMs) / (end - startMs)) * 100;
}

/**
 * The colour of a chosen project (like suggestions, 三色): red when behind
 * plan by more than 20 points or unfinished after its planned finish,
 * yellow when behind by more than 10, green otherwise (and when finished,
 * or when no finish date is planned yet).
 */
export function progressColour(p: { percent: number; startMs: number; plannedFinish: IsoDate | null; now: number }): ProgressColour {
  if (p.percent >= 100 || !p.plannedFinish) return 'green';
  if (isOverdue(p.plannedFinish, p.now)) return 'red';
  const behind = expectedPercent(p.startMs, p.plannedFinish, p.now) - p.percent;
  if (behind > PROGRESS_THRESHOLDS.redBehind) return 'red';
  if (behind > PROGRESS_THRESHOLDS.yellowBehind) return 'yellow';
  return 'green';
}

/** When a project's plan starts: its ballot's close, else 1 January (China time) of its year. */
export function planStart(year: number, ballotClosedAt: number | null): number {
  return ballotClosedAt ?? endOfChinaDay(`${year - 1}-12-31`);
}

// ——— Year-end satisfaction ———

/** The satisfaction vote opens on this day of the project's year (or earlier, once it is finished). */
export const SATISFACTION_OPENS = '12-01';

/** A chosen project is rated from 1 December of its year, or as soon as it reports 100%. */
export function satisfactionOpen(p: { status: string; year: number; percent: number }, now: number): boolean {
  if (p.status !== 'chosen') return false;
  return p.percent >= 100 || chinaDateOf(now) >= `${p.year}-${SATISFACTION_OPENS}`;
}

// ——— Input ———

/**
 * A budget typed in 万元 ("12", "12.5", "0.0035") as whole yuan; null when
 * left empty; 'invalid' for anything else (at most 4 decimals: 1 元).
 */
export function budgetYuanFromWan(input: string): number | null | 'invalid' {
  const s = input.trim();
  if (s === '') return null;
  const m = /^(\d{1,7})(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) return 'invalid';
  const yuan = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
  return yuan > BUDGET_MAX_WAN * 10_000 ? 'invalid' : yuan;
}

/** Whole yuan as 万元 text for a form or a table ("125000" → "12.5"). */
export function wanFromYuan(yuan: number | null): string {
  if (yuan === null) return '';
  const whole = Math.floor(yuan / 10_000);
  const frac = String(yuan % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

// ——— Who sees a project ———

export interface ProjectViewer {
  role: Role;
  userId: number;
  deputyId: number | null;
  unitId: number | null;
}

/**
 * Staff, secretary and chair see every project; a deputy sees what was put
 * to the vote and what they proposed; a unit's clerk sees the chosen
 * projects their unit carries out. Everyone else: not found.
 */
export function canSeeProject(
  v: ProjectViewer,
  p: { status: string; unitId: number | null; proposerUserId: number | null },
  seeAll: boolean,
): boolean {
  if (seeAll) return true;
  if (v.role === 'deputy') return ['shortlisted', 'chosen', 'not_chosen'].includes(p.status) || p.proposerUserId === v.userId;
  if (v.role === 'unit_clerk') return p.status === 'chosen' && v.unitId !== null && p.unitId === v.unitId;
  return false;
}

/** "2026-03-01 09:00" or "2026-03-01T09:00" (China time) as epoch ms; null if not a real moment. */
export function parseChinaDateTime(input: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(input.trim());
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const day = m[1]!;
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(day)) return null;
  const ms = chinaMoment(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), Number(m[2]), Number(m[3]));
  return chinaDateOf(ms) === day ? ms : null;
}

/**
 * What the project routes share: the year asked for and counting a ballot
 * whose time is up. The form fields and the proposal's checks are
 * worker/forms/projects.ts.
 */
import type { AppContext } from '../../context';
import { chinaDateOf } from '../../rules/calendar';
import { ballotOutcome, ballotPhase } from '../../rules/projects';
import { text } from '../../../views/text/index';

export function currentYear(now = Date.now()): number {
  return Number(chinaDateOf(now).slice(0, 4));
}

/** ?year=, within ±5 years of now; else this year. */
export function yearOf(c: AppContext): number {
  const now = currentYear();
  const y = Number(c.req.query('year'));
  return Number.isInteger(y) && Math.abs(y - now) <= 5 ? y : now;
}

/**
 * Counts a ballot whose closing time has passed (the first view after it),
 * or one staff close: works out the outcome from the tallies and closes it
 * in one batch. A vote landing in between makes the batch refuse; it is
 * read and tried again.
 */
export async function countBallot(c: AppContext, ballotId: number, actor: { userId: number | null; name: string }, now: number): Promise<boolean> {
  const repo = c.var.data.projects;
  for (let attempt = 0; attempt < 3; attempt++) {
    const view = await repo.ballot(ballotId, null);
    if (!view || view.ballot.status === 'closed') return false;
    const outcome = ballotOutcome(view.candidates, view.ballot.places);
    const total = view.candidates.reduce((n, t) => n + t.votes, 0);
    const result = await repo.close(ballotId, outcome, total, actor, now);
    if (result === 'ok') return true;
  }
  return false;
}

/** The system as the audit log names it when a ballot is counted on first view. */
export const SYSTEM_ACTOR = { userId: null, name: text.projects.systemActor };

/** Counts every open ballot of the year whose time is up. */
export async function countDueBallots(c: AppContext, year: number, now: number): Promise<void> {
  const due = await c.var.data.projects.dueBallots(year, now);
  for (const b of due) await countBallot(c, b.id, SYSTEM_ACTOR, now);
}

/** Counts this ballot if its time is up; true when it did. */
export async function countIfDue(c: AppContext, b: { id: number; status: string; opensAt: number | null; closesAt: number | null }, now: number) {
  if (ballotPhase(b, now) !== 'ended') return false;
  return countBallot(c, b.id, SYSTEM_ACTOR, now);
}

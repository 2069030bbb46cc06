/**
 * Loading one reception or issue for a page or a step: scoped to the tenant
 * by the data layer, visible only to those worker/rules/reception-visibility.ts
 * allows (staff, secretary and chair every station; a liaison clerk only
 * their own). Anything outside that is a 404, so its existence is not revealed.
 */
import type { AppContext } from '../../context';
import type { IssueRow, ReceptionDetail } from '../../../db/repos/receptions';
import { isEditable, isHeld } from '../../rules/receptions';
import { inScope, receptionStationScope } from '../../rules/reception-visibility';
import type { ReceptionStatus } from '../../../views/pages/receptions';

/** The one station a clerk works for; null: every station. A clerk with no station sees none (-1). */
export function stationScope(c: AppContext): number | null {
  return receptionStationScope(c.var.user!);
}

export { inScope };

/** A positive id from a path parameter, or null. */
export function idParam(value: string | undefined): number | null {
  return value && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : null;
}

export async function loadReception(c: AppContext, id: number | null): Promise<ReceptionDetail | null> {
  if (id === null) return null;
  const r = await c.var.data.receptions.get(id);
  return r && inScope(stationScope(c), r.stationId) ? r : null;
}

export async function loadIssue(c: AppContext, id: number | null): Promise<(IssueRow & { receptionDeputyIds: number[] }) | null> {
  if (id === null) return null;
  const issue = await c.var.data.receptions.issue(id);
  return issue && inScope(stationScope(c), issue.stationId) ? issue : null;
}

export function statusOf(r: { date: string; cancelledAt: number | null }, now: number): ReceptionStatus {
  if (r.cancelledAt !== null) return 'cancelled';
  return isHeld(r, now) ? 'held' : 'upcoming';
}

export { isEditable };

/**
 * Who sees a 接待日 and its voters' issues (the visibility rule of the area,
 * like canSeeSuggestion and canSeeProject): staff, secretary and chair every
 * station of the county; a liaison clerk only their own station (none when
 * they have no station). Outside that an object is "not found".
 */

export interface ReceptionViewer {
  role: string;
  stationId: number | null;
}

/** The one station a viewer works for; null: every station. A clerk with no station sees none (-1). */
export function receptionStationScope(viewer: ReceptionViewer): number | null {
  return viewer.role === 'liaison_clerk' ? (viewer.stationId ?? -1) : null;
}

/** Whether a station is within a scope (null: every station). */
export function inScope(scope: number | null, stationId: number): boolean {
  return scope === null || scope === stationId;
}

/** Whether the viewer sees a reception or issue of this station. */
export function canSeeReception(viewer: ReceptionViewer, r: { stationId: number }): boolean {
  return inScope(receptionStationScope(viewer), r.stationId);
}

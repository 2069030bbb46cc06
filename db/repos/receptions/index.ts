/**
 * 接待日 and voters' issues ("321") of one tenant: receptions with their
 * deputies, the issues logged at them and how each ended, the month's three
 * lists, and the stations' monthly figures (one SQL aggregation). Bound to
 * one tenant like db/tenant-data/. reads.ts holds the reads, figures.ts the
 * monthly aggregation, writes.ts the writes (each with its audit entry in
 * one batch, guarded by a precondition where the row's state matters).
 */
import type { Database } from '../../client';
import { receptionReads } from './reads';
import { receptionWrites } from './writes';

export * from './types';

export function receptionRepo(db: Database, tenantId: number) {
  return { ...receptionReads(db, tenantId), ...receptionWrites(db, tenantId) };
}

export type ReceptionRepo = ReturnType<typeof receptionRepo>;

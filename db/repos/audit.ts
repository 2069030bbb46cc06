/**
 * 操作日志 writes. `entry()` returns the insert statement so a change and
 * its record go in one batch (both or neither); `record()` writes it alone.
 * Reading and filtering the log for the viewer live here too.
 */
import { and, count, desc, eq, gte, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { auditLog } from '../schema';
import type { AuditAction } from '../../worker/rules/audit-actions';

export interface AuditActor {
  userId: number | null;
  name: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  targetType?: string;
  targetId?: string | number;
  targetLabel?: string;
  /** Stored as JSON, e.g. `{ before, after }` or `{ rows: 120 }`. */
  details?: unknown;
}

function row(tenantId: number | null, e: AuditEntry, now: number) {
  return {
    tenantId,
    actorUserId: e.actor.userId,
    actorName: e.actor.name,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId === undefined ? null : String(e.targetId),
    targetLabel: e.targetLabel ?? null,
    details: e.details === undefined ? null : JSON.stringify(e.details),
    createdAt: now,
  };
}

/** What the 操作日志 viewer filters by; all optional. */
export interface AuditFilters {
  action?: AuditAction;
  actorUserId?: number;
  /** Epoch-ms bounds [from, to) of the entries' time. */
  from?: number;
  to?: number;
  /** Keyset cursor: only entries older than this one (newest first). */
  before?: { createdAt: number; id: number };
}

export interface AuditLogRow {
  id: number;
  actorUserId: number | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: string | null;
  createdAt: number;
}

/** The audit log of one tenant. */
export function auditRepo(db: Database, tenantId: number) {
  return {
    /** The insert, for the batch that makes the change. */
    entry(e: AuditEntry, now = Date.now()) {
      return db.insert(auditLog).values(row(tenantId, e, now));
    },
    /**
     * Like `entry()`, for a row an earlier statement of the same batch
     * creates: its id is read by `targetIdQuery` (a one-value select) when
     * the batch runs.
     */
    entryForNewRow(e: Omit<AuditEntry, 'targetId'>, targetIdQuery: SQL, now = Date.now()) {
      return db.insert(auditLog).values({ ...row(tenantId, e, now), targetId: sql`cast((${targetIdQuery}) as text)` });
    },
    async record(e: AuditEntry, now = Date.now()) {
      await db.insert(auditLog).values(row(tenantId, e, now));
    },

    /**
     * One page of the log, newest first (time, then id), filtered; `limit`
     * rows at most. Each filter uses one of the (tenant, …, time) indexes.
     */
    list(f: AuditFilters, limit: number): Promise<AuditLogRow[]> {
      const conditions = [eq(auditLog.tenantId, tenantId)];
      if (f.action) conditions.push(eq(auditLog.action, f.action));
      if (f.actorUserId !== undefined) conditions.push(eq(auditLog.actorUserId, f.actorUserId));
      if (f.from !== undefined) conditions.push(gte(auditLog.createdAt, f.from));
      if (f.to !== undefined) conditions.push(lt(auditLog.createdAt, f.to));
      if (f.before) {
        conditions.push(
          or(lt(auditLog.createdAt, f.before.createdAt), and(eq(auditLog.createdAt, f.before.createdAt), lt(auditLog.id, f.before.id)))!,
        );
      }
      return db
        .select({
          id: auditLog.id,
          actorUserId: auditLog.actorUserId,
          actorName: auditLog.actorName,
          action: auditLog.action,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          targetLabel: auditLog.targetLabel,
          details: auditLog.details,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit)
        .all();
    },

    /** Everyone who appears in the log (under a name they acted as), for the viewer's person filter. */
    actors(): Promise<{ userId: number; name: string; entries: number }[]> {
      return db
        .select({
          userId: sql<number>`${auditLog.actorUserId}`.as('user_id'),
          name: sql<string>`${max(auditLog.actorName)}`.as('name'),
          entries: count(),
        })
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), sql`${auditLog.actorUserId} is not null`))
        .groupBy(auditLog.actorUserId)
        .orderBy(sql`name`)
        .all();
    },
  };
}

/**
 * The operator's entries about a tenant as a whole (created, suspended,
 * deleted…). `tenantId` null keeps an entry after the tenant is gone.
 */
export function platformAuditEntry(db: Database, tenantId: number | null, e: AuditEntry, now = Date.now()) {
  return db.insert(auditLog).values(row(tenantId, e, now));
}

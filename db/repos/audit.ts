/**
 * 操作日志 writes. `entry()` returns the insert statement so a change and
 * its record go in one batch (both or neither); `record()` writes it alone.
 * Reading and filtering the log for the viewer live here too.
 */
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

/** The audit log of one tenant. */
export function auditRepo(db: Database, tenantId: number) {
  return {
    /** The insert, for the batch that makes the change. */
    entry(e: AuditEntry, now = Date.now()) {
      return db.insert(auditLog).values(row(tenantId, e, now));
    },
    async record(e: AuditEntry, now = Date.now()) {
      await db.insert(auditLog).values(row(tenantId, e, now));
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

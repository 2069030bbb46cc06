/** 操作日志: the audit log. */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, createdAtGiven } from './columns';

/**
 * 操作日志: who changed what, when. Tenant administration (users, settings,
 * calendar, directories, imports) and the operator's actions on a tenant.
 * `tenant_id` is null for platform-level entries (a tenant created, deleted).
 * No foreign keys: an entry outlives what it describes. `details` is JSON
 * (e.g. `{ "before": …, "after": … }`); the viewer renders it, the action
 * key is named in views/text.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    tenantId: integer('tenant_id'),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    /** e.g. settings.update, calendar.import, user.create, deputy.retire */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** A readable name of the target at the time (a username, a unit's name). */
    targetLabel: text('target_label'),
    details: text('details'),
    createdAt: createdAtGiven(),
  },
  (t) => [
    index('audit_log_tenant_time').on(t.tenantId, t.createdAt),
    index('audit_log_tenant_action_time').on(t.tenantId, t.action, t.createdAt),
    index('audit_log_tenant_actor_time').on(t.tenantId, t.actorUserId, t.createdAt),
  ],
);

/** The county (tenant) itself: its hostnames, settings and working-day calendar. */
import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { id, tenantRef, createdAt } from './columns';

/** A county congress (县人大常委会). */
export const tenants = sqliteTable('tenants', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** active | suspended */
  status: text('status').notNull().default('active'),
  /** What a suspended county's users are told (set by the operator). */
  suspensionNotice: text('suspension_notice'),
  suspendedAt: integer('suspended_at'),
  /** The tenant registry: which D1 binding holds this tenant's rows (see db/client.ts). */
  dbBinding: text('db_binding').notNull().default('DB'),
  createdAt: createdAt(),
});

/** A county's own domain, e.g. rd.taikang.gov.cn, mapped to its tenant. */
export const tenantHostnames = sqliteTable('tenant_hostnames', {
  hostname: text('hostname').primaryKey(),
  tenantId: tenantRef(),
});

/** Tenant settings (DOMAIN.md defaults apply where a key is absent). */
export const settings = sqliteTable(
  'settings',
  {
    tenantId: tenantRef(),
    key: text('key').notNull(),
    /** JSON */
    value: text('value').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** A tenant's working-day calendar: public holidays and 调休 make-up working days. */
export const calendarDays = sqliteTable(
  'calendar_days',
  {
    tenantId: tenantRef(),
    /** China date, YYYY-MM-DD */
    date: text('date').notNull(),
    /** holiday | workday */
    kind: text('kind').notNull(),
    name: text('name'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date] })],
);

/**
 * Column and index builders shared by the schema's tables, so that each table
 * reads as what is special about it. Each builder returns exactly the column
 * drizzle saw before it existed (same SQL, same inferred type).
 *
 * Function declarations (not `const` arrows) on purpose: the table files import
 * these builders and these builders refer back to the tables, and hoisted
 * functions keep that cycle safe whichever file loads first.
 */
import { sql } from 'drizzle-orm';
import { integer, index, text, type IndexColumn, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { deputies, handlingUnits } from './directory';
import { suggestions } from './suggestions';
import { tenants } from './tenancy';

/** `id`, the autoincrementing primary key. */
export function id() {
  return integer('id').primaryKey({ autoIncrement: true });
}

/** `tenant_id`, not null, references tenants. */
export function tenantRef() {
  return integer('tenant_id')
    .notNull()
    .references(() => tenants.id);
}

/** The first two columns of a tenant-owned table with its own id: spread as `...tenantOwned()`. */
export function tenantOwned() {
  return { id: id(), tenantId: tenantRef() };
}

/** `suggestion_id`, not null, references suggestions. */
export function suggestionRef() {
  return integer('suggestion_id')
    .notNull()
    .references(() => suggestions.id);
}

/** A not-null reference named `name` to `column` (lazy, as drizzle wants it), e.g. `ref('alert_id', () => alerts.id)`. */
export function ref<N extends string>(name: N, column: () => SQLiteColumn) {
  return integer(name).notNull().references(column);
}

/** A not-null reference to a user, e.g. `user_id`, `rated_by_user_id`. */
export function userRef<N extends string>(name: N) {
  return ref(name, () => users.id);
}

/** `created_by_user_id`: the user who wrote the row. */
export function createdBy() {
  return userRef('created_by_user_id');
}

/** `deputy_id`, not null, references deputies. */
export function deputyRef() {
  return integer('deputy_id')
    .notNull()
    .references(() => deputies.id);
}

/** `unit_id`, not null, references handling units. */
export function unitRef() {
  return integer('unit_id')
    .notNull()
    .references(() => handlingUnits.id);
}

/**
 * Who wrote the row and when: `created_by_user_id` and `created_at` (pass
 * `createdAt()` or `createdAtGiven()`), spread as `...authored(createdAt())`.
 */
export function authored<T>(createdAtColumn: T) {
  return { createdByUserId: createdBy(), createdAt: createdAtColumn };
}

/** `created_at`, set by D1 to the insert time in milliseconds. */
export function createdAt() {
  return integer('created_at', { mode: 'number' })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);
}

/** `created_at` without a default: every insert gives the time itself. */
export function createdAtGiven() {
  return integer('created_at').notNull();
}

/** A tenant's index: `tenant_id` first, then `columns` (the shape of every per-tenant list query). */
export function tenantIndex(name: string, t: { tenantId: IndexColumn }, ...columns: IndexColumn[]) {
  return index(name).on(t.tenantId, ...columns);
}

/** The columns of an outbound delivery (email, group robot) once sent, or dead after the last retry. */
export function deliveryColumns() {
  return {
    /** email | webhook */
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    /** sent | dead */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    lastError: text('last_error'),
    updatedAt: integer('updated_at').notNull(),
  };
}

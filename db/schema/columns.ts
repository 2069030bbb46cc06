/**
 * Column builders shared by the schema's tables, so that each table reads as
 * what is special about it. Each returns the same column as the hand-written
 * one it replaced: same SQL for drizzle-kit, same inferred type.
 *
 * Function declarations (not `const` arrows) on purpose: the table files import
 * these builders and these builders refer back to the tables, and hoisted
 * functions keep that cycle safe whichever file loads first.
 */
import { sql } from 'drizzle-orm';
import { integer, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { deputies, handlingUnits } from './directory';
import { suggestions } from './suggestions';
import { tenants } from './tenancy';

/** `id`, the autoincrementing primary key. */
export function id() {
  return integer('id').primaryKey({ autoIncrement: true });
}

/** A not-null reference named `name` to `column` (lazy, as drizzle wants it), e.g. `ref('alert_id', () => alerts.id)`. */
export function ref<N extends string>(name: N, column: () => SQLiteColumn) {
  return integer(name).notNull().references(column);
}

/** `tenant_id`, not null, references tenants. */
export function tenantRef() {
  return ref('tenant_id', () => tenants.id);
}

/** The first two columns of a tenant-owned table with its own id: spread as `...tenantOwned()`. */
export function tenantOwned() {
  return { id: id(), tenantId: tenantRef() };
}

/** `suggestion_id`, not null, references suggestions. */
export function suggestionRef() {
  return ref('suggestion_id', () => suggestions.id);
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
  return ref('deputy_id', () => deputies.id);
}

/** `unit_id`, not null, references handling units. */
export function unitRef() {
  return ref('unit_id', () => handlingUnits.id);
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

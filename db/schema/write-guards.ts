/** The batch precondition table (db/guard.ts). */
import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';

/**
 * Precondition rows: a statement inserts NULL here only when a batch's
 * precondition fails, and the NOT NULL constraint then aborts the whole
 * batch (see db/guard.ts). The table stays empty.
 */
export const writeGuards = sqliteTable('write_guards', {
  ok: integer('ok').notNull(),
});

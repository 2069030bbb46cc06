/**
 * Raw statements inside one D1 batch, and preconditions built from them.
 *
 * D1 has no interactive transactions, but a batch is atomic: a statement
 * that fails rolls back all of them. `precondition(db, condition)` inserts a
 * NULL into `write_guards.ok` (NOT NULL) only when `condition` is false — so
 * a batch that starts with it writes nothing unless the condition held at
 * that moment, e.g. "this suggestion is still in state X".
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { writeGuards } from './schema';

/**
 * A raw SQL statement usable in `db.batch()`. drizzle's own `db.run(sql)`
 * cannot carry bound parameters into a D1 batch (its raw query has no
 * prepared statement), so this gives it one.
 */
export function rawStatement(db: Database, query: SQL) {
  const statement = db.run(query);
  const built = statement.getQuery();
  return Object.assign(statement, {
    _prepare: () => ({
      getQuery: () => built,
      stmt: db.$client.prepare(built.sql),
      mapResult: (result: unknown) => result,
    }),
  });
}

export function precondition(db: Database, condition: SQL) {
  return rawStatement(db, sql`insert into ${writeGuards} (ok) select null where not (${condition})`);
}

/** True when a batch was refused by one of its preconditions. */
export function isPreconditionFailure(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  return /NOT NULL constraint failed: write_guards\.ok/i.test(text);
}

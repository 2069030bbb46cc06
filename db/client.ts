/**
 * The one way to reach D1. Tenants are spread over several D1 databases
 * ("shards") by configuration: every `[[d1_databases]]` binding named `DB`,
 * `DB2`, `DB3`… in wrangler.toml holds the full schema, and the tenant
 * registry (`tenants.db_binding` in `DB`) says which binding holds each
 * tenant's rows. `DB` is also the platform's database: the registry, the
 * mapped hostnames, the operator's account and sessions, the login
 * throttle and the platform's audit log. `databaseOn` is the only place a
 * binding becomes a database; the rest name a tenant or the platform.
 */
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Database = DrizzleD1Database<typeof schema> & { $client: D1Database };

/** The platform's database, and the default shard of a tenant. */
export const PLATFORM_BINDING = 'DB';
/** The bindings that may hold tenants: DB, DB2, DB3, … */
export const SHARD_BINDING = /^DB[0-9]*$/;

export interface DatabaseBindings {
  DB: D1Database;
}

/** A binding the registry names but this Worker does not have: a configuration error, never a silent fallback. */
export class UnknownShardError extends Error {
  constructor(readonly binding: string) {
    super(`no D1 binding "${binding}" in this Worker (wrangler.toml [[d1_databases]])`);
    this.name = 'UnknownShardError';
  }
}

function isD1(value: unknown): value is D1Database {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as D1Database).prepare === 'function' &&
    typeof (value as D1Database).batch === 'function'
  );
}

/** The shard bindings present in `env`, `DB` first, then DB2, DB3, … in number order. */
export function shardBindings(env: DatabaseBindings): string[] {
  const bindings = env as unknown as Record<string, unknown>;
  return Object.keys(bindings)
    .filter((name) => SHARD_BINDING.test(name) && isD1(bindings[name]))
    .sort((a, b) => Number(a.slice(2) || 1) - Number(b.slice(2) || 1));
}

/** The database behind one shard binding; an unknown binding throws UnknownShardError. */
export function databaseOn(env: DatabaseBindings, binding: string): Database {
  const d1 = SHARD_BINDING.test(binding) ? (env as unknown as Record<string, unknown>)[binding] : undefined;
  if (!isD1(d1)) throw new UnknownShardError(binding);
  return drizzle(d1, { schema });
}

/** The database holding platform-wide tables (the tenant registry, hostnames, the operator's sessions, the throttle). */
export function platformDatabase(env: DatabaseBindings): Database {
  return databaseOn(env, PLATFORM_BINDING);
}

/** The database holding a tenant's rows: the binding its registry row names. */
export function databaseForTenant(env: DatabaseBindings, tenant: { dbBinding: string }): Database {
  return databaseOn(env, tenant.dbBinding);
}

/**
 * The one way to reach D1. Today every tenant lives on the `DB` binding;
 * spreading tenants over several databases later changes only this file.
 */
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Database = DrizzleD1Database<typeof schema> & { $client: D1Database };

export interface DatabaseBindings {
  DB: D1Database;
}

/** The database holding platform-wide tables (tenants, hostnames, sessions). */
export function platformDatabase(env: DatabaseBindings): Database {
  return drizzle(env.DB, { schema });
}

/** The database holding a tenant's rows. */
export function databaseForTenant(env: DatabaseBindings, _tenantId: number): Database {
  return drizzle(env.DB, { schema });
}

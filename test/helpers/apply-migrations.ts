import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Setup files run outside isolated storage and may run more than once;
// applyD1Migrations only applies migrations that have not been applied yet.
// Every shard binding of wrangler.toml (DB, DB2) holds the full schema.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB2!, env.TEST_MIGRATIONS);

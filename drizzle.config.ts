import { defineConfig } from 'drizzle-kit';

/** drizzle-kit only generates SQL here; wrangler applies it (never `drizzle-kit push`). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './migrations',
});

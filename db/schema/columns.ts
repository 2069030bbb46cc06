/** Column helpers shared by the schema's tables. */
import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** `created_at`, set by D1 to the insert time in milliseconds. */
export const createdAt = () =>
  integer('created_at', { mode: 'number' })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

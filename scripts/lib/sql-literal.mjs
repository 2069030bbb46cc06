/** One value written as a SQLite literal, for SQL files run through the wrangler CLI (which cannot bind). */
export const sqlLiteral = (v) =>
  v === null || v === undefined
    ? 'NULL'
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : typeof v === 'boolean'
        ? v
          ? '1'
          : '0'
        : `'${String(v).replace(/'/g, "''")}'`;

// The exact SQL the app's data layer (db/tenant-data.ts) sends to D1 for a
// call, without a database: db/tenant-data.ts is bundled with esbuild (a
// dependency of wrangler) and run against a fake D1 binding that records
// every prepared statement and its parameters and answers with no rows.
// Used to EXPLAIN the real list queries instead of hand-copied ones that
// could drift from the code.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sqlLiteral } from '../../scripts/lib/sql-literal.mjs';
import { root } from './local-server.mjs';

/** Bundles the data layer once; returns { tenantData, parseListFilters, drizzle, schema }. */
export async function loadDataLayer(outFile = join(root, 'bench/out/data-layer.bundle.mjs')) {
  const esbuild = await import('esbuild');
  mkdirSync(join(outFile, '..'), { recursive: true });
  await esbuild.build({
    stdin: {
      contents: [
        "export { drizzle } from 'drizzle-orm/d1';",
        "export * as schema from './db/schema';",
        "export { tenantData } from './db/tenant-data';",
        "export { parseListFilters } from './worker/rules/list-filters';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: outFile,
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outFile).href}?t=${Date.now()}`);
}

/** A D1Database stand-in that records statements. */
function recordingD1(log) {
  const statement = (sql, params = []) => ({
    sql,
    params,
    bind: (...p) => statement(sql, p),
    all: async () => (log.push({ sql, params }), { results: [], success: true, meta: {} }),
    raw: async () => (log.push({ sql, params }), []),
    first: async () => (log.push({ sql, params }), null),
    run: async () => (log.push({ sql, params }), { results: [], success: true, meta: {} }),
  });
  return {
    prepare: (sql) => statement(sql),
    batch: async (stmts) => {
      for (const s of stmts) log.push({ sql: s.sql, params: s.params });
      return stmts.map(() => ({ results: [], success: true, meta: {} }));
    },
    exec: async () => ({ count: 0, duration: 0 }),
  };
}

/**
 * Returns capture(fn): runs fn(data) with data = tenantData(db, tenantId)
 * over the recording binding and resolves to the statements it sent.
 */
export async function sqlCapturer(tenantId) {
  const layer = await loadDataLayer();
  return async function capture(fn) {
    const log = [];
    const db = layer.drizzle(recordingD1(log), { schema: layer.schema });
    await fn(layer.tenantData(db, tenantId), layer);
    return log;
  };
}

/** The statement with its parameters written in as SQL literals (the wrangler CLI cannot bind). */
export function inlineParams({ sql, params }) {
  let i = 0;
  const literal = sqlLiteral;
  // `?` inside string literals stays as is; D1 SQL from drizzle only has `?` placeholders outside them.
  let out = '';
  let inString = false;
  for (const ch of sql) {
    if (ch === "'") inString = !inString;
    if (ch === '?' && !inString) {
      if (i >= params.length) throw new Error(`more placeholders than parameters in: ${sql}`);
      out += literal(params[i++]);
    } else out += ch;
  }
  if (i !== params.length) throw new Error(`${params.length} parameters for ${i} placeholders in: ${sql}`);
  return out;
}

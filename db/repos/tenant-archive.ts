/**
 * A county's whole data as one file, and a new county made from such a file.
 *
 * Export: gzipped JSON (format `huiyin-tenant-archive`, version 1) with every
 * row of every archived tenant table (db/repos/tenant-catalog.ts) and the
 * bytes of its reply attachments from R2, streamed table by table so a large
 * county never sits in memory as a whole.
 *
 * Restore: the file is checked completely before anything is written —
 * shape (zod), columns against today's schema, every row's tenant, and every
 * reference pointing at a row inside the archive. Then ids are reserved for
 * the new rows (see `reserveIds`), every id and reference is remapped, the
 * files are stored under new keys, and the rows are written in dependency
 * order in batches under D1's 100-parameter limit, under a tenant row in
 * state `restoring` that becomes `active` in the last batch. When it all fits
 * in one batch it is atomic; otherwise a failure deletes what was written.
 * The suggestions' full-text index follows by its triggers (migration 0002).
 */
import * as z from 'zod';
import type { Database } from '../client';
import { fromBase64, toBase64 } from '../../worker/rules/base64';
import { ARCHIVED_TABLES, type CatalogTable, type Reference } from './tenant-catalog';
import { platformAuditEntry, type AuditActor } from './audit';
import { asStatement, deleteTenantData, onPlatform, reserveIds, tenantBatches, type Shard, type Statement } from './tenant-lifecycle';

export const ARCHIVE_FORMAT = 'huiyin-tenant-archive';
export const ARCHIVE_VERSION = 1;
/** Rows read per query while exporting. */
const EXPORT_PAGE = 500;
/** The largest archive accepted once decompressed (a guard against gzip bombs). */
export const MAX_ARCHIVE_JSON_BYTES = 200 * 1024 * 1024;

type Value = string | number | null;

// ---------------------------------------------------------------- export

/** The archive of one county as a gzip stream. */
export function exportTenantArchive(db: Database, files: R2Bucket, tenant: { id: number; slug: string; name: string }, now = Date.now()) {
  const encoder = new TextEncoder();
  const parts = archiveParts(db, files, tenant, now);
  const json = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await parts.return(undefined);
    },
  });
  return json.pipeThrough(new CompressionStream('gzip'));
}

async function* archiveParts(db: Database, files: R2Bucket, tenant: { id: number; slug: string; name: string }, now: number) {
  const head = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } };
  yield `${JSON.stringify(head).slice(0, -1)},"tables":{`;
  const keys: string[] = [];
  for (const [i, table] of ARCHIVED_TABLES.entries()) {
    const columns = table.columns.map((c) => c.name);
    yield `${i ? ',' : ''}${JSON.stringify(table.name)}:{"columns":${JSON.stringify(columns)},"rows":[`;
    const keyAt = table.name === 'attachments' ? columns.indexOf('r2_key') : -1;
    let after = 0;
    let first = true;
    for (;;) {
      const page = await db.$client
        .prepare(
          `select rowid, ${columns.map(quote).join(', ')} from ${quote(table.name)} where tenant_id = ? and rowid > ? order by rowid limit ${EXPORT_PAGE}`,
        )
        .bind(tenant.id, after)
        .raw<Value[]>();
      if (page.length === 0) break;
      const rows = page.map((r) => r.slice(1));
      if (keyAt >= 0) keys.push(...rows.map((r) => String(r[keyAt])));
      yield `${first ? '' : ','}${rows.map((r) => JSON.stringify(r)).join(',')}`;
      first = false;
      after = Number(page[page.length - 1]![0]);
      if (page.length < EXPORT_PAGE) break;
    }
    yield ']}';
  }
  yield '},"files":[';
  let firstFile = true;
  for (const key of keys) {
    const object = await files.get(key);
    if (!object) continue; // a lost object: the row still travels, as it was
    const data = toBase64(new Uint8Array(await object.arrayBuffer()));
    const contentType = object.httpMetadata?.contentType ?? 'application/octet-stream';
    yield `${firstFile ? '' : ','}${JSON.stringify({ key, contentType, data })}`;
    firstFile = false;
  }
  yield ']}';
}

// ---------------------------------------------------------------- reading

const archiveShape = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.number(),
  tenant: z.object({ id: z.number().int(), slug: z.string().max(40), name: z.string().max(200) }),
  tables: z.record(
    z.string(),
    z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))) }),
  ),
  files: z.array(z.object({ key: z.string().max(500), contentType: z.string().max(200), data: z.string() })),
});

/** A verified archive: rows keyed by column name, in today's schema's terms. */
export interface Archive {
  tenant: { id: number; slug: string; name: string };
  tables: Map<string, Record<string, Value>[]>;
  files: Map<string, { contentType: string; bytes: Uint8Array }>;
}

export type ArchiveProblem =
  { kind: 'unreadable' } | { kind: 'too_large' } | { kind: 'not_archive' } | { kind: 'damaged'; table: string; row?: number };

/** Decompresses and verifies an uploaded archive; nothing is written. */
export async function readArchive(
  body: ReadableStream<Uint8Array>,
): Promise<{ ok: true; archive: Archive } | { ok: false; problem: ArchiveProblem }> {
  let json: string;
  try {
    const text = await gunzipText(body, MAX_ARCHIVE_JSON_BYTES);
    if (text === null) return { ok: false, problem: { kind: 'too_large' } };
    json = text;
  } catch {
    return { ok: false, problem: { kind: 'unreadable' } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: { kind: 'unreadable' } };
  }
  const parsed = archiveShape.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: { kind: 'not_archive' } };
  return verify(parsed.data);
}

function verify(data: z.infer<typeof archiveShape>): { ok: true; archive: Archive } | { ok: false; problem: ArchiveProblem } {
  const known = new Map(ARCHIVED_TABLES.map((t) => [t.name, t]));
  const tables = new Map<string, Record<string, Value>[]>();
  for (const name of Object.keys(data.tables)) {
    if (!known.has(name)) return { ok: false, problem: { kind: 'damaged', table: name } };
  }
  for (const table of ARCHIVED_TABLES) {
    const given = data.tables[table.name] ?? { columns: [], rows: [] };
    const rows = rowsOf(table, given.columns, given.rows, data.tenant.id);
    if (!rows.ok) return { ok: false, problem: { kind: 'damaged', table: table.name, row: rows.row } };
    tables.set(table.name, rows.rows);
  }
  const ids = new Map<string, Set<number>>();
  for (const table of ARCHIVED_TABLES) {
    if (!table.idColumn) continue;
    const set = new Set<number>();
    for (const [i, row] of tables.get(table.name)!.entries()) {
      const id = row[table.idColumn] as number;
      if (set.has(id)) return { ok: false, problem: { kind: 'damaged', table: table.name, row: i + 1 } };
      set.add(id);
    }
    ids.set(table.name, set);
  }
  for (const table of ARCHIVED_TABLES) {
    for (const [i, row] of tables.get(table.name)!.entries()) {
      for (const ref of table.references) {
        if (resolve(ref, row, ids) === 'missing' && ref.strict) {
          return { ok: false, problem: { kind: 'damaged', table: table.name, row: i + 1 } };
        }
      }
    }
  }
  const files = new Map<string, { contentType: string; bytes: Uint8Array }>();
  for (const f of data.files) {
    try {
      files.set(f.key, { contentType: f.contentType, bytes: fromBase64(f.data) });
    } catch {
      return { ok: false, problem: { kind: 'damaged', table: 'files' } };
    }
  }
  return { ok: true, archive: { tenant: data.tenant, tables, files } };
}

/** One table's rows as objects, each value checked against the column it claims to be. */
function rowsOf(
  table: CatalogTable,
  columns: string[],
  rows: (string | number | boolean | null)[][],
  tenantId: number,
): { ok: true; rows: Record<string, Value>[] } | { ok: false; row?: number } {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  if (new Set(columns).size !== columns.length || columns.some((c) => !byName.has(c))) return { ok: false };
  // A column the archive lacks (an older version) must be one the database can fill.
  if (table.columns.some((c) => !columns.includes(c.name) && c.notNull && !c.hasDefault)) return { ok: false };
  if (table.idColumn && !columns.includes(table.idColumn)) return { ok: false };
  const out: Record<string, Value>[] = [];
  for (const [i, values] of rows.entries()) {
    if (values.length !== columns.length) return { ok: false, row: i + 1 };
    const row: Record<string, Value> = {};
    for (const [j, name] of columns.entries()) {
      const column = byName.get(name)!;
      const v = values[j]!;
      if (v === null) {
        if (column.notNull) return { ok: false, row: i + 1 };
        row[name] = null;
      } else if (column.kind === 'text') {
        if (typeof v !== 'string') return { ok: false, row: i + 1 };
        row[name] = v;
      } else if (column.kind === 'boolean') {
        if (v !== 0 && v !== 1 && typeof v !== 'boolean') return { ok: false, row: i + 1 };
        row[name] = v === true || v === 1 ? 1 : 0;
      } else {
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) return { ok: false, row: i + 1 };
        row[name] = v;
      }
    }
    if (row['tenant_id'] !== tenantId) return { ok: false, row: i + 1 };
    out.push(row);
  }
  return { ok: true, rows: out };
}

/** Where a reference of a row points: the table and old id, nothing (null), or a row not in the archive. */
function resolve(ref: Reference, row: Record<string, Value>, ids: Map<string, Set<number>>): { table: string; id: number } | 'none' | 'missing' {
  const value = row[ref.column];
  if (value === null || value === undefined) return 'none';
  const table = 'table' in ref ? ref.table : ref.tables[String(row[ref.byColumn])];
  if (!table) return 'table' in ref ? 'missing' : ref.strict ? 'missing' : 'none';
  const id = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!ids.get(table)?.has(id)) return 'missing';
  return { table, id };
}

// ---------------------------------------------------------------- restore

export interface RestoreTarget {
  slug: string;
  name: string;
  hostnames: string[];
}

export type RestoreOutcome = { ok: true; tenantId: number; rows: Record<string, number> } | { ok: false; reason: 'conflict' };

/**
 * Writes a verified archive as a new county on `shard`. Every id is new;
 * references inside the archive point at the new rows; attachments get new
 * R2 keys. The tenant's id comes from the registry (DB), the other ids from
 * the shard. On DB everything goes in one set of batches as before; on
 * another shard the registry row is written first in state `restoring`
 * (claiming the slug), then the shard's rows under the tenant's copy, then
 * the registry's hostnames, `active` and the audit entry in one batch.
 */
export async function restoreTenantArchive(
  registry: Database,
  shard: Shard,
  files: R2Bucket,
  archive: Archive,
  target: RestoreTarget,
  actor: AuditActor,
  now = Date.now(),
): Promise<RestoreOutcome> {
  const db = shard.db;
  const counts = ARCHIVED_TABLES.filter((t) => t.idColumn).map((t) => ({ table: t.name, count: archive.tables.get(t.name)!.length }));
  const tenantId = (await reserveIds(registry, [{ table: 'tenants', count: 1 }])).get('tenants')! + 1;
  const bases = await reserveIds(db, counts);
  const newIds = new Map<string, Map<number, number>>();
  const oldIds = new Map<string, Set<number>>();
  for (const table of ARCHIVED_TABLES) {
    if (!table.idColumn) continue;
    const rows = archive.tables.get(table.name)!;
    const sorted = rows.map((r) => r[table.idColumn!] as number).sort((a, b) => a - b);
    const base = bases.get(table.name) ?? 0;
    newIds.set(table.name, new Map(sorted.map((id, i) => [id, base + i + 1])));
    oldIds.set(table.name, new Set(sorted));
  }

  const put: string[] = [];
  const tenantRow = (on: Database) =>
    on.$client
      .prepare(`insert into tenants (id, slug, name, status, db_binding, created_at) values (?, ?, ?, 'restoring', ?, ?)`)
      .bind(tenantId, target.slug, target.name, shard.binding, now);
  const statements: Statement[] = [tenantRow(db)];
  const rowsWritten: Record<string, number> = {};
  for (const table of ARCHIVED_TABLES) {
    const rows = archive.tables.get(table.name)!;
    rowsWritten[table.name] = rows.length;
    const mapped: Record<string, Value>[] = [];
    for (const row of rows) {
      const out: Record<string, Value> = { ...row, tenant_id: tenantId };
      if (table.idColumn) out[table.idColumn] = newIds.get(table.name)!.get(row[table.idColumn] as number)!;
      for (const ref of table.references) {
        const to = resolve(ref, row, oldIds);
        if (to === 'none') continue;
        if (to === 'missing') out[ref.column] = null;
        else {
          const id = newIds.get(to.table)!.get(to.id)!;
          out[ref.column] = typeof row[ref.column] === 'string' ? String(id) : id;
        }
      }
      if (table.name === 'attachments') {
        const key = `t/${tenantId}/s/${out['suggestion_id']}/${crypto.randomUUID()}`;
        const file = archive.files.get(String(row['r2_key']));
        if (file) {
          await files.put(key, file.bytes, { httpMetadata: { contentType: file.contentType } });
          put.push(key);
        }
        out['r2_key'] = key;
      }
      mapped.push(out);
    }
    statements.push(...insertRows(db, table.name, mapped));
  }
  const active = (on: Database) => on.$client.prepare(`update tenants set status = 'active' where id = ?`).bind(tenantId);
  const hostnames = target.hostnames.map((hostname) =>
    registry.$client.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(hostname, tenantId),
  );
  const audit = asStatement(
    registry,
    platformAuditEntry(
      registry,
      null,
      {
        actor,
        action: 'tenant.restore',
        targetType: 'tenant',
        targetId: tenantId,
        targetLabel: `${target.name}（${target.slug}）`,
        details: { from: archive.tenant, hostnames: target.hostnames, rows: rowsWritten, files: put.length, shard: shard.binding },
      },
      now,
    ),
  );
  const separate = !onPlatform(shard);
  let registered = false;
  try {
    if (separate) {
      await tenantRow(registry).run();
      registered = true;
      await tenantBatches(db, [...statements, active(db)]);
      await registry.$client.batch([...hostnames, active(registry), audit]);
    } else {
      await tenantBatches(db, [...statements, ...hostnames, active(db), audit]);
    }
  } catch (err) {
    // Nothing of a failed restore stays: rows of any batch that went through, and the stored files.
    await deleteTenantData(db, files, tenantId).catch(() => undefined);
    await db.$client
      .prepare('delete from tenants where id = ?')
      .bind(tenantId)
      .run()
      .catch(() => undefined);
    if (separate && registered) {
      await registry.$client
        .prepare('delete from tenant_hostnames where tenant_id = ?')
        .bind(tenantId)
        .run()
        .catch(() => undefined);
      await registry.$client
        .prepare('delete from tenants where id = ?')
        .bind(tenantId)
        .run()
        .catch(() => undefined);
    }
    if (put.length) await files.delete(put).catch(() => undefined);
    if (isConstraintFailure(err)) return { ok: false, reason: 'conflict' };
    throw err;
  }
  return { ok: true, tenantId, rows: rowsWritten };
}

/** Multi-row inserts, as many rows per statement as stay under 100 bound parameters. */
export function insertRows(db: Database, table: string, rows: Record<string, Value>[]): Statement[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(100 / columns.length));
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    out.push(
      db.$client
        .prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${placeholders}`)
        .bind(...chunk.flatMap((r) => columns.map((c) => r[c] ?? null))),
    );
  }
  return out;
}

function isConstraintFailure(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(text);
}

// ---------------------------------------------------------------- helpers

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function gunzipText(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string | null> {
  const reader = body.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(all);
}

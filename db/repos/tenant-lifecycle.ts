/**
 * The operator's writes on a county as a whole: create it (with its
 * national calendar, default settings and first admin), suspend and resume
 * it, and delete it with everything it owns. Each change and its platform
 * audit entry go in one batch; deletion, which may be too large for one,
 * marks the county `deleting` first so nobody uses it while it goes.
 */
import { PLATFORM_BINDING, type Database } from '../client';
import { NATIONAL_CALENDAR } from '../seed/national-calendar';
import { DEFAULT_SETTINGS } from '../../worker/rules/settings';
import { platformAuditEntry, type AuditActor, type AuditEntry } from './audit';
import { TENANT_TABLES } from './tenant-catalog';

export type Statement = D1PreparedStatement;

/**
 * Where a county's rows go: a shard binding and its database (db/client.ts).
 * The registry (DB) keeps the tenant row, its hostnames and the platform's
 * audit entries; the shard keeps a copy of the tenant row (same id, so
 * foreign keys hold) and everything else. On DB both are one database and
 * each change stays one batch; on another shard the shard's batch goes
 * first and the registry's last, so a county appears only once complete.
 */
export interface Shard {
  binding: string;
  db: Database;
}

export function onPlatform(shard: Shard): boolean {
  return shard.binding === PLATFORM_BINDING;
}

/** Statements per D1 batch when a write is too large for one. */
const STATEMENTS_PER_BATCH = 400;
/** Rows deleted per statement, and statements per batch, while deleting a county. */
const DELETE_ROWS = 1000;
const DELETE_STATEMENTS = 10;
/** A password hash no password matches: the first admin signs in with the one-time code. */
export const UNUSABLE_PASSWORD = '!unusable';

/** A drizzle query as a D1 statement, to share a batch with raw ones. */
export function asStatement(db: Database, query: { toSQL(): { sql: string; params: unknown[] } }): Statement {
  const { sql, params } = query.toSQL();
  return db.$client.prepare(sql).bind(...params);
}

/** Runs statements in order, as one batch when they fit (atomic), else in several. */
export async function tenantBatches(db: Database, statements: (Statement | { toSQL(): { sql: string; params: unknown[] } })[]) {
  const all = statements.map((s) => ('toSQL' in s ? asStatement(db, s) : s));
  for (let i = 0; i < all.length; i += STATEMENTS_PER_BATCH) {
    await db.$client.batch(all.slice(i, i + STATEMENTS_PER_BATCH));
  }
}

/**
 * Reserves `count` new ids in each table, atomically: AUTOINCREMENT hands
 * out ids above `sqlite_sequence`, so raising it by `count` keeps the block
 * below it for us even while others insert. Returns the id before each
 * block (the new ids are base + 1 … base + count).
 */
export async function reserveIds(db: Database, wanted: { table: string; count: number }[]): Promise<Map<string, number>> {
  const statements: Statement[] = [];
  const asked = wanted.filter((w) => w.count > 0);
  for (const { table, count } of asked) {
    statements.push(
      db.$client
        .prepare('insert into sqlite_sequence (name, seq) select ?, 0 where not exists (select 1 from sqlite_sequence where name = ?)')
        .bind(table, table),
      db.$client
        .prepare(`update sqlite_sequence set seq = max(seq, (select coalesce(max(id), 0) from "${table}")) + ? where name = ? returning seq`)
        .bind(count, table),
    );
  }
  const bases = new Map<string, number>();
  if (statements.length === 0) return bases;
  const results = await db.$client.batch<{ seq: number }>(statements);
  asked.forEach(({ table, count }, i) => bases.set(table, results[i * 2 + 1]!.results[0]!.seq - count));
  return bases;
}

function tenantEntry(
  db: Database,
  actor: AuditActor,
  action: AuditEntry['action'],
  tenant: { id: number; slug: string; name: string },
  details?: unknown,
  now = Date.now(),
) {
  return platformAuditEntry(
    db,
    null,
    { actor, action, targetType: 'tenant', targetId: tenant.id, targetLabel: `${tenant.name}（${tenant.slug}）`, details },
    now,
  );
}

export interface NewTenant {
  slug: string;
  name: string;
  hostnames: string[];
  admin: { username: string; displayName: string };
  /** SHA-256 of the first admin's one-time code, and when it lapses. */
  resetCodeHash: string;
  resetCodeExpiresAt: number;
}

/**
 * A new county: the tenant, its hostnames, the national working-day
 * calendar, the default settings written out (so a later change of a
 * default does not silently change this county's rules), and its first
 * admin with an unusable password and a one-time code — one batch on DB;
 * on another shard, the shard's rows (with the tenant's copy) first, then
 * the registry row, hostnames and audit entry in one batch on DB.
 */
export async function createTenant(registry: Database, shard: Shard, t: NewTenant, actor: AuditActor, now = Date.now()): Promise<number> {
  const tenantId = (await reserveIds(registry, [{ table: 'tenants', count: 1 }])).get('tenants')! + 1;
  const on =
    (db: Database) =>
    (sql: string, ...values: unknown[]) =>
      db.$client.prepare(sql).bind(...values);
  const tenantRow = (db: Database) =>
    on(db)(
      `insert into tenants (id, slug, name, status, db_binding, created_at) values (?, ?, ?, 'active', ?, ?)`,
      tenantId,
      t.slug,
      t.name,
      shard.binding,
      now,
    );
  const p = on(shard.db);
  const rows: Statement[] = [];
  const perInsert = 24; // 4 parameters a row
  for (let i = 0; i < NATIONAL_CALENDAR.length; i += perInsert) {
    const chunk = NATIONAL_CALENDAR.slice(i, i + perInsert);
    rows.push(
      p(
        `insert into calendar_days (tenant_id, date, kind, name) values ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
        ...chunk.flatMap((d) => [tenantId, d.date, d.kind, d.name]),
      ),
    );
  }
  const settings = Object.entries(DEFAULT_SETTINGS);
  rows.push(
    p(
      `insert into settings (tenant_id, key, value, updated_at) values ${settings.map(() => '(?, ?, ?, ?)').join(', ')}`,
      ...settings.flatMap(([key, value]) => [tenantId, key, JSON.stringify(value), now]),
    ),
  );
  rows.push(
    p(
      `insert into users (tenant_id, username, display_name, role, password_hash, reset_code_hash, reset_code_expires_at, created_at) values (?, ?, ?, 'tenant_admin', ?, ?, ?, ?)`,
      tenantId,
      t.admin.username,
      t.admin.displayName,
      UNUSABLE_PASSWORD,
      t.resetCodeHash,
      t.resetCodeExpiresAt,
      now,
    ),
  );
  const tenant = { id: tenantId, slug: t.slug, name: t.name };
  const hostnames = t.hostnames.map((hostname) =>
    on(registry)('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)', hostname, tenantId),
  );
  const entry = asStatement(
    registry,
    tenantEntry(registry, actor, 'tenant.create', tenant, { hostnames: t.hostnames, admin: t.admin.username, shard: shard.binding }, now),
  );
  if (onPlatform(shard)) {
    await registry.$client.batch([tenantRow(registry), ...hostnames, ...rows, entry]);
    return tenantId;
  }
  await shard.db.$client.batch([tenantRow(shard.db), ...rows]);
  try {
    await registry.$client.batch([tenantRow(registry), ...hostnames, entry]);
  } catch (err) {
    // The registry refused (a slug or hostname taken meanwhile): the shard's rows go too.
    await deleteTenantRows(shard.db, tenantId).catch(() => undefined);
    await shard.db.$client
      .prepare('delete from tenants where id = ?')
      .bind(tenantId)
      .run()
      .catch(() => undefined);
    throw err;
  }
  return tenantId;
}

/** A status change on the registry row and, for another shard, on its copy (the copy is what the county's requests read). */
async function setStatus(registry: Database, shard: Shard, tenantId: number, set: string, values: unknown[], entry?: Statement) {
  const update = (db: Database) => db.$client.prepare(`update tenants set ${set} where id = ?`).bind(...values, tenantId);
  if (!onPlatform(shard)) await shard.db.$client.batch([update(shard.db)]);
  await registry.$client.batch(entry ? [update(registry), entry] : [update(registry)]);
}

/** 暂停: the county's pages show `notice`; nothing is deleted. */
export async function suspendTenant(
  registry: Database,
  shard: Shard,
  tenant: { id: number; slug: string; name: string },
  notice: string,
  actor: AuditActor,
  now = Date.now(),
) {
  const entry = asStatement(registry, tenantEntry(registry, actor, 'tenant.suspend', tenant, { notice }, now));
  await setStatus(registry, shard, tenant.id, `status = 'suspended', suspension_notice = ?, suspended_at = ?`, [notice, now], entry);
}

/** 恢复: the county works again as before. */
export async function resumeTenant(
  registry: Database,
  shard: Shard,
  tenant: { id: number; slug: string; name: string },
  actor: AuditActor,
  now = Date.now(),
) {
  const entry = asStatement(registry, tenantEntry(registry, actor, 'tenant.resume', tenant, undefined, now));
  await setStatus(registry, shard, tenant.id, `status = 'active', suspension_notice = null, suspended_at = null`, [], entry);
}

/** The export is recorded when it is handed out (who took the county's data, when). */
export async function recordExport(db: Database, tenant: { id: number; slug: string; name: string }, actor: AuditActor, now = Date.now()) {
  await tenantEntry(db, actor, 'tenant.export', tenant, undefined, now);
}

/** Every row the county owns in every tenant table of `db` (children first, so foreign keys hold at each step), in chunks. The tenant row stays. */
export async function deleteTenantRows(db: Database, tenantId: number): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const table of [...TENANT_TABLES].reverse()) {
    const stmt = db.$client
      .prepare(`delete from "${table.name}" where rowid in (select rowid from "${table.name}" where tenant_id = ? limit ${DELETE_ROWS})`)
      .bind(tenantId);
    const count = async () =>
      (await db.$client.prepare(`select count(*) as n from "${table.name}" where tenant_id = ?`).bind(tenantId).first<{ n: number }>())?.n ?? 0;
    // Counted, not summed from `changes` (D1 also counts what triggers did, e.g. the full-text index);
    // counted again after, in case a late write (the supervision scan) added a row meanwhile.
    let remaining = await count();
    deleted[table.name] = remaining;
    while (remaining > 0) {
      for (let done = 0; done < remaining; done += DELETE_ROWS * DELETE_STATEMENTS) {
        await db.$client.batch(Array.from({ length: DELETE_STATEMENTS }, () => stmt));
      }
      remaining = await count();
    }
  }
  return deleted;
}

/**
 * Every row the county owns in `db` (see deleteTenantRows) and its files in
 * R2. The tenant row itself stays: the caller removes it.
 */
export async function deleteTenantData(db: Database, files: R2Bucket, tenantId: number): Promise<Record<string, number>> {
  const keys = (await db.$client.prepare('select r2_key from attachments where tenant_id = ?').bind(tenantId).raw<[string]>()).map((r) => r[0]);
  const deleted = await deleteTenantRows(db, tenantId);
  for (let i = 0; i < keys.length; i += 1000) await files.delete(keys.slice(i, i + 1000));
  // Anything else stored under the county's prefix (see worker/routes/suggestions/uploads.ts).
  for (;;) {
    const listed = await files.list({ prefix: `t/${tenantId}/`, limit: 1000 });
    if (listed.objects.length === 0) break;
    await files.delete(listed.objects.map((o) => o.key));
    if (!listed.truncated) break;
  }
  return deleted;
}

/**
 * 删除: the county and everything it owns — its rows in its shard, and in
 * the registry its hostnames, login counters and tenant row; recorded on
 * the platform's log, which outlives it. Marked `deleting` first (registry
 * and copy) so nobody uses it while it goes.
 */
export async function deleteTenant(
  registry: Database,
  shard: Shard,
  files: R2Bucket,
  tenant: { id: number; slug: string; name: string },
  actor: AuditActor,
  now = Date.now(),
) {
  await setStatus(registry, shard, tenant.id, `status = 'deleting'`, []);
  const deleted = await deleteTenantData(shard.db, files, tenant.id);
  const p = (sql: string, ...values: unknown[]) => registry.$client.prepare(sql).bind(...values);
  const last: Statement[] = [];
  if (!onPlatform(shard)) {
    await shard.db.$client.prepare('delete from tenants where id = ?').bind(tenant.id).run();
    deleted['tenant_hostnames'] =
      (await p('select count(*) as n from tenant_hostnames where tenant_id = ?', tenant.id).first<{ n: number }>())?.n ?? 0;
    last.push(p('delete from tenant_hostnames where tenant_id = ?', tenant.id));
  }
  await registry.$client.batch([
    ...last,
    p(`delete from login_throttle where key like ?`, `acct:${tenant.id}:%`),
    p('delete from tenants where id = ?', tenant.id),
    asStatement(registry, tenantEntry(registry, actor, 'tenant.delete', tenant, { rows: deleted, shard: shard.binding }, now)),
  ]);
}

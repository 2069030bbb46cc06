/**
 * 基础名录: a tenant's deputies, handling units, liaison stations and
 * categories as the admin keeps them — list, create, edit, retire and
 * restore (never delete: old suggestions point at these rows) — and the
 * one-batch write of an import. Every change goes in one batch with its
 * audit entry.
 */
import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { categories, deputies, handlingUnits, liaisonStations } from '../schema';
import { auditRepo, type AuditActor } from './audit';
import { likePattern } from '../../worker/rules/list-filters';
import { deputyKey } from '../../worker/rules/directory';
import type { DeputyImportRow, ExistingRow, ImportKind, ImportPlan, UnitImportRow } from '../../worker/rules/import-plan';

export type DirectoryKind = 'deputies' | 'units' | 'stations' | 'categories';
export type StatusFilter = 'active' | 'retired' | 'all';

/** Rows per page of the deputies' list. */
export const DIRECTORY_PAGE_SIZE = 50;
/** D1 refuses a statement with more than 100 bound parameters. */
const MAX_PARAMS = 100;

const TABLES = { deputies, units: handlingUnits, stations: liaisonStations, categories } as const;
type DirectoryTable = (typeof TABLES)[DirectoryKind];
/** The audit key's prefix for each kind (worker/rules/audit-actions.ts). */
const ACTION = { deputies: 'deputy', units: 'unit', stations: 'station', categories: 'category' } as const;

export type DeputyRecord = typeof deputies.$inferSelect;
export type UnitRecord = typeof handlingUnits.$inferSelect;
export type StationRecord = typeof liaisonStations.$inferSelect;
export type CategoryRecord = typeof categories.$inferSelect;
export type DirectoryRecord = DeputyRecord | UnitRecord | StationRecord | CategoryRecord;

/** The columns an admin edits, per kind. */
export type DeputyValues = Pick<DeputyRecord, 'name' | 'level' | 'stationId' | 'groupName' | 'phone' | 'address' | 'confidential'>;
export type UnitValues = Pick<UnitRecord, 'name' | 'headContact' | 'phone' | 'email'>;
export type StationValues = Pick<StationRecord, 'name' | 'township' | 'level'>;
export type CategoryValues = Pick<CategoryRecord, 'name' | 'sort'>;
export type DirectoryValues = DeputyValues | UnitValues | StationValues | CategoryValues;

export type SaveResult = { ok: true; id: number; changed: boolean } | { ok: false; reason: 'duplicate' | 'missing' };

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/i.test(String(err.message) + String(err.cause ?? ''));
}

function statusCondition(table: DirectoryTable, status: StatusFilter): SQL | undefined {
  if (status === 'active') return isNull(table.retiredAt);
  if (status === 'retired') return isNotNull(table.retiredAt);
  return undefined;
}

/** The fields of `after` that differ from `before`, as { before, after }. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = Object.keys(after).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  };
}

async function runBatch(db: Database, statements: BatchItem<'sqlite'>[]) {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

export function directoryRepo(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const own = (table: DirectoryTable, id: number) => and(eq(table.tenantId, tenantId), eq(table.id, id));

  async function get(kind: DirectoryKind, id: number): Promise<DirectoryRecord | undefined> {
    const table = TABLES[kind];
    return (await db.select().from(table).where(own(table, id)).get()) as DirectoryRecord | undefined;
  }

  /** Another deputy (any status) with the same natural key, if there is one. */
  async function deputyTwin(v: Pick<DeputyValues, 'name' | 'phone' | 'level'>, exceptId: number | null): Promise<boolean> {
    const sameName = await db
      .select({ id: deputies.id, name: deputies.name, phone: deputies.phone, level: deputies.level })
      .from(deputies)
      .where(and(eq(deputies.tenantId, tenantId), eq(deputies.name, v.name)))
      .all();
    const key = deputyKey(v);
    return sameName.some((d) => d.id !== exceptId && deputyKey(d) === key);
  }

  return {
    get,

    /**
     * A page of one list. Deputies are searched by name and come 50 to a
     * page; the other lists are short (a county has a few dozen units) and
     * come 500 to a page, in practice whole.
     */
    async list(kind: DirectoryKind, f: { status: StatusFilter; q?: string; page?: number }) {
      const table = TABLES[kind];
      const conditions = [eq(table.tenantId, tenantId), statusCondition(table, f.status)];
      if (kind === 'deputies' && f.q) conditions.push(sql`${deputies.name} like ${likePattern(f.q)} escape '\\'`);
      const page = f.page ?? 0;
      const size = kind === 'deputies' ? DIRECTORY_PAGE_SIZE : 500;
      const order = kind === 'categories' ? [asc(categories.sort), asc(categories.id)] : [asc(table.id)];
      const rows = (await db
        .select()
        .from(table)
        .where(and(...conditions))
        .orderBy(...order)
        .limit(size + 1)
        .offset(page * size)
        .all()) as DirectoryRecord[];
      return { items: rows.slice(0, size), hasMore: rows.length > size };
    },

    /** Every liaison station (id, name, retired or not), for the deputy form and list. */
    stations() {
      return db
        .select({ id: liaisonStations.id, name: liaisonStations.name, retiredAt: liaisonStations.retiredAt })
        .from(liaisonStations)
        .where(eq(liaisonStations.tenantId, tenantId))
        .orderBy(asc(liaisonStations.id))
        .all();
    },

    /** Adds a row with its audit entry; a taken name (or deputy key) is refused. */
    async create(kind: DirectoryKind, values: DirectoryValues, actor: AuditActor, now = Date.now()): Promise<SaveResult> {
      if (kind === 'deputies' && (await deputyTwin(values as DeputyValues, null))) return { ok: false, reason: 'duplicate' };
      const table = TABLES[kind];
      try {
        const [inserted] = await db.batch([
          db
            .insert(table)
            .values({ ...values, tenantId } as never)
            .returning({ id: table.id }),
          audit.entry(
            { actor, action: `${ACTION[kind]}.create`, targetType: ACTION[kind], targetLabel: values.name, details: { after: values } },
            now,
          ),
        ]);
        return { ok: true, id: (inserted as { id: number }[])[0]!.id, changed: true };
      } catch (err) {
        if (isUniqueViolation(err)) return { ok: false, reason: 'duplicate' };
        throw err;
      }
    },

    /** Saves the changed fields with an audit entry of what changed from what; nothing when nothing changed. */
    async update(kind: DirectoryKind, id: number, values: DirectoryValues, actor: AuditActor, now = Date.now()): Promise<SaveResult> {
      const before = await get(kind, id);
      if (!before) return { ok: false, reason: 'missing' };
      const diff = changes(before as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>);
      if (Object.keys(diff.after).length === 0) return { ok: true, id, changed: false };
      if (kind === 'deputies' && (await deputyTwin(values as DeputyValues, id))) return { ok: false, reason: 'duplicate' };
      const table = TABLES[kind];
      try {
        await db.batch([
          db
            .update(table)
            .set(values as never)
            .where(own(table, id)),
          audit.entry(
            { actor, action: `${ACTION[kind]}.update`, targetType: ACTION[kind], targetId: id, targetLabel: values.name, details: diff },
            now,
          ),
        ]);
        return { ok: true, id, changed: true };
      } catch (err) {
        if (isUniqueViolation(err)) return { ok: false, reason: 'duplicate' };
        throw err;
      }
    },

    /**
     * 停用 / 恢复: sets or clears retired_at, with its audit entry; a row
     * already in that state is left as it is (and not recorded twice).
     */
    async setRetired(kind: DirectoryKind, id: number, retired: boolean, actor: AuditActor, now = Date.now()) {
      const row = await get(kind, id);
      if (!row) return { ok: false as const };
      if ((row.retiredAt !== null) === retired) return { ok: true as const, name: row.name, changed: false };
      const table = TABLES[kind];
      await db.batch([
        db
          .update(table)
          .set({ retiredAt: retired ? now : null } as never)
          .where(and(own(table, id), retired ? isNull(table.retiredAt) : isNotNull(table.retiredAt))),
        audit.entry(
          { actor, action: `${ACTION[kind]}.${retired ? 'retire' : 'restore'}`, targetType: ACTION[kind], targetId: id, targetLabel: row.name },
          now,
        ),
      ]);
      return { ok: true as const, name: row.name, changed: true };
    },

    /** The serving stations by name: what an import's 联络站 column may name. */
    async importStations(): Promise<Map<string, number>> {
      const rows = await db
        .select({ id: liaisonStations.id, name: liaisonStations.name })
        .from(liaisonStations)
        .where(and(eq(liaisonStations.tenantId, tenantId), isNull(liaisonStations.retiredAt)))
        .all();
      return new Map(rows.map((r) => [r.name, r.id]));
    },

    /** Every existing row an import may match (retired ones too: their names stay taken). */
    async importExisting<K extends ImportKind>(kind: K): Promise<ExistingRow<K>[]> {
      if (kind === 'deputies') {
        return (await db
          .select({
            id: deputies.id,
            name: deputies.name,
            level: deputies.level,
            stationId: deputies.stationId,
            groupName: deputies.groupName,
            phone: deputies.phone,
            address: deputies.address,
          })
          .from(deputies)
          .where(eq(deputies.tenantId, tenantId))
          .orderBy(asc(deputies.id))
          .all()) as unknown as ExistingRow<K>[];
      }
      return (await db
        .select({
          id: handlingUnits.id,
          name: handlingUnits.name,
          headContact: handlingUnits.headContact,
          phone: handlingUnits.phone,
          email: handlingUnits.email,
        })
        .from(handlingUnits)
        .where(eq(handlingUnits.tenantId, tenantId))
        .orderBy(asc(handlingUnits.id))
        .all()) as unknown as ExistingRow<K>[];
    },

    /**
     * Writes an import's plan in ONE batch: new and changed rows as
     * multi-row upserts on the primary key (a new row has no id; a changed
     * row keeps its own, and the update only touches rows of this tenant),
     * chunked so each statement stays under D1's 100 parameters, plus the
     * audit entry. Either every row lands or none does.
     */
    async applyImport<K extends ImportKind>(
      kind: K,
      plan: ImportPlan<K>,
      actor: AuditActor,
      details: Record<string, unknown>,
      now = Date.now(),
    ): Promise<{ statements: number }> {
      const rows = [
        // An explicit null id (not undefined) binds a parameter like a real id does, so every row costs the same.
        ...plan.add.map((value) => ({ id: null as unknown as number, value })),
        ...plan.update.map((u) => ({ id: u.id, value: u.value })),
      ];
      const statements: BatchItem<'sqlite'>[] = [];
      if (kind === 'deputies') {
        const values = rows.map(({ id, value }) => ({ id, tenantId, ...(value as DeputyImportRow), createdAt: now }));
        const upsert = (chunk: typeof values) =>
          db
            .insert(deputies)
            .values(chunk)
            .onConflictDoUpdate({
              target: deputies.id,
              set: {
                name: sql.raw('excluded.name'),
                level: sql.raw('excluded.level'),
                stationId: sql.raw('excluded.station_id'),
                groupName: sql.raw('excluded.group_name'),
                phone: sql.raw('excluded.phone'),
                address: sql.raw('excluded.address'),
              },
              setWhere: eq(deputies.tenantId, tenantId),
            });
        for (const chunk of chunked(values, (sample) => upsert(sample).toSQL().params.length)) statements.push(upsert(chunk));
      } else {
        const values = rows.map(({ id, value }) => ({ id, tenantId, ...(value as UnitImportRow), createdAt: now }));
        const upsert = (chunk: typeof values) =>
          db
            .insert(handlingUnits)
            .values(chunk)
            .onConflictDoUpdate({
              target: handlingUnits.id,
              set: {
                headContact: sql.raw('excluded.head_contact'),
                phone: sql.raw('excluded.phone'),
                email: sql.raw('excluded.email'),
              },
              setWhere: eq(handlingUnits.tenantId, tenantId),
            });
        for (const chunk of chunked(values, (sample) => upsert(sample).toSQL().params.length)) statements.push(upsert(chunk));
      }
      statements.push(
        audit.entry(
          {
            actor,
            action: kind === 'deputies' ? 'import.deputies' : 'import.units',
            targetType: kind === 'deputies' ? 'deputy' : 'unit',
            details: { ...details, added: plan.add.length, updated: plan.update.length, unchanged: plan.unchanged },
          },
          now,
        ),
      );
      await runBatch(db, statements);
      return { statements: statements.length };
    },
  };
}

/**
 * Splits rows into chunks whose statement binds at most MAX_PARAMS
 * parameters, measured on the real statement (one row, then the fixed part)
 * rather than counted by hand, so a new column cannot push it over.
 */
function chunked<T>(rows: T[], paramsOf: (sample: T[]) => number): T[][] {
  if (rows.length === 0) return [];
  const one = paramsOf(rows.slice(0, 1));
  const two = paramsOf(rows.slice(0, 2).length === 2 ? rows.slice(0, 2) : [rows[0]!, rows[0]!]);
  const perRow = two - one;
  const fixed = one - perRow;
  const size = Math.max(1, Math.floor((MAX_PARAMS - fixed) / perRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The tenant-owned tables, read from the drizzle schema rather than listed
 * by hand: every table with a `tenant_id` column, its columns, its id, and
 * what its id columns point at. Export, restore and deletion of a county
 * (db/repos/tenant-archive.ts, tenant-lifecycle.ts) walk this catalogue, so
 * a table added to db/schema/ is carried along without touching them.
 *
 * References the schema declares (`.references()`) are found by drizzle;
 * the ones it does not declare are listed below in `SOFT_REFERENCES` and
 * `TYPED_REFERENCES`. test/integration/operator-archive.test.ts fails if an
 * integer `…_id` column is in none of those lists, so a new one cannot be
 * left pointing at the old county after a restore.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema';

export type ColumnKind = 'integer' | 'text' | 'boolean';

export interface CatalogColumn {
  name: string;
  kind: ColumnKind;
  notNull: boolean;
  hasDefault: boolean;
}

/** A column holding another row's id: always of `table`, or of a table named by another column's value. */
export type Reference =
  { column: string; table: string; strict: boolean } | { column: string; byColumn: string; tables: Record<string, string>; strict: boolean };

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  /** The autoincrement id column, if the table has one. */
  idColumn: string | null;
  references: Reference[];
}

/**
 * Id columns the schema does not declare as foreign keys. `strict`: an
 * archive whose value points at no row of the archive is refused; otherwise
 * such a value becomes null (e.g. an audit entry by someone since deleted).
 */
const SOFT_REFERENCES: Record<string, { table: string; strict: boolean }> = {
  'suggestions.supervising_leader_user_id': { table: 'users', strict: true },
  'suggestions.merged_into_id': { table: 'suggestions', strict: true },
  'suggestions.forum_topic_id': { table: 'forum_topics', strict: true },
  'audit_log.actor_user_id': { table: 'users', strict: false },
};

/** Id columns whose table is named by another column (a kind or a target type). */
const TYPED_REFERENCES: Record<string, { byColumn: string; tables: Record<string, string>; strict: boolean }> = {
  'commendations.target_id': { byColumn: 'kind', tables: { suggestion: 'suggestions', unit: 'handling_units' }, strict: true },
  'audit_log.target_id': {
    byColumn: 'target_type',
    tables: {
      user: 'users',
      deputy: 'deputies',
      unit: 'handling_units',
      station: 'liaison_stations',
      category: 'categories',
      suggestion: 'suggestions',
    },
    strict: false,
  },
};

/** Integer columns named like ids that are not row ids of this database. */
export const NOT_REFERENCES: Record<string, string> = {};

/**
 * Tenant tables that an archive leaves out: credentials and live state that
 * must not travel (the issue: sessions, login throttles and API tokens are
 * not restored), and the hostnames, which belong to the platform's routing
 * and are given anew when a county is restored.
 */
export const NOT_ARCHIVED: Record<string, string> = {
  sessions: 'live sign-ins: a restored county starts with everyone signed out',
  api_tokens: 'credentials: owners create new tokens in the restored county',
  tenant_hostnames: 'platform routing: the restore form takes the new county’s hostnames',
};

function kindOf(columnType: string): ColumnKind {
  if (columnType === 'SQLiteBoolean') return 'boolean';
  if (columnType.startsWith('SQLiteInteger') || columnType === 'SQLiteTimestamp') return 'integer';
  return 'text';
}

function build(): CatalogTable[] {
  const tables: CatalogTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    if (!config.columns.some((c) => c.name === 'tenant_id')) continue;
    const columns = config.columns.map((c) => ({ name: c.name, kind: kindOf(c.columnType), notNull: c.notNull, hasDefault: c.hasDefault }));
    const id = config.columns.find((c) => c.primary && c.name === 'id');
    const references: Reference[] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      if (ref.columns.length !== 1 || ref.foreignColumns[0]?.name !== 'id') throw new Error(`${config.name}: unsupported foreign key`);
      if (target === 'tenants') continue;
      references.push({ column: ref.columns[0]!.name, table: target, strict: true });
    }
    for (const c of columns) {
      const key = `${config.name}.${c.name}`;
      const soft = SOFT_REFERENCES[key];
      if (soft) references.push({ column: c.name, ...soft });
      const typed = TYPED_REFERENCES[key];
      if (typed) references.push({ column: c.name, ...typed });
    }
    tables.push({ name: config.name, columns, idColumn: id ? 'id' : null, references });
  }
  return inDependencyOrder(tables);
}

/** Parents before children (by the references above), so inserts meet their foreign keys. */
function inDependencyOrder(tables: CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: CatalogTable[] = [];
  const visit = (t: CatalogTable) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name)) throw new Error(`reference cycle through ${t.name}`);
    visiting.add(t.name);
    for (const ref of t.references) {
      const targets = 'table' in ref ? [ref.table] : Object.values(ref.tables);
      for (const target of targets) {
        const parent = byName.get(target);
        if (parent && parent !== t) visit(parent);
      }
    }
    visiting.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  [...tables].sort((a, b) => a.name.localeCompare(b.name)).forEach(visit);
  return out;
}

/** Every tenant-owned table, parents first. */
export const TENANT_TABLES: readonly CatalogTable[] = build();

/** The tables an archive carries, parents first. */
export const ARCHIVED_TABLES: readonly CatalogTable[] = TENANT_TABLES.filter((t) => !(t.name in NOT_ARCHIVED));

/** The tables a reference may point at (one, or one per kind). */
export function targetsOf(ref: Reference): string[] {
  return 'table' in ref ? [ref.table] : Object.values(ref.tables);
}

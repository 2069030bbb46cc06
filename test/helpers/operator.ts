/**
 * The platform operator in tests: an account outside every tenant, signed
 * in at /platform/login, with the console's form token at hand.
 */
import { env } from 'cloudflare:workers';
import { Browser, hiddenValue, type Form } from './browser';
import { TEST_PASSWORD } from './world';
import { hashPassword } from '../../worker/auth/password';

let counter = 0;
let hashed: Promise<string> | undefined;

export async function signedInOperator(): Promise<Browser> {
  const username = `op-${Date.now().toString(36)}-${++counter}`;
  await env.DB.prepare(
    "insert into users (tenant_id, username, display_name, role, password_hash) values (null, ?, '平台运维员', 'platform_operator', ?)",
  )
    .bind(username, await (hashed ??= hashPassword(TEST_PASSWORD, 1000)))
    .run();
  const op = new Browser();
  const res = await op.post('/platform/login', { username, password: TEST_PASSWORD });
  if (res.status !== 303) throw new Error(`operator login failed: ${res.status}`);
  return op;
}

/** The operator's form token (from a page that always has a form). */
export async function operatorCsrf(op: Browser): Promise<string> {
  return hiddenValue(await (await op.get('/platform/tenants/new')).text(), '_csrf');
}

export async function operatorPost(op: Browser, path: string, form: Form = {}): Promise<Response> {
  return op.post(path, { _csrf: await operatorCsrf(op), ...form });
}

/** Rows of a table that belong to a tenant. */
export async function countRows(table: string, tenantId: number): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from "${table}" where tenant_id = ?`).bind(tenantId).first<{ n: number }>();
  return row!.n;
}

/** Every table of the database that has a tenant_id column, found from sqlite_master and PRAGMA table_info. */
export async function tablesWithTenantId(): Promise<string[]> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like '%_fts%'",
  ).all<{ name: string }>();
  const out: string[] = [];
  for (const { name } of tables.results) {
    const cols = await env.DB.prepare(`pragma table_info("${name}")`).all<{ name: string }>();
    if (cols.results.some((c) => c.name === 'tenant_id')) out.push(name);
  }
  return out.sort();
}

/** Row counts of every tenant table for one tenant. */
export async function tenantFootprint(tenantId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tablesWithTenantId()) out[t] = await countRows(t, tenantId);
  return out;
}

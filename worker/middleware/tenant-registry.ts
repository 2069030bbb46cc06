/**
 * Which database holds the tenant of a request, and the tenant (with the
 * request's session) read from it — for the pages and the API alike.
 *
 * A tenant on `DB` costs one query, as before: the registry row is the
 * tenant row, and its session is read with it (db/platform-data.ts
 * `tenantWithSession`). A tenant on another shard is found in the registry
 * once per isolate: its slug or hostname → { id, binding } is kept here, and
 * later requests read the tenant (its shard copy, whose status the operator
 * updates together with the registry's) and the session from the shard in
 * one query. A tenant's binding changes only when the operator moves it
 * (not built: export, restore on the other shard, delete); a cached entry
 * whose tenant is no longer on its shard is dropped and asked again.
 */
import { databaseForTenant, PLATFORM_BINDING } from '../../db/client';
import { tenantWithSession, type SessionWithUser, type TenantRow } from '../../db/platform-data';
import type { AppContext } from '../context';
import { tenantData } from '../../db/tenant-data';
import { SLUG_RE } from '../forms/tenants';

/** slug or hostname → where the tenant lives; per isolate. */
const placements = new Map<string, { id: number; dbBinding: string }>();
/** Enough for every county; past it the cache starts again rather than grow. */
const PLACEMENTS_MAX = 10_000;

function keyOf(by: { slug: string } | { hostname: string }): string {
  return 'slug' in by ? `slug:${by.slug}` : `host:${by.hostname}`;
}

export async function resolveTenant(
  c: AppContext,
  by: { slug: string } | { hostname: string },
  tokenHash: string | null,
): Promise<{ tenant?: TenantRow; session?: SessionWithUser }> {
  const now = Date.now();
  const key = keyOf(by);
  const known = placements.get(key);
  if (known) {
    const found = await tenantWithSession(databaseForTenant(c.env, known), { id: known.id }, tokenHash, now);
    if (found.tenant && found.tenant.dbBinding === known.dbBinding) return found;
    placements.delete(key);
  }
  const registered = await tenantWithSession(c.var.platformDb, by, tokenHash, now);
  const tenant = registered.tenant;
  if (!tenant || tenant.dbBinding === PLATFORM_BINDING) return registered;
  if (placements.size >= PLACEMENTS_MAX) placements.clear();
  placements.set(key, { id: tenant.id, dbBinding: tenant.dbBinding });
  return tenantWithSession(databaseForTenant(c.env, tenant), { id: tenant.id }, tokenHash, now);
}

/** The `/t/:slug` form of a tenant, or null when the path cannot name one. */
export function slugByPath(slug: string): { slug: string } | null {
  return SLUG_RE.test(slug) ? { slug } : null;
}

/** Binds a found, active tenant to the request: its row, its link prefix, its database and data layer. */
export function useTenant(c: AppContext, tenant: TenantRow, base: string): void {
  c.set('tenant', tenant);
  c.set('base', base);
  const db = databaseForTenant(c.env, tenant);
  c.set('accountsDb', db);
  c.set('data', tenantData(db, tenant.id));
}

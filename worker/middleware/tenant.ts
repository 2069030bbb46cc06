/**
 * Resolves the tenant once per request and binds the tenant-scoped data
 * layer to the context. Two entrances, one rule: on the platform's own hosts
 * the tenant comes from the path (`/t/{slug}/…`); on a county's mapped
 * hostname it comes from the Host. Never from a header or a form field.
 */
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import type { TenantRow } from '../../db/platform-data';
import { resolveTenant, slugByPath, useTenant } from './tenant-registry';
import { SESSION_COOKIE } from '../auth/session';
import { sha256Hex } from '../auth/token';
import type { AppEnv, AppContext } from '../context';
import { renderErrorPage } from '../errors';
import { text } from '../../views/text/index';
import { pageShell } from '../../views/render';
import { SuspendedTenantPage } from '../../views/pages/operator';

/**
 * A suspended county answers every page — signed-in, public, login — with
 * the operator's notice, whichever entrance it came by (its API says the
 * same in JSON: worker/api/tenant.ts). Nothing is deleted and sessions
 * stay, but none can be used until the county is resumed.
 */
function suspendedNotice(c: AppContext, tenant: TenantRow) {
  c.header('Cache-Control', 'no-store');
  const page = SuspendedTenantPage({ name: tenant.name, notice: tenant.suspensionNotice, since: tenant.suspendedAt });
  return c.html(pageShell(c, text.operator.suspended.title, page), 403);
}

/** The tenant named by the `/t/:slug` path prefix. */
export const tenantFromPath = createMiddleware<AppEnv>(async (c, next) => {
  const slug = c.req.param('slug') ?? '';
  const by = slugByPath(slug);
  const tenant = by ? await lookUp(c, by) : undefined;
  return bindTenant(c, tenant, `/t/${slug}`, next);
});

/** The tenant whose mapped hostname the request came in on. */
export const tenantFromHost = createMiddleware<AppEnv>(async (c, next) => {
  const hostname = new URL(c.req.url).hostname.toLowerCase();
  return bindTenant(c, await lookUp(c, { hostname }), '', next);
});

/**
 * Finds the tenant, and reads the request's session in the same query
 * (loadSession then uses it instead of asking D1 again).
 */
async function lookUp(c: AppContext, by: { slug: string } | { hostname: string }): Promise<TenantRow | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  const tokenHash = token && token.length <= 64 ? await sha256Hex(token) : null;
  const found = await resolveTenant(c, by, tokenHash);
  if (tokenHash) c.set('prefetchedSession', { tokenHash, session: found.session });
  return found.tenant;
}

async function bindTenant(c: AppContext, tenant: TenantRow | undefined, base: string, next: () => Promise<void>) {
  if (!tenant) {
    return renderErrorPage(c, 404, text.errors.tenantNotFoundTitle, text.errors.tenantNotFound);
  }
  if (tenant.status === 'suspended') return suspendedNotice(c, tenant);
  if (tenant.status !== 'active') {
    // Being restored or deleted by the operator: not open to anyone yet (or any more).
    return renderErrorPage(c, 403, text.errors.tenantSuspendedTitle, text.errors.tenantSuspended);
  }
  useTenant(c, tenant, base);
  await next();
}

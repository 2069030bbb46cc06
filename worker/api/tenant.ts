/**
 * The tenant of an API request, resolved the same two ways as the pages
 * (worker/middleware/tenant.ts) — the `/t/{slug}` prefix on the platform's
 * hosts, the Host on a county's mapped hostname — but answering in JSON.
 */
import { createMiddleware } from 'hono/factory';
import type { TenantRow } from '../../db/platform-data';
import { resolveTenant, slugByPath, useTenant } from '../middleware/tenant-registry';
import type { AppContext, AppEnv } from '../context';
import { apiError } from './errors';
import { text } from '../../views/text/index';

export type TenantEntrance = 'path' | 'host';

async function find(c: AppContext, from: TenantEntrance): Promise<{ tenant?: TenantRow; base: string }> {
  if (from === 'path') {
    const slug = c.req.param('slug') ?? '';
    const by = slugByPath(slug);
    const tenant = by ? (await resolveTenant(c, by, null)).tenant : undefined;
    return { tenant, base: `/t/${slug}` };
  }
  const hostname = new URL(c.req.url).hostname.toLowerCase();
  return { tenant: (await resolveTenant(c, { hostname }, null)).tenant, base: '' };
}

export function apiTenant(from: TenantEntrance) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { tenant, base } = await find(c, from);
    if (!tenant) return apiError(c, 'tenant_not_found');
    if (tenant.status !== 'active') {
      const notice = tenant.suspensionNotice ? ` ${tenant.suspensionNotice}` : '';
      return apiError(c, 'tenant_suspended', { message: `${text.api.errors.tenantSuspended}${notice}` });
    }
    useTenant(c, tenant, base);
    await next();
  });
}

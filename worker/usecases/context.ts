/**
 * What a use case needs from the request: the tenant's repositories, the
 * tenant, the signed-in user and the Worker's bindings. Hono's request
 * context has all of these (pages and API pass it as is), but a use case
 * names only these, so it knows nothing of HTTP.
 */
import type { TenantRow, UserRow } from '../../db/platform-data';
import type { TenantData } from '../../db/tenant-data';

export interface UseCaseContext {
  env: Env;
  var: {
    /** The tenant's repositories; every query is scoped to `tenant`. */
    data: TenantData;
    tenant: TenantRow;
    /** The signed-in user (every suggestion use case runs behind a sign-in). */
    user?: UserRow;
    /** For log lines. */
    requestId: string;
  };
}

/** The signed-in user; the routes that call a use case have required one. */
export function userOf(c: UseCaseContext): UserRow {
  const user = c.var.user;
  if (!user) throw new Error('use case called without a signed-in user');
  return user;
}

/** The user as the timeline records them. */
export function actorNameOf(c: UseCaseContext): { userId: number; name: string } {
  const user = userOf(c);
  return { userId: user.id, name: user.displayName };
}

/**
 * What middleware puts on the request context, typed once for every route.
 */
import type { Context } from 'hono';
import type { Database } from '../db/client';
import type { TenantRow, UserRow } from '../db/platform-data';
import type { TenantData } from '../db/tenant-data';

export interface AppVariables {
  requestId: string;
  secureHeadersNonce?: string;
  /** The platform database (the tenant registry, hostnames, the operator, the login throttle): `DB`. */
  platformDb: Database;
  /**
   * Where the request's accounts and sessions live: the platform database
   * under /platform, the county's own shard under a county (db/client.ts).
   */
  accountsDb: Database;
  /** Set by the tenant middleware on /t/{slug}/… (or a mapped hostname). */
  tenant: TenantRow;
  /** Prefix for links inside the tenant: `/t/{slug}`, or '' on a mapped hostname. */
  base: string;
  /** The tenant's repositories; every query is scoped to `tenant`. */
  data: TenantData;
  /** Set by the session middleware when a valid session is present. */
  user?: UserRow;
  sessionTokenHash?: string;
  /** The session the tenant middleware read together with the tenant (one round trip), for loadSession. */
  prefetchedSession?: { tokenHash: string; session: import('../db/platform-data').SessionWithUser | undefined };
  csrfToken?: string;
  /** Unread notifications of the signed-in user (read with the session). */
  unread?: number;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;

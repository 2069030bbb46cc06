/**
 * Queries that are not inside one tenant: resolving a tenant, sessions,
 * the login throttle and the platform console. Nothing here returns a
 * tenant's content (suggestions, deputies…); that is db/tenant-data/.
 */
import { and, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { PLATFORM_BINDING, type Database } from './client';
import { auditLog, loginThrottle, notifications, sessions, tenantHostnames, tenants, users } from './schema';
import { FINAL_STATES } from '../worker/rules/suggestion-states';

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function tenantBySlug(db: Database, slug: string): Promise<TenantRow | undefined> {
  return db.select().from(tenants).where(eq(tenants.slug, slug)).get();
}

/** A user by login name: inside a tenant, or a platform operator when tenantId is null. */
export async function userForLogin(db: Database, tenantId: number | null, username: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(tenantId === null ? isNull(users.tenantId) : eq(users.tenantId, tenantId), eq(users.username, username)))
    .get();
}

export interface SessionWithUser {
  tokenHash: string;
  tenantId: number | null;
  csrfToken: string;
  expiresAt: number;
  user: UserRow;
  unread: number;
}

/** How a request names its tenant: by slug or mapped hostname (in the registry, `DB`), or by id (in a shard's copy). */
export type TenantKey = { slug: string } | { hostname: string } | { id: number };

/**
 * The tenant of a request — by slug, or by a mapped hostname — and, when the
 * request carries a session cookie, that session with its user, in ONE query:
 * every tenant page needs both, and a D1 round trip is the cost that counts
 * on a slow link (issue #8). The session is whatever the token names; the
 * caller still checks that it belongs to this tenant.
 */
export async function tenantWithSession(
  db: Database,
  by: TenantKey,
  tokenHash: string | null,
  now: number,
): Promise<{ tenant?: TenantRow; session?: SessionWithUser }> {
  const which =
    'id' in by
      ? eq(tenants.id, by.id)
      : 'slug' in by
        ? eq(tenants.slug, by.slug)
        : eq(tenants.id, sql`(select ${tenantHostnames.tenantId} from ${tenantHostnames} where ${tenantHostnames.hostname} = ${by.hostname})`);
  if (tokenHash === null) return { tenant: await db.select().from(tenants).where(which).get() };
  const row = await db
    .select({
      tenant: tenants,
      session: sessions,
      user: users,
      unread: unreadCount,
    })
    .from(tenants)
    .leftJoin(sessions, and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(which)
    .get();
  if (!row) return {};
  if (!row.session || !row.user) return { tenant: row.tenant };
  return { tenant: row.tenant, session: sessionWithUser({ session: row.session, user: row.user, unread: row.unread }) };
}

/** The live session for a token hash, with its user, in one query. */
export async function sessionByTokenHash(db: Database, tokenHash: string, now: number): Promise<SessionWithUser | undefined> {
  const row = await db
    .select({
      session: sessions,
      user: users,
      unread: unreadCount,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .get();
  return row && sessionWithUser(row);
}

/** The signed-in user's unread notifications, read with the session. */
const unreadCount = sql<number>`(select count(*) from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`;

function sessionWithUser(row: { session: typeof sessions.$inferSelect; user: UserRow; unread: number }): SessionWithUser {
  const { tokenHash, tenantId, csrfToken, expiresAt } = row.session;
  return { tokenHash, tenantId, csrfToken, expiresAt, user: row.user, unread: row.unread };
}

export async function createSession(
  db: Database,
  s: { tokenHash: string; userId: number; tenantId: number | null; csrfToken: string; expiresAt: number },
): Promise<void> {
  await db.insert(sessions).values(s);
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** The latest lock among the given throttle keys, if any is still locked. */
export async function activeLock(db: Database, keys: string[], now: number): Promise<number | null> {
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(sql`${loginThrottle.key} in ${keys}`, gt(loginThrottle.lockedUntil, now)))
    .all();
  const until = rows.map((r) => r.lockedUntil ?? 0);
  return until.length ? Math.max(...until) : null;
}

/**
 * Count one failed login against each key, atomically (one batch of upserts),
 * locking a key once it reaches its limit within the window.
 */
/**
 * Counts a login attempt against each counter *before* the password is
 * checked, in one batch (D1 applies it atomically), and says whether this
 * attempt is still within every limit. Counting first is what makes the
 * limit hold under a burst: of 200 simultaneous guesses only the first
 * `limit` are ever checked. The attempt that reaches a limit sets the lock.
 * A successful login takes its charge back (see `refundLoginAttempt`).
 */
export async function chargeLoginAttempt(
  db: Database,
  counters: { key: string; limit: number }[],
  now: number,
  windowMs: number,
  lockMs: number,
): Promise<{ allowed: boolean; lockedUntil: number | null }> {
  const windowFloor = now - windowMs;
  const statements = counters.map(({ key, limit }) =>
    db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStart: now, lockedUntil: limit <= 1 ? now + lockMs : null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.windowStart} < ${windowFloor} then 1 else ${loginThrottle.failures} + 1 end`,
          lockedUntil: sql`case when ${loginThrottle.windowStart} >= ${windowFloor} and ${loginThrottle.failures} + 1 = ${limit} then ${now + lockMs} else ${loginThrottle.lockedUntil} end`,
          windowStart: sql`case when ${loginThrottle.windowStart} < ${windowFloor} then ${now} else ${loginThrottle.windowStart} end`,
        },
      })
      .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil }),
  );
  const [first, ...rest] = statements;
  if (!first) return { allowed: true, lockedUntil: null };
  const results = await db.batch([first, ...rest]);
  let allowed = true;
  let lockedUntil: number | null = null;
  results.forEach((rows, i) => {
    const row = rows[0];
    if (row && row.failures > counters[i]!.limit) {
      allowed = false;
      lockedUntil = Math.max(lockedUntil ?? 0, row.lockedUntil ?? now + lockMs);
    }
  });
  return { allowed, lockedUntil };
}

/** A successful login: its charge on `key` is taken back (and a lock it set, lifted). */
export async function refundLoginAttempt(db: Database, key: string, limit: number): Promise<void> {
  await db
    .update(loginThrottle)
    .set({
      failures: sql`max(${loginThrottle.failures} - 1, 0)`,
      lockedUntil: sql`case when ${loginThrottle.failures} - 1 < ${limit} then null else ${loginThrottle.lockedUntil} end`,
    })
    .where(eq(loginThrottle.key, key));
}

export async function clearLoginFailures(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

export interface TenantSummary {
  id: number;
  slug: string;
  name: string;
  status: string;
  suspensionNotice: string | null;
  /** The shard holding the county's rows (db/client.ts). */
  dbBinding: string;
  hostnames: string | null;
  users: number;
  deputies: number;
  suggestions: number;
  /** Suggestions not yet in a final state (not closed, rejected or merged) nor drafts. */
  open: number;
  /** Bytes of reply attachments in R2. */
  storageBytes: number;
}

/**
 * Tenant-level counts for the platform console: how many, never what
 * (no titles, names or text of a county's content).
 */
export async function tenantSummaries(db: Database, onlyId?: number): Promise<TenantSummary[]> {
  const closed = sql.join(
    ['draft', ...FINAL_STATES].map((s) => sql`${s}`),
    sql`, `,
  );
  return db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      status: tenants.status,
      suspensionNotice: tenants.suspensionNotice,
      dbBinding: tenants.dbBinding,
      // Correlated subqueries written out: drizzle leaves column names unqualified inside sql``,
      // where `tenant_id = id` would compare a row with itself.
      hostnames: sql<string | null>`(select group_concat(h.hostname, ' ') from tenant_hostnames h where h.tenant_id = "tenants"."id")`,
      users: sql<number>`(select count(*) from users u where u.tenant_id = "tenants"."id")`,
      deputies: sql<number>`(select count(*) from deputies d where d.tenant_id = "tenants"."id")`,
      suggestions: sql<number>`(select count(*) from suggestions s where s.tenant_id = "tenants"."id")`,
      open: sql<number>`(select count(*) from suggestions s where s.tenant_id = "tenants"."id" and s.state not in (${closed}))`,
      storageBytes: sql<number>`(select coalesce(sum(a.size), 0) from attachments a where a.tenant_id = "tenants"."id")`,
    })
    .from(tenants)
    .where(onlyId === undefined ? undefined : eq(tenants.id, onlyId))
    .orderBy(tenants.id)
    .all();
}

/**
 * The console's summaries with each county's counts read where its rows
 * are: the registry (DB) gives every county, its hostnames and DB's counts;
 * each other shard in use gives the counts of its own counties (one query
 * per shard, run side by side).
 */
export async function tenantSummariesAcrossShards(
  registry: Database,
  shard: (binding: string) => Database,
  onlyId?: number,
): Promise<TenantSummary[]> {
  const listed = await tenantSummaries(registry, onlyId);
  const others = [...new Set(listed.map((t) => t.dbBinding))].filter((b) => b !== PLATFORM_BINDING);
  if (others.length === 0) return listed;
  const counted = new Map<number, TenantSummary>();
  const read = async (binding: string) => {
    try {
      return await tenantSummaries(shard(binding), onlyId);
    } catch (err) {
      // A binding the Worker lacks (db/client.ts UnknownShardError): the console still lists every county,
      // that shard's without counts, and the error goes to the log.
      console.error(JSON.stringify({ level: 'error', job: 'tenant-summaries', binding, error: String(err) }));
      return [];
    }
  };
  for (const rows of await Promise.all(others.map(read))) {
    for (const r of rows) counted.set(r.id, r);
  }
  return listed.map((t) => {
    const there = t.dbBinding === PLATFORM_BINDING ? undefined : counted.get(t.id);
    if (!there) return t;
    return { ...t, users: there.users, deputies: there.deputies, suggestions: there.suggestions, open: there.open, storageBytes: there.storageBytes };
  });
}

/** Which of these hostnames some county already uses. */
export async function hostnamesInUse(db: Database, hostnames: string[]): Promise<string[]> {
  if (hostnames.length === 0) return [];
  const rows = await db
    .select({ hostname: tenantHostnames.hostname })
    .from(tenantHostnames)
    .where(inArray(tenantHostnames.hostname, hostnames))
    .all();
  return rows.map((r) => r.hostname);
}

/** The operator's latest entries on the platform's own log (tenant-level actions only). */
export async function platformAuditLog(db: Database, limit = 20) {
  return db
    .select({
      action: auditLog.action,
      actorName: auditLog.actorName,
      targetLabel: auditLog.targetLabel,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(isNull(auditLog.tenantId))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .all();
}

/** Tenants for the platform's landing page: name and slug only. */
export async function activeTenants(db: Database): Promise<{ slug: string; name: string }[]> {
  return db.select({ slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.status, 'active')).orderBy(tenants.id).all();
}

/**
 * A new password hash, and every other session of the user ended, in one
 * batch: after a password change only the session that made it stays.
 */
export async function changePassword(db: Database, userId: number, passwordHash: string, keepTokenHash: string): Promise<void> {
  await db.batch([
    db.update(users).set({ passwordHash }).where(eq(users.id, userId)),
    db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))),
  ]);
}

/** 退出所有设备: every session of the user, this one included. */
export async function endAllSessions(db: Database, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

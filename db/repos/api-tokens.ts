/**
 * 接口令牌 (API tokens) of one tenant. Only the SHA-256 of a token is
 * stored, with its last four characters as a hint for the owner's list.
 * `create` and `revoke` take the audit entry and write it in the same batch.
 */
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { precondition } from '../guard';
import { apiTokens, users } from '../schema';
import type { UserRow } from '../platform-data';

/** `last_used_at` is written at most once per this many ms per token. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenListItem {
  id: number;
  name: string;
  hint: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A statement that can go into a D1 batch (an audit entry). */
type BatchItem = Parameters<Database['batch']>[0][number];

export function apiTokenRepo(db: Database, tenantId: number) {
  const inTenant = eq(apiTokens.tenantId, tenantId);
  const mine = (userId: number, id: number) => and(inTenant, eq(apiTokens.userId, userId), eq(apiTokens.id, id));

  return {
    /** A user's tokens, newest first (revoked ones too, marked). */
    listFor(userId: number): Promise<ApiTokenListItem[]> {
      return db
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          hint: apiTokens.hint,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
          revokedAt: apiTokens.revokedAt,
        })
        .from(apiTokens)
        .where(and(inTenant, eq(apiTokens.userId, userId)))
        .orderBy(desc(apiTokens.id))
        .limit(100)
        .all();
    },

    async activeCount(userId: number): Promise<number> {
      const row = await db
        .select({ n: count() })
        .from(apiTokens)
        .where(and(inTenant, eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .get();
      return row?.n ?? 0;
    },

    /** Stores a new token's hash, with its audit entry, in one batch. */
    async create(t: { userId: number; name: string; tokenHash: string; hint: string; now: number }, audit: BatchItem) {
      await db.batch([
        db.insert(apiTokens).values({
          tenantId,
          userId: t.userId,
          name: t.name,
          tokenHash: t.tokenHash,
          hint: t.hint,
          createdAt: t.now,
        }),
        audit,
      ]);
    },

    /** One of the user's own tokens that is still live, or undefined. */
    liveOne(userId: number, id: number) {
      return db
        .select({ id: apiTokens.id, name: apiTokens.name, hint: apiTokens.hint })
        .from(apiTokens)
        .where(and(mine(userId, id), isNull(apiTokens.revokedAt)))
        .get();
    },

    /**
     * Revokes one of the user's own tokens with its audit entry; refused
     * (precondition failure) if it was revoked meanwhile.
     */
    async revoke(userId: number, id: number, now: number, audit: BatchItem) {
      await db.batch([
        precondition(db, sql`exists (select 1 from ${apiTokens} where ${mine(userId, id)} and ${apiTokens.revokedAt} is null)`),
        db
          .update(apiTokens)
          .set({ revokedAt: now })
          .where(and(mine(userId, id), isNull(apiTokens.revokedAt))),
        audit,
      ]);
    },

    /**
     * The user a live token of this tenant belongs to (an account of this
     * tenant that is not disabled), or undefined. Notes the use at most
     * once a minute, so most requests write nothing.
     */
    async authenticate(tokenHash: string, now: number): Promise<UserRow | undefined> {
      const row = await db
        .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, user: users })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(inTenant, eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.tenantId, tenantId), isNull(users.disabledAt)))
        .get();
      if (!row) return undefined;
      const stale = now - LAST_USED_RESOLUTION_MS;
      if (row.lastUsedAt === null || row.lastUsedAt < stale) {
        await db
          .update(apiTokens)
          .set({ lastUsedAt: now })
          .where(and(inTenant, eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
      }
      return row.user;
    },
  };
}

export type ApiTokenRepo = ReturnType<typeof apiTokenRepo>;

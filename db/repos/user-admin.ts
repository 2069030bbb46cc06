/**
 * 账号管理: a tenant's accounts as its admin sees and changes them. Every
 * change is one batch with its audit entry; taking access away (disable, a
 * password reset) deletes the user's sessions and revokes their API tokens
 * in that same batch, so it takes effect on the user's next request.
 * Preconditions re-check at write time what the handler checked on read
 * (still active, another admin left), so two admins acting at once cannot
 * leave the county without one.
 */
import { and, asc, count, eq, isNull, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { isPreconditionFailure, precondition } from '../guard';
import { apiTokens, deputies, handlingUnits, liaisonStations, sessions, users } from '../schema';
import { auditRepo, type AuditActor } from './audit';
import type { Role } from '../../worker/rules/roles';
import type { UserInput } from '../../worker/rules/user-admin';

/** Rows per page of the account list. */
export const USERS_PAGE_SIZE = 50;

export interface UserListFilters {
  role?: Role;
  /** 在用 (active) or 已停用 (disabled). */
  status?: 'active' | 'disabled';
  page: number;
}

export interface AdminUserRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  deputyId: number | null;
  unitId: number | null;
  stationId: number | null;
  email: string | null;
  disabledAt: number | null;
  deputyName: string | null;
  unitName: string | null;
  stationName: string | null;
  /** A one-time code is outstanding and not yet lapsed. */
  resetPendingUntil: number | null;
}

/** What the audit log keeps of an account: readable values, never a hash or a code. */
export type UserSnapshot = Record<string, string | null>;

export type ChangeOutcome = 'ok' | 'refused';

async function guarded(db: Database, statements: BatchItem<'sqlite'>[]): Promise<ChangeOutcome> {
  const [first, ...rest] = statements;
  try {
    await db.batch([first!, ...rest]);
    return 'ok';
  } catch (err) {
    if (isPreconditionFailure(err)) return 'refused';
    throw err;
  }
}

export function userAdminRepo(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const inTenant = eq(users.tenantId, tenantId);
  const one = (id: number) => and(inTenant, eq(users.id, id));

  const columns = {
    id: users.id,
    username: users.username,
    displayName: users.displayName,
    role: users.role,
    deputyId: users.deputyId,
    unitId: users.unitId,
    stationId: users.stationId,
    email: users.email,
    disabledAt: users.disabledAt,
    deputyName: sql<string | null>`${deputies.name}`.as('deputy_name'),
    unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
    stationName: sql<string | null>`${liaisonStations.name}`.as('station_name'),
    resetPendingUntil: sql<number | null>`case when ${users.resetCodeHash} is not null then ${users.resetCodeExpiresAt} end`.as('reset_until'),
  };
  const withLinks = () =>
    db
      .select(columns)
      .from(users)
      .leftJoin(deputies, and(eq(deputies.id, users.deputyId), eq(deputies.tenantId, tenantId)))
      .leftJoin(handlingUnits, and(eq(handlingUnits.id, users.unitId), eq(handlingUnits.tenantId, tenantId)))
      .leftJoin(liaisonStations, and(eq(liaisonStations.id, users.stationId), eq(liaisonStations.tenantId, tenantId)));

  /** The active account `username` holding this unlapsed code. */
  const codeHolder = (username: string, codeHash: string, now: number) =>
    and(
      inTenant,
      eq(users.username, username),
      eq(users.resetCodeHash, codeHash),
      sql`${users.resetCodeExpiresAt} > ${now}`,
      isNull(users.disabledAt),
    );

  /** Active tenant admins other than `id`, at the moment the batch runs. */
  const anotherActiveAdmin = (id: number): SQL =>
    sql`exists (select 1 from ${users} where ${users.tenantId} = ${tenantId} and ${users.role} = 'tenant_admin'
      and ${users.disabledAt} is null and ${users.id} <> ${id})`;
  const endAccess = (id: number, now: number): BatchItem<'sqlite'>[] => [
    db.delete(sessions).where(and(eq(sessions.userId, id), eq(sessions.tenantId, tenantId))),
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, id), isNull(apiTokens.revokedAt))),
  ];

  return {
    /** One page of accounts (one row more than a page, to tell whether another follows). */
    list(f: UserListFilters): Promise<AdminUserRow[]> {
      const conditions = [inTenant];
      if (f.role) conditions.push(eq(users.role, f.role));
      if (f.status === 'active') conditions.push(isNull(users.disabledAt));
      if (f.status === 'disabled') conditions.push(isNotNull(users.disabledAt));
      return withLinks()
        .where(and(...conditions))
        .orderBy(asc(users.username), asc(users.id))
        .limit(USERS_PAGE_SIZE + 1)
        .offset(f.page * USERS_PAGE_SIZE)
        .all();
    },

    get(id: number): Promise<AdminUserRow | undefined> {
      return withLinks().where(one(id)).get();
    },

    /** What the account form offers: serving deputies, active units and stations, in one round trip. */
    async formOptions() {
      const [deps, units, stations] = await db.batch([
        db
          .select({ id: deputies.id, name: deputies.name })
          .from(deputies)
          .where(and(eq(deputies.tenantId, tenantId), isNull(deputies.retiredAt)))
          .orderBy(asc(deputies.name), asc(deputies.id)),
        db
          .select({ id: handlingUnits.id, name: handlingUnits.name })
          .from(handlingUnits)
          .where(and(eq(handlingUnits.tenantId, tenantId), isNull(handlingUnits.retiredAt)))
          .orderBy(asc(handlingUnits.id)),
        db
          .select({ id: liaisonStations.id, name: liaisonStations.name })
          .from(liaisonStations)
          .where(and(eq(liaisonStations.tenantId, tenantId), isNull(liaisonStations.retiredAt)))
          .orderBy(asc(liaisonStations.id)),
      ]);
      return { deputies: deps, units, stations };
    },

    async usernameTaken(username: string): Promise<boolean> {
      const row = await db
        .select({ id: users.id })
        .from(users)
        .where(and(inTenant, eq(users.username, username)))
        .get();
      return Boolean(row);
    },

    /** Active tenant admins other than `id`. */
    async otherActiveAdmins(id: number): Promise<number> {
      const row = await db
        .select({ n: count() })
        .from(users)
        .where(and(inTenant, eq(users.role, 'tenant_admin'), isNull(users.disabledAt), ne(users.id, id)))
        .get();
      return row?.n ?? 0;
    },

    /**
     * A new account with an unusable password and a one-time code to set
     * one; the id, or null when the username is already taken.
     */
    async create(
      input: UserInput,
      secrets: { passwordHash: string; resetCodeHash: string; resetCodeExpiresAt: number },
      after: UserSnapshot,
      actor: AuditActor,
      now: number,
    ): Promise<number | null> {
      const newId = sql`select ${users.id} from ${users} where ${users.tenantId} = ${tenantId} and ${users.username} = ${input.username}`;
      try {
        const [inserted] = await db.batch([
          db
            .insert(users)
            .values({ tenantId, ...input, ...secrets, createdAt: now })
            .returning({ id: users.id }),
          audit.entryForNewRow({ actor, action: 'user.create', targetType: 'user', targetLabel: input.username, details: { after } }, newId, now),
        ]);
        return inserted[0]?.id ?? null;
      } catch (err) {
        if (err instanceof Error && /UNIQUE constraint failed/i.test(`${err.message} ${String(err.cause ?? '')}`)) return null;
        throw err;
      }
    },

    /** Saves name, role, links and email. Refused if it would demote the last active admin. */
    update(
      target: AdminUserRow,
      input: Omit<UserInput, 'username'>,
      change: { before: UserSnapshot; after: UserSnapshot },
      actor: AuditActor,
      now: number,
    ): Promise<ChangeOutcome> {
      const demotes = target.role === 'tenant_admin' && input.role !== 'tenant_admin';
      const statements: BatchItem<'sqlite'>[] = [];
      if (demotes) {
        statements.push(
          precondition(
            db,
            sql`(${anotherActiveAdmin(target.id)} or exists (select 1 from ${users}
          where ${users.tenantId} = ${tenantId} and ${users.id} = ${target.id} and ${users.disabledAt} is not null))`,
          ),
        );
      }
      statements.push(
        db.update(users).set(input).where(one(target.id)),
        audit.entry({ actor, action: 'user.update', targetType: 'user', targetId: target.id, targetLabel: target.username, details: change }, now),
      );
      return guarded(db, statements);
    },

    /**
     * 停用: the account stops working at once — its sessions are deleted,
     * its API tokens revoked and any outstanding code cleared, in the batch
     * that disables it. Refused if it is the last active admin.
     */
    disable(target: AdminUserRow, actor: AuditActor, now: number): Promise<ChangeOutcome> {
      return guarded(db, [
        precondition(
          db,
          sql`exists (select 1 from ${users} where ${users.tenantId} = ${tenantId} and ${users.id} = ${target.id}
            and ${users.disabledAt} is null and (${users.role} <> 'tenant_admin' or ${anotherActiveAdmin(target.id)}))`,
        ),
        db.update(users).set({ disabledAt: now, resetCodeHash: null, resetCodeExpiresAt: null }).where(one(target.id)),
        ...endAccess(target.id, now),
        audit.entry(
          {
            actor,
            action: 'user.disable',
            targetType: 'user',
            targetId: target.id,
            targetLabel: target.username,
            details: { before: { status: 'active' }, after: { status: 'disabled' } },
          },
          now,
        ),
      ]);
    },

    /** 启用: the account may sign in again (revoked tokens stay revoked). */
    enable(target: AdminUserRow, actor: AuditActor, now: number): Promise<ChangeOutcome> {
      return guarded(db, [
        precondition(
          db,
          sql`exists (select 1 from ${users} where ${users.tenantId} = ${tenantId} and ${users.id} = ${target.id} and ${users.disabledAt} is not null)`,
        ),
        db.update(users).set({ disabledAt: null }).where(one(target.id)),
        audit.entry(
          {
            actor,
            action: 'user.enable',
            targetType: 'user',
            targetId: target.id,
            targetLabel: target.username,
            details: { before: { status: 'disabled' }, after: { status: 'active' } },
          },
          now,
        ),
      ]);
    },

    /**
     * 重置密码: the old password stops working (replaced by an unusable
     * hash), a one-time code is stored (its hash only) and the user's
     * sessions end. Only for an active account.
     */
    issueResetCode(
      target: AdminUserRow,
      secrets: { passwordHash: string; resetCodeHash: string; resetCodeExpiresAt: number },
      actor: AuditActor,
      now: number,
    ): Promise<ChangeOutcome> {
      return guarded(db, [
        precondition(
          db,
          sql`exists (select 1 from ${users} where ${users.tenantId} = ${tenantId} and ${users.id} = ${target.id} and ${users.disabledAt} is null)`,
        ),
        db.update(users).set(secrets).where(one(target.id)),
        db.delete(sessions).where(and(eq(sessions.userId, target.id), eq(sessions.tenantId, tenantId))),
        audit.entry(
          {
            actor,
            action: 'user.reset_password',
            targetType: 'user',
            targetId: target.id,
            targetLabel: target.username,
            details: { expiresAt: secrets.resetCodeExpiresAt },
          },
          now,
        ),
      ]);
    },

    /** True when `username` holds this unlapsed code on an active account (a read; redeeming re-checks). */
    async holdsResetCode(username: string, codeHash: string, now: number): Promise<boolean> {
      const row = await db
        .select({ id: users.id })
        .from(users)
        .where(codeHolder(username, codeHash, now))
        .get();
      return Boolean(row);
    },

    /**
     * Redeems a one-time code: if `username` holds this code, unlapsed, on
     * an active account, sets the new password, clears the code and ends
     * every session — all or nothing, so a code works once even when two
     * requests race. Otherwise nothing changes.
     */
    redeemResetCode(username: string, codeHash: string, passwordHash: string, now: number): Promise<ChangeOutcome> {
      const holder = codeHolder(username, codeHash, now);
      return guarded(db, [
        precondition(db, sql`exists (select 1 from ${users} where ${holder})`),
        db
          .delete(sessions)
          .where(and(eq(sessions.tenantId, tenantId), sql`${sessions.userId} in (select ${users.id} from ${users} where ${holder})`)),
        db.update(users).set({ passwordHash, resetCodeHash: null, resetCodeExpiresAt: null }).where(holder),
      ]);
    },
  };
}

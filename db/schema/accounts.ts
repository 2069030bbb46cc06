/** Accounts and what signs them in: users, sessions, the login throttle, personal API tokens. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, tenantOwned, userRef, createdAt } from './columns';
import { deputies, handlingUnits, liaisonStations } from './directory';
import { tenants } from './tenancy';
import type { Role } from '../../worker/rules/roles';

/**
 * An account. A user has one role in one tenant; the platform operator has
 * no tenant (`tenant_id` is null).
 */
export const users = sqliteTable(
  'users',
  {
    id: id(),
    tenantId: integer('tenant_id').references(() => tenants.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** see worker/rules/roles.ts */
    role: text('role').$type<Role>().notNull(),
    /** pbkdf2-sha256$iterations$salt$hash, see worker/auth/password.ts */
    passwordHash: text('password_hash').notNull(),
    deputyId: integer('deputy_id').references(() => deputies.id),
    unitId: integer('unit_id').references(() => handlingUnits.id),
    stationId: integer('station_id').references(() => liaisonStations.id),
    /** Where alert emails go (optional). */
    email: text('email'),
    disabledAt: integer('disabled_at'),
    /** SHA-256 of the one-time password-reset code the admin handed out, and when it lapses. */
    resetCodeHash: text('reset_code_hash'),
    resetCodeExpiresAt: integer('reset_code_expires_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_tenant_username').on(t.tenantId, t.username), index('users_tenant_role').on(t.tenantId, t.role)],
);

/** A login session; only the SHA-256 of the cookie token is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: userRef('user_id'),
    /** null for the platform operator */
    tenantId: integer('tenant_id').references(() => tenants.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Failed-login counters for rate limiting, keyed by account or by IP
 * (e.g. `acct:3:zhangsan`, `ip:203.0.113.9`).
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until'),
});

/**
 * A personal API token for /api/v1 (the deputies' apps). Only the SHA-256
 * of the token is stored; `hint` is its last four characters so the owner
 * can tell tokens apart. Revoked tokens keep their row.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    ...tenantOwned(),
    userId: userRef('user_id'),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    hint: text('hint').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_user').on(t.tenantId, t.userId)],
);

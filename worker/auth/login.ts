/**
 * Checking a login: the throttle first (per account and per IP, in the
 * platform database whichever shard holds the county), then the password
 * of the account (in the county's shard, `c.var.accountsDb`). Failures
 * count against both keys; success clears the account's counter.
 */
import { activeLock, clearLoginFailures, chargeLoginAttempt, refundLoginAttempt, userForLogin, type UserRow } from '../../db/platform-data';
import type { AppContext } from '../context';
import { accountKey, ipKey, THROTTLE } from '../rules/login-throttle';
import { DUMMY_HASH, verifyPassword } from './password';

export type LoginOutcome =
  { ok: true; user: UserRow } | { ok: false; reason: 'invalid' | 'disabled' } | { ok: false; reason: 'locked'; until: number };

/** The client's IP as Cloudflare reports it. */
export function clientIp(c: AppContext): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

/**
 * One guess at a secret of an account (a password, a one-time code): refused
 * while the account or the IP is locked, and counted before the secret is
 * checked, so a burst of guesses cannot all pass the lock check before any
 * is counted. `succeeded()` takes the charge back when the secret was right.
 */
export async function chargeGuess(
  c: AppContext,
  tenantId: number | null,
  username: string,
  now: number,
): Promise<{ ok: true; succeeded: () => Promise<void> } | { ok: false; until: number }> {
  // The throttle is the platform's (DB), whichever shard holds the county.
  const db = c.var.platformDb;
  const acct = accountKey(tenantId, username);
  const ip = ipKey(clientIp(c));
  const lockedUntil = await activeLock(db, [acct, ip], now);
  if (lockedUntil) return { ok: false, until: lockedUntil };
  const charge = await chargeLoginAttempt(
    db,
    [
      { key: acct, limit: THROTTLE.maxFailuresPerAccount },
      { key: ip, limit: THROTTLE.maxFailuresPerIp },
    ],
    now,
    THROTTLE.windowMs,
    THROTTLE.lockMs,
  );
  if (!charge.allowed) return { ok: false, until: charge.lockedUntil ?? now + THROTTLE.lockMs };
  return {
    ok: true,
    succeeded: async () => {
      await Promise.all([clearLoginFailures(db, acct), refundLoginAttempt(db, ip, THROTTLE.maxFailuresPerIp)]);
    },
  };
}

export async function attemptLogin(c: AppContext, tenantId: number | null, username: string, password: string, now: number): Promise<LoginOutcome> {
  const guess = await chargeGuess(c, tenantId, username, now);
  if (!guess.ok) return { ok: false, reason: 'locked', until: guess.until };
  // The account is where the county lives (its shard).
  const user = await userForLogin(c.var.accountsDb, tenantId, username.trim());
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  if (user.disabledAt) return { ok: false, reason: 'disabled' };
  await guess.succeeded();
  return { ok: true, user };
}

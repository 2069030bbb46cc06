/**
 * The login rate limit: after too many failures in a window an account, or
 * an IP address, is locked for a while. Counters live in D1 (see
 * db/platform-data.ts) so every isolate sees the same numbers.
 */

export const THROTTLE = {
  /** Failures counted within this window. */
  windowMs: 15 * 60_000,
  /** Per account (tenant + username). */
  maxFailuresPerAccount: 5,
  /** Per client IP, across accounts. */
  maxFailuresPerIp: 20,
  lockMs: 15 * 60_000,
} as const;

export function accountKey(tenantId: number | null, username: string): string {
  return `acct:${tenantId ?? 'platform'}:${username.trim().toLowerCase()}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** Minutes left until a lock ends, rounded up, at least 1. */
export function minutesUntil(lockedUntil: number, now: number): number {
  return Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
}

/** HH:MM in China time (UTC+8), for telling the user when to retry. */
export { chinaClock } from './china-time';

/**
 * One-time password codes (一次性验证码): what an admin hands a user whose
 * password was reset, and what the operator hands a new county's first
 * admin. Only the SHA-256 is stored (users.reset_code_hash); a code works
 * once and lapses after `RESET_CODE_TTL_MS`.
 */
import { randomToken, sha256Hex } from './token';

export const RESET_CODE_TTL_MS = 72 * 3600 * 1000;

/** 16 base32 characters (80 bits), shown as four groups: `abcd-efgh-ijkl-mnop`. */
export async function newResetCode(now = Date.now()): Promise<{ code: string; hash: string; expiresAt: number }> {
  const raw = randomToken(10).slice(0, 16);
  const code = raw.match(/.{4}/g)!.join('-');
  return { code, hash: await hashResetCode(code), expiresAt: now + RESET_CODE_TTL_MS };
}

/** The stored form of a code as typed (case, spaces and dashes do not matter). */
export function hashResetCode(typed: string): Promise<string> {
  return sha256Hex(typed.toLowerCase().replace(/[\s-]/g, ''));
}

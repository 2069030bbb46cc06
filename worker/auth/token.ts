/**
 * Session and CSRF tokens: 20 random bytes in lower-case base32; only the
 * SHA-256 of a session token is stored, so a leaked table opens no session.
 */

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function randomToken(bytes = 20): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

export { sha256Hex } from '../rules/sha256';

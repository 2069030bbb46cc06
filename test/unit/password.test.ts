import { describe, expect, it } from 'vitest';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../worker/auth/password';
import { randomToken, sha256Hex } from '../../worker/auth/token';

describe('password hashing (PBKDF2-SHA256)', () => {
  it('stores scheme, 100,000 iterations, a salt and the hash', async () => {
    const stored = await hashPassword('正确的密码');
    const [scheme, iterations, salt, hash] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(100_000);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(atob(salt!).length).toBe(16);
    expect(atob(hash!).length).toBe(32);
  });
  it('uses a different salt for each hash of the same password', async () => {
    expect(await hashPassword('same', 1000)).not.toBe(await hashPassword('same', 1000));
  });
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Huiyin@2026', 1000);
    expect(await verifyPassword('Huiyin@2026', stored)).toBe(true);
    expect(await verifyPassword('huiyin@2026', stored)).toBe(false);
  });
  it('refuses anything against a malformed hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'pbkdf2-sha256$abc$$')).toBe(false);
  });
});

describe('session tokens', () => {
  it('are 32 base32 characters from 20 random bytes, never repeated', () => {
    const a = randomToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(randomToken()).not.toBe(a);
  });
  it('are stored as their SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

// Signing in to a local Huiyin over HTTP, as the benches do before they time
// pages: the login form's POST, and the session cookie it sets.

/** The demo world's password (db/seed), shared by every demo account. */
export const DEMO_PASSWORD = 'Huiyin@2026';

/**
 * Posts the login form of `tenantPath` (e.g. '/t/taikang') and returns the
 * `hy_session=…` cookie; throws unless the server answered 303 with one.
 */
export async function signIn(baseUrl, tenantPath, username, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}${tenantPath}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    body: new URLSearchParams({ username, password }).toString(),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('hy_session='));
  if (res.status !== 303 || !session) throw new Error(`login as ${username} failed: HTTP ${res.status}, no hy_session cookie`);
  return session;
}

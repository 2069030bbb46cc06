/**
 * A tiny cookie-keeping client that talks to the worker over real HTTP
 * semantics (through its fetch handler, in workerd), like a browser without
 * JavaScript would: form posts, redirects by hand, Origin headers.
 */
import { exports } from 'cloudflare:workers';
import { TEST_PASSWORD } from './world';

export const ORIGIN = 'http://localhost';

export type Form = Record<string, string | string[]>;

export function encodeForm(form: Form): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  }
  return params.toString();
}

/** The value of the first hidden input named `name` in a page. */
export function hiddenValue(html: string, name: string): string {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  if (!m) throw new Error(`no hidden ${name} in page`);
  return m[1]!;
}

let nextIp = 1;

export class Browser {
  readonly cookies = new Map<string, string>();
  /** Each client its own address, as Cloudflare reports it, so login rate limits don't leak between tests. */
  readonly ip = `10.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp++ & 255}`;
  constructor(readonly origin = ORIGIN) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'CF-Connecting-IP': this.ip, ...init.headers };
    if (this.cookies.size) headers['Cookie'] = this.cookieHeader();
    const res = await exports.default.fetch(new Request(this.origin + path, { ...init, headers, redirect: 'manual' }));
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value!.trim());
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.fetch(path, { headers });
  }

  post(path: string, form: Form, headers: Record<string, string> = {}) {
    return this.fetch(path, {
      method: 'POST',
      body: encodeForm(form),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.origin, ...headers },
    });
  }

  /** A multipart form post (a form with files). */
  postMultipart(path: string, form: FormData, headers: Record<string, string> = {}) {
    return this.fetch(path, { method: 'POST', body: form, headers: { Origin: this.origin, ...headers } });
  }

  /** Signs in on a tenant's login form; throws unless it redirects home. */
  async login(base: string, username: string, password = TEST_PASSWORD): Promise<void> {
    const res = await this.post(`${base}/login`, { username, password });
    if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  }

  /** The page's form token (from any signed-in page). */
  async csrf(base: string): Promise<string> {
    const res = await this.get(`${base}/suggestions/new`);
    const html = await res.text();
    return hiddenValue(html, '_csrf');
  }
}

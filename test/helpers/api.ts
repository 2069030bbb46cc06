/**
 * Calling /api/v1 as an app would: a token created on the 接口令牌 page,
 * then JSON requests with `Authorization: Bearer …` and no cookies.
 */
import { exports } from 'cloudflare:workers';
import { Browser, ORIGIN, hiddenValue } from './browser';
import { people, type Who } from './flow';
import type { World } from './world';

/** Creates a token on the tokens page as the browser's user; returns it (shown only once). */
export async function createToken(b: Browser, base: string, name = '测试应用'): Promise<string> {
  const page = await (await b.get(`${base}/account/tokens`)).text();
  const res = await b.post(`${base}/account/tokens`, { _csrf: hiddenValue(page, '_csrf'), name });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`token not created: ${res.status}`);
  const token = html.match(/id="new-token"[^>]*value="(hy_[a-z2-7]+)"/)?.[1] ?? html.match(/value="(hy_[a-z2-7]+)"[^>]*id="new-token"/)?.[1];
  if (!token) throw new Error('no token on the page');
  return token;
}

/** One token per account of a world, created through the page. */
export function tokens(w: World) {
  const as = people(w);
  const cache = new Map<Who, Promise<string>>();
  return (who: Who): Promise<string> => {
    let t = cache.get(who);
    if (!t) {
      t = as(who).then((b) => createToken(b, w.base));
      cache.set(who, t);
    }
    return t;
  };
}

export interface ApiCall {
  token?: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON (Content-Type: application/json). */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A request to the worker with no cookies (`path` on the platform host, or a full URL). */
export function api(path: string, call: ApiCall = {}): Promise<Response> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers['Authorization'] = `Bearer ${call.token}`;
  let body = call.body;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers['Content-Type'] ??= 'application/json';
  }
  const method = call.method ?? (body !== undefined ? 'POST' : 'GET');
  return exports.default.fetch(new Request(path.startsWith('http') ? path : ORIGIN + path, { method, body, headers, redirect: 'manual' }));
}

/** The JSON body of a response (throws if it is not JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever shape it asserts on
export async function json<T = any>(res: Response): Promise<T> {
  const type = res.headers.get('Content-Type') ?? '';
  const raw = await res.text();
  if (!type.startsWith('application/json')) throw new Error(`not JSON (${res.status} ${type}): ${raw.slice(0, 200)}`);
  return JSON.parse(raw) as T;
}

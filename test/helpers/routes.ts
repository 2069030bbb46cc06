/**
 * The app's routes as the router records them, and concrete paths for a
 * route pattern: what the generated tests (route isolation, hostile input)
 * walk, so a new route is covered without touching them.
 */
import { createPlatformApp } from '../../worker/app';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
}

/** The routes of the app as Hono records them (middleware entries are `ALL`). */
export function appRoutes(): Route[] {
  const seen = new Map<string, Route>();
  for (const r of createPlatformApp().routes) {
    if (r.method === 'ALL') continue; // middleware (session, tenant, CSRF…), not an endpoint
    if (r.method !== 'GET' && r.method !== 'POST') throw new Error(`no requests generated for method ${r.method} ${r.path}`);
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** Concrete paths for a route pattern, or the names of parameters nobody knows how to fill. */
export function expand(pattern: string, values: Record<string, string[]>): { paths: string[]; unknown: string[] } {
  let paths = [''];
  const unknown: string[] = [];
  for (const segment of pattern.split('/').slice(1)) {
    const param = segment.match(/^:([A-Za-z_]+)(\{.*\})?$/);
    if (!param) {
      paths = paths.map((p) => `${p}/${segment}`);
      continue;
    }
    const options = values[param[1]!];
    if (!options?.length) {
      unknown.push(param[1]!);
      continue;
    }
    paths = paths.flatMap((p) => options.map((v) => `${p}/${v}`));
  }
  return { paths: paths.map((p) => p || '/'), unknown };
}

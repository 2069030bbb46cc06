/**
 * The OpenAPI document of /api/v1 and the router agree: every route of the
 * API router is documented with its method, every documented operation is
 * routed (on both entrances) and answers — none falls through to the
 * unknown-path 404. Plus the JSON 500 for an unexpected error.
 */
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { describe, expect, it, vi } from 'vitest';
import { API_ENDPOINTS, apiOnError, createApi } from '../../worker/api';
import { openApiPath } from '../../worker/api/openapi';
import { createMappedHostApp, createPlatformApp } from '../../worker/app';
import type { AppEnv } from '../../worker/context';
import { api, json, tokens } from '../helpers/api';
import { people, submitSuggestion } from '../helpers/flow';
import { createWorld } from '../helpers/world';

const routeKeys = (routes: { method: string; path: string }[], prefix = '') =>
  [...new Set(routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${prefix}${r.path}`))].sort();

describe('OpenAPI 3.1 document', () => {
  it('documents exactly the routes of the API router, each with its method, Chinese summary and JSON responses', async () => {
    const w = await createWorld('apidoc');
    const res = await api(`${w.base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: `http://localhost${w.base}/api/v1` }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const routed = [
      ...new Set(
        createApi('path')
          .routes.filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method} ${openApiPath(r.path)}`),
      ),
    ].sort();
    expect(routed).toEqual(documented);
    expect(documented.length).toBe(API_ENDPOINTS.length);

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON document, read loosely by the test
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
        const success = op.responses['200'] ?? op.responses['201'];
        expect(success.content['application/json'].schema, `${method} ${path}`).toBeTypeOf('object');
        if (path !== '/openapi.json') expect(op.responses['401'], `${method} ${path}`).toBeDefined();
        if (method === 'post') {
          expect(op.requestBody.content['application/json'].schema.type, `${method} ${path}`).toBe('object');
          expect(op.responses['415'], `${method} ${path}`).toBeDefined();
        }
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON document, read loosely by the test
        for (const param of (op.parameters ?? []).filter((p: any) => p.in === 'path')) expect(path).toContain(`{${param.name}}`);
      }
    }
  });

  it('every API route is mounted on both entrances: /t/{slug}/api/v1 and /api/v1 on a mapped hostname', () => {
    const own = routeKeys(createApi('path').routes);
    const platform = new Set(routeKeys(createPlatformApp().routes));
    const mapped = new Set(routeKeys(createMappedHostApp().routes));
    for (const key of own) {
      const [method, path] = key.split(' ');
      expect(platform.has(`${method} /t/:slug/api/v1${path}`), key).toBe(true);
      expect(mapped.has(`${method} /api/v1${path}`), key).toBe(true);
    }
  });

  it('every documented operation answers (none falls through to the unknown-path 404)', async () => {
    const w = await createWorld('apidocwalk');
    const id = await submitSuggestion(w, await people(w)('deputy'));
    const token = await tokens(w)('deputy');
    const doc = await json(await api(`${w.base}/api/v1/openapi.json`));
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        const url = `${w.base}/api/v1${path.replace('{id}', String(id))}`;
        const res =
          method === 'get' ? await api(url, { token }) : await api(url, { token, json: {}, headers: { 'Idempotency-Key': crypto.randomUUID() } });
        const body = await json(res);
        expect(body.error?.code, `${method} ${path} → ${res.status}`).not.toBe('not_found');
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });
});

describe('an unexpected error', () => {
  it('is answered as JSON 500 with the request id, and logged with it', async () => {
    const app = new Hono<AppEnv>();
    app.use(requestId());
    app.onError(apiOnError);
    app.get('/boom', () => {
      throw new Error('database went away');
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request('/boom', {}, env);
    expect(res.status).toBe(500);
    const id = res.headers.get('X-Request-Id')!;
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain(id);
    expect(body.error.message).not.toContain('database went away');
    expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toContain(id);
    log.mockRestore();
  });
});

/**
 * Self-hosted static assets (htmx, CSS, the enhancement script) under
 * content-hashed URLs, cached for a year as immutable. Never from a CDN.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { ASSETS } from '../assets/generated';

const byPath = new Map<string, (typeof ASSETS)[keyof typeof ASSETS]>(Object.values(ASSETS).map((a) => [a.path, a]));

export const assetRoutes = new Hono<AppEnv>();

assetRoutes.get('/assets/:file', (c) => {
  const asset = byPath.get(new URL(c.req.url).pathname);
  if (!asset) return c.notFound();
  const etag = `"${asset.hash}"`;
  const headers = {
    'Content-Type': asset.type,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
  };
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
  return c.body(asset.body, 200, headers);
});

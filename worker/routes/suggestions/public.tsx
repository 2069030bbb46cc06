/**
 * 公开: the county's public pages, without login — the list of published
 * replies (searchable), one reply, and the echo wall (代表回音壁). Mounted
 * before the session middleware, so no session is read here; the tenant
 * comes from the path or the mapped hostname like every other page. The
 * same HTML goes to every reader: cacheable for a few minutes, and
 * revalidated by ETag (304 when unchanged). Unknown or unpublished: 404.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import * as z from 'zod';
import type { Child } from 'hono/jsx';
import type { AppContext, AppEnv } from '../../context';
import { databaseForTenant } from '../../../db/client';
import { publicData, PUBLIC_PAGE_SIZE } from '../../../db/public-data';
import { chinaDateOf } from '../../rules/calendar';
import { charCount } from '../../rules/char-count';
import { ASSETS } from '../../assets/generated';
import { EchoWallPage, PublicListPage, PublicNotFound, PublicReplyPage, PublicShell } from '../../../views/pages/public';
import { text } from '../../../views/text/index';

/** How long a browser or proxy may reuse a public page before revalidating it. */
export const PUBLIC_MAX_AGE = 300;
const CACHE_CONTROL = `public, max-age=${PUBLIC_MAX_AGE}`;

const querySchema = z.object({
  q: z.string().max(150).catch(''),
  page: z.coerce.number().int().min(0).max(999).catch(0),
});

/** Search words: at most 5, each 1–30 characters. */
function searchWords(q: string): string[] {
  return q
    .split(/\s+/)
    .filter((w) => w.length > 0 && charCount(w) <= 30)
    .slice(0, 5);
}

function dataOf(c: AppContext) {
  return publicData(databaseForTenant(c.env, c.var.tenant), c.var.tenant.id);
}

function render(c: AppContext, title: string, body: Child, status: 200 | 404 = 200) {
  if (status === 200) c.header('Cache-Control', CACHE_CONTROL);
  const page = PublicShell({ title, countyName: c.var.tenant.name, base: c.var.base, cssHref: ASSETS.css.path, children: body });
  return c.html(page, status);
}

export const publicRoutes = new Hono<AppEnv>();

publicRoutes.get('/public', etag(), async (c) => {
  const { q, page } = querySchema.parse({ q: c.req.query('q') ?? '', page: c.req.query('page') ?? '0' });
  const words = searchWords(q);
  const rows = await dataOf(c).list(words, page);
  const body = PublicListPage({
    base: c.var.base,
    items: rows.slice(0, PUBLIC_PAGE_SIZE),
    query: words.join(' '),
    page,
    hasMore: rows.length > PUBLIC_PAGE_SIZE,
  });
  return render(c, text.public.title, body);
});

publicRoutes.get('/public/wall', etag(), async (c) => {
  const year = Number(chinaDateOf(Date.now()).slice(0, 4));
  const { recent, figures } = await dataOf(c).wall(year);
  return render(c, text.public.wallTitle, EchoWallPage({ base: c.var.base, year, figures, recent }));
});

publicRoutes.get('/public/:id{[0-9]{1,15}}', etag(), async (c) => {
  const reply = await dataOf(c).reply(Number(c.req.param('id')));
  if (!reply) return render(c, text.public.notFoundTitle, PublicNotFound({ base: c.var.base }), 404);
  return render(c, reply.title, PublicReplyPage({ base: c.var.base, r: reply }));
});

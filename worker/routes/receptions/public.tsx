/**
 * 代表接待日安排 on the county's public pages: upcoming receptions (today
 * on, not cancelled) of this county only — station, day, time, place and
 * the deputies' names, leaving out deputies who asked for confidentiality
 * (decided in SQL). Mounted with the other public pages, before any session.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../../context';
import { chinaDateOf } from '../../rules/calendar';
import { ASSETS } from '../../assets/generated';
import { PUBLIC_MAX_AGE } from '../suggestions/public';
import { PublicShell } from '../../../views/pages/public';
import { PublicReceptionsPage } from '../../../views/pages/receptions-monthly';
import { text } from '../../../views/text/index';

export const receptionPublicRoutes = new Hono<AppEnv>();

receptionPublicRoutes.get('/public/receptions', etag(), async (c) => {
  const items = await c.var.data.receptions.publicUpcoming(chinaDateOf(Date.now()));
  const title = text.receptions.public.title;
  c.header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE}`);
  const page = PublicShell({
    title,
    countyName: c.var.tenant.name,
    base: c.var.base,
    cssHref: ASSETS.css.path,
    children: PublicReceptionsPage({ items }),
  });
  return c.html(page);
});

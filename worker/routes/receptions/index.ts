/**
 * 接待日 ("321"): the signed-in pages; the public page is mounted with the
 * other public ones (public.tsx).
 *
 * The skeleton every area follows (suggestions, receptions, 民生实事), so
 * that learning one teaches the others:
 *   worker/forms/receptions.ts              form schemas and their Chinese messages, run by form() (forms/validate.ts)
 *   worker/rules/...                    the pure rules, the visibility rule among them (canSeeReception, rules/reception-visibility.ts)
 *   worker/routes/receptions/load.ts        one object for this request: tenant-scoped and visible, or null (notFound)
 *   worker/routes/receptions/<action>.tsx   one file per thing the user does: validate, call, render
 *   worker/routes/receptions/public.tsx     the public pages (no session)
 *   worker/routes/receptions/index.ts       wiring only
 *   views/text/receptions.ts                the area's texts
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { scheduleRoutes } from './schedule';
import { issueRoutes } from './issues';
import { monthlyRoutes } from './monthly';

export const receptionRoutes = new Hono<AppEnv>();
receptionRoutes.route('/', monthlyRoutes);
receptionRoutes.route('/', scheduleRoutes);
receptionRoutes.route('/', issueRoutes);

export { receptionPublicRoutes } from './public';

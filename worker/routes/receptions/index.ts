/**
 * 接待日 ("321"): the signed-in pages; the public page is mounted with the
 * other public ones (public.tsx).
 *
 * The skeleton every area follows (suggestions, receptions, 民生实事), so
 * that learning one teaches the others (<area> = receptions here):
 *   worker/forms/<area>.ts       form schemas and their Chinese messages, run by
 *                                form() or checkPosted() (worker/forms/validate.ts)
 *   worker/rules/                the pure rules, the visibility rule among them
 *                                (canSeeReception in rules/reception-visibility.ts)
 *   routes/<area>/load.ts        one object for this request: tenant-scoped and
 *                                visible, or null (then notFound, worker/errors.ts)
 *   routes/<area>/<action>.tsx   one file per thing the user does: validate, call, render
 *   routes/<area>/public.tsx     the public pages (no session, mounted before it)
 *   routes/<area>/index.ts       wiring only
 *   views/text/<area>.ts         the area's texts
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

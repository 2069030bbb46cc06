/**
 * 民生实事项目票决制 routes: signed-in pages (list, proposals, a project,
 * ballots) and the public ones (mounted before the session middleware).
 *
 * The skeleton every area follows (suggestions, receptions, 民生实事), so
 * that learning one teaches the others (<area> = projects here):
 *   worker/forms/<area>.ts       form schemas and their Chinese messages, run by
 *                                form() or checkPosted() (worker/forms/validate.ts)
 *   worker/rules/                the pure rules, the visibility rule among them
 *                                (canSeeProject in rules/projects.ts)
 *   routes/<area>/load.ts        one object for this request: tenant-scoped and
 *                                visible, or null (then notFound, worker/errors.ts)
 *   routes/<area>/<action>.tsx   one file per thing the user does: validate, call, render
 *   routes/<area>/public.tsx     the public pages (no session, mounted before it)
 *   routes/<area>/index.ts       wiring only
 *   views/text/<area>.ts         the area's texts
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { collectRoutes } from './collect';
import { detailRoutes } from './detail';
import { ballotRoutes } from './ballots';

export { publicProjectRoutes } from './public';

export const projectRoutes = new Hono<AppEnv>();
projectRoutes.route('/', collectRoutes);
projectRoutes.route('/', detailRoutes);
projectRoutes.route('/', ballotRoutes);

/**
 * 民生实事项目票决制 routes: signed-in pages (list, proposals, a project,
 * ballots) and the public ones (mounted before the session middleware).
 *
 * The skeleton every area follows (suggestions, receptions, 民生实事), so
 * that learning one teaches the others:
 *   worker/forms/projects.ts              form schemas and their Chinese messages, run by form() (forms/validate.ts)
 *   worker/rules/...                    the pure rules, the visibility rule among them (canSeeProject, rules/projects.ts)
 *   worker/routes/projects/load.ts        one object for this request: tenant-scoped and visible, or null (notFound)
 *   worker/routes/projects/<action>.tsx   one file per thing the user does: validate, call, render
 *   worker/routes/projects/public.tsx     the public pages (no session)
 *   worker/routes/projects/index.ts       wiring only
 *   views/text/projects.ts                the area's texts
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

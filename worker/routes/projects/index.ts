/**
 * 民生实事项目票决制 routes: signed-in pages (list, proposals, a project,
 * ballots) and the public ones (mounted before the session middleware).
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

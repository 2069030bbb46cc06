/** 接待日 ("321"): the signed-in pages; the public page is mounted with the other public ones (public.tsx). */
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

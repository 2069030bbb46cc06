/**
 * 代表建议: the signed-in pages and actions; the public pages (答复公开, 回音壁)
 * are mounted with the other public ones, before the session middleware.
 *
 * The same skeleton as receptions and 民生实事 (worker/routes/receptions/index.ts,
 * docs/decisions/0010-area-skeleton.md), with one difference: what one request
 * loads (`loadSuggestion`) and what each action does are use cases in
 * worker/usecases/suggestions/, because the JSON API calls them too.
 *   worker/forms/suggestions.ts, suggestion-actions.ts   the forms
 *   worker/rules/roles.ts canSeeSuggestion, handling-actions.ts   visibility, offered actions
 *   routes/suggestions/<action>.tsx   submit, view, bulk-assign, act: validate, call, render
 *   routes/suggestions/public.tsx     the public pages
 *   views/text/suggestions.ts, handling.ts   the texts
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { submitRoutes } from './submit';
import { viewRoutes } from './view';
import { bulkAssignRoutes } from './bulk-assign';
import { actRoutes } from './act';

export const suggestionRoutes = new Hono<AppEnv>();
suggestionRoutes.route('/', submitRoutes);
suggestionRoutes.route('/', viewRoutes);
suggestionRoutes.route('/', bulkAssignRoutes);
suggestionRoutes.route('/', actRoutes);

export { publicRoutes as suggestionPublicRoutes } from './public';

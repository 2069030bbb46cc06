/** The platform's own pages: the landing page listing counties, and the operator's console. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { activeTenants, platformAuditLog, tenantSummariesAcrossShards } from '../../db/platform-data';
import { databaseOn } from '../../db/client';
import { loadSession } from '../auth/session';
import { requireAction } from '../middleware/access';
import { loginRoutes } from './login';
import { PlatformLandingPage } from '../../views/pages/homes';
import { OperatorConsolePage } from '../../views/pages/operator';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';
import { tenantRoutes } from './platform/tenants';
import { archiveRoutes } from './platform/archive';

export const platformRoutes = new Hono<AppEnv>();

platformRoutes.get('/', async (c) => {
  const tenants = await activeTenants(c.var.platformDb);
  return c.html(pageShell(c, text.home.platformTitle, PlatformLandingPage({ tenants })));
});

const operator = new Hono<AppEnv>();
// Only the operator's own session counts here; a county's session is refused (worker/auth/session.ts).
operator.use('*', loadSession('platform'));
operator.route('/', loginRoutes('platform'));
operator.get('/', requireAction('platform.operate'), async (c) => {
  const [tenants, recent] = await Promise.all([
    tenantSummariesAcrossShards(c.var.platformDb, (binding) => databaseOn(c.env, binding)),
    platformAuditLog(c.var.platformDb),
  ]);
  const done = c.req.query('done');
  const name = c.req.query('name') ?? '';
  const d = text.operator.done;
  const notices: Record<string, string> = {
    suspended: d.suspended(name),
    resumed: d.resumed(name),
    deleted: d.deleted(name),
    restored: text.operator.restore.done(name, Number(c.req.query('rows')) || 0),
  };
  const notice = done ? notices[done] : undefined;
  const body = OperatorConsolePage({ tenants, recent, csrfToken: c.var.csrfToken ?? '', notice });
  return c.html(pageShell(c, text.operator.console.title, body));
});
operator.route('/', tenantRoutes);
operator.route('/', archiveRoutes);

platformRoutes.route('/platform', operator);

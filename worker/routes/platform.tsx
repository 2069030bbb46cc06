/** The platform's own pages: the landing page listing counties, and the operator's console. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { activeTenants, tenantSummaries } from '../../db/platform-data';
import { loadSession } from '../auth/session';
import { requireAction } from '../middleware/access';
import { loginRoutes } from './login';
import { PlatformConsolePage, PlatformLandingPage } from '../../views/pages/homes';
import { pageShell } from '../../views/render';
import { text } from '../../views/i18n';

export const platformRoutes = new Hono<AppEnv>();

platformRoutes.get('/', async (c) => {
  const tenants = await activeTenants(c.var.platformDb);
  return c.html(pageShell(c, text.home.platformTitle, PlatformLandingPage({ tenants })));
});

const operator = new Hono<AppEnv>();
operator.use('*', loadSession('platform'));
operator.route('/', loginRoutes('platform'));
operator.get('/', requireAction('platform.operate'), async (c) => {
  const tenants = await tenantSummaries(c.var.platformDb);
  return c.html(pageShell(c, text.platform.title, PlatformConsolePage({ tenants })));
});

platformRoutes.route('/platform', operator);

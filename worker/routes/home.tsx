/** A county's front door: the login page for visitors, the role's own home for users. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { can } from '../rules/roles';
import { renderSuggestionList } from './suggestions/view';
import { AdminHomePage } from '../../views/pages/homes';
import { renderInbox } from './worklists';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get('/', async (c) => {
  const user = c.var.user;
  if (!user) return c.redirect(`${c.var.base}/login`, 303);
  const role = user.role;
  if (can(role, 'suggestion.view_own') || can(role, 'suggestion.view_all')) return renderSuggestionList(c);
  if (can(role, 'tenant.administer')) {
    const counts = await c.var.data.overviewCounts();
    return c.html(pageShell(c, text.nav.home, AdminHomePage({ base: c.var.base, name: user.displayName, counts })));
  }
  return renderInbox(c);
});

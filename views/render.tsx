/**
 * Turns a page body into a response body: the whole page normally, or only
 * the swapped part (<title> + #main) when htmx asks for it, so a boosted
 * navigation on a slow link moves a few hundred bytes instead of the page.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { AppContext } from '../worker/context';
import { ASSETS } from '../worker/assets/generated';
import { can } from '../worker/rules/roles';
import { Layout, Main, MenuNav, type NavLink } from './layout';
import { text } from './text/index';

/** True when htmx asked for this page and will swap #main itself. */
export function wantsPartial(c: AppContext): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';
}

function navFor(c: AppContext): NavLink[] {
  const user = c.var.user;
  if (!user) return [];
  const role = user.role;
  if (role === 'platform_operator') return [{ href: '/platform', label: text.platform.title }];
  const base = c.var.base;
  // The county's name in the top bar is the way home; the menu lists the rest.
  const links: NavLink[] = [];
  if (can(role, 'suggestion.submit_own') || can(role, 'suggestion.submit_for_deputy')) {
    links.push({ href: `${base}/suggestions`, label: text.nav.mySuggestions });
    links.push({ href: `${base}/suggestions/new`, label: text.nav.newSuggestion });
  }
  if (can(role, 'suggestion.rate')) links.push({ href: `${base}/to-rate`, label: text.nav.toRate });
  if (can(role, 'ledger.view_own')) links.push({ href: `${base}/ledger`, label: text.ledger.navOwn });
  if (can(role, 'suggestion.view_all')) {
    links.push({ href: `${base}/suggestions`, label: text.nav.incoming });
    links.push({ href: `${base}/tracking`, label: text.tracking.nav });
  }
  if (can(role, 'suggestion.supervise')) links.push({ href: `${base}/supervision`, label: text.board.nav });
  if (can(role, 'suggestion.publish')) links.push({ href: `${base}/disclosure`, label: text.disclosure.nav });
  if (can(role, 'statistics.view')) links.push({ href: `${base}/statistics`, label: text.stats.nav });
  if (can(role, 'reception.view')) links.push({ href: `${base}/receptions`, label: text.receptions.nav });
  if (can(role, 'project.view') || can(role, 'project.vote') || can(role, 'project.progress'))
    links.push({ href: `${base}/projects`, label: text.projects.nav });
  if (can(role, 'forum.report')) links.push({ href: `${base}/forums`, label: text.forums.nav });
  if (can(role, 'ledger.view_all')) links.push({ href: `${base}/ledger/deputies`, label: text.ledger.navAll });
  if (can(role, 'suggestion.handle')) links.push({ href: `${base}/inbox`, label: text.nav.inbox });
  if (can(role, 'tenant.administer')) {
    links.push({ href: `${base}/admin/calendar`, label: text.admin.nav.calendar });
    links.push({ href: `${base}/admin/settings`, label: text.admin.nav.settings });
    links.push({ href: `${base}/admin/users`, label: text.usersAdmin.nav.users }, { href: `${base}/admin/audit`, label: text.usersAdmin.nav.audit });
  }
  const unread = c.var.unread ?? 0;
  links.push({ href: `${base}/notifications`, label: unread > 0 ? `${text.nav.notifications}（${unread}）` : text.nav.notifications });
  return links;
}

export function pageShell(c: AppContext, title: string, body: Child) {
  if (wantsPartial(c)) {
    return (
      <>
        <title>{`${title} · ${c.var.tenant?.name ?? text.appName}`}</title>
        <Main title={title}>{body}</Main>
        <MenuNav links={navFor(c)} oob />
      </>
    );
  }
  const user = c.var.user;
  const inTenant = Boolean(c.var.tenant);
  const siteName = c.var.tenant?.name ?? text.home.platformTitle;
  return (
    <>
      {raw('<!doctype html>')}
      <Layout
        title={title}
        siteName={siteName}
        homeHref={inTenant ? `${c.var.base}/` : '/'}
        nav={navFor(c)}
        account={
          user && c.var.csrfToken
            ? {
                name: user.displayName,
                roleLabel: text.roles[user.role] ?? user.role,
                logoutAction: inTenant ? `${c.var.base}/logout` : '/platform/logout',
                href: inTenant ? `${c.var.base}/account` : undefined,
                csrfToken: c.var.csrfToken,
              }
            : undefined
        }
        cssHref={ASSETS.css.path}
        htmxSrc={ASSETS.htmx.path}
        enhanceSrc={ASSETS.enhance.path}
        nonce={c.var.secureHeadersNonce}
      >
        {body}
      </Layout>
    </>
  );
}

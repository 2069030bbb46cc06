/** The page frame: head, a small top bar with the user's links, and #main. */
import type { Child } from 'hono/jsx';
import { text } from './text/index';

/**
 * htmx boosts every link and form: it fetches the page and swaps only #main
 * (the server sends just that part when it sees HX-Request). Forms that
 * change the top bar (login, logout) opt out with hx-boost="false".
 */
const BOOST = { 'hx-boost:inherited': 'target:#main select:#main swap:outerHTML' };

export interface NavLink {
  href: string;
  label: string;
}

export interface ShellProps {
  title: string;
  /** The county's name, or the platform's. */
  siteName: string;
  homeHref: string;
  nav: NavLink[];
  /** Shown when signed in: name and a logout form. */
  account?: { name: string; roleLabel: string; logoutAction: string; csrfToken: string; href?: string };
  cssHref: string;
  htmxSrc: string;
  enhanceSrc: string;
  nonce?: string;
  children: Child;
}

/**
 * The top bar's menu. htmx swaps only #main, so a partial response sends
 * this again out of band (`oob`) to keep the unread count current.
 */
export function MenuNav(props: { links: NavLink[]; oob?: boolean }) {
  return (
    <nav id="menu" aria-label={text.nav.mainMenu} hx-swap-oob={props.oob ? 'true' : undefined}>
      {props.links.map((l) => (
        <a href={l.href}>{l.label}</a>
      ))}
    </nav>
  );
}

/** The part htmx swaps: the same element in full pages and partials. */
export function Main(props: { title: string; children: Child }) {
  return (
    <main id="main" tabindex={-1}>
      {props.children}
    </main>
  );
}

/** The head every page has (signed-in frame and public pages): charset, viewport, title, no favicon request, the CSS; `children` follow. */
export function DocumentHead(props: { title: string; cssHref: string; children?: Child }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>{props.title}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href={props.cssHref} />
      {props.children}
    </head>
  );
}

export function Layout(props: ShellProps) {
  return (
    <html lang="zh-CN">
      <DocumentHead title={`${props.title} · ${props.siteName}`} cssHref={props.cssHref}>
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <script src={props.htmxSrc} defer nonce={props.nonce}></script>
        <script src={props.enhanceSrc} defer nonce={props.nonce}></script>
      </DocumentHead>
      <body {...BOOST} data-network-error={text.common.networkError}>
        <a class="skip" href="#main">
          {text.nav.skipToContent}
        </a>
        <header class="top">
          <a class="brand" href={props.homeHref}>
            {text.appName} · {props.siteName}
          </a>
          <MenuNav links={props.nav} />
          {props.account && (
            <form method="post" action={props.account.logoutAction} class="account" hx-boost="false">
              {props.account.href ? (
                <a href={props.account.href} title={text.account.title}>
                  {props.account.name}（{props.account.roleLabel}）
                </a>
              ) : (
                <span>
                  {props.account.name}（{props.account.roleLabel}）
                </span>
              )}
              <input type="hidden" name="_csrf" value={props.account.csrfToken} />
              <button type="submit" class="link">
                {text.nav.logout}
              </button>
            </form>
          )}
        </header>
        <Main title={props.title}>{props.children}</Main>
      </body>
    </html>
  );
}

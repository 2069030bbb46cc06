/**
 * The public pages of one county (公开), for anyone without an account: the
 * searchable list of published replies, one reply, and the echo wall
 * (代表回音壁). Built for a phone on 2G: no script, no image, no web font,
 * only the shared stylesheet; the same HTML for every reader, so it can be
 * cached and revalidated with an ETag.
 */
import { Facts } from '../components/facts';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { PublicItem, PublicReply, YearFigures } from '../../db/public-data';
import { chinaDate } from '../format';
import { ItemList, LinkItem } from '../components/item-list';
import { PageHead } from '../components/page-head';
import { DocumentHead } from '../layout';
import { text } from '../text/index';

const p = text.public;

export interface PublicShellProps {
  title: string;
  countyName: string;
  /** The tenant's link prefix (`/t/{slug}`, or '' on a mapped hostname). */
  base: string;
  cssHref: string;
  children: Child;
}

/** The public frame: no scripts, no account bar; the county's name and two links. */
export function PublicShell(props: PublicShellProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="zh-CN">
        <DocumentHead title={`${props.title} · ${props.countyName}`} cssHref={props.cssHref} />
        <body>
          <a class="skip" href="#main">
            {text.nav.skipToContent}
          </a>
          <header class="top">
            <a class="brand" href={`${props.base}/public/wall`}>
              {props.countyName}
            </a>
            <nav aria-label={p.title}>
              <a href={`${props.base}/public`}>{p.listNav}</a>
              <a href={`${props.base}/public/wall`}>{p.wallNav}</a>
              <a href={`${props.base}/public/receptions`}>{text.receptions.public.nav}</a>
              <a href={`${props.base}/public/projects`}>{text.projects.public.nav}</a>
            </nav>
          </header>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

/** 领衔代表 as the public may see it. */
export function publicDeputy(name: string | null): string {
  return name ?? p.deputyWithheld;
}

function classLabel(c: string | null): string {
  return c ? (text.handling.classes[c] ?? c) : text.common.none;
}

function ItemLine(props: { base: string; item: PublicItem }) {
  const i = props.item;
  return (
    <LinkItem href={`${props.base}/public/${i.id}`} title={i.title}>
      {i.number ? `${i.number} · ` : ''}
      {i.unitNames} · {i.replyClass ? `${i.replyClass} 类` : ''} · {p.repliedOn} {chinaDate(i.repliedAt)}
    </LinkItem>
  );
}

export interface PublicListProps {
  base: string;
  items: PublicItem[];
  query: string;
  page: number;
  hasMore: boolean;
}

export function PublicListPage(props: PublicListProps) {
  const href = (n: number) => {
    const q = new URLSearchParams();
    if (props.query) q.set('q', props.query);
    if (n > 0) q.set('page', String(n));
    const s = q.toString();
    return `${props.base}/public${s ? `?${s}` : ''}`;
  };
  return (
    <section>
      <PageHead title={p.title} intro={p.intro} />
      <form method="get" action={`${props.base}/public`} role="search" class="card">
        <label for="public-q">{p.searchLabel}</label>
        <input type="text" id="public-q" name="q" value={props.query} maxlength={150} />
        <p>
          <button type="submit">{p.searchButton}</button>
        </p>
      </form>
      <ItemList items={props.items} empty={props.query ? p.noMatch : p.empty} item={(i) => <ItemLine base={props.base} item={i} />} />
      {(props.page > 0 || props.hasMore) && (
        <nav class="pager" aria-label={text.nav.pager}>
          {props.page > 0 && <a href={href(props.page - 1)}>{p.previous}</a>}
          {props.hasMore && <a href={href(props.page + 1)}>{p.next}</a>}
        </nav>
      )}
    </section>
  );
}

export function PublicReplyPage(props: { base: string; r: PublicReply }) {
  const { r } = props;
  return (
    <article>
      <h1>{r.title}</h1>
      <section class="card">
        <Facts
          class="facts"
          facts={[
            r.number && [text.suggestion.number, r.number],
            [p.deputy, publicDeputy(r.deputyName)],
            [p.unit, r.unitNames],
            [p.replyClass, classLabel(r.replyClass)],
            r.submittedAt !== null && [p.submittedOn, chinaDate(r.submittedAt)],
            [p.repliedOn, chinaDate(r.repliedAt)],
            [p.publishedOn, chinaDate(r.publishedAt)],
          ]}
        />
      </section>
      <section class="card">
        <h2>{p.suggestion}</h2>
        <div class="content">{r.content}</div>
      </section>
      <section class="card">
        <h2>{p.reply}</h2>
        <div class="content">{r.replyText}</div>
      </section>
      {r.redacted && <p class="meta">{p.redacted}</p>}
      <p>
        <a href={`${props.base}/public`}>{p.backToList}</a>
      </p>
    </article>
  );
}

/** n ÷ d as a percentage with one decimal, or a dash when nothing was counted. */
export function rate(n: number, d: number): string {
  return d > 0 ? `${((n / d) * 100).toFixed(1)}%` : p.notRated;
}

export function EchoWallPage(props: { base: string; year: number; figures: YearFigures; recent: PublicItem[] }) {
  const f = props.figures;
  return (
    <section>
      <h1>{p.wallTitle}</h1>
      <h2>{p.yearFigures(props.year)}</h2>
      <ul class="figures">
        <li>
          {p.figures.raised}
          <strong>{f.raised}</strong>
        </li>
        <li>
          {p.figures.replyRate}
          <strong>{rate(f.replied, f.assigned)}</strong>
        </li>
        <li>
          {p.figures.satisfaction}
          <strong>{rate(f.satisfied, f.rated)}</strong>
        </li>
        <li>
          {p.figures.published}
          <strong>{f.published}</strong>
        </li>
      </ul>
      <h2>{p.recent}</h2>
      <ItemList
        items={props.recent}
        empty={p.empty}
        item={(i) => (
          <LinkItem href={`${props.base}/public/${i.id}`} title={i.title}>
            {publicDeputy(i.deputyName)} · {i.unitNames} · {classLabel(i.replyClass)}
          </LinkItem>
        )}
      />
      <p>
        <a href={`${props.base}/public`}>{p.more}</a>
      </p>
    </section>
  );
}

export function PublicNotFound(props: { base: string }) {
  return (
    <section class="notice">
      <h1>{p.notFoundTitle}</h1>
      <p>{p.notFound}</p>
      <p>
        <a href={`${props.base}/public`}>{p.backToList}</a>
      </p>
    </section>
  );
}

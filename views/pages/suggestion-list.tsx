/** A list of suggestions: 我的建议 for a deputy, 收到的建议 for staff. */
import type { SuggestionListItem } from '../../db/tenant-data';
import { StateBadge } from '../components/state-badge';
import { FilterForm, type FilterFormProps } from '../components/filter-form';
import { chinaDate } from '../format';
import { text } from '../i18n';

export interface SuggestionListProps {
  base: string;
  title: string;
  items: SuggestionListItem[];
  /** For a deputy: which ones they lead (the rest they co-sign). */
  leadDeputyId?: number | null;
  newHref?: string;
  notice?: string;
  /** Marks the draft kept in the browser as sent. */
  clearDraft?: string;
  page: number;
  hasMore: boolean;
  /** Staff lists: filters and search. */
  filterForm?: FilterFormProps;
  /** The query string for page n (keeps the filters). */
  pageHref?: (n: number) => string;
}

function pageLink(props: SuggestionListProps, n: number): string {
  return props.pageHref ? props.pageHref(n) || '?' : `?page=${n}`;
}

export function SuggestionListPage(props: SuggestionListProps) {
  const t = text.suggestion;
  return (
    <section>
      <h1>{props.title}</h1>
      {props.notice && (
        <p class="alert ok" role="status" data-clear-draft={props.clearDraft}>
          {props.notice}
        </p>
      )}
      {props.newHref && (
        <p>
          <a class="button" href={props.newHref}>
            {text.nav.newSuggestion}
          </a>
        </p>
      )}
      {props.filterForm && <FilterForm {...props.filterForm} />}
      {props.items.length === 0 ? (
        <p class="card">{t.emptyList}</p>
      ) : (
        <ul class="list">
          {props.items.map((s) => (
            <li>
              <a href={`${props.base}/suggestions/${s.id}`}>{s.title}</a>
              <div class="meta">
                <StateBadge state={s.state} /> {s.number ?? ''} · {t.leadDeputy}：{s.leadDeputyName}
                {props.leadDeputyId != null && s.leadDeputyId !== props.leadDeputyId && ` · ${t.roleCosigner}`}
                {s.submittedAt ? ` · ${chinaDate(s.submittedAt)}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label={text.nav.pager}>
        {props.page > 0 && <a href={pageLink(props, props.page - 1)}>{text.nav.previousPage}</a>}
        {props.hasMore && <a href={pageLink(props, props.page + 1)}>{text.nav.nextPage}</a>}
      </nav>
    </section>
  );
}

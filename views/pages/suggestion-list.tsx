/** A list of suggestions: 我的建议 for a deputy, 收到的建议 for staff. */
import type { SuggestionListItem } from '../../db/tenant-data';
import { StateBadge } from '../components/state-badge';
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
        {props.page > 0 && <a href={`?page=${props.page - 1}`}>{text.nav.previousPage}</a>}
        {props.hasMore && <a href={`?page=${props.page + 1}`}>{text.nav.nextPage}</a>}
      </nav>
    </section>
  );
}

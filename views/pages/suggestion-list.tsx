/** A list of suggestions: 我的建议 for a deputy, 收到的建议 for staff. */
import { ExportLinks } from '../components/export-links';
import type { SuggestionListItem } from '../../db/tenant-data';
import { StateBadge } from '../components/state-badge';
import { ColourBadge } from '../components/colour-badge';
import { FilterForm, type FilterFormProps } from '../components/filter-form';
import { chinaDate } from '../format';
import { ForumTopicsNotice } from './forums';
import { PostForm } from '../components/form';
import { text } from '../text/index';

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
  /** 交办会: accepted suggestions listed with checkboxes and one assignment form. */
  bulk?: { action: string; csrfToken: string; units: { id: number; name: string }[]; errors: Record<string, string> };
  /** The query string for page n (keeps the filters). */
  pageHref?: (n: number) => string;
  /** Where the whole list downloads (a liaison clerk's own list). */
  exportHref?: string;
  /** 单月座谈议题 open today (a deputy's or clerk's home). */
  forumTopics?: { id: number; month: string; title: string; closesOn: string }[];
}

function Item(props: { s: SuggestionListItem; base: string; leadDeputyId?: number | null; checkbox?: boolean }) {
  const { s } = props;
  const t = text.suggestion;
  return (
    <li>
      {props.checkbox && <input type="checkbox" name="ids" value={String(s.id)} id={`pick-${s.id}`} aria-label={s.title} />}{' '}
      <a href={`${props.base}/suggestions/${s.id}`}>{s.title}</a>
      <div class="meta">
        <StateBadge state={s.state} /> <ColourBadge colour={s.colour} /> {s.number ?? ''} · {t.leadDeputy}：{s.leadDeputyName}
        {props.leadDeputyId != null && s.leadDeputyId !== props.leadDeputyId && ` · ${t.roleCosigner}`}
        {s.submittedAt ? ` · ${chinaDate(s.submittedAt)}` : ''}
      </div>
    </li>
  );
}

/** The accepted suggestions with checkboxes, then the units they all go to. */
function BulkAssignForm(props: {
  base: string;
  action: string;
  csrfToken: string;
  units: { id: number; name: string }[];
  errors: Record<string, string>;
  items: SuggestionListItem[];
}) {
  const b = text.bulk;
  const f = text.handling.fields;
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="bulk">
      <p>{b.intro}</p>
      {props.errors.ids && (
        <p class="alert" role="alert">
          {props.errors.ids}
        </p>
      )}
      <ul class="list">
        {props.items.map((s) => (
          <Item s={s} base={props.base} checkbox />
        ))}
      </ul>
      <div class="card">
        <label for="bulk-lead">{f.leadUnit}</label>
        {props.errors.lead_unit && (
          <p class="error" role="alert">
            {props.errors.lead_unit}
          </p>
        )}
        <select id="bulk-lead" name="lead_unit">
          <option value="">{text.suggestion.choose}</option>
          {props.units.map((u) => (
            <option value={String(u.id)}>{u.name}</option>
          ))}
        </select>
        <label for="bulk-assist">{f.assistUnits}</label>
        <select id="bulk-assist" name="assist_units" multiple size={4}>
          {props.units.map((u) => (
            <option value={String(u.id)}>{u.name}</option>
          ))}
        </select>
        <button type="submit">{b.submit}</button>
      </div>
    </PostForm>
  );
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
      {props.forumTopics && <ForumTopicsNotice base={props.base} topics={props.forumTopics} />}
      {props.newHref && (
        <p>
          <a class="button" href={props.newHref}>
            {text.nav.newSuggestion}
          </a>
        </p>
      )}
      {props.filterForm && <FilterForm {...props.filterForm} />}
      {props.exportHref && props.items.length > 0 && <ExportLinks href={props.exportHref} />}
      {props.items.length === 0 ? (
        <p class="card">{t.emptyList}</p>
      ) : props.bulk ? (
        <BulkAssignForm {...props.bulk} base={props.base} items={props.items} />
      ) : (
        <ul class="list">
          {props.items.map((s) => (
            <Item s={s} base={props.base} leadDeputyId={props.leadDeputyId} />
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

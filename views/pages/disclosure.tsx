/**
 * 公开, the staff's pages: 待公开 (replies waiting to be published, the
 * ones past the disclosure window first, with a batch form), the form that
 * edits a suggestion's public copy before publishing, and the box on a
 * suggestion's page that says whether it is public. Links to the public
 * pages are full loads (hx-boost off): those pages have their own frame.
 */
import { Facts } from '../components/facts';
import { ExportLinks } from '../components/export-links';
import { TextAreaField, TextField, type FieldErrors, fieldsOf } from '../components/field';
import { Notice, PostButton, PostForm } from '../components/form';
import { chinaDate } from '../format';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import { publicDeputy } from './public';

const d = text.disclosure;

export interface PendingItem {
  id: number;
  number: string | null;
  title: string;
  replyClass: string | null;
  repliedAt: number;
  due: string;
  waitedDays: number;
  overdue: boolean;
  overdueDays: number;
}

export interface PendingPageProps {
  base: string;
  csrfToken: string;
  /** The tenant's window in words, e.g. "20 个工作日". */
  window: string;
  items: PendingItem[];
  publishedCount: number;
  notice?: string;
  errors: Record<string, string>;
  /** Ticked ids, kept when the batch form comes back with a message. */
  chosen: number[];
}

export function PendingPage(props: PendingPageProps) {
  const overdue = props.items.filter((i) => i.overdue).length;
  return (
    <section>
      <PageHead title={d.pendingTitle} notice={props.notice} />
      <p>{d.pendingIntro(props.window)}</p>
      {props.items.length > 0 && <ExportLinks href={`${props.base}/disclosure`} />}
      <p class="meta">
        {text.common.total(props.items.length)}
        {overdue > 0 && ` · ${d.overdueShort} ${overdue}`} · {d.publishedCount(props.publishedCount)} ·{' '}
        <a href={`${props.base}/public`} hx-boost="false">
          {d.openPublic}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p class="card">{d.pendingEmpty}</p>
      ) : (
        <PostForm action={`${props.base}/disclosure/publish`} csrfToken={props.csrfToken}>
          <p class="hint">{d.batchIntro}</p>
          {props.errors.ids && (
            <p class="error" role="alert" id="batch-error">
              {props.errors.ids}
            </p>
          )}
          <ul class="list" aria-describedby={props.errors.ids ? 'batch-error' : undefined}>
            {props.items.map((i) => (
              <li>
                <input
                  type="checkbox"
                  name="ids"
                  value={String(i.id)}
                  id={`pick-${i.id}`}
                  aria-label={i.title}
                  checked={props.chosen.includes(i.id)}
                />{' '}
                <a href={`${props.base}/suggestions/${i.id}`}>{i.title}</a>
                <div class="meta">
                  {i.number ?? ''} · {d.repliedOn} {chinaDate(i.repliedAt)} · {d.due} {i.due} · {d.waited(i.waitedDays)}
                  {i.overdue && <strong class="late"> {d.overdue(i.overdueDays)}</strong>}
                </div>
              </li>
            ))}
          </ul>
          <button type="submit">{d.batchSubmit}</button>
        </PostForm>
      )}
    </section>
  );
}

export type PublishValues = Record<'title' | 'content' | 'reply_text', string>;

export interface PublishFormProps {
  base: string;
  suggestionId: number;
  number: string | null;
  csrfToken: string;
  /** The lead deputy's name as it will be shown (null: withheld on request). */
  shownDeputy: string | null;
  unitNames: string;
  replyClass: string | null;
  repliedAt: number | null;
  values: PublishValues;
  errors: FieldErrors;
  alert?: string;
  /** Already public: the form edits the public copy. */
  published: boolean;
}

export function PublishFormPage(props: PublishFormProps) {
  const v = props.values;
  const e = props.errors;
  const field = fieldsOf(v, e);
  return (
    <section>
      <PageHead title={d.formTitle} alert={props.alert} />
      <Notice alert={Object.keys(e).length > 0 ? text.suggestion.fixErrors : undefined} />
      <p>{d.formIntro}</p>
      <section class="card">
        <Facts
          class="facts"
          facts={[
            [text.suggestion.number, props.number ?? text.common.none],
            [d.shownDeputy, publicDeputy(props.shownDeputy)],
            [text.public.unit, props.unitNames || text.common.none],
            [text.public.replyClass, props.replyClass ? (text.handling.classes[props.replyClass] ?? props.replyClass) : text.common.none],
            [text.public.repliedOn, props.repliedAt ? chinaDate(props.repliedAt) : text.common.none],
          ]}
        />
      </section>
      <PostForm action={`${props.base}/suggestions/${props.suggestionId}/publish`} csrfToken={props.csrfToken} novalidate>
        <TextField {...field('title')} label={d.publicTitle} required />
        <TextAreaField {...field('content')} label={d.publicContent} rows={10} required />
        <TextAreaField {...field('reply_text')} label={d.publicReply} rows={12} required />
        <button type="submit">{props.published ? d.editPublished : d.publishButton}</button>
      </PostForm>
      <p>
        <a href={`${props.base}/suggestions/${props.suggestionId}`}>{text.suggestion.detailTitle}</a>
      </p>
    </section>
  );
}

/** On a suggestion's page, for staff: public or not, and the links to change it. */
export interface PublicationBoxProps {
  base: string;
  suggestionId: number;
  csrfToken: string;
  status: { published: boolean; publishedAt: number; redacted: boolean } | undefined;
}

export function PublicationBox(props: PublicationBoxProps) {
  const s = props.status;
  const href = `${props.base}/suggestions/${props.suggestionId}`;
  return (
    <section class="card" id="publication">
      <h2>{d.sectionTitle}</h2>
      <p>{!s ? d.notPublished : s.published ? d.publishedOn(chinaDate(s.publishedAt)) : d.wasUnpublished}</p>
      {s?.published && s.redacted && <p class="meta">{d.redactedNote}</p>}
      <p>
        <a href={`${href}/publish`}>{s?.published ? d.editPublished : d.editAndPublish}</a>
        {s?.published && (
          <>
            {' · '}
            <a href={`${props.base}/public/${props.suggestionId}`} hx-boost="false">
              {d.openPublic}
            </a>
          </>
        )}
      </p>
      {s?.published && (
        <PostButton action={`${href}/unpublish`} csrfToken={props.csrfToken} class="inline" buttonClass="secondary" label={d.unpublish} />
      )}
    </section>
  );
}

/** 接待日: one reception — its facts, edit and cancel, its voters' issues and the form to log one. */
import { Facts } from '../components/facts';
import { SelectField, TextAreaField, TextField, type FieldErrors, fieldsOf } from '../components/field';
import { Notice, PostButton, PostForm } from '../components/form';
import { ItemList, LinkItem } from '../components/item-list';
import { text } from '../text/index';
import type { ReceptionDetail } from '../../db/repos/receptions';
import { statusLabel, type IssueFormValues, type ReceptionStatus } from './receptions';

const t = text.receptions;

export interface ReceptionDetailProps {
  base: string;
  csrfToken: string;
  r: ReceptionDetail;
  status: ReceptionStatus;
  /** Edit and cancel offered (before the day, for who may schedule). */
  mayChange: boolean;
  /** The log form offered (held, for who may log). */
  mayLog: boolean;
  categories: { id: number; name: string }[];
  issueValues: IssueFormValues;
  issueErrors: FieldErrors;
  notice?: string;
}

export function ReceptionDetailPage(props: ReceptionDetailProps) {
  const d = t.detail;
  const { r } = props;
  const href = `${props.base}/receptions/${r.id}`;
  return (
    <article>
      <Notice notice={props.notice} />
      <h1>{d.title(r.date)}</h1>
      <section class="card">
        <Facts
          class="facts"
          facts={[
            [d.station, r.stationName],
            [d.date, r.date],
            [d.time, `${r.startsAt}–${r.endsAt}`],
            [d.place, r.place],
            [d.deputies, r.deputies.map((x) => x.name).join('、')],
            [d.status, statusLabel(props.status)],
            r.note && [d.note, r.note, 'content'],
          ]}
        />
      </section>
      {props.mayChange && (
        <section class="card no-print">
          <p>
            <a class="button" href={`${href}/edit`}>
              {d.edit}
            </a>
          </p>
          <PostButton
            action={`${href}/cancel`}
            csrfToken={props.csrfToken}
            hint={d.cancelConfirm}
            hintClass="hint"
            buttonClass="secondary"
            label={d.cancel}
          />
        </section>
      )}
      <h2>{d.issuesTitle}</h2>
      <ItemList
        items={r.issues}
        empty={d.noIssues}
        item={(i) => (
          <LinkItem href={`${props.base}/receptions/issues/${i.id}`} title={i.content.length > 60 ? `${i.content.slice(0, 60)}…` : i.content}>
            {i.voterName} · {t.outcomes[i.outcome as keyof typeof t.outcomes] ?? i.outcome}
            {i.closedAt !== null ? ` · ${t.issue.closed}` : ''}
          </LinkItem>
        )}
      />
      {props.mayLog && (
        <IssueForm
          action={`${href}/issues`}
          csrfToken={props.csrfToken}
          values={props.issueValues}
          errors={props.issueErrors}
          categories={props.categories}
        />
      )}
      <p>
        <a href={`${props.base}/receptions?month=${r.date.slice(0, 7)}`}>{d.back}</a>
      </p>
    </article>
  );
}

function IssueForm(props: {
  action: string;
  csrfToken: string;
  values: IssueFormValues;
  errors: FieldErrors;
  categories: { id: number; name: string }[];
}) {
  const d = t.detail;
  const { values: v, errors: e } = props;
  const field = fieldsOf(v, e);
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="card no-print" novalidate>
      <h2>{d.logTitle}</h2>
      <Notice alert={Object.keys(e).length > 0 ? (e.form ?? t.form.fixErrors) : undefined} />
      <TextField {...field('voter_name')} label={d.voterName} maxlength={50} />
      <TextField {...field('voter_contact')} label={d.voterContact} maxlength={100} />
      <TextAreaField {...field('content')} label={d.content} rows={5} />
      <SelectField
        {...field('category_id')}
        label={d.category}
        placeholder={d.noCategory}
        options={props.categories.map((c) => [String(c.id), c.name] as const)}
      />
      <TextAreaField {...field('measure')} label={d.measure} hint={d.measureHint} rows={3} />
      <button type="submit">{d.logButton}</button>
    </PostForm>
  );
}

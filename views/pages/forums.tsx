/**
 * 单月座谈议题: the staff's list of topics with the form that sets one, the
 * light notice on a deputy's home page, and the topic's banner on the
 * suggestion form.
 */
import { TextAreaField, TextField, fieldsOf } from '../components/field';
import { Notice, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { ForumTopicSummary } from '../../db/repos/forums';
import type { TopicFormErrors, TopicFormValues } from '../../worker/rules/forums';
import { TOPIC_DESCRIPTION_MAX, TOPIC_TITLE_MAX } from '../../worker/rules/forums';

const f = text.forums;

/** On the deputy's home page: per open topic a title (the link to submit under it) and one line. Kept light for phones. */
export function ForumTopicsNotice(props: { base: string; topics: { id: number; month: string; title: string; closesOn: string }[] }) {
  if (props.topics.length === 0) return null;
  return (
    <section class="card" aria-label={f.homeLabel}>
      {props.topics.map((t) => (
        <p>
          <a href={`${props.base}/suggestions/new?forum=${t.id}`}>{t.title}</a>
          <br />
          <span class="meta">{f.homeLine(t.month, t.closesOn)}</span>
        </p>
      ))}
    </section>
  );
}

/** Inside the suggestion form: which topic the suggestion goes under (hidden field) and what the topic asks. */
export function ForumTopicField(props: { topic: { id: number; title: string; description: string; closesOn: string } }) {
  const t = props.topic;
  return (
    <div class="card">
      <input type="hidden" name="forum_topic_id" value={String(t.id)} />
      <p>
        <strong>
          {f.formBanner}：{t.title}
        </strong>
        <br />
        <span class="meta">{f.formCloses(t.closesOn)}</span>
      </p>
      <p class="hint">{t.description}</p>
    </div>
  );
}

export type TopicState = 'open' | 'closed' | 'upcoming';

export interface ForumTopicsPageProps {
  base: string;
  csrfToken: string;
  topics: (ForumTopicSummary & { state: TopicState })[];
  /** The create form (staff), with what was typed and its messages. */
  form?: { values: TopicFormValues; errors: TopicFormErrors };
  notice?: string;
}

export function ForumTopicsPage(props: ForumTopicsPageProps) {
  const c = f.columns;
  return (
    <section>
      <PageHead title={f.title} intro={f.intro} notice={props.notice} />
      <DataTable
        columns={[c.month, c.title, c.closesOn, c.status, c.suggestions, c.participating]}
        rows={props.topics}
        empty={f.empty}
        label={f.title}
        row={(t) => (
          <tr>
            <td>{t.month}</td>
            <td>
              <a href={`${props.base}/forums/${t.id}`}>{t.title}</a>
            </td>
            <td>{t.closesOn}</td>
            <td>{f.status[t.state]}</td>
            <td>{t.suggestions}</td>
            <td>{t.participating}</td>
          </tr>
        )}
      />
      {props.form && <TopicForm base={props.base} csrfToken={props.csrfToken} {...props.form} />}
    </section>
  );
}

function TopicForm(props: { base: string; csrfToken: string; values: TopicFormValues; errors: TopicFormErrors }) {
  const { values: v, errors: e } = props;
  const field = fieldsOf(v, e);
  const fl = f.fields;
  return (
    <PostForm action={`${props.base}/forums`} csrfToken={props.csrfToken} class="card" novalidate>
      <h2>{f.newTopic}</h2>
      <Notice alert={e.form} />
      <TextField {...field('month')} label={fl.month} hint={fl.monthHint} inputmode="numeric" size={8} required />
      <TextField {...field('title')} label={fl.title} maxlength={TOPIC_TITLE_MAX} required />
      <TextAreaField {...field('description')} label={fl.description} hint={fl.descriptionHint} rows={4} maxlength={TOPIC_DESCRIPTION_MAX} required />
      <TextField type="date" {...field('closes_on')} label={fl.closesOn} hint={fl.closesOnHint} required />
      <button type="submit">{f.create}</button>
    </PostForm>
  );
}

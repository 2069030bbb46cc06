/** 接待日: one voter's issue (群众意见) — its facts and the forms of the steps that close it. */
import { Facts } from '../components/facts';
import type { Child } from 'hono/jsx';
import { TextAreaField, TextField, type FieldErrors, fieldsOf } from '../components/field';
import { Notice, PostForm } from '../components/form';
import { chinaDateTime } from '../format';
import { text } from '../text/index';
import type { IssueRow } from '../../db/repos/receptions';
import type { IssueStep } from '../../worker/rules/receptions';
import type { IssueStepValues } from './receptions';

const t = text.receptions;

export interface IssuePageProps {
  base: string;
  csrfToken: string;
  issue: IssueRow;
  /** Steps the signed-in person may take now. */
  steps: IssueStep[];
  /** Where 转为代表建议 leads, for who may enter suggestions; else null. */
  suggestionHref: string | null;
  /** The step whose form was refused, with what was typed. */
  failed?: { step: IssueStep; values: IssueStepValues; errors: FieldErrors };
  /** Whether the viewer may open the linked suggestion. */
  maySeeSuggestion: boolean;
  deadlineLabel: string | null;
  notice?: string;
}

/** A field of a step's form, bound to what was typed and what is wrong. */
type StepField = ReturnType<typeof fieldsOf<IssueStepValues>>;

export function IssuePage(props: IssuePageProps) {
  const s = t.issue;
  const { issue: i } = props;
  const href = `${props.base}/receptions/issues/${i.id}`;
  const failed = (step: IssueStep) => (props.failed?.step === step ? props.failed : undefined);
  const handedOver = i.outcome === 'handed_over';
  const suggestionName = `${i.suggestionNumber ?? ''} ${i.suggestionTitle ?? ''}`.trim();
  const empty: IssueStepValues = { answer: '', handed_to: '', due_date: '', note: '', feedback: '' };
  /** A step's form when the step is open now, with what was typed when it was refused. */
  const stepForm = (step: IssueStep, path: string, title: string, button: string, fields: (field: StepField) => Child) => {
    if (!props.steps.includes(step)) return null;
    const errors = failed(step)?.errors ?? {};
    return (
      <PostForm action={`${href}/${path}`} csrfToken={props.csrfToken} class="card no-print" novalidate>
        <h2>{title}</h2>
        <Notice alert={errors.form} />
        {fields(fieldsOf(failed(step)?.values ?? empty, errors))}
        <button type="submit">{button}</button>
      </PostForm>
    );
  };
  return (
    <article>
      <Notice notice={props.notice} />
      <h1>{s.title}</h1>
      <section class="card">
        <Facts
          class="facts"
          facts={[
            [s.reception, i.receptionId !== null ? <a href={`${props.base}/receptions/${i.receptionId}`}>{i.receptionDate}</a> : ''],
            [s.voter, i.voterName],
            i.voterContact && [s.contact, i.voterContact],
            [s.content, i.content, 'content'],
            [s.category, i.categoryName ?? text.common.none],
            i.measure && [s.measure, i.measure, 'content'],
            [s.outcome, t.outcomes[i.outcome as keyof typeof t.outcomes] ?? i.outcome],
            i.outcome === 'answered' && [s.answer, i.outcomeNote, 'content'],
            i.suggestionId !== null && [
              s.suggestion,
              props.maySeeSuggestion ? <a href={`${props.base}/suggestions/${i.suggestionId}`}>{suggestionName}</a> : suggestionName,
            ],
            handedOver && [s.handedTo, i.handedTo],
            handedOver && [
              s.dueDate,
              <>
                {i.dueDate}
                {props.deadlineLabel ? `（${props.deadlineLabel}）` : ''}
              </>,
            ],
            handedOver && i.outcomeNote && [s.note, i.outcomeNote, 'content'],
            i.feedback !== null && [s.feedback, i.feedback, 'content'],
            i.feedback !== null && [s.closedAt, chinaDateTime(i.closedAt)],
          ]}
        />
      </section>
      {stepForm('answer', 'answer', s.answerTitle, s.answerButton, (field) => (
        <TextAreaField {...field('answer')} label={s.answerLabel} rows={4} />
      ))}
      {props.steps.includes('to_suggestion') && (
        <section class="card no-print">
          <h2>{s.suggestionTitle}</h2>
          {props.suggestionHref ? (
            <>
              <p class="hint">{s.suggestionHint}</p>
              <a class="button" href={props.suggestionHref}>
                {s.suggestionButton}
              </a>
            </>
          ) : (
            <p class="hint">{s.suggestionByOthers}</p>
          )}
        </section>
      )}
      {stepForm('hand_over', 'hand-over', s.handOverTitle, s.handOverButton, (field) => (
        <>
          <TextField {...field('handed_to')} label={s.handedToLabel} maxlength={50} />
          <TextField type="date" {...field('due_date')} label={s.dueLabel} />
          <TextAreaField {...field('note')} label={s.noteLabel} rows={3} />
        </>
      ))}
      {stepForm('feedback', 'feedback', s.feedbackTitle, s.feedbackButton, (field) => (
        <TextAreaField {...field('feedback')} label={s.feedbackLabel} hint={s.feedbackHint} rows={4} />
      ))}
      <p>{i.receptionId !== null && <a href={`${props.base}/receptions/${i.receptionId}`}>{s.back}</a>}</p>
    </article>
  );
}

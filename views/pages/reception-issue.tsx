/** 接待日: one voter's issue (群众意见) — its facts and the forms of the steps that close it. */
import type { Child } from 'hono/jsx';
import { TextAreaField, TextField, type FieldErrors } from '../components/field';
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

export function IssuePage(props: IssuePageProps) {
  const s = t.issue;
  const { issue: i } = props;
  const href = `${props.base}/receptions/issues/${i.id}`;
  const failed = (step: IssueStep) => (props.failed?.step === step ? props.failed : undefined);
  const empty: IssueStepValues = { answer: '', handed_to: '', due_date: '', note: '', feedback: '' };
  return (
    <article>
      <Notice notice={props.notice} />
      <h1>{s.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{s.reception}</dt>
          <dd>{i.receptionId !== null ? <a href={`${props.base}/receptions/${i.receptionId}`}>{i.receptionDate}</a> : ''}</dd>
          <dt>{s.voter}</dt>
          <dd>{i.voterName}</dd>
          {i.voterContact && (
            <>
              <dt>{s.contact}</dt>
              <dd>{i.voterContact}</dd>
            </>
          )}
          <dt>{s.content}</dt>
          <dd class="content">{i.content}</dd>
          <dt>{s.category}</dt>
          <dd>{i.categoryName ?? text.common.none}</dd>
          {i.measure && (
            <>
              <dt>{s.measure}</dt>
              <dd class="content">{i.measure}</dd>
            </>
          )}
          <dt>{s.outcome}</dt>
          <dd>{t.outcomes[i.outcome as keyof typeof t.outcomes] ?? i.outcome}</dd>
          {i.outcome === 'answered' && (
            <>
              <dt>{s.answer}</dt>
              <dd class="content">{i.outcomeNote}</dd>
            </>
          )}
          {i.suggestionId !== null && (
            <>
              <dt>{s.suggestion}</dt>
              <dd>
                {props.maySeeSuggestion ? (
                  <a href={`${props.base}/suggestions/${i.suggestionId}`}>{`${i.suggestionNumber ?? ''} ${i.suggestionTitle ?? ''}`.trim()}</a>
                ) : (
                  `${i.suggestionNumber ?? ''} ${i.suggestionTitle ?? ''}`.trim()
                )}
              </dd>
            </>
          )}
          {i.outcome === 'handed_over' && (
            <>
              <dt>{s.handedTo}</dt>
              <dd>{i.handedTo}</dd>
              <dt>{s.dueDate}</dt>
              <dd>
                {i.dueDate}
                {props.deadlineLabel ? `（${props.deadlineLabel}）` : ''}
              </dd>
              {i.outcomeNote && (
                <>
                  <dt>{s.note}</dt>
                  <dd class="content">{i.outcomeNote}</dd>
                </>
              )}
            </>
          )}
          {i.feedback !== null && (
            <>
              <dt>{s.feedback}</dt>
              <dd class="content">{i.feedback}</dd>
              <dt>{s.closedAt}</dt>
              <dd>{chinaDateTime(i.closedAt)}</dd>
            </>
          )}
        </dl>
      </section>
      {props.steps.includes('answer') && (
        <StepForm
          title={s.answerTitle}
          action={`${href}/answer`}
          csrfToken={props.csrfToken}
          errors={failed('answer')?.errors}
          button={s.answerButton}
        >
          {(e) => <TextAreaField name="answer" label={s.answerLabel} error={e.answer} value={(failed('answer')?.values ?? empty).answer} rows={4} />}
        </StepForm>
      )}
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
      {props.steps.includes('hand_over') && (
        <StepForm
          title={s.handOverTitle}
          action={`${href}/hand-over`}
          csrfToken={props.csrfToken}
          errors={failed('hand_over')?.errors}
          button={s.handOverButton}
        >
          {(e) => {
            const v = failed('hand_over')?.values ?? empty;
            return (
              <>
                <TextField name="handed_to" label={s.handedToLabel} error={e.handed_to} value={v.handed_to} maxlength={50} />
                <TextField type="date" name="due_date" label={s.dueLabel} error={e.due_date} value={v.due_date} />
                <TextAreaField name="note" label={s.noteLabel} error={e.note} value={v.note} rows={3} />
              </>
            );
          }}
        </StepForm>
      )}
      {props.steps.includes('feedback') && (
        <StepForm
          title={s.feedbackTitle}
          action={`${href}/feedback`}
          csrfToken={props.csrfToken}
          errors={failed('feedback')?.errors}
          button={s.feedbackButton}
        >
          {(e) => (
            <TextAreaField
              name="feedback"
              label={s.feedbackLabel}
              hint={s.feedbackHint}
              error={e.feedback}
              value={(failed('feedback')?.values ?? empty).feedback}
              rows={4}
            />
          )}
        </StepForm>
      )}
      <p>{i.receptionId !== null && <a href={`${props.base}/receptions/${i.receptionId}`}>{s.back}</a>}</p>
    </article>
  );
}

function StepForm(props: {
  title: string;
  action: string;
  csrfToken: string;
  errors: FieldErrors | undefined;
  button: string;
  children: (errors: FieldErrors) => Child;
}) {
  const errors = props.errors ?? {};
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="card no-print" novalidate>
      <h2>{props.title}</h2>
      <Notice alert={errors.form} />
      {props.children(errors)}
      <button type="submit">{props.button}</button>
    </PostForm>
  );
}

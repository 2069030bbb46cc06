/** 接待日: the month's receptions, the scheduling form, one reception with its voters' issues, and one issue. */
import type { Child } from 'hono/jsx';
import { Field, FieldSet, type FieldErrors } from '../components/field';
import { chinaDateTime } from '../format';
import { text } from '../i18n';
import type { IssueRow, ReceptionDetail, ReceptionListItem } from '../../db/repos/receptions';
import type { IssueStep } from '../../worker/rules/receptions';

const t = text.receptions;

type Aria = { describedBy: string | undefined; invalid: boolean };
const aria = (a: Aria) => ({ 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid ? 'true' : undefined });

function Notice(props: { notice?: string }) {
  return props.notice ? (
    <p class="alert ok" role="status">
      {props.notice}
    </p>
  ) : null;
}

function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export type ReceptionStatus = 'cancelled' | 'upcoming' | 'held';

export function statusLabel(s: ReceptionStatus): string {
  return s === 'cancelled' ? t.list.cancelled : s === 'held' ? t.list.held : t.list.upcoming;
}

// ── The month's list ────────────────────────────────────────────────────────

export interface ReceptionListProps {
  base: string;
  month: string;
  previousMonth: string;
  nextMonth: string;
  stations: { id: number; name: string }[];
  stationId: number | null;
  items: (ReceptionListItem & { status: ReceptionStatus })[];
  maySchedule: boolean;
  notice?: string;
}

export function ReceptionListPage(props: ReceptionListProps) {
  const l = t.list;
  const at = (month: string) => `${props.base}/receptions?month=${month}${props.stationId ? `&station=${props.stationId}` : ''}`;
  return (
    <section>
      <h1>{l.title}</h1>
      <p>{l.intro}</p>
      <Notice notice={props.notice} />
      <p>
        {props.maySchedule && (
          <>
            <a class="button" href={`${props.base}/receptions/new`}>
              {l.schedule}
            </a>{' '}
          </>
        )}
        <a href={`${props.base}/receptions/monthly?month=${props.month}`}>{l.monthly}</a> ·{' '}
        <a href={`${props.base}/receptions/ranking?month=${props.month}`}>{l.ranking}</a>
      </p>
      <MonthForm action={`${props.base}/receptions`} month={props.month} stations={props.stations} stationId={props.stationId} allowAll />
      <nav class="pager" aria-label={l.month}>
        <a href={at(props.previousMonth)}>{l.previousMonth}</a>
        <a href={at(props.nextMonth)}>{l.nextMonth}</a>
      </nav>
      {props.items.length === 0 ? (
        <p class="card">{l.empty}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{l.date}</th>
                <th scope="col">{l.time}</th>
                <th scope="col">{l.station}</th>
                <th scope="col">{l.place}</th>
                <th scope="col">{l.deputies}</th>
                <th scope="col">{l.issues}</th>
                <th scope="col">{l.status}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((r) => (
                <tr>
                  <td>
                    <a href={`${props.base}/receptions/${r.id}`}>{r.date}</a>
                  </td>
                  <td>{`${r.startsAt}–${r.endsAt}`}</td>
                  <td>{r.stationName}</td>
                  <td>{r.place}</td>
                  <td>{r.deputyNames ?? ''}</td>
                  <td>{r.issues}</td>
                  <td>{statusLabel(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Month and station picker (GET), shared by the list, the monthly lists and the ranking. */
export function MonthForm(props: {
  action: string;
  month: string;
  stations?: { id: number; name: string }[];
  stationId?: number | null;
  allowAll?: boolean;
  extra?: Child;
}) {
  const l = t.list;
  return (
    <form method="get" action={props.action} class="card filters no-print">
      <div class="filter-row">
        <label>
          {l.month}
          <input type="month" name="month" value={props.month} />
        </label>
        {props.stations && (
          <label>
            {l.station}
            <select name="station">
              {props.allowAll && <option value="">{l.allStations}</option>}
              {props.stations.map((s) => (
                <option value={String(s.id)} selected={s.id === props.stationId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {props.extra}
      </div>
      <button type="submit">{l.apply}</button>
    </form>
  );
}

// ── Scheduling form ─────────────────────────────────────────────────────────

export interface ReceptionFormValues {
  station_id: string;
  date: string;
  starts_at: string;
  ends_at: string;
  place: string;
  note: string;
  deputies: string[];
}

export interface ReceptionFormProps {
  title: string;
  action: string;
  csrfToken: string;
  values: ReceptionFormValues;
  errors: FieldErrors;
  stations: { id: number; name: string }[];
  deputies: { id: number; name: string; stationName: string | null }[];
  backHref: string;
}

export function ReceptionFormPage(props: ReceptionFormProps) {
  const f = t.form;
  const { values: v, errors: e } = props;
  const chosen = new Set(v.deputies);
  return (
    <section>
      <h1>{props.title}</h1>
      {Object.keys(e).length > 0 && (
        <p class="alert" role="alert">
          {e.form ?? f.fixErrors}
        </p>
      )}
      <form method="post" action={props.action} class="card" novalidate>
        <Csrf token={props.csrfToken} />
        <Field
          name="station_id"
          label={f.station}
          error={e.station_id}
          control={(a) => (
            <select id={a.id} name="station_id" {...aria(a)}>
              <option value="">{f.chooseStation}</option>
              {props.stations.map((s) => (
                <option value={String(s.id)} selected={v.station_id === String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          name="date"
          label={f.date}
          hint={f.dateHint}
          error={e.date}
          control={(a) => <input type="date" id={a.id} name="date" value={v.date} {...aria(a)} />}
        />
        <Field
          name="starts_at"
          label={f.startsAt}
          hint={f.timeHint}
          error={e.starts_at}
          control={(a) => <input type="time" id={a.id} name="starts_at" value={v.starts_at} {...aria(a)} />}
        />
        <Field
          name="ends_at"
          label={f.endsAt}
          error={e.ends_at}
          control={(a) => <input type="time" id={a.id} name="ends_at" value={v.ends_at} {...aria(a)} />}
        />
        <Field
          name="place"
          label={f.place}
          error={e.place}
          control={(a) => <input type="text" id={a.id} name="place" value={v.place} maxlength={100} {...aria(a)} />}
        />
        <Field
          name="note"
          label={f.note}
          error={e.note}
          control={(a) => (
            <textarea id={a.id} name="note" rows={3} {...aria(a)}>
              {v.note}
            </textarea>
          )}
        />
        <FieldSet name="deputies" legend={f.deputies} hint={f.deputiesHint} error={e.deputies}>
          <div class="checks">
            {props.deputies.map((d) => (
              <label>
                <input type="checkbox" name="deputies" value={String(d.id)} checked={chosen.has(String(d.id))} /> {d.name}
                {d.stationName ? <span class="meta">（{d.stationName}）</span> : null}
              </label>
            ))}
          </div>
        </FieldSet>
        <button type="submit">{f.save}</button>
      </form>
      <p>
        <a href={props.backHref}>{t.detail.back}</a>
      </p>
    </section>
  );
}

// ── One reception ───────────────────────────────────────────────────────────

export interface IssueFormValues {
  voter_name: string;
  voter_contact: string;
  content: string;
  category_id: string;
  measure: string;
}

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
        <dl class="facts">
          <dt>{d.station}</dt>
          <dd>{r.stationName}</dd>
          <dt>{d.date}</dt>
          <dd>{r.date}</dd>
          <dt>{d.time}</dt>
          <dd>{`${r.startsAt}–${r.endsAt}`}</dd>
          <dt>{d.place}</dt>
          <dd>{r.place}</dd>
          <dt>{d.deputies}</dt>
          <dd>{r.deputies.map((x) => x.name).join('、')}</dd>
          <dt>{d.status}</dt>
          <dd>{statusLabel(props.status)}</dd>
          {r.note && (
            <>
              <dt>{d.note}</dt>
              <dd class="content">{r.note}</dd>
            </>
          )}
        </dl>
      </section>
      {props.mayChange && (
        <section class="card no-print">
          <p>
            <a class="button" href={`${href}/edit`}>
              {d.edit}
            </a>
          </p>
          <form method="post" action={`${href}/cancel`}>
            <Csrf token={props.csrfToken} />
            <p class="hint">{d.cancelConfirm}</p>
            <button type="submit" class="secondary">
              {d.cancel}
            </button>
          </form>
        </section>
      )}
      <h2>{d.issuesTitle}</h2>
      {r.issues.length === 0 ? (
        <p class="card">{d.noIssues}</p>
      ) : (
        <ul class="list">
          {r.issues.map((i) => (
            <li>
              <a href={`${props.base}/receptions/issues/${i.id}`}>{i.content.length > 60 ? `${i.content.slice(0, 60)}…` : i.content}</a>
              <div class="meta">
                {i.voterName} · {t.outcomes[i.outcome as keyof typeof t.outcomes] ?? i.outcome}
                {i.closedAt !== null ? ` · ${t.issue.closed}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      {props.mayLog && <IssueForm action={`${href}/issues`} csrfToken={props.csrfToken} values={props.issueValues} errors={props.issueErrors} categories={props.categories} />}
      <p>
        <a href={`${props.base}/receptions?month=${r.date.slice(0, 7)}`}>{d.back}</a>
      </p>
    </article>
  );
}

function IssueForm(props: { action: string; csrfToken: string; values: IssueFormValues; errors: FieldErrors; categories: { id: number; name: string }[] }) {
  const d = t.detail;
  const { values: v, errors: e } = props;
  return (
    <form method="post" action={props.action} class="card no-print" novalidate>
      <h2>{d.logTitle}</h2>
      {Object.keys(e).length > 0 && (
        <p class="alert" role="alert">
          {e.form ?? t.form.fixErrors}
        </p>
      )}
      <Csrf token={props.csrfToken} />
      <Field
        name="voter_name"
        label={d.voterName}
        error={e.voter_name}
        control={(a) => <input type="text" id={a.id} name="voter_name" value={v.voter_name} maxlength={50} {...aria(a)} />}
      />
      <Field
        name="voter_contact"
        label={d.voterContact}
        error={e.voter_contact}
        control={(a) => <input type="text" id={a.id} name="voter_contact" value={v.voter_contact} maxlength={100} {...aria(a)} />}
      />
      <Field
        name="content"
        label={d.content}
        error={e.content}
        control={(a) => (
          <textarea id={a.id} name="content" rows={5} {...aria(a)}>
            {v.content}
          </textarea>
        )}
      />
      <Field
        name="category_id"
        label={d.category}
        error={e.category_id}
        control={(a) => (
          <select id={a.id} name="category_id" {...aria(a)}>
            <option value="">{d.noCategory}</option>
            {props.categories.map((c) => (
              <option value={String(c.id)} selected={v.category_id === String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      />
      <Field
        name="measure"
        label={d.measure}
        hint={d.measureHint}
        error={e.measure}
        control={(a) => (
          <textarea id={a.id} name="measure" rows={3} {...aria(a)}>
            {v.measure}
          </textarea>
        )}
      />
      <button type="submit">{d.logButton}</button>
    </form>
  );
}

// ── One issue ───────────────────────────────────────────────────────────────

export interface IssueStepValues {
  answer: string;
  handed_to: string;
  due_date: string;
  note: string;
  feedback: string;
}

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
        <StepForm title={s.answerTitle} action={`${href}/answer`} csrfToken={props.csrfToken} errors={failed('answer')?.errors} button={s.answerButton}>
          {(e) => (
            <Field
              name="answer"
              label={s.answerLabel}
              error={e.answer}
              control={(a) => (
                <textarea id={a.id} name="answer" rows={4} {...aria(a)}>
                  {(failed('answer')?.values ?? empty).answer}
                </textarea>
              )}
            />
          )}
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
        <StepForm title={s.handOverTitle} action={`${href}/hand-over`} csrfToken={props.csrfToken} errors={failed('hand_over')?.errors} button={s.handOverButton}>
          {(e) => {
            const v = failed('hand_over')?.values ?? empty;
            return (
              <>
                <Field
                  name="handed_to"
                  label={s.handedToLabel}
                  error={e.handed_to}
                  control={(a) => <input type="text" id={a.id} name="handed_to" value={v.handed_to} maxlength={50} {...aria(a)} />}
                />
                <Field
                  name="due_date"
                  label={s.dueLabel}
                  error={e.due_date}
                  control={(a) => <input type="date" id={a.id} name="due_date" value={v.due_date} {...aria(a)} />}
                />
                <Field
                  name="note"
                  label={s.noteLabel}
                  error={e.note}
                  control={(a) => (
                    <textarea id={a.id} name="note" rows={3} {...aria(a)}>
                      {v.note}
                    </textarea>
                  )}
                />
              </>
            );
          }}
        </StepForm>
      )}
      {props.steps.includes('feedback') && (
        <StepForm title={s.feedbackTitle} action={`${href}/feedback`} csrfToken={props.csrfToken} errors={failed('feedback')?.errors} button={s.feedbackButton}>
          {(e) => (
            <Field
              name="feedback"
              label={s.feedbackLabel}
              hint={s.feedbackHint}
              error={e.feedback}
              control={(a) => (
                <textarea id={a.id} name="feedback" rows={4} {...aria(a)}>
                  {(failed('feedback')?.values ?? empty).feedback}
                </textarea>
              )}
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
    <form method="post" action={props.action} class="card no-print" novalidate>
      <h2>{props.title}</h2>
      {errors.form && (
        <p class="alert" role="alert">
          {errors.form}
        </p>
      )}
      <Csrf token={props.csrfToken} />
      {props.children(errors)}
      <button type="submit">{props.button}</button>
    </form>
  );
}

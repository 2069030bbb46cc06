/**
 * 民生实事项目 pages for signed-in users: the year's list (what each role
 * may see and do), the proposal form, and one project with its progress
 * and satisfaction vote.
 */
import type { Child } from 'hono/jsx';
import { Field, FieldSet } from '../components/field';
import { chinaDate, chinaDateTime } from '../format';
import { text } from '../i18n';
import type { ProjectRow } from '../../db/repos/projects';
import type { ProposalErrors, ProposalValues } from '../../worker/forms/projects';
import { wanFromYuan, type BallotPhase, type ProgressColour } from '../../worker/rules/projects';

const t = text.projects;

export function Notice(props: { notice?: string | undefined; alert?: string | undefined }) {
  return (
    <>
      {props.notice && (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      )}
      {props.alert && (
        <p class="alert" role="alert">
          {props.alert}
        </p>
      )}
    </>
  );
}

export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

const a11y = (a: { describedBy: string | undefined; invalid: boolean }) => ({
  'aria-describedby': a.describedBy,
  'aria-invalid': a.invalid ? ('true' as const) : undefined,
});

export function ProgressBadge(props: { colour: ProgressColour; percent: number }) {
  return (
    <span class={`colour colour-${props.colour}`}>
      {props.percent}% · {t.colours[props.colour]}
    </span>
  );
}

/** The fields of a proposal (staff, deputy and public forms share them). */
export function ProposalFields(props: {
  values: ProposalValues;
  errors: ProposalErrors;
  units?: { id: number; name: string }[];
  askName: boolean;
}) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <Field name="title" label={t.fields.title} error={e.title} control={(a) => <input type="text" id={a.id} name="title" value={v.title} maxlength={100} {...a11y(a)} />} />
      <Field
        name="description"
        label={t.fields.description}
        hint={t.fields.descriptionHint}
        error={e.description}
        control={(a) => (
          <textarea id={a.id} name="description" rows={6} {...a11y(a)}>
            {v.description}
          </textarea>
        )}
      />
      <Field
        name="budget"
        label={t.fields.budget}
        hint={t.fields.budgetHint}
        error={e.budget}
        control={(a) => <input type="text" inputmode="decimal" id={a.id} name="budget" value={v.budget} size={12} {...a11y(a)} />}
      />
      {props.units && (
        <Field
          name="unit_id"
          label={t.fields.unit}
          error={e.unitId}
          control={(a) => (
            <select id={a.id} name="unit_id" {...a11y(a)}>
              <option value="">{t.fields.unitNone}</option>
              {props.units!.map((u) => (
                <option value={String(u.id)} selected={v.unitId === String(u.id)}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        />
      )}
      {props.askName && (
        <>
          <Field
            name="proposer_name"
            label={t.fields.proposerName}
            error={e.proposerName}
            control={(a) => <input type="text" id={a.id} name="proposer_name" value={v.proposerName} maxlength={30} {...a11y(a)} />}
          />
          <Field
            name="proposer_contact"
            label={t.fields.proposerContact}
            hint={t.fields.proposerContactHint}
            error={e.proposerContact}
            control={(a) => <input type="text" id={a.id} name="proposer_contact" value={v.proposerContact} maxlength={50} {...a11y(a)} />}
          />
        </>
      )}
    </>
  );
}

export function ProposalFormPage(props: {
  base: string;
  csrfToken: string;
  year: number;
  values: ProposalValues;
  errors: ProposalErrors;
  units?: { id: number; name: string }[];
}) {
  return (
    <section>
      <h1>{t.newTitle}</h1>
      {Object.keys(props.errors).length > 0 && (
        <p class="alert" role="alert">
          {text.suggestion.fixErrors}
        </p>
      )}
      <form method="post" action={`${props.base}/projects`} class="card" novalidate>
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="year" value={String(props.year)} />
        <p class="meta">
          {t.fields.year} {props.year}
        </p>
        <ProposalFields values={props.values} errors={props.errors} units={props.units} askName={false} />
        <button type="submit">{t.submit}</button>
      </form>
    </section>
  );
}

export interface BallotLine {
  id: number;
  title: string;
  places: number;
  phase: BallotPhase;
  opensAt: number | null;
  closesAt: number | null;
}

export interface BallotFormValues {
  title: string;
  places: string;
  opensAt: string;
  closesAt: string;
  candidates: number[];
}

export type BallotFormErrors = Partial<Record<'title' | 'places' | 'candidates' | 'opensAt' | 'closesAt', string>>;

export interface ProjectsPageProps {
  base: string;
  csrfToken: string;
  year: number;
  projects: (ProjectRow & { liveColour: ProgressColour })[];
  ballots: BallotLine[];
  /** Staff: the moderation, shortlist and ballot forms. */
  manage: boolean;
  mayPropose: boolean;
  /** A unit clerk's list (their unit's chosen projects). */
  unitList: boolean;
  ballotable: { id: number; title: string }[];
  units: { id: number; name: string }[];
  ballotForm: BallotFormValues;
  ballotErrors: BallotFormErrors;
  notice?: string | undefined;
  alert?: string | undefined;
}

function ProjectActions(props: { p: ProjectRow; base: string; csrfToken: string; units: { id: number; name: string }[] }) {
  const p = props.p;
  const action = `${props.base}/projects/${p.id}`;
  if (p.status === 'pending') {
    return (
      <form method="post" action={`${action}/moderate`} class="inline">
        <Csrf token={props.csrfToken} />
        <label>
          {t.fields.unit}{' '}
          <select name="unit_id">
            <option value="">{t.fields.unitNone}</option>
            {props.units.map((u) => (
              <option value={String(u.id)}>{u.name}</option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" name="decision" value="accept" class="small">
          {t.accept}
        </button>{' '}
        <button type="submit" name="decision" value="reject" class="small">
          {t.reject}
        </button>
      </form>
    );
  }
  if (p.status === 'candidate' || p.status === 'shortlisted') {
    const add = p.status === 'candidate';
    return (
      <form method="post" action={`${action}/shortlist`} class="inline">
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="op" value={add ? 'add' : 'remove'} />
        <button type="submit" class="small">
          {add ? t.addToShortlist : t.removeFromShortlist}
        </button>
      </form>
    );
  }
  return null;
}

function BallotForm(props: ProjectsPageProps) {
  const v = props.ballotForm;
  const e = props.ballotErrors;
  if (props.ballotable.length === 0 && Object.keys(e).length === 0) return <p class="card">{t.noBallotable}</p>;
  return (
    <form method="post" action={`${props.base}/ballots`} class="card" novalidate>
      <h3>{t.newBallotTitle}</h3>
      <Csrf token={props.csrfToken} />
      <input type="hidden" name="year" value={String(props.year)} />
      <Field name="title" label={t.ballotFields.title} error={e.title} control={(a) => <input type="text" id={a.id} name="title" value={v.title} maxlength={100} {...a11y(a)} />} />
      <Field
        name="places"
        label={t.ballotFields.places}
        hint={t.ballotFields.placesHint}
        error={e.places}
        control={(a) => <input type="text" inputmode="numeric" id={a.id} name="places" value={v.places} size={4} {...a11y(a)} />}
      />
      <FieldSet name="candidates" legend={t.ballotFields.candidates} error={e.candidates}>
        {props.ballotable.map((p) => (
          <label class="check">
            <input type="checkbox" name="candidates" value={String(p.id)} checked={v.candidates.includes(p.id)} /> {p.title}
          </label>
        ))}
      </FieldSet>
      <Field
        name="opens_at"
        label={t.ballotFields.opensAt}
        hint={t.ballotFields.timeHint}
        error={e.opensAt}
        control={(a) => <input type="text" id={a.id} name="opens_at" value={v.opensAt} placeholder="2026-03-01 09:00" {...a11y(a)} />}
      />
      <Field
        name="closes_at"
        label={t.ballotFields.closesAt}
        hint={t.ballotFields.timeHint}
        error={e.closesAt}
        control={(a) => <input type="text" id={a.id} name="closes_at" value={v.closesAt} placeholder="2026-03-01 17:00" {...a11y(a)} />}
      />
      <button type="submit">{t.createBallot}</button>
    </form>
  );
}

export function ProjectsPage(props: ProjectsPageProps) {
  const c = t.columns;
  return (
    <section>
      <h1>{props.unitList ? t.myProjects : t.title}</h1>
      <p>{t.intro}</p>
      <Notice notice={props.notice} alert={props.alert} />
      {!props.unitList && (
        <form method="get" action={`${props.base}/projects`} class="inline">
          <label>
            {t.yearLabel}{' '}
            <select name="year">
              {[props.year - 1, props.year, props.year + 1].map((y) => (
                <option value={String(y)} selected={y === props.year}>
                  {y}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit">{t.show}</button>
        </form>
      )}
      {props.mayPropose && (
        <p>
          <a href={`${props.base}/projects/new?year=${props.year}`}>{t.newLink}</a>
        </p>
      )}
      {props.projects.length === 0 ? (
        <p class="card">{t.none}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{c.title}</th>
                <th scope="col">{c.budget}</th>
                <th scope="col">{c.unit}</th>
                <th scope="col">{c.proposer}</th>
                <th scope="col">{c.status}</th>
                <th scope="col">{c.progress}</th>
                {props.manage && <th scope="col">{c.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {props.projects.map((p) => (
                <tr>
                  <td>
                    <a href={`${props.base}/projects/${p.id}`}>{p.title}</a>
                  </td>
                  <td>{wanFromYuan(p.budgetYuan)}</td>
                  <td>{p.unitName ?? ''}</td>
                  <td>
                    {t.proposerKinds[p.proposerKind] ?? ''}
                    {p.proposerName ? ` · ${p.proposerName}` : ''}
                  </td>
                  <td>{t.statuses[p.status] ?? p.status}</td>
                  <td>{p.status === 'chosen' ? <ProgressBadge colour={p.liveColour} percent={p.progressPercent} /> : ''}</td>
                  {props.manage && (
                    <td>
                      <ProjectActions p={p} base={props.base} csrfToken={props.csrfToken} units={props.units} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!props.unitList && (
        <>
          <h2>{t.ballotsTitle}</h2>
          {props.ballots.length === 0 ? (
            <p class="card">{t.noBallots}</p>
          ) : (
            <ul class="list">
              {props.ballots.map((b) => (
                <li>
                  <a href={`${props.base}/ballots/${b.id}`}>{b.title}</a>
                  <div class="meta">
                    {t.phases[b.phase]} · {t.window(chinaDateTime(b.opensAt), chinaDateTime(b.closesAt))}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {props.manage && <BallotForm {...props} />}
        </>
      )}
    </section>
  );
}

export interface ProjectDetailProps {
  base: string;
  csrfToken: string;
  project: ProjectRow;
  colour: ProgressColour;
  expected: number | null;
  updates: { percent: number; note: string; createdAt: number; userName: string }[];
  totals: Partial<Record<string, number>>;
  /** Forms shown to this user. */
  mayPlan: boolean;
  mayReport: boolean;
  mayRate: boolean;
  /** Rating is open for this project (year-end or finished). */
  ratingOpen: boolean;
  myRating: string | null;
  units: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  notice?: string | undefined;
  alert?: string | undefined;
  showContact: boolean;
}

export function ProjectDetailPage(props: ProjectDetailProps) {
  const p = props.project;
  const v = props.values;
  const e = props.errors;
  const action = `${props.base}/projects/${p.id}`;
  return (
    <section>
      <h1>{p.title}</h1>
      <Notice notice={props.notice} alert={props.alert} />
      <dl class="facts card">
        <dt>{t.columns.status}</dt>
        <dd>{t.statuses[p.status] ?? p.status}</dd>
        <dt>{t.fields.year}</dt>
        <dd>{p.year}</dd>
        <dt>{t.columns.budget}</dt>
        <dd>{wanFromYuan(p.budgetYuan) || text.common.none}</dd>
        <dt>{t.columns.unit}</dt>
        <dd>{p.unitName ?? text.common.none}</dd>
        <dt>{t.columns.proposer}</dt>
        <dd>
          {t.proposerKinds[p.proposerKind] ?? ''}
          {p.proposerName ? ` · ${p.proposerName}` : ''}
          {props.showContact && p.proposerContact ? ` · ${p.proposerContact}` : ''}
        </dd>
        <dt>{t.columns.plannedFinish}</dt>
        <dd>{p.plannedFinish ?? text.common.none}</dd>
      </dl>
      <p class="prewrap">{p.description}</p>
      {props.mayPlan && p.status !== 'pending' && p.status !== 'rejected' && (
        <form method="post" action={`${action}/plan`} class="card" novalidate>
          <h2>{t.planTitle}</h2>
          <Csrf token={props.csrfToken} />
          <Field
            name="unit_id"
            label={t.fields.unit}
            error={e['unit_id']}
            control={(a) => (
              <select id={a.id} name="unit_id" {...a11y(a)}>
                {props.units.map((u) => (
                  <option value={String(u.id)} selected={(v['unit_id'] ?? String(p.unitId ?? '')) === String(u.id)}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          />
          <Field
            name="planned_finish"
            label={t.fields.plannedFinish}
            hint={t.fields.plannedFinishHint}
            error={e['planned_finish']}
            control={(a) => <input type="text" id={a.id} name="planned_finish" value={v['planned_finish'] ?? p.plannedFinish ?? ''} {...a11y(a)} />}
          />
          <button type="submit">{t.savePlan}</button>
        </form>
      )}
      {p.status === 'chosen' && (
        <section>
          <h2>{t.progressTitle}</h2>
          <p>
            <ProgressBadge colour={props.colour} percent={p.progressPercent} />
            {props.expected !== null && (
              <span class="meta">
                {' '}
                {t.expected} {Math.round(props.expected)}%
              </span>
            )}
          </p>
          {props.updates.length === 0 ? (
            <p class="meta">{t.noUpdates}</p>
          ) : (
            <ul class="list">
              {props.updates.map((u) => (
                <li>
                  <strong>{u.percent}%</strong> {u.note}
                  <div class="meta">
                    {chinaDate(u.createdAt)} · {u.userName}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {props.mayReport && (
            <form method="post" action={`${action}/progress`} class="card" novalidate>
              <h3>{t.reportProgress}</h3>
              <Csrf token={props.csrfToken} />
              <Field
                name="percent"
                label={t.percent}
                hint={t.percentHint(p.progressPercent)}
                error={e['percent']}
                control={(a) => <input type="text" inputmode="numeric" id={a.id} name="percent" value={v['percent'] ?? ''} size={4} {...a11y(a)} />}
              />
              <Field
                name="note"
                label={t.note}
                error={e['note']}
                control={(a) => (
                  <textarea id={a.id} name="note" rows={3} {...a11y(a)}>
                    {v['note'] ?? ''}
                  </textarea>
                )}
              />
              <button type="submit">{t.reportProgress}</button>
            </form>
          )}
          <h2>{t.satisfactionTitle}</h2>
          <p>{t.totals(props.totals['satisfied'] ?? 0, props.totals['basically'] ?? 0, props.totals['unsatisfied'] ?? 0)}</p>
          {props.mayRate && <RatingForm {...props} action={`${action}/satisfaction`} />}
        </section>
      )}
    </section>
  );
}

function RatingForm(props: ProjectDetailProps & { action: string }): Child {
  if (props.myRating) return <p class="meta">{t.myRating(t.ratings[props.myRating] ?? props.myRating)}</p>;
  if (!props.ratingOpen) return <p class="meta">{t.satisfactionNotOpen}</p>;
  return (
    <form method="post" action={props.action} class="card">
      <Csrf token={props.csrfToken} />
      <FieldSet name="rating" legend={t.satisfactionTitle} error={props.errors['rating']}>
        {Object.entries(t.ratings).map(([value, label]) => (
          <label class="check">
            <input type="radio" name="rating" value={value} checked={props.values['rating'] === value} /> {label}
          </label>
        ))}
      </FieldSet>
      <button type="submit">{t.rate}</button>
    </form>
  );
}

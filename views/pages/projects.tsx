/**
 * 民生实事项目 pages for signed-in users: the year's list (what each role
 * may see and do, with the ballot form for staff) and the proposal form.
 * One project with its progress and satisfaction vote is in ./projects-detail.
 */
import { FieldSet, SelectField, TextAreaField, TextField, fieldsOf } from '../components/field';
import { YearPicker } from '../components/filter-form';
import { Hidden, PostButton, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { chinaDateTime } from '../format';
import { ItemList, LinkItem } from '../components/item-list';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { ProjectRow } from '../../db/repos/projects';
import type { ProposalErrors, ProposalValues } from '../../worker/forms/projects';
import { wanFromYuan, type BallotPhase, type ProgressColour } from '../../worker/rules/projects';

const t = text.projects;

export function ProgressBadge(props: { colour: ProgressColour; percent: number }) {
  return (
    <span class={`colour colour-${props.colour}`}>
      {props.percent}% · {t.colours[props.colour]}
    </span>
  );
}

/** The fields of a proposal (staff, deputy and public forms share them). */
export function ProposalFields(props: { values: ProposalValues; errors: ProposalErrors; units?: { id: number; name: string }[]; askName: boolean }) {
  const v = props.values;
  const e = props.errors;
  const field = fieldsOf(v, e);
  return (
    <>
      <TextField {...field('title')} label={t.fields.title} maxlength={100} />
      <TextAreaField {...field('description')} label={t.fields.description} hint={t.fields.descriptionHint} rows={6} />
      <TextField {...field('budget')} label={t.fields.budget} hint={t.fields.budgetHint} inputmode="decimal" size={12} />
      {props.units && (
        <SelectField
          name="unit_id"
          label={t.fields.unit}
          error={e.unitId}
          value={v.unitId}
          placeholder={t.fields.unitNone}
          options={props.units.map((u) => [String(u.id), u.name] as const)}
        />
      )}
      {props.askName && (
        <>
          <TextField name="proposer_name" label={t.fields.proposerName} error={e.proposerName} value={v.proposerName} maxlength={30} />
          <TextField
            name="proposer_contact"
            label={t.fields.proposerContact}
            hint={t.fields.proposerContactHint}
            error={e.proposerContact}
            value={v.proposerContact}
            maxlength={50}
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
      <PageHead title={t.newTitle} alert={Object.keys(props.errors).length > 0 ? text.suggestion.fixErrors : undefined} />
      <PostForm action={`${props.base}/projects`} csrfToken={props.csrfToken} class="card" novalidate>
        <Hidden values={{ year: String(props.year) }} />
        <p class="meta">
          {t.fields.year} {props.year}
        </p>
        <ProposalFields values={props.values} errors={props.errors} units={props.units} askName={false} />
        <button type="submit">{t.submit}</button>
      </PostForm>
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
      <PostForm action={`${action}/moderate`} csrfToken={props.csrfToken} class="inline">
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
      </PostForm>
    );
  }
  if (p.status === 'candidate' || p.status === 'shortlisted') {
    const add = p.status === 'candidate';
    return (
      <PostButton
        action={`${action}/shortlist`}
        csrfToken={props.csrfToken}
        class="inline"
        hidden={{ op: add ? 'add' : 'remove' }}
        label={add ? t.addToShortlist : t.removeFromShortlist}
      />
    );
  }
  return null;
}

function BallotForm(props: ProjectsPageProps) {
  const v = props.ballotForm;
  const e = props.ballotErrors;
  const field = fieldsOf(v, e);
  /** When the vote opens or closes. */
  const when = (name: string, key: 'opensAt' | 'closesAt', label: string, placeholder: string) => (
    <TextField name={name} label={label} hint={t.ballotFields.timeHint} error={e[key]} value={v[key]} placeholder={placeholder} />
  );
  if (props.ballotable.length === 0 && Object.keys(e).length === 0) return <p class="card">{t.noBallotable}</p>;
  return (
    <PostForm action={`${props.base}/ballots`} csrfToken={props.csrfToken} class="card" novalidate>
      <h3>{t.newBallotTitle}</h3>
      <Hidden values={{ year: String(props.year) }} />
      <TextField {...field('title')} label={t.ballotFields.title} maxlength={100} />
      <TextField {...field('places')} label={t.ballotFields.places} hint={t.ballotFields.placesHint} inputmode="numeric" size={4} />
      <FieldSet name="candidates" legend={t.ballotFields.candidates} error={e.candidates}>
        {props.ballotable.map((p) => (
          <label class="check">
            <input type="checkbox" name="candidates" value={String(p.id)} checked={v.candidates.includes(p.id)} /> {p.title}
          </label>
        ))}
      </FieldSet>
      {when('opens_at', 'opensAt', t.ballotFields.opensAt, '2026-03-01 09:00')}
      {when('closes_at', 'closesAt', t.ballotFields.closesAt, '2026-03-01 17:00')}
      <button type="submit">{t.createBallot}</button>
    </PostForm>
  );
}

export function ProjectsPage(props: ProjectsPageProps) {
  const c = t.columns;
  return (
    <section>
      <PageHead title={props.unitList ? t.myProjects : t.title} intro={t.intro} notice={props.notice} alert={props.alert} />
      {!props.unitList && (
        <YearPicker
          action={`${props.base}/projects`}
          label={t.yearLabel}
          year={props.year}
          years={[props.year - 1, props.year, props.year + 1]}
          submitLabel={t.show}
        />
      )}
      {props.mayPropose && (
        <p>
          <a href={`${props.base}/projects/new?year=${props.year}`}>{t.newLink}</a>
        </p>
      )}
      <DataTable
        columns={[c.title, c.budget, c.unit, c.proposer, c.status, c.progress, ...(props.manage ? [c.actions] : [])]}
        rows={props.projects}
        empty={t.none}
        focusable
        row={(p) => (
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
        )}
      />
      {!props.unitList && (
        <>
          <h2>{t.ballotsTitle}</h2>
          <ItemList
            items={props.ballots}
            empty={t.noBallots}
            item={(b) => (
              <LinkItem href={`${props.base}/ballots/${b.id}`} title={b.title}>
                {t.phases[b.phase]} · {t.window(chinaDateTime(b.opensAt), chinaDateTime(b.closesAt))}
              </LinkItem>
            )}
          />
          {props.manage && <BallotForm {...props} />}
        </>
      )}
    </section>
  );
}

/**
 * 接待日: the month's receptions and the scheduling form, and the values of
 * the reception forms. One reception is in ./reception-detail, one voter's
 * issue in ./reception-issue.
 */
import type { Child } from 'hono/jsx';
import { FieldSet, SelectField, TextAreaField, TextField, type FieldErrors, fieldsOf } from '../components/field';
import { FilterBar, FilterSelect } from '../components/filter-form';
import { PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { ReceptionListItem } from '../../db/repos/receptions';

const t = text.receptions;

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
      <PageHead title={l.title} intro={l.intro} notice={props.notice} />
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
      <DataTable
        columns={[l.date, l.time, l.station, l.place, l.deputies, l.issues, l.status]}
        rows={props.items}
        empty={l.empty}
        focusable
        row={(r) => (
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
        )}
      />
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
    <FilterBar action={props.action} class="no-print" submitLabel={l.apply}>
      <label>
        {l.month}
        <input type="month" name="month" value={props.month} />
      </label>
      {props.stations && (
        <FilterSelect
          label={l.station}
          name="station"
          value={props.stationId ? String(props.stationId) : ''}
          all={props.allowAll ? l.allStations : undefined}
          options={props.stations.map((s) => [String(s.id), s.name] as const)}
        />
      )}
      {props.extra}
    </FilterBar>
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
  const field = fieldsOf(v, e);
  const chosen = new Set(v.deputies);
  return (
    <section>
      <PageHead title={props.title} alert={Object.keys(e).length > 0 ? (e.form ?? f.fixErrors) : undefined} />
      <PostForm action={props.action} csrfToken={props.csrfToken} class="card" novalidate>
        <SelectField
          {...field('station_id')}
          label={f.station}
          placeholder={f.chooseStation}
          options={props.stations.map((s) => [String(s.id), s.name] as const)}
        />
        <TextField type="date" {...field('date')} label={f.date} hint={f.dateHint} />
        <TextField type="time" {...field('starts_at')} label={f.startsAt} hint={f.timeHint} />
        <TextField type="time" {...field('ends_at')} label={f.endsAt} />
        <TextField {...field('place')} label={f.place} maxlength={100} />
        <TextAreaField {...field('note')} label={f.note} rows={3} />
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
      </PostForm>
      <p>
        <a href={props.backHref}>{t.detail.back}</a>
      </p>
    </section>
  );
}

// ── Values of the forms on a reception and an issue ─────────────────────────

/** What the 登记群众意见 form on a reception (./reception-detail) sends. */
export interface IssueFormValues {
  voter_name: string;
  voter_contact: string;
  content: string;
  category_id: string;
  measure: string;
}

/** What the step forms of an issue (./reception-issue) send. */
export interface IssueStepValues {
  answer: string;
  handed_to: string;
  due_date: string;
  note: string;
  feedback: string;
}

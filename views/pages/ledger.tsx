/**
 * 代表履职档案: one deputy's year (counts, points and the entries staff
 * added, with the form to add one), and the yearly table of all deputies
 * sorted by score.
 */
import { SelectField, TextAreaField, TextField, fieldsOf } from '../components/field';
import { ExportLinks } from '../components/export-links';
import { Notice, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { ItemList } from '../components/item-list';
import { text } from '../text/index';
import type { LedgerEntryRow, LedgerRow } from '../../db/repos/ledger';
import { ENTRY_KINDS, itemPoints, LEDGER_ITEMS, type LedgerWeights } from '../../worker/rules/ledger';
import { ENTRY_NOTE_MAX, ENTRY_TITLE_MAX, weightField, type EntryFormErrors, type EntryFormValues } from '../../worker/forms/ledger';

const l = text.ledger;

function YearLinks(props: { href: string; year: number; current: number }) {
  return (
    <nav class="pager no-print" aria-label={l.year}>
      <a href={`${props.href}?year=${props.year - 1}`}>{l.previousYear(props.year - 1)}</a>
      {props.year < props.current && <a href={`${props.href}?year=${props.year + 1}`}>{l.nextYear(props.year + 1)}</a>}
    </nav>
  );
}

export interface LedgerPageProps {
  base: string;
  /** Where this page lives (/ledger or /deputies/:id/ledger), for the year links and the form. */
  href: string;
  year: number;
  currentYear: number;
  row: LedgerRow;
  weights: LedgerWeights;
  score: number;
  entries: LedgerEntryRow[];
  /** The deputy's own page (title 我的履职档案). */
  own: boolean;
  /** Staff: the add-entry form, with what was typed and its messages. */
  form?: { csrfToken: string; values: EntryFormValues; errors: EntryFormErrors };
  notice?: string;
}

export function LedgerPage(props: LedgerPageProps) {
  const { row, weights } = props;
  const c = l.columns;
  return (
    <section>
      <h1>{l.title(row.name, props.year)}</h1>
      <p class="meta">
        {text.deputyLevels[row.level as keyof typeof text.deputyLevels] ?? row.level}
        {row.stationName ? ` · ${row.stationName}` : ''}
      </p>
      <Notice notice={props.notice} />
      <p class="hint">{l.intro}</p>
      <DataTable
        columns={[c.item, c.count, c.weight, c.points]}
        rows={LEDGER_ITEMS}
        row={(item) => (
          <tr>
            <th scope="row">{l.items[item]}</th>
            <td>{row.counts[item]}</td>
            <td>{weights[item]}</td>
            <td>{itemPoints(row.counts, weights, item)}</td>
          </tr>
        )}
        tail={
          <tr>
            <th scope="row" colspan={3}>
              {l.score}
            </th>
            <td>
              <strong>{props.score}</strong>
            </td>
          </tr>
        }
      />
      <h2>{l.entries}</h2>
      <ItemList
        items={props.entries}
        empty={l.noEntries}
        emptyClass=""
        item={(e) => (
          <li>
            {e.occurredOn} · {l.kinds[e.kind] ?? e.kind} · {e.title}
            {(e.note || e.createdByName) && (
              <div class="meta">
                {e.note}
                {e.note && e.createdByName ? ' · ' : ''}
                {e.createdByName ? l.entryBy(e.createdByName) : ''}
              </div>
            )}
          </li>
        )}
      />
      {props.form && <EntryForm action={`${props.href}/entries?year=${props.year}`} {...props.form} />}
      <YearLinks href={props.href} year={props.year} current={props.currentYear} />
    </section>
  );
}

function EntryForm(props: { action: string; csrfToken: string; values: EntryFormValues; errors: EntryFormErrors }) {
  const { values: v, errors: e } = props;
  const field = fieldsOf(v, e);
  const f = l.fields;
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="card no-print" novalidate>
      <h2>{l.addEntry}</h2>
      <SelectField {...field('kind')} label={f.kind} placeholder={l.choose} options={ENTRY_KINDS.map((k) => [k, l.kinds[k]] as const)} required />
      <TextField {...field('title')} label={f.title} maxlength={ENTRY_TITLE_MAX} required />
      <TextField type="date" {...field('occurred_on')} label={f.occurredOn} required />
      <TextAreaField {...field('note')} label={f.note} rows={2} maxlength={ENTRY_NOTE_MAX} />
      <button type="submit">{l.add}</button>
    </PostForm>
  );
}

export interface LedgerTablePageProps {
  base: string;
  year: number;
  currentYear: number;
  rows: (LedgerRow & { score: number; rank: number })[];
}

export function LedgerTablePage(props: LedgerTablePageProps) {
  const c = l.columns;
  const href = `${props.base}/ledger/deputies`;
  return (
    <section>
      <h1>{l.tableTitle(props.year)}</h1>
      <p class="hint">{l.intro}</p>
      {props.rows.length === 0 ? (
        <p class="card">{l.noDeputies}</p>
      ) : (
        <>
          <ExportLinks href={`${href}?year=${props.year}`} />
          <DataTable
            columns={[c.rank, c.deputy, c.station, ...LEDGER_ITEMS.map((item) => l.short[item]), c.score]}
            rows={props.rows}
            label={l.tableTitle(props.year)}
            row={(r) => (
              <tr>
                <td>{r.rank}</td>
                <td>
                  <a href={`${props.base}/deputies/${r.deputyId}/ledger?year=${props.year}`}>{r.name}</a>
                </td>
                <td>{r.stationName ?? ''}</td>
                {LEDGER_ITEMS.map((item) => (
                  <td>{r.counts[item]}</td>
                ))}
                <td>
                  <strong>{r.score}</strong>
                </td>
              </tr>
            )}
          />
        </>
      )}
      <YearLinks href={href} year={props.year} current={props.currentYear} />
    </section>
  );
}

/** On the tenant's settings form: points per ledger item (the score formula's weights). */
export function LedgerWeightFields(props: { values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <fieldset class="field">
      <legend>{l.settingsLegend}</legend>
      <p class="hint">{l.settingsHint}</p>
      {LEDGER_ITEMS.map((item) => (
        <TextField
          name={weightField(item)}
          label={l.items[item]}
          error={props.errors[weightField(item)]}
          value={props.values[weightField(item)]}
          inputmode="numeric"
          size={4}
        />
      ))}
    </fieldset>
  );
}

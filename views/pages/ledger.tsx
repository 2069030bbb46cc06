/**
 * 代表履职档案: one deputy's year (counts, points and the entries staff
 * added, with the form to add one), and the yearly table of all deputies
 * sorted by score.
 */
import { Field } from '../components/field';
import { ExportLinks } from '../components/export-links';
import { text } from '../i18n';
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
      {props.notice && (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      )}
      <p class="hint">{l.intro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{c.item}</th>
            <th scope="col">{c.count}</th>
            <th scope="col">{c.weight}</th>
            <th scope="col">{c.points}</th>
          </tr>
        </thead>
        <tbody>
          {LEDGER_ITEMS.map((item) => (
            <tr>
              <th scope="row">{l.items[item]}</th>
              <td>{row.counts[item]}</td>
              <td>{weights[item]}</td>
              <td>{itemPoints(row.counts, weights, item)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" colspan={3}>
              {l.score}
            </th>
            <td>
              <strong>{props.score}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{l.entries}</h2>
      {props.entries.length === 0 ? (
        <p>{l.noEntries}</p>
      ) : (
        <ul class="list">
          {props.entries.map((e) => (
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
          ))}
        </ul>
      )}
      {props.form && <EntryForm action={`${props.href}/entries?year=${props.year}`} {...props.form} />}
      <YearLinks href={props.href} year={props.year} current={props.currentYear} />
    </section>
  );
}

function EntryForm(props: { action: string; csrfToken: string; values: EntryFormValues; errors: EntryFormErrors }) {
  const { values: v, errors: e } = props;
  const f = l.fields;
  const aria = (a: { describedBy: string | undefined; invalid: boolean }) => ({
    'aria-describedby': a.describedBy,
    'aria-invalid': a.invalid ? 'true' : undefined,
  });
  return (
    <form method="post" action={props.action} class="card no-print" novalidate>
      <h2>{l.addEntry}</h2>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <Field
        name="kind"
        label={f.kind}
        error={e.kind}
        control={(a) => (
          <select id={a.id} name="kind" required {...aria(a)}>
            <option value="">{l.choose}</option>
            {ENTRY_KINDS.map((k) => (
              <option value={k} selected={v.kind === k}>
                {l.kinds[k]}
              </option>
            ))}
          </select>
        )}
      />
      <Field
        name="title"
        label={f.title}
        error={e.title}
        control={(a) => <input type="text" id={a.id} name="title" value={v.title} maxlength={ENTRY_TITLE_MAX} required {...aria(a)} />}
      />
      <Field
        name="occurred_on"
        label={f.occurredOn}
        error={e.occurred_on}
        control={(a) => <input type="date" id={a.id} name="occurred_on" value={v.occurred_on} required {...aria(a)} />}
      />
      <Field
        name="note"
        label={f.note}
        error={e.note}
        control={(a) => (
          <textarea id={a.id} name="note" rows={2} maxlength={ENTRY_NOTE_MAX} {...aria(a)}>
            {v.note}
          </textarea>
        )}
      />
      <button type="submit">{l.add}</button>
    </form>
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
          <div class="table-scroll" tabindex={0} role="region" aria-label={l.tableTitle(props.year)}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{c.rank}</th>
                  <th scope="col">{c.deputy}</th>
                  <th scope="col">{c.station}</th>
                  {LEDGER_ITEMS.map((item) => (
                    <th scope="col">{l.short[item]}</th>
                  ))}
                  <th scope="col">{c.score}</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
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
                ))}
              </tbody>
            </table>
          </div>
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
        <Field
          name={weightField(item)}
          label={l.items[item]}
          error={props.errors[weightField(item)]}
          control={(a) => (
            <input
              type="text"
              inputmode="numeric"
              id={a.id}
              name={weightField(item)}
              value={props.values[weightField(item)] ?? ''}
              size={4}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid ? 'true' : undefined}
            />
          )}
        />
      ))}
    </fieldset>
  );
}

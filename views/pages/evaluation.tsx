/**
 * 年度评优: the year's units with their figures and the replied suggestions
 * with their class and rating, each with a button to mark it (staff) — or
 * just the marks (secretary, chair).
 */
import { text } from '../i18n';
import { percent } from '../../worker/rules/statistics';
import type { RepliedRow } from '../../db/statistics';

const e = text.stats.evaluation;
const m = text.stats.metrics;

export interface EvaluationUnit {
  unitId: number;
  name: string;
  rank: number | null;
  assigned: number;
  replyRate: number | null;
  onTimeRate: number | null;
  contactRate: number | null;
  satisfaction: number | null;
  red: number;
  marked: boolean;
}

export interface EvaluationSuggestion extends RepliedRow {
  marked: boolean;
  note: string | null;
}

export interface EvaluationProps {
  base: string;
  year: number;
  years: number[];
  units: EvaluationUnit[];
  suggestions: EvaluationSuggestion[];
  mayMark: boolean;
  csrfToken: string;
  alert?: string;
}

function MarkForm(p: { props: EvaluationProps; kind: 'unit' | 'suggestion'; id: number; marked: boolean }) {
  const { props } = p;
  return (
    <form method="post" action={`${props.base}/statistics/evaluation`} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="year" value={String(props.year)} />
      <input type="hidden" name="kind" value={p.kind} />
      <input type="hidden" name="target_id" value={String(p.id)} />
      <input type="hidden" name="op" value={p.marked ? 'unmark' : 'mark'} />
      <button type="submit">{p.marked ? e.unmark : p.kind === 'unit' ? e.markUnit : e.markSuggestion}</button>
    </form>
  );
}

export function EvaluationPage(p: EvaluationProps) {
  const markedUnits = p.units.filter((u) => u.marked).length;
  const markedSuggestions = p.suggestions.filter((s) => s.marked).length;
  return (
    <section>
      <h1>{e.title(p.year)}</h1>
      {p.alert && (
        <p class="notice error" role="alert">
          {p.alert}
        </p>
      )}
      <form method="get" action={`${p.base}/statistics/evaluation`} class="filters no-print">
        <label>
          {text.stats.year}{' '}
          <select name="year">
            {p.years.map((y) => (
              <option value={String(y)} selected={y === p.year}>
                {y}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{text.stats.show}</button>
      </form>
      <p>{e.intro}</p>
      <p>
        <strong>{e.chosen(markedUnits, markedSuggestions)}</strong>
      </p>
      <h2>{e.unitsTitle}</h2>
      <div class="table-scroll" tabindex={0} role="region" aria-label={e.unitsTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.rank}</th>
              <th scope="col">{m.unit}</th>
              <th scope="col">{m.assigned}</th>
              <th scope="col">{m.replyRate}</th>
              <th scope="col">{m.onTimeRate}</th>
              <th scope="col">{m.contactRate}</th>
              <th scope="col">{m.satisfaction}</th>
              <th scope="col">{m.red}</th>
              <th scope="col">{e.action}</th>
            </tr>
          </thead>
          <tbody>
            {p.units.map((u) => (
              <tr class={u.marked ? 'marked' : undefined}>
                <td>{u.rank === null ? text.stats.unranked : String(u.rank)}</td>
                <th scope="row">{u.name}</th>
                <td>{String(u.assigned)}</td>
                <td>{percent(u.replyRate)}</td>
                <td>{percent(u.onTimeRate)}</td>
                <td>{percent(u.contactRate)}</td>
                <td>{percent(u.satisfaction)}</td>
                <td>{String(u.red)}</td>
                <td>
                  {u.marked && <strong>{e.marked} </strong>}
                  {p.mayMark && <MarkForm props={p} kind="unit" id={u.unitId} marked={u.marked} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{e.suggestionsTitle}</h2>
      {p.suggestions.length === 0 ? (
        <p class="card">{e.noCandidates}</p>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label={e.suggestionsTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.number}</th>
                <th scope="col">{m.titleCol}</th>
                <th scope="col">{m.deputy}</th>
                <th scope="col">{m.units}</th>
                <th scope="col">{m.replyClass}</th>
                <th scope="col">{m.rating}</th>
                <th scope="col">{e.action}</th>
              </tr>
            </thead>
            <tbody>
              {p.suggestions.map((s) => (
                <tr class={s.marked ? 'marked' : undefined}>
                  <td>{s.number ?? ''}</td>
                  <th scope="row">
                    <a href={`${p.base}/suggestions/${s.id}`}>{s.title}</a>
                    {s.isKey ? ` · ${text.handling.keyLabel}` : ''}
                  </th>
                  <td>{s.leadDeputyName}</td>
                  <td>{s.units ?? ''}</td>
                  <td>{s.replyClass ?? '—'}</td>
                  <td>{s.rating ? (text.handling.ratingValues[s.rating] ?? s.rating) : '—'}</td>
                  <td>
                    {s.marked && <strong>{e.marked} </strong>}
                    {p.mayMark && <MarkForm props={p} kind="suggestion" id={s.id} marked={s.marked} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

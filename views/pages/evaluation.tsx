/**
 * 年度评优: the year's units with their figures and the replied suggestions
 * with their class and rating, each with a button to mark it (staff) — or
 * just the marks (secretary, chair).
 */
import { YearPicker } from '../components/filter-form';
import { PostButton } from '../components/form';
import { DataTable } from '../components/table';
import { text } from '../text/index';
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
    <PostButton
      action={`${props.base}/statistics/evaluation`}
      csrfToken={props.csrfToken}
      class="inline-form"
      hidden={{ year: String(props.year), kind: p.kind, target_id: String(p.id), op: p.marked ? 'unmark' : 'mark' }}
      buttonClass=""
      label={p.marked ? e.unmark : p.kind === 'unit' ? e.markUnit : e.markSuggestion}
    />
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
      <YearPicker
        action={`${p.base}/statistics/evaluation`}
        class="filters no-print"
        label={text.stats.year}
        year={p.year}
        years={p.years}
        submitLabel={text.stats.show}
      />
      <p>{e.intro}</p>
      <p>
        <strong>{e.chosen(markedUnits, markedSuggestions)}</strong>
      </p>
      <h2>{e.unitsTitle}</h2>
      <DataTable
        columns={[m.rank, m.unit, m.assigned, m.replyRate, m.onTimeRate, m.contactRate, m.satisfaction, m.red, e.action]}
        rows={p.units}
        label={e.unitsTitle}
        row={(u) => (
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
        )}
      />
      <h2>{e.suggestionsTitle}</h2>
      <DataTable
        columns={[m.number, m.titleCol, m.deputy, m.units, m.replyClass, m.rating, e.action]}
        rows={p.suggestions}
        empty={e.noCandidates}
        label={e.suggestionsTitle}
        row={(s) => (
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
        )}
      />
    </section>
  );
}

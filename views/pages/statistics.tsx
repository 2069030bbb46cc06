/**
 * 统计分析: the period form, headline rates, charts (inline SVG) and the
 * tables — units ranked, deputies, stations, months — each exportable as
 * CSV and .xlsx. Also the printable annual report.
 */
import type { Child } from 'hono/jsx';
import { BarChart, LineChart } from '../components/charts';
import { TextField } from '../components/field';
import { FilterBar, FilterSelect } from '../components/filter-form';
import { DataTable } from '../components/table';
import { text } from '../text/index';
import { RANKABLE, type Period, type RankBy } from '../../worker/rules/statistics';
import { cellKind, type StatTable, type StatTableKey } from '../../worker/statistics/tables';
import type { Cell } from '../../worker/export/table';
import type { KeySuggestionRow } from '../../db/statistics';

const s = text.stats;

export interface StatisticsProps {
  base: string;
  period: Period;
  /** What the user typed into the custom range, kept when it was refused. */
  typed: { from: string; to: string };
  periodError: string | null;
  periodLabel: string;
  /** The query string of this period (for export and report links). */
  periodQuery: string;
  rankBy: RankBy;
  minimum: number;
  tables: Record<StatTableKey, StatTable>;
  /** Bars: each unit's value of the ranking rate (percent). */
  bars: { name: string; value: number | null }[];
  years: number[];
}

export function formatCell(t: StatTable, row: Cell[], i: number): string {
  const v = row[i];
  if (v === null || v === undefined) return '—';
  const kind = cellKind(t, row, i);
  if (kind === 'pct' && typeof v === 'number') return `${v.toFixed(1)}%`;
  if (kind === 'num' && typeof v === 'number') return v.toFixed(1);
  return String(v);
}

export function StatTableView(props: { t: StatTable; exportBase?: string; limit?: number }) {
  const { t } = props;
  const width = t.columns.length;
  const rows = props.limit ? t.rows.slice(0, props.limit) : t.rows;
  return (
    <section class="stat-table">
      <h2>{t.title}</h2>
      {props.exportBase && (
        <p class="meta no-print">
          {s.export}：<a href={`${props.exportBase}&table=${t.key}&format=csv`}>{s.csv}</a> ·{' '}
          <a href={`${props.exportBase}&table=${t.key}&format=xlsx`}>{s.xlsx}</a>
        </p>
      )}
      <DataTable
        columns={t.columns.map((c) => c.label)}
        rows={t.rows.length === 0 ? [] : rows}
        empty={s.noData}
        label={t.title}
        row={(r) => (
          <tr>{r.slice(0, width).map((_, i) => (i === 0 ? <th scope="row">{formatCell(t, r, i)}</th> : <td>{formatCell(t, r, i)}</td>))}</tr>
        )}
      />
    </section>
  );
}

function PeriodForm(p: StatisticsProps) {
  const err = p.periodError === 'dates' ? s.datesInvalid : p.periodError === 'order' ? s.datesOrder : undefined;
  const kind = p.periodError ? 'range' : p.period.kind;
  return (
    <FilterBar action={`${p.base}/statistics`} class="no-print" submitLabel={s.show}>
      <FilterSelect label={s.period} name="period" value={kind} options={Object.entries(s.periods)} />
      <FilterSelect label={s.year} name="year" value={String(p.period.year)} options={p.years.map((y) => [String(y), y] as const)} />
      <TextField type="date" name="from" label={s.from} error={err} value={p.typed.from} />
      <TextField type="date" name="to" label={s.to} value={p.typed.to} />
      <FilterSelect label={s.rankBy} name="rank" value={p.rankBy} options={RANKABLE.map((r) => [r, s.rankChoices[r]] as const)} />
    </FilterBar>
  );
}

/** The headline figures as cards: the rates a standing committee reports. */
function Headline(props: { t: StatTable }): Child {
  const wanted = [
    text.stats.metrics.raised,
    text.stats.metrics.replyRate,
    text.stats.metrics.onTimeRate,
    text.stats.metrics.contactRate,
    text.stats.metrics.solvedRate,
    text.stats.metrics.satisfied + text.stats.metrics.final,
  ];
  const rows = props.t.rows.filter((r) => wanted.includes(String(r[0])));
  return (
    <ul class="figures">
      {rows.map((r) => (
        <li>
          <strong>{formatCell(props.t, r, 1)}</strong>
          <span>{String(r[0])}</span>
        </li>
      ))}
    </ul>
  );
}

export function StatisticsPage(p: StatisticsProps) {
  const exportBase = `${p.base}/statistics/export?${p.periodQuery}&rank=${p.rankBy}`;
  const monthly = p.tables.monthly.rows;
  return (
    <section>
      <h1>{s.title}</h1>
      <PeriodForm {...p} />
      <p>
        {p.periodLabel} · <a href={`${p.base}/statistics/report?year=${p.period.year ?? p.period.from.slice(0, 4)}`}>{s.annualReport}</a> ·{' '}
        <a href={`${p.base}/statistics/evaluation?year=${p.period.year ?? p.period.from.slice(0, 4)}`}>{s.evaluation.nav}</a>
      </p>
      <Headline t={p.tables.overall} />
      <div class="charts">
        <figure>
          <figcaption>{s.unitChartTitle(s.rankChoices[p.rankBy] ?? '')}</figcaption>
          {p.bars.length === 0 ? (
            <p class="meta">{s.noData}</p>
          ) : (
            <BarChart
              label={s.unitChartTitle(s.rankChoices[p.rankBy] ?? '')}
              max={100}
              items={p.bars.map((b) => ({ name: b.name, value: b.value, shown: b.value === null ? '—' : `${b.value.toFixed(1)}%` }))}
            />
          )}
        </figure>
        <figure>
          <figcaption>{s.monthlyChartLabel}</figcaption>
          {monthly.length === 0 ? (
            <p class="meta">{s.noData}</p>
          ) : (
            <LineChart
              label={s.monthlyChartLabel}
              months={monthly.map((r) => String(r[0]))}
              series={[
                { name: text.stats.metrics.submitted, values: monthly.map((r) => Number(r[1])) },
                { name: text.stats.metrics.replied, values: monthly.map((r) => Number(r[2])) },
              ]}
            />
          )}
        </figure>
      </div>
      <StatTableView t={p.tables.overall} exportBase={exportBase} />
      <p class="meta">{s.rankNote(p.minimum)}</p>
      <StatTableView t={p.tables.units} exportBase={exportBase} />
      <StatTableView t={p.tables.monthly} exportBase={exportBase} />
      <StatTableView t={p.tables.stations} exportBase={exportBase} />
      <StatTableView t={p.tables.deputies} exportBase={exportBase} />
    </section>
  );
}

export type KeyItem = KeySuggestionRow;

/** The printable annual report (A4): the year's figures, the unit table, the key suggestions and their outcomes. */
export function AnnualReport(p: {
  county: string;
  year: number;
  tables: Record<StatTableKey, StatTable>;
  keys: KeyItem[];
  minimum: number;
  commended: { units: string[]; suggestions: string[] };
}) {
  const e = text.stats.evaluation;
  const m = text.stats.metrics;
  return (
    <article class="print-page">
      <p class="print-actions no-print">{text.print.printHint}</p>
      <h1 class="doc-title">{s.annualTitle(p.county, p.year)}</h1>
      <StatTableView t={p.tables.overall} />
      <p class="meta">{s.rankNote(p.minimum)}</p>
      <StatTableView t={p.tables.units} />
      <section>
        <h2>{s.keyTitle}</h2>
        <DataTable
          columns={[m.number, m.titleCol, m.leader, m.units, m.state, m.replyClass, m.rating]}
          rows={p.keys}
          empty={s.noKey}
          emptyPlain
          row={(k) => (
            <tr>
              <td>{k.number ?? ''}</td>
              <td>{k.title}</td>
              <td>{k.leader ?? ''}</td>
              <td>{k.units ?? ''}</td>
              <td>{text.states[k.state as keyof typeof text.states] ?? k.state}</td>
              <td>{k.replyClass ?? '—'}</td>
              <td>{k.rating ? (text.handling.ratingValues[k.rating] ?? k.rating) : '—'}</td>
            </tr>
          )}
        />
      </section>
      <section>
        <h2>{e.inReport}</h2>
        <h3>{e.unitsTitle}</h3>
        <p>{p.commended.units.length ? p.commended.units.join('、') : e.none}</p>
        <h3>{e.suggestionsTitle}</h3>
        {p.commended.suggestions.length ? (
          <ol>
            {p.commended.suggestions.map((x) => (
              <li>{x}</li>
            ))}
          </ol>
        ) : (
          <p>{e.none}</p>
        )}
      </section>
    </article>
  );
}

/**
 * "321" for one station and month — the summary and the three lists
 * (收集问题清单, 对策建议清单, 限时反馈清单), printable as they stand — and
 * the month's ranking of the county's stations.
 */
import { ExportLinks } from '../components/export-links';
import { DataTable } from '../components/table';
import { ItemList } from '../components/item-list';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { IssueRow, PublicReception } from '../../db/repos/receptions';
import { RANKING_METRICS, type DeadlineStatus, type RankingMetric, type StationMonth } from '../../worker/rules/receptions';
import { MonthForm } from './receptions';

const t = text.receptions;
const m = t.monthly;

/** The summary's figures, in the order shown and exported. */
export const SUMMARY_FIGURES = [
  'receptionsHeld',
  'deputyAttendances',
  'deputiesAttending',
  'issuesLogged',
  'closedOnTime',
  'suggestionsRaised',
] as const;

export type MonthIssue = IssueRow & { deadline: DeadlineStatus | null };

export interface MonthlyProps {
  base: string;
  month: string;
  stations: { id: number; name: string }[];
  station: { id: number; name: string } | null;
  figures: StationMonth | null;
  issues: MonthIssue[];
}

/** 办理结果 of an issue as the measures list shows it. */
export function resultOf(i: IssueRow): string {
  if (i.outcome === 'answered') return `${t.outcomes.answered}：${i.outcomeNote ?? ''}`;
  if (i.outcome === 'suggestion') return m.suggestionRef(i.suggestionNumber);
  if (i.outcome === 'handed_over') return m.handedRef(i.handedTo ?? '', i.dueDate ?? '');
  return t.outcomes.open;
}

export function MonthlyPage(props: MonthlyProps) {
  const href = `${props.base}/receptions/monthly?month=${props.month}${props.station ? `&station=${props.station.id}` : ''}`;
  const withDue = props.issues.filter((i) => i.dueDate !== null);
  const withMeasure = props.issues.filter((i) => i.measure || i.outcome !== 'open');
  return (
    <section>
      <h1>{m.title}</h1>
      <p class="no-print">{m.intro}</p>
      <MonthForm action={`${props.base}/receptions/monthly`} month={props.month} stations={props.stations} stationId={props.station?.id ?? null} />
      {!props.station || !props.figures ? (
        <p class="card">{m.noStation}</p>
      ) : (
        <>
          <h2>{m.summaryTitle(props.station.name, props.month)}</h2>
          <ul class="figures">
            {SUMMARY_FIGURES.map((k) => (
              <li>
                {t.figures[k]}
                <strong data-figure={k}>{props.figures![k]}</strong>
              </li>
            ))}
          </ul>
          <ExportLinks href={`${href}&list=summary`} />

          <MonthList
            title={m.collectedTitle}
            id="collected"
            href={href}
            columns={[m.date, m.voter, m.content, m.category, m.outcome]}
            rows={props.issues.map((i) => [
              i.receptionDate ?? '',
              i.voterName,
              i.content,
              i.categoryName ?? '',
              t.outcomes[i.outcome as keyof typeof t.outcomes] ?? i.outcome,
            ])}
          />

          <MonthList
            title={m.measuresTitle}
            id="measures"
            href={href}
            columns={[m.date, m.content, m.measure, m.result]}
            rows={withMeasure.map((i) => [i.receptionDate ?? '', i.content, i.measure ?? '', resultOf(i)])}
          />

          <MonthList
            title={m.feedbackTitle}
            id="feedback"
            href={href}
            columns={[m.date, m.content, m.handedTo, m.dueDate, m.status, m.feedback]}
            rows={withDue.map((i) => [
              i.receptionDate ?? '',
              i.content,
              i.handedTo ?? '',
              i.dueDate ?? '',
              i.deadline ? t.deadline[i.deadline] : '',
              i.feedback ?? '',
            ])}
          />
        </>
      )}
    </section>
  );
}

/** One of the three lists: its heading, its table (or 无), and its export links. */
function MonthList(props: { title: string; id: 'collected' | 'measures' | 'feedback'; href: string; columns: string[]; rows: string[][] }) {
  return (
    <>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? <p class="card">{m.none}</p> : <Table id={props.id} columns={props.columns} rows={props.rows} />}
      <ExportLinks href={`${props.href}&list=${props.id}`} />
    </>
  );
}

function Table(props: { id: string; columns: string[]; rows: string[][] }) {
  return (
    <DataTable
      id={props.id}
      columns={props.columns}
      rows={props.rows}
      focusable
      row={(r) => (
        <tr>
          {r.map((cell) => (
            <td class="content">{cell}</td>
          ))}
        </tr>
      )}
    />
  );
}

// ── Ranking ─────────────────────────────────────────────────────────────────

export interface RankingProps {
  base: string;
  month: string;
  by: RankingMetric;
  rows: (StationMonth & { rank: number })[];
}

export function RankingPage(props: RankingProps) {
  const r = t.ranking;
  const by = (
    <label>
      {r.by}
      <select name="by">
        {RANKING_METRICS.map((k) => (
          <option value={k} selected={k === props.by}>
            {r.metrics[k]}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section>
      <h1>{r.title}</h1>
      <p class="no-print">{r.intro}</p>
      <MonthForm action={`${props.base}/receptions/ranking`} month={props.month} extra={by} />
      <DataTable
        id="ranking"
        columns={[r.rank, r.station, r.township, ...RANKING_METRICS.map((k) => r.metrics[k]), t.figures.deputyAttendances]}
        rows={props.rows}
        empty={r.empty}
        focusable
        row={(row) => (
          <tr data-station={String(row.stationId)}>
            <td>{row.rank}</td>
            <td>
              <a href={`${props.base}/receptions/monthly?month=${props.month}&station=${row.stationId}`}>{row.stationName}</a>
            </td>
            <td>{row.township ?? ''}</td>
            {RANKING_METRICS.map((k) => (
              <td>{row[k]}</td>
            ))}
            <td>{row.deputyAttendances}</td>
          </tr>
        )}
      />
      <ExportLinks href={`${props.base}/receptions/ranking?month=${props.month}&by=${props.by}`} />
    </section>
  );
}

// ── Public ──────────────────────────────────────────────────────────────────

export function PublicReceptionsPage(props: { items: PublicReception[] }) {
  const p = t.public;
  return (
    <section>
      <PageHead title={p.title} intro={p.intro} />
      <ItemList
        items={props.items}
        empty={p.empty}
        item={(r) => (
          <li>
            <strong>
              {r.date} {`${r.startsAt}–${r.endsAt}`}
            </strong>
            <div>
              {p.station}：{r.stationName} · {p.place}：{r.place}
            </div>
            <div class="meta">
              {p.deputies}：{[r.deputyNames, r.withheld > 0 ? p.withheld(r.withheld) : null].filter(Boolean).join('，')}
            </div>
          </li>
        )}
      />
    </section>
  );
}

/**
 * The statistics tables, defined once: the page shows them and the exports
 * download them, so a CSV or .xlsx always has the figures on the screen.
 * Rates are numbers in percent with one decimal (null where there is
 * nothing to divide by).
 */
import type { StatisticsFigures } from '../../db/statistics';
import { ratesOf, rankUnits, rate, type RankBy, type Rates } from '../rules/statistics';
import type { Cell, Table } from '../export/table';
import { text } from '../../views/i18n';

export type ColumnKind = 'text' | 'int' | 'pct' | 'num';

export interface StatTable {
  key: StatTableKey;
  title: string;
  columns: { label: string; kind: ColumnKind }[];
  rows: Cell[][];
}

export const STAT_TABLES = ['overall', 'units', 'deputies', 'stations', 'monthly'] as const;
export type StatTableKey = (typeof STAT_TABLES)[number];

const m = text.stats.metrics;

/** A fraction as a percentage with one decimal. */
export const pct = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10);
const days = (d: number | null): number | null => (d === null ? null : Math.round(d * 10) / 10);

function overall(f: StatisticsFigures): StatTable {
  const c = f.overall;
  const r = ratesOf(c);
  const row = (label: string, value: number | null, kind: ColumnKind = 'int'): Cell[] => [label, value, kind];
  const rows: Cell[][] = [
    row(m.raised, f.cohort.raised),
    row(m.accepted, f.cohort.accepted),
    row(m.rejected, f.cohort.rejected),
    row(m.merged, f.cohort.merged),
    row(m.pending, f.cohort.pending),
    row(m.assigned, c.assigned),
    row(m.replied, c.replied),
    row(m.replyRate, pct(r.replyRate), 'pct'),
    row(m.onTimeRate, pct(r.onTimeRate), 'pct'),
    row(m.contactRate, pct(r.contactRate), 'pct'),
    ...(['A', 'B', 'C', 'D'] as const).map((k) => row(m.classShare(k), pct(r.classShares[k]), 'pct')),
    row(m.solvedRate, pct(r.solvedRate), 'pct'),
    row(m.satisfied + m.firstRound, pct(r.firstRound.satisfied), 'pct'),
    row(m.basically + m.firstRound, pct(r.firstRound.basically), 'pct'),
    row(m.unsatisfied + m.firstRound, pct(r.firstRound.unsatisfied), 'pct'),
    row(m.satisfied + m.final, pct(r.final.satisfied), 'pct'),
    row(m.basically + m.final, pct(r.final.basically), 'pct'),
    row(m.unsatisfied + m.final, pct(r.final.unsatisfied), 'pct'),
    row(m.averageDays, days(r.averageReplyDays), 'num'),
    row(m.red, c.red),
  ];
  return {
    key: 'overall',
    title: text.stats.overallTitle,
    // The third cell says how to show the value; it is dropped from exports.
    columns: [
      { label: m.metric, kind: 'text' },
      { label: m.value, kind: 'num' },
    ],
    rows,
  };
}

type RankedUnit = StatisticsFigures['units'][number] & { rank: number | null };

/** The units table's columns, each with how its cell is read from a ranked unit and its rates. */
const UNIT_COLUMNS: { label: string; kind: ColumnKind; cell: (u: RankedUnit, r: Rates) => Cell }[] = [
  { label: m.rank, kind: 'text', cell: (u) => (u.rank === null ? text.stats.unranked : String(u.rank)) },
  { label: m.unit, kind: 'text', cell: (u) => u.name },
  { label: m.assigned, kind: 'int', cell: (u) => u.counts.assigned },
  { label: m.replied, kind: 'int', cell: (u) => u.counts.replied },
  { label: m.replyRate, kind: 'pct', cell: (_, r) => pct(r.replyRate) },
  { label: m.onTimeRate, kind: 'pct', cell: (_, r) => pct(r.onTimeRate) },
  { label: m.contactRate, kind: 'pct', cell: (_, r) => pct(r.contactRate) },
  { label: m.solvedRate, kind: 'pct', cell: (_, r) => pct(r.solvedRate) },
  ...(['A', 'B', 'C', 'D'] as const).map((k) => ({ label: m.classCount(k), kind: 'int' as const, cell: (u: RankedUnit) => u.counts.classes[k] })),
  { label: m.satisfied + m.firstRound, kind: 'pct', cell: (_, r) => pct(r.firstRound.satisfied) },
  { label: m.satisfied + m.final, kind: 'pct', cell: (_, r) => pct(r.final.satisfied) },
  { label: m.basically + m.final, kind: 'pct', cell: (_, r) => pct(r.final.basically) },
  { label: m.unsatisfied + m.final, kind: 'pct', cell: (_, r) => pct(r.final.unsatisfied) },
  { label: m.averageDays, kind: 'num', cell: (_, r) => days(r.averageReplyDays) },
  { label: m.red, kind: 'int', cell: (u) => u.counts.red },
];

function units(f: StatisticsFigures, by: RankBy, minimum: number): StatTable {
  return {
    key: 'units',
    title: text.stats.unitsTitle,
    columns: UNIT_COLUMNS.map(({ label, kind }) => ({ label, kind })),
    rows: rankUnits(f.units, by, minimum).map((u) => {
      const r = ratesOf(u.counts);
      return UNIT_COLUMNS.map((c) => c.cell(u, r));
    }),
  };
}

function people(key: 'deputies' | 'stations', f: StatisticsFigures): StatTable {
  const list = key === 'deputies' ? f.deputies : f.stations;
  return {
    key,
    title: key === 'deputies' ? text.stats.deputiesTitle : text.stats.stationsTitle,
    columns: [
      { label: key === 'deputies' ? m.deputy : m.station, kind: 'text' },
      { label: m.leadRaised, kind: 'int' },
      { label: m.replied, kind: 'int' },
      { label: m.evaluated, kind: 'int' },
      { label: m.satisfiedCount, kind: 'int' },
      { label: m.satisfaction, kind: 'pct' },
    ],
    rows: list.map((p) => [p.name || m.noStation, p.raised, p.replied, p.evaluated, p.satisfied, pct(rate(p.satisfied, p.evaluated))]),
  };
}

function monthly(f: StatisticsFigures): StatTable {
  return {
    key: 'monthly',
    title: text.stats.monthlyTitle,
    columns: [
      { label: m.month, kind: 'text' },
      { label: m.submitted, kind: 'int' },
      { label: m.replied, kind: 'int' },
    ],
    rows: f.monthly.map((x) => [x.month, x.submitted, x.replied]),
  };
}

export function statTables(f: StatisticsFigures, by: RankBy, minimum: number): Record<StatTableKey, StatTable> {
  return {
    overall: overall(f),
    units: units(f, by, minimum),
    deputies: people('deputies', f),
    stations: people('stations', f),
    monthly: monthly(f),
  };
}

/** The kind of one cell: the overall table says it per row. */
export function cellKind(t: StatTable, row: Cell[], column: number): ColumnKind {
  if (t.key === 'overall' && column === 1) return (row[2] as ColumnKind) ?? 'int';
  return t.columns[column]?.kind ?? 'text';
}

/** The export of a statistics table (percent columns say so in their header). */
export function exportTable(t: StatTable, periodLabel: string): Table {
  const width = t.columns.length;
  return {
    name: `${t.title}（${periodLabel}）`,
    columns: t.columns.map((c) => (c.kind === 'pct' ? `${c.label}（%）` : c.label)),
    rows: t.rows.map((r) =>
      t.key === 'overall' && r[2] === 'pct' ? [`${r[0]}（%）`, ...r.slice(1, width)] : r.slice(0, width),
    ),
  };
}

/**
 * The statistics tables, defined once: the page shows them and the exports
 * download them, so a CSV or .xlsx always has the figures on the screen.
 * Rates are numbers in percent with one decimal (null where there is
 * nothing to divide by).
 */
import type { StatisticsFigures } from '../../db/statistics';
import { ratesOf, rankUnits, rate, type RankBy, type Rates } from '../rules/statistics';
import type { Cell, Table } from '../export/table';
import { text } from '../../views/text/index';

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

/** A column of a per-item table: its header, its kind, and how its cell is read from one item. */
interface Column<T> {
  label: string;
  kind: ColumnKind;
  cell: (item: T) => Cell;
}

/** A table with a row per item, its columns declared once (header and cell together). */
function itemTable<T>(key: StatTableKey, title: string, columns: Column<T>[], items: T[]): StatTable {
  return {
    key,
    title,
    columns: columns.map(({ label, kind }) => ({ label, kind })),
    rows: items.map((item) => columns.map((c) => c.cell(item))),
  };
}

/** A ranked unit and its rates: one row of the units table. */
type UnitItem = { u: StatisticsFigures['units'][number] & { rank: number | null }; r: Rates };

const UNIT_COLUMNS: Column<UnitItem>[] = [
  { label: m.rank, kind: 'text', cell: ({ u }) => (u.rank === null ? text.stats.unranked : String(u.rank)) },
  { label: m.unit, kind: 'text', cell: ({ u }) => u.name },
  { label: m.assigned, kind: 'int', cell: ({ u }) => u.counts.assigned },
  { label: m.replied, kind: 'int', cell: ({ u }) => u.counts.replied },
  { label: m.replyRate, kind: 'pct', cell: ({ r }) => pct(r.replyRate) },
  { label: m.onTimeRate, kind: 'pct', cell: ({ r }) => pct(r.onTimeRate) },
  { label: m.contactRate, kind: 'pct', cell: ({ r }) => pct(r.contactRate) },
  { label: m.solvedRate, kind: 'pct', cell: ({ r }) => pct(r.solvedRate) },
  ...(['A', 'B', 'C', 'D'] as const).map((k): Column<UnitItem> => ({ label: m.classCount(k), kind: 'int', cell: ({ u }) => u.counts.classes[k] })),
  { label: m.satisfied + m.firstRound, kind: 'pct', cell: ({ r }) => pct(r.firstRound.satisfied) },
  { label: m.satisfied + m.final, kind: 'pct', cell: ({ r }) => pct(r.final.satisfied) },
  { label: m.basically + m.final, kind: 'pct', cell: ({ r }) => pct(r.final.basically) },
  { label: m.unsatisfied + m.final, kind: 'pct', cell: ({ r }) => pct(r.final.unsatisfied) },
  { label: m.averageDays, kind: 'num', cell: ({ r }) => days(r.averageReplyDays) },
  { label: m.red, kind: 'int', cell: ({ u }) => u.counts.red },
];

function units(f: StatisticsFigures, by: RankBy, minimum: number): StatTable {
  const items = rankUnits(f.units, by, minimum).map((u) => ({ u, r: ratesOf(u.counts) }));
  return itemTable('units', text.stats.unitsTitle, UNIT_COLUMNS, items);
}

function people(key: 'deputies' | 'stations', f: StatisticsFigures): StatTable {
  const columns: Column<StatisticsFigures['deputies'][number]>[] = [
    { label: key === 'deputies' ? m.deputy : m.station, kind: 'text', cell: (p) => p.name || m.noStation },
    { label: m.leadRaised, kind: 'int', cell: (p) => p.raised },
    { label: m.replied, kind: 'int', cell: (p) => p.replied },
    { label: m.evaluated, kind: 'int', cell: (p) => p.evaluated },
    { label: m.satisfiedCount, kind: 'int', cell: (p) => p.satisfied },
    { label: m.satisfaction, kind: 'pct', cell: (p) => pct(rate(p.satisfied, p.evaluated)) },
  ];
  const title = key === 'deputies' ? text.stats.deputiesTitle : text.stats.stationsTitle;
  return itemTable(key, title, columns, key === 'deputies' ? f.deputies : f.stations);
}

function monthly(f: StatisticsFigures): StatTable {
  return itemTable(
    'monthly',
    text.stats.monthlyTitle,
    [
      { label: m.month, kind: 'text', cell: (x) => x.month },
      { label: m.submitted, kind: 'int', cell: (x) => x.submitted },
      { label: m.replied, kind: 'int', cell: (x) => x.replied },
    ],
    f.monthly,
  );
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
    rows: t.rows.map((r) => (t.key === 'overall' && r[2] === 'pct' ? [`${r[0]}（%）`, ...r.slice(1, width)] : r.slice(0, width))),
  };
}

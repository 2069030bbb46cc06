/**
 * 统计分析 (staff, secretary, chair): the figures of a period, their
 * exports (CSV / .xlsx), and the printable annual report.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { requireAction } from '../middleware/access';
import { parsePeriod, parseRankBy, periodBounds, rankValue, rankUnits, type Period } from '../rules/statistics';
import { chinaDateOf } from '../rules/calendar';
import { exportTable, pct, statTables, STAT_TABLES, type StatTableKey } from '../statistics/tables';
import { downloadTable } from '../export/table';
import { AnnualReport, StatisticsPage } from '../../views/pages/statistics';
import { pageShell } from '../../views/render';
import { renderErrorPage } from '../errors';
import { text } from '../../views/i18n';

export const statisticsRoutes = new Hono<AppEnv>();

const s = text.stats;

function periodQuery(p: Period): string {
  if (p.kind === 'range') return `period=range&from=${p.from}&to=${p.to}`;
  return `period=${p.kind}&year=${p.year}`;
}

function periodLabel(p: Period): string {
  return s.periodLabel(p.from, p.to, p.sessionOnly);
}

/** Everything a statistics view needs for the request's period: one round trip to D1 for the figures. */
async function load(c: AppContext) {
  const now = Date.now();
  const q = c.req.query();
  const { period, error } = parsePeriod(q, now);
  const rankBy = parseRankBy(q.rank);
  const { settings } = await c.var.data.config();
  const minimum = settings.statsMinimumItems;
  const figures = await c.var.data.statistics.figures({ ...periodBounds(period), sessionOnly: period.sessionOnly, today: chinaDateOf(now) });
  return { now, q, period, error, rankBy, minimum, figures, tables: statTables(figures, rankBy, minimum) };
}

statisticsRoutes.get('/statistics', requireAction('statistics.view'), async (c) => {
  const { now, q, period, error, rankBy, minimum, figures, tables } = await load(c);
  const thisYear = Number(chinaDateOf(now).slice(0, 4));
  const bars = rankUnits(figures.units, rankBy, minimum).map((u) => ({ name: u.name, value: pct(rankValue(u.counts, rankBy)) }));
  const body = StatisticsPage({
    base: c.var.base,
    period,
    typed: { from: error ? (q.from ?? '') : period.kind === 'range' ? period.from : '', to: error ? (q.to ?? '') : period.kind === 'range' ? period.to : '' },
    periodError: error,
    periodLabel: periodLabel(period),
    periodQuery: periodQuery(period),
    rankBy,
    minimum,
    tables,
    bars,
    years: Array.from({ length: 8 }, (_, i) => thisYear - i),
  });
  return c.html(pageShell(c, s.title, body), error ? 422 : 200);
});

statisticsRoutes.get('/statistics/export', requireAction('statistics.view'), async (c) => {
  const table = c.req.query('table') as StatTableKey;
  const format = c.req.query('format');
  if (!STAT_TABLES.includes(table) || (format !== 'csv' && format !== 'xlsx')) {
    return renderErrorPage(c, 404, text.errors.notFoundTitle, text.errors.notFound);
  }
  const { period, tables } = await load(c);
  return downloadTable(exportTable(tables[table], periodLabel(period)), format);
});

statisticsRoutes.get('/statistics/report', requireAction('statistics.view'), async (c) => {
  const { period, minimum, tables } = await load(c);
  const year = period.year ?? Number(period.from.slice(0, 4));
  const keys = await c.var.data.statistics.keySuggestions({ ...periodBounds(period), sessionOnly: false, today: chinaDateOf(Date.now()) });
  const body = AnnualReport({ county: c.var.tenant.name, year, tables, keys, minimum });
  return c.html(pageShell(c, s.annualTitle(c.var.tenant.name, year), body));
});

/**
 * 统计分析 (staff, secretary, chair): the figures of a period, their
 * exports (CSV / .xlsx), and the printable annual report.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { requireAction, requireFormToken } from '../middleware/access';
import { can } from '../rules/roles';
import { isPreconditionFailure } from '../../db/guard';
import { EvaluationPage } from '../../views/pages/evaluation';
import { parsePeriod, parseRankBy, periodBounds, rankValue, rankUnits, ratesOf, type Period } from '../rules/statistics';
import { chinaDateOf } from '../rules/calendar';
import { exportTable, pct, statTables, STAT_TABLES, type StatTableKey } from '../statistics/tables';
import { downloadTable, requestedFormat } from '../export/table';
import { AnnualReport, StatisticsPage } from '../../views/pages/statistics';
import type { StatsQuery } from '../../db/statistics';
import { pageShell } from '../../views/render';
import { notFound } from '../errors';
import { form } from '../forms/validate';
import { markSchema } from '../forms/evaluation';
import { text } from '../../views/text/index';

export const statisticsRoutes = new Hono<AppEnv>();

const s = text.stats;

function periodQuery(p: Period): string {
  if (p.kind === 'range') return `period=range&from=${p.from}&to=${p.to}`;
  return `period=${p.kind}&year=${p.year}`;
}

function periodLabel(p: Period): string {
  return s.periodLabel(p.from, p.to, p.sessionOnly);
}

/** What the data layer counts for a period, as of `now`. */
function statsQuery(period: Period, now: number): StatsQuery {
  return { ...periodBounds(period), sessionOnly: period.sessionOnly, today: chinaDateOf(now) };
}

/** Everything a statistics view needs for the request's period: one round trip to D1 for the figures. */
async function load(c: AppContext, query: Record<string, string | undefined> = c.req.query()) {
  const now = Date.now();
  const { period, error } = parsePeriod(query, now);
  const rankBy = parseRankBy(query.rank);
  const stats = statsQuery(period, now);
  const [{ settings }, figures] = await Promise.all([c.var.data.config(), c.var.data.statistics.figures(stats)]);
  const minimum = settings.statsMinimumItems;
  return { now, q: query, stats, period, error, rankBy, minimum, figures, tables: statTables(figures, rankBy, minimum) };
}

statisticsRoutes.get('/statistics', requireAction('statistics.view'), async (c) => {
  const { now, q, period, error, rankBy, minimum, figures, tables } = await load(c);
  const thisYear = Number(chinaDateOf(now).slice(0, 4));
  const bars = rankUnits(figures.units, rankBy, minimum).map((u) => ({ name: u.name, value: pct(rankValue(u.counts, rankBy)) }));
  const body = StatisticsPage({
    base: c.var.base,
    period,
    typed: {
      from: error ? (q.from ?? '') : period.kind === 'range' ? period.from : '',
      to: error ? (q.to ?? '') : period.kind === 'range' ? period.to : '',
    },
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
  const format = requestedFormat(c.req.query('format'));
  if (!STAT_TABLES.includes(table) || !format) {
    return notFound(c);
  }
  const { period, tables } = await load(c);
  return downloadTable(exportTable(tables[table], periodLabel(period)), format);
});

statisticsRoutes.get('/statistics/report', requireAction('statistics.view'), async (c) => {
  const { period, minimum, tables, stats } = await load(c);
  const year = period.year ?? Number(period.from.slice(0, 4));
  const [keys, marks] = await Promise.all([c.var.data.statistics.keySuggestions(stats), c.var.data.commendations.list(year)]);
  const commended = {
    units: marks.filter((m) => m.kind === 'unit').map((m) => m.unitName ?? ''),
    suggestions: marks.filter((m) => m.kind === 'suggestion').map((m) => `${m.number ?? ''}《${m.title ?? ''}》（${m.leadDeputyName ?? ''}）`),
  };
  const body = AnnualReport({ county: c.var.tenant.name, year, tables, keys, minimum, commended });
  return c.html(pageShell(c, s.annualTitle(c.var.tenant.name, year), body));
});

/** 年度评优: figures for the year, and the marks (staff mark; secretary and chair see them). */
async function renderEvaluation(c: AppContext, year: number, alert?: string, status: 200 | 422 = 200) {
  const { now, stats, figures, minimum } = await load(c, { period: 'year', year: String(year) });
  const [replied, marks] = await Promise.all([c.var.data.statistics.replied(stats), c.var.data.commendations.list(year)]);
  const isMarked = (kind: string, id: number) => marks.some((m) => m.kind === kind && m.targetId === id);
  const units = rankUnits(figures.units, 'replyRate', minimum).map((u) => {
    const r = ratesOf(u.counts);
    return {
      unitId: u.unitId,
      name: u.name,
      rank: u.rank,
      assigned: u.counts.assigned,
      replyRate: r.replyRate,
      onTimeRate: r.onTimeRate,
      contactRate: r.contactRate,
      satisfaction: rankValue(u.counts, 'satisfaction'),
      red: u.counts.red,
      marked: isMarked('unit', u.unitId),
    };
  });
  const suggestions = replied.map((s) => ({
    ...s,
    marked: isMarked('suggestion', s.id),
    note: marks.find((m) => m.kind === 'suggestion' && m.targetId === s.id)?.note ?? null,
  }));
  const thisYear = Number(chinaDateOf(now).slice(0, 4));
  const body = EvaluationPage({
    base: c.var.base,
    year,
    years: Array.from({ length: 8 }, (_, i) => thisYear - i),
    units,
    suggestions,
    mayMark: can(c.var.user!.role, 'statistics.evaluate'),
    csrfToken: c.var.csrfToken ?? '',
    alert,
  });
  return c.html(pageShell(c, s.evaluation.title(year), body), status);
}

/** The year of a 评优 link (this year when missing or malformed). */
const yearOf = (value: string | undefined, now: number) => parsePeriod({ period: 'year', year: value }, now).period.year!;

statisticsRoutes.get('/statistics/evaluation', requireAction('statistics.view'), (c) => renderEvaluation(c, yearOf(c.req.query('year'), Date.now())));

const markForm = form(markSchema, (c) => renderEvaluation(c, yearOf(undefined, Date.now()), s.evaluation.refused, 422));

statisticsRoutes.post('/statistics/evaluation', requireAction('statistics.evaluate'), requireFormToken, markForm, async (c) => {
  const now = Date.now();
  const { year, kind, target_id: id, op, note } = c.req.valid('form').data;
  const user = c.var.user!;
  const actor = { userId: user.id, name: user.displayName };
  try {
    if (op === 'mark') await c.var.data.commendations.mark(year, kind, id, note || null, actor, now);
    else await c.var.data.commendations.unmark(year, kind, id, actor, now);
  } catch (err) {
    if (isPreconditionFailure(err)) return renderEvaluation(c, year, s.evaluation.refused, 422);
    throw err;
  }
  return c.redirect(`${c.var.base}/statistics/evaluation?year=${year}`, 303);
});

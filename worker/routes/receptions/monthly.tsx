/**
 * "321" month by month: one station's summary and three lists (printable
 * as they stand; each downloadable with ?format=csv|xlsx&list=…), and the
 * ranking of the county's stations (one SQL aggregation for all of them).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireAction } from '../../middleware/access';
import { chinaDateOf } from '../../rules/calendar';
import { deadlineStatus, monthOf, parseMonth, parseRankingMetric, rankStations, type StationMonth } from '../../rules/receptions';
import { downloadTable, requestedFormat, type Table } from '../../export/table';
import { MonthlyPage, RankingPage, resultOf, SUMMARY_FIGURES, type MonthIssue } from '../../../views/pages/receptions-monthly';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { idParam, stationScope } from './load';

const t = text.receptions;
const m = t.monthly;
const mayView = requireAction('reception.view');

export const monthlyRoutes = new Hono<AppEnv>();

const outcomeLabel = (o: string) => t.outcomes[o as keyof typeof t.outcomes] ?? o;

/** The lists and the summary as tables for download. */
function monthTable(list: string, station: string, month: string, figures: StationMonth, issues: MonthIssue[]): Table {
  const name = (title: string) => `${station}-${title}-${month}`;
  switch (list) {
    case 'collected':
      return {
        name: name(m.collectedTitle),
        columns: [m.date, m.voter, m.content, m.category, m.outcome],
        rows: issues.map((i) => [i.receptionDate, i.voterName, i.content, i.categoryName, outcomeLabel(i.outcome)]),
      };
    case 'measures':
      return {
        name: name(m.measuresTitle),
        columns: [m.date, m.content, m.measure, m.result],
        rows: issues.filter((i) => i.measure || i.outcome !== 'open').map((i) => [i.receptionDate, i.content, i.measure, resultOf(i)]),
      };
    case 'feedback':
      return {
        name: name(m.feedbackTitle),
        columns: [m.date, m.content, m.handedTo, m.dueDate, m.status, m.feedback],
        rows: issues
          .filter((i) => i.dueDate !== null)
          .map((i) => [i.receptionDate, i.content, i.handedTo, i.dueDate, i.deadline ? t.deadline[i.deadline] : null, i.feedback]),
      };
    default:
      return {
        name: m.summaryTitle(station, month),
        columns: SUMMARY_FIGURES.map((k) => t.figures[k]),
        rows: [SUMMARY_FIGURES.map((k) => figures[k])],
      };
  }
}

monthlyRoutes.get('/receptions/monthly', mayView, async (c) => {
  const now = Date.now();
  const month = parseMonth(c.req.query('month')) ?? monthOf(now);
  const { stations, figures: all } = await c.var.data.receptions.stationsAndFigures(month, chinaDateOf(now), stationScope(c));
  const wanted = idParam(c.req.query('station'));
  const station = stations.find((s) => s.id === wanted) ?? stations[0] ?? null;
  let figures: StationMonth | null = null;
  let issues: MonthIssue[] = [];
  if (station) {
    const list = await c.var.data.receptions.monthIssues(month, station.id);
    figures = all.find((f) => f.stationId === station.id) ?? null;
    issues = list.map((i) => ({ ...i, deadline: i.dueDate ? deadlineStatus({ dueDate: i.dueDate, closedAt: i.closedAt }, now) : null }));
  }
  const format = requestedFormat(c.req.query('format'));
  if (format && station && figures) {
    return downloadTable(monthTable(c.req.query('list') ?? 'summary', station.name, month, figures, issues), format);
  }
  const body = MonthlyPage({ base: c.var.base, month, stations, station, figures, issues });
  return c.html(pageShell(c, m.title, body));
});

monthlyRoutes.get('/receptions/ranking', mayView, async (c: AppContext) => {
  const now = Date.now();
  const month = parseMonth(c.req.query('month')) ?? monthOf(now);
  const by = parseRankingMetric(c.req.query('by'));
  const rows = rankStations(await c.var.data.receptions.monthFigures(month, chinaDateOf(now)), by);
  const format = requestedFormat(c.req.query('format'));
  if (format) {
    const r = t.ranking;
    return downloadTable(
      {
        name: r.fileName(month),
        columns: [r.rank, r.station, r.township, ...SUMMARY_FIGURES.map((k) => t.figures[k])],
        rows: rows.map((row) => [row.rank, row.stationName, row.township, ...SUMMARY_FIGURES.map((k) => row[k])]),
      },
      format,
    );
  }
  return c.html(pageShell(c, t.ranking.title, RankingPage({ base: c.var.base, month, by, rows })));
});

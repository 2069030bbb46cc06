/**
 * What receptionRepo reads: stations and form options, a month's
 * receptions, one reception or issue, the public page's upcoming
 * receptions, a station's month of issues and the monthly figures.
 */
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { rawStatement } from '../../guard';
import { categories, deputies, liaisonStations, receptionDeputies, receptions, suggestions, voterIssues } from '../../schema';
import { monthRange, type StationMonth } from '../../../worker/rules/receptions';
import type { IsoDate } from '../../../worker/rules/calendar';
import { monthFiguresSql, toStationMonths, type FigureRow } from './figures';
import { MONTH_ISSUES_MAX, RECEPTION_LIST_MAX, type IssueRow, type PublicReception, type ReceptionDetail, type ReceptionListItem } from './types';

export function receptionReads(db: Database, tenantId: number) {
  const inTenant = eq(receptions.tenantId, tenantId);

  /** A ReceptionSlot's columns: the reception joined to its station. */
  const slotColumns = {
    id: receptions.id,
    stationName: sql<string>`${liaisonStations.name}`.as('station_name'),
    date: receptions.date,
    startsAt: receptions.startsAt,
    endsAt: receptions.endsAt,
    place: receptions.place,
  };
  const issueColumns = {
    id: voterIssues.id,
    receptionId: voterIssues.receptionId,
    stationId: voterIssues.stationId,
    voterName: voterIssues.voterName,
    voterContact: voterIssues.voterContact,
    content: voterIssues.content,
    categoryId: voterIssues.categoryId,
    categoryName: sql<string | null>`${categories.name}`.as('category_name'),
    measure: voterIssues.measure,
    outcome: voterIssues.outcome,
    outcomeNote: voterIssues.outcomeNote,
    suggestionId: voterIssues.suggestionId,
    suggestionNumber: sql<string | null>`${suggestions.number}`.as('suggestion_number'),
    suggestionTitle: sql<string | null>`${suggestions.title}`.as('suggestion_title'),
    handedTo: voterIssues.handedTo,
    dueDate: voterIssues.dueDate,
    feedback: voterIssues.feedback,
    feedbackAt: voterIssues.feedbackAt,
    closedAt: voterIssues.closedAt,
    createdAt: voterIssues.createdAt,
    receptionDate: sql<string | null>`${receptions.date}`.as('reception_date'),
  };
  const issuesQuery = () =>
    db
      .select(issueColumns)
      .from(voterIssues)
      .leftJoin(receptions, and(eq(receptions.tenantId, tenantId), eq(receptions.id, voterIssues.receptionId)))
      .leftJoin(categories, and(eq(categories.tenantId, tenantId), eq(categories.id, voterIssues.categoryId)))
      .leftJoin(suggestions, and(eq(suggestions.tenantId, tenantId), eq(suggestions.id, voterIssues.suggestionId)));

  /** The query behind stations(), also batched by formOptions(). */
  const stationsQuery = (onlyId: number | null) =>
    db
      .select({ id: liaisonStations.id, name: liaisonStations.name, township: liaisonStations.township })
      .from(liaisonStations)
      .where(
        and(eq(liaisonStations.tenantId, tenantId), isNull(liaisonStations.retiredAt), onlyId === null ? undefined : eq(liaisonStations.id, onlyId)),
      )
      .orderBy(asc(liaisonStations.id));

  return {
    /** Stations still in use — all of them, or only `onlyId` (a liaison clerk's own). */
    stations: stationsQuery,

    /** What the reception form offers: stations, serving deputies (with their station), categories — one round trip. */
    async formOptions(onlyStation: number | null) {
      const [stationRows, deputyRows, categoryRows] = await db.batch([
        stationsQuery(onlyStation),
        db
          .select({
            id: deputies.id,
            name: deputies.name,
            stationName: sql<string | null>`${liaisonStations.name}`.as('station_name'),
          })
          .from(deputies)
          .leftJoin(liaisonStations, eq(liaisonStations.id, deputies.stationId))
          .where(and(eq(deputies.tenantId, tenantId), isNull(deputies.retiredAt)))
          .orderBy(asc(deputies.stationId), asc(deputies.id)),
        db
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(and(eq(categories.tenantId, tenantId), isNull(categories.retiredAt)))
          .orderBy(asc(categories.sort), asc(categories.id)),
      ]);
      return { stations: stationRows, deputies: deputyRows, categories: categoryRows };
    },

    /** Which of these ids are serving deputies of this county. */
    async servingDeputyIds(ids: readonly number[]): Promise<Set<number>> {
      const wanted = [...new Set(ids)].slice(0, 90);
      if (wanted.length === 0) return new Set();
      const rows = await db
        .select({ id: deputies.id })
        .from(deputies)
        .where(and(eq(deputies.tenantId, tenantId), isNull(deputies.retiredAt), inArray(deputies.id, wanted)))
        .all();
      return new Set(rows.map((r) => r.id));
    },

    /** Categories in use, for the issue form. */
    categories() {
      return db
        .select({ id: categories.id, name: categories.name })
        .from(categories)
        .where(and(eq(categories.tenantId, tenantId), isNull(categories.retiredAt)))
        .orderBy(asc(categories.sort), asc(categories.id))
        .all();
    },

    /** A month's receptions (all stations, or one), by day and time. */
    list(month: string, onlyStation: number | null): Promise<ReceptionListItem[]> {
      const { from, until } = monthRange(month);
      return db
        .select({
          ...slotColumns,
          stationId: receptions.stationId,
          cancelledAt: receptions.cancelledAt,
          deputyNames: sql<string | null>`(select group_concat(d.name, '、') from ${receptionDeputies} rd
            join ${deputies} d on d.id = rd.deputy_id where rd.tenant_id = ${tenantId} and rd.reception_id = ${receptions.id})`.as('deputy_names'),
          issues: sql<number>`(select count(*) from ${voterIssues} v where v.tenant_id = ${tenantId} and v.reception_id = ${receptions.id})`.as(
            'issue_count',
          ),
        })
        .from(receptions)
        .innerJoin(liaisonStations, eq(liaisonStations.id, receptions.stationId))
        .where(
          and(
            inTenant,
            gte(receptions.date, from),
            lt(receptions.date, until),
            onlyStation === null ? undefined : eq(receptions.stationId, onlyStation),
          ),
        )
        .orderBy(asc(receptions.date), asc(receptions.startsAt), asc(receptions.id))
        .limit(RECEPTION_LIST_MAX)
        .all();
    },

    /** One reception with its deputies and issues, in one round trip. */
    async get(id: number): Promise<ReceptionDetail | undefined> {
      const [main, people, issues] = await db.batch([
        db
          .select({
            ...slotColumns,
            stationId: receptions.stationId,
            township: liaisonStations.township,
            note: receptions.note,
            cancelledAt: receptions.cancelledAt,
          })
          .from(receptions)
          .innerJoin(liaisonStations, eq(liaisonStations.id, receptions.stationId))
          .where(and(inTenant, eq(receptions.id, id))),
        db
          .select({ id: deputies.id, name: deputies.name })
          .from(receptionDeputies)
          .innerJoin(deputies, eq(deputies.id, receptionDeputies.deputyId))
          .where(and(eq(receptionDeputies.tenantId, tenantId), eq(receptionDeputies.receptionId, id)))
          .orderBy(asc(deputies.id)),
        issuesQuery()
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.receptionId, id)))
          .orderBy(asc(voterIssues.id)),
      ]);
      const row = main[0];
      return row ? { ...row, deputies: people, issues } : undefined;
    },

    /** One issue, with its reception's day and deputies. */
    async issue(id: number): Promise<(IssueRow & { receptionDeputyIds: number[] }) | undefined> {
      const [rows, people] = await db.batch([
        issuesQuery().where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        db
          .select({ id: receptionDeputies.deputyId })
          .from(receptionDeputies)
          .innerJoin(voterIssues, and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.receptionId, receptionDeputies.receptionId)))
          .where(and(eq(receptionDeputies.tenantId, tenantId), eq(voterIssues.id, id))),
      ]);
      const row = rows[0];
      return row ? { ...row, receptionDeputyIds: people.map((p) => p.id) } : undefined;
    },

    /** Upcoming receptions (today on), not cancelled, for the public page. */
    publicUpcoming(today: IsoDate): Promise<PublicReception[]> {
      return db
        .select({
          ...slotColumns,
          township: liaisonStations.township,
          deputyNames: sql<string | null>`(select group_concat(d.name, '、') from ${receptionDeputies} rd
            join ${deputies} d on d.id = rd.deputy_id
            where rd.tenant_id = ${tenantId} and rd.reception_id = ${receptions.id} and not d.confidential)`.as('deputy_names'),
          withheld: sql<number>`(select count(*) from ${receptionDeputies} rd join ${deputies} d on d.id = rd.deputy_id
            where rd.tenant_id = ${tenantId} and rd.reception_id = ${receptions.id} and d.confidential)`.as('withheld'),
        })
        .from(receptions)
        .innerJoin(liaisonStations, eq(liaisonStations.id, receptions.stationId))
        .where(and(inTenant, isNull(receptions.cancelledAt), gte(receptions.date, today)))
        .orderBy(asc(receptions.date), asc(receptions.startsAt), asc(receptions.id))
        .limit(RECEPTION_LIST_MAX)
        .all();
    },

    /** A station's issues logged at the month's receptions (the three lists are views of these). */
    monthIssues(month: string, stationId: number): Promise<IssueRow[]> {
      const { from, until } = monthRange(month);
      return issuesQuery()
        .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.stationId, stationId), gte(receptions.date, from), lt(receptions.date, until)))
        .orderBy(asc(receptions.date), asc(voterIssues.id))
        .limit(MONTH_ISSUES_MAX)
        .all();
    },

    /**
     * Every station's figures for a month — one SQL aggregation for the
     * county (the ranking and each station's summary). Held: not cancelled
     * and the day reached (`today`). Issues: logged at the month's
     * receptions. On time: the rule of isClosedOnTime — closed before 24:00
     * China time of the due date (unixepoch(due) + 16 h, in ms), or closed
     * with no due date. Retired stations are listed only if they had
     * something that month.
     */
    async monthFigures(month: string, today: IsoDate, onlyStation: number | null = null): Promise<StationMonth[]> {
      return toStationMonths(await db.all<FigureRow>(monthFiguresSql(tenantId, month, today, onlyStation)));
    },

    /**
     * The monthly page's first reads in one round trip: the stations in
     * scope (for the picker) and each one's figures for the month.
     */
    async stationsAndFigures(month: string, today: IsoDate, onlyStation: number | null) {
      const [stationRows, figureRows] = await db.batch([
        this.stations(onlyStation),
        rawStatement(db, monthFiguresSql(tenantId, month, today, onlyStation)),
      ]);
      return { stations: stationRows, figures: toStationMonths((figureRows as unknown as D1Result<FigureRow>).results) };
    },
  };
}

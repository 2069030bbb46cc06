/**
 * 接待日 and voters' issues ("321") of one tenant: receptions with their
 * deputies, the issues logged at them and how each ended, the month's three
 * lists, and the stations' monthly figures (one SQL aggregation). Bound to
 * one tenant like db/tenant-data.ts; every write goes with its audit entry
 * in one batch, guarded by a precondition where the row's state matters.
 */
import { and, asc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { rawStatement } from '../guard';
import { isPreconditionFailure as isPrecondition, precondition } from '../guard';
import { auditRepo, type AuditActor } from './audit';
import { categories, deputies, liaisonStations, receptionDeputies, receptions, suggestions, voterIssues } from '../schema';
import { monthRange, type StationMonth } from '../../worker/rules/receptions';
import type { IsoDate } from '../../worker/rules/calendar';
import { CHINA_OFFSET_MS, DAY_MS } from '../../worker/rules/china-time';

/** Receptions a list or the public page shows at most. */
export const RECEPTION_LIST_MAX = 200;
/** Issues one month's lists show at most for one station. */
export const MONTH_ISSUES_MAX = 2000;

export interface ReceptionInput {
  stationId: number;
  date: IsoDate;
  startsAt: string;
  endsAt: string;
  place: string;
  note: string | null;
  deputyIds: number[];
}

export interface ReceptionListItem {
  id: number;
  stationId: number;
  stationName: string;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string;
  cancelledAt: number | null;
  deputyNames: string | null;
  issues: number;
}

export interface ReceptionDetail {
  id: number;
  stationId: number;
  stationName: string;
  township: string | null;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string;
  note: string | null;
  cancelledAt: number | null;
  deputies: { id: number; name: string }[];
  issues: IssueRow[];
}

export interface IssueRow {
  id: number;
  receptionId: number | null;
  stationId: number;
  voterName: string;
  voterContact: string | null;
  content: string;
  categoryId: number | null;
  categoryName: string | null;
  measure: string | null;
  outcome: string;
  outcomeNote: string | null;
  suggestionId: number | null;
  suggestionNumber: string | null;
  suggestionTitle: string | null;
  handedTo: string | null;
  dueDate: string | null;
  feedback: string | null;
  feedbackAt: number | null;
  closedAt: number | null;
  createdAt: number;
  /** The reception's day. */
  receptionDate: string | null;
}

export interface IssueInput {
  voterName: string;
  voterContact: string | null;
  content: string;
  categoryId: number | null;
  measure: string | null;
}

/** Upcoming receptions as the public sees them: deputies who asked for it are withheld (decided in SQL). */
export interface PublicReception {
  id: number;
  stationName: string;
  township: string | null;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string;
  /** Names shown, joined with 、 (confidential deputies left out). */
  deputyNames: string | null;
  withheld: number;
}

type Statement = BatchItem<'sqlite'>;

function isKeyViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed|PRIMARY KEY/i.test(`${err.message} ${String(err.cause ?? '')}`);
}

export function receptionRepo(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const inTenant = eq(receptions.tenantId, tenantId);

  /**
   * Runs `build(id)` in one batch with the id the new row will take (max + 1,
   * so the audit entry and child rows name it); if another writer took that
   * id first, the primary key refuses the batch and it is tried again.
   */
  async function insertWithNewId(table: typeof receptions | typeof voterIssues, build: (id: number) => Statement[]): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const row = await db.select({ n: sql<number>`coalesce(max(${table.id}), 0)` }).from(table).get();
      const id = (row?.n ?? 0) + 1;
      try {
        await db.batch(build(id) as [Statement, ...Statement[]]);
        return id;
      } catch (err) {
        if (!isKeyViolation(err) || attempt >= 4) throw err;
      }
    }
  }

  const deputyRows = (receptionId: number, ids: number[]) =>
    ids.length ? [db.insert(receptionDeputies).values(ids.map((deputyId) => ({ tenantId, receptionId, deputyId })))] : [];

  /** Fails the batch unless the reception exists here, is not cancelled and its day has not begun. */
  const stillEditable = (id: number, today: IsoDate) =>
    precondition(db, sql`exists (select 1 from ${receptions} where ${receptions.tenantId} = ${tenantId} and ${receptions.id} = ${id}
      and ${receptions.cancelledAt} is null and ${receptions.date} > ${today})`);

  /** Fails the batch unless the issue is (still) at one of `outcomes` and not closed. */
  const issueStillAt = (id: number, outcomes: readonly string[]) =>
    precondition(db, sql`exists (select 1 from ${voterIssues} where ${voterIssues.tenantId} = ${tenantId} and ${voterIssues.id} = ${id}
      and ${voterIssues.outcome} in ${outcomes} and ${voterIssues.closedAt} is null)`);

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

  type FigureRow = {
        station_id: number;
        station_name: string;
        township: string | null;
        receptions_held: number;
        deputy_attendances: number;
        deputies_attending: number;
        issues_logged: number;
        closed_on_time: number;
        suggestions_raised: number;
      };

  /** One statement: every station's month (or one station's), see monthFigures. */
  function monthFiguresSql(month: string, today: IsoDate, onlyStation: number | null) {
      const { from, until } = monthRange(month);
      const one = onlyStation === null ? sql`` : sql`and s.id = ${onlyStation}`;
      return sql`
        with held as materialized (
          select r.id, r.station_id from receptions r
          where r.tenant_id = ${tenantId} and r.cancelled_at is null
            and r.date >= ${from} and r.date < ${until} and r.date <= ${today}
        ),
        by_reception as (select station_id, count(*) as n from held group by station_id),
        by_deputy as (
          select h.station_id, count(*) as attendances, count(distinct rd.deputy_id) as people
          from reception_deputies rd join held h on h.id = rd.reception_id
          where rd.tenant_id = ${tenantId} group by h.station_id
        ),
        by_issue as (
          select v.station_id, count(*) as logged,
            sum(v.closed_at is not null and (v.due_date is null or v.closed_at < (unixepoch(v.due_date) + ${sql.raw(String((DAY_MS - CHINA_OFFSET_MS) / 1000))}) * 1000)) as on_time,
            sum(v.suggestion_id is not null) as raised
          from voter_issues v join receptions r on r.id = v.reception_id and r.tenant_id = ${tenantId}
          where v.tenant_id = ${tenantId} and r.date >= ${from} and r.date < ${until}
          group by v.station_id
        )
        select s.id as station_id, s.name as station_name, s.township as township,
          coalesce(br.n, 0) as receptions_held,
          coalesce(bd.attendances, 0) as deputy_attendances,
          coalesce(bd.people, 0) as deputies_attending,
          coalesce(bi.logged, 0) as issues_logged,
          coalesce(bi.on_time, 0) as closed_on_time,
          coalesce(bi.raised, 0) as suggestions_raised
        from liaison_stations s
          left join by_reception br on br.station_id = s.id
          left join by_deputy bd on bd.station_id = s.id
          left join by_issue bi on bi.station_id = s.id
        where s.tenant_id = ${tenantId} ${one}
          and (s.retired_at is null or br.n is not null or bi.logged is not null)
        order by s.id`;
  }

  function toStationMonths(rows: FigureRow[]): StationMonth[] {
      return rows.map((r) => ({
        stationId: r.station_id,
        stationName: r.station_name,
        township: r.township,
        receptionsHeld: r.receptions_held,
        deputyAttendances: r.deputy_attendances,
        deputiesAttending: r.deputies_attending,
        issuesLogged: r.issues_logged,
        closedOnTime: r.closed_on_time,
        suggestionsRaised: r.suggestions_raised,
      }));
  }

  return {
    /** Stations still in use — all of them, or only `onlyId` (a liaison clerk's own). */
    stations(onlyId: number | null) {
      return db
        .select({ id: liaisonStations.id, name: liaisonStations.name, township: liaisonStations.township })
        .from(liaisonStations)
        .where(
          and(
            eq(liaisonStations.tenantId, tenantId),
            isNull(liaisonStations.retiredAt),
            onlyId === null ? undefined : eq(liaisonStations.id, onlyId),
          ),
        )
        .orderBy(asc(liaisonStations.id));
    },

    /** What the reception form offers: stations, serving deputies (with their station), categories — one round trip. */
    async formOptions(onlyStation: number | null) {
      const [stationRows, deputyRows, categoryRows] = await db.batch([
        db
          .select({ id: liaisonStations.id, name: liaisonStations.name, township: liaisonStations.township })
          .from(liaisonStations)
          .where(
            and(
              eq(liaisonStations.tenantId, tenantId),
              isNull(liaisonStations.retiredAt),
              onlyStation === null ? undefined : eq(liaisonStations.id, onlyStation),
            ),
          )
          .orderBy(asc(liaisonStations.id)),
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
          id: receptions.id,
          stationId: receptions.stationId,
          stationName: sql<string>`${liaisonStations.name}`.as('station_name'),
          date: receptions.date,
          startsAt: receptions.startsAt,
          endsAt: receptions.endsAt,
          place: receptions.place,
          cancelledAt: receptions.cancelledAt,
          deputyNames: sql<string | null>`(select group_concat(d.name, '、') from ${receptionDeputies} rd
            join ${deputies} d on d.id = rd.deputy_id where rd.tenant_id = ${tenantId} and rd.reception_id = ${receptions.id})`.as('deputy_names'),
          issues: sql<number>`(select count(*) from ${voterIssues} v where v.tenant_id = ${tenantId} and v.reception_id = ${receptions.id})`.as('issue_count'),
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
            id: receptions.id,
            stationId: receptions.stationId,
            stationName: sql<string>`${liaisonStations.name}`.as('station_name'),
            township: liaisonStations.township,
            date: receptions.date,
            startsAt: receptions.startsAt,
            endsAt: receptions.endsAt,
            place: receptions.place,
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
          id: receptions.id,
          stationName: sql<string>`${liaisonStations.name}`.as('station_name'),
          township: liaisonStations.township,
          date: receptions.date,
          startsAt: receptions.startsAt,
          endsAt: receptions.endsAt,
          place: receptions.place,
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
        .where(
          and(
            eq(voterIssues.tenantId, tenantId),
            eq(voterIssues.stationId, stationId),
            gte(receptions.date, from),
            lt(receptions.date, until),
          ),
        )
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
      return toStationMonths(await db.all<FigureRow>(monthFiguresSql(month, today, onlyStation)));
    },

    /**
     * The monthly page's first reads in one round trip: the stations in
     * scope (for the picker) and each one's figures for the month.
     */
    async stationsAndFigures(month: string, today: IsoDate, onlyStation: number | null) {
      const [stationRows, figureRows] = await db.batch([this.stations(onlyStation), rawStatement(db, monthFiguresSql(month, today, onlyStation))]);
      return { stations: stationRows, figures: toStationMonths((figureRows as unknown as D1Result<FigureRow>).results) };
    },

    // ── Writes ──────────────────────────────────────────────────────────────

    /** 安排接待: the reception, its deputies and the audit entry, in one batch. */
    schedule(input: ReceptionInput, actor: AuditActor & { userId: number }, now: number): Promise<number> {
      return insertWithNewId(receptions, (id) => [
        db.insert(receptions).values({
          id,
          tenantId,
          stationId: input.stationId,
          date: input.date,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          place: input.place,
          note: input.note,
          createdByUserId: actor.userId,
          createdAt: now,
        }),
        ...deputyRows(id, input.deputyIds),
        audit.entry({ actor, action: 'reception.schedule', targetType: 'reception', targetId: id, targetLabel: `${input.date} ${input.place}`, details: { after: input } }, now),
      ]);
    },

    /** Changes a reception before its day; false if it was cancelled or its day came meanwhile. */
    async update(id: number, input: ReceptionInput, before: ReceptionInput, actor: AuditActor, today: IsoDate, now: number): Promise<boolean> {
      try {
        await db.batch([
          stillEditable(id, today),
          db
            .update(receptions)
            .set({ stationId: input.stationId, date: input.date, startsAt: input.startsAt, endsAt: input.endsAt, place: input.place, note: input.note })
            .where(and(inTenant, eq(receptions.id, id))),
          db.delete(receptionDeputies).where(and(eq(receptionDeputies.tenantId, tenantId), eq(receptionDeputies.receptionId, id))),
          ...deputyRows(id, input.deputyIds),
          audit.entry({ actor, action: 'reception.update', targetType: 'reception', targetId: id, targetLabel: `${input.date} ${input.place}`, details: { before, after: input } }, now),
        ]);
        return true;
      } catch (err) {
        if (isPrecondition(err)) return false;
        throw err;
      }
    },

    /** Cancels a reception before its day; false if that is no longer possible. */
    async cancel(id: number, label: string, actor: AuditActor, today: IsoDate, now: number): Promise<boolean> {
      try {
        await db.batch([
          stillEditable(id, today),
          db.update(receptions).set({ cancelledAt: now }).where(and(inTenant, eq(receptions.id, id))),
          audit.entry({ actor, action: 'reception.cancel', targetType: 'reception', targetId: id, targetLabel: label }, now),
        ]);
        return true;
      } catch (err) {
        if (isPrecondition(err)) return false;
        throw err;
      }
    },

    /** 收集问题: logs a voter's issue at a held reception (its station copied from it); null if the reception is not (or no longer) held. */
    async logIssue(receptionId: number, stationId: number, input: IssueInput, actor: AuditActor & { userId: number }, today: IsoDate, now: number): Promise<number | null> {
      return insertWithNewId(voterIssues, (id) => [
        precondition(db, sql`exists (select 1 from ${receptions} where ${receptions.tenantId} = ${tenantId} and ${receptions.id} = ${receptionId}
          and ${receptions.cancelledAt} is null and ${receptions.date} <= ${today})`),
        db.insert(voterIssues).values({
          id,
          tenantId,
          receptionId,
          stationId,
          voterName: input.voterName,
          voterContact: input.voterContact,
          content: input.content,
          categoryId: input.categoryId,
          measure: input.measure,
          outcome: 'open',
          loggedByUserId: actor.userId,
          createdAt: now,
        }),
        // The voter's name and contact stay out of the log: the issue's id says which.
        audit.entry({ actor, action: 'voter_issue.log', targetType: 'voter_issue', targetId: id, targetLabel: input.content.slice(0, 40) }, now),
      ]).catch((err: unknown) => {
        if (isPrecondition(err)) return null;
        throw err;
      });
    },

    /** 当场答复. False if the issue has moved on meanwhile. */
    answer(id: number, answer: string, actor: AuditActor, now: number): Promise<boolean> {
      return guarded([
        issueStillAt(id, ['open']),
        db.update(voterIssues).set({ outcome: 'answered', outcomeNote: answer }).where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        audit.entry({ actor, action: 'voter_issue.answer', targetType: 'voter_issue', targetId: id }, now),
      ]);
    },

    /** 交乡镇限时办理. */
    handOver(id: number, handedTo: string, dueDate: IsoDate, note: string | null, actor: AuditActor, now: number): Promise<boolean> {
      return guarded([
        issueStillAt(id, ['open']),
        db
          .update(voterIssues)
          .set({ outcome: 'handed_over', handedTo, dueDate, outcomeNote: note })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        audit.entry({ actor, action: 'voter_issue.hand_over', targetType: 'voter_issue', targetId: id, details: { handedTo, dueDate } }, now),
      ]);
    },

    /** The voter's feedback; the issue closes. */
    feedback(id: number, feedback: string, actor: AuditActor, now: number): Promise<boolean> {
      return guarded([
        issueStillAt(id, ['answered', 'suggestion', 'handed_over']),
        db
          .update(voterIssues)
          .set({ feedback, feedbackAt: now, closedAt: now })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        audit.entry({ actor, action: 'voter_issue.feedback', targetType: 'voter_issue', targetId: id }, now),
      ]);
    },

    /**
     * 转为代表建议: the statements that link an issue to the suggestion being
     * created (`idOfNew`, its id as SQL), for the suggestion's own batch —
     * refused (precondition) unless the issue is still open.
     */
    linkToNewSuggestion(issueId: number, idOfNew: SQL, actor: AuditActor, now: number): Statement[] {
      return [
        issueStillAt(issueId, ['open']),
        db
          .update(voterIssues)
          .set({ outcome: 'suggestion', suggestionId: sql`${idOfNew}` })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, issueId))),
        audit.entry({ actor, action: 'voter_issue.to_suggestion', targetType: 'voter_issue', targetId: issueId }, now),
      ];
    },
  };

  async function guarded(statements: Statement[]): Promise<boolean> {
    try {
      await db.batch(statements as [Statement, ...Statement[]]);
      return true;
    } catch (err) {
      if (isPrecondition(err)) return false;
      throw err;
    }
  }
}

export type ReceptionRepo = ReturnType<typeof receptionRepo>;

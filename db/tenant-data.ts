/**
 * Every query on a tenant's own rows. `tenantData(db, tenantId)` returns
 * repositories bound to one tenant: each query adds `tenant_id = ?` itself,
 * so a handler cannot forget it and cannot reach another tenant's rows.
 * Handlers get this object from the request context (see worker/context.ts).
 *
 * In a `batch()`, rows come back keyed by column name, so two result columns
 * that share a name (two `name`s in a join) collapse into one and every later
 * field shifts: joined columns with a common name get their own alias here.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from './client';
import { handling } from './repos/handling';
import { statistics } from './statistics';
import { commendationRepo } from './repos/commendations';
import { writes } from './repos/writes';
import { tenantConfig } from './repos/tenant-config';
import { auditRepo } from './repos/audit';
import { sha256Hex } from '../worker/auth/token';
import type { Stage } from '../worker/rules/colour';
import type { SuggestionState } from '../worker/rules/suggestion-states';
import { receptionRepo } from './repos/receptions';
import { userAdminRepo } from './repos/user-admin';
import { publicationRepo, type PublicationStatus } from './repos/publications';
import { forumRepo } from './repos/forums';
import { ledgerRepo } from './repos/ledger';
import { projectRepo } from './repos/projects';
import { directoryRepo } from './repos/directory';
import { apiTokenRepo } from './repos/api-tokens';
import { calendarFrom, chinaYearBounds, type WorkCalendar } from '../worker/rules/calendar';
import { settingsFrom, type TenantSettings } from '../worker/rules/settings';
import { ftsQuery, likePattern, splitSearchWords, type ListFilters } from '../worker/rules/list-filters';
import {
  assignments,
  attachments,
  calendarDays,
  deadlines,
  categories,
  contacts,
  deputies,
  handlingUnits,
  liaisonStations,
  ratings,
  replies,
  settings,
  suggestionCosigners,
  supervisionActions,
  suggestionEvents,
  suggestions,
  notifications,
  publications,
  users,
} from './schema';

export type DeputyRow = typeof deputies.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;

export interface SuggestionListItem {
  id: number;
  number: string | null;
  title: string;
  state: string;
  leadDeputyId: number;
  leadDeputyName: string;
  submittedAt: number | null;
  updatedAt: number;
  colour: string;
}

export interface SuggestionDetail {
  id: number;
  number: string | null;
  title: string;
  content: string;
  state: string;
  sourceChannel: string;
  categoryName: string | null;
  leadDeputyId: number;
  leadDeputyName: string;
  enteredByUserId: number;
  enteredByName: string;
  enteredByRole: string;
  submittedAt: number | null;
  categoryId: number | null;
  isKey: boolean;
  supervisingLeader: string | null;
  supervisingLeaderUserId: number | null;
  mergedIntoId: number | null;
  /** 单月座谈议题 it was raised under (its title), if any. */
  forumTopicTitle: string | null;
  round: number;
  replyClass: string | null;
  evaluationDue: string | null;
  closedAt: number | null;
  colour: string;
  cosigners: { deputyId: number; name: string }[];
  assignments: AssignmentView[];
  replies: {
    id: number;
    unitName: string;
    assignmentId: number;
    kind: string;
    round: number;
    body: string;
    signer: string | null;
    replyClass: string | null;
    promisedDate: string | null;
    createdAt: number;
  }[];
  contacts: { id: number; unitName: string; contactedOn: string; who: string; how: string; note: string | null }[];
  ratings: { round: number; attitude: string; result: string; comment: string | null; createdAt: number }[];
  attachments: { id: number; replyId: number | null; filename: string; contentType: string; size: number }[];
  supervisions: { id: number; kind: string; actedOn: string; note: string | null }[];
  /** The voter's issue (接待日) it was raised from, if any. */
  originIssueId: number | null;
  /** 公开: its publication, if it was ever published. */
  publication: PublicationStatus | undefined;
  /** The tenant's settings and the lists the page's forms offer. */
  context: {
    settings: TenantSettings;
    categories: { id: number; name: string }[];
    units: { id: number; name: string }[];
    /** Who may lead the supervision of a key suggestion: the chair and vice-chairs (role chair). */
    leaders: { id: number; name: string }[];
  };
  events: {
    id: number;
    actorName: string;
    kind: string;
    fromState: string | null;
    toState: string | null;
    note: string | null;
    createdAt: number;
  }[];
}

export interface AssignmentView {
  id: number;
  unitId: number;
  unitName: string;
  role: string;
  state: string;
  assignedAt: number;
  returnDue: string;
  opinionDue: string | null;
  replyDue: string | null;
  originalReplyDue: string | null;
  signedAt: number | null;
  repliedAt: number | null;
  returnReason: string | null;
}

export interface NewSuggestion {
  title: string;
  content: string;
  categoryId: number;
  sourceChannel: string;
  leadDeputyId: number;
  cosignerDeputyIds: number[];
  enteredByUserId: number;
  state: SuggestionState;
  idempotencyKey: string;
  /** 单月座谈议题 it is raised under (checked open by the caller). */
  forumTopicId?: number | null;
  /** The first timeline event, written in the same batch. */
  event: { actorName: string; kind: string; fromState: string | null; toState: string; note: string | null };
  now: number;
  /** More statements for the same batch, given the new row's id as SQL (e.g. linking a voter's issue). */
  also?: (idOfNew: SQL) => BatchItem<'sqlite'>[];
}

/** Rows per page on lists. */
export const PAGE_SIZE = 50;


function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/i.test(String(err.message) + String(err.cause ?? ''));
}

export function tenantData(db: Database, tenantId: number) {
  const inTenant = {
    deputies: eq(deputies.tenantId, tenantId),
    categories: eq(categories.tenantId, tenantId),
    suggestions: eq(suggestions.tenantId, tenantId),
  };

  const leadDeputy = alias(deputies, 'lead_deputy');

  const listColumns = {
    id: suggestions.id,
    number: suggestions.number,
    title: suggestions.title,
    state: suggestions.state,
    leadDeputyId: suggestions.leadDeputyId,
    leadDeputyName: sql<string>`${leadDeputy.name}`.as('lead_deputy_name'),
    submittedAt: suggestions.submittedAt,
    updatedAt: suggestions.updatedAt,
    colour: suggestions.colour,
  };

  const suggestionByKey = (key: string) =>
    db
      .select({ id: suggestions.id, title: suggestions.title, content: suggestions.content })
      .from(suggestions)
      .where(and(inTenant.suggestions, eq(suggestions.idempotencyKey, key)));

  /** Categories and handling units still in use (id and name), for pickers and filters. */
  const activeCategories = () =>
    db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(and(inTenant.categories, isNull(categories.retiredAt)))
      .orderBy(asc(categories.sort), asc(categories.id));
  const activeUnits = () =>
    db
      .select({ id: handlingUnits.id, name: handlingUnits.name })
      .from(handlingUnits)
      .where(and(eq(handlingUnits.tenantId, tenantId), isNull(handlingUnits.retiredAt)))
      .orderBy(asc(handlingUnits.id));

  /** The filtered, searched 收到的建议 query (see listIncoming). */
  /** The conditions of the staff list's filters and search. */
  const incomingConditions = (f: ListFilters) => {
    const conditions = [inTenant.suggestions, sql`${suggestions.state} <> 'draft'`];
    if (f.state) conditions.push(eq(suggestions.state, f.state));
    if (f.colour) conditions.push(eq(suggestions.colour, f.colour));
    if (f.categoryId) conditions.push(eq(suggestions.categoryId, f.categoryId));
    if (f.keyOnly) conditions.push(eq(suggestions.isKey, true));
    if (f.year) {
      const { start, end } = chinaYearBounds(f.year);
      conditions.push(sql`${suggestions.submittedAt} >= ${start} and ${suggestions.submittedAt} < ${end}`);
    }
    if (f.unitId) {
      conditions.push(sql`exists (select 1 from ${assignments} where ${assignments.tenantId} = ${tenantId}
        and ${assignments.suggestionId} = ${suggestions.id} and ${assignments.unitId} = ${f.unitId}
        and ${assignments.state} <> 'withdrawn')`);
    }
    const { indexed, short } = splitSearchWords(f.words);
    if (indexed.length) {
      conditions.push(sql`${suggestions.id} in (select rowid from suggestions_fts where suggestions_fts match ${ftsQuery(indexed)})`);
    }
    for (const word of short) {
      const pattern = likePattern(word);
      conditions.push(sql`(${suggestions.title} like ${pattern} escape '\\' or ${suggestions.content} like ${pattern} escape '\\')`);
    }
    return conditions;
  };

  const incomingQuery = (f: ListFilters) => {
    return db
      .select(listColumns)
      .from(suggestions)
      .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
      .where(and(...incomingConditions(f)))
      .orderBy(desc(suggestions.submittedAt), desc(suggestions.id))
      .limit(PAGE_SIZE)
      .offset(f.page * PAGE_SIZE);
  };

  return {
    tenantId,

    /** Calendar and settings, as the tenant admin edits them. */
    tenantConfig: tenantConfig(db, tenantId),
    /** 操作日志 (db/repos/audit.ts). */
    audit: auditRepo(db, tenantId),
    /** 接待日 and voters' issues ("321") (db/repos/receptions.ts). */
    receptions: receptionRepo(db, tenantId),
    /** 基础名录: deputies, units, stations, categories and their import (db/repos/directory.ts). */
    directory: directoryRepo(db, tenantId),
    /** 账号管理 (db/repos/user-admin.ts). */
    userAdmin: userAdminRepo(db, tenantId),
    /** 接口令牌: the /api/v1 tokens (db/repos/api-tokens.ts). */
    apiTokens: apiTokenRepo(db, tenantId),

    /** The writes of a suggestion's life (db/repos/handling.ts). */
    handling: handling(db, tenantId),
    /** 公开: publishing replies and the 待公开 reminder (db/repos/publications.ts). */
    publications: publicationRepo(db, tenantId),
    /** The statistics page's figures (SQL aggregation, one round trip). */
    statistics: statistics(db, tenantId),
    /** 评优 marks (db/repos/commendations.ts). */
    commendations: commendationRepo(db, tenantId),
    /** 单月座谈议题 and the 参与情况通报 (db/repos/forums.ts). */
    forums: forumRepo(db, tenantId),
    /** 代表履职档案 (db/repos/ledger.ts). */
    ledger: ledgerRepo(db, tenantId),
    /** 民生实事项目票决制 (db/repos/projects.ts). */
    projects: projectRepo(db, tenantId),

    /** The tenant's settings and working-day calendar, in one round trip. */
    async config(): Promise<{ settings: TenantSettings; calendar: WorkCalendar }> {
      const [rows, days] = await db.batch([
        db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.tenantId, tenantId)),
        db
          .select({ date: calendarDays.date, kind: calendarDays.kind })
          .from(calendarDays)
          .where(eq(calendarDays.tenantId, tenantId)),
      ]);
      return {
        settings: settingsFrom(rows),
        calendar: calendarFrom(days.map((d) => ({ date: d.date, kind: d.kind === 'workday' ? 'workday' : 'holiday' }))),
      };
    },

    notifications: {
      list(userId: number, limit = 50) {
        return db
          .select({
            id: notifications.id,
            suggestionId: notifications.suggestionId,
            title: suggestions.title,
            kind: notifications.kind,
            message: notifications.message,
            createdAt: notifications.createdAt,
            readAt: notifications.readAt,
          })
          .from(notifications)
          .leftJoin(suggestions, eq(suggestions.id, notifications.suggestionId))
          .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId)))
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(limit)
          .all();
      },
      async markAllRead(userId: number, now: number) {
        await db
          .update(notifications)
          .set({ readAt: now })
          .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)));
      },
    },

    categories: {
      listActive(): Promise<CategoryRow[]> {
        return db
          .select()
          .from(categories)
          .where(and(inTenant.categories, isNull(categories.retiredAt)))
          .orderBy(asc(categories.sort), asc(categories.id))
          .all();
      },
    },

    deputies: {
      /** Serving deputies, for pickers. */
      listActive(): Promise<Pick<DeputyRow, 'id' | 'name' | 'level' | 'stationId'>[]> {
        return db
          .select({ id: deputies.id, name: deputies.name, level: deputies.level, stationId: deputies.stationId })
          .from(deputies)
          .where(and(inTenant.deputies, isNull(deputies.retiredAt)))
          .orderBy(asc(deputies.id))
          .all();
      },
      /** Serving deputies attached to one liaison station. */
      async idsAtStation(stationId: number): Promise<Set<number>> {
        const rows = await db
          .select({ id: deputies.id })
          .from(deputies)
          .where(and(inTenant.deputies, isNull(deputies.retiredAt), eq(deputies.stationId, stationId)))
          .all();
        return new Set(rows.map((r) => r.id));
      },
      /** Which of these ids are serving deputies of this tenant. */
      async existingIds(ids: number[]): Promise<Set<number>> {
        if (ids.length === 0) return new Set();
        const rows = await db
          .select({ id: deputies.id })
          .from(deputies)
          .where(and(inTenant.deputies, isNull(deputies.retiredAt), inArray(deputies.id, ids)))
          .all();
        return new Set(rows.map((r) => r.id));
      },
    },

    /** What the suggestion form offers (categories; deputies with their station), in one round trip. */
    async suggestionFormOptions() {
      const [cats, deps] = await db.batch([
        activeCategories(),
        db
          .select({
            id: deputies.id,
            name: deputies.name,
            level: deputies.level,
            stationId: deputies.stationId,
            stationName: sql<string | null>`${liaisonStations.name}`.as('station_name'),
          })
          .from(deputies)
          .leftJoin(liaisonStations, eq(liaisonStations.id, deputies.stationId))
          .where(and(inTenant.deputies, isNull(deputies.retiredAt)))
          .orderBy(asc(deputies.stationId), asc(deputies.id)),
      ]);
      return { categories: cats, deputies: deps };
    },

    units: {
      listActive(): Promise<{ id: number; name: string }[]> {
        return activeUnits()
          .all();
      },
      /** 待办: a unit's open parts, most urgent first. */
      inbox(unitId: number) {
        return db
          .select({
            assignmentId: assignments.id,
            suggestionId: suggestions.id,
            number: suggestions.number,
            title: suggestions.title,
            suggestionState: suggestions.state,
            isKey: suggestions.isKey,
            colour: suggestions.colour,
            role: assignments.role,
            state: assignments.state,
            returnDue: assignments.returnDue,
            due: sql<string | null>`coalesce(${assignments.replyDue}, ${assignments.opinionDue})`.as('due'),
          })
          .from(assignments)
          .innerJoin(suggestions, eq(suggestions.id, assignments.suggestionId))
          .where(
            and(
              eq(assignments.tenantId, tenantId),
              eq(assignments.unitId, unitId),
              or(
                // Open parts of suggestions still being handled (an assisting
                // unit's unsent opinion stops mattering once the item moves on).
                and(
                  inArray(assignments.state, ['assigned', 'in_progress', 'return_requested']),
                  inArray(suggestions.state, ['assigned', 'in_progress', 'return_requested', 'rehandling']),
                ),
                and(eq(suggestions.state, 'tracking'), inArray(assignments.role, ['lead', 'split'])),
              ),
            ),
          )
          .orderBy(sql`coalesce(${assignments.replyDue}, ${assignments.opinionDue})`, asc(assignments.id))
          .limit(200)
          .all();
      },
      async nameOf(id: number): Promise<string | null> {
        const row = await db
          .select({ name: handlingUnits.name })
          .from(handlingUnits)
          .where(and(eq(handlingUnits.tenantId, tenantId), eq(handlingUnits.id, id)))
          .get();
        return row?.name ?? null;
      },
    },

    /** 督办看板: open yellow and red stages, red first, by unit and stage. */
    async supervisionBoard(f: { colour: 'yellow' | 'red' | null; unitId: number | null; stage: Stage | null }) {
      const conditions = [
        eq(deadlines.tenantId, tenantId),
        isNull(deadlines.endedAt),
        f.colour ? eq(deadlines.colour, f.colour) : inArray(deadlines.colour, ['yellow', 'red']),
      ];
      if (f.unitId) conditions.push(eq(assignments.unitId, f.unitId));
      if (f.stage) conditions.push(eq(deadlines.stage, f.stage));
      const [rows, unitRows] = await db.batch([
        db
          .select({
            deadlineId: sql<number>`${deadlines.id}`.as('deadline_id'),
            suggestionId: sql<number>`${suggestions.id}`.as('suggestion_id'),
            number: suggestions.number,
            title: suggestions.title,
            isKey: suggestions.isKey,
            stage: deadlines.stage,
            colour: sql<string>`${deadlines.colour}`.as('deadline_colour'),
            dueDate: deadlines.dueDate,
            unitId: assignments.unitId,
            unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
          })
          .from(deadlines)
          .innerJoin(suggestions, eq(suggestions.id, deadlines.suggestionId))
          .leftJoin(assignments, eq(assignments.id, deadlines.assignmentId))
          .leftJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
          .where(and(...conditions))
          .orderBy(desc(deadlines.colour), asc(deadlines.dueDate), asc(deadlines.id))
          .limit(500),
        activeUnits(),
      ]);
      return { rows, units: unitRows };
    },

    /** Counts for the tenant admin's overview. */
    async overviewCounts() {
      const [u, d, h, s] = await db.batch([
        db.select({ n: count() }).from(users).where(eq(users.tenantId, tenantId)),
        db.select({ n: count() }).from(deputies).where(inTenant.deputies),
        db.select({ n: count() }).from(handlingUnits).where(eq(handlingUnits.tenantId, tenantId)),
        db.select({ n: count() }).from(liaisonStations).where(eq(liaisonStations.tenantId, tenantId)),
      ]);
      return { users: u[0]?.n ?? 0, deputies: d[0]?.n ?? 0, units: h[0]?.n ?? 0, stations: s[0]?.n ?? 0 };
    },

    suggestions: {
      /**
       * Create a suggestion with its co-signers and first timeline event in
       * one atomic batch. The idempotency key makes a repeated POST return
       * the suggestion the first one created instead of a second one.
       */
      async create(input: NewSuggestion): Promise<{ id: number; created: boolean }> {
        let existing = await suggestionByKey(input.idempotencyKey).get();
        if (existing && (existing.title !== input.title || existing.content !== input.content)) {
          // The key came back with other text: not a retry but a new suggestion
          // typed into a form that kept an old key (a draft whose clearing was
          // lost). It gets a key of its own, derived from its text so that its
          // own retries still find it.
          const derived = `${input.idempotencyKey}:${(await sha256Hex(`${input.title}\n${input.content}`)).slice(0, 16)}`;
          input = { ...input, idempotencyKey: derived };
          existing = await suggestionByKey(derived).get();
        }
        if (existing) return { id: existing.id, created: false };

        const nextNumber = writes(db, tenantId).nextNumber(input.now);
        const idOfNew = sql`(select ${suggestions.id} from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.idempotencyKey} = ${input.idempotencyKey})`;

        const insertSuggestion = db.insert(suggestions).values({
          tenantId,
          number: input.state === 'draft' ? null : nextNumber,
          title: input.title,
          content: input.content,
          categoryId: input.categoryId,
          sourceChannel: input.sourceChannel,
          leadDeputyId: input.leadDeputyId,
          enteredByUserId: input.enteredByUserId,
          state: input.state,
          idempotencyKey: input.idempotencyKey,
          forumTopicId: input.forumTopicId ?? null,
          submittedAt: input.state === 'submitted' ? input.now : null,
          createdAt: input.now,
          updatedAt: input.now,
        });
        const insertCosigners = input.cosignerDeputyIds.map((deputyId) =>
          db.insert(suggestionCosigners).values({ tenantId, suggestionId: idOfNew, deputyId }),
        );
        const insertEvent = db.insert(suggestionEvents).values({
          tenantId,
          suggestionId: idOfNew,
          actorUserId: input.enteredByUserId,
          actorName: input.event.actorName,
          kind: input.event.kind,
          fromState: input.event.fromState,
          toState: input.event.toState,
          note: input.event.note,
          createdAt: input.now,
        });

        for (let attempt = 0; ; attempt++) {
          try {
            await db.batch([insertSuggestion, ...insertCosigners, insertEvent, ...(input.also?.(idOfNew) ?? [])]);
            break;
          } catch (err) {
            if (!isUniqueViolation(err) || attempt >= 2) throw err;
            // Either the same key won a race (return its row) or two submits
            // took the same number at once (try again with the next one).
            const raced = await suggestionByKey(input.idempotencyKey).get();
            if (raced) return { id: raced.id, created: false };
          }
        }
        const row = await suggestionByKey(input.idempotencyKey).get();
        if (!row) throw new Error('suggestion missing after insert');
        return { id: row.id, created: true };
      },

      /** 待我评价: replies waiting for this deputy's rating. */
      awaitingRating(deputyId: number): Promise<SuggestionListItem[]> {
        return db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          .where(and(inTenant.suggestions, eq(suggestions.leadDeputyId, deputyId), eq(suggestions.state, 'replied')))
          .orderBy(asc(suggestions.evaluationDue), asc(suggestions.id))
          .limit(PAGE_SIZE)
          .all();
      },

      /** The state and number of each of these suggestions (absent: not in this tenant). */
      async statesOf(ids: number[]): Promise<Map<number, { state: string; number: string | null }>> {
        const out = new Map<number, { state: string; number: string | null }>();
        for (let i = 0; i < ids.length; i += 90) {
          const rows = await db
            .select({ id: suggestions.id, state: suggestions.state, number: suggestions.number })
            .from(suggestions)
            .where(and(inTenant.suggestions, inArray(suggestions.id, ids.slice(i, i + 90))))
            .all();
          for (const r of rows) out.set(r.id, { state: r.state, number: r.number });
        }
        return out;
      },

      /**
       * B类件跟踪 (回头看): every open promise, whatever year it was raised
       * in, with its promised date, its units and its latest progress.
       */
      tracking() {
        return db
          .select({
            id: suggestions.id,
            number: suggestions.number,
            title: suggestions.title,
            submittedAt: suggestions.submittedAt,
            replyClass: suggestions.replyClass,
            // Correlated subqueries name their tables explicitly: drizzle leaves
            // columns unqualified in a one-table select.
            promisedDate: sql<string | null>`(select r.promised_date from replies r where r.tenant_id = ${tenantId}
              and r.suggestion_id = "suggestions"."id" and r.kind = 'reply' order by r.id desc limit 1)`.as('promised_date'),
            lastProgressAt: sql<number | null>`(select max(p.created_at) from replies p where p.tenant_id = ${tenantId}
              and p.suggestion_id = "suggestions"."id" and p.kind = 'progress')`.as('last_progress_at'),
            units: sql<string | null>`(select group_concat(u.name, '、') from assignments a
              join handling_units u on u.id = a.unit_id
              where a.tenant_id = ${tenantId} and a.suggestion_id = "suggestions"."id"
                and a.role in ('lead', 'split') and a.state <> 'withdrawn')`.as('unit_names'),
          })
          .from(suggestions)
          .where(and(inTenant.suggestions, eq(suggestions.state, 'tracking')))
          .orderBy(sql`promised_date`, asc(suggestions.id))
          .limit(500)
          .all();
      },

      /** One attachment's storage key, if it belongs to this suggestion. */
      async attachment(suggestionId: number, attachmentId: number) {
        return db
          .select({ r2Key: attachments.r2Key, filename: attachments.filename, contentType: attachments.contentType })
          .from(attachments)
          .where(and(eq(attachments.tenantId, tenantId), eq(attachments.suggestionId, suggestionId), eq(attachments.id, attachmentId)))
          .get();
      },

      /** A suggestion's id from its number (2026-0007), for merging. */
      async idByNumber(number: string): Promise<number | undefined> {
        const row = await db
          .select({ id: suggestions.id })
          .from(suggestions)
          .where(and(inTenant.suggestions, eq(suggestions.number, number)))
          .get();
        return row?.id;
      },

      /** 我的建议: what a deputy leads or co-signs, newest first. */
      listForDeputy(deputyId: number, page = 0, size = PAGE_SIZE): Promise<SuggestionListItem[]> {
        // The deputy's ids as a UNION ALL of two index lookups (led; co-signed), not
        // `lead = ? OR id IN (…)`: SQLite splits that OR only when it has
        // statistics, and without them read the whole county (bench/load).
        const mine = sql`${suggestions.id} in (
          select s2.id from ${suggestions} s2 where s2.tenant_id = ${tenantId} and s2.lead_deputy_id = ${deputyId}
          union all
          select c.suggestion_id from ${suggestionCosigners} c where c.tenant_id = ${tenantId} and c.deputy_id = ${deputyId})`;
        return db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          // The tenant check stays; the unary + keeps SQLite from walking the tenant's index instead of the ids.
          .where(and(sql`+${suggestions.tenantId} = ${tenantId}`, mine))
          .orderBy(desc(suggestions.updatedAt), desc(suggestions.id))
          .limit(size)
          .offset(page * size)
          .all();
      },

      /** What a liaison clerk typed in on deputies' behalf. */
      listEnteredBy(userId: number, page = 0, size = PAGE_SIZE): Promise<SuggestionListItem[]> {
        return db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          .where(and(inTenant.suggestions, eq(suggestions.enteredByUserId, userId)))
          .orderBy(desc(suggestions.updatedAt), desc(suggestions.id))
          .limit(size)
          .offset(page * size)
          .all();
      },

      /**
       * 收到的建议: everything submitted to the congress, newest first,
       * filtered and searched (trigram full-text index for words of 3+
       * characters, LIKE for shorter ones).
       */
      async listIncoming(f: ListFilters) {
        const [items, categoryRows, unitRows] = await db.batch([
          incomingQuery(f),
          activeCategories(),
          activeUnits(),
        ]);
        return { items: items as SuggestionListItem[], categories: categoryRows, units: unitRows };
      },

      /**
       * The staff list with the same filters, for export: every matching
       * row (up to `max`), with category, units, class and colour.
       */
      exportIncoming(f: ListFilters, max: number) {
        return db
          .select({
            number: suggestions.number,
            title: suggestions.title,
            leadDeputyName: sql<string>`${leadDeputy.name}`.as('lead_deputy_name'),
            categoryName: sql<string | null>`(select c.name from categories c where c.id = "suggestions"."category_id")`.as('category_name'),
            sourceChannel: suggestions.sourceChannel,
            state: suggestions.state,
            colour: suggestions.colour,
            isKey: suggestions.isKey,
            units: sql<string | null>`(select group_concat(u.name, '、') from assignments a join handling_units u on u.id = a.unit_id
              where a.tenant_id = ${tenantId} and a.suggestion_id = "suggestions"."id" and a.state <> 'withdrawn')`.as('unit_names'),
            replyClass: suggestions.replyClass,
            submittedAt: suggestions.submittedAt,
          })
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          .where(and(...incomingConditions(f)))
          .orderBy(desc(suggestions.submittedAt), desc(suggestions.id))
          .limit(max)
          .all();
      },

      /** One suggestion with its co-signers and timeline, in one round trip. */
      async detail(id: number): Promise<SuggestionDetail | undefined> {
        const enteredBy = alias(users, 'entered_by');
        const [main, cosigners, events, units, texts, met, rated, files, supervised, settingRows, categoryRows, unitRows, leaderRows, publication] = await db.batch([
          db
            .select({
              id: suggestions.id,
              number: suggestions.number,
              title: suggestions.title,
              content: suggestions.content,
              state: suggestions.state,
              sourceChannel: suggestions.sourceChannel,
              categoryName: sql<string | null>`${categories.name}`.as('category_name'),
              leadDeputyId: suggestions.leadDeputyId,
              leadDeputyName: sql<string>`${leadDeputy.name}`.as('lead_deputy_name'),
              enteredByUserId: suggestions.enteredByUserId,
              enteredByName: enteredBy.displayName,
              enteredByRole: enteredBy.role,
              submittedAt: suggestions.submittedAt,
              categoryId: suggestions.categoryId,
              isKey: suggestions.isKey,
              supervisingLeader: suggestions.supervisingLeader,
              supervisingLeaderUserId: suggestions.supervisingLeaderUserId,
              mergedIntoId: suggestions.mergedIntoId,
              forumTopicTitle: sql<string | null>`(select t.title from forum_topics t where t.tenant_id = ${tenantId}
                and t.id = "suggestions"."forum_topic_id")`.as('forum_topic_title'),
              /** The voter's issue (接待日) this suggestion was raised from, if any. */
              originIssueId: sql<number | null>`(select v.id from voter_issues v where v.tenant_id = ${tenantId}
                and v.suggestion_id = "suggestions"."id" limit 1)`.as('origin_issue_id'),
              round: suggestions.round,
              replyClass: suggestions.replyClass,
              evaluationDue: suggestions.evaluationDue,
              closedAt: suggestions.closedAt,
              colour: suggestions.colour,
            })
            .from(suggestions)
            .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
            .innerJoin(enteredBy, eq(enteredBy.id, suggestions.enteredByUserId))
            .leftJoin(categories, eq(categories.id, suggestions.categoryId))
            .where(and(inTenant.suggestions, eq(suggestions.id, id))),
          db
            .select({ deputyId: suggestionCosigners.deputyId, name: deputies.name })
            .from(suggestionCosigners)
            .innerJoin(deputies, eq(deputies.id, suggestionCosigners.deputyId))
            .where(and(eq(suggestionCosigners.tenantId, tenantId), eq(suggestionCosigners.suggestionId, id)))
            .orderBy(asc(deputies.id)),
          db
            .select({
              id: suggestionEvents.id,
              actorName: suggestionEvents.actorName,
              kind: suggestionEvents.kind,
              fromState: suggestionEvents.fromState,
              toState: suggestionEvents.toState,
              note: suggestionEvents.note,
              createdAt: suggestionEvents.createdAt,
            })
            .from(suggestionEvents)
            .where(and(eq(suggestionEvents.tenantId, tenantId), eq(suggestionEvents.suggestionId, id)))
            .orderBy(asc(suggestionEvents.createdAt), asc(suggestionEvents.id)),
          db
            .select({
              id: assignments.id,
              unitId: assignments.unitId,
              unitName: sql<string>`${handlingUnits.name}`.as('unit_name'),
              role: assignments.role,
              state: assignments.state,
              assignedAt: assignments.assignedAt,
              returnDue: assignments.returnDue,
              opinionDue: assignments.opinionDue,
              replyDue: assignments.replyDue,
              originalReplyDue: assignments.originalReplyDue,
              signedAt: assignments.signedAt,
              repliedAt: assignments.repliedAt,
              returnReason: assignments.returnReason,
            })
            .from(assignments)
            .innerJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
            .where(and(eq(assignments.tenantId, tenantId), eq(assignments.suggestionId, id)))
            .orderBy(asc(assignments.id)),
          db
            .select({
              id: replies.id,
              unitName: sql<string>`${handlingUnits.name}`.as('unit_name'),
              assignmentId: replies.assignmentId,
              kind: replies.kind,
              round: replies.round,
              body: replies.body,
              signer: replies.signer,
              replyClass: replies.replyClass,
              promisedDate: replies.promisedDate,
              createdAt: replies.createdAt,
            })
            .from(replies)
            .innerJoin(handlingUnits, eq(handlingUnits.id, replies.unitId))
            .where(and(eq(replies.tenantId, tenantId), eq(replies.suggestionId, id)))
            .orderBy(asc(replies.createdAt), asc(replies.id)),
          db
            .select({
              id: contacts.id,
              unitName: sql<string>`${handlingUnits.name}`.as('unit_name'),
              contactedOn: contacts.contactedOn,
              who: contacts.who,
              how: contacts.how,
              note: contacts.note,
            })
            .from(contacts)
            .innerJoin(handlingUnits, eq(handlingUnits.id, contacts.unitId))
            .where(and(eq(contacts.tenantId, tenantId), eq(contacts.suggestionId, id)))
            .orderBy(asc(contacts.contactedOn), asc(contacts.id)),
          db
            .select({
              round: ratings.round,
              attitude: ratings.attitude,
              result: ratings.result,
              comment: ratings.comment,
              createdAt: ratings.createdAt,
            })
            .from(ratings)
            .where(and(eq(ratings.tenantId, tenantId), eq(ratings.suggestionId, id)))
            .orderBy(asc(ratings.round)),
          db
            .select({
              id: attachments.id,
              replyId: attachments.replyId,
              filename: attachments.filename,
              contentType: attachments.contentType,
              size: attachments.size,
            })
            .from(attachments)
            .where(and(eq(attachments.tenantId, tenantId), eq(attachments.suggestionId, id)))
            .orderBy(asc(attachments.id)),
          db
            .select({
              id: supervisionActions.id,
              kind: supervisionActions.kind,
              actedOn: supervisionActions.actedOn,
              note: supervisionActions.note,
            })
            .from(supervisionActions)
            .where(and(eq(supervisionActions.tenantId, tenantId), eq(supervisionActions.suggestionId, id)))
            .orderBy(asc(supervisionActions.actedOn), asc(supervisionActions.id)),
          // What the page's forms offer, in the same round trip.
          db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.tenantId, tenantId)),
          activeCategories(),
          activeUnits(),
          db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(and(eq(users.tenantId, tenantId), eq(users.role, 'chair'), isNull(users.disabledAt)))
            .orderBy(asc(users.id)),
          // 公开: whether (and how) it is published, for staff's publish form.
          db
            .select({
              title: publications.title,
              content: publications.content,
              replyText: publications.replyText,
              redacted: publications.redacted,
              published: publications.published,
              publishedAt: publications.publishedAt,
            })
            .from(publications)
            .where(and(eq(publications.tenantId, tenantId), eq(publications.suggestionId, id))),
        ]);
        const row = main[0];
        if (!row) return undefined;
        return {
          ...row,
          cosigners,
          events,
          assignments: units,
          replies: texts,
          contacts: met,
          ratings: rated,
          attachments: files,
          supervisions: supervised,
          context: { settings: settingsFrom(settingRows), categories: categoryRows, units: unitRows, leaders: leaderRows },
          publication: publication[0],
        };
      },
    },
  };
}

export type TenantData = ReturnType<typeof tenantData>;

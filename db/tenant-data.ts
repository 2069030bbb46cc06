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
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from './client';
import {
  categories,
  deputies,
  handlingUnits,
  liaisonStations,
  suggestionCosigners,
  suggestionEvents,
  suggestions,
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
  cosigners: { deputyId: number; name: string }[];
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

export interface NewSuggestion {
  title: string;
  content: string;
  categoryId: number;
  sourceChannel: string;
  leadDeputyId: number;
  cosignerDeputyIds: number[];
  enteredByUserId: number;
  state: string;
  idempotencyKey: string;
  /** The first timeline event, written in the same batch. */
  event: { actorName: string; kind: string; fromState: string | null; toState: string; note: string | null };
  now: number;
}

/** Rows per page on lists. */
export const PAGE_SIZE = 50;

/** China-time calendar year of a moment, for suggestion numbers (2026-0001). */
function chinaYear(ms: number): number {
  return new Date(ms + 8 * 3_600_000).getUTCFullYear();
}

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
  };

  const suggestionByKey = (key: string) =>
    db
      .select({ id: suggestions.id })
      .from(suggestions)
      .where(and(inTenant.suggestions, eq(suggestions.idempotencyKey, key)));

  return {
    tenantId,

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
        db
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(and(inTenant.categories, isNull(categories.retiredAt)))
          .orderBy(asc(categories.sort), asc(categories.id)),
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
      async nameOf(id: number): Promise<string | null> {
        const row = await db
          .select({ name: handlingUnits.name })
          .from(handlingUnits)
          .where(and(eq(handlingUnits.tenantId, tenantId), eq(handlingUnits.id, id)))
          .get();
        return row?.name ?? null;
      },
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
        const existing = await suggestionByKey(input.idempotencyKey).get();
        if (existing) return { id: existing.id, created: false };

        const year = chinaYear(input.now);
        const nextNumber = sql`printf('%d-%04d', ${year}, coalesce((
            select cast(substr(max(${suggestions.number}), 6) as integer) from ${suggestions}
            where ${suggestions.tenantId} = ${tenantId}
              and ${suggestions.number} >= ${`${year}-`} and ${suggestions.number} < ${`${year}.`}
          ), 0) + 1)`;
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
            await db.batch([insertSuggestion, ...insertCosigners, insertEvent]);
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

      /** 我的建议: what a deputy leads or co-signs, newest first. */
      listForDeputy(deputyId: number, page = 0): Promise<SuggestionListItem[]> {
        const cosigned = db
          .select({ id: suggestionCosigners.suggestionId })
          .from(suggestionCosigners)
          .where(and(eq(suggestionCosigners.tenantId, tenantId), eq(suggestionCosigners.deputyId, deputyId)));
        return db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          .where(
            and(
              inTenant.suggestions,
              or(eq(suggestions.leadDeputyId, deputyId), inArray(suggestions.id, cosigned)),
            ),
          )
          .orderBy(desc(suggestions.updatedAt), desc(suggestions.id))
          .limit(PAGE_SIZE)
          .offset(page * PAGE_SIZE)
          .all();
      },

      /** What a liaison clerk typed in on deputies' behalf. */
      listEnteredBy(userId: number, page = 0): Promise<SuggestionListItem[]> {
        return db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          .where(and(inTenant.suggestions, eq(suggestions.enteredByUserId, userId)))
          .orderBy(desc(suggestions.updatedAt), desc(suggestions.id))
          .limit(PAGE_SIZE)
          .offset(page * PAGE_SIZE)
          .all();
      },

      /** 收到的建议: everything submitted to the congress, newest first. */
      listIncoming(page = 0): Promise<SuggestionListItem[]> {
        return db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          .where(and(inTenant.suggestions, sql`${suggestions.state} <> 'draft'`))
          .orderBy(desc(suggestions.submittedAt), desc(suggestions.id))
          .limit(PAGE_SIZE)
          .offset(page * PAGE_SIZE)
          .all();
      },

      /** One suggestion with its co-signers and timeline, in one round trip. */
      async detail(id: number): Promise<SuggestionDetail | undefined> {
        const enteredBy = alias(users, 'entered_by');
        const [main, cosigners, events] = await db.batch([
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
        ]);
        const row = main[0];
        if (!row) return undefined;
        return { ...row, cosigners, events };
      },
    },
  };
}

export type TenantData = ReturnType<typeof tenantData>;

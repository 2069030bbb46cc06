/**
 * The suggestions of a tenant: creating one (idempotent submit), the
 * lists (我的建议, 收到的建议 with its filters and search, 待我评价, B类件跟踪),
 * their export, and the detail (suggestion-detail.ts).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { writes } from '../repos/writes';
import { assignments, attachments, suggestionCosigners, suggestionEvents, suggestions } from '../schema';
import { sha256Hex } from '../../worker/auth/token';
import { chinaYearBounds } from '../../worker/rules/calendar';
import type { Colour } from '../../worker/rules/colour';
import { ftsQuery, likePattern, splitSearchWords, type ListFilters } from '../../worker/rules/list-filters';
import type { SuggestionState } from '../../worker/rules/suggestion-states';
import { leadDeputy, listColumns, PAGE_SIZE, scoped } from './shared';
import { suggestionDetailQuery } from './suggestion-detail';

export interface SuggestionListItem {
  id: number;
  number: string | null;
  title: string;
  state: SuggestionState;
  leadDeputyId: number;
  leadDeputyName: string;
  submittedAt: number | null;
  updatedAt: number;
  colour: Colour;
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

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/i.test(String(err.message) + String(err.cause ?? ''));
}

export function suggestionQueries(db: Database, tenantId: number) {
  const { inTenant, activeCategories, activeUnits } = scoped(db, tenantId);

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
  const suggestionByKey = (key: string) =>
    db
      .select({ id: suggestions.id, title: suggestions.title, content: suggestions.content })
      .from(suggestions)
      .where(and(inTenant.suggestions, eq(suggestions.idempotencyKey, key)));

  return {
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
      return (
        db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(leadDeputy, eq(leadDeputy.id, suggestions.leadDeputyId))
          // The tenant check stays; the unary + keeps SQLite from walking the tenant's index instead of the ids.
          .where(and(sql`+${suggestions.tenantId} = ${tenantId}`, mine))
          .orderBy(desc(suggestions.updatedAt), desc(suggestions.id))
          .limit(size)
          .offset(page * size)
          .all()
      );
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
      const [items, categoryRows, unitRows] = await db.batch([incomingQuery(f), activeCategories(), activeUnits()]);
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
    ...suggestionDetailQuery(db, tenantId),
  };
}

/**
 * What the public may read of one tenant (公开): published replies, the
 * echo wall and the year's headline figures. Bound to one tenant like
 * db/tenant-data/: every query adds `tenant_id = ?` itself. Only columns
 * meant for the public are selected; a deputy's name comes back only when
 * the deputy has not asked for confidentiality (decided in SQL, so a
 * withheld name never leaves the database), and phone numbers and addresses
 * are never selected at all.
 */
import { chinaYearBounds } from '../worker/rules/calendar';
import { REPLIED_STATES } from '../worker/rules/suggestion-states';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { deputies, publications, suggestions } from './schema';
import { likePattern } from '../worker/rules/list-filters';

/** Published replies per page of the public list. */
export const PUBLIC_PAGE_SIZE = 20;
/** Items on the echo wall. */
export const WALL_SIZE = 10;

export interface PublicItem {
  id: number;
  number: string | null;
  title: string;
  /** null: the deputy asked that their name be withheld. */
  deputyName: string | null;
  unitNames: string;
  replyClass: string | null;
  submittedAt: number | null;
  repliedAt: number;
  publishedAt: number;
}

export interface PublicReply extends PublicItem {
  content: string;
  replyText: string;
  redacted: boolean;
}

/**
 * The year's headline figures: suggestions submitted in the year, how many
 * were assigned and replied, and their deputies' latest ratings; replies
 * published in the year. Counts; the view computes the rates.
 */
export interface YearFigures {
  raised: number;
  assigned: number;
  replied: number;
  published: number;
  rated: number;
  satisfied: number;
}

/** States a suggestion is in once assigned, and once replied (for 办复率). */
const ASSIGNED_STATES = ['assigned', 'return_requested', 'in_progress', 'replied', 'rehandling', 'tracking', 'closed'];

/** Epoch ms of 00:00 China time on 1 January of `year`. */

export function publicData(db: Database, tenantId: number) {
  const published = and(eq(publications.tenantId, tenantId), eq(publications.published, true));
  const columns = {
    id: publications.suggestionId,
    number: publications.number,
    title: publications.title,
    deputyName: sql<string | null>`case when ${deputies.confidential} then null else ${deputies.name} end`.as('deputy_name'),
    unitNames: publications.unitNames,
    replyClass: publications.replyClass,
    submittedAt: publications.submittedAt,
    repliedAt: publications.repliedAt,
    publishedAt: publications.publishedAt,
  };
  const base = () =>
    db
      .select(columns)
      .from(publications)
      .innerJoin(suggestions, and(eq(suggestions.tenantId, tenantId), eq(suggestions.id, publications.suggestionId)))
      .innerJoin(deputies, and(eq(deputies.tenantId, tenantId), eq(deputies.id, suggestions.leadDeputyId)));

  return {
    /**
     * Published replies, newest first; each search word must occur in the
     * public title, text or reply (LIKE: a county publishes hundreds a year).
     * Returns one row more than a page, to tell whether there is a next page.
     */
    list(words: string[], page: number): Promise<PublicItem[]> {
      const conditions = [published];
      for (const word of words) {
        const p = likePattern(word);
        conditions.push(
          sql`(${publications.title} like ${p} escape '\\' or ${publications.content} like ${p} escape '\\' or ${publications.replyText} like ${p} escape '\\')`,
        );
      }
      return base()
        .where(and(...conditions))
        .orderBy(desc(publications.publishedAt), desc(publications.id))
        .limit(PUBLIC_PAGE_SIZE + 1)
        .offset(page * PUBLIC_PAGE_SIZE)
        .all();
    },

    /** One published reply; undefined if unknown, not published, or another tenant's. */
    reply(suggestionId: number): Promise<PublicReply | undefined> {
      return db
        .select({ ...columns, content: publications.content, replyText: publications.replyText, redacted: publications.redacted })
        .from(publications)
        .innerJoin(suggestions, and(eq(suggestions.tenantId, tenantId), eq(suggestions.id, publications.suggestionId)))
        .innerJoin(deputies, and(eq(deputies.tenantId, tenantId), eq(deputies.id, suggestions.leadDeputyId)))
        .where(and(published, eq(publications.suggestionId, suggestionId)))
        .get();
    },

    /**
     * 代表回音壁: the latest published results and the year's figures, in
     * one round trip; the figures are one aggregate statement.
     */
    async wall(year: number): Promise<{ recent: PublicItem[]; figures: YearFigures }> {
      const { start: from, end: to } = chinaYearBounds(year);
      // The deputy's latest rating of the result (after rehandling, if any), through the ratings index.
      // Named explicitly: drizzle leaves columns unqualified in a one-table select.
      const latestResult = sql`(select r.result from ratings r where r.suggestion_id = "suggestions"."id" order by r.round desc limit 1)`;
      const [recent, figures] = await db.batch([
        base().where(published).orderBy(desc(publications.publishedAt), desc(publications.id)).limit(WALL_SIZE),
        db
          .select({
            raised: sql<number>`count(*)`.as('raised'),
            assigned: sql<number>`coalesce(sum(${suggestions.state} in ${ASSIGNED_STATES}), 0)`.as('assigned'),
            replied: sql<number>`coalesce(sum(${suggestions.state} in ${REPLIED_STATES}), 0)`.as('replied'),
            published: sql<number>`(select count(*) from publications p where p.tenant_id = ${tenantId}
              and p.published = 1 and p.published_at >= ${from} and p.published_at < ${to})`.as('published'),
            rated: sql<number>`coalesce(sum(${latestResult} is not null), 0)`.as('rated'),
            satisfied: sql<number>`coalesce(sum(${latestResult} in ('satisfied', 'basically')), 0)`.as('satisfied'),
          })
          .from(suggestions)
          .where(
            and(
              eq(suggestions.tenantId, tenantId),
              sql`${suggestions.submittedAt} >= ${from} and ${suggestions.submittedAt} < ${to}`,
              sql`${suggestions.state} <> 'draft'`,
            ),
          ),
      ]);
      const f = figures[0];
      return {
        recent,
        figures: {
          raised: f?.raised ?? 0,
          assigned: f?.assigned ?? 0,
          replied: f?.replied ?? 0,
          published: f?.published ?? 0,
          rated: f?.rated ?? 0,
          satisfied: f?.satisfied ?? 0,
        },
      };
    },
  };
}

export type PublicData = ReturnType<typeof publicData>;

/**
 * 单月座谈议题: the topics of one tenant, and the 参与情况通报 counted by SQL
 * at request time (two aggregate statements in one round trip, however many
 * deputies and suggestions there are).
 *
 * Taking part: a deputy took part in a topic when they led or co-signed a
 * suggestion raised under it that was sent (drafts do not count). A
 * station's deputies are its serving deputies; deputies without a station
 * form one row of their own.
 */
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { rawStatement } from '../guard';
import { forumTopics } from '../schema';
import { auditRepo, type AuditActor } from './audit';
import type { StationParticipation, TopicInput } from '../../worker/rules/forums';

export type ForumTopicRow = typeof forumTopics.$inferSelect;

/** A topic on the staff list, with how many took part so far. */
export interface ForumTopicSummary {
  id: number;
  month: string;
  title: string;
  closesOn: string;
  suggestions: number;
  participating: number;
}

/** A deputy who took part in a topic, with what they did under it. */
export interface ForumParticipant {
  deputyId: number;
  name: string;
  stationName: string | null;
  township: string | null;
  led: number;
  cosigned: number;
}

/** Most topics the staff list shows (about eight years of monthly topics). */
export const TOPIC_LIST_MAX = 100;

export function forumRepo(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const inTenant = eq(forumTopics.tenantId, tenantId);

  /** The (lead or co-signing deputy, suggestion) pairs of a topic's sent suggestions. */
  const takingPart = (topicId: number) => sql`
    select s.lead_deputy_id as deputy_id, s.id as suggestion_id, 1 as led
      from suggestions s
      where s.tenant_id = ${tenantId} and s.forum_topic_id = ${topicId} and s.state <> 'draft'
    union all
    select c.deputy_id, s.id, 0
      from suggestion_cosigners c join suggestions s on s.id = c.suggestion_id
      where c.tenant_id = ${tenantId} and s.tenant_id = ${tenantId} and s.forum_topic_id = ${topicId} and s.state <> 'draft'`;

  return {
    /** Topics taking suggestions today (from their month's first day to their closing date), newest first. */
    openTopics(today: string, limit = 3) {
      return db
        .select({ id: forumTopics.id, month: forumTopics.month, title: forumTopics.title, closesOn: forumTopics.closesOn })
        .from(forumTopics)
        .where(and(inTenant, lte(forumTopics.month, today.slice(0, 7)), gte(forumTopics.closesOn, today)))
        .orderBy(desc(forumTopics.month), desc(forumTopics.id))
        .limit(limit)
        .all();
    },

    /** A topic of this tenant that takes suggestions today, or undefined. */
    openTopic(id: number, today: string) {
      return db
        .select({
          id: forumTopics.id,
          month: forumTopics.month,
          title: forumTopics.title,
          description: forumTopics.description,
          closesOn: forumTopics.closesOn,
        })
        .from(forumTopics)
        .where(and(inTenant, eq(forumTopics.id, id), lte(forumTopics.month, today.slice(0, 7)), gte(forumTopics.closesOn, today)))
        .get();
    },

    /** One topic of this tenant. */
    byId(id: number): Promise<ForumTopicRow | undefined> {
      return db
        .select()
        .from(forumTopics)
        .where(and(inTenant, eq(forumTopics.id, id)))
        .get();
    },

    /** The title of a topic of this tenant (for a suggestion's page). */
    async titleOf(id: number): Promise<string | null> {
      const row = await db
        .select({ title: forumTopics.title })
        .from(forumTopics)
        .where(and(inTenant, eq(forumTopics.id, id)))
        .get();
      return row?.title ?? null;
    },

    /** Every topic, newest month first, with its sent suggestions and participating deputies so far (one statement). */
    list(): Promise<ForumTopicSummary[]> {
      return db.all<ForumTopicSummary>(sql`
        select t.id as id, t.month as month, t.title as title, t.closes_on as closesOn,
          (select count(*) from suggestions s where s.tenant_id = ${tenantId} and s.forum_topic_id = t.id and s.state <> 'draft') as suggestions,
          (select count(distinct p.deputy_id) from (
             select s.lead_deputy_id as deputy_id from suggestions s
               where s.tenant_id = ${tenantId} and s.forum_topic_id = t.id and s.state <> 'draft'
             union all
             select c.deputy_id from suggestion_cosigners c join suggestions s on s.id = c.suggestion_id
               where c.tenant_id = ${tenantId} and s.tenant_id = ${tenantId} and s.forum_topic_id = t.id and s.state <> 'draft'
           ) p) as participating
        from forum_topics t
        where t.tenant_id = ${tenantId}
        order by t.month desc, t.id desc
        limit ${TOPIC_LIST_MAX}`);
    },

    /** Sets a topic for a month, with its audit entry, in one batch. */
    async create(input: TopicInput, actor: AuditActor, now: number): Promise<number> {
      const [inserted] = await db.batch([
        db
          .insert(forumTopics)
          .values({
            tenantId,
            month: input.month,
            title: input.title,
            description: input.description,
            closesOn: input.closesOn,
            createdByUserId: actor.userId!,
            createdAt: now,
          })
          .returning({ id: forumTopics.id }),
        audit.entry(
          {
            actor,
            action: 'forum.create',
            targetType: 'forum_topic',
            targetLabel: input.title,
            details: { month: input.month, closesOn: input.closesOn },
          },
          now,
        ),
      ]);
      return inserted[0]!.id;
    },

    /**
     * 参与情况通报 of one topic: per liaison station, its serving deputies,
     * how many of them took part and the suggestions they led; and the list
     * of deputies who took part. Two aggregate statements, one round trip.
     */
    async participation(topicId: number): Promise<{ stations: StationParticipation[]; participants: ForumParticipant[] }> {
      const [stations, participants] = (await db.batch([
        rawStatement(
          db,
          sql`
          with part as (${takingPart(topicId)}),
          per_deputy as (
            select d.id as deputy_id, d.station_id as station_id,
              exists (select 1 from part p where p.deputy_id = d.id) as took_part,
              (select count(*) from part p where p.deputy_id = d.id and p.led = 1) as led
            from deputies d
            where d.tenant_id = ${tenantId} and d.retired_at is null
          )
          select pd.station_id as stationId, st.name as stationName, st.township as township,
            count(*) as deputies, sum(pd.took_part) as participating, sum(pd.led) as suggestions
          from per_deputy pd left join liaison_stations st on st.id = pd.station_id and st.tenant_id = ${tenantId}
          group by pd.station_id
          order by st.township, st.name`,
        ),
        rawStatement(
          db,
          sql`
          with part as (${takingPart(topicId)})
          select d.id as deputyId, d.name as name, st.name as stationName, st.township as township,
            sum(p.led) as led, sum(1 - p.led) as cosigned
          from part p join deputies d on d.id = p.deputy_id and d.tenant_id = ${tenantId}
            left join liaison_stations st on st.id = d.station_id and st.tenant_id = ${tenantId}
          group by d.id
          order by st.township, st.name, d.name, d.id`,
        ),
      ])) as unknown as D1Result<Record<string, unknown>>[];
      return {
        stations: (stations?.results ?? []) as unknown as StationParticipation[],
        participants: (participants?.results ?? []) as unknown as ForumParticipant[],
      };
    },
  };
}

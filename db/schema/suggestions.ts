/** 代表建议: the suggestion, its co-signers and its timeline. */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenantRef, tenantOwned, suggestionRef, userRef, deputyRef, createdAt, createdAtGiven, ref } from './columns';
import { users } from './accounts';
import { categories, deputies } from './directory';
import type { Colour } from '../../worker/rules/colour';
import type { SuggestionState } from '../../worker/rules/suggestion-states';

/** 代表建议 */
export const suggestions = sqliteTable(
  'suggestions',
  {
    ...tenantOwned(),
    /** Human number shown to users, e.g. 2026-0007 (assigned on submit). */
    number: text('number'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    /** see SOURCE_CHANNELS in worker/rules/suggestion.ts */
    sourceChannel: text('source_channel').notNull(),
    /** 领衔代表 */
    leadDeputyId: ref('lead_deputy_id', () => deputies.id),
    /** Who typed it: the deputy, or a liaison clerk on the deputy's behalf. */
    enteredByUserId: userRef('entered_by_user_id'),
    /** see worker/rules/suggestion-states.ts */
    state: text('state').$type<SuggestionState>().notNull(),
    /** Client-generated key that makes a retried submit create one suggestion. */
    idempotencyKey: text('idempotency_key'),
    /** 重点建议, with its supervising leader (领衔督办领导). */
    isKey: integer('is_key', { mode: 'boolean' }).notNull().default(false),
    supervisingLeader: text('supervising_leader'),
    /** The leader's account (a chair or vice-chair), alerted with the key suggestion's yellow and red. */
    supervisingLeaderUserId: integer('supervising_leader_user_id'),
    /** 单月座谈议题 the suggestion was raised under (forum_topics.id), if any. */
    forumTopicId: integer('forum_topic_id'),
    /** The suggestion this one was merged into (并案). */
    mergedIntoId: integer('merged_into_id'),
    /** Reply round: 1, then 2 after 不满意 sends it to rehandling, … */
    round: integer('round').notNull().default(1),
    /** Class of the latest reply (A/B/C/D), as corrected by staff if they did. */
    replyClass: text('reply_class'),
    /** The lead deputy's rating is due by this China date (set on each reply). */
    evaluationDue: text('evaluation_due'),
    closedAt: integer('closed_at'),
    /** 三色督办: the highest colour of its open stages (green | yellow | red). */
    colour: text('colour').$type<Colour>().notNull().default('green'),
    submittedAt: integer('submitted_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('suggestions_tenant_idempotency').on(t.tenantId, t.idempotencyKey),
    uniqueIndex('suggestions_tenant_number').on(t.tenantId, t.number),
    index('suggestions_tenant_state_submitted').on(t.tenantId, t.state, t.submittedAt),
    index('suggestions_tenant_lead').on(t.tenantId, t.leadDeputyId, t.updatedAt),
    index('suggestions_tenant_evaluation_due').on(t.tenantId, t.state, t.evaluationDue),
    index('suggestions_tenant_colour').on(t.tenantId, t.colour, t.submittedAt),
    // 收到的建议 is ordered by submission; without this every page sorts the whole tenant.
    index('suggestions_tenant_submitted').on(t.tenantId, t.submittedAt),
    // Partial: only suggestions raised under a topic. A full index on (tenant_id, forum_topic_id)
    // was taken by the planner for the deputy's own list (tenant_id = ?) and made it 2.4× slower
    // (bench/load, docs/PERFORMANCE.md).
    index('suggestions_tenant_forum')
      .on(t.tenantId, t.forumTopicId)
      .where(sql`forum_topic_id is not null`),
  ],
);

/** 附议代表: co-signers of a suggestion. */
export const suggestionCosigners = sqliteTable(
  'suggestion_cosigners',
  {
    tenantId: tenantRef(),
    suggestionId: suggestionRef(),
    deputyId: deputyRef(),
  },
  (t) => [
    primaryKey({ columns: [t.suggestionId, t.deputyId] }),
    index('cosigners_tenant_deputy').on(t.tenantId, t.deputyId),
    index('cosigners_tenant_suggestion').on(t.tenantId, t.suggestionId),
  ],
);

/** The timeline: every transition and action on a suggestion. */
export const suggestionEvents = sqliteTable(
  'suggestion_events',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    /** Name as shown at the time, kept even if the user is renamed later. */
    actorName: text('actor_name').notNull(),
    kind: text('kind').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    createdAt: createdAtGiven(),
  },
  (t) => [index('events_tenant_suggestion').on(t.tenantId, t.suggestionId, t.createdAt)],
);

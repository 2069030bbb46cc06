/** 办理: the units' assignments and what they write, the contacts with the deputy, the deputy's ratings. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenantOwned, suggestionRef, userRef, unitRef, createdAtGiven, ref, authored } from './columns';

/** 主办 | 协办 | 分办 */
export type AssignmentRole = 'lead' | 'assist' | 'split';
/** A unit's part, from assignment (交办) to reply or withdrawal. */
export type AssignmentState = 'assigned' | 'in_progress' | 'return_requested' | 'replied' | 'withdrawn';

/**
 * 交办: one handling unit's part in a suggestion — the lead unit (主办),
 * an assisting unit (协办), or one of several units under split handling
 * (分办). Due dates are computed once when assigned and stored.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    unitId: unitRef(),
    /** lead | assist | split */
    role: text('role').$type<AssignmentRole>().notNull(),
    /** assigned | in_progress | return_requested | replied | withdrawn */
    state: text('state').$type<AssignmentState>().notNull(),
    assignedAt: integer('assigned_at').notNull(),
    /** Last day to ask for a return (申请退回), China date. */
    returnDue: text('return_due').notNull(),
    /** Assisting units: last day for the written opinion to the lead unit. */
    opinionDue: text('opinion_due'),
    /** Lead and split units: last day for the reply (moved only by an extension). */
    replyDue: text('reply_due'),
    /** The reply due date first set, kept when extended. */
    originalReplyDue: text('original_reply_due'),
    signedAt: integer('signed_at'),
    opinionAt: integer('opinion_at'),
    repliedAt: integer('replied_at'),
    returnReason: text('return_reason'),
    withdrawnAt: integer('withdrawn_at'),
  },
  (t) => [
    index('assignments_tenant_unit_state_due').on(t.tenantId, t.unitId, t.state, t.replyDue),
    index('assignments_tenant_suggestion').on(t.tenantId, t.suggestionId),
  ],
);

/** Written texts from units: assisting opinions, replies, progress updates, final replies. */
export const replies = sqliteTable(
  'replies',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    assignmentId: ref('assignment_id', () => assignments.id),
    unitId: unitRef(),
    /** opinion | reply | progress | final */
    kind: text('kind').notNull(),
    round: integer('round').notNull(),
    body: text('body').notNull(),
    signer: text('signer'),
    /** A/B/C/D for replies */
    replyClass: text('reply_class'),
    /** Class B: the promised completion date (China date). */
    promisedDate: text('promised_date'),
    ...authored(createdAtGiven()),
  },
  (t) => [index('replies_tenant_suggestion').on(t.tenantId, t.suggestionId, t.createdAt)],
);

/** A file attached to a reply (scanned letter, photo); the bytes live in R2 under `r2Key`. */
export const attachments = sqliteTable(
  'attachments',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    replyId: integer('reply_id').references(() => replies.id),
    r2Key: text('r2_key').notNull().unique(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    ...authored(createdAtGiven()),
  },
  (t) => [index('attachments_tenant_suggestion').on(t.tenantId, t.suggestionId)],
);

/** 见面/沟通: a unit's recorded contact with the deputy. */
export const contacts = sqliteTable(
  'contacts',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    unitId: unitRef(),
    contactedOn: text('contacted_on').notNull(),
    /** unit_head | deputy_head | staff */
    who: text('who').notNull(),
    /** meeting | site_visit | phone | other */
    how: text('how').notNull(),
    note: text('note'),
    ...authored(createdAtGiven()),
  },
  (t) => [index('contacts_tenant_suggestion').on(t.tenantId, t.suggestionId)],
);

/** 满意度测评: the lead deputy's rating of one reply round. */
export const ratings = sqliteTable(
  'ratings',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    round: integer('round').notNull(),
    /** satisfied | basically | unsatisfied (办理态度) */
    attitude: text('attitude').notNull(),
    /** satisfied | basically | unsatisfied (办理结果) */
    result: text('result').notNull(),
    comment: text('comment'),
    ratedByUserId: userRef('rated_by_user_id'),
    createdAt: createdAtGiven(),
  },
  (t) => [uniqueIndex('ratings_suggestion_round').on(t.suggestionId, t.round)],
);

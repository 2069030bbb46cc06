/**
 * A handling unit's work on its part (DOMAIN.md, "Assignment", "Contact
 * with the deputy", "Reply", "Tracking B-class promises"): 签收, 申请退回,
 * 协办意见, 见面/沟通, 答复, and the progress and final reply of a tracked
 * promise.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rawStatement } from '../../guard';
import { assignments, attachments, contacts, replies, suggestions } from '../../schema';
import { ACTIVE_PART_STATES, OWING_PART_STATES, REPLYING_ROLES } from '../../../worker/rules/handling-actions';
import { TRANSITIONS } from '../../../worker/rules/suggestion-states';
import type { AssignmentRole, DeadlineSpec, HandlingContext, OnSuggestion } from './shared';

/** A file already stored in R2, to be recorded with the reply. */
export interface StoredFile {
  r2Key: string;
  filename: string;
  contentType: string;
  size: number;
}

/** The unit's part a write works on. */
export interface OnPart extends OnSuggestion {
  assignmentId: number;
  unitId: number;
}

export interface Contact extends OnPart {
  contact: { contactedOn: string; who: string; how: string; note: string | null };
  eventNote: string;
}

export interface Reply extends OnPart {
  from: 'in_progress' | 'rehandling';
  round: number;
  reply: { body: string; signer: string; replyClass: string; promisedDate: string | null };
  /** The deputy's evaluation stage, opened once the suggestion is replied. */
  evaluation: DeadlineSpec;
  files: StoredFile[];
  /** Timeline notes: for this unit's reply, and for the suggestion becoming replied. */
  notes: { reply: string; replied: string };
}

export interface TrackingUpdate extends OnPart {
  kind: 'progress' | 'final';
  round: number;
  body: string;
}

export function unitWrites(h: HandlingContext) {
  const { db, tenantId, w, one, assignmentOf, requireAction, requirePart } = h;
  const signFor = TRANSITIONS.sign_for;

  /** Units that reply (lead or split) on a suggestion, for notifications. */
  const replyingUnitIds = async (id: number): Promise<number[]> => {
    const rows = await db
      .select({ unitId: assignments.unitId })
      .from(assignments)
      .where(
        and(
          eq(assignments.tenantId, tenantId),
          eq(assignments.suggestionId, id),
          inArray(assignments.role, [...REPLYING_ROLES]),
          inArray(assignments.state, [...ACTIVE_PART_STATES]),
        ),
      )
      .all();
    return rows.map((r) => r.unitId);
  };

  return {
    /** 签收: the unit's part starts; the suggestion is in progress once a replying unit signs. */
    async signFor({ id, assignmentId, role, actor, now }: OnSuggestion & { assignmentId: number; role: AssignmentRole }) {
      const moves = REPLYING_ROLES.includes(role);
      await db.batch([
        requireAction(id, 'sign_for'),
        requirePart(id, assignmentId, 'sign_for'),
        db.update(assignments).set({ state: 'in_progress', signedAt: now }).where(assignmentOf(assignmentId)),
        w.endDeadlines(id, now, { stages: ['sign_for'], assignmentId }),
        w.refreshColour(id),
        ...(moves
          ? [
              db
                .update(suggestions)
                .set({ state: signFor.to, updatedAt: now })
                .where(and(one(id), inArray(suggestions.state, [...signFor.from]))),
            ]
          : []),
        w.event(id, actor, 'sign_for', null, null, null, now),
      ]);
    },

    /** 申请退回 by a replying unit, inside its window. */
    async requestReturn({ id, from, assignmentId, reason, actor, now }: OnSuggestion & { from: string; assignmentId: number; reason: string }) {
      await db.batch([
        requireAction(id, 'request_return', from),
        requirePart(id, assignmentId, 'request_return'),
        db.update(assignments).set({ state: 'return_requested', returnReason: reason }).where(assignmentOf(assignmentId)),
        w.endDeadlines(id, now, { stages: ['sign_for'], assignmentId }),
        w.refreshColour(id),
        db.update(suggestions).set({ state: 'return_requested', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'request_return', from, 'return_requested', reason, now),
        w.notifyRoles(['staff'], id, 'return_requested', reason, now),
      ]);
    },

    /** 协办意见: an assisting unit's written opinion to the lead unit. */
    async submitOpinion({ id, assignmentId, unitId, leadUnitIds, body, actor, now }: OnPart & { leadUnitIds: number[]; body: string }) {
      await db.batch([
        requireAction(id, 'opinion'),
        requirePart(id, assignmentId, 'opinion'),
        db.insert(replies).values({
          tenantId,
          suggestionId: id,
          assignmentId,
          unitId,
          kind: 'opinion',
          round: 1,
          body,
          createdByUserId: actor.userId,
          createdAt: now,
        }),
        db
          .update(assignments)
          .set({ opinionAt: now, state: 'replied', signedAt: sql`coalesce(${assignments.signedAt}, ${now})` })
          .where(assignmentOf(assignmentId)),
        w.endDeadlines(id, now, { stages: ['sign_for', 'opinion'], assignmentId }),
        w.refreshColour(id),
        w.event(id, actor, 'opinion', null, null, null, now),
        w.notifyUnits(leadUnitIds, id, 'opinion', '', now),
      ]);
    },

    /** 见面/沟通 with the deputy. */
    async recordContact({ id, assignmentId, unitId, contact, eventNote, actor, now }: Contact) {
      await db.batch([
        requireAction(id, 'contact'),
        requirePart(id, assignmentId, 'contact'),
        db.insert(contacts).values({ tenantId, suggestionId: id, unitId, ...contact, createdByUserId: actor.userId, createdAt: now }),
        w.event(id, actor, 'contact', null, null, eventNote, now),
      ]);
    },

    /**
     * 答复. The suggestion becomes replied when no replying unit still owes
     * one (split handling waits for every unit) — decided inside the batch,
     * so two units replying at once cannot both miss it.
     */
    async reply({ id, from, round, assignmentId, unitId, reply: r, evaluation, files, notes, actor, now }: Reply) {
      const replyId = sql`(select ${replies.id} from ${replies} where ${replies.tenantId} = ${tenantId}
        and ${replies.assignmentId} = ${assignmentId} and ${replies.round} = ${round} and ${replies.kind} = 'reply')`;
      const noneOwed = sql`not exists (select 1 from ${assignments} where ${assignments.tenantId} = ${tenantId}
        and ${assignments.suggestionId} = ${id} and ${assignments.role} in ${REPLYING_ROLES}
        and ${assignments.state} in ${OWING_PART_STATES})`;
      const nowReplied = sql`exists (select 1 from ${suggestions} where ${one(id)} and ${suggestions.state} = 'replied' and ${suggestions.updatedAt} = ${now})`;
      await db.batch([
        requireAction(id, 'reply', from),
        requirePart(id, assignmentId, 'reply'),
        db
          .insert(replies)
          .values({ tenantId, suggestionId: id, assignmentId, unitId, kind: 'reply', round, ...r, createdByUserId: actor.userId, createdAt: now }),
        ...files.map((f) =>
          db.insert(attachments).values({ tenantId, suggestionId: id, replyId, ...f, createdByUserId: actor.userId, createdAt: now }),
        ),
        db.update(assignments).set({ state: 'replied', repliedAt: now }).where(assignmentOf(assignmentId)),
        w.endDeadlines(id, now, { stages: ['reply', 'rehandling'], assignmentId }),
        w.event(id, actor, 'reply', null, null, notes.reply, now),
        db
          .update(suggestions)
          .set({ state: 'replied', replyClass: r.replyClass, evaluationDue: evaluation.dueDate, updatedAt: now })
          .where(and(one(id), eq(suggestions.state, from), noneOwed)),
        w.openDeadline(id, null, evaluation, now, nowReplied),
        w.refreshColour(id),
        rawStatement(
          db,
          sql`insert into suggestion_events (tenant_id, suggestion_id, actor_user_id, actor_name, kind, from_state, to_state, note, created_at)
          select ${tenantId}, ${id}, ${actor.userId}, ${actor.name}, 'replied', ${from}, 'replied', ${notes.replied}, ${now} where ${nowReplied}`,
        ),
        w.notifyDeputies(id, 'reply', r.replyClass, now),
      ]);
    },

    /** Progress on a tracked promise (B-class), or the final reply that closes it. */
    async trackingUpdate({ id, assignmentId, unitId, kind, round, body, actor, now }: TrackingUpdate) {
      const action = kind === 'final' ? 'final_reply' : 'progress';
      await db.batch([
        requireAction(id, action),
        requirePart(id, assignmentId, action),
        db
          .insert(replies)
          .values({ tenantId, suggestionId: id, assignmentId, unitId, kind, round, body, createdByUserId: actor.userId, createdAt: now }),
        ...(kind === 'final'
          ? [
              db.update(suggestions).set({ state: 'closed', closedAt: now, updatedAt: now }).where(one(id)),
              w.endDeadlines(id, now),
              w.refreshColour(id),
            ]
          : [db.update(suggestions).set({ updatedAt: now }).where(one(id))]),
        w.event(id, actor, action, kind === 'final' ? 'tracking' : null, kind === 'final' ? 'closed' : null, null, now),
        w.notifyDeputies(id, action, '', now),
      ]);
    },

    replyingUnitIds,
  };
}

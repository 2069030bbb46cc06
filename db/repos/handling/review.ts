/**
 * Staff's review of a suggestion (DOMAIN.md, "A suggestion's life"): 立案
 * with its classification, 退回修改 and the deputy's resubmission, 不予立案,
 * 并案, corrections of class, and 办结.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rawStatement } from '../../guard';
import { suggestionCosigners, suggestions } from '../../schema';
import { MERGE_TARGET_STATES } from '../../../worker/rules/handling-actions';
import type { HandlingContext, OnSuggestion } from './shared';

/** Category and 重点建议 with its supervising leader (name kept as shown, account alerted). */
export interface Classification {
  categoryId: number | null;
  isKey: boolean;
  supervisingLeader: string | null;
  supervisingLeaderUserId: number | null;
}

export interface Resubmission extends OnSuggestion {
  from: 'returned' | 'draft';
  fields: { title: string; content: string; categoryId: number; sourceChannel: string; cosignerDeputyIds: number[] };
}

export function reviewWrites({ db, tenantId, w, one, requireAction }: HandlingContext) {
  const classified = (c: Classification) => ({
    categoryId: c.categoryId ?? undefined,
    isKey: c.isKey,
    supervisingLeader: c.supervisingLeader,
    supervisingLeaderUserId: c.supervisingLeaderUserId,
  });

  return {
    /** 修改后重新提交: the deputy's edited text after 退回修改 (history stays in the timeline). */
    async resubmit({ id, from, fields: f, actor, now }: Resubmission) {
      await db.batch([
        requireAction(id, 'resubmit', from),
        db
          .update(suggestions)
          .set({
            title: f.title,
            content: f.content,
            categoryId: f.categoryId,
            sourceChannel: f.sourceChannel,
            state: 'submitted',
            // A draft gets its number when it is first submitted.
            number: sql`coalesce(${suggestions.number}, ${w.nextNumber(now)})`,
            submittedAt: now,
            updatedAt: now,
          })
          .where(one(id)),
        db.delete(suggestionCosigners).where(and(eq(suggestionCosigners.tenantId, tenantId), eq(suggestionCosigners.suggestionId, id))),
        ...f.cosignerDeputyIds.map((deputyId) => db.insert(suggestionCosigners).values({ tenantId, suggestionId: id, deputyId })),
        w.event(id, actor, 'submit', from, 'submitted', null, now),
        w.notifyRoles(['staff'], id, 'resubmitted', '', now),
      ]);
    },

    /** 立案, with its classification. */
    async accept({ id, classification: c, actor, now }: OnSuggestion & { classification: Classification }) {
      await db.batch([
        requireAction(id, 'accept'),
        db
          .update(suggestions)
          .set({ state: 'accepted', ...classified(c), updatedAt: now })
          .where(one(id)),
        w.event(id, actor, 'accept', 'submitted', 'accepted', c.isKey ? `重点建议 · ${c.supervisingLeader ?? ''}` : null, now),
        w.notifyDeputies(id, 'accepted', '', now, true),
      ]);
    },

    /** Category and key-suggestion marking, without a change of state; `from` is the state the caller saw. */
    async classify({ id, from, classification: c, note, actor, now }: OnSuggestion & { from: string; classification: Classification; note: string }) {
      await db.batch([
        requireAction(id, 'classify', from),
        db
          .update(suggestions)
          .set({ ...classified(c), updatedAt: now })
          .where(one(id)),
        w.event(id, actor, 'classify', null, null, note, now),
      ]);
    },

    /** 退回修改: back to the deputy with a note. */
    async returnForRevision({ id, note, actor, now }: OnSuggestion & { note: string }) {
      await db.batch([
        requireAction(id, 'return_for_revision'),
        db.update(suggestions).set({ state: 'returned', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'return_for_revision', 'submitted', 'returned', note, now),
        w.notifyDeputies(id, 'returned', note, now, true),
      ]);
    },

    /** 不予立案 with a reason. */
    async reject({ id, reason, actor, now }: OnSuggestion & { reason: string }) {
      await db.batch([
        requireAction(id, 'reject'),
        db.update(suggestions).set({ state: 'rejected', closedAt: now, updatedAt: now }).where(one(id)),
        w.event(id, actor, 'reject', 'submitted', 'rejected', reason, now),
        w.notifyDeputies(id, 'rejected', reason, now),
      ]);
    },

    /**
     * 并案: `id` is merged into `targetId`; its lead deputy and co-signers
     * become co-authors of the target, so they all see the result.
     */
    async merge({ id, from, targetId, targetLabel, actor, now }: OnSuggestion & { from: string; targetId: number; targetLabel: string }) {
      const target = sql`(select ${suggestions.leadDeputyId} from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${targetId})`;
      const authors = sql`select ${suggestions.leadDeputyId} as deputy_id from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${id}
        union select ${suggestionCosigners.deputyId} from ${suggestionCosigners} where ${suggestionCosigners.tenantId} = ${tenantId} and ${suggestionCosigners.suggestionId} = ${id}`;
      await db.batch([
        requireAction(id, 'merge', from),
        w.requireState(targetId, MERGE_TARGET_STATES),
        rawStatement(
          db,
          sql`insert or ignore into ${suggestionCosigners} (tenant_id, suggestion_id, deputy_id)
          select ${tenantId}, ${targetId}, deputy_id from (${authors}) where deputy_id <> ${target}`,
        ),
        db.update(suggestions).set({ state: 'merged', mergedIntoId: targetId, closedAt: now, updatedAt: now }).where(one(id)),
        db.update(suggestions).set({ updatedAt: now }).where(one(targetId)),
        w.event(id, actor, 'merge', from, 'merged', targetLabel, now),
        w.event(targetId, actor, 'merged_in', null, null, null, now),
        w.notifyDeputies(id, 'merged', targetLabel, now),
      ]);
    },

    /** Staff correct a reply's class with a reason. */
    async correctClass({ id, replyClass, reason, actor, now }: OnSuggestion & { replyClass: string; reason: string }) {
      await db.batch([
        requireAction(id, 'correct_class'),
        db.update(suggestions).set({ replyClass, updatedAt: now }).where(one(id)),
        w.event(id, actor, 'correct_class', null, null, `${replyClass} · ${reason}`, now),
      ]);
    },

    /** 办结 by staff. */
    async close({ id, from, note, actor, now }: OnSuggestion & { from: string; note: string }) {
      await db.batch([
        requireAction(id, 'close', from),
        db.update(suggestions).set({ state: 'closed', closedAt: now, updatedAt: now }).where(one(id)),
        w.endDeadlines(id, now),
        w.refreshColour(id),
        w.event(id, actor, 'close', from, 'closed', note, now),
      ]);
    },
  };
}

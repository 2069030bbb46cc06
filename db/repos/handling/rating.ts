/**
 * 满意度测评 (DOMAIN.md, "Evaluation"): the lead deputy's rating of the
 * current round. 不满意 on the result opens the next round (rehandling) for
 * the replying units; the quality rule may open its stages yellow or red.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { precondition } from '../../guard';
import { assignments, ratings, suggestions } from '../../schema';
import { REPLYING_ROLES } from '../../../worker/rules/handling-actions';
import type { DeadlineSpec, HandlingContext, OnSuggestion } from './shared';

export type RatingValue = 'satisfied' | 'basically' | 'unsatisfied';

export interface Rating extends OnSuggestion {
  round: number;
  /** The deputy who must still lead the suggestion (the guard checks it). */
  leadDeputyId: number;
  rating: { attitude: RatingValue; result: RatingValue; comment: string | null };
  to: 'closed' | 'tracking' | 'rehandling';
  rehandlingDue: string | null;
  /** Stages the rating opens: rehandling per replying unit, or the B-class promise. */
  opens: { assignmentId: number | null; spec: DeadlineSpec }[];
  /** Tags the alerts this write raises, for their delivery by email and robot. */
  writeId: string;
}

export function ratingWrites({ db, tenantId, w, one, requireAction }: HandlingContext, replyingUnitIds: (id: number) => Promise<number[]>) {
  return {
    async rate({ id, round, leadDeputyId, rating: r, to, rehandlingDue, opens, writeId, actor, now }: Rating) {
      const owner = sql`exists (select 1 from ${suggestions} where ${one(id)} and ${suggestions.leadDeputyId} = ${leadDeputyId} and ${suggestions.round} = ${round})`;
      const reopen =
        to === 'rehandling'
          ? [
              db
                .update(assignments)
                .set({ state: 'in_progress', replyDue: rehandlingDue })
                .where(
                  and(
                    eq(assignments.tenantId, tenantId),
                    eq(assignments.suggestionId, id),
                    inArray(assignments.role, [...REPLYING_ROLES]),
                    eq(assignments.state, 'replied'),
                  ),
                ),
              w.notifyUnits(await replyingUnitIds(id), id, 'rehandling', rehandlingDue ?? '', now),
            ]
          : [];
      await db.batch([
        requireAction(id, 'rate'),
        precondition(db, owner),
        db.insert(ratings).values({ tenantId, suggestionId: id, round, ...r, ratedByUserId: actor.userId, createdAt: now }),
        db
          .update(suggestions)
          .set({
            state: to,
            round: to === 'rehandling' ? round + 1 : round,
            evaluationDue: null,
            closedAt: to === 'closed' ? now : null,
            updatedAt: now,
          })
          .where(one(id)),
        w.event(id, actor, 'rate', 'replied', to, r.comment, now),
        ...reopen,
        w.endDeadlines(id, now, { stages: ['evaluation'] }),
        ...opens.map((o) => w.openDeadline(id, o.assignmentId === null ? null : { id: o.assignmentId }, o.spec, now)),
        w.alertOpenedColours(id, writeId, now),
        w.refreshColour(id),
        w.notifyRoles(['staff'], id, 'rated', r.result, now),
      ]);
    },
  };
}

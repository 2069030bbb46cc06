/**
 * What every handling write shares: the tenant-scoped conditions, the
 * guards built from the one table of handling actions
 * (worker/rules/handling-actions.ts), and the statements several writes
 * repeat (withdrawing and inserting a suggestion's unit parts).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { precondition } from '../../guard';
import { assignments, suggestions } from '../../schema';
import { writes, type Actor, type DeadlineSpec } from '../writes';
import { OWING_PART_STATES, guardPart, guardStates, type AssignmentRole, type UiAction } from '../../../worker/rules/handling-actions';

export type { Actor, AssignmentRole, DeadlineSpec };

/** Who does it and when: every write records both. */
export interface By {
  actor: Actor;
  now: number;
}

/** One write on one suggestion. */
export interface OnSuggestion extends By {
  id: number;
}

export interface NewAssignment {
  unitId: number;
  role: AssignmentRole;
  returnDue: string;
  opinionDue: string | null;
  replyDue: string | null;
  /** The stages this part opens (sign-for window, opinion, reply). */
  deadlines: DeadlineSpec[];
}

export function handlingContext(db: Database, tenantId: number) {
  const w = writes(db, tenantId);
  const inTenant = eq(suggestions.tenantId, tenantId);
  const one = (id: number) => and(inTenant, eq(suggestions.id, id));
  const assignmentOf = (id: number) => and(eq(assignments.tenantId, tenantId), eq(assignments.id, id));

  return {
    db,
    tenantId,
    w,
    one,
    assignmentOf,

    /**
     * Fails the batch unless the suggestion is in a state the table allows
     * for `action` (narrowed to `seen`, the state the caller saw, where the
     * table says so).
     */
    requireAction: (id: number, action: UiAction, seen?: string) => w.requireState(id, guardStates(action, seen)),

    /** Fails the batch unless the part is the suggestion's and one the table lets `action` work on (its role and state). */
    requirePart: (id: number, assignmentId: number, action: UiAction) => {
      const part = guardPart(action);
      if (!part) throw new Error(`${action} works on no unit part`);
      return precondition(
        db,
        sql`exists (select 1 from ${assignments} where ${assignmentOf(assignmentId)} and ${assignments.suggestionId} = ${id}
          and ${assignments.role} in ${part.roles} and ${assignments.state} in ${part.states})`,
      );
    },

    /** Withdraws every part of a suggestion that still owes work (before a reassignment). */
    withdrawAll: (suggestionId: number, now: number) =>
      db
        .update(assignments)
        .set({ state: 'withdrawn', withdrawnAt: now })
        .where(
          and(eq(assignments.tenantId, tenantId), eq(assignments.suggestionId, suggestionId), inArray(assignments.state, [...OWING_PART_STATES])),
        ),

    insertAssignments: (suggestionId: number, list: NewAssignment[], now: number) =>
      list.map((a) =>
        db.insert(assignments).values({
          tenantId,
          suggestionId,
          unitId: a.unitId,
          role: a.role,
          state: 'assigned',
          assignedAt: now,
          returnDue: a.returnDue,
          opinionDue: a.opinionDue,
          replyDue: a.replyDue,
          originalReplyDue: a.replyDue,
        }),
      ),
  };
}

export type HandlingContext = ReturnType<typeof handlingContext>;

/**
 * 交办 and what follows it on staff's side (DOMAIN.md, "Assignment" and
 * "Return request"): assigning and reassigning units, the 交办会's bulk
 * assignment, deciding a unit's return request, and 延期.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { assignments, suggestions } from '../../schema';
import { OWING_PART_STATES, REPLYING_ROLES } from '../../../worker/rules/handling-actions';
import type { Actor, DeadlineSpec, HandlingContext, NewAssignment, OnSuggestion } from './shared';

/** Suggestions per atomic batch in a bulk assignment (about 8 statements each). */
const BULK_CHUNK = 25;

export interface Assignment extends OnSuggestion {
  /** The state the caller saw (accepted for 交办; assigned or in progress for 改交办). */
  from: string;
  units: NewAssignment[];
  kind: 'assign' | 'reassign';
  note: string;
}

export interface Extension extends OnSuggestion {
  newDue: string;
  reason: string;
  /** The replying parts whose reply stage starts again with the new due date. */
  reopen: { assignmentId: number; spec: DeadlineSpec }[];
}

export function assignWrites(h: HandlingContext) {
  const { db, tenantId, w, one, assignmentOf, requireAction, requirePart, withdrawAll, insertAssignments } = h;

  /** The statements of one 交办: withdraw earlier parts, insert the new ones, move the state. */
  const assignStatements = ({ id, from, units, kind, note, actor, now }: Assignment) => {
    const [first, ...rest] = insertAssignments(id, units, now);
    if (!first) throw new Error('assign needs at least one unit');
    return [
      requireAction(id, kind, from),
      withdrawAll(id, now),
      w.endDeadlines(id, now),
      first,
      ...rest,
      ...units.flatMap((a) => a.deadlines.map((d) => w.openDeadline(id, { unitId: a.unitId, assignedAt: now }, d, now))),
      w.refreshColour(id),
      db.update(suggestions).set({ state: 'assigned', updatedAt: now }).where(one(id)),
      w.event(id, actor, kind, from, 'assigned', note, now),
      w.notifyUnits(
        units.map((a) => a.unitId),
        id,
        'assigned',
        note,
        now,
      ),
      w.notifyDeputies(id, 'assigned', note, now, true),
    ] as const;
  };

  return {
    /**
     * 交办 (or 改交办 when `from` is assigned/in progress): the units and
     * their stored due dates; earlier active assignments are withdrawn.
     */
    async assign(a: Assignment) {
      const [first, ...rest] = assignStatements(a);
      await db.batch([first, ...rest]);
    },

    /**
     * 交办会: many accepted suggestions to the same units at once. Each
     * chunk of suggestions is one atomic batch; returns how many were done
     * before a chunk was refused (someone changed one of them meanwhile).
     */
    async assignMany({
      ids,
      units,
      note,
      actor,
      now,
    }: {
      ids: number[];
      units: NewAssignment[];
      note: string;
      actor: Actor;
      now: number;
    }): Promise<number> {
      let done = 0;
      for (let i = 0; i < ids.length; i += BULK_CHUNK) {
        const chunk = ids.slice(i, i + BULK_CHUNK);
        const [first, ...rest] = chunk.map((id) => assignStatements({ id, from: 'accepted', units, kind: 'assign', note, actor, now }));
        if (!first) break;
        await db.batch([...first, ...rest.flat()]);
        done += chunk.length;
      }
      return done;
    },

    /** 同意退回: withdraw the units' parts; the suggestion waits for reassignment. */
    async approveReturn({ id, note, actor, now }: OnSuggestion & { note: string }) {
      await db.batch([
        requireAction(id, 'approve_return'),
        withdrawAll(id, now),
        w.endDeadlines(id, now),
        w.refreshColour(id),
        db.update(suggestions).set({ state: 'accepted', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'approve_return', 'return_requested', 'accepted', note, now),
      ]);
    },

    /** 不同意退回: the unit must handle it (counts as signed for). */
    async refuseReturn({ id, assignmentId, unitId, note, actor, now }: OnSuggestion & { assignmentId: number; unitId: number; note: string }) {
      await db.batch([
        requireAction(id, 'refuse_return'),
        requirePart(id, assignmentId, 'refuse_return'),
        db
          .update(assignments)
          .set({ state: 'in_progress', signedAt: sql`coalesce(${assignments.signedAt}, ${now})` })
          .where(and(assignmentOf(assignmentId), eq(assignments.state, 'return_requested'))),
        w.endDeadlines(id, now, { stages: ['sign_for'], assignmentId }),
        w.refreshColour(id),
        db.update(suggestions).set({ state: 'in_progress', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'refuse_return', 'return_requested', 'in_progress', note, now),
        w.notifyUnits([unitId], id, 'return_refused', note, now),
      ]);
    },

    /** 延期: a new reply due date for the replying units; the deputy is told. */
    async extend({ id, newDue, reason, reopen, actor, now }: Extension) {
      await db.batch([
        requireAction(id, 'extend'),
        db
          .update(assignments)
          .set({ replyDue: newDue })
          .where(
            and(
              eq(assignments.tenantId, tenantId),
              eq(assignments.suggestionId, id),
              inArray(assignments.role, [...REPLYING_ROLES]),
              inArray(assignments.state, [...OWING_PART_STATES]),
            ),
          ),
        db.update(suggestions).set({ updatedAt: now }).where(one(id)),
        ...reopen.map((o) => w.endDeadlines(id, now, { stages: ['reply', 'rehandling'], assignmentId: o.assignmentId })),
        ...reopen.map((o) => w.openDeadline(id, { id: o.assignmentId }, o.spec, now)),
        w.refreshColour(id),
        w.event(id, actor, 'extend', null, null, `${newDue} · ${reason}`, now),
        w.notifyDeputies(id, 'extended', `${newDue} · ${reason}`, now),
      ]);
    },
  };
}

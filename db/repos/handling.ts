/**
 * Every write that moves a suggestion through its life (DOMAIN.md, "A
 * suggestion's life"): staff review and assignment, the units' work, the
 * deputy's rating. Each method is one atomic batch that starts with a
 * precondition (the state the caller saw is still the state now), then the
 * change, its timeline event and its notifications. The routes decide
 * whether the move is allowed (worker/rules/suggestion-states.ts) and pass
 * the due dates computed by worker/rules/deadlines.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { precondition, rawStatement } from '../guard';
import {
  alerts,
  assignments,
  attachments,
  deadlines,
  notifications,
  supervisionActions,
  users,
  contacts,
  ratings,
  replies,
  suggestionCosigners,
  suggestions,
} from '../schema';
import { writes, type Actor, type DeadlineSpec } from './writes';

export type { Actor, DeadlineSpec };

export type AssignmentRole = 'lead' | 'assist' | 'split';

export interface NewAssignment {
  unitId: number;
  role: AssignmentRole;
  returnDue: string;
  opinionDue: string | null;
  replyDue: string | null;
  /** The stages this part opens (sign-for window, opinion, reply). */
  deadlines: DeadlineSpec[];
}

/** A file already stored in R2, to be recorded with the reply. */
export interface StoredFile {
  r2Key: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Category and 重点建议 with its supervising leader (name kept as shown, account alerted). */
export interface Classification {
  categoryId: number | null;
  isKey: boolean;
  supervisingLeader: string | null;
  supervisingLeaderUserId: number | null;
}

export type RatingValue = 'satisfied' | 'basically' | 'unsatisfied';

/** Suggestions per atomic batch in a bulk assignment (about 8 statements each). */
const BULK_CHUNK = 25;

/** Assignments that still owe work (not withdrawn). */
const ACTIVE = ['assigned', 'in_progress', 'return_requested', 'replied'] as const;

export function handling(db: Database, tenantId: number) {
  const w = writes(db, tenantId);
  const inTenant = eq(suggestions.tenantId, tenantId);
  const one = (id: number) => and(inTenant, eq(suggestions.id, id));
  const assignmentOf = (id: number) => and(eq(assignments.tenantId, tenantId), eq(assignments.id, id));

  /** Withdraws every active assignment of a suggestion (before a reassignment). */
  const withdrawAll = (suggestionId: number, now: number) =>
    db
      .update(assignments)
      .set({ state: 'withdrawn', withdrawnAt: now })
      .where(
        and(
          eq(assignments.tenantId, tenantId),
          eq(assignments.suggestionId, suggestionId),
          inArray(assignments.state, ['assigned', 'in_progress', 'return_requested']),
        ),
      );

  const insertAssignments = (suggestionId: number, list: NewAssignment[], now: number) =>
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
    );

  /** Units that reply (lead or split) on a suggestion, for notifications. */
  const replyingUnitIds = async (id: number): Promise<number[]> => {
    const rows = await db
      .select({ unitId: assignments.unitId })
      .from(assignments)
      .where(
        and(
          eq(assignments.tenantId, tenantId),
          eq(assignments.suggestionId, id),
          inArray(assignments.role, ['lead', 'split']),
          inArray(assignments.state, [...ACTIVE]),
        ),
      )
      .all();
    return rows.map((r) => r.unitId);
  };

  /** The statements of one 交办: withdraw earlier parts, insert the new ones, move the state. */
  const assignStatements = (
    id: number,
    from: string,
    list: NewAssignment[],
    kind: 'assign' | 'reassign',
    note: string,
    actor: Actor,
    now: number,
  ) => {
    const [first, ...rest] = insertAssignments(id, list, now);
    if (!first) throw new Error('assign needs at least one unit');
    return [
      w.requireState(id, [from]),
      withdrawAll(id, now),
      w.endDeadlines(id, now),
      first,
      ...rest,
      ...list.flatMap((a) => a.deadlines.map((d) => w.openDeadline(id, { unitId: a.unitId, assignedAt: now }, d, now))),
      w.refreshColour(id),
      db.update(suggestions).set({ state: 'assigned', updatedAt: now }).where(one(id)),
      w.event(id, actor, kind, from, 'assigned', note, now),
      w.notifyUnits(
        list.map((a) => a.unitId),
        id,
        'assigned',
        note,
        now,
      ),
      w.notifyDeputies(id, 'assigned', note, now, true),
    ] as const;
  };

  return {
    /** 修改后重新提交: the deputy's edited text after 退回修改 (history stays in the timeline). */
    async resubmit(
      id: number,
      from: 'returned' | 'draft',
      f: { title: string; content: string; categoryId: number; sourceChannel: string; cosignerDeputyIds: number[] },
      actor: Actor,
      now: number,
    ) {
      await db.batch([
        w.requireState(id, [from]),
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

    /**
     * Staff raise the colour of every open stage of a suggestion by hand,
     * with a reason (never lowering one); each raised stage is alerted once.
     */
    async raiseColour(id: number, to: 'yellow' | 'red', reason: string, writeId: string, actor: Actor, now: number) {
      const lower = to === 'red' ? ['green', 'yellow'] : ['green'];
      const mine = sql`exists (select 1 from ${alerts} where ${alerts.writeId} = ${writeId})`;
      await db.batch([
        precondition(
          db,
          sql`exists (select 1 from ${deadlines} where ${deadlines.tenantId} = ${tenantId} and ${deadlines.suggestionId} = ${id} and ${deadlines.endedAt} is null)`,
        ),
        rawStatement(
          db,
          sql`insert or ignore into ${alerts} (tenant_id, deadline_id, colour, write_id, created_at)
          select ${tenantId}, id, ${to}, ${writeId}, ${now} from ${deadlines}
          where tenant_id = ${tenantId} and suggestion_id = ${id} and ended_at is null and colour in ${lower}`,
        ),
        rawStatement(
          db,
          sql`update ${deadlines} set colour = ${to}
          where tenant_id = ${tenantId} and suggestion_id = ${id} and ended_at is null and colour in ${lower}`,
        ),
        w.refreshColour(id),
        w.event(id, actor, `raise_${to}`, null, null, reason, now),
        rawStatement(
          db,
          sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
          select ${tenantId}, ${users.id}, ${id}, ${to}, ${reason}, ${now} from ${users}
          where ${mine} and ${w.alertedUsers(
            to,
            id,
            sql`(
              select unit_id from ${assignments} where tenant_id = ${tenantId} and suggestion_id = ${id} and state <> 'withdrawn')`,
          )}`,
        ),
      ]);
    },

    /** 督办: a supervision letter, interview, public notice or site visit, recorded on the item. */
    async recordSupervision(id: number, a: { kind: string; actedOn: string; note: string | null }, eventNote: string, actor: Actor, now: number) {
      await db.batch([
        db.insert(supervisionActions).values({ tenantId, suggestionId: id, ...a, createdByUserId: actor.userId, createdAt: now }),
        w.event(id, actor, 'supervise', null, null, eventNote, now),
      ]);
    },

    /** 立案, with its classification. */
    async accept(id: number, c: Classification, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, ['submitted']),
        db
          .update(suggestions)
          .set({
            state: 'accepted',
            categoryId: c.categoryId ?? undefined,
            isKey: c.isKey,
            supervisingLeader: c.supervisingLeader,
            supervisingLeaderUserId: c.supervisingLeaderUserId,
            updatedAt: now,
          })
          .where(one(id)),
        w.event(id, actor, 'accept', 'submitted', 'accepted', c.isKey ? `重点建议 · ${c.supervisingLeader ?? ''}` : null, now),
        w.notifyDeputies(id, 'accepted', '', now, true),
      ]);
    },

    /** Category and key-suggestion marking, without a change of state. */
    async classify(id: number, fromStates: readonly string[], c: Classification, note: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, fromStates),
        db
          .update(suggestions)
          .set({
            categoryId: c.categoryId ?? undefined,
            isKey: c.isKey,
            supervisingLeader: c.supervisingLeader,
            supervisingLeaderUserId: c.supervisingLeaderUserId,
            updatedAt: now,
          })
          .where(one(id)),
        w.event(id, actor, 'classify', null, null, note, now),
      ]);
    },

    /** 退回修改: back to the deputy with a note. */
    async returnForRevision(id: number, note: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, ['submitted']),
        db.update(suggestions).set({ state: 'returned', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'return_for_revision', 'submitted', 'returned', note, now),
        w.notifyDeputies(id, 'returned', note, now, true),
      ]);
    },

    /** 不予立案 with a reason. */
    async reject(id: number, reason: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, ['submitted']),
        db.update(suggestions).set({ state: 'rejected', closedAt: now, updatedAt: now }).where(one(id)),
        w.event(id, actor, 'reject', 'submitted', 'rejected', reason, now),
        w.notifyDeputies(id, 'rejected', reason, now),
      ]);
    },

    /**
     * 并案: `id` is merged into `targetId`; its lead deputy and co-signers
     * become co-authors of the target, so they all see the result.
     */
    async merge(id: number, from: string, targetId: number, targetLabel: string, actor: Actor, now: number) {
      const target = sql`(select ${suggestions.leadDeputyId} from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${targetId})`;
      const authors = sql`select ${suggestions.leadDeputyId} as deputy_id from ${suggestions} where ${suggestions.tenantId} = ${tenantId} and ${suggestions.id} = ${id}
        union select ${suggestionCosigners.deputyId} from ${suggestionCosigners} where ${suggestionCosigners.tenantId} = ${tenantId} and ${suggestionCosigners.suggestionId} = ${id}`;
      await db.batch([
        w.requireState(id, [from]),
        w.requireState(targetId, ['submitted', 'accepted', 'assigned', 'in_progress', 'return_requested']),
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

    /**
     * 交办 (or 改交办 when `from` is assigned/in progress): the units and
     * their stored due dates; earlier active assignments are withdrawn.
     */
    async assign(id: number, from: string, list: NewAssignment[], kind: 'assign' | 'reassign', note: string, actor: Actor, now: number) {
      const [first, ...rest] = assignStatements(id, from, list, kind, note, actor, now);
      await db.batch([first, ...rest]);
    },

    /**
     * 交办会: many accepted suggestions to the same units at once. Each
     * chunk of suggestions is one atomic batch; returns how many were done
     * before a chunk was refused (someone changed one of them meanwhile).
     */
    async assignMany(ids: number[], list: NewAssignment[], note: string, actor: Actor, now: number): Promise<number> {
      let done = 0;
      for (let i = 0; i < ids.length; i += BULK_CHUNK) {
        const chunk = ids.slice(i, i + BULK_CHUNK);
        const [first, ...rest] = chunk.map((id) => assignStatements(id, 'accepted', list, 'assign', note, actor, now));
        if (!first) break;
        await db.batch([...first, ...rest.flat()]);
        done += chunk.length;
      }
      return done;
    },

    /** 同意退回: withdraw the units' parts; the suggestion waits for reassignment. */
    async approveReturn(id: number, note: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, ['return_requested']),
        withdrawAll(id, now),
        w.endDeadlines(id, now),
        w.refreshColour(id),
        db.update(suggestions).set({ state: 'accepted', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'approve_return', 'return_requested', 'accepted', note, now),
      ]);
    },

    /** 不同意退回: the unit must handle it (counts as signed for). */
    async refuseReturn(id: number, assignmentId: number, unitId: number, note: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, ['return_requested']),
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
    async extend(
      id: number,
      newDue: string,
      reason: string,
      /** The replying parts whose reply stage starts again with the new due date. */
      reopen: { assignmentId: number; spec: DeadlineSpec }[],
      actor: Actor,
      now: number,
    ) {
      await db.batch([
        w.requireState(id, ['assigned', 'in_progress', 'return_requested', 'rehandling']),
        db
          .update(assignments)
          .set({ replyDue: newDue })
          .where(
            and(
              eq(assignments.tenantId, tenantId),
              eq(assignments.suggestionId, id),
              inArray(assignments.role, ['lead', 'split']),
              inArray(assignments.state, ['assigned', 'in_progress', 'return_requested']),
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

    /** Staff correct a reply's class with a reason. */
    async correctClass(id: number, replyClass: string, reason: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, ['replied', 'tracking', 'rehandling', 'closed']),
        db.update(suggestions).set({ replyClass, updatedAt: now }).where(one(id)),
        w.event(id, actor, 'correct_class', null, null, `${replyClass} · ${reason}`, now),
      ]);
    },

    /** 办结 by staff. */
    async close(id: number, from: string, note: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, [from]),
        db.update(suggestions).set({ state: 'closed', closedAt: now, updatedAt: now }).where(one(id)),
        w.endDeadlines(id, now),
        w.refreshColour(id),
        w.event(id, actor, 'close', from, 'closed', note, now),
      ]);
    },

    /** 签收: the unit's part starts; the suggestion is in progress once a replying unit signs. */
    async signFor(id: number, assignmentId: number, role: AssignmentRole, actor: Actor, now: number) {
      const moves = role !== 'assist';
      await db.batch([
        precondition(db, sql`exists (select 1 from ${assignments} where ${assignmentOf(assignmentId)} and ${assignments.state} = 'assigned')`),
        db.update(assignments).set({ state: 'in_progress', signedAt: now }).where(assignmentOf(assignmentId)),
        w.endDeadlines(id, now, { stages: ['sign_for'], assignmentId }),
        w.refreshColour(id),
        ...(moves
          ? [
              db
                .update(suggestions)
                .set({ state: 'in_progress', updatedAt: now })
                .where(and(one(id), eq(suggestions.state, 'assigned'))),
            ]
          : []),
        w.event(id, actor, 'sign_for', null, null, null, now),
      ]);
    },

    /** 申请退回 by a replying unit, inside its window. */
    async requestReturn(id: number, from: string, assignmentId: number, reason: string, actor: Actor, now: number) {
      await db.batch([
        w.requireState(id, [from]),
        precondition(
          db,
          sql`exists (select 1 from ${assignments} where ${assignmentOf(assignmentId)} and ${assignments.state} in ('assigned', 'in_progress'))`,
        ),
        db.update(assignments).set({ state: 'return_requested', returnReason: reason }).where(assignmentOf(assignmentId)),
        w.endDeadlines(id, now, { stages: ['sign_for'], assignmentId }),
        w.refreshColour(id),
        db.update(suggestions).set({ state: 'return_requested', updatedAt: now }).where(one(id)),
        w.event(id, actor, 'request_return', from, 'return_requested', reason, now),
        w.notifyRoles(['staff'], id, 'return_requested', reason, now),
      ]);
    },

    /** 协办意见: an assisting unit's written opinion to the lead unit. */
    async submitOpinion(id: number, assignmentId: number, unitId: number, leadUnitIds: number[], body: string, actor: Actor, now: number) {
      await db.batch([
        precondition(
          db,
          sql`exists (select 1 from ${assignments} where ${assignmentOf(assignmentId)} and ${assignments.role} = 'assist' and ${assignments.state} in ('assigned', 'in_progress'))`,
        ),
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
    async recordContact(
      id: number,
      unitId: number,
      c: { contactedOn: string; who: string; how: string; note: string | null },
      eventNote: string,
      actor: Actor,
      now: number,
    ) {
      await db.batch([
        w.requireState(id, ['assigned', 'in_progress', 'rehandling', 'replied', 'tracking']),
        db.insert(contacts).values({ tenantId, suggestionId: id, unitId, ...c, createdByUserId: actor.userId, createdAt: now }),
        w.event(id, actor, 'contact', null, null, eventNote, now),
      ]);
    },

    /**
     * 答复. The suggestion becomes replied when no replying unit still owes
     * one (split handling waits for every unit) — decided inside the batch,
     * so two units replying at once cannot both miss it.
     */
    async reply(
      id: number,
      from: 'in_progress' | 'rehandling',
      round: number,
      assignmentId: number,
      unitId: number,
      r: { body: string; signer: string; replyClass: string; promisedDate: string | null },
      evaluation: DeadlineSpec,
      files: StoredFile[],
      /** Timeline notes: for this unit's reply, and for the suggestion becoming replied. */
      notes: { reply: string; replied: string },
      actor: Actor,
      now: number,
    ) {
      const replyId = sql`(select ${replies.id} from ${replies} where ${replies.tenantId} = ${tenantId}
        and ${replies.assignmentId} = ${assignmentId} and ${replies.round} = ${round} and ${replies.kind} = 'reply')`;
      const noneOwed = sql`not exists (select 1 from ${assignments} where ${assignments.tenantId} = ${tenantId}
        and ${assignments.suggestionId} = ${id} and ${assignments.role} in ('lead', 'split')
        and ${assignments.state} in ('assigned', 'in_progress', 'return_requested'))`;
      const nowReplied = sql`exists (select 1 from ${suggestions} where ${one(id)} and ${suggestions.state} = 'replied' and ${suggestions.updatedAt} = ${now})`;
      await db.batch([
        w.requireState(id, [from]),
        precondition(
          db,
          sql`exists (select 1 from ${assignments} where ${assignmentOf(assignmentId)} and ${assignments.role} in ('lead', 'split') and ${assignments.state} = 'in_progress')`,
        ),
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

    /**
     * 满意度测评 by the lead deputy for the current round. 不满意 on the
     * result opens the next round (rehandling) for the replying units.
     */
    async rate(
      id: number,
      round: number,
      leadDeputyId: number,
      r: { attitude: RatingValue; result: RatingValue; comment: string | null },
      to: 'closed' | 'tracking' | 'rehandling',
      rehandlingDue: string | null,
      /** Stages the rating opens: rehandling per replying unit, or the B-class promise. */
      opens: { assignmentId: number | null; spec: DeadlineSpec }[],
      writeId: string,
      actor: Actor,
      now: number,
    ) {
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
                    inArray(assignments.role, ['lead', 'split']),
                    eq(assignments.state, 'replied'),
                  ),
                ),
              w.notifyUnits(await replyingUnitIds(id), id, 'rehandling', rehandlingDue ?? '', now),
            ]
          : [];
      await db.batch([
        w.requireState(id, ['replied']),
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

    /** Progress on a tracked promise (B-class), or the final reply that closes it. */
    async trackingUpdate(
      id: number,
      assignmentId: number,
      unitId: number,
      kind: 'progress' | 'final',
      round: number,
      body: string,
      actor: Actor,
      now: number,
    ) {
      await db.batch([
        w.requireState(id, ['tracking']),
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
        w.event(
          id,
          actor,
          kind === 'final' ? 'final_reply' : 'progress',
          kind === 'final' ? 'tracking' : null,
          kind === 'final' ? 'closed' : null,
          null,
          now,
        ),
        w.notifyDeputies(id, kind === 'final' ? 'final_reply' : 'progress', '', now),
      ]);
    },

    replyingUnitIds,
  };
}

export type Handling = ReturnType<typeof handling>;

/**
 * What receptionRepo writes: scheduling, changing and cancelling a
 * reception, logging a voter's issue and how it ends. Every write goes with
 * its audit entry in one batch, guarded by a precondition where the row's
 * state matters.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../client';
import { isPreconditionFailure as isPrecondition, precondition } from '../../guard';
import { auditRepo, type AuditActor } from '../audit';
import { receptionDeputies, receptions, voterIssues } from '../../schema';
import type { IsoDate } from '../../../worker/rules/calendar';
import type { IssueOutcome } from '../../../worker/rules/receptions';
import type { IssueInput, ReceptionInput } from './types';

type Statement = BatchItem<'sqlite'>;

function isKeyViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed|PRIMARY KEY/i.test(`${err.message} ${String(err.cause ?? '')}`);
}
export function receptionWrites(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const inTenant = eq(receptions.tenantId, tenantId);

  /**
   * Runs `build(id)` in one batch with the id the new row will take (max + 1,
   * so the audit entry and child rows name it); if another writer took that
   * id first, the primary key refuses the batch and it is tried again.
   */
  async function insertWithNewId(table: typeof receptions | typeof voterIssues, build: (id: number) => Statement[]): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const row = await db
        .select({ n: sql<number>`coalesce(max(${table.id}), 0)` })
        .from(table)
        .get();
      const id = (row?.n ?? 0) + 1;
      try {
        await db.batch(build(id) as [Statement, ...Statement[]]);
        return id;
      } catch (err) {
        if (!isKeyViolation(err) || attempt >= 4) throw err;
      }
    }
  }

  const deputyRows = (receptionId: number, ids: number[]) =>
    ids.length ? [db.insert(receptionDeputies).values(ids.map((deputyId) => ({ tenantId, receptionId, deputyId })))] : [];

  /** Fails the batch unless the reception exists here, is not cancelled and its day has not begun. */
  const stillEditable = (id: number, today: IsoDate) =>
    precondition(
      db,
      sql`exists (select 1 from ${receptions} where ${receptions.tenantId} = ${tenantId} and ${receptions.id} = ${id}
      and ${receptions.cancelledAt} is null and ${receptions.date} > ${today})`,
    );

  /** Fails the batch unless the issue is (still) at one of `outcomes` and not closed. */
  const issueStillAt = (id: number, outcomes: readonly IssueOutcome[]) =>
    precondition(
      db,
      sql`exists (select 1 from ${voterIssues} where ${voterIssues.tenantId} = ${tenantId} and ${voterIssues.id} = ${id}
      and ${voterIssues.outcome} in ${outcomes} and ${voterIssues.closedAt} is null)`,
    );

  async function guarded(statements: Statement[]): Promise<boolean> {
    try {
      await db.batch(statements as [Statement, ...Statement[]]);
      return true;
    } catch (err) {
      if (isPrecondition(err)) return false;
      throw err;
    }
  }

  return {
    /** 安排接待: the reception, its deputies and the audit entry, in one batch. */
    schedule(input: ReceptionInput, actor: AuditActor & { userId: number }, now: number): Promise<number> {
      return insertWithNewId(receptions, (id) => [
        db.insert(receptions).values({
          id,
          tenantId,
          stationId: input.stationId,
          date: input.date,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          place: input.place,
          note: input.note,
          createdByUserId: actor.userId,
          createdAt: now,
        }),
        ...deputyRows(id, input.deputyIds),
        audit.entry(
          {
            actor,
            action: 'reception.schedule',
            targetType: 'reception',
            targetId: id,
            targetLabel: `${input.date} ${input.place}`,
            details: { after: input },
          },
          now,
        ),
      ]);
    },

    /** Changes a reception before its day; false if it was cancelled or its day came meanwhile. */
    async update(id: number, input: ReceptionInput, before: ReceptionInput, actor: AuditActor, today: IsoDate, now: number): Promise<boolean> {
      try {
        await db.batch([
          stillEditable(id, today),
          db
            .update(receptions)
            .set({
              stationId: input.stationId,
              date: input.date,
              startsAt: input.startsAt,
              endsAt: input.endsAt,
              place: input.place,
              note: input.note,
            })
            .where(and(inTenant, eq(receptions.id, id))),
          db.delete(receptionDeputies).where(and(eq(receptionDeputies.tenantId, tenantId), eq(receptionDeputies.receptionId, id))),
          ...deputyRows(id, input.deputyIds),
          audit.entry(
            {
              actor,
              action: 'reception.update',
              targetType: 'reception',
              targetId: id,
              targetLabel: `${input.date} ${input.place}`,
              details: { before, after: input },
            },
            now,
          ),
        ]);
        return true;
      } catch (err) {
        if (isPrecondition(err)) return false;
        throw err;
      }
    },

    /** Cancels a reception before its day; false if that is no longer possible. */
    async cancel(id: number, label: string, actor: AuditActor, today: IsoDate, now: number): Promise<boolean> {
      try {
        await db.batch([
          stillEditable(id, today),
          db
            .update(receptions)
            .set({ cancelledAt: now })
            .where(and(inTenant, eq(receptions.id, id))),
          audit.entry({ actor, action: 'reception.cancel', targetType: 'reception', targetId: id, targetLabel: label }, now),
        ]);
        return true;
      } catch (err) {
        if (isPrecondition(err)) return false;
        throw err;
      }
    },

    /** 收集问题: logs a voter's issue at a held reception (its station copied from it); null if the reception is not (or no longer) held. */
    async logIssue(
      receptionId: number,
      stationId: number,
      input: IssueInput,
      actor: AuditActor & { userId: number },
      today: IsoDate,
      now: number,
    ): Promise<number | null> {
      return insertWithNewId(voterIssues, (id) => [
        precondition(
          db,
          sql`exists (select 1 from ${receptions} where ${receptions.tenantId} = ${tenantId} and ${receptions.id} = ${receptionId}
          and ${receptions.cancelledAt} is null and ${receptions.date} <= ${today})`,
        ),
        db.insert(voterIssues).values({
          id,
          tenantId,
          receptionId,
          stationId,
          voterName: input.voterName,
          voterContact: input.voterContact,
          content: input.content,
          categoryId: input.categoryId,
          measure: input.measure,
          outcome: 'open',
          loggedByUserId: actor.userId,
          createdAt: now,
        }),
        // The voter's name and contact stay out of the log: the issue's id says which.
        audit.entry({ actor, action: 'voter_issue.log', targetType: 'voter_issue', targetId: id, targetLabel: input.content.slice(0, 40) }, now),
      ]).catch((err: unknown) => {
        if (isPrecondition(err)) return null;
        throw err;
      });
    },

    /** 当场答复. False if the issue has moved on meanwhile. */
    answer(id: number, answer: string, actor: AuditActor, now: number): Promise<boolean> {
      return guarded([
        issueStillAt(id, ['open']),
        db
          .update(voterIssues)
          .set({ outcome: 'answered', outcomeNote: answer })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        audit.entry({ actor, action: 'voter_issue.answer', targetType: 'voter_issue', targetId: id }, now),
      ]);
    },

    /** 交乡镇限时办理. */
    handOver(id: number, handedTo: string, dueDate: IsoDate, note: string | null, actor: AuditActor, now: number): Promise<boolean> {
      return guarded([
        issueStillAt(id, ['open']),
        db
          .update(voterIssues)
          .set({ outcome: 'handed_over', handedTo, dueDate, outcomeNote: note })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        audit.entry({ actor, action: 'voter_issue.hand_over', targetType: 'voter_issue', targetId: id, details: { handedTo, dueDate } }, now),
      ]);
    },

    /** The voter's feedback; the issue closes. */
    feedback(id: number, feedback: string, actor: AuditActor, now: number): Promise<boolean> {
      return guarded([
        issueStillAt(id, ['answered', 'suggestion', 'handed_over']),
        db
          .update(voterIssues)
          .set({ feedback, feedbackAt: now, closedAt: now })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, id))),
        audit.entry({ actor, action: 'voter_issue.feedback', targetType: 'voter_issue', targetId: id }, now),
      ]);
    },

    /**
     * 转为代表建议: the statements that link an issue to the suggestion being
     * created (`idOfNew`, its id as SQL), for the suggestion's own batch —
     * refused (precondition) unless the issue is still open.
     */
    linkToNewSuggestion(issueId: number, idOfNew: SQL, actor: AuditActor, now: number): Statement[] {
      return [
        issueStillAt(issueId, ['open']),
        db
          .update(voterIssues)
          .set({ outcome: 'suggestion', suggestionId: sql`${idOfNew}` })
          .where(and(eq(voterIssues.tenantId, tenantId), eq(voterIssues.id, issueId))),
        audit.entry({ actor, action: 'voter_issue.to_suggestion', targetType: 'voter_issue', targetId: issueId }, now),
      ];
    },
  };
}

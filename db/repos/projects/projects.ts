/**
 * 民生实事 projects of one tenant: the lists, one project with its progress
 * and satisfaction, and the writes from 征集 to 满意度测评 (propose,
 * moderate, shortlist, plan, progress, rate).
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../client';
import { isPreconditionFailure, precondition } from '../../guard';
import { ballotCandidates, deputies, handlingUnits, projects, projectSatisfaction, projectUpdates, users } from '../../schema';
import { auditRepo, type AuditActor } from '../audit';
import type { ProgressColour, ProposerKind, SatisfactionRating } from '../../../worker/rules/projects';
import { projectSql, run, type WriteResult } from './shared';

export interface NewProject {
  year: number;
  title: string;
  description: string;
  budgetYuan: number | null;
  unitId: number | null;
  proposerKind: ProposerKind;
  proposerName: string | null;
  proposerContact: string | null;
  proposerUserId: number | null;
  status: 'pending' | 'candidate';
}

export function projectQueries(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const { inTenant, eligibleDeputy, activeUnit, projectIn, selectProjects } = projectSql(db, tenantId);

  return {
    /** A year's projects, every status, newest first within status order. */
    list(year: number) {
      return selectProjects()
        .where(and(inTenant, eq(projects.year, year)))
        .orderBy(asc(projects.status), desc(projects.id));
    },

    /** The chosen projects a unit carries out (any year). */
    listForUnit(unitId: number) {
      return selectProjects()
        .where(and(inTenant, eq(projects.unitId, unitId), eq(projects.status, 'chosen')))
        .orderBy(desc(projects.year), asc(projects.id));
    },

    /** Projects a deputy may see in a year: those put to the vote and the ones they proposed. */
    listForDeputy(year: number, userId: number) {
      return selectProjects()
        .where(
          and(
            inTenant,
            eq(projects.year, year),
            sql`(${projects.status} in ('shortlisted', 'chosen', 'not_chosen') or ${projects.proposerUserId} = ${userId})`,
          ),
        )
        .orderBy(asc(projects.status), desc(projects.id));
    },

    get(id: number) {
      return selectProjects()
        .where(and(inTenant, eq(projects.id, id)))
        .get();
    },

    /** A project's progress reports and satisfaction totals; the deputy's own rating if given. */
    async details(id: number, deputyId: number | null) {
      const [updates, totals, mine] = await db.batch([
        db
          .select({ percent: projectUpdates.percent, note: projectUpdates.note, createdAt: projectUpdates.createdAt, userName: users.displayName })
          .from(projectUpdates)
          .innerJoin(users, eq(users.id, projectUpdates.userId))
          .where(and(eq(projectUpdates.tenantId, tenantId), eq(projectUpdates.projectId, id)))
          .orderBy(desc(projectUpdates.createdAt), desc(projectUpdates.id)),
        db
          .select({ rating: projectSatisfaction.rating, n: sql<number>`count(*)` })
          .from(projectSatisfaction)
          .where(and(eq(projectSatisfaction.tenantId, tenantId), eq(projectSatisfaction.projectId, id)))
          .groupBy(projectSatisfaction.rating),
        db
          .select({ rating: projectSatisfaction.rating })
          .from(projectSatisfaction)
          .where(
            and(eq(projectSatisfaction.tenantId, tenantId), eq(projectSatisfaction.projectId, id), eq(projectSatisfaction.deputyId, deputyId ?? 0)),
          ),
      ]);
      return {
        updates,
        totals: Object.fromEntries(totals.map((t) => [t.rating, t.n])) as Partial<Record<SatisfactionRating, number>>,
        myRating: mine[0]?.rating ?? null,
      };
    },

    /** The tenant's handling units in use, for the responsible-unit picker. */
    units() {
      return db
        .select({ id: handlingUnits.id, name: handlingUnits.name })
        .from(handlingUnits)
        .where(and(eq(handlingUnits.tenantId, tenantId), isNull(handlingUnits.retiredAt)))
        .orderBy(asc(handlingUnits.id));
    },

    /** 征集: a new candidate (or a pending public proposal), with its audit entry. */
    async propose(p: NewProject, actor: AuditActor, now: number): Promise<{ result: WriteResult; id?: number }> {
      const statements: BatchItem<'sqlite'>[] = [];
      if (p.unitId !== null) statements.push(precondition(db, activeUnit(p.unitId)));
      statements.push(
        db
          .insert(projects)
          .values({ tenantId, ...p, createdAt: now, updatedAt: now })
          .returning({ id: projects.id }),
      );
      statements.push(
        audit.entry(
          { actor, action: 'project.propose', targetType: 'project', targetLabel: p.title, details: { proposerKind: p.proposerKind } },
          now,
        ),
      );
      const [first, ...rest] = statements;
      try {
        const results = (await db.batch([first!, ...rest])) as unknown[];
        const inserted = results[p.unitId !== null ? 1 : 0] as { id: number }[];
        return { result: 'ok', id: inserted[0]?.id };
      } catch (err) {
        if (isPreconditionFailure(err)) return { result: 'conflict' };
        throw err;
      }
    },

    /** 审核: a pending public proposal becomes a candidate (with its responsible unit) or is rejected. */
    moderate(id: number, decision: 'accept' | 'reject', unitId: number | null, actor: AuditActor, now: number) {
      const statements: BatchItem<'sqlite'>[] = [precondition(db, projectIn(id, ['pending']))];
      if (unitId !== null) statements.push(precondition(db, activeUnit(unitId)));
      statements.push(
        db
          .update(projects)
          .set({ status: decision === 'accept' ? 'candidate' : 'rejected', ...(unitId !== null ? { unitId } : {}), updatedAt: now })
          .where(and(inTenant, eq(projects.id, id))),
        audit.entry({ actor, action: 'project.moderate', targetType: 'project', targetId: id, details: { decision, unitId } }, now),
      );
      return run(db, statements);
    },

    /** 确定候选: a candidate goes on the shortlist, or comes off it (only while on no ballot). */
    shortlist(id: number, add: boolean, actor: AuditActor, now: number) {
      const notOnBallot = sql`not exists (select 1 from ${ballotCandidates} where ${ballotCandidates.tenantId} = ${tenantId} and ${ballotCandidates.projectId} = ${id})`;
      return run(db, [
        precondition(db, projectIn(id, [add ? 'candidate' : 'shortlisted'])),
        precondition(db, notOnBallot),
        db
          .update(projects)
          .set({ status: add ? 'shortlisted' : 'candidate', updatedAt: now })
          .where(and(inTenant, eq(projects.id, id))),
        audit.entry({ actor, action: 'project.shortlist', targetType: 'project', targetId: id, details: { add } }, now),
      ]);
    },

    /** 实施计划: the responsible unit and the planned finish of a project not rejected. */
    plan(id: number, unitId: number, plannedFinish: string | null, colour: ProgressColour, actor: AuditActor, now: number) {
      return run(db, [
        precondition(db, projectIn(id, ['candidate', 'shortlisted', 'chosen', 'not_chosen'])),
        precondition(db, activeUnit(unitId)),
        db
          .update(projects)
          .set({ unitId, plannedFinish, colour, updatedAt: now })
          .where(and(inTenant, eq(projects.id, id))),
        audit.entry({ actor, action: 'project.plan', targetType: 'project', targetId: id, details: { unitId, plannedFinish } }, now),
      ]);
    },

    /** 进度: a report by the responsible unit's clerk, never below the last percent. */
    progress(id: number, unitId: number, percent: number, note: string, colour: ProgressColour, actor: AuditActor & { userId: number }, now: number) {
      const allowed = sql`exists (select 1 from ${projects} where ${projects.tenantId} = ${tenantId} and ${projects.id} = ${id}
        and ${projects.status} = 'chosen' and ${projects.unitId} = ${unitId} and ${projects.progressPercent} <= ${percent})`;
      return run(db, [
        precondition(db, allowed),
        db.insert(projectUpdates).values({ tenantId, projectId: id, percent, note, userId: actor.userId, createdAt: now }),
        db
          .update(projects)
          .set({ progressPercent: percent, colour, updatedAt: now })
          .where(and(inTenant, eq(projects.id, id))),
        audit.entry({ actor, action: 'project.progress', targetType: 'project', targetId: id, details: { percent } }, now),
      ]);
    },

    /** 满意度测评: one rating per eligible deputy per chosen project. */
    rate(id: number, deputyId: number, rating: SatisfactionRating, now: number) {
      return run(db, [
        precondition(db, projectIn(id, ['chosen'])),
        precondition(db, eligibleDeputy(deputyId)),
        db.insert(projectSatisfaction).values({ tenantId, projectId: id, deputyId, rating, createdAt: now }),
      ]);
    },

    /** Is this deputy one who votes (see worker/rules/projects.ts)? */
    async isEligible(deputyId: number | null): Promise<boolean> {
      if (deputyId === null) return false;
      const row = await db
        .select({ id: deputies.id })
        .from(deputies)
        .where(and(eq(deputies.tenantId, tenantId), eq(deputies.id, deputyId), eligibleDeputy(deputyId)))
        .get();
      return Boolean(row);
    },
  };
}

/**
 * 民生实事项目票决制: candidate projects, ballots, progress and satisfaction
 * of one tenant. Every write is one batch with its preconditions (the state
 * it expects, the unit and projects being this tenant's) and its audit entry.
 *
 * The secret ballot lives here: a vote is ONE batch that records THAT the
 * deputy voted (`ballot_voters`, primary key (ballot, deputy), no time) and
 * adds one to the tally of each chosen candidate (`ballot_candidates.votes`).
 * No row anywhere joins a deputy to a choice; a second vote breaks the
 * primary key and the whole batch, tally included, is rolled back.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../client';
import { isPreconditionFailure, precondition, rawStatement } from '../guard';
import {
  ballotCandidates,
  ballots,
  ballotVoters,
  deputies,
  handlingUnits,
  projects,
  projectSatisfaction,
  projectUpdates,
  users,
} from '../schema';
import { auditRepo, type AuditActor } from './audit';
import { VOTING_LEVEL, type ProgressColour, type ProjectStatus, type SatisfactionRating } from '../../worker/rules/projects';

export type WriteResult = 'ok' | 'conflict' | 'duplicate';

export interface NewProject {
  year: number;
  title: string;
  description: string;
  budgetYuan: number | null;
  unitId: number | null;
  proposerKind: 'staff' | 'deputy' | 'public';
  proposerName: string | null;
  proposerContact: string | null;
  proposerUserId: number | null;
  status: 'pending' | 'candidate';
}

export interface NewBallot {
  year: number;
  title: string;
  places: number;
  opensAt: number;
  closesAt: number;
  projectIds: number[];
}

function isUniqueViolation(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(text);
}

/** Runs a batch; a failed precondition is 'conflict', a broken unique key 'duplicate'. */
async function run(db: Database, statements: BatchItem<'sqlite'>[]): Promise<WriteResult> {
  const [first, ...rest] = statements;
  if (!first) return 'ok';
  try {
    await db.batch([first, ...rest]);
    return 'ok';
  } catch (err) {
    if (isPreconditionFailure(err)) return 'conflict';
    if (isUniqueViolation(err)) return 'duplicate';
    throw err;
  }
}

export function projectRepo(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const inTenant = eq(projects.tenantId, tenantId);

  /** The deputy may vote: serving, of the county's own congress, with a deputy account in use. */
  const eligibleDeputy = (deputyId: SQL | number) => sql`exists (
    select 1 from ${deputies} d where d.tenant_id = ${tenantId} and d.id = ${deputyId}
      and d.level = ${VOTING_LEVEL} and d.retired_at is null
      and exists (select 1 from ${users} u where u.tenant_id = ${tenantId} and u.deputy_id = d.id and u.role = 'deputy' and u.disabled_at is null))`;
  const activeUnit = (unitId: number) =>
    sql`exists (select 1 from ${handlingUnits} where ${handlingUnits.tenantId} = ${tenantId} and ${handlingUnits.id} = ${unitId} and ${handlingUnits.retiredAt} is null)`;
  const projectIn = (id: number, statuses: readonly ProjectStatus[]) =>
    sql`exists (select 1 from ${projects} where ${projects.tenantId} = ${tenantId} and ${projects.id} = ${id} and ${projects.status} in ${statuses})`;
  /** When the ballot that decided a project closed (its plan starts there). */
  const ballotClosedAt = sql<number | null>`(select max(b.closed_at) from ${ballotCandidates} bc join ${ballots} b on b.id = bc.ballot_id
    where bc.tenant_id = ${tenantId} and bc.project_id = ${projects.id} and b.status = 'closed')`.as('ballot_closed_at');

  const projectColumns = {
    id: projects.id,
    year: projects.year,
    title: projects.title,
    description: projects.description,
    budgetYuan: projects.budgetYuan,
    unitId: projects.unitId,
    unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
    proposerKind: projects.proposerKind,
    proposerName: projects.proposerName,
    proposerContact: projects.proposerContact,
    proposerUserId: projects.proposerUserId,
    status: projects.status,
    plannedFinish: projects.plannedFinish,
    progressPercent: projects.progressPercent,
    colour: projects.colour,
    createdAt: projects.createdAt,
    updatedAt: projects.updatedAt,
    ballotClosedAt,
  };
  const selectProjects = () =>
    db
      .select(projectColumns)
      .from(projects)
      .leftJoin(handlingUnits, and(eq(handlingUnits.tenantId, tenantId), eq(handlingUnits.id, projects.unitId)));

  const eligibleCount = () =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(deputies)
      .where(
        and(
          eq(deputies.tenantId, tenantId),
          eq(deputies.level, VOTING_LEVEL),
          isNull(deputies.retiredAt),
          sql`exists (select 1 from ${users} u where u.tenant_id = ${tenantId} and u.deputy_id = ${deputies.id} and u.role = 'deputy' and u.disabled_at is null)`,
        ),
      );

  return {
    /** A year's projects, every status, newest first within status order. */
    list(year: number) {
      return selectProjects().where(and(inTenant, eq(projects.year, year))).orderBy(asc(projects.status), desc(projects.id));
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
      return selectProjects().where(and(inTenant, eq(projects.id, id))).get();
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
          .where(and(eq(projectSatisfaction.tenantId, tenantId), eq(projectSatisfaction.projectId, id), eq(projectSatisfaction.deputyId, deputyId ?? 0))),
      ]);
      return { updates, totals: Object.fromEntries(totals.map((t) => [t.rating, t.n])) as Partial<Record<SatisfactionRating, number>>, myRating: mine[0]?.rating ?? null };
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
      statements.push(audit.entry({ actor, action: 'project.propose', targetType: 'project', targetLabel: p.title, details: { proposerKind: p.proposerKind } }, now));
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

    // ——— Ballots ———

    listBallots(year: number) {
      return db
        .select()
        .from(ballots)
        .where(and(eq(ballots.tenantId, tenantId), eq(ballots.year, year)))
        .orderBy(desc(ballots.id));
    },

    /** Shortlisted projects of a year that are on no ballot still open: what a new ballot may list. */
    ballotable(year: number) {
      return db
        .select({ id: projects.id, title: projects.title })
        .from(projects)
        .where(
          and(
            inTenant,
            eq(projects.year, year),
            eq(projects.status, 'shortlisted'),
            sql`not exists (select 1 from ${ballotCandidates} bc join ${ballots} b on b.id = bc.ballot_id
              where bc.tenant_id = ${tenantId} and bc.project_id = ${projects.id} and b.status <> 'closed')`,
          ),
        )
        .orderBy(asc(projects.id));
    },

    /** One ballot with its candidates (tallies), how many voted, how many may vote, and whether this deputy voted. */
    async ballot(id: number, deputyId: number | null) {
      const [rows, candidates, voters, eligible, mine] = await db.batch([
        db.select().from(ballots).where(and(eq(ballots.tenantId, tenantId), eq(ballots.id, id))),
        db
          .select({ projectId: ballotCandidates.projectId, votes: ballotCandidates.votes, title: projects.title, status: projects.status, unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'), budgetYuan: projects.budgetYuan })
          .from(ballotCandidates)
          .innerJoin(projects, and(eq(projects.tenantId, tenantId), eq(projects.id, ballotCandidates.projectId)))
          .leftJoin(handlingUnits, and(eq(handlingUnits.tenantId, tenantId), eq(handlingUnits.id, projects.unitId)))
          .where(and(eq(ballotCandidates.tenantId, tenantId), eq(ballotCandidates.ballotId, id)))
          .orderBy(asc(projects.id)),
        db
          .select({ n: sql<number>`count(*)` })
          .from(ballotVoters)
          .where(and(eq(ballotVoters.tenantId, tenantId), eq(ballotVoters.ballotId, id))),
        eligibleCount(),
        db
          .select({ n: sql<number>`count(*)` })
          .from(ballotVoters)
          .where(and(eq(ballotVoters.tenantId, tenantId), eq(ballotVoters.ballotId, id), eq(ballotVoters.deputyId, deputyId ?? 0))),
      ]);
      const ballot = rows[0];
      if (!ballot) return undefined;
      return { ballot, candidates, voters: voters[0]?.n ?? 0, eligible: eligible[0]?.n ?? 0, voted: (mine[0]?.n ?? 0) > 0 };
    },

    /**
     * 发起票决: the ballot and its candidates in one batch. Every candidate
     * must be a shortlisted project of the year on no other open ballot.
     */
    async createBallot(b: NewBallot, actor: AuditActor & { userId: number }, now: number): Promise<{ result: WriteResult; id?: number }> {
      const ids = b.projectIds;
      const allShortlisted = sql`(select count(*) from ${projects} p where p.tenant_id = ${tenantId} and p.year = ${b.year}
        and p.status = 'shortlisted' and p.id in ${ids}
        and not exists (select 1 from ${ballotCandidates} bc join ${ballots} x on x.id = bc.ballot_id
          where bc.tenant_id = ${tenantId} and bc.project_id = p.id and x.status <> 'closed')) = ${ids.length}`;
      try {
        const results = (await db.batch([
          precondition(db, allShortlisted),
          db
            .insert(ballots)
            .values({ tenantId, year: b.year, title: b.title, places: b.places, status: 'open', opensAt: b.opensAt, closesAt: b.closesAt, createdByUserId: actor.userId, createdAt: now })
            .returning({ id: ballots.id }),
          // The batch runs alone on the database, so the tenant's newest ballot is the one just inserted.
          rawStatement(db, sql`insert into ${ballotCandidates} (tenant_id, ballot_id, project_id, votes)
            select ${tenantId}, (select max(id) from ${ballots} where tenant_id = ${tenantId}), p.id, 0
            from ${projects} p where p.tenant_id = ${tenantId} and p.id in ${ids}`),
          audit.entry({ actor, action: 'ballot.create', targetType: 'ballot', targetLabel: b.title, details: { places: b.places, projectIds: ids, opensAt: b.opensAt, closesAt: b.closesAt } }, now),
        ])) as unknown[];
        return { result: 'ok', id: (results[1] as { id: number }[])[0]?.id };
      } catch (err) {
        if (isPreconditionFailure(err)) return { result: 'conflict' };
        throw err;
      }
    },

    /**
     * 投票: THAT the deputy voted, and one more vote for each choice — one
     * batch, nothing linking the two. 'duplicate' when the deputy had
     * already voted (even a split second earlier); 'conflict' when the
     * ballot is not open at `now`, the deputy may not vote, or a choice is
     * not a candidate.
     */
    vote(ballotId: number, deputyId: number, projectIds: number[], now: number) {
      const open = sql`exists (select 1 from ${ballots} where ${ballots.tenantId} = ${tenantId} and ${ballots.id} = ${ballotId}
        and ${ballots.status} = 'open' and ${ballots.opensAt} <= ${now} and ${ballots.closesAt} > ${now} and ${ballots.places} >= ${projectIds.length})`;
      const candidates = sql`(select count(*) from ${ballotCandidates} where ${ballotCandidates.tenantId} = ${tenantId}
        and ${ballotCandidates.ballotId} = ${ballotId} and ${ballotCandidates.projectId} in ${projectIds}) = ${projectIds.length}`;
      return run(db, [
        precondition(db, open),
        precondition(db, eligibleDeputy(deputyId)),
        precondition(db, candidates),
        db.insert(ballotVoters).values({ tenantId, ballotId, deputyId }),
        db
          .update(ballotCandidates)
          .set({ votes: sql`${ballotCandidates.votes} + 1` })
          .where(and(eq(ballotCandidates.tenantId, tenantId), eq(ballotCandidates.ballotId, ballotId), inArray(ballotCandidates.projectId, projectIds))),
      ]);
    },

    /**
     * 计票: the ballot closes and its projects become chosen / not chosen;
     * tied ones stay shortlisted for staff. Refused ('conflict') if the
     * ballot was closed meanwhile or a vote landed after the tallies were read
     * (`totalVotes` no longer matches).
     */
    close(ballotId: number, outcome: { chosen: number[]; notChosen: number[]; tied: number[] }, totalVotes: number, actor: AuditActor, now: number) {
      const unchanged = sql`(select coalesce(sum(${ballotCandidates.votes}), 0) from ${ballotCandidates}
        where ${ballotCandidates.tenantId} = ${tenantId} and ${ballotCandidates.ballotId} = ${ballotId}) = ${totalVotes}`;
      const statements: BatchItem<'sqlite'>[] = [
        precondition(db, sql`exists (select 1 from ${ballots} where ${ballots.tenantId} = ${tenantId} and ${ballots.id} = ${ballotId} and ${ballots.status} = 'open')`),
        precondition(db, unchanged),
        db
          .update(ballots)
          .set({ status: 'closed', closedAt: now })
          .where(and(eq(ballots.tenantId, tenantId), eq(ballots.id, ballotId))),
      ];
      for (const [status, ids] of [['chosen', outcome.chosen], ['not_chosen', outcome.notChosen]] as const) {
        if (ids.length === 0) continue;
        statements.push(
          db
            .update(projects)
            .set({ status, updatedAt: now })
            .where(and(inTenant, eq(projects.status, 'shortlisted'), inArray(projects.id, ids))),
        );
      }
      statements.push(audit.entry({ actor, action: 'ballot.close', targetType: 'ballot', targetId: ballotId, details: outcome }, now));
      return run(db, statements);
    },

    /** 并列: staff pick the places left among the tied projects of a closed ballot; the others are not chosen. */
    resolveTie(ballotId: number, picked: number[], tied: number[], actor: AuditActor, now: number) {
      const stillTied = sql`(select count(*) from ${projects} p join ${ballotCandidates} bc on bc.project_id = p.id and bc.ballot_id = ${ballotId}
        where p.tenant_id = ${tenantId} and p.status = 'shortlisted' and p.id in ${tied}) = ${tied.length}`;
      const closed = sql`exists (select 1 from ${ballots} where ${ballots.tenantId} = ${tenantId} and ${ballots.id} = ${ballotId} and ${ballots.status} = 'closed')`;
      const rest = tied.filter((id) => !picked.includes(id));
      const statements: BatchItem<'sqlite'>[] = [precondition(db, closed), precondition(db, stillTied)];
      if (picked.length) statements.push(db.update(projects).set({ status: 'chosen', updatedAt: now }).where(and(inTenant, inArray(projects.id, picked))));
      if (rest.length) statements.push(db.update(projects).set({ status: 'not_chosen', updatedAt: now }).where(and(inTenant, inArray(projects.id, rest))));
      statements.push(audit.entry({ actor, action: 'ballot.resolve', targetType: 'ballot', targetId: ballotId, details: { picked, notPicked: rest } }, now));
      return run(db, statements);
    },

    /** What the public page shows for a year: chosen projects and the closed ballots' results. */
    async publicYear(year: number) {
      const [chosen, closed, eligible] = await db.batch([
        // Only what the public may read: no proposer, no contact.
        db
          .select({
            id: projects.id,
            year: projects.year,
            title: projects.title,
            description: projects.description,
            budgetYuan: projects.budgetYuan,
            unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
            plannedFinish: projects.plannedFinish,
            progressPercent: projects.progressPercent,
            ballotClosedAt,
          })
          .from(projects)
          .leftJoin(handlingUnits, and(eq(handlingUnits.tenantId, tenantId), eq(handlingUnits.id, projects.unitId)))
          .where(and(inTenant, eq(projects.year, year), eq(projects.status, 'chosen')))
          .orderBy(asc(projects.id)),
        db
          .select()
          .from(ballots)
          .where(and(eq(ballots.tenantId, tenantId), eq(ballots.year, year), eq(ballots.status, 'closed')))
          .orderBy(desc(ballots.closedAt)),
        eligibleCount(),
      ]);
      return { chosen, closed, eligible: eligible[0]?.n ?? 0 };
    },

    /** Open ballots whose closing time has passed (to be counted on first view). */
    /**
     * The 民生实事 page's reads in one round trip: ballots whose time is up
     * (to count), the projects this person sees, the year's ballots, what a
     * new ballot may list, and the units.
     */
    async overview(year: number, who: { seeAll: boolean; unitList: boolean; unitId: number | null; userId: number }, now: number) {
      const rows = who.seeAll ? this.list(year) : who.unitList ? this.listForUnit(who.unitId ?? -1) : this.listForDeputy(year, who.userId);
      const [due, projectRows, ballotRows, ballotableRows, unitRows] = await db.batch([
        this.dueBallots(year, now),
        rows,
        this.listBallots(year),
        this.ballotable(year),
        this.units(),
      ]);
      return { due, rows: projectRows, ballots: ballotRows, ballotable: ballotableRows, units: unitRows };
    },

    dueBallots(year: number, now: number) {
      return db
        .select({ id: ballots.id })
        .from(ballots)
        .where(and(eq(ballots.tenantId, tenantId), eq(ballots.year, year), eq(ballots.status, 'open'), sql`${ballots.closesAt} <= ${now}`));
    },
  };
}

export type ProjectRepo = ReturnType<typeof projectRepo>;
export type ProjectRow = NonNullable<Awaited<ReturnType<ProjectRepo['get']>>>;
export type BallotView = NonNullable<Awaited<ReturnType<ProjectRepo['ballot']>>>;

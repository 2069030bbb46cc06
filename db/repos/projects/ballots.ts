/**
 * 票决 of one tenant: the year's ballots, one ballot with its tallies, and
 * the writes (create, vote, close, resolve a tie).
 *
 * The secret ballot lives here: a vote is ONE batch that records THAT the
 * deputy voted (`ballot_voters`, primary key (ballot, deputy), no time) and
 * adds one to the tally of each chosen candidate (`ballot_candidates.votes`).
 * No row anywhere joins a deputy to a choice; a second vote breaks the
 * primary key and the whole batch, tally included, is rolled back.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../client';
import { isPreconditionFailure, precondition, rawStatement } from '../../guard';
import { ballotCandidates, ballots, ballotVoters, handlingUnits, projects } from '../../schema';
import { auditRepo, type AuditActor } from '../audit';
import { projectSql, run, type WriteResult } from './shared';

export interface NewBallot {
  year: number;
  title: string;
  places: number;
  opensAt: number;
  closesAt: number;
  projectIds: number[];
}

export function ballotQueries(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
  const { inTenant, eligibleDeputy, eligibleCount } = projectSql(db, tenantId);

  return {
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
        db
          .select()
          .from(ballots)
          .where(and(eq(ballots.tenantId, tenantId), eq(ballots.id, id))),
        db
          .select({
            projectId: ballotCandidates.projectId,
            votes: ballotCandidates.votes,
            title: projects.title,
            status: projects.status,
            unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
            budgetYuan: projects.budgetYuan,
          })
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
            .values({
              tenantId,
              year: b.year,
              title: b.title,
              places: b.places,
              status: 'open',
              opensAt: b.opensAt,
              closesAt: b.closesAt,
              createdByUserId: actor.userId,
              createdAt: now,
            })
            .returning({ id: ballots.id }),
          // The batch runs alone on the database, so the tenant's newest ballot is the one just inserted.
          rawStatement(
            db,
            sql`insert into ${ballotCandidates} (tenant_id, ballot_id, project_id, votes)
            select ${tenantId}, (select max(id) from ${ballots} where tenant_id = ${tenantId}), p.id, 0
            from ${projects} p where p.tenant_id = ${tenantId} and p.id in ${ids}`,
          ),
          audit.entry(
            {
              actor,
              action: 'ballot.create',
              targetType: 'ballot',
              targetLabel: b.title,
              details: { places: b.places, projectIds: ids, opensAt: b.opensAt, closesAt: b.closesAt },
            },
            now,
          ),
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
          .where(
            and(eq(ballotCandidates.tenantId, tenantId), eq(ballotCandidates.ballotId, ballotId), inArray(ballotCandidates.projectId, projectIds)),
          ),
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
        precondition(
          db,
          sql`exists (select 1 from ${ballots} where ${ballots.tenantId} = ${tenantId} and ${ballots.id} = ${ballotId} and ${ballots.status} = 'open')`,
        ),
        precondition(db, unchanged),
        db
          .update(ballots)
          .set({ status: 'closed', closedAt: now })
          .where(and(eq(ballots.tenantId, tenantId), eq(ballots.id, ballotId))),
      ];
      for (const [status, ids] of [
        ['chosen', outcome.chosen],
        ['not_chosen', outcome.notChosen],
      ] as const) {
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
      if (picked.length)
        statements.push(
          db
            .update(projects)
            .set({ status: 'chosen', updatedAt: now })
            .where(and(inTenant, inArray(projects.id, picked))),
        );
      if (rest.length)
        statements.push(
          db
            .update(projects)
            .set({ status: 'not_chosen', updatedAt: now })
            .where(and(inTenant, inArray(projects.id, rest))),
        );
      statements.push(
        audit.entry({ actor, action: 'ballot.resolve', targetType: 'ballot', targetId: ballotId, details: { picked, notPicked: rest } }, now),
      );
      return run(db, statements);
    },
    /** Open ballots whose closing time has passed (to be counted on first view). */
    dueBallots(year: number, now: number) {
      return db
        .select({ id: ballots.id })
        .from(ballots)
        .where(and(eq(ballots.tenantId, tenantId), eq(ballots.year, year), eq(ballots.status, 'open'), sql`${ballots.closesAt} <= ${now}`));
    },
  };
}

/**
 * 民生实事项目票决制 of one tenant: candidate projects, ballots, progress and
 * satisfaction. projects.ts holds the projects' reads and writes,
 * ballots.ts the secret ballot, shared.ts the preconditions; this file
 * composes them with the reads that span both (the public page, the
 * overview). Every write is one batch with its preconditions (the state
 * it expects, the unit and projects being this tenant's) and its audit
 * entry.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { ballots, handlingUnits, projects } from '../../schema';
import { ballotQueries } from './ballots';
import { projectQueries } from './projects';
import { projectSql } from './shared';

export type { WriteResult } from './shared';
export type { NewProject } from './projects';
export type { NewBallot } from './ballots';

export function projectRepo(db: Database, tenantId: number) {
  const { inTenant, ballotClosedAt, eligibleCount } = projectSql(db, tenantId);
  const projectPart = projectQueries(db, tenantId);
  const ballotPart = ballotQueries(db, tenantId);

  return {
    ...projectPart,
    ...ballotPart,

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

    /**
     * The 民生实事 page's reads in one round trip: ballots whose time is up
     * (to count), the projects this person sees, the year's ballots, what a
     * new ballot may list, and the units.
     */
    async overview(year: number, who: { seeAll: boolean; unitList: boolean; unitId: number | null; userId: number }, now: number) {
      const rows = who.seeAll
        ? projectPart.list(year)
        : who.unitList
          ? projectPart.listForUnit(who.unitId ?? -1)
          : projectPart.listForDeputy(year, who.userId);
      const [due, projectRows, ballotRows, ballotableRows, unitRows] = await db.batch([
        ballotPart.dueBallots(year, now),
        rows,
        ballotPart.listBallots(year),
        ballotPart.ballotable(year),
        projectPart.units(),
      ]);
      return { due, rows: projectRows, ballots: ballotRows, ballotable: ballotableRows, units: unitRows };
    },
  };
}

export type ProjectRepo = ReturnType<typeof projectRepo>;
export type ProjectRow = NonNullable<Awaited<ReturnType<ProjectRepo['get']>>>;
export type BallotView = NonNullable<Awaited<ReturnType<ProjectRepo['ballot']>>>;

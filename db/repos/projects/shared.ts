/**
 * What the project and ballot queries share: the batch runner that turns a
 * failed precondition or a broken key into a result, the preconditions on
 * this tenant's units, projects and voting deputies, and the project
 * columns.
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../client';
import { isPreconditionFailure } from '../../guard';
import { ballotCandidates, ballots, deputies, handlingUnits, projects, users } from '../../schema';
import { VOTING_LEVEL, type ProjectStatus } from '../../../worker/rules/projects';

export type WriteResult = 'ok' | 'conflict' | 'duplicate';

function isUniqueViolation(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(text);
}

/** Runs a batch; a failed precondition is 'conflict', a broken unique key 'duplicate'. */
export async function run(db: Database, statements: BatchItem<'sqlite'>[]): Promise<WriteResult> {
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

/** One tenant's preconditions and project reads, shared by projects.ts, ballots.ts and the repo. */
export function projectSql(db: Database, tenantId: number) {
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
  return { inTenant, eligibleDeputy, activeUnit, projectIn, ballotClosedAt, selectProjects, eligibleCount };
}

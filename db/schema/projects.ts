/** 民生实事: projects, their progress, ballots (票决) and the year-end satisfaction vote. */
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenantRef, tenantOwned, userRef, deputyRef, createdAt, ref, authored } from './columns';
import { users } from './accounts';
import { handlingUnits } from './directory';
import type { ProgressColour, ProjectStatus, ProposerKind, SatisfactionRating } from '../../worker/rules/projects';

/** 民生实事项目: a candidate, then (if voted in) a project under way. */
export const projects = sqliteTable(
  'projects',
  {
    ...tenantOwned(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Budget in yuan. */
    budgetYuan: integer('budget_yuan'),
    unitId: integer('unit_id').references(() => handlingUnits.id),
    /** staff | deputy | public */
    proposerKind: text('proposer_kind').$type<ProposerKind>().notNull(),
    proposerName: text('proposer_name'),
    proposerContact: text('proposer_contact'),
    proposerUserId: integer('proposer_user_id').references(() => users.id),
    /** pending (public, awaiting moderation) | candidate | rejected | shortlisted | chosen | not_chosen */
    status: text('status').$type<ProjectStatus>().notNull(),
    /** China date the chosen project is planned to finish. */
    plannedFinish: text('planned_finish'),
    progressPercent: integer('progress_percent').notNull().default(0),
    /** green | yellow | red (behind plan) */
    colour: text('colour').$type<ProgressColour>().notNull().default('green'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('projects_tenant_year_status').on(t.tenantId, t.year, t.status)],
);

/** Progress reports of a chosen project from its responsible unit. */
export const projectUpdates = sqliteTable(
  'project_updates',
  {
    ...tenantOwned(),
    projectId: ref('project_id', () => projects.id),
    percent: integer('percent').notNull(),
    note: text('note').notNull(),
    userId: userRef('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('project_updates_project').on(t.tenantId, t.projectId, t.createdAt)],
);

/** 票决: a ballot of N places over more candidates than places (差额). */
export const ballots = sqliteTable(
  'ballots',
  {
    ...tenantOwned(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    places: integer('places').notNull(),
    /** draft | open | closed */
    status: text('status').notNull().default('draft'),
    opensAt: integer('opens_at'),
    closesAt: integer('closes_at'),
    closedAt: integer('closed_at'),
    ...authored(createdAt()),
  },
  (t) => [index('ballots_tenant_year').on(t.tenantId, t.year)],
);

/** A candidate on a ballot and its running tally (no link to who voted for it). */
export const ballotCandidates = sqliteTable(
  'ballot_candidates',
  {
    tenantId: tenantRef(),
    ballotId: ref('ballot_id', () => ballots.id),
    projectId: ref('project_id', () => projects.id),
    votes: integer('votes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.projectId] })],
);

/** That a deputy voted on a ballot — never what they chose, and no time. */
export const ballotVoters = sqliteTable(
  'ballot_voters',
  {
    tenantId: tenantRef(),
    ballotId: ref('ballot_id', () => ballots.id),
    deputyId: deputyRef(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.deputyId] })],
);

/** Year-end satisfaction vote of deputies on a chosen project. */
export const projectSatisfaction = sqliteTable(
  'project_satisfaction',
  {
    tenantId: tenantRef(),
    projectId: ref('project_id', () => projects.id),
    deputyId: deputyRef(),
    /** satisfied | basically | unsatisfied */
    rating: text('rating').$type<SatisfactionRating>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.deputyId] })],
);

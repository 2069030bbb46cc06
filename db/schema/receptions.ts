/** 接待日: receptions at liaison stations, their deputies, and the voters' issues logged there. */
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenantRef, tenantOwned, userRef, createdBy, deputyRef, createdAt, ref } from './columns';
import { categories, liaisonStations } from './directory';
import { suggestions } from './suggestions';
import type { IssueOutcome } from '../../worker/rules/receptions';

/**
 * 接待日: a reception at a liaison station ("321": at least two deputies
 * attend). Scheduled ahead and shown on the county's public page.
 */
export const receptions = sqliteTable(
  'receptions',
  {
    ...tenantOwned(),
    stationId: ref('station_id', () => liaisonStations.id),
    /** China date, YYYY-MM-DD */
    date: text('date').notNull(),
    /** HH:MM, China time */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    place: text('place').notNull(),
    note: text('note'),
    createdByUserId: createdBy(),
    cancelledAt: integer('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [index('receptions_tenant_date').on(t.tenantId, t.date), index('receptions_tenant_station_date').on(t.tenantId, t.stationId, t.date)],
);

/** The deputies who receive voters at a reception (坐班代表). */
export const receptionDeputies = sqliteTable(
  'reception_deputies',
  {
    tenantId: tenantRef(),
    receptionId: ref('reception_id', () => receptions.id),
    deputyId: deputyRef(),
  },
  (t) => [primaryKey({ columns: [t.receptionId, t.deputyId] }), index('reception_deputies_deputy').on(t.tenantId, t.deputyId)],
);

/**
 * A voter's issue logged at a reception (收集问题). It ends as one of:
 * answered on the spot, turned into a suggestion (linked both ways through
 * `suggestion_id`), or handed to the township with a time limit (限时反馈);
 * the voter's feedback is recorded. `measure` is the proposed measure (对策建议).
 */
export const voterIssues = sqliteTable(
  'voter_issues',
  {
    ...tenantOwned(),
    receptionId: integer('reception_id').references(() => receptions.id),
    stationId: ref('station_id', () => liaisonStations.id),
    voterName: text('voter_name').notNull(),
    voterContact: text('voter_contact'),
    content: text('content').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    measure: text('measure'),
    /** open | answered | suggestion | handed_over */
    outcome: text('outcome').$type<IssueOutcome>().notNull().default('open'),
    outcomeNote: text('outcome_note'),
    suggestionId: integer('suggestion_id').references(() => suggestions.id),
    handedTo: text('handed_to'),
    /** China date by which the township must answer (handed_over). */
    dueDate: text('due_date'),
    feedback: text('feedback'),
    feedbackAt: integer('feedback_at'),
    closedAt: integer('closed_at'),
    loggedByUserId: userRef('logged_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('voter_issues_tenant_station_time').on(t.tenantId, t.stationId, t.createdAt),
    index('voter_issues_tenant_reception').on(t.tenantId, t.receptionId),
    index('voter_issues_tenant_outcome_due').on(t.tenantId, t.outcome, t.dueDate),
    index('voter_issues_tenant_suggestion').on(t.tenantId, t.suggestionId),
  ],
);

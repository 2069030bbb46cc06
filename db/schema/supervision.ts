/** 督办: deadlines and their colours, alerts, digests and their deliveries, notifications, supervision actions. */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { tenantOwned, suggestionRef, userRef, createdAtGiven, deliveryColumns, ref, authored } from './columns';
import { assignments } from './handling';
import { suggestions } from './suggestions';
import type { Colour, Stage } from '../../worker/rules/colour';

/**
 * One stage with a due date (三色督办): a unit's sign-for/return window,
 * assisting opinion, reply or rehandling; the deputy's evaluation; a B-class
 * promise. The colour is stored; the scheduled scan finds the rows whose
 * colour must change through the two partial indexes below, never by
 * scanning open items.
 */
export const deadlines = sqliteTable(
  'deadlines',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    assignmentId: integer('assignment_id').references(() => assignments.id),
    /** see STAGES in worker/rules/colour.ts */
    stage: text('stage').$type<Stage>().notNull(),
    /** China dates */
    dueDate: text('due_date').notNull(),
    yellowFrom: text('yellow_from').notNull(),
    colour: text('colour').$type<Colour>().notNull().default('green'),
    createdAt: createdAtGiven(),
    endedAt: integer('ended_at'),
  },
  (t) => [
    index('deadlines_turning_yellow')
      .on(t.yellowFrom)
      .where(sql`colour = 'green' and ended_at is null`),
    index('deadlines_turning_red')
      .on(t.dueDate)
      .where(sql`colour <> 'red' and ended_at is null`),
    index('deadlines_tenant_suggestion').on(t.tenantId, t.suggestionId),
    // The supervision board: a tenant's open yellow and red stages.
    index('deadlines_tenant_open_colour')
      .on(t.tenantId, t.colour, t.dueDate)
      .where(sql`ended_at is null`),
  ],
);

/** One alert per (stage, colour): the unique index makes a second one impossible. */
export const alerts = sqliteTable(
  'alerts',
  {
    ...tenantOwned(),
    deadlineId: ref('deadline_id', () => deadlines.id),
    colour: text('colour').$type<Colour>().notNull(),
    ...writtenBy(),
  },
  (t) => [uniqueIndex('alerts_deadline_colour').on(t.deadlineId, t.colour), index('alerts_write').on(t.writeId)],
);

/**
 * Outbound deliveries of an alert (email, group-robot webhook), one row per
 * (alert, channel, target) once it was sent — or, after the last retry, its
 * dead-letter record with the error.
 */
export const alertDeliveries = deliveryTable('alert_deliveries', 'alertId', 'alert_id', () => alerts.id);

/**
 * The daily digest (每日督办简报) of a tenant: one row per China date, so a
 * repeated or concurrent run sends nothing twice. The text is kept as sent.
 */
export const digests = sqliteTable(
  'digests',
  {
    ...tenantOwned(),
    day: text('day').notNull(),
    yellow: integer('yellow').notNull(),
    red: integer('red').notNull(),
    /** The red list as sent (one line per item). */
    body: text('body').notNull(),
    ...writtenBy(),
  },
  (t) => [uniqueIndex('digests_tenant_day').on(t.tenantId, t.day), index('digests_write').on(t.writeId)],
);

/** Outbound deliveries of a digest (email, group robot): sent, or dead after the last retry. */
export const digestDeliveries = deliveryTable('digest_deliveries', 'digestId', 'digest_id', () => digests.id);

/** In-app notifications, one row per user. */
export const notifications = sqliteTable(
  'notifications',
  {
    ...tenantOwned(),
    userId: userRef('user_id'),
    suggestionId: integer('suggestion_id').references(() => suggestions.id),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    createdAt: createdAtGiven(),
    readAt: integer('read_at'),
  },
  (t) => [index('notifications_tenant_user_unread').on(t.tenantId, t.userId, t.readAt, t.createdAt)],
);

/** 督办: what the secretary or chair did about an item — 督办函, 约谈, 通报, site visit. */
export const supervisionActions = sqliteTable(
  'supervision_actions',
  {
    ...tenantOwned(),
    suggestionId: suggestionRef(),
    /** letter | interview | notice | site_visit */
    kind: text('kind').notNull(),
    actedOn: text('acted_on').notNull(),
    note: text('note'),
    ...authored(createdAtGiven()),
  },
  (t) => [index('supervision_actions_tenant_suggestion').on(t.tenantId, t.suggestionId)],
);

/**
 * A table of outbound deliveries of a parent row (an alert, a digest): its
 * reference `parentKey` (`parentColumn`), then the delivery columns, and one row
 * per (parent, channel, target) at the most (index `<name>_once`).
 */
function deliveryTable<N extends string, K extends string>(name: N, parentKey: K, parentColumn: string, parent: () => SQLiteColumn) {
  const parentRef = { [parentKey]: ref(parentColumn, parent) } as Record<K, ReturnType<typeof ref<string>>>;
  return sqliteTable(name, { ...tenantOwned(), ...parentRef, ...deliveryColumns() }, (t) => [
    uniqueIndex(`${name}_once`).on(t[parentKey] as SQLiteColumn, t.channel, t.target),
  ]);
}

/**
 * The write that created the row (a scan's or a digest run's id, so the same
 * batch can tell it was the one) and when: `write_id`, `created_at`.
 */
function writtenBy() {
  return { writeId: text('write_id').notNull(), createdAt: createdAtGiven() };
}

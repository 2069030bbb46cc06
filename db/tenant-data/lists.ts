/**
 * A tenant's pickers, worklists and boards: settings and calendar,
 * notifications, categories, deputies and units for forms, a unit's inbox,
 * the supervision board (督办看板) and the admin's counts.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import {
  assignments,
  calendarDays,
  categories,
  deadlines,
  deputies,
  handlingUnits,
  liaisonStations,
  notifications,
  settings,
  suggestions,
  users,
} from '../schema';
import { calendarFrom, type WorkCalendar } from '../../worker/rules/calendar';
import type { Stage } from '../../worker/rules/colour';
import { settingsFrom, type TenantSettings } from '../../worker/rules/settings';
import { scoped } from './shared';

export type DeputyRow = typeof deputies.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;

export function listQueries(db: Database, tenantId: number) {
  const { inTenant, activeCategories, activeUnits } = scoped(db, tenantId);
  /** The ids of this tenant's serving deputies that also meet `condition`. */
  const servingDeputyIds = async (condition: SQL): Promise<Set<number>> => {
    const rows = await db
      .select({ id: deputies.id })
      .from(deputies)
      .where(and(inTenant.deputies, isNull(deputies.retiredAt), condition))
      .all();
    return new Set(rows.map((r) => r.id));
  };
  return {
    /** The tenant's settings and working-day calendar, in one round trip. */
    async config(): Promise<{ settings: TenantSettings; calendar: WorkCalendar }> {
      const [rows, days] = await db.batch([
        db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.tenantId, tenantId)),
        db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays).where(eq(calendarDays.tenantId, tenantId)),
      ]);
      return {
        settings: settingsFrom(rows),
        calendar: calendarFrom(days.map((d) => ({ date: d.date, kind: d.kind === 'workday' ? 'workday' : 'holiday' }))),
      };
    },

    notifications: {
      list(userId: number, limit = 50) {
        return db
          .select({
            id: notifications.id,
            suggestionId: notifications.suggestionId,
            title: suggestions.title,
            kind: notifications.kind,
            message: notifications.message,
            createdAt: notifications.createdAt,
            readAt: notifications.readAt,
          })
          .from(notifications)
          .leftJoin(suggestions, eq(suggestions.id, notifications.suggestionId))
          .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId)))
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(limit)
          .all();
      },
      async markAllRead(userId: number, now: number) {
        await db
          .update(notifications)
          .set({ readAt: now })
          .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)));
      },
    },

    categories: {
      listActive(): Promise<CategoryRow[]> {
        return db
          .select()
          .from(categories)
          .where(and(inTenant.categories, isNull(categories.retiredAt)))
          .orderBy(asc(categories.sort), asc(categories.id))
          .all();
      },
    },

    deputies: {
      /** Serving deputies, for pickers. */
      listActive(): Promise<Pick<DeputyRow, 'id' | 'name' | 'level' | 'stationId'>[]> {
        return db
          .select({ id: deputies.id, name: deputies.name, level: deputies.level, stationId: deputies.stationId })
          .from(deputies)
          .where(and(inTenant.deputies, isNull(deputies.retiredAt)))
          .orderBy(asc(deputies.id))
          .all();
      },
      /** Serving deputies attached to one liaison station. */
      idsAtStation(stationId: number): Promise<Set<number>> {
        return servingDeputyIds(eq(deputies.stationId, stationId));
      },
      /** Which of these ids are serving deputies of this tenant. */
      async existingIds(ids: number[]): Promise<Set<number>> {
        return ids.length === 0 ? new Set() : servingDeputyIds(inArray(deputies.id, ids));
      },
    },

    /** What the suggestion form offers (categories; deputies with their station), in one round trip. */
    async suggestionFormOptions() {
      const [cats, deps] = await db.batch([
        activeCategories(),
        db
          .select({
            id: deputies.id,
            name: deputies.name,
            level: deputies.level,
            stationId: deputies.stationId,
            stationName: sql<string | null>`${liaisonStations.name}`.as('station_name'),
          })
          .from(deputies)
          .leftJoin(liaisonStations, eq(liaisonStations.id, deputies.stationId))
          .where(and(inTenant.deputies, isNull(deputies.retiredAt)))
          .orderBy(asc(deputies.stationId), asc(deputies.id)),
      ]);
      return { categories: cats, deputies: deps };
    },

    units: {
      listActive(): Promise<{ id: number; name: string }[]> {
        return activeUnits().all();
      },
      /** 待办: a unit's open parts, most urgent first. */
      inbox(unitId: number) {
        return db
          .select({
            assignmentId: assignments.id,
            suggestionId: suggestions.id,
            number: suggestions.number,
            title: suggestions.title,
            suggestionState: suggestions.state,
            isKey: suggestions.isKey,
            colour: suggestions.colour,
            role: assignments.role,
            state: assignments.state,
            returnDue: assignments.returnDue,
            due: sql<string | null>`coalesce(${assignments.replyDue}, ${assignments.opinionDue})`.as('due'),
          })
          .from(assignments)
          .innerJoin(suggestions, eq(suggestions.id, assignments.suggestionId))
          .where(
            and(
              eq(assignments.tenantId, tenantId),
              eq(assignments.unitId, unitId),
              or(
                // Open parts of suggestions still being handled (an assisting
                // unit's unsent opinion stops mattering once the item moves on).
                and(
                  inArray(assignments.state, ['assigned', 'in_progress', 'return_requested']),
                  inArray(suggestions.state, ['assigned', 'in_progress', 'return_requested', 'rehandling']),
                ),
                and(eq(suggestions.state, 'tracking'), inArray(assignments.role, ['lead', 'split'])),
              ),
            ),
          )
          .orderBy(sql`coalesce(${assignments.replyDue}, ${assignments.opinionDue})`, asc(assignments.id))
          .limit(200)
          .all();
      },
      async nameOf(id: number): Promise<string | null> {
        const row = await db
          .select({ name: handlingUnits.name })
          .from(handlingUnits)
          .where(and(eq(handlingUnits.tenantId, tenantId), eq(handlingUnits.id, id)))
          .get();
        return row?.name ?? null;
      },
    },

    /** 督办看板: open yellow and red stages, red first, by unit and stage. */
    async supervisionBoard(f: { colour: 'yellow' | 'red' | null; unitId: number | null; stage: Stage | null }) {
      const conditions = [
        eq(deadlines.tenantId, tenantId),
        isNull(deadlines.endedAt),
        f.colour ? eq(deadlines.colour, f.colour) : inArray(deadlines.colour, ['yellow', 'red']),
      ];
      if (f.unitId) conditions.push(eq(assignments.unitId, f.unitId));
      if (f.stage) conditions.push(eq(deadlines.stage, f.stage));
      const [rows, unitRows] = await db.batch([
        db
          .select({
            deadlineId: sql<number>`${deadlines.id}`.as('deadline_id'),
            suggestionId: sql<number>`${suggestions.id}`.as('suggestion_id'),
            number: suggestions.number,
            title: suggestions.title,
            isKey: suggestions.isKey,
            stage: deadlines.stage,
            colour: sql<string>`${deadlines.colour}`.as('deadline_colour'),
            dueDate: deadlines.dueDate,
            unitId: assignments.unitId,
            unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
          })
          .from(deadlines)
          .innerJoin(suggestions, eq(suggestions.id, deadlines.suggestionId))
          .leftJoin(assignments, eq(assignments.id, deadlines.assignmentId))
          .leftJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
          .where(and(...conditions))
          .orderBy(desc(deadlines.colour), asc(deadlines.dueDate), asc(deadlines.id))
          .limit(500),
        activeUnits(),
      ]);
      return { rows, units: unitRows };
    },

    /** Counts for the tenant admin's overview. */
    async overviewCounts() {
      const [u, d, h, s] = await db.batch([
        db.select({ n: count() }).from(users).where(eq(users.tenantId, tenantId)),
        db.select({ n: count() }).from(deputies).where(inTenant.deputies),
        db.select({ n: count() }).from(handlingUnits).where(eq(handlingUnits.tenantId, tenantId)),
        db.select({ n: count() }).from(liaisonStations).where(eq(liaisonStations.tenantId, tenantId)),
      ]);
      return { users: u[0]?.n ?? 0, deputies: d[0]?.n ?? 0, units: h[0]?.n ?? 0, stations: s[0]?.n ?? 0 };
    },
  };
}

/**
 * The tenant's own configuration: its working-day calendar and settings,
 * edited by the tenant admin. Writes are one batch each, chunked under
 * D1's 100-bound-parameter limit.
 */
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { calendarDays, settings } from '../schema';

export interface CalendarEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

/** Rows per multi-row insert: 4 parameters a row stays under 100. */
const ROWS_PER_INSERT = 24;

export function tenantConfig(db: Database, tenantId: number) {
  const inTenant = eq(calendarDays.tenantId, tenantId);
  return {
    /** The calendar entries of one year. */
    calendarYear(year: number) {
      return db
        .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
        .from(calendarDays)
        .where(and(inTenant, like(calendarDays.date, `${year}-%`)))
        .orderBy(asc(calendarDays.date))
        .all();
    },

    /** Adds or replaces entries (one date, one kind) in one atomic batch. */
    async upsertDays(entries: CalendarEntry[]) {
      const statements = [];
      for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
        const chunk = entries.slice(i, i + ROWS_PER_INSERT).map((e) => ({ tenantId, ...e }));
        statements.push(
          db
            .insert(calendarDays)
            .values(chunk)
            .onConflictDoUpdate({
              target: [calendarDays.tenantId, calendarDays.date],
              set: { kind: sqlExcluded('kind'), name: sqlExcluded('name') },
            }),
        );
      }
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
    },

    async removeDays(dates: string[]) {
      if (dates.length === 0) return;
      await db.delete(calendarDays).where(and(inTenant, inArray(calendarDays.date, dates)));
    },

    /** Saves settings (key → value) in one batch. */
    async saveSettings(values: Record<string, unknown>, now: number) {
      const statements = Object.entries(values).map(([key, value]) =>
        db
          .insert(settings)
          .values({ tenantId, key, value: JSON.stringify(value), updatedAt: now })
          .onConflictDoUpdate({ target: [settings.tenantId, settings.key], set: { value: JSON.stringify(value), updatedAt: now } }),
      );
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
    },
  };
}

/** The value the conflicting insert wanted (SQLite's `excluded.` row). */
function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}

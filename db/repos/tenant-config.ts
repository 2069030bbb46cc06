/**
 * The tenant's own configuration: its working-day calendar and settings,
 * edited by the tenant admin. Writes are one batch each, chunked under
 * D1's 100-bound-parameter limit.
 */
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Database } from '../client';
import type { BatchItem } from 'drizzle-orm/batch';
import { calendarDays, settings } from '../schema';
import { auditRepo, type AuditActor } from './audit';
import { settingsFrom } from '../../worker/rules/settings';

export interface CalendarEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

/** Rows per multi-row insert: 4 parameters a row stays under 100. */
const ROWS_PER_INSERT = 24;

export function tenantConfig(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);
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

    /** Adds or replaces entries (one date, one kind) in one atomic batch, with its audit entry. */
    async upsertDays(entries: CalendarEntry[], actor: AuditActor) {
      const statements: BatchItem<'sqlite'>[] = [audit.entry({ actor, action: 'calendar.import', details: { entries } })];
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

    async removeDays(dates: string[], actor: AuditActor) {
      if (dates.length === 0) return;
      await db.batch([
        db.delete(calendarDays).where(and(inTenant, inArray(calendarDays.date, dates))),
        audit.entry({ actor, action: 'calendar.remove', details: { dates } }),
      ]);
    },

    /** Saves settings (key → value) in one batch, recording what changed from what. */
    async saveSettings(values: Record<string, unknown>, now: number, actor: AuditActor) {
      const stored = await db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.tenantId, tenantId)).all();
      // What was in force: stored values over the defaults (a new county has no rows yet).
      const before: Record<string, unknown> = settingsFrom(stored);
      const changed = Object.keys(values).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(values[k]));
      const statements: BatchItem<'sqlite'>[] = Object.entries(values).map(([key, value]) =>
        db
          .insert(settings)
          .values({ tenantId, key, value: JSON.stringify(value), updatedAt: now })
          .onConflictDoUpdate({ target: [settings.tenantId, settings.key], set: { value: JSON.stringify(value), updatedAt: now } }),
      );
      if (changed.length > 0) {
        statements.push(
          audit.entry(
            {
              actor,
              action: 'settings.update',
              details: {
                before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
                after: Object.fromEntries(changed.map((k) => [k, values[k]])),
              },
            },
            now,
          ),
        );
      }
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
    },
  };
}

/** The value the conflicting insert wanted (SQLite's `excluded.` row). */
function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}

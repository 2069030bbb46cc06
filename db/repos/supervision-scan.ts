/**
 * The queries of the scheduled 三色督办 scan (worker/supervision/scan.ts
 * runs them). Across all tenants of a database: the stages whose colour
 * must change now, found through the two partial indexes on `deadlines`
 * (green rows by yellow_from, not-yet-red rows by due_date), never a scan of
 * open items; and for each change the statements that write the new colour,
 * a timeline event, one alert per (stage, colour) and its in-app
 * notifications, for one D1 batch. The conditions are `colourAt` of
 * worker/rules/colour.ts written as SQL (test/integration/colour-rule.test.ts
 * runs both on the same cases); the alert's unique index makes a repeated or
 * concurrent run harmless: the second insert is ignored, and everything else
 * in its batch is conditioned on the alert being its own.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { rawStatement } from '../guard';
import { writes } from './writes';
import { alerts, assignments, deadlines, notifications, suggestionEvents, users } from '../schema';
import type { AlertColour } from '../../worker/rules/colour';

/** An open stage whose colour the clock changes. */
export interface TurningStage {
  id: number;
  tenantId: number;
  suggestionId: number;
  assignmentId: number | null;
  stage: string;
  colour: string;
}

const stageColumns = sql`id as id, tenant_id as tenantId, suggestion_id as suggestionId, assignment_id as assignmentId, stage, colour`;

/**
 * `colourAt` as conditions on China date `today`, each with the order of
 * its partial index. The colours are literals, as in the indexes' own
 * WHERE, so that SQLite can use them.
 */
const TURNING: Record<AlertColour, (today: string) => SQL> = {
  // Red from the day after the due day (timeColour: today > due); red rows have nothing left to change.
  red: (today) => sql`colour <> 'red' and ended_at is null and due_date < ${today} order by due_date`,
  // Yellow from yellow_from through the due day; only green turns yellow (a raised yellow is left as it is).
  yellow: (today) => sql`colour = 'green' and ended_at is null and yellow_from <= ${today} and due_date >= ${today} order by yellow_from`,
};

/** Up to `limit` open stages that turn `to` on China date `today`. */
export async function stagesTurning(db: Database, to: AlertColour, today: string, limit: number): Promise<TurningStage[]> {
  return db.all<TurningStage>(sql`select ${stageColumns} from ${deadlines} where ${TURNING[to](today)} limit ${limit}`);
}

/** What the timeline and the notifications say (the caller's words, from views/text). */
export interface ChangeWords {
  /** The timeline's actor name for the scan. */
  system: string;
  /** The stage's name, noted on the timeline. */
  stageLabel: string;
  /** The notification's text. */
  message: string;
}

/**
 * The statements that move one stage to `to`, alert once and tell the
 * people concerned. The first statement is the alert's insert: its change
 * count says whether this run (`runId`) sent it.
 */
export function colourChangeStatements(db: Database, d: TurningStage, to: AlertColour, runId: string, now: number, words: ChangeWords) {
  const w = writes(db, d.tenantId);
  const mine = sql`exists (select 1 from ${alerts} where ${alerts.deadlineId} = ${d.id} and ${alerts.colour} = ${to} and ${alerts.writeId} = ${runId})`;
  const unit =
    d.assignmentId === null ? sql`(0)` : sql`(select ${assignments.unitId} from ${assignments} where ${assignments.id} = ${d.assignmentId})`;
  return [
    rawStatement(
      db,
      sql`insert or ignore into ${alerts} (tenant_id, deadline_id, colour, write_id, created_at)
      values (${d.tenantId}, ${d.id}, ${to}, ${runId}, ${now})`,
    ),
    rawStatement(
      db,
      sql`update ${deadlines} set colour = ${to}
      where id = ${d.id} and ended_at is null and colour <> 'red' and ${mine}`,
    ),
    w.refreshColour(d.suggestionId),
    rawStatement(
      db,
      sql`insert into ${suggestionEvents} (tenant_id, suggestion_id, actor_user_id, actor_name, kind, from_state, to_state, note, created_at)
      select ${d.tenantId}, ${d.suggestionId}, null, ${words.system}, ${`colour_${to}`}, null, null, ${words.stageLabel}, ${now} where ${mine}`,
    ),
    rawStatement(
      db,
      sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
      select ${d.tenantId}, ${users.id}, ${d.suggestionId}, ${to}, ${words.message}, ${now} from ${users}
      where ${mine} and ${w.alertedUsers(to, d.suggestionId, unit)}`,
    ),
  ];
}

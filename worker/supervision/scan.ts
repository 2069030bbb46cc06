/**
 * The scheduled 三色督办 scan. It finds only the stages whose colour must
 * change now — through the two partial indexes on `deadlines` (green rows by
 * yellow_from, not-yet-red rows by due_date), never a scan of open items —
 * in bounded chunks across all tenants, and for each change writes the new
 * colour, a timeline event, one alert per (stage, colour) and the alert's
 * notifications (the unit's clerk and the secretary; for red also the
 * chair; for a key suggestion its supervising leader) in one D1 batch. The
 * alert's unique index makes a repeated or concurrent run harmless: the
 * second insert is ignored, and everything else in its batch is conditioned
 * on the alert being its own.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rawStatement } from '../../db/guard';
import { writes } from '../../db/repos/writes';
import { alerts, assignments, deadlines, notifications, suggestionEvents, users } from '../../db/schema';
import { chinaDateOf } from '../rules/calendar';
import { text } from '../../views/i18n';

/** Rows per query and per batch; runs loop until nothing is left or time is up. */
export const SCAN_CHUNK = 25;

export interface ScanResult {
  /** Rows the range queries returned. */
  read: number;
  /** Rows whose colour this run changed (and alerted). */
  changed: number;
  rounds: number;
  /** True when the run stopped on its time budget with work left for the next one. */
  unfinished: boolean;
  /** The alerts of this run carry this id. */
  writeId: string;
}

interface Due {
  id: number;
  tenantId: number;
  suggestionId: number;
  assignmentId: number | null;
  stage: string;
  colour: string;
}

const dueColumns = sql`id as id, tenant_id as tenantId, suggestion_id as suggestionId, assignment_id as assignmentId, stage, colour`;

/** Stages that turn red: past their due date, not red yet. */
async function turningRed(db: Database, today: string): Promise<Due[]> {
  return db.all<Due>(sql`select ${dueColumns} from ${deadlines}
    where colour <> 'red' and ended_at is null and due_date < ${today} order by due_date limit ${SCAN_CHUNK}`);
}

/** Stages that turn yellow: green, inside the warning window, not yet due. */
async function turningYellow(db: Database, today: string): Promise<Due[]> {
  return db.all<Due>(sql`select ${dueColumns} from ${deadlines}
    where colour = 'green' and ended_at is null and yellow_from <= ${today} and due_date >= ${today}
    order by yellow_from limit ${SCAN_CHUNK}`);
}

/** The statements that move one stage to `to`, alert once and tell the people concerned. */
function changeStatements(db: Database, d: Due, to: 'yellow' | 'red', runId: string, now: number) {
  const w = writes(db, d.tenantId);
  const mine = sql`exists (select 1 from ${alerts} where ${alerts.deadlineId} = ${d.id} and ${alerts.colour} = ${to} and ${alerts.writeId} = ${runId})`;
  const unit = d.assignmentId === null
    ? sql`(0)`
    : sql`(select ${assignments.unitId} from ${assignments} where ${assignments.id} = ${d.assignmentId})`;
  const stageLabel = text.supervision.stages[d.stage] ?? d.stage;
  const message = `${text.supervision.colours[to]} · ${stageLabel}`;
  return [
    rawStatement(db, sql`insert or ignore into ${alerts} (tenant_id, deadline_id, colour, write_id, created_at)
      values (${d.tenantId}, ${d.id}, ${to}, ${runId}, ${now})`),
    rawStatement(db, sql`update ${deadlines} set colour = ${to}
      where id = ${d.id} and ended_at is null and colour <> 'red' and ${mine}`),
    w.refreshColour(d.suggestionId),
    rawStatement(db, sql`insert into ${suggestionEvents} (tenant_id, suggestion_id, actor_user_id, actor_name, kind, from_state, to_state, note, created_at)
      select ${d.tenantId}, ${d.suggestionId}, null, ${text.supervision.system}, ${`colour_${to}`}, null, null, ${stageLabel}, ${now} where ${mine}`),
    rawStatement(db, sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
      select ${d.tenantId}, ${users.id}, ${d.suggestionId}, ${to}, ${message}, ${now} from ${users}
      where ${mine} and ${w.alertedUsers(to, d.suggestionId, unit)}`),
  ];
}

/** How long a run may go on: wall time, and optionally a number of rounds (a test's way to stop a run early). */
export type ScanBudget = number | { ms: number; rounds: number };

/**
 * One scan. `now` comes from the caller (the cron's scheduledTime, or a
 * test's clock); `budget` bounds the run. A run that stops on its budget
 * leaves the rest to the next: nothing is skipped, because the range
 * queries always start from what is still unchanged.
 */
export async function supervisionScan(
  db: Database,
  now: number,
  budget: ScanBudget = 20_000,
  /** Called with the run's write id when it sent alerts (to queue email and webhooks). */
  afterAlerts?: (writeId: string) => Promise<unknown>,
): Promise<ScanResult> {
  const result = await scanRanges(db, now, typeof budget === 'number' ? { ms: budget, rounds: Infinity } : budget);
  if (result.changed > 0 && afterAlerts) await afterAlerts(result.writeId);
  return result;
}

async function scanRanges(db: Database, now: number, budget: { ms: number; rounds: number }): Promise<ScanResult> {
  const started = Date.now();
  const today = chinaDateOf(now);
  const runId = crypto.randomUUID();
  const result: ScanResult = { read: 0, changed: 0, rounds: 0, unfinished: false, writeId: runId };
  for (const [find, to] of [
    [turningRed, 'red'],
    [turningYellow, 'yellow'],
  ] as const) {
    for (;;) {
      if (Date.now() - started > budget.ms || result.rounds >= budget.rounds) {
        result.unfinished = true;
        return result;
      }
      const rows = await find(db, today);
      result.rounds++;
      result.read += rows.length;
      if (rows.length === 0) break;
      const perRow = rows.map((d) => changeStatements(db, d, to, runId, now));
      const statements = perRow.flat();
      const [first, ...rest] = statements;
      const results = (await db.batch([first!, ...rest])) as unknown as D1Result[];
      // The first statement of each row is its alert: it changed a row only if this run sent it.
      let changedNow = 0;
      for (let i = 0; i < rows.length; i++) changedNow += results[i * perRow[0]!.length]?.meta.changes ?? 0;
      result.changed += changedNow;
      // A full chunk that changed nothing would come back unchanged: stop rather than spin.
      if (rows.length < SCAN_CHUNK || changedNow === 0) break;
    }
  }
  return result;
}

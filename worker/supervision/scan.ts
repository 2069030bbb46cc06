/**
 * The scheduled 三色督办 scan: the orchestration. It asks the data layer
 * (db/repos/supervision-scan.ts) for the stages whose colour must change
 * now — red first, then yellow, as worker/rules/colour.ts decides — in
 * bounded chunks across all tenants, and writes each chunk's changes (new
 * colour, timeline event, one alert per (stage, colour), the in-app
 * notifications) in one D1 batch, within a time budget; then hands the
 * run's alerts to `afterAlerts` (email and the group robot).
 */
import type { Database } from '../../db/client';
import { colourChangeStatements, stagesTurning, type TurningStage } from '../../db/repos/supervision-scan';
import type { AlertColour } from '../rules/colour';
import { chinaDateOf } from '../rules/china-time';
import { text } from '../../views/text/index';

/** Rows per query and per batch; runs loop until nothing is left or time is up. */
export const SCAN_CHUNK = 25;

/** The order of the passes: a stage past due turns red directly, never yellow first. */
const PASSES: readonly AlertColour[] = ['red', 'yellow'];

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

/** The words of one change, in Chinese. */
function wordsOf(d: TurningStage, to: AlertColour) {
  const stageLabel = text.supervision.stages[d.stage] ?? d.stage;
  return { system: text.supervision.system, stageLabel, message: `${text.supervision.colours[to]} · ${stageLabel}` };
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
  for (const to of PASSES) {
    for (;;) {
      if (Date.now() - started > budget.ms || result.rounds >= budget.rounds) {
        result.unfinished = true;
        return result;
      }
      const rows = await stagesTurning(db, to, today, SCAN_CHUNK);
      result.rounds++;
      result.read += rows.length;
      if (rows.length === 0) break;
      const perRow = rows.map((d) => colourChangeStatements(db, d, to, runId, now, wordsOf(d, to)));
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

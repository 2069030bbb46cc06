/**
 * The cron fans out per database shard through the `SCANS` queue: the
 * 15-minute trigger only sends one message per shard, and each message is
 * one invocation (with its own 30 s CPU limit) that runs that shard's
 * 三色督办 scan and, from 08:00 China time, its daily digest. A shard whose
 * run stops on its budget sends its message again, so a large shard takes
 * several invocations back to back instead of waiting for the next trigger.
 * The alerts' unique index makes a repeated or concurrent message harmless.
 */
import { databaseOn, shardBindings } from '../../db/client';
import { supervisionScan } from './scan';
import { dailyDigest, digestDue } from './digest';
import { enqueueDeliveries } from './deliveries';

/** Wall time of one invocation for the scan and for the digest of one shard. */
export const SCAN_BUDGET_MS = 18_000;
export const DIGEST_BUDGET_MS = 6_000;
/** A shard's job re-sends itself at most this many times per trigger. */
export const MAX_ROUNDS = 20;

export interface ShardJob {
  binding: string;
  /** The trigger's time: "now" for the colour rule. */
  scheduledTime: number;
  digest: boolean;
  round: number;
}

/** The trigger's messages: one per shard. */
export function shardJobs(env: Env, scheduledTime: number): ShardJob[] {
  const digest = digestDue(scheduledTime);
  return shardBindings(env).map((binding) => ({ binding, scheduledTime, digest, round: 0 }));
}

/** One shard's scan (and digest when due); unfinished work goes back on the queue. */
export async function runShardJob(env: Env, job: ShardJob): Promise<void> {
  const db = databaseOn(env, job.binding);
  const scan = await supervisionScan(db, job.scheduledTime, SCAN_BUDGET_MS, (writeId) =>
    enqueueDeliveries(env.ALERTS, db, writeId, false, job.binding),
  );
  console.log(JSON.stringify({ level: 'info', job: 'supervision-scan', binding: job.binding, round: job.round, ...scan }));
  let unfinished = scan.unfinished;
  if (job.digest) {
    const digest = await dailyDigest(
      db,
      job.scheduledTime,
      DIGEST_BUDGET_MS,
      (writeId) => enqueueDeliveries(env.ALERTS, db, writeId, true, job.binding),
      job.binding,
    );
    console.log(JSON.stringify({ level: 'info', job: 'daily-digest', binding: job.binding, round: job.round, ...digest }));
    unfinished ||= digest.unfinished;
  }
  if (unfinished && job.round + 1 < MAX_ROUNDS) await env.SCANS.send({ ...job, round: job.round + 1 });
}

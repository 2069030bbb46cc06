/**
 * Fires the cron trigger as the runtime would and then runs the shard jobs it
 * put on the SCANS queue right away, in order (what the queue's consumer
 * does, without waiting for the queue's delivery). Everything else — D1, the
 * ALERTS queue — is the real binding.
 */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../worker/index';
import { runShardJob, type ShardJob } from '../../worker/supervision/shard-jobs';

export async function runCron(scheduledTime: Date): Promise<void> {
  const queued: ShardJob[] = [];
  const scans = {
    send: async (body: ShardJob) => void queued.push(body),
    sendBatch: async (messages: Iterable<{ body: ShardJob }>) => void queued.push(...[...messages].map((m) => m.body)),
  };
  const inline = { ...env, SCANS: scans } as unknown as Env;
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/15 * * * *' }), inline);
  for (let job = queued.shift(); job; job = queued.shift()) await runShardJob(inline, job);
}

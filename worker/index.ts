/**
 * The Worker's entry: picks the entrance by Host (the platform's own hosts,
 * or a county's mapped hostname) and hands the request to it.
 */
import { createMappedHostApp, createPlatformApp } from './app';
import { databaseOn } from '../db/client';
import { consumeDeliveries, type DeliveryMessage } from './supervision/deliveries';
import { runShardJob, shardJobs, type ShardJob } from './supervision/shard-jobs';

const platformApp = createPlatformApp();
const mappedHostApp = createMappedHostApp();

function isPlatformHost(env: Env, hostname: string): boolean {
  return env.PLATFORM_HOSTS.split(',')
    .map((h) => h.trim().toLowerCase())
    .includes(hostname.toLowerCase());
}

export default {
  fetch(request, env, ctx) {
    const hostname = new URL(request.url).hostname;
    const app = isPlatformHost(env, hostname) ? platformApp : mappedHostApp;
    return app.fetch(request, env, ctx);
  },
  /**
   * Every 15 minutes (wrangler.toml): one message per database shard on the
   * SCANS queue; each is that shard's 三色督办 scan (with the trigger's time as
   * "now") and, from 08:00 China time, its daily digest, in its own
   * invocation (worker/supervision/shard-jobs.ts, docs/SCALE.md).
   */
  async scheduled(controller, env) {
    await env.SCANS.sendBatch(shardJobs(env, controller.scheduledTime).map((body) => ({ body })));
  },
  /** The shards' cron jobs (huiyin-scans); alert emails and group-robot webhooks (huiyin-alerts), with retries and a dead-letter record, each read in its own shard. */
  async queue(batch, env) {
    if (batch.queue === 'huiyin-scans') {
      for (const message of (batch as MessageBatch<ShardJob>).messages) {
        await runShardJob(env, message.body);
        message.ack();
      }
      return;
    }
    await consumeDeliveries((binding) => databaseOn(env, binding), batch as MessageBatch<DeliveryMessage>, {
      email: (m) => env.EMAIL.send(m),
      fetch: (input, init) => fetch(input, init),
      origin: env.PUBLIC_ORIGIN,
    });
  },
} satisfies ExportedHandler<Env>;

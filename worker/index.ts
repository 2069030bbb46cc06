/**
 * The Worker's entry: picks the entrance by Host (the platform's own hosts,
 * or a county's mapped hostname) and hands the request to it.
 */
import { createMappedHostApp, createPlatformApp } from './app';
import { databaseOn, shardBindings } from '../db/client';
import { supervisionScan } from './supervision/scan';
import { dailyDigest, digestDue } from './supervision/digest';
import { consumeDeliveries, enqueueDeliveries, type DeliveryMessage } from './supervision/deliveries';

/** Wall time of one cron run for the scan and for the digest, shared among the shards. */
const SCAN_BUDGET_MS = 18_000;
const DIGEST_BUDGET_MS = 6_000;

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
   * Every 15 minutes (wrangler.toml): the 三色督办 scan, with the trigger's
   * time as "now"; then, from 08:00 China time, the daily digest of the
   * tenants that have not had today's yet. Both run shard by shard
   * (db/client.ts), each shard with its share of the run's time, so one
   * large shard cannot starve the others; what a shard leaves undone is
   * picked up by the next run (docs/SCALE.md: fanning out through Queues
   * once one invocation is not enough).
   */
  async scheduled(controller, env) {
    const now = controller.scheduledTime;
    const bindings = shardBindings(env);
    const scanShare = Math.floor(SCAN_BUDGET_MS / bindings.length);
    const digestShare = Math.floor(DIGEST_BUDGET_MS / bindings.length);
    for (const binding of bindings) {
      const db = databaseOn(env, binding);
      const scan = await supervisionScan(db, now, scanShare, (writeId) => enqueueDeliveries(env.ALERTS, db, writeId, false, binding));
      console.log(JSON.stringify({ level: 'info', job: 'supervision-scan', binding, ...scan }));
    }
    if (digestDue(now)) {
      for (const binding of bindings) {
        const db = databaseOn(env, binding);
        const digest = await dailyDigest(db, now, digestShare, (writeId) => enqueueDeliveries(env.ALERTS, db, writeId, true, binding), binding);
        console.log(JSON.stringify({ level: 'info', job: 'daily-digest', binding, ...digest }));
      }
    }
  },
  /** Alert emails and group-robot webhooks, with retries and a dead-letter record; each message read in its own shard. */
  async queue(batch, env) {
    await consumeDeliveries((binding) => databaseOn(env, binding), batch as MessageBatch<DeliveryMessage>, {
      email: (m) => env.EMAIL.send(m),
      fetch: (input, init) => fetch(input, init),
      origin: env.PUBLIC_ORIGIN,
    });
  },
} satisfies ExportedHandler<Env>;

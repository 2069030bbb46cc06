/**
 * The Worker's entry: picks the entrance by Host (the platform's own hosts,
 * or a county's mapped hostname) and hands the request to it.
 */
import { createMappedHostApp, createPlatformApp } from './app';
import { platformDatabase } from '../db/client';
import { supervisionScan } from './supervision/scan';
import { dailyDigest, digestDue } from './supervision/digest';
import { consumeDeliveries, enqueueDeliveries, type DeliveryMessage } from './supervision/deliveries';

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
   * tenants that have not had today's yet.
   */
  async scheduled(controller, env) {
    const db = platformDatabase(env);
    const now = controller.scheduledTime;
    const scan = await supervisionScan(db, now, 18_000, (writeId) => enqueueDeliveries(env.ALERTS, db, writeId));
    console.log(JSON.stringify({ level: 'info', job: 'supervision-scan', ...scan }));
    if (digestDue(now)) {
      const digest = await dailyDigest(db, now, 6_000, (writeId) => enqueueDeliveries(env.ALERTS, db, writeId, true));
      console.log(JSON.stringify({ level: 'info', job: 'daily-digest', ...digest }));
    }
  },
  /** Alert emails and group-robot webhooks, with retries and a dead-letter record. */
  async queue(batch, env) {
    await consumeDeliveries(platformDatabase(env), batch as MessageBatch<DeliveryMessage>, {
      email: (m) => env.EMAIL.send(m),
      fetch: (input, init) => fetch(input, init),
      origin: env.PUBLIC_ORIGIN,
    });
  },
} satisfies ExportedHandler<Env>;

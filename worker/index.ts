/**
 * The Worker's entry: picks the entrance by Host (the platform's own hosts,
 * or a county's mapped hostname) and hands the request to it.
 */
import { createMappedHostApp, createPlatformApp } from './app';
import { platformDatabase } from '../db/client';
import { supervisionScan } from './supervision/scan';

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
  /** Every 15 minutes (wrangler.toml): the 三色督办 scan, with the trigger's time as "now". */
  async scheduled(controller, env) {
    const result = await supervisionScan(platformDatabase(env), controller.scheduledTime);
    console.log(JSON.stringify({ level: 'info', job: 'supervision-scan', ...result }));
  },
} satisfies ExportedHandler<Env>;

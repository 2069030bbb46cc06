/**
 * The Worker's entry: picks the entrance by Host (the platform's own hosts,
 * or a county's mapped hostname) and hands the request to it.
 */
import { createMappedHostApp, createPlatformApp } from './app';

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
} satisfies ExportedHandler<Env>;

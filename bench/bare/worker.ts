// The baseline of bench/load (issue #8): a bare Hono handler, no middleware,
// no D1. Run by `wrangler dev --config bench/bare/wrangler.toml` in the same
// run as the app, so each page's throughput and latency can be given as a
// ratio to what wrangler dev + workerd + Hono cost on this machine.
import { Hono } from 'hono';

export default new Hono().get('/', (c) => c.text('ok'));

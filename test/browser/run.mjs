// Browser checks: Debian's Chromium, driven by playwright-core, against
// `wrangler dev` on its own local D1 state (.wrangler/browser-state), so the
// run is repeatable and leaves the developer's local data alone.
//
//   npm run test:browser      (runs setup:local first, which writes the seed SQL)
//
// Prints "ok - name" / "not ok - name" per check and "N passed, M failed";
// exits 1 when anything fails. Never downloads a browser: set CHROMIUM_PATH
// to use another binary than /usr/bin/chromium.
//
// The harness (server, runner) is harness.mjs, the page helpers helpers.mjs;
// the checks live in checks/, imported below in the order they run. Order
// matters: the screenshots come first, before later checks add data.
import { main } from './harness.mjs';
import './checks/screenshots.mjs';
import './checks/submit.mjs';
import './checks/handling.mjs';
import './checks/axe-csp.mjs';
import './checks/public.mjs';
import './checks/statistics.mjs';
import './checks/forums-ballots.mjs';

await main();

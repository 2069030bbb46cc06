/**
 * Wires the app: shared middleware (request id → secure headers → body
 * limit → CSRF origin check), then two entrances to the same tenant routes —
 * `/t/{slug}/…` on the platform's hosts, or the root of a county's own
 * mapped hostname.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { MAX_UPLOAD_BODY_BYTES } from './rules/attachments';
import { IMPORT_MAX_BODY_BYTES } from './rules/import-plan';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { requestId } from 'hono/request-id';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { platformDatabase, shardBindings } from '../db/client';
import { countingD1, type QueryCount } from '../db/query-count';
import type { AppEnv } from './context';
import { handleError, handleNotFound, renderErrorPage } from './errors';
import { loadSession } from './auth/session';
import { tenantFromHost, tenantFromPath } from './middleware/tenant';
import { assetRoutes } from './routes/assets';
import { homeRoutes } from './routes/home';
import { loginRoutes } from './routes/login';
import { platformRoutes } from './routes/platform';
import { worklistRoutes } from './routes/worklists';
import { statisticsRoutes } from './routes/statistics';
import { accountRoutes } from './routes/account';
import { configRoutes } from './routes/admin/config';
import { directoryRoutes } from './routes/admin/directory';
import { importRoutes } from './routes/admin/import';
import { userAdminRoutes } from './routes/admin/users';
import { auditRoutes } from './routes/admin/audit';
import { resetPasswordRoutes } from './routes/reset-password';
import { suggestionPublicRoutes, suggestionRoutes } from './routes/suggestions';
import { disclosureRoutes } from './routes/disclosure';
import { forumRoutes } from './routes/forums';
import { ledgerRoutes } from './routes/ledger';
import { receptionPublicRoutes, receptionRoutes } from './routes/receptions';
import { projectRoutes, publicProjectRoutes } from './routes/projects';
import { text } from '../views/text/index';
import { createApi, isApiPath } from './api';

/** Largest request body accepted (forms; uploads get their own limit later). */
export const MAX_BODY_BYTES = 256 * 1024;
/** Form posts that may carry files: reply attachments, and the operator's county archive. */
const UPLOAD_PATH = /\/suggestions\/\d+\/act\/reply$|^\/platform\/restore$/;
/** The tenant admin's spreadsheet import: the upload, and the confirm that carries the file back. */
const IMPORT_PATH = /\/admin\/import\/(deputies|units)(\/confirm)?$/;

function withSharedMiddleware(app: Hono<AppEnv>) {
  app.use(requestId());
  app.use(async (c, next) => {
    if (c.env.COUNT_D1_QUERIES !== '1') return next();
    // Tests only: every D1 call of this request goes through a counter.
    const count: QueryCount = { roundTrips: 0, statements: 0 };
    const counted: Record<string, D1Database> = {};
    for (const binding of shardBindings(c.env)) counted[binding] = countingD1((c.env as unknown as Record<string, D1Database>)[binding]!, count);
    c.env = { ...c.env, ...counted };
    await next();
    try {
      c.res.headers.set('X-D1-Round-Trips', String(count.roundTrips));
      c.res.headers.set('X-D1-Statements', String(count.statements));
    } catch {
      // a response with immutable headers (a stored file): not a page
    }
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  app.use(async (c, next) => {
    const platformDb = platformDatabase(c.env);
    c.set('platformDb', platformDb);
    // Under a county, the tenant middleware points this at the county's shard.
    c.set('accountsDb', platformDb);
    await next();
    if (c.req.header('HX-Request') === 'true') {
      // A page htmx swapped must not be served from cache to a full load, and a
      // refused form must not change the address bar.
      c.res.headers.append('Vary', 'HX-Request');
      if (c.res.status >= 400) c.res.headers.set('HX-Push-Url', 'false');
    }
  });
  const tooLarge = (c: Context<AppEnv>) => renderErrorPage(c, 413, text.errors.tooLargeTitle, text.errors.tooLarge);
  const plainFormLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  const importLimit = bodyLimit({ maxSize: IMPORT_MAX_BODY_BYTES, onError: tooLarge });
  // Plain forms, except the spreadsheet import, which carries a file (and carries it back to confirm).
  const formLimit: MiddlewareHandler<AppEnv> = (c, next) =>
    IMPORT_PATH.test(new URL(c.req.url).pathname) ? importLimit(c, next) : plainFormLimit(c, next);
  const uploadLimit = bodyLimit({ maxSize: MAX_UPLOAD_BODY_BYTES, onError: tooLarge });
  // Only the forms that carry files accept more than a plain form needs. The
  // JSON API (worker/api) has its own limit and token auth instead of the Origin check.
  app.use((c, next) => {
    const path = new URL(c.req.url).pathname;
    if (isApiPath(path)) return next();
    return UPLOAD_PATH.test(path) ? uploadLimit(c, next) : formLimit(c, next);
  });
  const originCheck = csrf();
  app.use((c, next) => (isApiPath(new URL(c.req.url).pathname) ? next() : originCheck(c, next)));
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.route('/', assetRoutes);
  return app;
}

/** The pages of one county; the tenant is already on the context. */
function tenantPages() {
  const app = new Hono<AppEnv>();
  // The public pages (公开) come first: they answer before any session is read.
  app.route('/', suggestionPublicRoutes);
  app.route('/', receptionPublicRoutes);
  app.route('/', publicProjectRoutes);
  app.use('*', loadSession('tenant'));
  app.route('/', loginRoutes('tenant'));
  app.route('/', homeRoutes);
  app.route('/', suggestionRoutes);
  app.route('/', worklistRoutes);
  app.route('/', statisticsRoutes);
  app.route('/', accountRoutes);
  app.route('/', configRoutes);
  app.route('/', directoryRoutes).route('/', importRoutes);
  app.route('/', userAdminRoutes).route('/', auditRoutes).route('/', resetPasswordRoutes);
  app.route('/', disclosureRoutes);
  app.route('/', forumRoutes);
  app.route('/', ledgerRoutes);
  app.route('/', receptionRoutes);
  app.route('/', projectRoutes);
  return app;
}

/** Platform hosts: the landing page, the operator console, and /t/{slug}/… */
export function createPlatformApp() {
  const app = withSharedMiddleware(new Hono<AppEnv>({ strict: false }));
  app.route('/', platformRoutes);
  // The API first: it answers before the pages' tenant, session and HTML errors.
  app.route('/t/:slug/api/v1', createApi('path'));
  app.use('/t/:slug/*', tenantFromPath);
  app.route('/t/:slug', tenantPages());
  return app;
}

/** A county's own hostname: the same pages at the root. */
export function createMappedHostApp() {
  const app = withSharedMiddleware(new Hono<AppEnv>({ strict: false }));
  app.route('/api/v1', createApi('host'));
  app.use('*', tenantFromHost);
  app.route('/', tenantPages());
  return app;
}

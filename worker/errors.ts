/**
 * Errors a user meets are pages in Chinese that say what happened and what
 * to do next; unexpected errors are logged with the request id.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from './context';
import { ErrorPage, type NextStep } from '../views/pages/error-page';
import { pageShell } from '../views/render';
import { text } from '../views/text/index';

export function renderErrorPage(c: AppContext, status: ContentfulStatusCode, title: string, message: string, next?: NextStep) {
  const home = { href: c.var.base !== undefined && c.var.tenant ? `${c.var.base}/` : '/', label: text.errors.backHome };
  return c.html(pageShell(c, title, ErrorPage({ title, message, next: next ?? home })), status);
}

/** app.onError: known HTTP errors as pages; anything else logged with the request id. */
export function handleError(err: Error, c: AppContext) {
  if (err instanceof HTTPException) {
    if (err.status === 403) return renderErrorPage(c, 403, text.errors.csrfTitle, text.errors.csrf);
    if (err.status === 413) return renderErrorPage(c, 413, text.errors.tooLargeTitle, text.errors.tooLarge);
    if (err.status === 404) return notFound(c);
    if (err.status === 400) return renderErrorPage(c, 400, text.errors.csrfTitle, text.validation.invalidRequest);
  }
  const requestId = c.var.requestId ?? 'unknown';
  console.error(
    JSON.stringify({
      level: 'error',
      requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: err.message,
      stack: err.stack,
    }),
  );
  return renderErrorPage(c, 500, text.errors.serverTitle, text.errors.server(requestId));
}

/**
 * The one not-found answer: the Chinese 404 page, for a path that matches no
 * route and for an object that is not this county's (or not the reader's to
 * see, so its existence is not revealed either). `message` and `next` for
 * the few pages that say more (a county that no longer exists).
 */
export function notFound(c: AppContext, message: string = text.errors.notFound, next?: NextStep) {
  return renderErrorPage(c, 404, text.errors.notFoundTitle, message, next);
}

/** app.notFound: a path that matches no route. */
export function handleNotFound(c: AppContext) {
  return notFound(c);
}

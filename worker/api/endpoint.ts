/**
 * One API operation, described once: its method and path, who may call it
 * (the permission table's actions), its request and response schemas, and
 * its handler. The router and the OpenAPI document are both built from the
 * list of these, so they cannot drift apart.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppContext, AppEnv } from '../context';
import { can, type Action } from '../rules/roles';
import { apiError, type ApiErrorCode } from './errors';
import { requireJsonBody, requireToken } from './auth';
import { text } from '../../views/text/index';

type Schema = z.ZodType;

export interface Endpoint<B extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined> {
  /** operationId; its summary is text.api.docs.operations[id]. */
  id: string;
  method: 'get' | 'post';
  /** Hono pattern, e.g. `/suggestions/:id{[0-9]{1,15}}`. */
  path: string;
  /** No token needed (the OpenAPI document only). */
  public?: boolean;
  /** The caller's role must allow one of these (403 otherwise); none: any token. */
  allow?: Action[];
  body?: B;
  query?: Q;
  /** Request headers the operation reads (documented). */
  headers?: { name: string; required: boolean; description: string }[];
  /** Success status and body schema. */
  success: { status: 200 | 201; schema: Schema; alsoStatus?: 200 };
  /** Error codes this operation may answer with (besides 401/415/413/400). */
  errors?: ApiErrorCode[];
  handle: (
    c: AppContext,
    input: { body: B extends Schema ? z.output<B> : undefined; query: Q extends Schema ? z.output<Q> : undefined },
  ) => Promise<Response>;
}

/** Keeps the handler's input typed from the schemas. */
export function defineEndpoint<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(e: Endpoint<B, Q>): Endpoint {
  return e as unknown as Endpoint;
}

/** Per-field messages from zod issues: the first one per top-level field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    // The body as a whole (not a JSON object): one message, in Chinese.
    if (issue.path.length === 0) fields['_body'] ??= text.api.fields.expectedObject;
    else fields[String(issue.path[0])] ??= issue.message;
  }
  return fields;
}

function allowed(c: AppContext, e: Endpoint): boolean {
  const role = c.var.user!.role;
  return !e.allow || e.allow.some((a) => can(role, a));
}

/** Adds the endpoints to the router: token → role → JSON body → schemas → handler. */
export function register(app: Hono<AppEnv>, endpoints: Endpoint[]) {
  for (const e of endpoints) {
    const auth: MiddlewareHandler<AppEnv> = e.public ? (_c, next) => next() : requireToken;
    app.on(e.method.toUpperCase(), e.path, auth, async (c) => {
      if (!e.public && !allowed(c, e)) return apiError(c, 'forbidden');
      let body: unknown;
      if (e.method === 'post') {
        const read = await requireJsonBody(c);
        if (!read.ok) return read.response;
        if (e.body) {
          const parsed = e.body.safeParse(read.value);
          if (!parsed.success) return apiError(c, 'validation_failed', { fields: fieldErrors(parsed.error.issues) });
          body = parsed.data;
        }
      }
      let query: unknown;
      if (e.query) {
        const parsed = e.query.safeParse(c.req.query());
        if (!parsed.success) return apiError(c, 'validation_failed', { fields: fieldErrors(parsed.error.issues) });
        query = parsed.data;
      }
      return e.handle(c, { body, query } as never);
    });
  }
}

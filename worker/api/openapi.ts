/**
 * The OpenAPI 3.1 document of /api/v1, generated from the endpoint list
 * and its zod schemas (JSON Schema 2020-12, which OpenAPI 3.1 uses).
 */
import * as z from 'zod';
import type { Endpoint } from './endpoint';
import { API_ERRORS, type ApiErrorCode } from './errors';
import { errorResponse } from './schemas';
import { text } from '../../views/text/index';

const d = text.api.docs;

/** `/suggestions/:id{[0-9]{1,15}}/reply` → `/suggestions/{id}/reply`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_]+)(\{[^/]*\})?/g, '{$1}');
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** Errors every operation may answer with. */
const COMMON: ApiErrorCode[] = ['unauthorized', 'tenant_not_found', 'tenant_suspended'];
const BODY: ApiErrorCode[] = ['unsupported_media_type', 'invalid_json', 'payload_too_large', 'validation_failed'];

function operation(e: Endpoint) {
  const params: unknown[] = [];
  for (const [, name] of e.path.matchAll(/:([A-Za-z_]+)/g)) {
    params.push({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
  }
  if (e.query) {
    const q = jsonSchema(e.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      params.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
    }
  }
  for (const h of e.headers ?? [])
    params.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } });

  const codes = new Set<ApiErrorCode>([...(e.public ? [] : COMMON), ...(e.method === 'post' ? BODY : []), ...(e.errors ?? [])]);
  const responses: Record<string, unknown> = {};
  const success = { description: 'OK', content: { 'application/json': { schema: jsonSchema(e.success.schema, 'output') } } };
  responses[String(e.success.status)] = success;
  if (e.success.alsoStatus) responses[String(e.success.alsoStatus)] = success;
  for (const code of codes) {
    const status = String(API_ERRORS[code].status);
    const entry = (responses[status] ??= {
      description: '',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    }) as { description: string };
    entry.description = [entry.description, code].filter(Boolean).join(' | ');
  }
  responses['500'] = { description: 'internal_error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

  return {
    operationId: e.id,
    summary: d.operations[e.id] ?? e.id,
    ...(e.public ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input') } } } } : {}),
    responses,
  };
}

export function openApiDocument(endpoints: Endpoint[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) (paths[openApiPath(e.path)] ??= {})[e.method] = operation(e);
  return {
    openapi: '3.1.0',
    info: { title: d.title, version: '1.0.0', description: d.description },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'hy_…' } },
      schemas: { Error: jsonSchema(errorResponse, 'output') },
    },
  };
}

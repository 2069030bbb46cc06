/**
 * The one form boundary (issue 13): a route puts `form(schema, onInvalid)` in
 * its signature, after `requireFormToken`. It parses the posted body
 * (application/x-www-form-urlencoded or multipart/form-data, through Hono's
 * `validator`), reads the schema's fields as text, and runs the zod schema.
 * Refused: `onInvalid` re-renders the same page with one Chinese message per
 * field and everything the user typed. Accepted: the handler reads
 * `c.req.valid('form')` = `{ values, data }` (the text as typed, the checked
 * value).
 *
 * A route whose checks need the object its path names (found, and in a
 * state that takes the form) loads it first and calls `checkPosted(c, schema)`
 * in the handler: the same reading, the same messages.
 *
 * @example
 * routes.post('/admin/units', admin, requireFormToken, form(unitSchema, (c, values, errors) => renderForm(c, values, errors)),
 *   async (c) => { const { data } = c.req.valid('form'); ... });
 */
import type { MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import * as z from 'zod';
import type { AppContext, AppEnv } from '../context';

/** What a form typed, as text (a list for fields the schema takes as arrays), kept to re-show on a refused submit. */
export type FormValues = Record<string, string>;
/** One Chinese message per field, keyed by the field's name. */
export type FormErrors = Record<string, string>;

/**
 * A form's schema: an object of its fields, possibly piped into a transform
 * that turns the checked fields into what the use case takes.
 */
export type FormSchema = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

/** How one field is read: a list for an array field; the file of a file field; one string, or undefined when an optional field is absent. */
type TextOf<T> = [T] extends [readonly unknown[] | undefined]
  ? string[]
  : [T] extends [File | undefined]
    ? File | undefined
    : undefined extends T
      ? string | undefined
      : string;

/** The text the schema's fields are read as. */
export type FormText<S extends FormSchema> = { [K in keyof z.input<S>]-?: TextOf<z.input<S>[K]> };

/** What the handler gets once the form passed. */
export interface CheckedForm<S extends FormSchema> {
  values: FormText<S>;
  data: z.output<S>;
}

/** The outcome of a hand-written field reader: the value, or a message (or code) per field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Partial<Record<string, string>> };

/**
 * A hand-written reader as a form schema: `fields` says which fields are read
 * (as text), `parse` checks them with its own messages, reported on the
 * same fields. For readers whose rules are a sequence of checks, not a shape.
 */
export function parsedBy<S extends z.ZodObject, T>(fields: S, parse: (v: z.output<S>) => Parsed<T>): z.ZodPipe<S, z.ZodTransform<T, z.output<S>>>;
/** The same for a reader whose checks read the county's data (`form()` runs it asynchronously). */
export function parsedBy<S extends z.ZodObject, T>(
  fields: S,
  parse: (v: z.output<S>) => Promise<Parsed<T>>,
): z.ZodPipe<S, z.ZodTransform<T, z.output<S>>>;
export function parsedBy<S extends z.ZodObject, T>(fields: S, parse: (v: z.output<S>) => Parsed<T> | Promise<Parsed<T>>) {
  return fields.transform((v, ctx) => {
    const report = (r: Parsed<T>): T => {
      if (r.ok) return r.value;
      for (const [path, message] of Object.entries(r.errors)) if (message !== undefined) ctx.addIssue({ code: 'custom', path: [path], message });
      return z.NEVER;
    };
    const r = parse(v);
    return r instanceof Promise ? r.then(report) : report(r);
  }) as unknown as z.ZodPipe<S, z.ZodTransform<T, z.output<S>>>;
}

/** A field read as text (the first value; '' when absent). */
export const textField = z.string();
/** A field read as every non-empty text value it was sent with. */
export const listField = z.array(z.string());
/** A file input (multipart forms): the first file sent, or undefined. */
export const fileField = z.instanceof(File).optional();

/** The object of fields of a form's schema. */
function fieldsOf(schema: FormSchema): z.ZodObject {
  return schema instanceof z.ZodPipe ? (schema.in as z.ZodObject) : schema;
}

/** The body as Hono's validator gives it: one value, or a list for a repeated field. */
type Body = Record<string, unknown>;

/** Whether a field of the schema is of `type` (z.array, z.optional…), possibly inside a pipe, optional or default. */
function isOf(field: z.ZodType, type: 'array' | 'optional' | 'custom'): boolean {
  let def = (field as unknown as { def: { type: string; in?: z.ZodType; innerType?: z.ZodType } }).def;
  for (let depth = 0; depth < 8; depth++) {
    if (def.type === type) return true;
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner) return false;
    def = (inner as unknown as { def: typeof def }).def;
  }
  return false;
}

/**
 * The schema's fields from a parsed body, as text: a single field keeps its
 * first text value ('' when absent or a file, undefined when an optional
 * field is absent); a list field keeps its non-empty text values (how many
 * it may have is the schema's rule); a file field (fileField) its first file.
 * Fields the schema does not name are dropped.
 */
export function readForm<S extends FormSchema>(schema: S, body: Body): FormText<S> {
  const out: Record<string, string | string[] | File | undefined> = {};
  for (const [key, field] of Object.entries(fieldsOf(schema).shape)) {
    const raw = body[key];
    if (isOf(field as z.ZodType, 'custom')) {
      out[key] = (Array.isArray(raw) ? raw : [raw]).find((x): x is File => x instanceof File);
      continue;
    }
    const all = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x): x is string => typeof x === 'string');
    if (isOf(field as z.ZodType, 'array')) out[key] = all.filter((x) => x !== '');
    else if (all[0] === undefined && isOf(field as z.ZodType, 'optional')) out[key] = undefined;
    else out[key] = all[0] ?? '';
  }
  return out as FormText<S>;
}

/** The first message of each field that failed (a form shows one message per field). */
export function fieldErrors(error: z.ZodError): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

export type FormResult<S extends FormSchema> = { ok: true; value: z.output<S> } | { ok: false; errors: FormErrors };

/** Runs a schema over a form's text: the value, or one Chinese message per field. */
export function parseForm<S extends FormSchema>(schema: S, values: Record<string, unknown>): FormResult<S> {
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data as z.output<S> } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** parseForm for schemas with asynchronous checks. */
export async function checkForm<S extends FormSchema>(schema: S, values: Record<string, unknown>): Promise<FormResult<S>> {
  const parsed = await schema.safeParseAsync(values);
  return parsed.success ? { ok: true, value: parsed.data as z.output<S> } : { ok: false, errors: fieldErrors(parsed.error) };
}

/**
 * Route middleware: the form checked by `schema` (or by the schema built for
 * this request, when its checks need the county's data), or the page
 * re-rendered by `onInvalid` with the field errors and the typed text.
 */
export function form<S extends FormSchema>(
  schema: S | ((c: AppContext) => S | Promise<S>),
  onInvalid: (c: AppContext, values: FormText<S>, errors: FormErrors) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv, string, { in: { form: Record<string, string | string[]> }; out: { form: CheckedForm<S> } }> {
  return validator('form', async (body: Body, c: AppContext) => {
    const s = typeof schema === 'function' ? await schema(c) : schema;
    const values = readForm(s, body);
    const checked = await checkForm(s, values);
    if (!checked.ok) return onInvalid(c, values, checked.errors);
    return { values, data: checked.value } satisfies CheckedForm<S>;
  }) as unknown as MiddlewareHandler<AppEnv, string, { in: { form: Record<string, string | string[]> }; out: { form: CheckedForm<S> } }>;
}

/** The posted form's fields as text (readForm over the request's body), for a schema built from what was typed. */
export async function readPosted<S extends FormSchema>(c: AppContext, schema: S): Promise<FormText<S>> {
  return readForm(schema, await c.req.parseBody({ all: true }));
}

/**
 * The same check inside a handler, for a form whose schema needs the object
 * the path names (loaded, and found, first): the typed text with either the
 * checked value or the field errors.
 */
export async function checkPosted<S extends FormSchema>(
  c: AppContext,
  schema: S,
): Promise<({ ok: true; data: z.output<S> } | { ok: false; errors: FormErrors }) & { values: FormText<S> }> {
  const values = await readPosted(c, schema);
  const checked = await checkForm(schema, values);
  return checked.ok ? { ok: true, data: checked.value, values } : { ok: false, errors: checked.errors, values };
}

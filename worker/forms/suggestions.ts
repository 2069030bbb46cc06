/**
 * What a suggestion form may contain (zod at the boundary). The checks that
 * need the database (does this co-signer exist in this tenant?) are made by
 * the route with the tenant's data layer, and reported on the same fields.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { charCount } from '../rules/char-count';
import { CONTENT_MAX, COSIGNERS_MAX, SOURCE_CHANNELS, TITLE_MAX } from '../rules/suggestion-limits';

export { charCount, CONTENT_MAX, COSIGNERS_MAX, SOURCE_CHANNELS, TITLE_MAX };

const v = text.validation;

/** A positive integer id sent as text; anything else gets `message`. */
const idField = (message: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, message)
    .transform(Number);

export const suggestionFormSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, v.titleRequired)
    .refine((s) => charCount(s) <= TITLE_MAX, v.titleTooLong(TITLE_MAX)),
  content: z
    .string()
    .trim()
    .min(1, v.contentRequired)
    .superRefine((s, ctx) => {
      const n = charCount(s);
      if (n > CONTENT_MAX) ctx.addIssue({ code: 'custom', message: v.contentTooLong(CONTENT_MAX, n) });
    }),
  category_id: z.string().min(1, v.categoryRequired).pipe(idField(v.categoryUnknown)),
  source_channel: z.enum(SOURCE_CHANNELS, { error: v.channelRequired }),
  cosigners: z
    .array(idField(v.cosignerUnknown))
    .max(COSIGNERS_MAX, v.cosignersTooMany(COSIGNERS_MAX))
    .transform((ids) => [...new Set(ids)]),
  /** Only for a liaison clerk entering on a deputy's behalf. */
  deputy_id: z
    .string()
    .regex(/^([1-9][0-9]{0,15})?$/, v.deputyUnknown)
    .transform((s) => (s ? Number(s) : null)),
  idempotency_key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, v.invalidRequest),
});

export type SuggestionForm = z.infer<typeof suggestionFormSchema>;

/** What the user typed, kept as text so the form can be shown again unchanged. */
export interface SuggestionFormValues {
  title: string;
  content: string;
  category_id: string;
  source_channel: string;
  cosigners: string[];
  deputy_id: string;
  idempotency_key: string;
  /** 单月座谈议题 it goes under (checked against the tenant's open topics by the route). */
  forum_topic_id?: string;
}

type Body = Record<string, string | File | (string | File)[]>;

function one(body: Body, key: string): string {
  const value = body[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function many(body: Body, key: string): string[] {
  const value = body[key] ?? body[`${key}[]`];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((x): x is string => typeof x === 'string' && x !== '');
}

/** Reads a parsed form body (parseBody({ all: true })) into plain values. */
export function suggestionFormValues(body: Body): SuggestionFormValues {
  return {
    title: one(body, 'title'),
    content: one(body, 'content'),
    category_id: one(body, 'category_id'),
    source_channel: one(body, 'source_channel'),
    cosigners: many(body, 'cosigners'),
    deputy_id: one(body, 'deputy_id'),
    idempotency_key: one(body, 'idempotency_key'),
    forum_topic_id: one(body, 'forum_topic_id'),
  };
}

export type FieldErrors = Partial<Record<keyof SuggestionFormValues | 'form', string>>;

export type ParseResult = { ok: true; value: SuggestionForm } | { ok: false; errors: FieldErrors };

/** Validates the shape of the form; the first message per field is kept. */
export function parseSuggestionForm(values: SuggestionFormValues): ParseResult {
  const result = suggestionFormSchema.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = (issue.path[0] as keyof SuggestionFormValues | undefined) ?? 'form';
    if (field === 'idempotency_key') errors.form ??= issue.message;
    else errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * What a suggestion form may contain (zod at the boundary). The checks that
 * need the database (does this co-signer exist in this tenant?) are made by
 * the route with the tenant's data layer, and reported on the same fields.
 */
import * as z from 'zod';
import { listField, readForm, textField } from './validate';
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

/** The form's fields as text, read at the one form boundary (worker/forms/validate.ts readForm). */
export const suggestionFields = z.object({
  title: textField,
  content: textField,
  category_id: textField,
  source_channel: textField,
  cosigners: listField,
  deputy_id: textField,
  idempotency_key: textField,
  forum_topic_id: textField.optional(),
  /** 保存草稿 (draft) or 提交建议 (anything else). */
  intent: textField.optional(),
});

/** Reads a posted body into the form's text values (and the button pressed). */
export function suggestionFormValues(body: Record<string, unknown>): SuggestionFormValues & { intent?: string } {
  return readForm(suggestionFields, body);
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

/**
 * 公开 forms: the batch of replied suggestions ticked for publication, and
 * the public copy staff edit (checked by worker/rules/disclosure.ts
 * parsePublicCopy against the names and numbers that must be withheld).
 */
import * as z from 'zod';
import { parsePublicCopy } from '../rules/disclosure';
import { text } from '../../views/text/index';
import { messagesOf } from '../../views/text/messages';
import { parsedBy, textField } from './validate';

/** Most suggestions published by one batch form (批量公开). */
export const MAX_BATCH = 100;

const id = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number);

export const batchSchema = z.object({
  ids: z
    .array(id)
    .max(MAX_BATCH, text.disclosure.batchTooMany(MAX_BATCH))
    .transform((list) => [...new Set(list)]),
});

/** The publish form's three texts; `patterns`: what must not appear in them. */
export function publicCopyFormSchema(patterns: readonly RegExp[]) {
  return parsedBy(z.object({ title: textField, content: textField, reply_text: textField }), (v) => {
    const r = parsePublicCopy(v, patterns);
    return r.ok ? r : { ok: false as const, errors: messagesOf(r.errors, text.disclosure.copyErrors) };
  });
}

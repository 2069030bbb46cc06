/**
 * 评优 marks (统计分析 · 评优): the hidden fields of a mark / unmark button.
 * A refused one is a tampered form, answered with one notice on the page.
 */
import * as z from 'zod';

export const markSchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number),
  kind: z.enum(['unit', 'suggestion']),
  target_id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number),
  op: z.enum(['mark', 'unmark']),
  note: z.string().trim().max(200).optional(),
});

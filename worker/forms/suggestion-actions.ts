/**
 * The forms of the handling actions (zod at the boundary), with a Chinese
 * message per field. Checks that need the tenant's data (does this unit
 * exist here?) or the calendar are made by the action route on the same
 * fields.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { parseIsoDate } from '../rules/calendar';
import { charCount } from '../rules/char-count';

const e = text.handlingErrors;

/** What the user typed, as text, so a refused form comes back unchanged. */
export type ActionValues = Record<string, string | string[]>;
export type ActionErrors = Record<string, string>;

const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, e.required)
    .refine((s) => charCount(s) <= max, e.tooLong(max));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => charCount(s) <= max, e.tooLong(max))
    .transform((s) => (s === '' ? null : s));

const isoDate = z
  .string()
  .trim()
  .refine((s) => parseIsoDate(s) !== null, e.dateInvalid);

const optionalDate = z
  .string()
  .trim()
  .refine((s) => s === '' || parseIsoDate(s) !== null, e.dateInvalid)
  .transform((s) => (s === '' ? null : s));

const id = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, e.unitUnknown)
  .transform(Number);
const ids = z
  .array(id)
  .max(50)
  .transform((list) => [...new Set(list)]);
const optionalId = z
  .string()
  .regex(/^([1-9][0-9]{0,15})?$/, e.chooseOne)
  .transform((s) => (s ? Number(s) : null));

const rating = z.enum(['satisfied', 'basically', 'unsatisfied'], { error: e.chooseOne });
const replyClass = z.enum(['A', 'B', 'C', 'D'], { error: e.classUnknown });

const classification = z.object({
  category_id: optionalId,
  is_key: z
    .string()
    .optional()
    .transform((v) => v === '1'),
  supervising_leader_id: optionalId,
});

const assignment = z.object({
  mode: z.enum(['lead', 'split'], { error: e.chooseOne }),
  lead_unit: optionalId,
  assist_units: ids,
  split_units: ids,
  note: optionalText(500),
});

export const ACTION_SCHEMAS = {
  accept: classification,
  classify: classification,
  return_for_revision: z.object({ note: requiredText(1000) }),
  reject: z
    .object({
      reason_code: z.enum(['personal', 'no_content', 'forwarding', 'ad', 'other'], { error: e.chooseOne }),
      reason: optionalText(500),
    })
    .superRefine((v, ctx) => {
      if (v.reason_code === 'other' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: e.required });
    }),
  merge: z.object({
    target_number: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{4}$/, e.targetUnknown),
  }),
  assign: assignment,
  /** 改交办 takes the same form as 交办. */
  reassign: assignment,
  approve_return: z.object({ note: optionalText(500) }),
  refuse_return: z.object({ note: requiredText(500) }),
  extend: z.object({ new_due: isoDate, reason: requiredText(500) }),
  correct_class: z.object({ reply_class: replyClass, reason: requiredText(500) }),
  close: z.object({ note: requiredText(500) }),
  sign_for: z.object({}),
  request_return: z.object({ reason: requiredText(500) }),
  opinion: z.object({ body: requiredText(5000) }),
  contact: z.object({
    contacted_on: isoDate,
    who: z.enum(['unit_head', 'deputy_head', 'staff'], { error: e.chooseOne }),
    how: z.enum(['meeting', 'site_visit', 'phone', 'other'], { error: e.chooseOne }),
    note: optionalText(1000),
  }),
  reply: z
    .object({
      body: requiredText(10_000),
      signer: requiredText(50),
      reply_class: replyClass,
      promised_date: optionalDate,
    })
    .superRefine((v, ctx) => {
      if (v.reply_class === 'B' && !v.promised_date) {
        ctx.addIssue({ code: 'custom', path: ['promised_date'], message: e.promisedRequired });
      }
    }),
  progress: z.object({ body: requiredText(5000) }),
  final_reply: z.object({ body: requiredText(10_000) }),
  rate: z.object({ attitude: rating, result: rating, comment: optionalText(1000) }),
  raise_colour: z.object({ colour: z.enum(['yellow', 'red'], { error: e.chooseOne }), reason: requiredText(500) }),
  supervise: z.object({
    kind: z.enum(['letter', 'interview', 'notice', 'site_visit'], { error: e.chooseOne }),
    acted_on: isoDate,
    note: optionalText(1000),
  }),
} as const;

export type FormAction = keyof typeof ACTION_SCHEMAS;
export type ActionInput<A extends FormAction> = z.infer<(typeof ACTION_SCHEMAS)[A]>;

/** Fields that may hold several values (multi-selects). */
const MANY = new Set(['assist_units', 'split_units']);

export function parseAction<A extends FormAction>(
  action: A,
  values: ActionValues,
): { ok: true; value: ActionInput<A> } | { ok: false; errors: ActionErrors } {
  const schema = ACTION_SCHEMAS[action] as unknown as z.ZodType<ActionInput<A>>;
  const withDefaults: Record<string, unknown> = { ...values };
  const shape = 'shape' in schema ? (schema as unknown as { shape: Record<string, unknown> }).shape : undefined;
  for (const key of Object.keys(shape ?? {})) withDefaults[key] ??= MANY.has(key) ? [] : '';
  const result = schema.safeParse(withDefaults);
  if (result.success) return { ok: true, value: result.data };
  const errors: ActionErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * 基础名录 input: the fields of deputies, handling units, liaison stations
 * and categories, checked once here for both the admin's forms and the
 * import files (worker/rules/import-rows.ts), with a Chinese message per
 * field. Also the natural key that says when two deputies are the same.
 */
import * as z from 'zod';
import { text } from '../../views/i18n';

const e = text.directory.errors;

export const DEPUTY_LEVELS = ['national', 'provincial', 'city', 'county', 'township'] as const;
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];
export const STATION_LEVELS = ['county', 'township'] as const;

/** Longest names and texts, in characters. */
export const MAX = { name: 50, group: 50, address: 100, township: 30, email: 100 } as const;

/** Invisible control characters (tab and line breaks included: these are one-line fields). */
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

function oneLine(max: number) {
  return z
    .string()
    .trim()
    .max(max, e.tooLong(max))
    .refine((s) => !CONTROL.test(s), e.controlChars);
}

/** A required one-line text of at most `max` characters. */
export const requiredText = (max: number) => oneLine(max).refine((s) => s.length > 0, e.required);
/** An optional one-line text; empty becomes null. */
export const optionalText = (max: number) => oneLine(max).transform((s) => s || null);

/** 13800000000, 0394-1234567, +86 138 0000 0000: digits and hyphens (spaces dropped). */
export const phoneField = z
  .string()
  .transform((s) => s.replace(/[\s\u3000]/g, ''))
  .refine((s) => s === '' || /^\+?\d[\d-]{4,23}$/.test(s), e.phoneInvalid)
  .transform((s) => s || null);

export const emailField = z
  .string()
  .trim()
  .refine((s) => s === '' || (s.length <= MAX.email && /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/.test(s)), e.emailInvalid)
  .transform((s) => s || null);

/** A deputy level as a key (county), its label (县人大代表) or a short form (县, 县级). */
export function levelFromText(value: string): DeputyLevel | null {
  const v = value.trim();
  if ((DEPUTY_LEVELS as readonly string[]).includes(v)) return v as DeputyLevel;
  const byLabel = Object.entries(text.deputyLevels).find(([, label]) => label === v)?.[0];
  const found = byLabel ?? text.directory.levelAliases[v];
  return found && (DEPUTY_LEVELS as readonly string[]).includes(found) ? (found as DeputyLevel) : null;
}

export const levelField = z.string().transform((s, ctx) => {
  const level = levelFromText(s);
  if (!level) {
    ctx.addIssue({ code: 'custom', message: s.trim() ? e.levelUnknown : e.required });
    return z.NEVER;
  }
  return level;
});

/** An id chosen in a form's list ('' for none); whether it is one of the tenant's is the route's check. */
const optionalId = z
  .string()
  .trim()
  .refine((s) => s === '' || /^\d{1,9}$/.test(s), e.stationUnknown)
  .transform((s) => (s === '' ? null : Number(s)));

export const deputySchema = z.object({
  name: requiredText(MAX.name),
  level: levelField,
  station_id: optionalId,
  group_name: optionalText(MAX.group),
  phone: phoneField,
  address: optionalText(MAX.address),
  confidential: z.string().transform((s) => s === '1'),
});

export const unitSchema = z.object({
  name: requiredText(MAX.name),
  head_contact: optionalText(MAX.name),
  phone: phoneField,
  email: emailField,
});

export const stationSchema = z.object({
  name: requiredText(MAX.name),
  township: optionalText(MAX.township),
  level: z.enum(STATION_LEVELS, { message: e.stationLevelUnknown }),
});

export const categorySchema = z.object({
  name: requiredText(MAX.name),
  sort: z
    .string()
    .trim()
    .refine((s) => /^\d{1,4}$/.test(s), e.sortInvalid)
    .transform(Number),
});

/** What a form typed, as text, kept to re-show on a refused submit. */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** The form's fields (as listed by the schema) from a parsed body; absent fields are ''. */
export function formValues(schema: z.ZodObject, body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const key of Object.keys(schema.shape)) {
    const v = body[key];
    out[key] = typeof v === 'string' ? v.slice(0, 1000) : '';
  }
  return out;
}

/** Runs a schema over a form's values: the value, or one Chinese message per field. */
export function parseForm<S extends z.ZodObject>(
  schema: S,
  values: FormValues,
): { ok: true; value: z.output<S> } | { ok: false; errors: FormErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * Two deputy records are the same person when name and phone match; a
 * deputy without a phone is known by name and level. The admin's form and
 * the import both refuse a second record with the same key.
 */
export function deputyKey(d: { name: string; phone: string | null; level: string }): string {
  return d.phone ? `${d.name}\u0000phone\u0000${d.phone}` : `${d.name}\u0000level\u0000${d.level}`;
}

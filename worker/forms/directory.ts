/**
 * 基础名录 input: the fields of deputies, handling units, liaison stations
 * and categories, checked once here for both the admin's forms and the
 * import files (worker/forms/import-rows.ts), with a Chinese message per
 * field. The levels and the natural key of a deputy are worker/rules/directory.ts.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { DEPUTY_LEVELS, STATION_LEVELS, type DeputyLevel } from '../rules/directory';

export { DEPUTY_LEVELS, deputyKey, STATION_LEVELS, type DeputyLevel } from '../rules/directory';
export type { FormErrors, FormValues } from './validate';

const e = text.directory.errors;

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

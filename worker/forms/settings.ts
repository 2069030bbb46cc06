/**
 * The tenant admin's settings form → TenantSettings, with a Chinese message
 * next to each field that is wrong. Field names: `<key>_unit` and
 * `<key>_amount` for each period, plus the plain ones.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { parseIsoDate, type PeriodRule } from '../rules/calendar';
import { settingsSchema, type TenantSettings } from '../rules/settings';
import { parseWeights, weightField, weightValues } from './ledger';
import { LEDGER_ITEMS } from '../rules/ledger';
import { parsedBy } from './validate';

const t = text.admin.settings;
export const PERIOD_KEYS = [
  'replyDeadline',
  'returnWindow',
  'assistOpinionWindow',
  'evaluationWindow',
  'rehandlingWindow',
  'disclosureWindow',
] as const;
const UNITS = ['months', 'days', 'working_days'] as const;

export type SettingsValues = Record<string, string>;
export type SettingsErrors = Record<string, string>;

/** The form's text values for the current settings. */
export function settingsValues(s: TenantSettings): SettingsValues {
  const v: SettingsValues = {
    replyDeadlineFrom: s.replyDeadlineFrom,
    sessionCloseDate: s.sessionCloseDate ?? '',
    maxExtensionMonths: String(s.maxExtensionMonths),
    classes: s.replyClasses.length === 3 ? '3' : '4',
    trackC: s.trackedClasses.includes('C') ? '1' : '',
    yellowDaysBefore: String(s.yellowDaysBefore),
    alertWebhookUrl: s.alertWebhookUrl ?? '',
    alertWebhookKind: s.alertWebhookKind,
    ...weightValues(s.ledgerWeights),
  };
  for (const key of PERIOD_KEYS) {
    v[`${key}_unit`] = s[key].unit;
    v[`${key}_amount`] = String(s[key].amount);
  }
  return v;
}

function int(value: string | undefined, min: number, max: number): number | null {
  if (!value || !/^\d{1,3}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : null;
}

export function parseSettingsForm(v: SettingsValues): { ok: true; value: TenantSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const periods: Partial<Record<(typeof PERIOD_KEYS)[number], PeriodRule>> = {};
  for (const key of PERIOD_KEYS) {
    const unit = UNITS.find((u) => u === v[`${key}_unit`]);
    const amount = int(v[`${key}_amount`], 0, 400);
    if (!unit || amount === null) errors[`${key}_amount`] = t.amountInvalid;
    else periods[key] = { unit, amount };
  }
  const from = v.replyDeadlineFrom === 'session_close' ? 'session_close' : 'assignment';
  const closeDate = (v.sessionCloseDate ?? '').trim();
  if (closeDate && !parseIsoDate(closeDate)) errors.sessionCloseDate = text.handlingErrors.dateInvalid;
  if (from === 'session_close' && !closeDate) errors.sessionCloseDate = text.handlingErrors.required;
  const maxExtensionMonths = int(v.maxExtensionMonths, 0, 24);
  if (maxExtensionMonths === null) errors.maxExtensionMonths = t.amountInvalid;
  const yellowDaysBefore = int(v.yellowDaysBefore, 0, 90);
  if (yellowDaysBefore === null) errors.yellowDaysBefore = t.amountInvalid;
  const webhook = (v.alertWebhookUrl ?? '').trim();
  if (webhook && !/^https:\/\/[^\s]{4,490}$/.test(webhook)) errors.alertWebhookUrl = t.webhookInvalid;
  const weights = parseWeights(v);
  if (!weights.ok) Object.assign(errors, weights.errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  const three = v.classes === '3';
  const value = settingsSchema.parse({
    ...periods,
    replyDeadlineFrom: from,
    sessionCloseDate: closeDate || null,
    maxExtensionMonths,
    replyClasses: three ? ['A', 'B', 'C'] : ['A', 'B', 'C', 'D'],
    trackedClasses: v.trackC === '1' ? ['B', 'C'] : ['B'],
    yellowDaysBefore,
    alertWebhookUrl: webhook || null,
    alertWebhookKind: v.alertWebhookKind === 'dingtalk' ? 'dingtalk' : 'wecom',
    ledgerWeights: weights.ok ? weights.value : undefined,
  });
  return { ok: true, value };
}

/** The settings form's fields: each read as text of at most 100 characters; an absent one stays absent (a weight then keeps its default). */
const SETTINGS_FIELDS = [
  'replyDeadlineFrom',
  'sessionCloseDate',
  'maxExtensionMonths',
  'classes',
  'trackC',
  'yellowDaysBefore',
  'alertWebhookUrl',
  'alertWebhookKind',
  ...LEDGER_ITEMS.map(weightField),
  ...PERIOD_KEYS.flatMap((key) => [`${key}_unit`, `${key}_amount`]),
];
const settingText = z
  .string()
  .optional()
  .transform((s) => s?.slice(0, 100));

/** 办理设置 as a form schema: the fields, then parseSettingsForm's checks. */
export const settingsFormSchema = parsedBy(z.object(Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, settingText]))), (v) =>
  parseSettingsForm(v as SettingsValues),
);

/**
 * Tenant settings with the defaults of DOMAIN.md. Stored as one JSON value
 * per key in the `settings` table; a missing or invalid key falls back to
 * its default, so a new tenant works with no rows at all.
 */
import * as z from 'zod';
import { parseIsoDate } from './calendar.ts';
import { ledgerWeightsSchema } from './ledger.ts';

const period = (unit: 'months' | 'days' | 'working_days', amount: number) =>
  z.object({ unit: z.enum(['months', 'days', 'working_days']), amount: z.number().int().min(0).max(400) }).default({ unit, amount });

export const REPLY_CLASSES_FOUR = ['A', 'B', 'C', 'D'] as const;
export type ReplyClass = (typeof REPLY_CLASSES_FOUR)[number];

export const settingsSchema = z.object({
  /** 答复期限: 3 calendar months from assignment (代表法 Art. 51), or from the session's close. */
  replyDeadline: period('months', 3),
  replyDeadlineFrom: z.enum(['assignment', 'session_close']).default('assignment'),
  /** When counting from the session's close: that date (China date). */
  sessionCloseDate: z
    .string()
    .refine((s) => parseIsoDate(s) !== null)
    .nullable()
    .default(null),
  /** 最长延期: a reply due date may be extended to at most this many months after assignment. */
  maxExtensionMonths: z.number().int().min(0).max(24).default(6),
  /** 申请退回期限: 7 working days from assignment. */
  returnWindow: period('working_days', 7),
  /** 协办意见期限: 1 month from assignment. */
  assistOpinionWindow: period('months', 1),
  /** 测评期限: 10 days from the reply. */
  evaluationWindow: period('days', 10),
  /** 重新办理期限: 1 month from the 不满意 rating. */
  rehandlingWindow: period('months', 1),
  /** 公开期限: a reply should be published within 20 working days (a reminder after that). */
  disclosureWindow: period('working_days', 20),
  /** The reply classes in use: four (A–D) by default, or three (A–C). */
  replyClasses: z.array(z.enum(REPLY_CLASSES_FOUR)).min(2).default(['A', 'B', 'C', 'D']),
  /** Classes whose promise is tracked to a final reply (B always; C where set). */
  trackedClasses: z.array(z.enum(REPLY_CLASSES_FOUR)).default(['B']),
  /** 企业微信/钉钉群机器人: where alerts are also posted (https only), and in which format. */
  alertWebhookUrl: z.string().url().startsWith('https://').max(500).nullable().default(null),
  alertWebhookKind: z.enum(['wecom', 'dingtalk']).default('wecom'),
  /** 黄牌: yellow from this many days before a due date (issue #4). */
  yellowDaysBefore: z.number().int().min(0).max(90).default(15),
  /** 统计排名: units with fewer items than this are listed but not ranked (issue #5). */
  statsMinimumItems: z.number().int().min(1).max(1000).default(3),
  /** 代表履职档案: points per item of the yearly score (worker/rules/ledger.ts). */
  ledgerWeights: ledgerWeightsSchema,
});

export type TenantSettings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof TenantSettings;

export const DEFAULT_SETTINGS: TenantSettings = settingsSchema.parse({});

/** Settings from stored rows (key → JSON text); bad or unknown values are ignored. */
export function settingsFrom(rows: { key: string; value: string }[]): TenantSettings {
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    try {
      raw[row.key] = JSON.parse(row.value);
    } catch {
      // A broken value falls back to the default below.
    }
  }
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(raw)) {
    const field = settingsSchema.shape[key as SettingKey];
    const parsed = field.safeParse(value);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as TenantSettings;
}

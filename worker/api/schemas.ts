/**
 * The shapes of /api/v1 (zod): request bodies as JSON types, and the
 * responses. The OpenAPI document is generated from these. Request schemas
 * check JSON types only; the rules of the content (lengths, known
 * categories, allowed classes…) are the pages' own parsers
 * (worker/forms/suggestions.ts, worker/forms/suggestion-actions.ts), which
 * the handlers call — one rule for both, with the same Chinese messages.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { CONTENT_MAX, COSIGNERS_MAX, SOURCE_CHANNELS, TITLE_MAX } from '../rules/suggestion-limits';

const f = text.api.fields;

/** A JSON string; `required` is the message when the field is missing. */
const str = (required: string) => z.string({ error: (issue) => (issue.input === undefined ? required : f.expectedString) });

const optionalStr = () => z.string({ error: f.expectedString }).nullable().optional();

/** A positive integer id; `required` is the message when it is missing. */
const id = (required = f.expectedInteger) =>
  z.int({ error: (issue) => (issue.input === undefined ? required : f.expectedInteger) }).min(1, { error: f.expectedInteger });

/** One of `values`; `required` is the message when it is missing. */
const choice = <T extends readonly [string, ...string[]]>(values: T, required = f.chooseOne) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? required : f.chooseOne) });

const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
const REPLY_CLASSES = ['A', 'B', 'C', 'D'] as const;
const h = text.handlingErrors;
const v = text.validation;

export const createSuggestionBody = z.object({
  title: str(v.titleRequired).meta({ maxLength: TITLE_MAX, description: '标题' }),
  content: str(v.contentRequired).meta({ maxLength: CONTENT_MAX, description: '内容' }),
  category_id: id(v.categoryRequired).meta({ description: '类别（见 /suggestion-options）' }),
  source_channel: choice(SOURCE_CHANNELS, v.channelRequired).meta({ description: '提出渠道' }),
  cosigners: z
    .array(id(), { error: f.expectedList })
    .max(COSIGNERS_MAX, { error: v.cosignersTooMany(COSIGNERS_MAX) })
    .optional()
    .meta({ description: '附议代表的 id' }),
  deputy_id: id().nullable().optional().meta({ description: '领衔代表的 id（仅联络员代为录入时填写）' }),
});

export const rateBody = z.object({
  attitude: choice(RATINGS, h.chooseOne).meta({ description: '办理态度' }),
  result: choice(RATINGS, h.chooseOne).meta({ description: '办理结果；不满意将进入重新办理' }),
  comment: optionalStr().meta({ maxLength: 1000, description: '意见（可选）' }),
});

export const replyBody = z.object({
  body: str(h.required).meta({ maxLength: 10_000, description: '答复正文' }),
  signer: str(h.required).meta({ maxLength: 50, description: '签发人' }),
  reply_class: choice(REPLY_CLASSES, h.classUnknown).meta({ description: '答复类别（以本县设置为准）' }),
  promised_date: optionalStr().meta({ format: 'date', description: 'B 类答复承诺完成的日期（YYYY-MM-DD）' }),
});

export const emptyBody = z.object({});

export const pageQuery = z.object({
  page: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,3}|10000)$/, { error: f.pageInvalid })
    .optional()
    .meta({ description: '页码，从 0 开始' }),
});

// ---- Responses (documentation; the tests check real responses against them) ----

const dateTime = z.string().meta({ format: 'date-time' });
const isoDate = z.string().meta({ format: 'date' });

export const errorResponse = z.object({
  error: z.object({
    code: z.string().meta({ description: '稳定的错误代码，如 validation_failed' }),
    message: z.string().meta({ description: '中文说明' }),
    fields: z.record(z.string(), z.string()).optional().meta({ description: '各字段的中文提示' }),
  }),
});

export const meResponse = z.object({
  id: z.int(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  deputyId: z.int().nullable(),
  unitId: z.int().nullable(),
  stationId: z.int().nullable(),
  tenant: z.object({ slug: z.string(), name: z.string() }),
});

export const optionsResponse = z.object({
  categories: z.array(z.object({ id: z.int(), name: z.string() })),
  deputies: z.array(z.object({ id: z.int(), name: z.string(), level: z.string(), stationName: z.string().nullable() })),
  sourceChannels: z.array(z.object({ value: z.string(), label: z.string() })),
});

export const suggestionListItem = z.object({
  id: z.int(),
  number: z.string().nullable(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  colour: z.string(),
  colourLabel: z.string(),
  leadDeputyId: z.int(),
  leadDeputyName: z.string(),
  submittedAt: dateTime.nullable(),
  updatedAt: dateTime,
});

export const listResponse = z.object({ items: z.array(suggestionListItem), page: z.int(), hasMore: z.boolean() });

export const replyItem = z.object({
  id: z.int(),
  unitName: z.string(),
  kind: z.string().meta({ description: 'reply 答复 | opinion 协办意见 | progress 进展 | final 最终答复' }),
  round: z.int(),
  body: z.string(),
  signer: z.string().nullable(),
  replyClass: z.string().nullable(),
  promisedDate: isoDate.nullable(),
  createdAt: dateTime,
  attachments: z.array(z.object({ id: z.int(), filename: z.string(), size: z.int() })),
});

export const repliesResponse = z.object({ items: z.array(replyItem) });

export const suggestionDetail = suggestionListItem.extend({
  content: z.string(),
  sourceChannel: z.string(),
  sourceChannelLabel: z.string(),
  category: z.string().nullable(),
  enteredByName: z.string(),
  cosigners: z.array(z.object({ id: z.int(), name: z.string() })),
  replyClass: z.string().nullable(),
  evaluationDue: isoDate.nullable(),
  assignments: z.array(z.object({ id: z.int(), unitName: z.string(), role: z.string(), state: z.string(), replyDue: isoDate.nullable() })),
  replies: z.array(replyItem),
  ratings: z.array(z.object({ round: z.int(), attitude: z.string(), result: z.string(), comment: z.string().nullable(), createdAt: dateTime })),
  actions: z.array(z.string()).meta({ description: '调用者现在可以通过接口做的操作：rate、sign_for、reply' }),
});

export const createdResponse = z.object({
  id: z.int(),
  created: z.boolean().meta({ description: 'false：同一 Idempotency-Key 的重试，返回第一次创建的建议' }),
  suggestion: suggestionDetail,
});

export const inboxResponse = z.object({
  unitName: z.string().nullable(),
  items: z.array(
    z.object({
      assignmentId: z.int(),
      suggestionId: z.int(),
      number: z.string().nullable(),
      title: z.string(),
      suggestionState: z.string(),
      stateLabel: z.string(),
      isKey: z.boolean(),
      colour: z.string(),
      role: z.string(),
      state: z.string(),
      returnDue: isoDate,
      due: isoDate.nullable(),
    }),
  ),
});

/**
 * 公开 (DOMAIN.md, "Public disclosure"): which suggestions may be published,
 * what a public page must never show, the staff's redaction form, and when a
 * reply has waited too long unpublished. Pure functions.
 */
import * as z from 'zod';
import { chinaDateOf, daysLeft, dueDateFor, isOverdue, type IsoDate, type WorkCalendar } from './calendar';
import type { TenantSettings } from './settings';
import { REPLIED_STATES } from './suggestion-states';
import { charCount } from './char-count';
import { CONTENT_MAX, TITLE_MAX } from './suggestion-limits';

/** States whose suggestion has a reply that may be published. */
/** A reply can be published once there is one. */
export const PUBLISHABLE_STATES = REPLIED_STATES;

export function isPublishable(state: string): boolean {
  return (PUBLISHABLE_STATES as readonly string[]).includes(state);
}

/** What is shown in place of a withheld phone number, address or name. */
export const WITHHELD_MARK = '＊＊＊';

/** The private facts of one deputy of a suggestion (lead or co-signer). */
export interface DeputyPrivacy {
  name: string;
  phone: string | null;
  address: string | null;
  /** The deputy asked that their name be withheld. */
  confidential: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Patterns for what must never reach a public page: every deputy's phone
 * number (also when written with spaces or dashes) and address, and the
 * name of a deputy who asked for confidentiality.
 */
export function withheldPatterns(deputies: readonly DeputyPrivacy[]): RegExp[] {
  const sources = new Set<string>();
  for (const d of deputies) {
    const digits = (d.phone ?? '').replace(/\D/g, '');
    if (digits.length >= 5) sources.add(digits.split('').join('[\\s-]?'));
    const address = (d.address ?? '').trim();
    if (charCount(address) >= 2) sources.add(escapeRe(address));
    const name = d.name.trim();
    if (d.confidential && charCount(name) >= 2) sources.add(escapeRe(name));
  }
  // Longest first, so an address is masked whole before a name inside it.
  return [...sources].sort((a, b) => b.length - a.length).map((s) => new RegExp(s, 'g'));
}

/** The text with every withheld string replaced by the mark. */
export function maskWithheld(value: string, patterns: readonly RegExp[]): string {
  return patterns.reduce((s, re) => s.replace(re, WITHHELD_MARK), value);
}

/** True if the text still contains something that must be withheld. */
export function containsWithheld(value: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => new RegExp(re.source).test(value));
}

/** The public copy as staff edit it before publishing (originals stay unchanged). */
export interface PublicCopy {
  title: string;
  content: string;
  replyText: string;
}

/** The public copy of the originals, with what must be withheld already masked. */
export function publicCopyOf(original: PublicCopy, patterns: readonly RegExp[]): PublicCopy {
  return {
    title: maskWithheld(original.title, patterns),
    content: maskWithheld(original.content, patterns),
    replyText: maskWithheld(original.replyText, patterns),
  };
}

/**
 * The reply texts of the latest round (and any final reply), as one public
 * text; with several, each is headed by its unit, a final reply also by
 * `finalLabel` (最终答复).
 */
export function replyTextOf(texts: readonly { unitName: string; kind: string; round: number; body: string }[], finalLabel: string): string {
  const replies = texts.filter((r) => r.kind === 'reply');
  const round = Math.max(0, ...replies.map((r) => r.round));
  const shown = texts.filter((r) => (r.kind === 'reply' && r.round === round) || r.kind === 'final');
  if (shown.length === 1) return shown[0]!.body;
  return shown.map((r) => `【${r.unitName}${r.kind === 'final' ? ` · ${finalLabel}` : ''}】\n${r.body}`).join('\n\n');
}

/** The longest public reply text. */
export const PUBLIC_REPLY_MAX = 20_000;

/** Why the edited public copy is refused, per field (views/text/disclosure.ts words each code). */
export type PublicCopyError =
  'title_required' | 'title_too_long' | 'content_required' | 'content_too_long' | 'reply_required' | 'reply_too_long' | 'contains_withheld';

const publicText = (max: number, required: PublicCopyError, tooLong: PublicCopyError) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, required)
        .refine((s) => charCount(s) <= max, tooLong),
    );

export const publicCopySchema = z.object({
  title: publicText(TITLE_MAX, 'title_required', 'title_too_long'),
  content: publicText(CONTENT_MAX, 'content_required', 'content_too_long'),
  reply_text: publicText(PUBLIC_REPLY_MAX, 'reply_required', 'reply_too_long'),
});

export type PublicCopyValues = Record<'title' | 'content' | 'reply_text', string>;
export type PublicCopyErrorCodes = Partial<Record<keyof PublicCopyValues, PublicCopyError>>;
/** The messages the publish form shows, per field and for the whole form. */
export type PublicCopyErrors = Partial<Record<keyof PublicCopyValues | 'form', string>>;

/**
 * The staff's edited public copy: zod for the fields, then the privacy rule
 * (nothing withheld may stay in), each code on its own field.
 */
export function parsePublicCopy(
  values: PublicCopyValues,
  patterns: readonly RegExp[],
): { ok: true; value: PublicCopy } | { ok: false; errors: PublicCopyErrorCodes } {
  const parsed = publicCopySchema.safeParse(values);
  const errors: PublicCopyErrorCodes = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof PublicCopyValues;
      errors[key] ??= issue.message as PublicCopyError;
    }
    return { ok: false, errors };
  }
  const copy = { title: parsed.data.title, content: parsed.data.content, replyText: parsed.data.reply_text };
  if (containsWithheld(copy.title, patterns)) errors.title = 'contains_withheld';
  if (containsWithheld(copy.content, patterns)) errors.content = 'contains_withheld';
  if (containsWithheld(copy.replyText, patterns)) errors.reply_text = 'contains_withheld';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: copy };
}

/** The last day a reply given at `repliedAt` should be published by (公开期限, working days). */
export function disclosureDue(cal: WorkCalendar, s: TenantSettings, repliedAt: number): IsoDate {
  return dueDateFor(cal, chinaDateOf(repliedAt), s.disclosureWindow);
}

/** How long a reply has waited unpublished, and whether it is past the window. */
export function disclosureWait(due: IsoDate, repliedAt: number, now: number) {
  return {
    due,
    waitedDays: -daysLeft(chinaDateOf(repliedAt), now),
    overdue: isOverdue(due, now),
    overdueDays: Math.max(0, -daysLeft(due, now)),
  };
}

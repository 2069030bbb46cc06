/**
 * The form staff fill in to add a ledger entry (training, inspection,
 * meeting…) and the weights fields of the settings form, each checked with
 * a Chinese message next to the field.
 */
import * as z from 'zod';
import { text } from '../../views/text/index';
import { parsedBy, textField } from './validate';
import { parseIsoDate, type IsoDate } from '../rules/calendar';
import { charCount } from '../rules/char-count';
import { DEFAULT_LEDGER_WEIGHTS, isEntryKind, LEDGER_ITEMS, WEIGHT_MAX, type EntryInput, type LedgerWeights } from '../rules/ledger';

export const ENTRY_TITLE_MAX = 100;
export const ENTRY_NOTE_MAX = 1_000;

export interface EntryFormValues {
  kind: string;
  title: string;
  occurred_on: string;
  note: string;
}

export type EntryFormErrors = Partial<Record<keyof EntryFormValues | 'form', string>>;

export type { EntryInput };

/** An entry needs a known kind, a title, and a real date in the ledger's range (not after today). */
export function parseEntryForm(v: EntryFormValues, today: IsoDate): { ok: true; value: EntryInput } | { ok: false; errors: EntryFormErrors } {
  const t = text.ledger.errors;
  const errors: EntryFormErrors = {};
  if (!isEntryKind(v.kind)) errors.kind = t.kindRequired;
  const title = v.title.trim();
  if (!title) errors.title = t.titleRequired;
  else if (charCount(title) > ENTRY_TITLE_MAX) errors.title = t.titleTooLong(ENTRY_TITLE_MAX);
  const occurredOn = parseIsoDate(v.occurred_on.trim());
  if (!occurredOn || occurredOn < '2000-01-01') errors.occurred_on = t.dateInvalid;
  else if (occurredOn > today) errors.occurred_on = t.dateInFuture;
  const note = v.note.trim();
  if (charCount(note) > ENTRY_NOTE_MAX) errors.note = t.noteTooLong(ENTRY_NOTE_MAX);
  if (Object.keys(errors).length > 0 || !occurredOn || !isEntryKind(v.kind)) return { ok: false, errors };
  return { ok: true, value: { kind: v.kind, title, occurredOn, note: note || null } };
}

/** Settings-form field name of an item's weight. */
export const weightField = (item: string) => `ledgerWeight_${item}`;

/** The weights as the settings form shows them. */
export function weightValues(w: LedgerWeights): Record<string, string> {
  return Object.fromEntries(LEDGER_ITEMS.map((item) => [weightField(item), String(w[item])]));
}

/** Reads the weights from the settings form: whole numbers 0–100, one message per wrong field; an absent field takes its default. */
export function parseWeights(
  v: Record<string, string | undefined>,
): { ok: true; value: LedgerWeights } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const value: Partial<LedgerWeights> = {};
  for (const item of LEDGER_ITEMS) {
    const given = v[weightField(item)];
    // A form without the weights (an older page) leaves them at their defaults.
    if (given === undefined) {
      value[item] = DEFAULT_LEDGER_WEIGHTS[item];
      continue;
    }
    const raw = given.trim();
    const n = Number(raw);
    if (!/^\d{1,3}$/.test(raw) || n > WEIGHT_MAX) errors[weightField(item)] = text.ledger.errors.weightInvalid(WEIGHT_MAX);
    else value[item] = n;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value as LedgerWeights };
}

/** 添加履职记录 as a form schema; `today` bounds the date. */
export function entrySchema(today: IsoDate) {
  return parsedBy(z.object({ kind: textField, title: textField, occurred_on: textField, note: textField }), (v) => parseEntryForm(v, today));
}

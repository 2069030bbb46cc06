/**
 * 代表履职档案: the items a deputy's yearly record counts, the tenant's
 * weights for them, and the one score formula:
 *
 *   score = Σ weight(item) × count(item)
 *
 * over the recorded items (suggestions led and co-signed, forums joined,
 * receptions attended, voters' issues handled, ratings given) and the
 * entries staff add (training, inspections, meetings, other). Pure; the
 * counting is SQL in db/repos/ledger.ts.
 */
import * as z from 'zod';
import type { IsoDate } from './calendar';

/** Counted from what the system records. */
export const RECORDED_ITEMS = [
  'suggestionsLed', // 领衔提出建议
  'suggestionsCosigned', // 附议建议
  'forumsJoined', // 参加单月座谈
  'receptionsAttended', // 参加接待日
  'voterIssuesHandled', // 办结群众反映问题
  'ratingsGiven', // 评价办理答复
] as const;

/** Kinds of the entries staff add by hand (ledger_entries.kind). */
export const ENTRY_KINDS = ['training', 'inspection', 'meeting', 'other'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const LEDGER_ITEMS = [...RECORDED_ITEMS, ...ENTRY_KINDS] as const;
export type LedgerItem = (typeof LEDGER_ITEMS)[number];

export type LedgerCounts = Record<LedgerItem, number>;
export type LedgerWeights = Record<LedgerItem, number>;

/** Largest weight one item may carry. */
export const WEIGHT_MAX = 100;

/** Points per item unless the tenant sets its own (a led suggestion weighs most). */
export const DEFAULT_LEDGER_WEIGHTS: LedgerWeights = {
  suggestionsLed: 5,
  suggestionsCosigned: 2,
  forumsJoined: 3,
  receptionsAttended: 3,
  voterIssuesHandled: 1,
  ratingsGiven: 1,
  training: 2,
  inspection: 2,
  meeting: 1,
  other: 1,
};

/** The stored form of the weights (a tenant setting): whole numbers 0–100, a missing item takes its default. */
export const ledgerWeightsSchema = z
  .object(
    Object.fromEntries(LEDGER_ITEMS.map((item) => [item, z.number().int().min(0).max(WEIGHT_MAX).default(DEFAULT_LEDGER_WEIGHTS[item])])) as Record<
      LedgerItem,
      z.ZodDefault<z.ZodNumber>
    >,
  )
  .default(DEFAULT_LEDGER_WEIGHTS);

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}

/** Counts with every item at zero. */
export function zeroCounts(): LedgerCounts {
  return Object.fromEntries(LEDGER_ITEMS.map((i) => [i, 0])) as LedgerCounts;
}

/** The points one item earns. */
export function itemPoints(counts: LedgerCounts, weights: LedgerWeights, item: LedgerItem): number {
  return (counts[item] ?? 0) * (weights[item] ?? 0);
}

/** The yearly score: Σ weight × count over every item. */
export function ledgerScore(counts: LedgerCounts, weights: LedgerWeights): number {
  return LEDGER_ITEMS.reduce((sum, item) => sum + itemPoints(counts, weights, item), 0);
}

/**
 * Deputies by score, highest first (then by name); equal scores share a
 * rank and the next rank skips (1, 2, 2, 4).
 */
export function rankByScore<T extends { name: string; counts: LedgerCounts }>(
  rows: T[],
  weights: LedgerWeights,
): (T & { score: number; rank: number })[] {
  const scored = rows
    .map((r) => ({ ...r, score: ledgerScore(r.counts, weights) }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  let rank = 0;
  return scored.map((r, i) => {
    if (i === 0 || r.score !== scored[i - 1]!.score) rank = i + 1;
    return { ...r, rank };
  });
}

/** The year a ledger shows: `?year=` when it is a plausible year, else the current one. */
export function ledgerYear(query: string | undefined, currentYear: number): number {
  const y = Number(query);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : currentYear;
}

/** A ledger entry as staff record it (worker/forms/ledger.ts reads it from the form). */
export interface EntryInput {
  kind: EntryKind;
  title: string;
  occurredOn: IsoDate;
  note: string | null;
}

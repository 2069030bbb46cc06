/**
 * Statistics (DOMAIN.md, "Statistics"): the period a report covers, the
 * rates from counted figures, and the ranking of handling units. Pure; the
 * counting itself is SQL in db/statistics.ts.
 *
 * A period picks the suggestions submitted in it (the cohort); every figure
 * is about that cohort, so a report for 2026 keeps its numbers when later
 * years are added.
 */
import * as z from 'zod';
import { chinaDateOf, chinaDaysBounds, parseIsoDate, type IsoDate } from './calendar.ts';

export type PeriodKind = 'year' | 'session' | 'range';

export interface Period {
  kind: PeriodKind;
  /** First China date included. */
  from: IsoDate;
  /** Last China date included. */
  to: IsoDate;
  /** `session`: only suggestions raised during the congress session (大会期间). */
  sessionOnly: boolean;
  /** For labels and links. */
  year: number | null;
}

const query = z.object({
  period: z.enum(['year', 'session', 'range']).catch('year'),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100)
    .nullable()
    .catch(null),
  from: z.string().nullable().catch(null),
  to: z.string().nullable().catch(null),
});

/**
 * The period of a statistics link, read leniently (a malformed value falls
 * back to this year), plus an error to show next to the dates of a custom
 * range that cannot be used.
 */
export function parsePeriod(q: Record<string, string | undefined>, now: number): { period: Period; error: string | null } {
  const raw = query.parse({ period: q.period ?? null, year: q.year ?? null, from: q.from ?? null, to: q.to ?? null });
  const thisYear = Number(chinaDateOf(now).slice(0, 4));
  const year = raw.year ?? thisYear;
  const wholeYear = (kind: 'year' | 'session'): Period => ({
    kind,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    sessionOnly: kind === 'session',
    year,
  });
  if (raw.period !== 'range') return { period: wholeYear(raw.period), error: null };
  const from = raw.from ? parseIsoDate(raw.from) : null;
  const to = raw.to ? parseIsoDate(raw.to) : null;
  if (!from || !to) return { period: wholeYear('year'), error: 'dates' };
  if (from > to) return { period: wholeYear('year'), error: 'order' };
  return { period: { kind: 'range', from, to, sessionOnly: false, year: null }, error: null };
}

/** Epoch-ms bounds [start, end) of a period in China time. */
export function periodBounds(p: Period): { start: number; end: number } {
  return chinaDaysBounds(p.from, p.to);
}

/** The figures counted for a tenant or one unit (see db/statistics.ts for how each is counted). */
export interface Counts {
  assigned: number;
  replied: number;
  /** Replied on or before the due date. */
  onTime: number;
  /** Not replied, and the due date has passed. */
  openOverdue: number;
  /** Replied, with a recorded contact with the deputy before the reply. */
  met: number;
  classes: Record<'A' | 'B' | 'C' | 'D', number>;
  /** First-round rating of the result. */
  firstRound: RatingCounts;
  /** The latest rating (after rehandling, where there was one). */
  final: RatingCounts;
  /** Sum of days from assignment to the first reply, over replied items. */
  replyDaysTotal: number;
  /** Items that went red at least once. */
  red: number;
}

export interface RatingCounts {
  evaluated: number;
  satisfied: number;
  basically: number;
  unsatisfied: number;
}

/** A share as a fraction, or null when there is nothing to divide by (shown as “—”). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface Rates {
  /** 办复率 = replied ÷ assigned */
  replyRate: number | null;
  /** 按时办复率 = on time ÷ (replied + open overdue) */
  onTimeRate: number | null;
  /** 见面率 = met ÷ replied */
  contactRate: number | null;
  /** 解决率 = (A + B) ÷ replied */
  solvedRate: number | null;
  classShares: Record<'A' | 'B' | 'C' | 'D', number | null>;
  /** 满意率 / 基本满意率 / 不满意率 = each ÷ evaluated, first round and final. */
  firstRound: { satisfied: number | null; basically: number | null; unsatisfied: number | null };
  final: { satisfied: number | null; basically: number | null; unsatisfied: number | null };
  averageReplyDays: number | null;
}

const shares = (r: RatingCounts) => ({
  satisfied: rate(r.satisfied, r.evaluated),
  basically: rate(r.basically, r.evaluated),
  unsatisfied: rate(r.unsatisfied, r.evaluated),
});

export function ratesOf(c: Counts): Rates {
  return {
    replyRate: rate(c.replied, c.assigned),
    onTimeRate: rate(c.onTime, c.replied + c.openOverdue),
    contactRate: rate(c.met, c.replied),
    solvedRate: rate(c.classes.A + c.classes.B, c.replied),
    classShares: {
      A: rate(c.classes.A, c.replied),
      B: rate(c.classes.B, c.replied),
      C: rate(c.classes.C, c.replied),
      D: rate(c.classes.D, c.replied),
    },
    firstRound: shares(c.firstRound),
    final: shares(c.final),
    averageReplyDays: c.replied > 0 ? c.replyDaysTotal / c.replied : null,
  };
}

/** The rates units can be ranked by. */
export const RANKABLE = ['replyRate', 'onTimeRate', 'contactRate', 'solvedRate', 'satisfaction'] as const;
export type RankBy = (typeof RANKABLE)[number];

export function parseRankBy(value: string | undefined): RankBy {
  return (RANKABLE as readonly string[]).includes(value ?? '') ? (value as RankBy) : 'replyRate';
}

/** The value a unit is ranked by: satisfaction is the final 满意 + 基本满意 share. */
export function rankValue(c: Counts, by: RankBy): number | null {
  if (by === 'satisfaction') return rate(c.final.satisfied + c.final.basically, c.final.evaluated);
  return ratesOf(c)[by];
}

/**
 * Units in ranking order: those with at least `minimum` items ranked by
 * `by` (highest first; a tie shares a rank; no value ranks last), then the
 * rest, listed with rank null (不参与排名).
 */
export function rankUnits<T extends { counts: Counts; name: string }>(units: T[], by: RankBy, minimum: number): (T & { rank: number | null })[] {
  const eligible = units.filter((u) => u.counts.assigned >= minimum);
  const others = units.filter((u) => u.counts.assigned < minimum);
  const value = (u: T) => rankValue(u.counts, by) ?? -1;
  eligible.sort((a, b) => value(b) - value(a) || b.counts.assigned - a.counts.assigned || a.name.localeCompare(b.name, 'zh'));
  let rank = 0;
  const ranked = eligible.map((u, i) => {
    if (i === 0 || value(u) !== value(eligible[i - 1]!)) rank = i + 1;
    return { ...u, rank };
  });
  others.sort((a, b) => b.counts.assigned - a.counts.assigned || a.name.localeCompare(b.name, 'zh'));
  return [...ranked, ...others.map((u) => ({ ...u, rank: null }))];
}

/** A rate as shown: “83.3%”, or “—”. */
export function percent(r: number | null): string {
  return r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/**
 * 三色督办: the colour of every stage that has a due date (DOMAIN.md,
 * "Three-colour supervision"). Green until `yellowDaysBefore` days before
 * the due date, yellow from then, red once the due date has passed (the due
 * day lasts until 24:00 China time). A colour can be raised — by the clock,
 * the quality rule or staff by hand — but never lowered; only the stage
 * ending takes it away.
 */
import { addDays, type IsoDate } from './calendar.ts';

export const COLOURS = ['green', 'yellow', 'red'] as const;
export type Colour = (typeof COLOURS)[number];

/** Stages with a due date. */
export const STAGES = ['sign_for', 'opinion', 'reply', 'rehandling', 'evaluation', 'promise'] as const;
export type Stage = (typeof STAGES)[number];

const RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

export function isColour(value: string): value is Colour {
  return (COLOURS as readonly string[]).includes(value);
}

/** The higher of two colours. */
export function raise(current: Colour, to: Colour): Colour {
  return RANK[to] > RANK[current] ? to : current;
}

/**
 * Who an alert goes to (DOMAIN.md, "Three-colour supervision"): always the
 * handling unit's clerk; yellow → the secretary; red → the secretary and the
 * chair, and by email the unit's head contact; a key suggestion's
 * supervising leader for both. This is the role part of that rule.
 */
export function alertedRoles(colour: 'yellow' | 'red'): ('secretary' | 'chair')[] {
  return colour === 'red' ? ['secretary', 'chair'] : ['secretary'];
}

/** The first China date on which a stage due on `due` turns yellow. */
export function yellowFrom(due: IsoDate, daysBefore: number): IsoDate {
  return addDays(due, -daysBefore);
}

/** The colour the clock gives a stage on China date `today`. */
export function timeColour(due: IsoDate, yellowFromDate: IsoDate, today: IsoDate): Colour {
  if (today > due) return 'red';
  if (today >= yellowFromDate) return 'yellow';
  return 'green';
}

/** The quality rule: first 不满意 on the result → at least yellow; second → red. */
export function qualityColour(unsatisfiedResults: number): Colour {
  if (unsatisfiedResults >= 2) return 'red';
  if (unsatisfiedResults === 1) return 'yellow';
  return 'green';
}

/**
 * 三色督办, the one home of the rule (docs/DOMAIN.md, "Three-colour
 * supervision"): when a stage with a due date turns yellow or red, the
 * quality rule, and who hears of it on which channel. Green until
 * `yellowFrom` (the tenant's `yellowDaysBefore` calendar days before the due
 * date), yellow from then, red once the due date has passed — the due day
 * lasts until 24:00 China time. A colour can be raised — by the clock, the
 * quality rule or staff by hand — but never lowered; only the stage ending
 * takes it away. The scan's SQL (db/repos/supervision-scan.ts) applies
 * `colourAt`, and test/integration/colour-rule.test.ts runs both on the same
 * cases.
 */
import { addDays, type IsoDate } from './calendar.ts';
import { chinaDateOf } from './china-time.ts';

export const COLOURS = ['green', 'yellow', 'red'] as const;
export type Colour = (typeof COLOURS)[number];
/** The colours that are alerted (green never is). */
export type AlertColour = Exclude<Colour, 'green'>;

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

/** The first China date on which a stage due on `due` turns yellow (calendar days, not working days). */
export function yellowFrom(due: IsoDate, daysBefore: number): IsoDate {
  return addDays(due, -daysBefore);
}

/** The colour the clock alone gives a stage on China date `today`: red the day after the due day. */
export function timeColour(due: IsoDate, yellowFromDate: IsoDate, today: IsoDate): Colour {
  if (today > due) return 'red';
  if (today >= yellowFromDate) return 'yellow';
  return 'green';
}

/** A stage as stored (`deadlines`): its dates, its colour so far, and whether it has ended. */
export interface StageClock {
  dueDate: IsoDate;
  yellowFrom: IsoDate;
  colour: Colour;
  ended: boolean;
}

/**
 * The colour of a stage at the moment `now` (epoch ms): an ended stage
 * keeps the colour it had; an open one has the higher of its own and the
 * clock's on that China date (never lowered).
 */
export function colourAt(stage: StageClock, now: number): Colour {
  if (stage.ended) return stage.colour;
  return raise(stage.colour, timeColour(stage.dueDate, stage.yellowFrom, chinaDateOf(now)));
}

/** What the scan does to a stage at `now`: the colour it turns to (and is alerted of), or null. */
export function colourChangeAt(stage: StageClock, now: number): AlertColour | null {
  const to = colourAt(stage, now);
  return to === stage.colour || to === 'green' ? null : to;
}

/** The quality rule: first 不满意 on the result → at least yellow; second → red. */
export function qualityColour(unsatisfiedResults: number): Colour {
  if (unsatisfiedResults >= 2) return 'red';
  if (unsatisfiedResults === 1) return 'yellow';
  return 'green';
}

/**
 * Who an alert concerns, by their relation to the stage: the clerks of its
 * handling unit, the secretary, the chair, a key suggestion's supervising
 * leader, the unit's own address (its head contact), and the county's group
 * robot.
 */
export type AlertRelation = 'unit_clerks' | 'secretary' | 'chair' | 'supervising_leader' | 'unit_head_contact' | 'group_robot';
export type AlertChannel = 'in_app' | 'email' | 'robot';
export interface AlertRecipient {
  relation: AlertRelation;
  channels: readonly AlertChannel[];
}

/** The relations that are every account of one role. */
export const RELATION_ROLES = { secretary: 'secretary', chair: 'chair' } as const satisfies Partial<Record<AlertRelation, string>>;

const PERSON: readonly AlertChannel[] = ['in_app', 'email'];

/**
 * The recipients table (DOMAIN.md, "Three-colour supervision" and "Who is
 * told what"): yellow → the unit's clerks and the secretary; red → also
 * the chair, and by email the unit's head contact; a key suggestion's
 * supervising leader hears of both; the group robot posts every alert.
 * The in-app notifications (db/repos/writes.ts `alertedUsers`) and the
 * email and robot deliveries (worker/supervision/deliveries.ts) read it.
 */
export const ALERT_RECIPIENTS: Record<AlertColour, readonly AlertRecipient[]> = {
  yellow: [
    { relation: 'unit_clerks', channels: PERSON },
    { relation: 'secretary', channels: PERSON },
    { relation: 'supervising_leader', channels: PERSON },
    { relation: 'group_robot', channels: ['robot'] },
  ],
  red: [
    { relation: 'unit_clerks', channels: PERSON },
    { relation: 'secretary', channels: PERSON },
    { relation: 'chair', channels: PERSON },
    { relation: 'supervising_leader', channels: PERSON },
    { relation: 'unit_head_contact', channels: ['email'] },
    { relation: 'group_robot', channels: ['robot'] },
  ],
};

/** The recipients of an alert of `colour`. */
export function alertRecipients(colour: AlertColour): readonly AlertRecipient[] {
  return ALERT_RECIPIENTS[colour];
}

/** The relations an alert of `colour` reaches on `channel`. */
export function alertedRelations(colour: AlertColour, channel: AlertChannel): AlertRelation[] {
  return ALERT_RECIPIENTS[colour].filter((r) => r.channels.includes(channel)).map((r) => r.relation);
}

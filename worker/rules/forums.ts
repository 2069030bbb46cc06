/**
 * 单月座谈议题 (themed forums): what a topic form may contain, when a topic
 * takes suggestions, and the 参与情况通报 figures grouped by township.
 * Pure functions; the queries are in db/repos/forums.ts.
 */
import { addMonths, parseIsoDate, type IsoDate } from './calendar';
import { charCount } from './char-count';
import { rate } from './statistics';

export const TOPIC_TITLE_MAX = 60;
export const TOPIC_DESCRIPTION_MAX = 2_000;
/** A topic may stay open at most this many months after its month starts. */
export const TOPIC_MAX_OPEN_MONTHS = 12;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The first day of a YYYY-MM month, or null when it is not one. */
export function monthStart(month: string): IsoDate | null {
  const m = MONTH_RE.exec(month);
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100) return null;
  return `${month}-01`;
}

/**
 * A topic takes suggestions from the first day of its month up to and
 * including its closing date (China dates; the last day lasts until 24:00).
 */
export function isTopicOpen(topic: { month: string; closesOn: string }, today: IsoDate): boolean {
  const start = monthStart(topic.month);
  return start !== null && start <= today && today <= topic.closesOn;
}

export interface TopicFormValues {
  month: string;
  title: string;
  description: string;
  closes_on: string;
}

/** Why a topic form is refused, per field (views/text/forums.ts words each code). */
export type TopicFormError =
  | 'month_invalid'
  | 'title_required'
  | 'title_too_long'
  | 'description_required'
  | 'description_too_long'
  | 'closes_on_invalid'
  | 'closes_before_month'
  | 'closes_too_late';

export type TopicFormErrorCodes = Partial<Record<keyof TopicFormValues, TopicFormError>>;

/** The messages the topic form shows, per field and for the whole form. */
export type TopicFormErrors = Partial<Record<keyof TopicFormValues | 'form', string>>;

export interface TopicInput {
  month: string;
  title: string;
  description: string;
  closesOn: IsoDate;
}

/** Reads the topic form from a parsed body (strings only; anything else counts as empty). */
export function topicFormValues(body: Record<string, unknown>): TopicFormValues {
  const one = (key: string) => {
    const v = body[key];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first : '';
  };
  return { month: one('month'), title: one('title'), description: one('description'), closes_on: one('closes_on') };
}

/** Checks a topic form: a real month, a title and description, a closing date on or after the month's first day. */
export function parseTopicForm(v: TopicFormValues): { ok: true; value: TopicInput } | { ok: false; errors: TopicFormErrorCodes } {
  const errors: TopicFormErrorCodes = {};
  const month = v.month.trim();
  const start = monthStart(month);
  if (!start) errors.month = 'month_invalid';
  const title = v.title.trim();
  if (!title) errors.title = 'title_required';
  else if (charCount(title) > TOPIC_TITLE_MAX) errors.title = 'title_too_long';
  const description = v.description.trim();
  if (!description) errors.description = 'description_required';
  else if (charCount(description) > TOPIC_DESCRIPTION_MAX) errors.description = 'description_too_long';
  const closesOn = parseIsoDate(v.closes_on.trim());
  if (!closesOn) errors.closes_on = 'closes_on_invalid';
  else if (start && closesOn < start) errors.closes_on = 'closes_before_month';
  else if (start && closesOn > addMonths(start, TOPIC_MAX_OPEN_MONTHS)) errors.closes_on = 'closes_too_late';
  if (Object.keys(errors).length > 0 || !start || !closesOn) return { ok: false, errors };
  return { ok: true, value: { month, title, description, closesOn } };
}

/** The last day of a month: the default closing date offered on the form. */
export function monthEnd(month: string): IsoDate | null {
  const start = monthStart(month);
  if (!start) return null;
  const next = addMonths(start, 1);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** One liaison station's row of the 参与情况通报 (stationId null: deputies not attached to a station). */
export interface StationParticipation {
  stationId: number | null;
  stationName: string | null;
  township: string | null;
  /** Serving deputies attached to the station. */
  deputies: number;
  /** Of those, how many led or co-signed a (submitted) suggestion under the topic. */
  participating: number;
  /** Suggestions under the topic led by the station's deputies. */
  suggestions: number;
}

export interface ParticipationFigures {
  deputies: number;
  participating: number;
  suggestions: number;
  /** participating ÷ deputies, null when there are no deputies. */
  rate: number | null;
}

export interface TownshipParticipation extends ParticipationFigures {
  township: string | null;
  stations: (StationParticipation & { rate: number | null })[];
}

function sum(rows: { deputies: number; participating: number; suggestions: number }[]): ParticipationFigures {
  const deputies = rows.reduce((n, r) => n + r.deputies, 0);
  const participating = rows.reduce((n, r) => n + r.participating, 0);
  const suggestions = rows.reduce((n, r) => n + r.suggestions, 0);
  return { deputies, participating, suggestions, rate: rate(participating, deputies) };
}

/**
 * 参与情况通报 by township: stations grouped under their township (stations
 * without one, and deputies without a station, come last), each with its
 * participation rate = participating deputies ÷ deputies of the station;
 * townships and the whole county summed from their stations.
 */
export function participationByTownship(rows: StationParticipation[]): { townships: TownshipParticipation[]; total: ParticipationFigures } {
  const groups = new Map<string | null, StationParticipation[]>();
  for (const r of rows) {
    const key = r.stationId === null ? null : r.township?.trim() || null;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  const townships = [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN')))
    .map(([township, stations]) => ({
      township,
      ...sum(stations),
      stations: stations
        .sort((a, b) => (a.stationId === null ? 1 : b.stationId === null ? -1 : (a.stationName ?? '').localeCompare(b.stationName ?? '', 'zh-CN')))
        .map((s) => ({ ...s, rate: rate(s.participating, s.deputies) })),
    }));
  return { townships, total: sum(rows) };
}

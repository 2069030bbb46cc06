/**
 * What the reception and issue forms may contain (接待日 and the voters'
 * issues logged there). The shape is checked here; the checks that need the
 * county's data (is this station mine, are these deputies serving here) are
 * passed in by the routes and reported on the same fields.
 */
import type { FieldErrors } from '../../views/components/field';
import type { IssueFormValues, IssueStepValues, ReceptionFormValues } from '../../views/pages/receptions';
import { parseIsoDate, type IsoDate } from '../rules/calendar';
import { charCount } from '../rules/char-count';
import { checkDueDate, checkReceptionDeputies, MAX_RECEPTION_DEPUTIES, parseClock, type DeputiesProblem } from '../rules/receptions';
import type { IssueInput, ReceptionInput } from '../../db/repos/receptions';
import { text } from '../../views/text/index';
import * as z from 'zod';
import { listField, parsedBy, textField } from './validate';

const e = text.receptions.errors;

export const PLACE_MAX = 100;
export const NOTE_MAX = 500;
export const VOTER_NAME_MAX = 50;
export const CONTACT_MAX = 100;
export const CONTENT_MAX = 2000;
export const MEASURE_MAX = 2000;
export const HANDED_TO_MAX = 50;

const ID = /^[1-9][0-9]{0,14}$/;

/** Text of 1..max characters (trimmed), or the message why not. */
function required(value: string, max: number, missing: string): { ok: true; value: string } | { ok: false; message: string } {
  const v = value.trim();
  if (!v) return { ok: false, message: missing };
  if (charCount(v) > max) return { ok: false, message: e.tooLong(max) };
  return { ok: true, value: v };
}

function optional(value: string, max: number): { ok: true; value: string | null } | { ok: false; message: string } {
  const v = value.trim();
  if (charCount(v) > max) return { ok: false, message: e.tooLong(max) };
  return { ok: true, value: v || null };
}

const DEPUTY_MESSAGES: Record<DeputiesProblem, string> = {
  too_few: e.deputiesTooFew,
  unknown: e.deputiesUnknown,
  too_many: e.deputiesTooMany(MAX_RECEPTION_DEPUTIES),
};

/**
 * A reception as the form gave it. `stations`: the stations this person may
 * schedule at; `eligible`: which of the chosen deputies serve in this county;
 * `today`: the day must come after it.
 */
export function parseReceptionForm(
  v: ReceptionFormValues,
  ctx: { stations: ReadonlySet<number>; eligible: ReadonlySet<number>; today: IsoDate },
): { ok: true; value: ReceptionInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let stationId = 0;
  if (!v.station_id) errors.station_id = e.stationRequired;
  else if (!ID.test(v.station_id) || !ctx.stations.has(Number(v.station_id))) errors.station_id = e.stationUnknown;
  else stationId = Number(v.station_id);

  const date = parseIsoDate(v.date.trim());
  if (!date) errors.date = e.dateInvalid;
  else if (date <= ctx.today) errors.date = e.datePast;

  const startsAt = parseClock(v.starts_at.trim());
  const endsAt = parseClock(v.ends_at.trim());
  if (!startsAt) errors.starts_at = e.timeInvalid;
  if (!endsAt) errors.ends_at = e.timeInvalid;
  else if (startsAt && endsAt <= startsAt) errors.ends_at = e.timeOrder;

  const place = required(v.place, PLACE_MAX, e.placeRequired);
  if (!place.ok) errors.place = place.message;
  const note = optional(v.note, NOTE_MAX);
  if (!note.ok) errors.note = note.message;

  const ids = v.deputies.map((s) => (ID.test(s) ? Number(s) : 0));
  const deputies = checkReceptionDeputies(ids, ctx.eligible);
  if (!deputies.ok) errors.deputies = DEPUTY_MESSAGES[deputies.problem];

  if (Object.keys(errors).length > 0 || !deputies.ok || !place.ok || !note.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { stationId, date: date!, startsAt: startsAt!, endsAt: endsAt!, place: place.value, note: note.value, deputyIds: deputies.ids },
  };
}

/** The deputy ids a form names (for looking up which serve here). */
export function namedDeputyIds(v: ReceptionFormValues): number[] {
  return [...new Set(v.deputies.filter((s) => ID.test(s)).map(Number))];
}

export function parseIssueForm(
  v: IssueFormValues,
  categoryKnown: (id: number) => boolean,
): { ok: true; value: IssueInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = required(v.voter_name, VOTER_NAME_MAX, e.voterRequired);
  if (!name.ok) errors.voter_name = name.message;
  const contact = optional(v.voter_contact, CONTACT_MAX);
  if (!contact.ok) errors.voter_contact = contact.message;
  const content = required(v.content, CONTENT_MAX, e.contentRequired);
  if (!content.ok) errors.content = content.message;
  const measure = optional(v.measure, MEASURE_MAX);
  if (!measure.ok) errors.measure = measure.message;
  let categoryId: number | null = null;
  if (v.category_id) {
    if (ID.test(v.category_id) && categoryKnown(Number(v.category_id))) categoryId = Number(v.category_id);
    else errors.category_id = e.categoryUnknown;
  }
  if (!name.ok || !contact.ok || !content.ok || !measure.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { voterName: name.value, voterContact: contact.value, content: content.value, categoryId, measure: measure.value } };
}

export function parseAnswer(v: IssueStepValues): { ok: true; answer: string } | { ok: false; errors: FieldErrors } {
  const a = required(v.answer, CONTENT_MAX, e.answerRequired);
  return a.ok ? { ok: true, answer: a.value } : { ok: false, errors: { answer: a.message } };
}

export function parseHandOver(
  v: IssueStepValues,
  receptionDate: IsoDate,
): { ok: true; handedTo: string; dueDate: IsoDate; note: string | null } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const to = required(v.handed_to, HANDED_TO_MAX, e.handedToRequired);
  if (!to.ok) errors.handed_to = to.message;
  const due = checkDueDate(v.due_date.trim(), receptionDate);
  if (!due) errors.due_date = e.dueInvalid;
  const note = optional(v.note, NOTE_MAX);
  if (!note.ok) errors.note = note.message;
  if (!to.ok || !due || !note.ok) return { ok: false, errors };
  return { ok: true, handedTo: to.value, dueDate: due, note: note.value };
}

export function parseFeedback(v: IssueStepValues): { ok: true; feedback: string } | { ok: false; errors: FieldErrors } {
  const f = required(v.feedback, CONTENT_MAX, e.feedbackRequired);
  return f.ok ? { ok: true, feedback: f.value } : { ok: false, errors: { feedback: f.message } };
}

/** The reception form's fields as text. */
export const receptionFields = z.object({
  station_id: textField,
  date: textField,
  starts_at: textField,
  ends_at: textField,
  place: textField,
  note: textField,
  deputies: listField,
});

/** 安排接待日 as a form schema; `ctx` is what the county allows (see parseReceptionForm). */
export function receptionSchema(ctx: { stations: ReadonlySet<number>; eligible: ReadonlySet<number>; today: IsoDate }) {
  return parsedBy(receptionFields, (v) => parseReceptionForm(v, ctx));
}

/** 登记群众反映 as a form schema; `categoryKnown`: whether an id is one of the county's categories. */
export function issueSchema(categoryKnown: (id: number) => boolean) {
  return parsedBy(
    z.object({ voter_name: textField, voter_contact: textField, content: textField, category_id: textField, measure: textField }),
    (v) => parseIssueForm(v, categoryKnown),
  );
}

/** The fields of the step forms on an issue (each step reads its own). */
export const stepFields = z.object({ answer: textField, handed_to: textField, due_date: textField, note: textField, feedback: textField });

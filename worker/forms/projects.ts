/**
 * 民生实事 forms: reading the fields of the project, proposal, progress and
 * ballot forms, and the proposal's checks (the public's and the staff's),
 * with a Chinese message per field.
 */
import { charCount } from '../rules/char-count';
import { ballotSizeProblem, budgetYuanFromWan, parseChinaDateTime, progressProblem } from '../rules/projects';
import { parseIsoDate } from '../rules/calendar';
import type { BallotFormErrors, BallotFormValues } from '../../views/pages/projects';
import * as z from 'zod';
import { text } from '../../views/text/index';
import { listField, parsedBy, textField } from './validate';

const e = text.projects.errors;

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const NAME_MAX = 30;
export const CONTACT_MAX = 50;
export const NOTE_MAX = 500;
/** Candidates on one ballot (keeps every statement under D1's 100 bound parameters). */
export const CANDIDATES_MAX = 80;

type FormBody = Record<string, string | File | (string | File)[] | undefined>;

/** One text field of a parsed form; a repeated or file field counts as empty. */
function field(body: FormBody, name: string, max = 10_000): string {
  const v = body[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

export function idOf(s: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(s) ? Number(s) : null;
}

export interface ProposalValues {
  title: string;
  description: string;
  budget: string;
  unitId: string;
  proposerName: string;
  proposerContact: string;
}

export type ProposalErrors = Partial<Record<keyof ProposalValues, string>>;

export function proposalValues(body: FormBody): ProposalValues {
  return {
    title: field(body, 'title', 1000),
    description: field(body, 'description', 20_000),
    budget: field(body, 'budget', 100),
    unitId: field(body, 'unit_id', 20),
    proposerName: field(body, 'proposer_name', 1000),
    proposerContact: field(body, 'proposer_contact', 1000),
  };
}

/** Checks a proposal; `needName` for the public, who must say who they are. */
export function checkProposal(v: ProposalValues, needName: boolean) {
  const errors: ProposalErrors = {};
  const title = v.title.trim();
  const description = v.description.trim();
  if (!title) errors.title = e.titleRequired;
  else if (charCount(title) > TITLE_MAX) errors.title = e.titleTooLong(TITLE_MAX);
  if (!description) errors.description = e.descriptionRequired;
  else if (charCount(description) > DESCRIPTION_MAX) errors.description = e.descriptionTooLong(DESCRIPTION_MAX);
  const budget = budgetYuanFromWan(v.budget);
  if (budget === 'invalid') errors.budget = e.budget;
  const unitId = v.unitId === '' ? null : idOf(v.unitId);
  if (v.unitId !== '' && unitId === null) errors.unitId = e.unit;
  const name = v.proposerName.trim();
  if (needName && (!name || charCount(name) > NAME_MAX)) errors.proposerName = e.proposerName;
  const contact = v.proposerContact.trim();
  if (charCount(contact) > CONTACT_MAX) errors.proposerContact = e.contact;
  return {
    errors,
    value: {
      title,
      description,
      budgetYuan: budget === 'invalid' ? null : budget,
      unitId,
      proposerName: name || null,
      proposerContact: contact || null,
    },
  };
}

/** The proposal form's fields as text (`year` only on the signed-in form). */
const proposalFields = z.object({
  year: textField,
  title: textField,
  description: textField,
  budget: textField,
  unit_id: textField,
  proposer_name: textField,
  proposer_contact: textField,
});

/**
 * 提出项目 as a form schema. `needName`: the public, who must say who they
 * are; `namesUnit`: only staff name the responsible unit (anyone else's
 * unit_id is ignored). The checked value keeps the text as shown again.
 */
export function proposalSchema(opts: { needName: boolean; namesUnit: boolean }) {
  return parsedBy(proposalFields, (raw) => {
    const values = proposalFormValues(raw, opts.namesUnit);
    const { errors, value } = checkProposal(values, opts.needName);
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { values, value } };
  });
}

/** The proposal as typed (cut as proposalValues does), for the form shown again. */
export function proposalFormValues(raw: Record<string, string>, namesUnit: boolean): ProposalValues {
  return { ...proposalValues(raw), ...(namesUnit ? {} : { unitId: '' }) };
}

/** A text field cut to `max` code units, as the project forms always read them. */
const cut = (max: number) => z.string().transform((s) => s.slice(0, max));

/** A list of ids (checkboxes): every value must be one, else null (the page was out of date or tampered with). */
export function idList(list: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const item of list) {
    const id = idOf(item);
    if (id === null) return null;
    out.push(id);
  }
  return out;
}

/** 审核: accept (naming the responsible unit, or none yet) or reject a proposal. */
export const moderateSchema = z.object({ decision: cut(10), unit_id: cut(20) }).transform((v, ctx) => {
  const unitId = v.unit_id === '' ? null : idOf(v.unit_id);
  if ((v.decision !== 'accept' && v.decision !== 'reject') || (v.unit_id !== '' && unitId === null)) {
    ctx.addIssue({ code: 'custom', path: ['unit_id'], message: e.unit });
    return z.NEVER;
  }
  return { decision: v.decision as 'accept' | 'reject', unitId };
});

/** 入围 / 移出: add a candidate to the shortlist or take it off. */
export const shortlistSchema = z.object({ op: cut(10).pipe(z.enum(['add', 'remove'], { message: e.stateChanged })) });

/** 确定承办 and the planned finish of a chosen project. */
export const planSchema = parsedBy(z.object({ unit_id: cut(20), planned_finish: cut(20).transform((s) => s.trim()) }), (values) => {
  const errors: Record<string, string> = {};
  const unitId = idOf(values.unit_id);
  if (unitId === null) errors['unit_id'] = e.unit;
  const finish = values.planned_finish === '' ? null : parseIsoDate(values.planned_finish);
  if (values.planned_finish !== '' && finish === null) errors['planned_finish'] = e.plannedFinish;
  return unitId === null || Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { values, unitId, finish } };
});

/** 报告进度: a percent not below `current`, and a note of what was done. */
export function progressSchema(current: number) {
  return parsedBy(z.object({ percent: cut(20).transform((s) => s.trim()), note: cut(5000) }), (values) => {
    const errors: Record<string, string> = {};
    const percent = /^\d{1,3}$/.test(values.percent) ? Number(values.percent) : NaN;
    const problem = progressProblem(current, percent);
    if (problem === 'range') errors['percent'] = e.percent;
    if (problem === 'decrease') errors['percent'] = e.percentDecrease(current);
    const note = values.note.trim();
    if (!note || charCount(note) > NOTE_MAX) errors['note'] = e.noteRequired;
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { values, percent, note } };
  });
}

/** 满意度测评: the rating (checked by the route after who may rate and whether rating is open). */
export const ratingFields = z.object({ rating: cut(20) });
/** 投票: the projects ticked. */
export const voteFields = z.object({ choices: listField });
/** 平票处理: the tied projects staff pick. */
export const tieFields = z.object({ picked: listField });

/** The year a form is for: within ±5 years of now; else this year. */
export function formYear(yearText: string, thisYear: number): number {
  const y = yearText.slice(0, 10);
  return /^\d{4}$/.test(y) && Math.abs(Number(y) - thisYear) <= 5 ? Number(y) : thisYear;
}

/** 发起票决: title, places, the shortlisted candidates and the voting window (China time). */
export const ballotSchema = parsedBy(
  z.object({ year: textField, title: cut(1000), places: cut(20), opens_at: cut(40), closes_at: cut(40), candidates: listField }),
  (v) => {
    const candidates = idList(v.candidates);
    const values: BallotFormValues = {
      title: v.title,
      places: v.places.trim(),
      opensAt: v.opens_at.trim(),
      closesAt: v.closes_at.trim(),
      candidates: [...new Set(candidates ?? [])],
    };
    const errors: BallotFormErrors = {};
    const title = values.title.trim();
    if (!title || charCount(title) > 100) errors.title = e.ballotTitle;
    const places = /^\d{1,3}$/.test(values.places) ? Number(values.places) : NaN;
    const size = ballotSizeProblem(values.candidates.length, places);
    if (size === 'places') errors.places = e.places;
    else if (candidates === null) errors.candidates = e.candidatesChanged;
    else if (values.candidates.length > CANDIDATES_MAX) errors.candidates = e.tooManyCandidates(CANDIDATES_MAX);
    else if (size === 'too_few_candidates') errors.candidates = e.tooFewCandidates(values.candidates.length, places);
    const opensAt = parseChinaDateTime(values.opensAt);
    const closesAt = parseChinaDateTime(values.closesAt);
    if (opensAt === null) errors.opensAt = e.time;
    if (closesAt === null) errors.closesAt = e.time;
    else if (opensAt !== null && closesAt <= opensAt) errors.closesAt = e.closesBeforeOpens;
    if (Object.keys(errors).length || opensAt === null || closesAt === null) return { ok: false, errors };
    return { ok: true, value: { values, title, places, opensAt, closesAt } };
  },
);

/** The ballot form as typed, for the page shown again. */
export function ballotFormValues(v: { title: string; places: string; opens_at: string; closes_at: string; candidates: string[] }): BallotFormValues {
  const candidates = idList(v.candidates);
  return {
    title: v.title.slice(0, 1000),
    places: v.places.slice(0, 20).trim(),
    opensAt: v.opens_at.slice(0, 40).trim(),
    closesAt: v.closes_at.slice(0, 40).trim(),
    candidates: [...new Set(candidates ?? [])],
  };
}

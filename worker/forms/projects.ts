/**
 * 民生实事 forms: reading the fields of the project, proposal, progress and
 * ballot forms, and the proposal's checks (the public's and the staff's),
 * with a Chinese message per field.
 */
import { charCount } from '../rules/char-count';
import { budgetYuanFromWan } from '../rules/projects';
import { text } from '../../views/i18n';

const e = text.projects.errors;

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const NAME_MAX = 30;
export const CONTACT_MAX = 50;
export const NOTE_MAX = 500;
/** Candidates on one ballot (keeps every statement under D1's 100 bound parameters). */
export const CANDIDATES_MAX = 80;

export type FormBody = Record<string, string | File | (string | File)[]>;

/** One text field of a parsed form; a repeated or file field counts as empty. */
export function field(body: FormBody, name: string, max = 10_000): string {
  const v = body[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** Every value of a repeated field (checkboxes), as positive integer ids; null if one is not an id. */
export function ids(body: FormBody, name: string): number[] | null {
  const v = body[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  const out: number[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || !/^[1-9][0-9]{0,15}$/.test(item)) return null;
    out.push(Number(item));
  }
  return out;
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
    value: { title, description, budgetYuan: budget === 'invalid' ? null : budget, unitId, proposerName: name || null, proposerContact: contact || null },
  };
}

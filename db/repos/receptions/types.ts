/** The shapes receptionRepo reads and writes (接待日, voters' issues), and its list limits. */
import type { IsoDate } from '../../../worker/rules/calendar';
import type { IssueOutcome } from '../../../worker/rules/receptions';

/** Receptions a list or the public page shows at most. */
export const RECEPTION_LIST_MAX = 200;
/** Issues one month's lists show at most for one station. */
export const MONTH_ISSUES_MAX = 2000;

export interface ReceptionInput {
  stationId: number;
  date: IsoDate;
  startsAt: string;
  endsAt: string;
  place: string;
  note: string | null;
  deputyIds: number[];
}

/** When and where a reception is held: what every view of one shows. */
interface ReceptionSlot {
  id: number;
  stationName: string;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string;
}

export interface ReceptionListItem extends ReceptionSlot {
  stationId: number;
  cancelledAt: number | null;
  deputyNames: string | null;
  issues: number;
}

export interface ReceptionDetail extends ReceptionSlot {
  stationId: number;
  township: string | null;
  note: string | null;
  cancelledAt: number | null;
  deputies: { id: number; name: string }[];
  issues: IssueRow[];
}

export interface IssueRow {
  id: number;
  receptionId: number | null;
  stationId: number;
  voterName: string;
  voterContact: string | null;
  content: string;
  categoryId: number | null;
  categoryName: string | null;
  measure: string | null;
  outcome: IssueOutcome;
  outcomeNote: string | null;
  suggestionId: number | null;
  suggestionNumber: string | null;
  suggestionTitle: string | null;
  handedTo: string | null;
  dueDate: string | null;
  feedback: string | null;
  feedbackAt: number | null;
  closedAt: number | null;
  createdAt: number;
  /** The reception's day. */
  receptionDate: string | null;
}

export interface IssueInput {
  voterName: string;
  voterContact: string | null;
  content: string;
  categoryId: number | null;
  measure: string | null;
}

/** Upcoming receptions as the public sees them: deputies who asked for it are withheld (decided in SQL). */
export interface PublicReception extends ReceptionSlot {
  township: string | null;
  /** Names shown, joined with 、 (confidential deputies left out). */
  deputyNames: string | null;
  withheld: number;
}

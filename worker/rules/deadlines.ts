/**
 * Which due dates an event sets, from the tenant's settings and calendar.
 * Computed once when the event happens and stored; editing the calendar or
 * the settings later never moves a stored date.
 */
import { addMonths, dueDateFor, type IsoDate, type WorkCalendar } from './calendar';
import type { TenantSettings } from './settings';

export interface AssignmentDues {
  /** 申请退回 is possible until this day. */
  returnDue: IsoDate;
  /** Assisting units' written opinion. */
  opinionDue: IsoDate;
  /** The reply (lead unit, or each unit under split handling). */
  replyDue: IsoDate;
}

/** Due dates set by 交办 on `assignedOn`. */
export function assignmentDues(cal: WorkCalendar, s: TenantSettings, assignedOn: IsoDate): AssignmentDues {
  const replyFrom =
    s.replyDeadlineFrom === 'session_close' && s.sessionCloseDate && s.sessionCloseDate > assignedOn ? s.sessionCloseDate : assignedOn;
  return {
    returnDue: dueDateFor(cal, assignedOn, s.returnWindow),
    opinionDue: dueDateFor(cal, assignedOn, s.assistOpinionWindow),
    replyDue: dueDateFor(cal, replyFrom, s.replyDeadline),
  };
}

/** The deputy's rating of a reply given on `repliedOn` is due by… */
export function evaluationDue(cal: WorkCalendar, s: TenantSettings, repliedOn: IsoDate): IsoDate {
  return dueDateFor(cal, repliedOn, s.evaluationWindow);
}

/** A second reply after 不满意 on `ratedOn` is due by… */
export function rehandlingDue(cal: WorkCalendar, s: TenantSettings, ratedOn: IsoDate): IsoDate {
  return dueDateFor(cal, ratedOn, s.rehandlingWindow);
}

/** The latest a reply may be extended to: the maximum extension from assignment. */
export function latestExtension(s: TenantSettings, assignedOn: IsoDate): IsoDate {
  return addMonths(assignedOn, s.maxExtensionMonths);
}

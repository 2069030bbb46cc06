/**
 * The work lists as tables for download (CSV / .xlsx), with the columns a
 * clerk would paste into a report: the unit inbox, B类件跟踪, the
 * 督办看板 and 待公开. The staff list's export is in routes/suggestions/view.tsx.
 */
import type { InboxItem } from '../../views/pages/worklists';
import type { TrackingItem } from '../../views/pages/tracking';
import type { BoardRow } from '../../views/pages/supervision-board';
import type { PendingItem } from '../../views/pages/disclosure';
import type { SuggestionListItem } from '../../db/tenant-data';
import { chinaDate } from '../../views/format';
import { text } from '../../views/text/index';
import type { Table } from './table';

const h = text.handling;
const m = text.stats.metrics;
const colour = (c: string) => text.supervision.colours[c] ?? c;
const state = (s: string) => text.states[s as keyof typeof text.states] ?? s;

export function inboxTable(items: InboxItem[]): Table {
  return {
    name: text.home.unitInbox,
    columns: [m.number, m.titleCol, m.state, text.supervision.colourLabel, h.partColumn, h.partStateColumn, h.keyLabel, h.replyDue, h.returnDue],
    rows: items.map((i) => [
      i.number,
      i.title,
      state(i.suggestionState),
      colour(i.colour),
      h.unitRole[i.role] ?? i.role,
      h.unitState[i.state] ?? i.state,
      i.isKey ? text.common.yes : '',
      i.due,
      i.returnDue,
    ]),
  };
}

export function trackingTable(items: TrackingItem[]): Table {
  return {
    name: text.tracking.title,
    columns: [m.number, m.titleCol, m.units, m.replyClass, h.promisedDate, text.tracking.lastProgress, m.submitted],
    rows: items.map((i) => [
      i.number,
      i.title,
      i.units,
      i.replyClass,
      i.promisedDate,
      i.lastProgressAt ? chinaDate(i.lastProgressAt) : text.tracking.noProgress,
      i.submittedAt ? chinaDate(i.submittedAt) : null,
    ]),
  };
}

export function boardTable(rows: (BoardRow & { daysLeft: number })[]): Table {
  const b = text.board;
  return {
    name: b.title,
    columns: [text.supervision.colourLabel, m.number, m.titleCol, m.unit, b.stage, b.due, b.overdueDaysColumn],
    rows: rows.map((r) => [
      colour(r.colour),
      r.number,
      r.title,
      r.unitName,
      text.supervision.stages[r.stage] ?? r.stage,
      r.dueDate,
      r.daysLeft < 0 ? -r.daysLeft : 0,
    ]),
  };
}

export function pendingDisclosureTable(items: PendingItem[]): Table {
  const d = text.disclosure;
  return {
    name: d.pendingTitle,
    columns: [m.number, m.titleCol, m.replyClass, d.repliedOn, d.due, d.waitedDaysColumn, d.overdueDaysColumn],
    rows: items.map((i) => [i.number, i.title, i.replyClass, chinaDate(i.repliedAt), i.due, i.waitedDays, i.overdue ? i.overdueDays : 0]),
  };
}

/** A deputy's 我的建议 or a liaison clerk's 我录入的建议. */
export function ownListTable(name: string, items: SuggestionListItem[]): Table {
  return {
    name,
    columns: [m.number, m.titleCol, text.list.exportColumns[2]!, m.state, text.supervision.colourLabel, m.submitted],
    rows: items.map((i) => [i.number, i.title, i.leadDeputyName, state(i.state), colour(i.colour), i.submittedAt ? chinaDate(i.submittedAt) : null]),
  };
}

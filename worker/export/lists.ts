/**
 * The work lists as tables for download (CSV / .xlsx), with the columns a
 * clerk would paste into a report: the unit inbox, B类件跟踪 and the
 * 督办看板. The staff list's export is in routes/suggestions/view.tsx.
 */
import type { InboxItem } from '../../views/pages/worklists';
import type { TrackingItem } from '../../views/pages/tracking';
import type { BoardRow } from '../../views/pages/supervision-board';
import { chinaDate } from '../../views/format';
import { text } from '../../views/i18n';
import type { Table } from './table';

const h = text.handling;
const m = text.stats.metrics;
const colour = (c: string) => text.supervision.colours[c] ?? c;
const state = (s: string) => text.states[s as keyof typeof text.states] ?? s;

export function inboxTable(items: InboxItem[]): Table {
  return {
    name: text.home.unitInbox,
    columns: [m.number, m.titleCol, m.state, text.supervision.colourLabel, h.unitRole.lead + '/' + h.unitRole.assist, h.units + m.state, h.keyLabel, h.replyDue, h.returnDue],
    rows: items.map((i) => [
      i.number,
      i.title,
      state(i.suggestionState),
      colour(i.colour),
      h.unitRole[i.role] ?? i.role,
      h.unitState[i.state] ?? i.state,
      i.isKey ? '是' : '',
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
    columns: [text.supervision.colourLabel, m.number, m.titleCol, m.unit, b.stage, b.due, b.overdue(0).replace(/ 0 天$/, '（天）')],
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

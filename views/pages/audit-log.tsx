/**
 * 操作日志: the filter form, the entries (when, who, what, on what, and the
 * details in words — before → after for changes, dates for the calendar),
 * and the keyset pager. `describeDetails` turns a stored JSON detail into
 * lines of text; anything it does not recognise is shown as key: value.
 */
import type { Child } from 'hono/jsx';
import { FilterBar, FilterSelect } from '../components/filter-form';
import { Notice } from '../components/form';
import { DataTable } from '../components/table';
import { chinaDateTime } from '../format';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { AuditLogRow } from '../../db/repos/audit';
import { AUDIT_ACTIONS } from '../../worker/rules/audit-actions';

const a = text.usersAdmin.audit;
const st = text.admin.settings;

/** The filters as typed (only valid ones are kept by the route). */
export interface AuditQuery {
  action: string;
  actor: string;
  from: string;
  to: string;
}

/** Names of the settings keys (views/text admin.settings), plus those the form names differently. */
const SETTING_LABELS: Record<string, string> = {
  replyDeadline: st.replyDeadline,
  replyDeadlineFrom: `${st.replyDeadline}${st.replyFrom}`,
  sessionCloseDate: st.sessionCloseDate,
  maxExtensionMonths: st.maxExtensionMonths,
  returnWindow: st.returnWindow,
  assistOpinionWindow: st.assistOpinionWindow,
  evaluationWindow: st.evaluationWindow,
  rehandlingWindow: st.rehandlingWindow,
  disclosureWindow: st.disclosureWindow,
  replyClasses: st.replyClasses,
  trackedClasses: text.usersAdmin.audit.trackedClasses,
  yellowDaysBefore: st.yellowDaysBefore,
  alertWebhookUrl: st.webhook,
  alertWebhookKind: st.webhookKind,
  statsMinimumItems: text.usersAdmin.audit.statsMinimumItems,
};

/** Words for stored values that are keys (a role, a status, a choice). */
const VALUE_WORDS: Record<string, Record<string, string>> = {
  role: text.roles,
  status: a.statuses,
  replyDeadlineFrom: { assignment: st.fromAssignment, session_close: st.fromSessionClose },
  alertWebhookKind: { wecom: st.wecom, dingtalk: st.dingtalk },
};

function labelOf(key: string): string {
  return a.fields[key] ?? SETTING_LABELS[key] ?? key;
}

function isPeriod(v: unknown): v is { unit: string; amount: number } {
  return typeof v === 'object' && v !== null && 'unit' in v && 'amount' in v;
}

/** One stored value, in words. */
export function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return a.none;
  if (typeof v === 'string') return VALUE_WORDS[key]?.[v] ?? v;
  if (typeof v === 'boolean') return v ? text.common.yes : text.common.no;
  if (typeof v === 'number') return String(v);
  if (isPeriod(v)) return `${v.amount}${st.units[v.unit] ?? v.unit}`;
  if (Array.isArray(v)) return v.map((x) => valueText(key, x)).join('、') || a.none;
  return JSON.stringify(v);
}

const DATES_SHOWN = 10;

function dateList(dates: string[]): string {
  const shown = dates.slice(0, DATES_SHOWN).join('、');
  return dates.length > DATES_SHOWN ? `${shown} ${a.moreDates(dates.length)}` : shown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored `details` JSON as lines of text. */
export function describeDetails(details: string | null): string[] {
  if (!details) return [];
  let d: unknown;
  try {
    d = JSON.parse(details);
  } catch {
    return [details];
  }
  if (!isRecord(d)) return [valueText('', d)];
  const lines: string[] = [];
  const rest = { ...d };
  if (isRecord(d.before) || isRecord(d.after)) {
    const before = isRecord(d.before) ? d.before : {};
    const after = isRecord(d.after) ? d.after : {};
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      if (!isRecord(d.before)) lines.push(`${labelOf(k)}：${valueText(k, after[k])}`);
      else if (!isRecord(d.after)) lines.push(`${labelOf(k)}：${valueText(k, before[k])}`);
      else lines.push(`${labelOf(k)}：${valueText(k, before[k])} → ${valueText(k, after[k])}`);
    }
    delete rest.before;
    delete rest.after;
  }
  if (Array.isArray(d.entries)) {
    const entries = d.entries.filter(isRecord);
    lines.push(a.entries(entries.length));
    lines.push(dateList(entries.map((e) => [e.date, a.calendarKinds[String(e.kind)] ?? e.kind, e.name].filter(Boolean).join(' '))));
    delete rest.entries;
  }
  if (Array.isArray(d.dates)) {
    lines.push(a.removedDates(dateList(d.dates.map(String))));
    delete rest.dates;
  }
  if (typeof d.expiresAt === 'number') {
    lines.push(a.codeExpires(chinaDateTime(d.expiresAt)));
    delete rest.expiresAt;
  }
  for (const [k, v] of Object.entries(rest)) lines.push(`${labelOf(k)}：${valueText(k, v)}`);
  return lines;
}

function href(base: string, q: AuditQuery, before?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  if (before) params.set('before', before);
  const s = params.toString();
  return `${base}/admin/audit${s ? `?${s}` : ''}`;
}

export function AuditLogPage(p: {
  base: string;
  query: AuditQuery;
  rows: AuditLogRow[];
  actors: { userId: number; name: string }[];
  /** The cursor of the next (older) page, if there is one. */
  olderCursor: string | null;
  /** This is not the newest page. */
  paged: boolean;
  badDate: boolean;
}) {
  const q = p.query;
  const actionLabels: Record<string, string> = text.audit.actions;
  return (
    <section>
      <PageHead title={a.title} intro={a.intro} />
      <FilterBar action={`${p.base}/admin/audit`} search submitLabel={a.apply}>
        <FilterSelect
          label={a.action}
          name="action"
          value={q.action}
          all={a.all}
          options={AUDIT_ACTIONS.map((k) => [k, actionLabels[k]!] as const)}
        />
        <FilterSelect label={a.actor} name="actor" value={q.actor} all={a.all} options={p.actors.map((u) => [String(u.userId), u.name] as const)} />
        <label>
          {a.from}
          <input type="date" name="from" value={q.from} />
        </label>
        <label>
          {a.to}
          <input type="date" name="to" value={q.to} />
        </label>
      </FilterBar>
      <Notice alert={p.badDate ? a.dateInvalid : undefined} />
      <DataTable
        columns={[a.when, a.actor, a.action, a.target, a.details]}
        rows={p.rows}
        empty={a.empty}
        scroll
        class="audit-log"
        row={(r) => (
          <tr>
            <td>
              <time datetime={new Date(r.createdAt).toISOString()}>{chinaDateTime(r.createdAt)}</time>
            </td>
            <td>{r.actorName}</td>
            <td>{actionLabels[r.action] ?? r.action}</td>
            <td>{r.targetLabel ?? ''}</td>
            <td>{lines(describeDetails(r.details))}</td>
          </tr>
        )}
      />
      {(p.paged || p.olderCursor) && (
        <nav class="pager" aria-label={text.nav.pager}>
          {p.paged && <a href={href(p.base, q)}>{a.newer}</a>}
          {p.olderCursor && <a href={href(p.base, q, p.olderCursor)}>{a.older}</a>}
        </nav>
      )}
    </section>
  );
}

function lines(items: string[]): Child {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0];
  return (
    <ul class="files">
      {items.map((l) => (
        <li>{l}</li>
      ))}
    </ul>
  );
}

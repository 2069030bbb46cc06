/**
 * 操作日志 viewer for the tenant admin: newest first, filtered by action,
 * person and China dates, paged by a keyset cursor. Every filter lives in
 * the query string, so links, reloads and the back button work without JS.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { requireAction } from '../../middleware/access';
import { chinaDaysBounds, parseIsoDate } from '../../rules/calendar';
import { isAuditAction } from '../../rules/audit-actions';
import type { AuditFilters } from '../../../db/repos/audit';
import { AuditLogPage, type AuditQuery } from '../../../views/pages/audit-log';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;
const CURSOR_RE = /^(\d{1,15})\.(\d{1,12})$/;

export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get('/admin/audit', requireAction('tenant.administer'), async (c) => {
  const q = (k: string) => (c.req.query(k) ?? '').trim().slice(0, 40);
  const query: AuditQuery = { action: q('action'), actor: q('actor'), from: q('from'), to: q('to') };
  const filters: AuditFilters = {};
  if (isAuditAction(query.action)) filters.action = query.action;
  else query.action = '';
  if (/^\d{1,10}$/.test(query.actor)) filters.actorUserId = Number(query.actor);
  else query.actor = '';
  const from = parseIsoDate(query.from);
  const to = parseIsoDate(query.to);
  const badDate = Boolean((query.from && !from) || (query.to && !to));
  if (from) filters.from = chinaDaysBounds(from, from).start;
  else query.from = '';
  if (to) filters.to = chinaDaysBounds(to, to).end;
  else query.to = '';
  const cursor = CURSOR_RE.exec(q('before'));
  if (cursor) filters.before = { createdAt: Number(cursor[1]), id: Number(cursor[2]) };

  const audit = c.var.data.audit;
  const [rows, actors] = await Promise.all([audit.list(filters, AUDIT_PAGE_SIZE + 1), audit.actors()]);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  const body = AuditLogPage({
    base: c.var.base,
    query,
    rows: page,
    actors,
    olderCursor: rows.length > AUDIT_PAGE_SIZE && last ? `${last.createdAt}.${last.id}` : null,
    paged: Boolean(cursor),
    badDate,
  });
  return c.html(pageShell(c, text.usersAdmin.audit.title, body));
});

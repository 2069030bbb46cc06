/** 待办建议 for a unit's clerk, 待我评价 for a deputy, and everyone's 消息. */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { requireAction, requireFormToken, requireUser } from '../middleware/access';
import { InboxPage, NotificationsPage } from '../../views/pages/worklists';
import { TrackingPage } from '../../views/pages/tracking';
import { chinaDateOf, daysLeft } from '../rules/calendar';
import { STAGES } from '../rules/colour';
import { SupervisionBoardPage } from '../../views/pages/supervision-board';
import { SuggestionListPage } from '../../views/pages/suggestion-list';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';
import { downloadTable, requestedFormat } from '../export/table';
import { boardTable, inboxTable, trackingTable } from '../export/lists';

export async function renderInbox(c: AppContext) {
  const user = c.var.user!;
  const [items, unitName] = user.unitId ? await Promise.all([c.var.data.units.inbox(user.unitId), c.var.data.units.nameOf(user.unitId)]) : [[], null];
  const format = requestedFormat(c.req.query('format'));
  if (format) return downloadTable(inboxTable(items), format);
  return c.html(pageShell(c, text.home.unitInbox, InboxPage({ base: c.var.base, unitName, items })));
}

export const worklistRoutes = new Hono<AppEnv>();

worklistRoutes.get('/inbox', requireAction('suggestion.handle'), renderInbox);

worklistRoutes.get('/to-rate', requireAction('suggestion.rate'), async (c) => {
  const user = c.var.user!;
  const items = user.deputyId ? await c.var.data.suggestions.awaitingRating(user.deputyId) : [];
  const body = SuggestionListPage({ base: c.var.base, title: text.nav.toRate, items, page: 0, hasMore: false });
  return c.html(pageShell(c, text.nav.toRate, body));
});

worklistRoutes.get('/tracking', requireAction('suggestion.view_all'), async (c) => {
  const items = await c.var.data.suggestions.tracking();
  const format = requestedFormat(c.req.query('format'));
  if (format) return downloadTable(trackingTable(items), format);
  const body = TrackingPage({ base: c.var.base, items, today: chinaDateOf(Date.now()) });
  return c.html(pageShell(c, text.tracking.title, body));
});

worklistRoutes.get('/supervision', requireAction('suggestion.supervise'), async (c) => {
  const q = c.req.query();
  const colour = q.colour === 'red' || q.colour === 'yellow' ? q.colour : null;
  const unitId = /^[1-9][0-9]{0,9}$/.test(q.unit ?? '') ? Number(q.unit) : null;
  const stage = STAGES.find((s) => s === q.stage) ?? null;
  const { rows, units } = await c.var.data.supervisionBoard({ colour, unitId, stage });
  const now = Date.now();
  const withDays = rows.map((r) => ({ ...r, daysLeft: daysLeft(r.dueDate, now) }));
  const format = requestedFormat(q.format);
  if (format) return downloadTable(boardTable(withDays), format);
  const body = SupervisionBoardPage({
    base: c.var.base,
    rows: withDays,
    units,
    filters: { colour, unitId, stage },
    counts: { red: rows.filter((r) => r.colour === 'red').length, yellow: rows.filter((r) => r.colour === 'yellow').length },
  });
  return c.html(pageShell(c, text.board.title, body));
});

worklistRoutes.get('/notifications', requireUser, async (c) => {
  const user = c.var.user!;
  const items = await c.var.data.notifications.list(user.id);
  const unread = items.filter((i) => !i.readAt).length;
  const body = NotificationsPage({ base: c.var.base, items, csrfToken: c.var.csrfToken ?? '', unread });
  return c.html(pageShell(c, text.notifications.title, body));
});

worklistRoutes.post('/notifications/read', requireUser, requireFormToken, async (c) => {
  await c.var.data.notifications.markAllRead(c.var.user!.id, Date.now());
  return c.redirect(`${c.var.base}/notifications`, 303);
});

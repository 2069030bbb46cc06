/**
 * Reading suggestions: the list each role sees (我的建议 / 我录入的建议 /
 * 收到的建议) and one suggestion's detail with its timeline. Ownership is
 * checked by the rule in worker/rules/roles.ts; what a user may not see is
 * a 404, so its existence is not revealed either.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireAction } from '../../middleware/access';
import { can } from '../../rules/roles';
import { loadSuggestion, type LoadedSuggestion } from '../../usecases/suggestions/load';
import { ownSuggestions } from '../../usecases/suggestions/own-list';
import { filterQuery, parseListFilters, type ListFilters } from '../../rules/list-filters';
import type { FilterFormProps } from '../../../views/components/filter-form';
import type { FailedForm } from '../../../views/pages/suggestion-actions';
import { PAGE_SIZE, type SuggestionListItem } from '../../../db/tenant-data';
import { SuggestionListPage, type SuggestionListProps } from '../../../views/pages/suggestion-list';
import { SuggestionDetailPage } from '../../../views/pages/suggestion-detail';
import { FeedbackForm, ReplyLetter, SupervisionLetter } from '../../../views/pages/printables';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { notFound } from '../../errors';
import { isPublishable } from '../../rules/disclosure';
import { downloadTable, requestedFormat } from '../../export/table';
import { ownListTable } from '../../export/lists';
import { chinaDate } from '../../../views/format';
import { suggestionOrigin } from '../receptions/from-issue';
import { chinaDateOf } from '../../rules/calendar';

const mayList = requireAction('suggestion.view_own', 'suggestion.view_all');
const mayView = requireAction('suggestion.view_own', 'suggestion.view_all', 'suggestion.view_assigned');

/** The list for the signed-in user's role; also the home page of these roles. */
export async function renderSuggestionList(
  c: AppContext,
  opts: { filters?: ListFilters; bulkErrors?: Record<string, string>; status?: 200 | 409 | 422 } = {},
) {
  const user = c.var.user!;
  const role = user.role;
  const filters = opts.filters ?? parseListFilters(c.req.query());
  const format = requestedFormat(c.req.query('format'));
  const page = filters.page;
  const t = text.suggestion;
  let title: string;
  let items: SuggestionListItem[];
  let filterForm: FilterFormProps | undefined;
  let bulk: SuggestionListProps['bulk'];
  if (can(role, 'suggestion.view_all')) {
    title = t.listTitleStaff;
    const found = await c.var.data.suggestions.listIncoming(filters);
    items = found.items;
    filterForm = {
      action: `${c.var.base}/suggestions`,
      filters,
      categories: found.categories,
      units: found.units,
      exportHref: `${c.var.base}/suggestions/export${filterQuery({ ...filters, page: 0 }, 0)}`,
    };
    if (filters.state === 'accepted' && can(role, 'suggestion.assign')) {
      bulk = { action: `${c.var.base}/suggestions/bulk-assign`, csrfToken: c.var.csrfToken ?? '', units: found.units, errors: opts.bulkErrors ?? {} };
    }
  } else if (format) {
    // 我的建议 / 我录入的建议 as a download: every row, not a page.
    const all = await ownSuggestions(c, 0, EXPORT_MAX_ROWS);
    return downloadTable(ownListTable(role === 'deputy' ? t.listTitleDeputy : t.listTitleClerk, all), format);
  } else {
    title = role === 'deputy' && user.deputyId !== null ? t.listTitleDeputy : t.listTitleClerk;
    items = await ownSuggestions(c, page);
  }
  const mayCreate = can(role, 'suggestion.submit_own') || can(role, 'suggestion.submit_for_deputy');
  // 单月座谈议题 open today, above the first page of the list.
  const forumTopics = mayCreate && page === 0 ? await c.var.data.forums.openTopics(chinaDateOf(Date.now())) : [];
  const body = SuggestionListPage({
    base: c.var.base,
    forumTopics,
    title,
    items,
    leadDeputyId: role === 'deputy' ? user.deputyId : null,
    newHref: mayCreate ? `${c.var.base}/suggestions/new` : undefined,
    page,
    hasMore: items.length === PAGE_SIZE,
    filterForm,
    bulk,
    notice: c.req.query('assigned') ? text.bulk.done(Number(c.req.query('assigned')) || 0) : undefined,
    pageHref: (n) => filterQuery(filters, n),
    // The deputy's phone page stays light; a liaison clerk at a PC may download their list.
    exportHref: role === 'liaison_clerk' ? `${c.var.base}/suggestions` : undefined,
  });
  return c.html(pageShell(c, title, body), opts.status ?? 200);
}

export const viewRoutes = new Hono<AppEnv>();

viewRoutes.get('/suggestions', mayList, (c) => renderSuggestionList(c));

/** Most rows one export holds; the file says when the list was longer. */
export const EXPORT_MAX_ROWS = 20_000;

/** The staff list with its filters, every matching row, as CSV or .xlsx. */
viewRoutes.get('/suggestions/export', requireAction('suggestion.view_all'), async (c) => {
  const format = requestedFormat(c.req.query('format'));
  if (!format) return notFound(c);
  const filters = parseListFilters(c.req.query());
  const rows = await c.var.data.suggestions.exportIncoming(filters, EXPORT_MAX_ROWS);
  const l = text.list;
  return downloadTable(
    {
      name: l.exportName,
      columns: l.exportColumns,
      rows: rows.map((r) => [
        r.number,
        r.title,
        r.leadDeputyName,
        r.categoryName,
        text.sourceChannels[r.sourceChannel] ?? r.sourceChannel,
        text.states[r.state as keyof typeof text.states] ?? r.state,
        text.supervision.colours[r.colour] ?? r.colour,
        r.isKey ? text.common.yes : '',
        r.units,
        r.replyClass,
        r.submittedAt ? chinaDate(r.submittedAt) : null,
      ]),
    },
    format,
  );
});

viewRoutes.get('/suggestions/:id{[0-9]{1,15}}', mayView, async (c) => {
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded) return notFound(c);
  const done = c.req.query('done');
  const notice = c.req.query('submitted') === '1' ? text.suggestion.submitted : done ? text.handling.done[done] : undefined;
  return renderDetail(c, loaded, { notice, clearDraft: c.req.query('submitted') === '1' });
});

/** The detail page, optionally with a refused form shown again (status 422/409). */
export async function renderDetail(
  c: AppContext,
  loaded: LoadedSuggestion,
  extra: { notice?: string; alert?: string; clearDraft?: boolean; failed?: FailedForm; status?: 200 | 409 | 422 } = {},
) {
  const { s, actions, today } = loaded;
  // 公开: staff see whether a replied suggestion is public, and may change that.
  const mayPublish = can(c.var.user!.role, 'suggestion.publish') && isPublishable(s.state);
  const publication = mayPublish ? { base: c.var.base, suggestionId: s.id, csrfToken: c.var.csrfToken ?? '', status: s.publication } : undefined;
  const body = SuggestionDetailPage({
    base: c.var.base,
    s,
    backHref: `${c.var.base}/suggestions`,
    notice: extra.notice,
    alert: extra.alert,
    clearDraft: extra.clearDraft,
    actions: [...actions.keys()],
    csrfToken: c.var.csrfToken ?? '',
    failed: extra.failed,
    options: {
      categories: s.context.categories,
      units: s.context.units,
      leaders: s.context.leaders,
      replyClasses: s.context.settings.replyClasses,
      today,
      current: { categoryId: s.categoryId, isKey: s.isKey, supervisingLeaderUserId: s.supervisingLeaderUserId },
    },
    publication,
    origin: suggestionOrigin(c, s.originIssueId),
  });
  return c.html(pageShell(c, s.title, body), extra.status ?? 200);
}

viewRoutes.get('/suggestions/:id{[0-9]{1,15}}/print/reply/:replyId{[0-9]{1,15}}', mayView, async (c) => {
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  const reply = loaded?.s.replies.find((r) => r.id === Number(c.req.param('replyId')) && r.kind !== 'opinion');
  if (!loaded || !reply) return notFound(c);
  return c.html(pageShell(c, text.print.printReply, ReplyLetter({ tenantName: c.var.tenant.name, s: loaded.s, reply })));
});

viewRoutes.get('/suggestions/:id{[0-9]{1,15}}/print/feedback', mayView, async (c) => {
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || loaded.s.replies.every((r) => r.kind !== 'reply')) {
    return notFound(c);
  }
  return c.html(pageShell(c, text.print.feedbackTitle, FeedbackForm({ tenantName: c.var.tenant.name, s: loaded.s })));
});

viewRoutes.get('/suggestions/:id{[0-9]{1,15}}/files/:fileId{[0-9]{1,15}}', mayView, async (c) => {
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  const file = loaded ? await c.var.data.suggestions.attachment(loaded.s.id, Number(c.req.param('fileId'))) : undefined;
  const object = file ? await c.env.FILES.get(file.r2Key) : null;
  if (!file || !object) return notFound(c);
  return c.body(object.body, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'Cache-Control': 'private, no-store',
  });
});

viewRoutes.get('/suggestions/:id{[0-9]{1,15}}/print/supervision-letter', requireAction('suggestion.supervise'), async (c) => {
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || loaded.s.assignments.every((a) => a.state === 'withdrawn')) {
    return notFound(c);
  }
  const letter = SupervisionLetter({ tenantName: c.var.tenant.name, s: loaded.s, today: loaded.today });
  return c.html(pageShell(c, text.print.letterTitle, letter));
});

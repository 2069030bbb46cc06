/**
 * Reading suggestions: the list each role sees (我的建议 / 我录入的建议 /
 * 收到的建议) and one suggestion's detail with its timeline. Ownership is
 * checked by the rule in worker/rules/roles.ts; what a user may not see is
 * a 404, so its existence is not revealed either.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireAction } from '../../middleware/access';
import { can, canSeeSuggestion, type Role } from '../../rules/roles';
import { PAGE_SIZE, type SuggestionListItem } from '../../../db/tenant-data';
import { SuggestionListPage } from '../../../views/pages/suggestion-list';
import { SuggestionDetailPage } from '../../../views/pages/suggestion-detail';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/i18n';
import { renderErrorPage } from '../../errors';

const mayList = requireAction('suggestion.view_own', 'suggestion.view_all');

function pageNumber(c: AppContext): number {
  const n = Number(c.req.query('page') ?? '0');
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}

/** The list for the signed-in user's role; also the home page of these roles. */
export async function renderSuggestionList(c: AppContext) {
  const user = c.var.user!;
  const role = user.role as Role;
  const page = pageNumber(c);
  const t = text.suggestion;
  let title: string;
  let items: SuggestionListItem[];
  if (can(role, 'suggestion.view_all')) {
    title = t.listTitleStaff;
    items = await c.var.data.suggestions.listIncoming(page);
  } else if (role === 'deputy' && user.deputyId !== null) {
    title = t.listTitleDeputy;
    items = await c.var.data.suggestions.listForDeputy(user.deputyId, page);
  } else {
    title = t.listTitleClerk;
    items = await c.var.data.suggestions.listEnteredBy(user.id, page);
  }
  const mayCreate = can(role, 'suggestion.submit_own') || can(role, 'suggestion.submit_for_deputy');
  const body = SuggestionListPage({
    base: c.var.base,
    title,
    items,
    leadDeputyId: role === 'deputy' ? user.deputyId : null,
    newHref: mayCreate ? `${c.var.base}/suggestions/new` : undefined,
    page,
    hasMore: items.length === PAGE_SIZE,
  });
  return c.html(pageShell(c, title, body));
}

export const viewRoutes = new Hono<AppEnv>();

viewRoutes.get('/suggestions', mayList, renderSuggestionList);

viewRoutes.get('/suggestions/:id{[0-9]{1,15}}', mayList, async (c) => {
  const user = c.var.user!;
  const id = Number(c.req.param('id'));
  const s = await c.var.data.suggestions.detail(id);
  const visible =
    s &&
    canSeeSuggestion(
      { userId: user.id, role: user.role as Role, deputyId: user.deputyId },
      { leadDeputyId: s.leadDeputyId, enteredByUserId: s.enteredByUserId, cosignerDeputyIds: s.cosigners.map((x) => x.deputyId) },
    );
  if (!s || !visible) return renderErrorPage(c, 404, text.errors.notFoundTitle, text.errors.notFound);
  const body = SuggestionDetailPage({
    base: c.var.base,
    s,
    backHref: `${c.var.base}/suggestions`,
    notice: c.req.query('submitted') === '1' ? text.suggestion.submitted : undefined,
  });
  return c.html(pageShell(c, s.title, body));
});

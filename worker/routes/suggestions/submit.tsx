/**
 * 提出建议 and 修改后重新提交: the form pages and their posts. Each post
 * reads the form, calls the use case (worker/usecases/suggestions/submit.ts:
 * form and tenant checks → state rule → one atomic write) and renders the
 * form again with its messages, or redirects to the suggestion.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireAction, requireFormToken } from '../../middleware/access';
import { suggestionFormValues, type FieldErrors, type SuggestionFormValues } from '../../forms/suggestions';
import { isPreconditionFailure } from '../../../db/guard';
import { notFound, renderErrorPage } from '../../errors';
import { loadSuggestion, type LoadedSuggestion } from '../../usecases/suggestions/load';
import { enterSuggestion, openForumTopic, ownDeputyId, resubmitSuggestion } from '../../usecases/suggestions/submit';
import { issueSource, type IssueSource } from '../receptions/from-issue';
import { SuggestionFormPage, type DeputyOption } from '../../../views/pages/suggestion-form';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';

const emptyValues = (): SuggestionFormValues => ({
  title: '',
  content: '',
  category_id: '',
  source_channel: '',
  cosigners: [],
  deputy_id: '',
  idempotency_key: crypto.randomUUID(),
});

/** Editing a returned suggestion: its id, its (fixed) lead deputy, staff's note. */
interface EditTarget {
  id: number;
  leadDeputyId: number;
  returnNote: string | null;
}

async function renderForm(
  c: AppContext,
  values: SuggestionFormValues,
  errors: FieldErrors,
  status: 200 | 422,
  edit?: EditTarget,
  fromIssue?: IssueSource | null,
) {
  const user = c.var.user!;
  const { categories, deputies } = await c.var.data.suggestionFormOptions();
  const options: DeputyOption[] = deputies;
  const own = edit ? edit.leadDeputyId : ownDeputyId(c);
  const clerkStation = user.role === 'liaison_clerk' ? user.stationId : null;
  const forum = edit ? null : await openForumTopic(c, values.forum_topic_id);
  const page = SuggestionFormPage({
    title: edit ? text.suggestion.editTitle : text.suggestion.newTitle,
    notice: fromIssue ? text.receptions.origin.notice : edit?.returnNote ? `${text.suggestion.returnedNote}${edit.returnNote}` : undefined,
    action: edit
      ? `${c.var.base}/suggestions/${edit.id}/resubmit`
      : `${c.var.base}/suggestions${fromIssue ? `?voter_issue=${fromIssue.issueId}` : ''}`,
    draftKey: edit ? `edit-${edit.id}` : 'new-suggestion',
    allowDraft: !edit && !fromIssue,
    csrfToken: c.var.csrfToken!,
    values,
    errors,
    categories,
    cosignerOptions: options.filter((d) => d.id !== own),
    leadOptions:
      own === null
        ? deputies.filter((d) => (clerkStation === null || d.stationId === clerkStation) && (!fromIssue || fromIssue.deputyIds.includes(d.id)))
        : undefined,
    forumTopic: forum && forum !== 'closed' ? forum : undefined,
  });
  if (status !== 200) c.header('HX-Push-Url', 'false');
  return c.html(pageShell(c, edit ? text.suggestion.editTitle : text.suggestion.newTitle, page), status);
}

export const submitRoutes = new Hono<AppEnv>();

const mayEnter = requireAction('suggestion.submit_own', 'suggestion.submit_for_deputy');

submitRoutes.get('/suggestions/new', mayEnter, async (c) => {
  // ?forum=<id>: under a 单月座谈议题 (from the deputy's home page).
  const forum = c.req.query('forum') ?? '';
  // ?voter_issue=<id>: 转为代表建议 from a reception (worker/routes/receptions/from-issue.ts).
  const fromIssue = await issueSource(c, c.req.query('voter_issue'));
  if (fromIssue === 'missing' || fromIssue === 'handled') return issueRefused(c, fromIssue);
  const values = { ...emptyValues(), forum_topic_id: forum, source_channel: forum ? 'forum' : '' };
  return renderForm(c, fromIssue ? fromIssue.prefill(values) : values, {}, 200, undefined, fromIssue);
});

function issueRefused(c: AppContext, why: 'missing' | 'handled') {
  return why === 'missing' ? notFound(c) : renderErrorPage(c, 409, text.receptions.errors.stepRefusedTitle, text.receptions.errors.stepRefused);
}

submitRoutes.post('/suggestions', mayEnter, requireFormToken, async (c) => {
  // ?voter_issue=<id>: 转为代表建议 — submitted (no draft) and linked to the issue in the same batch.
  const fromIssue = await issueSource(c, c.req.query('voter_issue'));
  if (fromIssue === 'missing' || fromIssue === 'handled') return issueRefused(c, fromIssue);
  // 保存草稿 keeps it to the deputy (no number, staff do not see it); 提交建议 sends it.
  const { intent, ...values } = suggestionFormValues(await c.req.parseBody({ all: true }));
  const transition = intent === 'draft' && !fromIssue ? 'save_draft' : 'submit';
  if (!values.idempotency_key) values.idempotency_key = crypto.randomUUID();
  const leadErrors = fromIssue?.leadErrors(values) ?? {};
  if (Object.keys(leadErrors).length) return renderForm(c, values, leadErrors, 422, undefined, fromIssue);
  const entered = await enterSuggestion(c, values, transition, fromIssue?.link).catch((err: unknown) => {
    if (isPreconditionFailure(err)) return 'handled' as const; // the issue was handled while the form was open
    throw err;
  });
  if (entered === 'handled') return issueRefused(c, entered);
  if (!entered.ok) return renderForm(c, values, entered.errors, 422, undefined, fromIssue);
  const done = transition === 'save_draft' ? 'done=save_draft' : 'submitted=1';
  return c.redirect(`${c.var.base}/suggestions/${entered.id}?${done}`, 303);
});

/** A draft, or a suggestion 退回修改: its deputy (or the clerk who typed it) edits and submits it; history is kept. */
async function loadReturned(c: AppContext): Promise<{ loaded: LoadedSuggestion; edit: EditTarget } | null> {
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || !loaded.actions.has('resubmit')) return null;
  const returned = loaded.s.events.filter((e) => e.kind === 'return_for_revision').at(-1);
  return { loaded, edit: { id: loaded.s.id, leadDeputyId: loaded.s.leadDeputyId, returnNote: returned?.note ?? null } };
}

submitRoutes.get('/suggestions/:id{[0-9]{1,15}}/edit', mayEnter, async (c) => {
  const found = await loadReturned(c);
  if (!found) return notFound(c);
  const { s } = found.loaded;
  const values: SuggestionFormValues = {
    title: s.title,
    content: s.content,
    category_id: s.categoryId ? String(s.categoryId) : '',
    source_channel: s.sourceChannel,
    cosigners: s.cosigners.map((x) => String(x.deputyId)),
    deputy_id: '',
    idempotency_key: `resubmit-${s.id}`,
  };
  return renderForm(c, values, {}, 200, found.edit);
});

submitRoutes.post('/suggestions/:id{[0-9]{1,15}}/resubmit', mayEnter, requireFormToken, async (c) => {
  const found = await loadReturned(c);
  if (!found) return notFound(c);
  const { intent: _intent, ...values } = suggestionFormValues(await c.req.parseBody({ all: true }));
  values.idempotency_key = `resubmit-${found.edit.id}`;
  values.deputy_id = '';
  const done = await resubmitSuggestion(c, found.loaded, values);
  if (!done.ok && done.reason === 'invalid') return renderForm(c, values, done.errors, 422, found.edit);
  if (!done.ok) return renderErrorPage(c, 409, text.handling.conflictTitle, text.handling.conflict);
  return c.redirect(`${c.var.base}/suggestions/${found.edit.id}?done=resubmit`, 303);
});

/**
 * 提出建议: a deputy writes and submits a suggestion, or a liaison clerk
 * enters one on a deputy's behalf (the record keeps who typed it).
 * validate (zod + tenant lookups) → state rule → one atomic write → redirect.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireAction, requireFormToken } from '../../middleware/access';
import { can } from '../../rules/roles';
import { transitionFor } from '../../rules/suggestion-states';
import { parseSuggestionForm, suggestionFormValues, type FieldErrors, type SuggestionForm, type SuggestionFormValues } from '../../forms/suggestions';
import { isPreconditionFailure } from '../../../db/guard';
import type { NewSuggestion } from '../../../db/tenant-data';
import { renderErrorPage } from '../../errors';
import { loadSuggestion, type LoadedSuggestion } from './load';
import { openForumTopic } from '../forums';
import { issueSource, type IssueSource } from '../receptions/from-issue';
import { SuggestionFormPage, type DeputyOption } from '../../../views/pages/suggestion-form';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/i18n';

const emptyValues = (): SuggestionFormValues => ({
  title: '',
  content: '',
  category_id: '',
  source_channel: '',
  cosigners: [],
  deputy_id: '',
  idempotency_key: crypto.randomUUID(),
});

/** The deputy this user submits as, or null when they pick one (liaison clerk). */
function ownDeputyId(c: AppContext): number | null {
  const user = c.var.user!;
  return can(user.role, 'suggestion.submit_own') ? user.deputyId : null;
}

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

/** The checks that need the tenant's data: category, co-signers, and the clerk's deputy. */
async function tenantChecks(c: AppContext, v: SuggestionForm, leadDeputyId: number | null, clerkChoosesLead: boolean): Promise<FieldErrors> {
  const user = c.var.user!;
  const data = c.var.data;
  const errors: FieldErrors = {};
  const wanted = [...v.cosigners, ...(leadDeputyId !== null ? [leadDeputyId] : [])];
  const [known, categories, clerkDeputies] = await Promise.all([
    data.deputies.existingIds(wanted),
    data.categories.listActive(),
    clerkChoosesLead && user.stationId ? data.deputies.idsAtStation(user.stationId) : Promise.resolve(null),
  ]);
  if (!categories.some((cat) => cat.id === v.category_id)) errors.category_id = text.validation.categoryUnknown;
  if (v.cosigners.some((id) => !known.has(id))) errors.cosigners = text.validation.cosignerUnknown;
  else if (leadDeputyId !== null && v.cosigners.includes(leadDeputyId)) errors.cosigners = text.validation.cosignerIsLead;
  if (clerkChoosesLead && leadDeputyId !== null) {
    const allowed = known.has(leadDeputyId) && (clerkDeputies === null || clerkDeputies.has(leadDeputyId));
    if (!allowed) errors.deputy_id = text.validation.deputyUnknown;
  }
  return errors;
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
  return why === 'missing'
    ? renderErrorPage(c, 404, text.errors.notFoundTitle, text.errors.notFound)
    : renderErrorPage(c, 409, text.receptions.errors.stepRefusedTitle, text.receptions.errors.stepRefused);
}

/**
 * 提出建议 or 保存草稿 as the signed-in user — the one rule for the page and
 * the JSON API: the form's checks, the tenant's checks (category,
 * co-signers, the clerk's deputy), the state table, then one atomic write.
 * A repeated idempotency key returns the suggestion the first call created.
 */
export async function enterSuggestion(
  c: AppContext,
  values: SuggestionFormValues,
  transition: 'submit' | 'save_draft',
  also?: NewSuggestion['also'],
): Promise<{ ok: true; id: number; created: boolean } | { ok: false; errors: FieldErrors }> {
  const user = c.var.user!;
  const parsed = parseSuggestionForm(values);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };

  // Who leads it: the deputy themself, or the one the clerk chose.
  const own = ownDeputyId(c);
  let leadDeputyId: number | null = own;
  if (own === null) {
    leadDeputyId = parsed.ok ? parsed.value.deputy_id : null;
    if (parsed.ok && leadDeputyId === null) errors.deputy_id = text.validation.deputyRequired;
  }

  if (parsed.ok) Object.assign(errors, await tenantChecks(c, parsed.value, leadDeputyId, own === null));
  const forum = await openForumTopic(c, values.forum_topic_id);
  if (forum === 'closed') errors.form = text.forums.errors.topicClosed;

  if (!parsed.ok || Object.keys(errors).length > 0 || leadDeputyId === null) {
    if (leadDeputyId === null && own !== null) errors.form = text.errors.forbidden;
    return { ok: false, errors };
  }

  const v = parsed.value;
  const move = transitionFor(transition, null, user.role);
  if (!move.ok) return { ok: false, errors: { form: text.errors.forbidden } };
  const created = await c.var.data.suggestions.create({
    title: v.title,
    content: v.content,
    categoryId: v.category_id,
    sourceChannel: v.source_channel,
    leadDeputyId,
    cosignerDeputyIds: v.cosigners,
    enteredByUserId: user.id,
    state: move.to,
    idempotencyKey: v.idempotency_key,
    forumTopicId: forum && forum !== 'closed' ? forum.id : null,
    also,
    event: {
      actorName: user.displayName,
      kind: transition,
      fromState: null,
      toState: move.to,
      note: own === null ? text.suggestion.enteredOnBehalf(user.displayName) : null,
    },
    now: Date.now(),
  });
  return { ok: true, ...created };
}

submitRoutes.post('/suggestions', mayEnter, requireFormToken, async (c) => {
  const body = await c.req.parseBody({ all: true });
  // ?voter_issue=<id>: 转为代表建议 — submitted (no draft) and linked to the issue in the same batch.
  const fromIssue = await issueSource(c, c.req.query('voter_issue'));
  if (fromIssue === 'missing' || fromIssue === 'handled') return issueRefused(c, fromIssue);
  // 保存草稿 keeps it to the deputy (no number, staff do not see it); 提交建议 sends it.
  const transition = body['intent'] === 'draft' && !fromIssue ? 'save_draft' : 'submit';
  const values = suggestionFormValues(body);
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
  if (!found) return renderErrorPage(c, 404, text.errors.notFoundTitle, text.errors.notFound);
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
  if (!found) return renderErrorPage(c, 404, text.errors.notFoundTitle, text.errors.notFound);
  const values = suggestionFormValues(await c.req.parseBody({ all: true }));
  values.idempotency_key = `resubmit-${found.edit.id}`;
  values.deputy_id = '';
  const parsed = parseSuggestionForm(values);
  const errors: FieldErrors = parsed.ok ? await tenantChecks(c, parsed.value, found.edit.leadDeputyId, false) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(c, values, errors, 422, found.edit);
  const v = parsed.value;
  const user = c.var.user!;
  try {
    await c.var.data.handling.resubmit(
      found.edit.id,
      found.loaded.s.state === 'draft' ? 'draft' : 'returned',
      { title: v.title, content: v.content, categoryId: v.category_id, sourceChannel: v.source_channel, cosignerDeputyIds: v.cosigners },
      { userId: user.id, name: user.displayName },
      Date.now(),
    );
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return renderErrorPage(c, 409, text.handling.conflictTitle, text.handling.conflict);
  }
  return c.redirect(`${c.var.base}/suggestions/${found.edit.id}?done=resubmit`, 303);
});

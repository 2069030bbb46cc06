/**
 * At a reception: its page with the voters' issues, logging an issue
 * (收集问题), and each issue's end — 当场答复, 交乡镇限时办理, then the
 * voter's feedback (转为代表建议 goes through the suggestion form, see
 * from-issue.ts). Steps follow the table in worker/rules/receptions.ts;
 * any other step is refused (409).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { can } from '../../rules/roles';
import { chinaDateOf } from '../../rules/calendar';
import { availableIssueSteps, deadlineStatus, isHeld, issueStep, type IssueStep } from '../../rules/receptions';
import { notFound, renderErrorPage } from '../../errors';
import type { FieldErrors } from '../../../views/components/field';
import { IssuePage, type IssuePageProps } from '../../../views/pages/reception-issue';
import { ReceptionDetailPage } from '../../../views/pages/reception-detail';
import type { IssueFormValues } from '../../../views/pages/receptions';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { idParam, isEditable, loadIssue, loadReception, statusOf } from './load';
import { issueSchema, parseAnswer, parseFeedback, parseHandOver, stepFields } from '../../forms/receptions';
import { checkPosted } from '../../forms/validate';

const t = text.receptions;
const mayView = requireAction('reception.view');
const mayLog = requireAction('reception.log');

export const issueRoutes = new Hono<AppEnv>();

const emptyIssue = (): IssueFormValues => ({ voter_name: '', voter_contact: '', content: '', category_id: '', measure: '' });

async function renderReception(c: AppContext, id: number | null, form: { values: IssueFormValues; errors: FieldErrors } | null, notice?: string) {
  const r = await loadReception(c, id);
  if (!r) return notFound(c);
  const now = Date.now();
  const role = c.var.user!.role;
  const mayLogHere = can(role, 'reception.log') && isHeld(r, now);
  const categories = mayLogHere ? await c.var.data.receptions.categories() : [];
  const body = ReceptionDetailPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    r,
    status: statusOf(r, now),
    mayChange: can(role, 'reception.schedule') && isEditable(r, now),
    mayLog: mayLogHere,
    categories,
    issueValues: form?.values ?? emptyIssue(),
    issueErrors: form?.errors ?? {},
    notice,
  });
  const status = form && Object.keys(form.errors).length ? 422 : 200;
  return c.html(pageShell(c, t.detail.title(r.date), body), status);
}

issueRoutes.get('/receptions/:receptionId{[0-9]{1,15}}', mayView, (c) => {
  const done = c.req.query('done');
  const notice = done === 'saved' ? t.form.saved : done === 'logged' ? t.detail.logged : undefined;
  return renderReception(c, idParam(c.req.param('receptionId')), null, notice);
});

issueRoutes.post('/receptions/:receptionId{[0-9]{1,15}}/issues', mayLog, requireFormToken, async (c) => {
  const id = idParam(c.req.param('receptionId'));
  const r = await loadReception(c, id);
  if (!r) return notFound(c);
  const now = Date.now();
  if (!isHeld(r, now)) return renderErrorPage(c, 409, t.errors.stepRefusedTitle, t.errors.notHeld);
  const categories = await c.var.data.receptions.categories();
  const parsed = await checkPosted(
    c,
    issueSchema((cid) => categories.some((x) => x.id === cid)),
  );
  if (!parsed.ok) return renderReception(c, id, { values: parsed.values, errors: parsed.errors });
  const user = c.var.user!;
  const issueId = await c.var.data.receptions.logIssue(r.id, r.stationId, parsed.data, { ...auditActor(c), userId: user.id }, chinaDateOf(now), now);
  if (issueId === null) return renderErrorPage(c, 409, t.errors.stepRefusedTitle, t.errors.notHeld);
  return c.redirect(`${c.var.base}/receptions/${r.id}?done=logged`, 303);
});

async function renderIssue(c: AppContext, id: number | null, extra: { failed?: IssuePageProps['failed']; notice?: string } = {}) {
  const issue = await loadIssue(c, id);
  if (!issue) return notFound(c);
  const role = c.var.user!.role;
  const now = Date.now();
  const steps = can(role, 'reception.log') ? availableIssueSteps(issue) : [];
  const mayEnter = can(role, 'suggestion.submit_for_deputy') || can(role, 'suggestion.submit_own');
  const body = IssuePage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    issue,
    steps,
    suggestionHref: mayEnter ? `${c.var.base}/suggestions/new?voter_issue=${issue.id}` : null,
    failed: extra.failed,
    maySeeSuggestion: can(role, 'suggestion.view_all') || can(role, 'suggestion.view_own'),
    deadlineLabel: issue.dueDate ? t.deadline[deadlineStatus({ dueDate: issue.dueDate, closedAt: issue.closedAt }, now)] : null,
    notice: extra.notice,
  });
  return c.html(pageShell(c, t.issue.title, body), extra.failed ? 422 : 200);
}

issueRoutes.get('/receptions/issues/:issueId{[0-9]{1,15}}', mayView, (c) => {
  const done = c.req.query('done') ?? '';
  return renderIssue(c, idParam(c.req.param('issueId')), { notice: t.issue.done[done] });
});

/** One step on an issue: the table's check, the form's check, then the guarded write. */
function stepRoute(path: string, step: IssueStep) {
  issueRoutes.post(`/receptions/issues/:issueId{[0-9]{1,15}}/${path}`, mayLog, requireFormToken, async (c) => {
    const id = idParam(c.req.param('issueId'));
    const issue = await loadIssue(c, id);
    if (!issue) return notFound(c);
    if (!issueStep(issue, step).ok) return renderErrorPage(c, 409, t.errors.stepRefusedTitle, t.errors.stepRefused);
    const { values } = await checkPosted(c, stepFields);
    const actor = auditActor(c);
    const now = Date.now();
    const repo = c.var.data.receptions;
    let written: boolean;
    if (step === 'answer') {
      const p = parseAnswer(values);
      if (!p.ok) return renderIssue(c, id, { failed: { step, values, errors: p.errors } });
      written = await repo.answer(issue.id, p.answer, actor, now);
    } else if (step === 'hand_over') {
      const p = parseHandOver(values, issue.receptionDate ?? chinaDateOf(issue.createdAt));
      if (!p.ok) return renderIssue(c, id, { failed: { step, values, errors: p.errors } });
      written = await repo.handOver(issue.id, p.handedTo, p.dueDate, p.note, actor, now);
    } else {
      const p = parseFeedback(values);
      if (!p.ok) return renderIssue(c, id, { failed: { step, values, errors: p.errors } });
      written = await repo.feedback(issue.id, p.feedback, actor, now);
    }
    if (!written) return renderErrorPage(c, 409, t.errors.stepRefusedTitle, t.errors.stepRefused);
    return c.redirect(`${c.var.base}/receptions/issues/${issue.id}?done=${step}`, 303);
  });
}

stepRoute('answer', 'answer');
stepRoute('hand-over', 'hand_over');
stepRoute('feedback', 'feedback');

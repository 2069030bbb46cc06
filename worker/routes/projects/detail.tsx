/**
 * One project: its facts, plan, progress reports and satisfaction totals;
 * the responsible unit's clerk reports progress (0–100, never lower), and
 * an eligible deputy rates a chosen project once (满意 / 基本满意 / 不满意).
 * A project the user may not see is "not found", like another county's.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { can } from '../../rules/roles';
import { expectedPercent, planStart, progressColour, satisfactionOpen, SATISFACTION_RATINGS, type SatisfactionRating } from '../../rules/projects';
import type { ProjectRow } from '../../../db/repos/projects';
import { ProjectDetailPage } from '../../../views/pages/projects-detail';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { notFound, renderErrorPage } from '../../errors';
import { progressSchema, ratingFields } from '../../forms/projects';
import { checkPosted } from '../../forms/validate';
import { visibleProject } from './load';

const t = text.projects;

export const detailRoutes = new Hono<AppEnv>();

const mayOpen = requireAction('project.view', 'project.propose', 'project.vote', 'project.progress');
const mayReport = requireAction('project.progress');
const mayRate = requireAction('project.vote');

export async function renderProjectDetail(
  c: AppContext,
  project: ProjectRow,
  extra: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string; alert?: string; status?: 200 | 409 | 422 } = {},
) {
  const user = c.var.user!;
  const role = user.role;
  const now = Date.now();
  const repo = c.var.data.projects;
  const [details, eligible, units] = await Promise.all([
    repo.details(project.id, user.deputyId),
    can(role, 'project.vote') ? repo.isEligible(user.deputyId) : false,
    can(role, 'project.manage') ? repo.units() : [],
  ]);
  const start = planStart(project.year, project.ballotClosedAt);
  const body = ProjectDetailPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    project,
    colour: progressColour({ percent: project.progressPercent, startMs: start, plannedFinish: project.plannedFinish, now }),
    expected: project.plannedFinish ? expectedPercent(start, project.plannedFinish, now) : null,
    updates: details.updates,
    totals: details.totals,
    mayPlan: can(role, 'project.manage'),
    mayReport: can(role, 'project.progress') && user.unitId !== null && user.unitId === project.unitId,
    mayRate: eligible,
    ratingOpen: satisfactionOpen({ status: project.status, year: project.year, percent: project.progressPercent }, now),
    myRating: details.myRating,
    units,
    values: extra.values ?? {},
    errors: extra.errors ?? {},
    notice: extra.notice,
    alert: extra.alert,
    showContact: can(role, 'project.manage'),
  });
  return c.html(pageShell(c, project.title, body), extra.status ?? 200);
}

detailRoutes.get('/projects/:projectId{[0-9]{1,15}}', mayOpen, async (c) => {
  const project = await visibleProject(c);
  if (!project) return notFound(c);
  const done = c.req.query('done');
  const notice = done === 'planned' ? t.planned : done === 'progress' ? t.progressSaved : done === 'rated' ? t.rated : undefined;
  return renderProjectDetail(c, project, { notice });
});

detailRoutes.post('/projects/:projectId{[0-9]{1,15}}/progress', mayReport, requireFormToken, async (c) => {
  const project = await visibleProject(c);
  if (!project) return notFound(c);
  const user = c.var.user!;
  if (user.unitId === null || project.unitId !== user.unitId) return renderErrorPage(c, 403, text.errors.forbiddenTitle, t.errors.notYourProject);
  const posted = await checkPosted(c, progressSchema(project.progressPercent));
  if (!posted.ok) {
    const values = { percent: posted.values.percent.slice(0, 20).trim(), note: posted.values.note.slice(0, 5000) };
    return renderProjectDetail(c, project, { values, errors: posted.errors, status: 422 });
  }
  const { values, percent, note } = posted.data;
  const now = Date.now();
  const colour = progressColour({ percent, startMs: planStart(project.year, project.ballotClosedAt), plannedFinish: project.plannedFinish, now });
  const result = await c.var.data.projects.progress(project.id, user.unitId, percent, note, colour, { ...auditActor(c), userId: user.id }, now);
  if (result !== 'ok') {
    // Someone reported a higher percent meanwhile (or the project changed): show it as it now is.
    const fresh = (await c.var.data.projects.get(project.id)) ?? project;
    return renderProjectDetail(c, fresh, { values, errors: { percent: t.errors.percentDecrease(fresh.progressPercent) }, status: 409 });
  }
  return c.redirect(`${c.var.base}/projects/${project.id}?done=progress`, 303);
});

detailRoutes.post('/projects/:projectId{[0-9]{1,15}}/satisfaction', mayRate, requireFormToken, async (c) => {
  const project = await visibleProject(c);
  if (!project) return notFound(c);
  const user = c.var.user!;
  const { rating } = (await checkPosted(c, ratingFields)).values;
  const values = { rating };
  if (!(await c.var.data.projects.isEligible(user.deputyId))) return renderProjectDetail(c, project, { values, alert: t.notEligible, status: 422 });
  if (!satisfactionOpen({ status: project.status, year: project.year, percent: project.progressPercent }, Date.now())) {
    return renderProjectDetail(c, project, { values, alert: t.errors.satisfactionClosed, status: 422 });
  }
  if (!(SATISFACTION_RATINGS as readonly string[]).includes(rating))
    return renderProjectDetail(c, project, { values, errors: { rating: t.errors.rating }, status: 422 });
  const result = await c.var.data.projects.rate(project.id, user.deputyId!, rating as SatisfactionRating, Date.now());
  if (result === 'duplicate') return renderProjectDetail(c, project, { values, alert: t.errors.alreadyRated, status: 409 });
  if (result !== 'ok') return renderProjectDetail(c, project, { values, alert: t.errors.stateChanged, status: 409 });
  return c.redirect(`${c.var.base}/projects/${project.id}?done=rated`, 303);
});

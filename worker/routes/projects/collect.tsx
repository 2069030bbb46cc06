/**
 * 征集 and 确定候选: the year's project list (what each role may see), the
 * proposal form for staff and deputies, and staff's moderation of public
 * proposals, the shortlist and each project's implementation plan.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { can } from '../../rules/roles';
import { ballotPhase, planStart, progressColour } from '../../rules/projects';
import { ProjectsPage, ProposalFormPage, type BallotFormErrors, type BallotFormValues } from '../../../views/pages/projects';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { notFound } from '../../errors';
import { countDueBallots, currentYear, yearOf } from './shared';
import {
  moderateSchema,
  planSchema,
  proposalFormValues,
  proposalSchema,
  shortlistSchema,
  type ProposalErrors,
  type ProposalValues,
} from '../../forms/projects';
import { checkPosted, form } from '../../forms/validate';
import { projectOr404 } from './load';
import { renderProjectDetail } from './detail';

const t = text.projects;

export const collectRoutes = new Hono<AppEnv>();

const mayList = requireAction('project.view', 'project.propose', 'project.vote', 'project.progress');
const mayPropose = requireAction('project.propose');
const manage = requireAction('project.manage');

const EMPTY_BALLOT: BallotFormValues = { title: '', places: '', opensAt: '', closesAt: '', candidates: [] };

/** The year's list page; also re-rendered (422) when the ballot form has errors. */
export async function renderProjects(
  c: AppContext,
  year: number,
  extra: { ballotForm?: BallotFormValues; ballotErrors?: BallotFormErrors; notice?: string; alert?: string; status?: 200 | 409 | 422 } = {},
) {
  const user = c.var.user!;
  const role = user.role;
  const repo = c.var.data.projects;
  const now = Date.now();
  const seeAll = can(role, 'project.view');
  const unitList = !seeAll && role === 'unit_clerk';
  const who = { seeAll, unitList, unitId: user.unitId, userId: user.id };
  let view = await repo.overview(year, who, now);
  if (view.due.length > 0) {
    // A ballot's time is up: count it, then read the page again (rare).
    await countDueBallots(c, year, now);
    view = await repo.overview(year, who, now);
  }
  const rows = unitList && !user.unitId ? [] : view.rows;
  const manage = can(role, 'project.manage');
  const [ballots, ballotable, units] = unitList ? [[], [], []] : [view.ballots, manage ? view.ballotable : [], manage ? view.units : []];
  const body = ProjectsPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    year,
    projects: rows.map((p) => ({
      ...p,
      liveColour: progressColour({ percent: p.progressPercent, startMs: planStart(p.year, p.ballotClosedAt), plannedFinish: p.plannedFinish, now }),
    })),
    ballots: ballots.map((b) => ({ ...b, phase: ballotPhase(b, now) })),
    manage,
    mayPropose: can(role, 'project.propose'),
    unitList,
    ballotable,
    units,
    ballotForm: extra.ballotForm ?? EMPTY_BALLOT,
    ballotErrors: extra.ballotErrors ?? {},
    notice: extra.notice,
    alert: extra.alert,
  });
  return c.html(pageShell(c, t.title, body), extra.status ?? 200);
}

/** The banner after a redirect, by the `done` code in its address. */
const DONE_NOTICES = new Map([
  ['proposed', t.proposed],
  ['moderated', t.moderated],
  ['shortlisted', t.shortlisted],
  ['ballot', t.ballotCreated],
]);

collectRoutes.get('/projects', mayList, (c) => {
  return renderProjects(c, yearOf(c), { notice: DONE_NOTICES.get(c.req.query('done') ?? '') });
});

const EMPTY_PROPOSAL: ProposalValues = { title: '', description: '', budget: '', unitId: '', proposerName: '', proposerContact: '' };

async function renderProposalForm(c: AppContext, year: number, values: ProposalValues, errors: ProposalErrors) {
  const staff = can(c.var.user!.role, 'project.manage');
  const units = staff ? await c.var.data.projects.units() : undefined;
  const body = ProposalFormPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', year, values, errors, units });
  return c.html(pageShell(c, t.newTitle, body), Object.keys(errors).length ? 422 : 200);
}

collectRoutes.get('/projects/new', mayPropose, (c) => renderProposalForm(c, yearOf(c), EMPTY_PROPOSAL, {}));

/** Only staff name the responsible unit; a deputy's proposal leaves it to them. */
const isStaff = (c: AppContext) => can(c.var.user!.role, 'project.manage');

/** The year a proposal is for: the form's, within ±5 years of now; else this year. */
function proposalYear(yearText: string): number {
  const y = yearText.slice(0, 10);
  return /^\d{4}$/.test(y) && Math.abs(Number(y) - currentYear()) <= 5 ? Number(y) : currentYear();
}

const proposalForm = form(
  (c) => proposalSchema({ needName: false, namesUnit: isStaff(c) }),
  (c, raw, errors) => renderProposalForm(c, proposalYear(raw.year), proposalFormValues(raw, isStaff(c)), errors),
);

collectRoutes.post('/projects', mayPropose, requireFormToken, proposalForm, async (c) => {
  const user = c.var.user!;
  const staff = isStaff(c);
  const { values: raw, data } = c.req.valid('form');
  const year = proposalYear(raw.year);
  const { values, value } = data;
  const out = await c.var.data.projects.propose(
    {
      year,
      title: value.title,
      description: value.description,
      budgetYuan: value.budgetYuan,
      unitId: value.unitId,
      proposerKind: staff ? 'staff' : 'deputy',
      proposerName: user.displayName,
      proposerContact: null,
      proposerUserId: user.id,
      status: 'candidate',
    },
    auditActor(c),
    Date.now(),
  );
  if (out.result !== 'ok') return renderProposalForm(c, year, values, { unitId: t.errors.unit });
  return c.redirect(`${c.var.base}/projects?year=${year}&done=proposed`, 303);
});

collectRoutes.post('/projects/:projectId{[0-9]{1,15}}/moderate', manage, requireFormToken, async (c) => {
  const project = await projectOr404(c);
  if (!project) return notFound(c);
  const posted = await checkPosted(c, moderateSchema);
  if (!posted.ok) return renderProjects(c, project.year, { alert: t.errors.unit, status: 422 });
  const { decision, unitId } = posted.data;
  const result = await c.var.data.projects.moderate(project.id, decision, decision === 'accept' ? unitId : null, auditActor(c), Date.now());
  if (result !== 'ok') return renderProjects(c, project.year, { alert: unitId !== null ? t.errors.unit : t.errors.stateChanged, status: 409 });
  return c.redirect(`${c.var.base}/projects?year=${project.year}&done=moderated`, 303);
});

collectRoutes.post('/projects/:projectId{[0-9]{1,15}}/shortlist', manage, requireFormToken, async (c) => {
  const project = await projectOr404(c);
  if (!project) return notFound(c);
  const posted = await checkPosted(c, shortlistSchema);
  if (!posted.ok) return renderProjects(c, project.year, { alert: t.errors.stateChanged, status: 422 });
  const { op } = posted.data;
  const result = await c.var.data.projects.shortlist(project.id, op === 'add', auditActor(c), Date.now());
  if (result !== 'ok') return renderProjects(c, project.year, { alert: t.errors.stateChanged, status: 409 });
  return c.redirect(`${c.var.base}/projects?year=${project.year}&done=shortlisted`, 303);
});

collectRoutes.post('/projects/:projectId{[0-9]{1,15}}/plan', manage, requireFormToken, async (c) => {
  const project = await projectOr404(c);
  if (!project) return notFound(c);
  const posted = await checkPosted(c, planSchema);
  if (!posted.ok) {
    const values = { unit_id: posted.values.unit_id.slice(0, 20), planned_finish: posted.values.planned_finish.slice(0, 20).trim() };
    return renderProjectDetail(c, project, { values, errors: posted.errors, status: 422 });
  }
  const { values, unitId, finish } = posted.data;
  const now = Date.now();
  const colour = progressColour({
    percent: project.progressPercent,
    startMs: planStart(project.year, project.ballotClosedAt),
    plannedFinish: finish,
    now,
  });
  const result = await c.var.data.projects.plan(project.id, unitId, finish, colour, auditActor(c), now);
  if (result !== 'ok') return renderProjectDetail(c, project, { values, errors: { unit_id: t.errors.unit }, status: 422 });
  return c.redirect(`${c.var.base}/projects/${project.id}?done=planned`, 303);
});

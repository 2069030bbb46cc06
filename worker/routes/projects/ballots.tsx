/**
 * 票决: staff start a ballot over shortlisted projects (差额: more candidates
 * than places), deputies vote once in secret, staff close it (or it is
 * counted at the first view after its closing time), and staff pick among
 * projects tied across the last place. Rules: worker/rules/projects.ts;
 * the secret-ballot write: db/repos/projects.ts `vote`.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { can } from '../../rules/roles';
import { ballotPhase, choiceProblem, tieResolutionProblem } from '../../rules/projects';
import { BallotPage } from '../../../views/pages/projects-ballot';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { notFound } from '../../errors';
import { countBallot, currentYear } from './shared';
import { ballotFormValues, ballotSchema, formYear, idList, tieFields, voteFields } from '../../forms/projects';
import { checkPosted, form } from '../../forms/validate';
import { ballotOr404 } from './load';
import { renderProjects } from './collect';

const t = text.projects;
const e = t.errors;

export const ballotRoutes = new Hono<AppEnv>();

const mayOpen = requireAction('project.view', 'project.vote', 'project.manage');
const mayVote = requireAction('project.vote');
const manage = requireAction('project.manage');

const ballotForm = form(ballotSchema, (c, raw, errors) =>
  renderProjects(c, formYear(raw.year, currentYear()), { ballotForm: ballotFormValues(raw), ballotErrors: errors, status: 422 }),
);

ballotRoutes.post('/ballots', manage, requireFormToken, ballotForm, async (c) => {
  const { values: raw, data } = c.req.valid('form');
  const year = formYear(raw.year, currentYear());
  const { values, title, places, opensAt, closesAt } = data;
  const user = c.var.user!;
  const out = await c.var.data.projects.createBallot(
    { year, title, places, opensAt, closesAt, projectIds: values.candidates },
    { ...auditActor(c), userId: user.id },
    Date.now(),
  );
  if (out.result !== 'ok') return renderProjects(c, year, { ballotForm: values, ballotErrors: { candidates: e.candidatesChanged }, status: 422 });
  return c.redirect(`${c.var.base}/ballots/${out.id}?done=created`, 303);
});

async function renderBallot(
  c: AppContext,
  view: NonNullable<Awaited<ReturnType<typeof ballotOr404>>>,
  extra: {
    chosen?: number[];
    errors?: Partial<Record<'choices' | 'picked', string>>;
    notice?: string;
    alert?: string;
    status?: 200 | 409 | 422;
  } = {},
) {
  const user = c.var.user!;
  const role = user.role;
  const isDeputy = can(role, 'project.vote');
  const body = BallotPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    view,
    phase: ballotPhase(view.ballot, Date.now()),
    eligible: isDeputy && (await c.var.data.projects.isEligible(user.deputyId)),
    isDeputy,
    manage: can(role, 'project.manage'),
    seeTurnout: can(role, 'project.view'),
    chosen: extra.chosen ?? [],
    errors: extra.errors ?? {},
    notice: extra.notice,
    alert: extra.alert,
  });
  return c.html(pageShell(c, view.ballot.title, body), extra.status ?? 200);
}

/** The banner after a redirect, by the `done` code in its address. */
const DONE_NOTICES = new Map([
  ['created', t.ballotCreated],
  ['voted', t.votedDone],
  ['closed', t.ballotClosed],
  ['resolved', t.tieResolved],
]);

ballotRoutes.get('/ballots/:ballotId{[0-9]{1,15}}', mayOpen, async (c) => {
  const view = await ballotOr404(c);
  if (!view) return notFound(c);
  return renderBallot(c, view, { notice: DONE_NOTICES.get(c.req.query('done') ?? '') });
});

ballotRoutes.post('/ballots/:ballotId{[0-9]{1,15}}/vote', mayVote, requireFormToken, async (c) => {
  const view = await ballotOr404(c);
  if (!view) return notFound(c);
  const user = c.var.user!;
  const raw = idList((await checkPosted(c, voteFields)).values.choices);
  const chosen = [...new Set(raw ?? [])];
  const now = Date.now();
  const phase = ballotPhase(view.ballot, now);
  if (phase === 'not_open') return renderBallot(c, view, { chosen, alert: e.notOpen, status: 422 });
  if (phase !== 'voting') return renderBallot(c, view, { chosen, alert: e.ended, status: 422 });
  if (!(await c.var.data.projects.isEligible(user.deputyId))) return renderBallot(c, view, { chosen, alert: t.notEligible, status: 422 });
  if (view.voted) return renderBallot(c, view, { alert: e.alreadyVoted, status: 409 });
  const candidates = new Set(view.candidates.map((x) => x.projectId));
  const problem = raw === null ? 'not_candidate' : choiceProblem(raw, candidates, view.ballot.places);
  if (problem) {
    const message = problem === 'none' ? e.choiceNone : problem === 'too_many' ? e.choiceTooMany(view.ballot.places) : e.choiceNotCandidate;
    return renderBallot(c, view, { chosen, errors: { choices: message }, status: 422 });
  }
  const result = await c.var.data.projects.vote(view.ballot.id, user.deputyId!, chosen, Date.now());
  if (result === 'duplicate') return renderBallot(c, { ...view, voted: true }, { alert: e.alreadyVoted, status: 409 });
  if (result !== 'ok') {
    const late = ballotPhase(view.ballot, Date.now()) !== 'voting';
    return renderBallot(c, view, { chosen, alert: late ? e.ended : e.ballotChanged, status: late ? 422 : 409 });
  }
  return c.redirect(`${c.var.base}/ballots/${view.ballot.id}?done=voted`, 303);
});

ballotRoutes.post('/ballots/:ballotId{[0-9]{1,15}}/close', manage, requireFormToken, async (c) => {
  const view = await ballotOr404(c);
  if (!view) return notFound(c);
  if (view.ballot.status !== 'closed') await countBallot(c, view.ballot.id, auditActor(c), Date.now());
  return c.redirect(`${c.var.base}/ballots/${view.ballot.id}?done=closed`, 303);
});

ballotRoutes.post('/ballots/:ballotId{[0-9]{1,15}}/resolve', manage, requireFormToken, async (c) => {
  const view = await ballotOr404(c);
  if (!view) return notFound(c);
  const raw = idList((await checkPosted(c, tieFields)).values.picked);
  const picked = [...new Set(raw ?? [])];
  const tied = view.candidates.filter((x) => x.status === 'shortlisted').map((x) => x.projectId);
  const openPlaces = view.ballot.places - view.candidates.filter((x) => x.status === 'chosen').length;
  if (view.ballot.status !== 'closed' || tied.length === 0) return renderBallot(c, view, { alert: e.ballotChanged, status: 409 });
  const problem = raw === null ? 'not_tied' : tieResolutionProblem(raw, tied, openPlaces);
  if (problem) return renderBallot(c, view, { chosen: picked, errors: { picked: e.tieCount(openPlaces) }, status: 422 });
  const result = await c.var.data.projects.resolveTie(view.ballot.id, picked, tied, auditActor(c), Date.now());
  if (result !== 'ok') return renderBallot(c, view, { alert: e.ballotChanged, status: 409 });
  return c.redirect(`${c.var.base}/ballots/${view.ballot.id}?done=resolved`, 303);
});

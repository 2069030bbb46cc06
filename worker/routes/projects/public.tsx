/**
 * 民生实事 on the county's public pages, without login: the year's chosen
 * projects with progress, the results of closed ballots (votes and
 * turnout), and the public proposal form — rate-limited per IP through the
 * same D1 counters as the login throttle (own key prefix), and moderated:
 * a public proposal arrives `pending` until staff accept or reject it.
 * Mounted before the session middleware, like worker/routes/suggestions/public.tsx;
 * there is no session here, so no form token: Hono's Origin check applies.
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppContext, AppEnv } from '../../context';
import { chargeLoginAttempt } from '../../../db/platform-data';
import { clientIp } from '../../auth/login';
import { minutesUntil } from '../../rules/login-throttle';
import { planStart, progressColour, PUBLIC_PROPOSAL_LIMIT, publicProposalKey } from '../../rules/projects';
import { ASSETS } from '../../assets/generated';
import { PublicShell } from '../../../views/pages/public';
import { PublicProjectsPage, PublicProposePage, PublicThanksPage } from '../../../views/pages/projects-public';
import { text } from '../../../views/text/index';
import { countDueBallots, currentYear, yearOf } from './shared';
import { proposalFormValues, proposalSchema, type ProposalValues } from '../../forms/projects';
import { form } from '../../forms/validate';
import type { BallotView } from '../../../db/repos/projects';

const p = text.projects.public;
/** Results change when a ballot closes: a short reuse time. */
const CACHE_CONTROL = 'public, max-age=60';

function render(c: AppContext, title: string, body: Child, status: 200 | 422 | 429 = 200) {
  if (status === 200 && c.req.method === 'GET') c.header('Cache-Control', CACHE_CONTROL);
  const page = PublicShell({ title, countyName: c.var.tenant.name, base: c.var.base, cssHref: ASSETS.css.path, children: body });
  return c.html(page, status);
}

export const publicProjectRoutes = new Hono<AppEnv>();

publicProjectRoutes.get('/public/projects', async (c) => {
  const year = yearOf(c);
  const now = Date.now();
  const repo = c.var.data.projects;
  await countDueBallots(c, year, now);
  const { chosen, closed } = await repo.publicYear(year);
  const results = (await Promise.all(closed.map((b) => repo.ballot(b.id, null)))).filter((v): v is BallotView => Boolean(v));
  const body = PublicProjectsPage({
    base: c.var.base,
    year,
    chosen: chosen.map((x) => ({
      ...x,
      colour: progressColour({ percent: x.progressPercent, startMs: planStart(x.year, x.ballotClosedAt), plannedFinish: x.plannedFinish, now }),
    })),
    results,
  });
  return render(c, p.title, body);
});

const EMPTY: ProposalValues = { title: '', description: '', budget: '', unitId: '', proposerName: '', proposerContact: '' };

publicProjectRoutes.get('/public/projects/propose', (c) =>
  render(c, p.proposeTitle, PublicProposePage({ base: c.var.base, values: EMPTY, errors: {} })),
);

// The public never names the responsible unit: staff do, when they accept it.
const PUBLIC_PROPOSAL = { needName: true, namesUnit: false };
const publicProposalForm = form(proposalSchema(PUBLIC_PROPOSAL), (c, raw, errors) =>
  render(c, p.proposeTitle, PublicProposePage({ base: c.var.base, values: proposalFormValues(raw, false), errors }), 422),
);

publicProjectRoutes.post('/public/projects/propose', publicProposalForm, async (c) => {
  const { values, value } = c.req.valid('form').data;
  const now = Date.now();
  const charge = await chargeLoginAttempt(
    c.var.platformDb,
    [{ key: publicProposalKey(clientIp(c)), limit: PUBLIC_PROPOSAL_LIMIT.perIp }],
    now,
    PUBLIC_PROPOSAL_LIMIT.windowMs,
    PUBLIC_PROPOSAL_LIMIT.lockMs,
  );
  if (!charge.allowed) {
    const until = charge.lockedUntil ?? now + PUBLIC_PROPOSAL_LIMIT.lockMs;
    c.header('Retry-After', String(Math.ceil((until - now) / 1000)));
    const alert = text.projects.errors.tooManyProposals(minutesUntil(until, now));
    return render(c, p.proposeTitle, PublicProposePage({ base: c.var.base, values, errors: {}, alert }), 429);
  }
  await c.var.data.projects.propose(
    {
      year: currentYear(now),
      title: value.title,
      description: value.description,
      budgetYuan: value.budgetYuan,
      unitId: null,
      proposerKind: 'public',
      proposerName: value.proposerName,
      proposerContact: value.proposerContact,
      proposerUserId: null,
      status: 'pending',
    },
    { userId: null, name: value.proposerName ?? '' },
    now,
  );
  // Answered in place (no redirect): the page says it was received and what happens next.
  return render(c, p.thanksTitle, PublicThanksPage({ base: c.var.base }));
});

/**
 * 单月座谈议题: staff set a topic for a month; staff, secretary and chair
 * see each topic's 参与情况通报 (counted live, printable, CSV/.xlsx).
 * Deputies meet the open topics on their home page and submit under them
 * through the normal suggestion form (routes/suggestions/submit.tsx).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { auditActor, requireAction, requireFormToken } from '../middleware/access';
import { can } from '../rules/roles';
import { chinaDateOf } from '../rules/calendar';
import { isTopicOpen, monthEnd, monthStart, participationByTownship, type TopicFormErrors, type TopicFormValues } from '../rules/forums';
import { percent } from '../rules/statistics';
import { downloadTable, requestedFormat, type Table } from '../export/table';
import { notFound } from '../errors';
import { form } from '../forms/validate';
import { topicSchema } from '../forms/forums';
import { ForumTopicsPage, type TopicState } from '../../views/pages/forums';
import { ParticipationReportPage, stationLabel, townshipLabel } from '../../views/pages/forums-report';
import type { ForumParticipant } from '../../db/repos/forums';
import type { TownshipParticipation, ParticipationFigures } from '../rules/forums';
import { chinaDateTime } from '../../views/format';
import { pageShell } from '../../views/render';
import { text } from '../../views/text/index';

export const forumRoutes = new Hono<AppEnv>();

/**
 * The topic a suggestion form names in `forum_topic_id`, if it is a topic of
 * this tenant open today; null when the field is empty; 'closed' otherwise
 * (unknown, another county's, not yet started or past its closing date).
 */
export async function openForumTopic(c: AppContext, idText: string | undefined) {
  const raw = (idText ?? '').trim();
  if (!raw) return null;
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return 'closed' as const;
  const topic = await c.var.data.forums.openTopic(Number(raw), chinaDateOf(Date.now()));
  return topic ?? ('closed' as const);
}

const mayView = requireAction('forum.report');
const mayManage = requireAction('forum.manage');
const r = text.forums.reportPage;

function stateOf(t: { month: string; closesOn: string }, today: string): TopicState {
  if (isTopicOpen(t, today)) return 'open';
  const start = monthStart(t.month);
  return start !== null && today < start ? 'upcoming' : 'closed';
}

/** The form as first shown: this month, closing on its last day. */
function freshForm(today: string): TopicFormValues {
  const month = today.slice(0, 7);
  return { month, title: '', description: '', closes_on: monthEnd(month) ?? '' };
}

async function renderTopics(
  c: AppContext,
  extra: { form?: { values: TopicFormValues; errors: TopicFormErrors }; notice?: string; status?: 200 | 422 } = {},
) {
  const today = chinaDateOf(Date.now());
  const topics = await c.var.data.forums.list();
  const manage = can(c.var.user!.role, 'forum.manage');
  const body = ForumTopicsPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    topics: topics.map((t) => ({ ...t, state: stateOf(t, today) })),
    form: manage ? (extra.form ?? { values: freshForm(today), errors: {} }) : undefined,
    notice: extra.notice,
  });
  if (extra.status === 422) c.header('HX-Push-Url', 'false');
  return c.html(pageShell(c, text.forums.title, body), extra.status ?? 200);
}

forumRoutes.get('/forums', mayView, (c) => renderTopics(c, { notice: c.req.query('done') ? text.forums.created : undefined }));

const topicForm = form(topicSchema, (c, values, errors) => renderTopics(c, { form: { values, errors }, status: 422 }));

forumRoutes.post('/forums', mayManage, requireFormToken, topicForm, async (c) => {
  await c.var.data.forums.create(c.req.valid('form').data, auditActor(c), Date.now());
  return c.redirect(`${c.var.base}/forums?done=1`, 303);
});

function stationsTable(title: string, townships: TownshipParticipation[], total: ParticipationFigures): Table {
  const rows: Table['rows'] = [];
  for (const t of townships) {
    for (const s of t.stations) rows.push([townshipLabel(t.township), stationLabel(s), s.deputies, s.participating, percent(s.rate), s.suggestions]);
    rows.push([r.subtotal(townshipLabel(t.township)), '', t.deputies, t.participating, percent(t.rate), t.suggestions]);
  }
  rows.push([r.total, '', total.deputies, total.participating, percent(total.rate), total.suggestions]);
  return { name: title, columns: [r.township, r.station, r.deputies, r.participating, r.rate, r.suggestions], rows };
}

function participantsTable(title: string, participants: ForumParticipant[]): Table {
  return {
    name: `${title}${r.participants}`,
    columns: [r.township, r.station, r.deputy, r.led, r.cosigned],
    rows: participants.map((p) => [p.stationName === null ? '' : townshipLabel(p.township), p.stationName ?? r.noStation, p.name, p.led, p.cosigned]),
  };
}

forumRoutes.get('/forums/:topicId{[0-9]{1,15}}', mayView, async (c) => {
  const topic = await c.var.data.forums.byId(Number(c.req.param('topicId')));
  if (!topic) return notFound(c);
  const { stations, participants } = await c.var.data.forums.participation(topic.id);
  const { townships, total } = participationByTownship(stations);
  const title = r.title(topic.title);
  const format = requestedFormat(c.req.query('format'));
  if (format) {
    const table = c.req.query('table') === 'participants' ? participantsTable(title, participants) : stationsTable(title, townships, total);
    return downloadTable(table, format);
  }
  const body = ParticipationReportPage({
    base: c.var.base,
    topic,
    townships,
    total,
    participants,
    asOf: chinaDateTime(Date.now()),
  });
  return c.html(pageShell(c, title, body));
});

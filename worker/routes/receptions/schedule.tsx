/**
 * 接待日安排: the month's receptions, and scheduling, changing or
 * cancelling one before its day (staff; a liaison clerk at their own station).
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { can } from '../../rules/roles';
import { chinaDateOf } from '../../rules/calendar';
import { monthOf, neighbourMonths, parseMonth } from '../../rules/receptions';
import { notFound, renderErrorPage } from '../../errors';
import type { FieldErrors } from '../../../views/components/field';
import type { ReceptionInput } from '../../../db/repos/receptions';
import { ReceptionFormPage, ReceptionListPage, type ReceptionFormValues } from '../../../views/pages/receptions';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';
import { idParam, isEditable, loadReception, stationScope, statusOf } from './load';
import { namedDeputyIds, receptionFields, receptionSchema } from '../../forms/receptions';
import { checkPosted, readPosted } from '../../forms/validate';

const t = text.receptions;
const mayView = requireAction('reception.view');
const maySchedule = requireAction('reception.schedule');

export const scheduleRoutes = new Hono<AppEnv>();

scheduleRoutes.get('/receptions', mayView, async (c) => {
  const now = Date.now();
  const month = parseMonth(c.req.query('month')) ?? monthOf(now);
  const scope = stationScope(c);
  const wanted = idParam(c.req.query('station'));
  const stations = await c.var.data.receptions.stations(scope);
  const stationId = wanted !== null && stations.some((s) => s.id === wanted) ? wanted : scope;
  const items = await c.var.data.receptions.list(month, stationId);
  const { previous, next } = neighbourMonths(month);
  const done = c.req.query('done');
  const body = ReceptionListPage({
    base: c.var.base,
    month,
    previousMonth: previous,
    nextMonth: next,
    stations,
    stationId: wanted !== null && stations.some((s) => s.id === wanted) ? wanted : null,
    items: items.map((r) => ({ ...r, status: statusOf(r, now) })),
    maySchedule: can(c.var.user!.role, 'reception.schedule'),
    notice: done === 'cancelled' ? t.detail.cancelled : undefined,
  });
  return c.html(pageShell(c, t.list.title, body));
});

const emptyForm = (): ReceptionFormValues => ({ station_id: '', date: '', starts_at: '09:00', ends_at: '11:30', place: '', note: '', deputies: [] });

async function renderForm(c: AppContext, values: ReceptionFormValues, errors: FieldErrors, editId?: number) {
  const options = await c.var.data.receptions.formOptions(stationScope(c));
  const body = ReceptionFormPage({
    title: editId ? t.form.editTitle : t.form.newTitle,
    action: editId ? `${c.var.base}/receptions/${editId}` : `${c.var.base}/receptions`,
    csrfToken: c.var.csrfToken ?? '',
    values,
    errors,
    stations: options.stations,
    deputies: options.deputies,
    backHref: editId ? `${c.var.base}/receptions/${editId}` : `${c.var.base}/receptions`,
  });
  const status = Object.keys(errors).length ? 422 : 200;
  if (status !== 200) c.header('HX-Push-Url', 'false');
  return c.html(pageShell(c, editId ? t.form.editTitle : t.form.newTitle, body), status);
}

/** The form checked against the county: stations in this person's scope, serving deputies of this county. */
async function parse(c: AppContext) {
  const typed = await readPosted(c, receptionFields);
  const [stations, eligible] = await Promise.all([
    c.var.data.receptions.stations(stationScope(c)),
    c.var.data.receptions.servingDeputyIds(namedDeputyIds(typed)),
  ]);
  return checkPosted(c, receptionSchema({ stations: new Set(stations.map((s) => s.id)), eligible, today: chinaDateOf(Date.now()) }));
}

scheduleRoutes.get('/receptions/new', maySchedule, (c) => renderForm(c, emptyForm(), {}));

scheduleRoutes.post('/receptions', maySchedule, requireFormToken, async (c) => {
  const parsed = await parse(c);
  if (!parsed.ok) return renderForm(c, parsed.values, parsed.errors);
  const user = c.var.user!;
  const id = await c.var.data.receptions.schedule(parsed.data, { ...auditActor(c), userId: user.id }, Date.now());
  return c.redirect(`${c.var.base}/receptions/${id}?done=saved`, 303);
});

/** A reception this person may still change, or the page that says why not. */
async function editable(c: AppContext) {
  const r = await loadReception(c, idParam(c.req.param('receptionId')));
  if (!r) return { page: notFound(c) };
  if (!isEditable(r, Date.now())) return { page: renderErrorPage(c, 409, t.errors.notEditableTitle, t.errors.notEditable) };
  return { r };
}

function inputOf(r: NonNullable<Awaited<ReturnType<typeof loadReception>>>): ReceptionInput {
  return {
    stationId: r.stationId,
    date: r.date,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    place: r.place,
    note: r.note,
    deputyIds: r.deputies.map((d) => d.id),
  };
}

scheduleRoutes.get('/receptions/:receptionId{[0-9]{1,15}}/edit', maySchedule, async (c) => {
  const found = await editable(c);
  if (!found.r) return found.page;
  const r = found.r;
  const values: ReceptionFormValues = {
    station_id: String(r.stationId),
    date: r.date,
    starts_at: r.startsAt,
    ends_at: r.endsAt,
    place: r.place,
    note: r.note ?? '',
    deputies: r.deputies.map((d) => String(d.id)),
  };
  return renderForm(c, values, {}, r.id);
});

scheduleRoutes.post('/receptions/:receptionId{[0-9]{1,15}}', maySchedule, requireFormToken, async (c) => {
  const found = await editable(c);
  if (!found.r) return found.page;
  const parsed = await parse(c);
  if (!parsed.ok) return renderForm(c, parsed.values, parsed.errors, found.r.id);
  const now = Date.now();
  const ok = await c.var.data.receptions.update(found.r.id, parsed.data, inputOf(found.r), auditActor(c), chinaDateOf(now), now);
  if (!ok) return renderErrorPage(c, 409, t.errors.notEditableTitle, t.errors.notEditable);
  return c.redirect(`${c.var.base}/receptions/${found.r.id}?done=saved`, 303);
});

scheduleRoutes.post('/receptions/:receptionId{[0-9]{1,15}}/cancel', maySchedule, requireFormToken, async (c) => {
  const found = await editable(c);
  if (!found.r) return found.page;
  const r = found.r;
  const now = Date.now();
  const ok = await c.var.data.receptions.cancel(r.id, `${r.date} ${r.place}`, auditActor(c), chinaDateOf(now), now);
  if (!ok) return renderErrorPage(c, 409, t.errors.notEditableTitle, t.errors.notEditable);
  return c.redirect(`${c.var.base}/receptions?month=${r.date.slice(0, 7)}&done=cancelled`, 303);
});

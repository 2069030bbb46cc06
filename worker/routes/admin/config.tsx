/** 工作日历 and 办理设置, for the tenant admin. */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { chinaDateOf, parseIsoDate } from '../../rules/calendar';
import { parseCalendarLines } from '../../forms/calendar';
import { parseSettingsForm, settingsValues, type SettingsErrors, type SettingsValues } from '../../forms/settings';
import { CalendarPage, SettingsPage } from '../../../views/pages/admin-config';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/i18n';

export const configRoutes = new Hono<AppEnv>();
const admin = requireAction('tenant.administer');

function yearOf(c: AppContext, fallback?: string): number {
  const y = Number(c.req.query('year') ?? fallback);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(chinaDateOf(Date.now()).slice(0, 4));
}

async function renderCalendar(c: AppContext, year: number, extra: { importText?: string; importErrors?: string[]; notice?: string; status?: 200 | 422 } = {}) {
  const entries = await c.var.data.tenantConfig.calendarYear(year);
  const body = CalendarPage({
    base: c.var.base,
    csrfToken: c.var.csrfToken ?? '',
    year,
    entries: entries.map((e) => ({ ...e, kind: e.kind === 'workday' ? 'workday' : 'holiday' })),
    importText: extra.importText ?? '',
    importErrors: extra.importErrors ?? [],
    notice: extra.notice,
  });
  return c.html(pageShell(c, text.admin.calendar.title, body), extra.status ?? 200);
}

configRoutes.get('/admin/calendar', admin, (c) => {
  const done = c.req.query('done');
  const notice = done === 'removed' ? text.admin.calendar.removed : done ? text.admin.calendar.imported(Number(done) || 0) : undefined;
  return renderCalendar(c, yearOf(c), { notice });
});

configRoutes.post('/admin/calendar/import', admin, requireFormToken, async (c) => {
  const body = await c.req.parseBody();
  const lines = typeof body['lines'] === 'string' ? body['lines'] : '';
  const parsed = parseCalendarLines(lines);
  if (!parsed.ok) return renderCalendar(c, yearOf(c), { importText: lines, importErrors: parsed.errors, status: 422 });
  await c.var.data.tenantConfig.upsertDays(parsed.entries, auditActor(c));
  const year = parsed.entries[0]!.date.slice(0, 4);
  return c.redirect(`${c.var.base}/admin/calendar?year=${year}&done=${parsed.entries.length}`, 303);
});

configRoutes.post('/admin/calendar/remove', admin, requireFormToken, async (c) => {
  const body = await c.req.parseBody();
  const date = typeof body['date'] === 'string' ? parseIsoDate(body['date']) : null;
  if (date) await c.var.data.tenantConfig.removeDays([date], auditActor(c));
  return c.redirect(`${c.var.base}/admin/calendar?year=${date?.slice(0, 4) ?? ''}&done=removed`, 303);
});

async function renderSettings(c: AppContext, values?: SettingsValues, errors: SettingsErrors = {}, notice?: string) {
  const v = values ?? settingsValues((await c.var.data.config()).settings);
  const body = SettingsPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', values: v, errors, notice });
  return c.html(pageShell(c, text.admin.settings.title, body), Object.keys(errors).length ? 422 : 200);
}

configRoutes.get('/admin/settings', admin, (c) =>
  renderSettings(c, undefined, {}, c.req.query('done') ? text.admin.settings.saved : undefined),
);

configRoutes.post('/admin/settings', admin, requireFormToken, async (c) => {
  const body = await c.req.parseBody();
  const values: SettingsValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v.slice(0, 100);
  const parsed = parseSettingsForm(values);
  if (!parsed.ok) return renderSettings(c, values, parsed.errors);
  await c.var.data.tenantConfig.saveSettings(parsed.value, Date.now(), auditActor(c));
  return c.redirect(`${c.var.base}/admin/settings?done=1`, 303);
});

/** 工作日历 and 办理设置, for the tenant admin. */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { auditActor, requireAction, requireFormToken } from '../../middleware/access';
import { chinaDateOf } from '../../rules/calendar';
import { calendarImportSchema, calendarRemoveSchema } from '../../forms/calendar';
import { settingsFormSchema, settingsValues, type SettingsErrors, type SettingsValues } from '../../forms/settings';
import { form } from '../../forms/validate';
import { CalendarPage, SettingsPage } from '../../../views/pages/admin-config';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/text/index';

export const configRoutes = new Hono<AppEnv>();
const admin = requireAction('tenant.administer');

function yearOf(c: AppContext, fallback?: string): number {
  const y = Number(c.req.query('year') ?? fallback);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(chinaDateOf(Date.now()).slice(0, 4));
}

async function renderCalendar(
  c: AppContext,
  year: number,
  extra: { importText?: string; importErrors?: string[]; notice?: string; status?: 200 | 422 } = {},
) {
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

// One message per wrong line, listed above the box (calendarImportSchema joins them with line breaks).
const calendarImport = form(calendarImportSchema, (c, v, errors) =>
  renderCalendar(c, yearOf(c), { importText: v.lines, importErrors: (errors['lines'] ?? '').split('\n'), status: 422 }),
);

configRoutes.post('/admin/calendar/import', admin, requireFormToken, calendarImport, async (c) => {
  const entries = c.req.valid('form').data;
  await c.var.data.tenantConfig.upsertDays(entries, auditActor(c));
  const year = entries[0]!.date.slice(0, 4);
  return c.redirect(`${c.var.base}/admin/calendar?year=${year}&done=${entries.length}`, 303);
});

const calendarRemove = form(calendarRemoveSchema, (c) => c.redirect(`${c.var.base}/admin/calendar?year=&done=removed`, 303));

configRoutes.post('/admin/calendar/remove', admin, requireFormToken, calendarRemove, async (c) => {
  const { date } = c.req.valid('form').data;
  if (date) await c.var.data.tenantConfig.removeDays([date], auditActor(c));
  return c.redirect(`${c.var.base}/admin/calendar?year=${date?.slice(0, 4) ?? ''}&done=removed`, 303);
});

async function renderSettings(c: AppContext, values?: SettingsValues, errors: SettingsErrors = {}, notice?: string) {
  const v = values ?? settingsValues((await c.var.data.config()).settings);
  const body = SettingsPage({ base: c.var.base, csrfToken: c.var.csrfToken ?? '', values: v, errors, notice });
  return c.html(pageShell(c, text.admin.settings.title, body), Object.keys(errors).length ? 422 : 200);
}

configRoutes.get('/admin/settings', admin, (c) => renderSettings(c, undefined, {}, c.req.query('done') ? text.admin.settings.saved : undefined));

const settingsForm = form(settingsFormSchema, (c, v, errors) => {
  const values: SettingsValues = {};
  for (const [k, text] of Object.entries(v)) if (typeof text === 'string') values[k] = text.slice(0, 100);
  return renderSettings(c, values, errors);
});

configRoutes.post('/admin/settings', admin, requireFormToken, settingsForm, async (c) => {
  await c.var.data.tenantConfig.saveSettings(c.req.valid('form').data, Date.now(), auditActor(c));
  return c.redirect(`${c.var.base}/admin/settings?done=1`, 303);
});

/** The tenant admin edits the working-day calendar and the settings; stored due dates never move. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { acceptAndAssign, actOk, assignmentsOf, people, submitSuggestion, worldAndPeople, worldWithAssigned } from '../helpers/flow';
import { settingsForm } from '../helpers/settings';
import { createWorld } from '../helpers/world';

describe('working-day calendar', () => {
  it('imports a list of dates atomically; a bad line refuses the whole list and keeps the text', async () => {
    const w = await createWorld('calimport');
    const admin = await people(w)('admin');
    const csrf = (await (await admin.get(`${w.base}/admin/calendar`)).text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    const bad = await admin.post(`${w.base}/admin/calendar/import`, {
      _csrf: csrf,
      lines: '2027-01-01 休 元旦\n2027-02-30 休 春节\n2027-02-07 加班',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('第 2 行：“2027-02-30”不是有效日期');
    expect(html).toContain('第 3 行：类型“加班”无法识别');
    expect(html).toContain('2027-01-01 休 元旦');
    const none = await env.DB.prepare("select count(*) as n from calendar_days where tenant_id = ? and date like '2027-%'")
      .bind(w.tenantId)
      .first<{ n: number }>();
    expect(none!.n).toBe(0);

    const ok = await admin.post(`${w.base}/admin/calendar/import`, { _csrf: csrf, lines: '2027-01-01 休 元旦\n2027-02-07 班 春节调休' });
    expect(ok.status).toBe(303);
    const page = await (await admin.get(ok.headers.get('Location')!)).text();
    expect(page).toContain('已导入 2 个日期。');
    expect(page).toContain('春节调休');
  });

  it('only the tenant admin may edit it', async () => {
    const w = await createWorld('calperm');
    const staff = await people(w)('staff');
    expect((await staff.get(`${w.base}/admin/calendar`)).status).toBe(403);
    expect((await staff.get(`${w.base}/admin/settings`)).status).toBe(403);
  });

  it('a holiday added on a stored due date does not move that due date', async () => {
    const { w, as, id } = await worldWithAssigned('calstored');
    const due = (await assignmentsOf(id))[0]!.reply_due!;
    const admin = await as('admin');
    const csrf = (await (await admin.get(`${w.base}/admin/calendar`)).text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    expect((await admin.post(`${w.base}/admin/calendar/import`, { _csrf: csrf, lines: `${due} 休 临时放假` })).status).toBe(303);
    expect((await assignmentsOf(id))[0]!.reply_due).toBe(due);
  });
});

describe('settings', () => {
  it('a tenant using working days for the return window and 3 reply classes', async () => {
    const { w, as } = await worldAndPeople('settings');
    const admin = await as('admin');
    const form = await (await admin.get(`${w.base}/admin/settings`)).text();
    expect(form).toContain('value="3"'); // reply deadline: 3 months by default
    const csrf = form.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const values = settingsForm({ _csrf: csrf, classes: '3' });
    const bad = await admin.post(`${w.base}/admin/settings`, { ...values, returnWindow_amount: '-3', alertWebhookUrl: 'http://insecure' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('请填写 0 到 400 之间的整数。');
    expect(badHtml).toContain('请填写以 https:// 开头的完整地址。');
    expect((await admin.post(`${w.base}/admin/settings`, values)).status).toBe(303);

    const id = await submitSuggestion(w, await as('deputy'));
    await acceptAndAssign(w, await as('staff'), id, w.units[0]);
    const part = (await assignmentsOf(id))[0]!;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-').map(Number);
    const twoMonths = new Date(Date.UTC(y!, m! - 1 + 2, 1));
    expect(part.reply_due! >= `${twoMonths.toISOString().slice(0, 7)}-01`).toBe(true);
    expect(part.reply_due! < `${new Date(Date.UTC(y!, m! - 1 + 3, 1)).toISOString().slice(0, 7)}-15`).toBe(true);
    void d;
    // Class D is not offered any more.
    const unit = await as('unit');
    await actOk(w, unit, id, 'sign_for');
    const page = await (await unit.get(`${w.base}/suggestions/${id}`)).text();
    expect(page).toContain('C 类：因目前条件限制需以后解决');
    expect(page).not.toContain('D 类：留作参考');
  });
});

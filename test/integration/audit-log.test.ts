/**
 * 操作日志 (issue #6): settings and calendar changes recorded in the batch
 * that makes them, shown in the viewer with what changed; filters by action,
 * person and China dates narrow the list; pages follow a keyset cursor
 * without gaps or repeats; another county's entries never appear.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue, type Form } from '../helpers/browser';
import { people } from '../helpers/flow';
import { settingsForm } from '../helpers/settings';
import { createWorld, type World } from '../helpers/world';

async function adminOf(w: World, who: 'admin' | 'admin2' = 'admin') {
  const b =
    who === 'admin'
      ? await people(w)('admin')
      : await (async () => {
          const x = new Browser();
          await x.login(w.base, who);
          return x;
        })();
  const csrf = hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
  return {
    b,
    post: (path: string, form: Form = {}) => b.post(`${w.base}${path}`, { _csrf: csrf, ...form }),
    /** The viewer's page for a query string. */
    view: async (query = '') => {
      const res = await b.get(`${w.base}/admin/audit${query}`);
      expect(res.status).toBe(200);
      return res.text();
    },
  };
}

/** The rows of the viewer's table, as text cells. */
function rowsOf(html: string): string[][] {
  const body = html.match(/<table class="audit-log">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

const SETTINGS: Form = settingsForm({ alertWebhookKind: 'wecom' });

async function addAdmin2(w: World): Promise<number> {
  const hash = await env.DB.prepare('select password_hash from users where id = ?').bind(w.users.admin.id).first<{ password_hash: string }>();
  const row = await env.DB.prepare(
    "insert into users (tenant_id, username, display_name, role, password_hash) values (?, 'admin2', '第二管理员', 'tenant_admin', ?) returning id",
  )
    .bind(w.tenantId, hash!.password_hash)
    .first<{ id: number }>();
  return row!.id;
}

async function insertEntry(w: World, e: { action: string; actor?: number | null; actorName?: string; label: string; at: number }) {
  await env.DB.prepare('insert into audit_log (tenant_id, actor_user_id, actor_name, action, target_label, created_at) values (?, ?, ?, ?, ?, ?)')
    .bind(w.tenantId, e.actor ?? null, e.actorName ?? '系统', e.action, e.label, e.at)
    .run();
}

describe('what the log records', () => {
  it('a settings change is recorded once, in its batch, with before → after of only what changed', async () => {
    const w = await createWorld('auditset');
    const admin = await adminOf(w);
    expect((await admin.post('/admin/settings', SETTINGS)).status).toBe(303);
    // Saving again with nothing changed records nothing.
    expect((await admin.post('/admin/settings', SETTINGS)).status).toBe(303);
    const stored = await env.DB.prepare("select * from audit_log where tenant_id = ? and action = 'settings.update'")
      .bind(w.tenantId)
      .all<Record<string, string>>();
    expect(stored.results).toHaveLength(1);
    const details = JSON.parse(stored.results[0]!.details!);
    expect(details.before).toEqual({ replyDeadline: { unit: 'months', amount: 3 }, returnWindow: { unit: 'working_days', amount: 7 } });
    expect(details.after).toEqual({ replyDeadline: { unit: 'months', amount: 2 }, returnWindow: { unit: 'working_days', amount: 5 } });

    const rows = rowsOf(await admin.view());
    expect(rows).toHaveLength(1);
    const [when, who, what, , shown] = rows[0]!;
    expect(when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(who).toBe('admin的名字');
    expect(what).toBe('修改办理设置');
    expect(shown).toContain('答复期限：3个月 → 2个月');
    expect(shown).toContain('申请退回期限：7个工作日 → 5个工作日');
  });

  it('a refused settings form records nothing', async () => {
    const w = await createWorld('auditsetbad');
    const admin = await adminOf(w);
    expect((await admin.post('/admin/settings', { ...SETTINGS, returnWindow_amount: '-1' })).status).toBe(422);
    expect(rowsOf(await admin.view())).toEqual([]);
  });

  it('a calendar import and a removal each appear, with their dates', async () => {
    const w = await createWorld('auditcal');
    const admin = await adminOf(w);
    expect((await admin.post('/admin/calendar/import', { lines: '2027-01-01 休 元旦\n2027-02-07 班 春节调休' })).status).toBe(303);
    expect((await admin.post('/admin/calendar/remove', { date: '2027-01-01' })).status).toBe(303);
    // A refused import records nothing.
    expect((await admin.post('/admin/calendar/import', { lines: '2027-02-30 休 不存在' })).status).toBe(422);
    const rows = rowsOf(await admin.view());
    expect(rows.map((r) => r[2])).toEqual(['删除日历日期', '导入工作日历']);
    expect(rows[0]![4]).toBe('删除：2027-01-01');
    expect(rows[1]![4]).toContain('2 个日期');
    expect(rows[1]![4]).toContain('2027-01-01 休 元旦');
    expect(rows[1]![4]).toContain('2027-02-07 班 春节调休');
  });

  it('account changes show the account and what changed', async () => {
    const w = await createWorld('audituser');
    const admin = await adminOf(w);
    expect((await admin.post(`/admin/users/${w.users.staff.id}`, { display_name: 'staff的名字', role: 'secretary' })).status).toBe(303);
    expect((await admin.post(`/admin/users/${w.users.unit.id}/disable`)).status).toBe(303);
    const rows = rowsOf(await admin.view());
    expect(rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['停用账号', 'unit', '状态：在用 → 已停用'],
      ['修改账号', 'staff', '角色：代表工委工作人员 → 督办秘书'],
    ]);
  });
});

describe('filters and pages', () => {
  it('by action, by person and by China dates; the filters stay in the links', async () => {
    const w = await createWorld('auditfilter');
    const admin2Id = await addAdmin2(w);
    const one = await adminOf(w);
    const two = await adminOf(w, 'admin2');
    expect((await one.post('/admin/calendar/import', { lines: '2027-10-01 休 国庆节' })).status).toBe(303);
    expect((await two.post('/admin/calendar/remove', { date: '2027-10-01' })).status).toBe(303);
    expect((await two.post('/admin/settings', SETTINGS)).status).toBe(303);
    // Two old entries either side of China midnight at the start of 2025-01-11 (16:00 UTC).
    await insertEntry(w, { action: 'user.create', label: 'before-midnight', at: Date.UTC(2025, 0, 10, 15, 59) });
    await insertEntry(w, { action: 'user.create', label: 'after-midnight', at: Date.UTC(2025, 0, 10, 16, 0) });

    const actions = (html: string) => rowsOf(html).map((r) => r[2]);
    expect(actions(await one.view())).toEqual(['修改办理设置', '删除日历日期', '导入工作日历', '新建账号', '新建账号']);
    expect(actions(await one.view('?action=calendar.remove'))).toEqual(['删除日历日期']);
    expect(actions(await one.view(`?actor=${admin2Id}`))).toEqual(['修改办理设置', '删除日历日期']);
    expect(actions(await one.view(`?actor=${admin2Id}&action=calendar.import`))).toEqual([]);
    const day = rowsOf(await one.view('?from=2025-01-11&to=2025-01-11'));
    expect(day.map((r) => r[3])).toEqual(['after-midnight']);
    expect(day[0]![0]).toBe('2025-01-11 00:00');
    expect(rowsOf(await one.view('?to=2025-01-10')).map((r) => r[3])).toEqual(['before-midnight']);
    expect(rowsOf(await one.view('?from=2025-01-12')).length).toBe(3);
    // The person filter offers who appears in the log, the action filter names every action.
    const page = await one.view(`?actor=${admin2Id}`);
    expect(page).toMatch(new RegExp(`<option value="${admin2Id}" selected="">第二管理员</option>`));
    expect(page).toContain('<option value="user.reset_password">重置密码</option>');
    // A bad date is ignored and said so; nonsense filters do not break the page.
    const bad = await one.view('?from=2025-02-30&action=drop%20table&actor=abc');
    expect(bad).toContain('日期格式如 2026-12-31，已忽略。');
    expect(rowsOf(bad)).toHaveLength(5);
  });

  it('pages newest first by a cursor, with no gaps or repeats when entries share a moment; filters kept across pages', async () => {
    const w = await createWorld('auditpages');
    const admin = await adminOf(w);
    const t0 = Date.UTC(2026, 5, 1);
    const stmt = env.DB.prepare(
      "insert into audit_log (tenant_id, actor_user_id, actor_name, action, target_label, created_at) values (?, null, '导入', ?, ?, ?)",
    );
    // 120 entries, three per moment; every third a different action.
    await env.DB.batch(
      Array.from({ length: 120 }, (_, i) =>
        stmt.bind(w.tenantId, i % 3 === 0 ? 'unit.create' : 'deputy.create', `P-${String(i).padStart(3, '0')}`, t0 + Math.floor(i / 3) * 1000),
      ),
    );
    const walk = async (query: string) => {
      const seen: string[] = [];
      let next: string | null = `${w.base}/admin/audit${query}`;
      let pages = 0;
      while (next) {
        const html: string = await (await admin.b.get(next)).text();
        seen.push(...rowsOf(html).map((r) => r[3]!));
        const older: string | undefined = html.match(/<a href="([^"]+)">更早的记录<\/a>/)?.[1];
        next = older ? older.replace(/&amp;/g, '&') : null;
        if (next) expect(next).toContain(query.slice(1));
        pages++;
      }
      return { seen, pages };
    };
    const all = await walk('');
    expect(all.pages).toBe(3);
    const expected = Array.from({ length: 120 }, (_, i) => `P-${String(i).padStart(3, '0')}`).reverse();
    expect(all.seen).toEqual(expected);
    const units = await walk('?action=unit.create');
    expect(units.pages).toBe(1);
    expect(units.seen).toEqual(expected.filter((l) => Number(l.slice(2)) % 3 === 0));
  });
});

describe('between counties', () => {
  it("another county's entries never appear, whatever the filters", async () => {
    const a = await createWorld('auditiso');
    const b = await createWorld('auditisob');
    await env.DB.prepare("update users set display_name = '乙县管理员' where id = ?").bind(b.users.admin.id).run();
    const bAdmin = await adminOf(b);
    expect((await bAdmin.post('/admin/calendar/import', { lines: '2027-05-01 休 BSECRET节' })).status).toBe(303);
    expect((await bAdmin.post(`/admin/users/${b.users.staff.id}/disable`)).status).toBe(303);
    const aAdmin = await adminOf(a);
    for (const q of ['', '?action=calendar.import', `?actor=${b.users.admin.id}`, '?action=user.disable', '?from=2000-01-01&to=2100-12-31']) {
      const html = await aAdmin.view(q);
      expect(rowsOf(html), q).toEqual([]);
      expect(html, q).not.toContain('BSECRET');
      expect(html, q).not.toContain('乙县管理员');
    }
    expect(rowsOf(await bAdmin.view()).length).toBe(2);
  });
});

/**
 * 代表履职档案 (issue #7): a deputy's year counted from the records — led
 * and co-signed suggestions, forums joined, receptions attended, voters'
 * issues handled, ratings given — plus the entries staff add; the score is
 * the tenant's formula; the deputy sees only their own; the yearly table of
 * every deputy comes sorted by score and downloads.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue } from '../helpers/browser';
import { acceptAndAssign, actOk, countOf, people, submitSuggestion, worldAndPeople } from '../helpers/flow';
import { settingsForm } from '../helpers/settings';
import { createWorld, type World } from '../helpers/world';

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const year = () => Number(chinaToday().slice(0, 4));
/** A date of this year on or before today (the first of January, or the day before today when that is still this year). */
const earlierThisYear = () => {
  const d = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  return d.startsWith(String(year())) ? d : chinaToday();
};

async function csrfOf(w: World, b: Browser): Promise<string> {
  return hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
}

async function insertTopic(w: World, title: string): Promise<number> {
  return (await env.DB.prepare(
    "insert into forum_topics (tenant_id, month, title, description, closes_on, created_by_user_id) values (?, ?, ?, '说明', '2100-01-01', ?) returning id",
  )
    .bind(w.tenantId, chinaToday().slice(0, 7), title, w.users.staff.id)
    .first<{ id: number }>())!.id;
}

async function insertReception(w: World, date: string, deputyIds: number[], cancelled = false): Promise<number> {
  const id = (await env.DB.prepare(
    "insert into receptions (tenant_id, station_id, date, starts_at, ends_at, place, created_by_user_id, cancelled_at) values (?, ?, ?, '09:00', '11:30', '城关镇联络站', ?, ?) returning id",
  )
    .bind(w.tenantId, w.stations[0], date, w.users.staff.id, cancelled ? Date.now() : null)
    .first<{ id: number }>())!.id;
  for (const d of deputyIds) {
    await env.DB.prepare('insert into reception_deputies (tenant_id, reception_id, deputy_id) values (?, ?, ?)').bind(w.tenantId, id, d).run();
  }
  return id;
}

async function insertIssue(w: World, receptionId: number, closed: boolean) {
  await env.DB.prepare(
    "insert into voter_issues (tenant_id, reception_id, station_id, voter_name, content, outcome, logged_by_user_id, closed_at) values (?, ?, ?, '群众', '村口路灯坏了', ?, ?, ?)",
  )
    .bind(w.tenantId, receptionId, w.stations[0], closed ? 'answered' : 'open', w.users.clerk.id, closed ? Date.now() : null)
    .run();
}

/** Staff add an entry through the form. */
async function addEntry(w: World, staff: Browser, deputyId: number, form: Record<string, string>) {
  return staff.post(`${w.base}/deputies/${deputyId}/ledger/entries`, { _csrf: await csrfOf(w, staff), note: '', ...form });
}

function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
}

describe("a deputy's ledger", () => {
  it(
    'totals match the records, the score is the formula with the tenant’s weights, the yearly table is sorted by score',
    { timeout: 60_000 },
    async () => {
      const { w, as } = await worldAndPeople('ledger');
      const [d0, d1, d2] = [w.deputies[0]!, w.deputies[1]!, w.deputies[2]!];
      const t1 = await insertTopic(w, '议题一');
      const t2 = await insertTopic(w, '议题二');
      const deputy = await as('deputy'); // 张建国 = d0
      const deputy2 = await as('deputy2'); // 李秀兰 = d1

      // d0 leads 3 sent suggestions (one under t1, one co-signed by d2), saves 1 draft, and one sent last year.
      const rated = await submitSuggestion(w, deputy, { forum_topic_id: String(t1), source_channel: 'forum' });
      await submitSuggestion(w, deputy, { cosigners: [String(d2)] });
      await submitSuggestion(w, deputy);
      await submitSuggestion(w, deputy, { intent: 'draft' });
      const old = await submitSuggestion(w, deputy);
      await env.DB.prepare('update suggestions set submitted_at = ? where id = ?')
        .bind(Date.UTC(year() - 1, 5, 1), old)
        .run();
      // d0 co-signs 2 of d1's (one under t2, one under t1 again: forums joined stays 2).
      await submitSuggestion(w, deputy2, { cosigners: [String(d0)], forum_topic_id: String(t2), source_channel: 'forum' });
      await submitSuggestion(w, deputy2, { cosigners: [String(d0)], forum_topic_id: String(t1), source_channel: 'forum' });

      // d0 rates one reply.
      const staff = await as('staff');
      const unit = await as('unit');
      await acceptAndAssign(w, staff, rated, w.units[0]);
      await actOk(w, unit, rated, 'sign_for');
      await actOk(w, unit, rated, 'reply', { body: '已列入计划。', signer: '局长', reply_class: 'A' });
      await actOk(w, deputy, rated, 'rate', { attitude: 'satisfied', result: 'satisfied' });

      // Receptions: two held this year with d0 (one also with d1), one cancelled, one next year.
      const r1 = await insertReception(w, earlierThisYear(), [d0, d1]);
      const r2 = await insertReception(w, chinaToday(), [d0]);
      const cancelled = await insertReception(w, chinaToday(), [d0, d1], true);
      await insertReception(w, `${year() + 1}-01-05`, [d0]);
      await insertReception(w, `${year() - 1}-06-01`, [d0]);
      await insertIssue(w, r1, true);
      await insertIssue(w, r1, true);
      await insertIssue(w, r1, false);
      await insertIssue(w, r2, true);
      await insertIssue(w, cancelled, true);

      // Staff add 2 trainings, 1 inspection and 1 meeting this year, and one last year.
      for (const [kind, title, date] of [
        ['training', '代表履职培训班', earlierThisYear()],
        ['training', '法律知识讲座', chinaToday()],
        ['inspection', '黑臭水体治理视察', chinaToday()],
        ['meeting', '代表小组活动', earlierThisYear()],
        ['meeting', '去年的会议', `${year() - 1}-12-01`],
      ] as const) {
        const res = await addEntry(w, staff, d0, { kind, title, occurred_on: date });
        expect(res.status, title).toBe(303);
      }
      expect(
        (await env.DB.prepare("select count(*) as n from audit_log where tenant_id = ? and action = 'ledger.add_entry'")
          .bind(w.tenantId)
          .first<{ n: number }>())!.n,
      ).toBe(5);

      // The tenant admin sets the weights.
      const admin = await as('admin');
      const settings = await admin.post(`${w.base}/admin/settings`, {
        ...settingsForm({ replyDeadline_amount: '3', returnWindow_amount: '7' }),
        _csrf: await csrfOf(w, admin),
        ledgerWeight_suggestionsLed: '10',
        ledgerWeight_suggestionsCosigned: '3',
        ledgerWeight_forumsJoined: '5',
        ledgerWeight_receptionsAttended: '4',
        ledgerWeight_voterIssuesHandled: '2',
        ledgerWeight_ratingsGiven: '1',
        ledgerWeight_training: '6',
        ledgerWeight_inspection: '7',
        ledgerWeight_meeting: '0',
        ledgerWeight_other: '1',
      });
      expect(settings.status).toBe(303);

      const expected = {
        suggestionsLed: 3,
        suggestionsCosigned: 2,
        forumsJoined: 2,
        receptionsAttended: 2,
        voterIssuesHandled: 3,
        ratingsGiven: 1,
        training: 2,
        inspection: 1,
        meeting: 1,
        other: 0,
      };
      const score = 3 * 10 + 2 * 3 + 2 * 5 + 2 * 4 + 3 * 2 + 1 * 1 + 2 * 6 + 1 * 7 + 1 * 0 + 0 * 1;

      // The staff's yearly table, downloaded: every item and the score.
      const csv = await staff.get(`${w.base}/ledger/deputies?year=${year()}&format=csv`);
      expect(csv.status).toBe(200);
      const [head, ...rows] = csvRows(await csv.text());
      expect(head).toEqual([
        '排名',
        '代表',
        '联络站',
        '领衔提出建议',
        '附议建议',
        '参加单月座谈议题',
        '参加接待日',
        '办结群众反映问题',
        '评价办理答复',
        '参加培训',
        '视察调研',
        '参加会议',
        '其他履职',
        '得分',
      ]);
      expect(rows[0]).toEqual(['1', '张建国', '城关镇代表联络站', ...Object.values(expected).map(String), String(score)]);
      // d1 (李秀兰): led 2 (both under topics), one reception with 2 closed issues.
      const d1Score = 2 * 10 + 2 * 5 + 1 * 4 + 2 * 2;
      expect(rows.find((r) => r[1] === '李秀兰')).toEqual([
        '2',
        '李秀兰',
        '毛庄镇代表联络站',
        '2',
        '0',
        '2',
        '1',
        '2',
        '0',
        '0',
        '0',
        '0',
        '0',
        String(d1Score),
      ]);
      // d2 (王卫东): co-signed one.
      expect(rows.find((r) => r[1] === '王卫东')).toEqual(['3', '王卫东', '城关镇代表联络站', '0', '1', '0', '0', '0', '0', '0', '0', '0', '0', '3']);
      expect(rows).toHaveLength(5);
      const scores = rows.map((r) => Number(r.at(-1)));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      // Last year holds only last year's facts.
      const lastYear = csvRows(await (await staff.get(`${w.base}/ledger/deputies?year=${year() - 1}&format=csv`)).text());
      expect(lastYear.find((r) => r[1] === '张建国')!.slice(3, 13)).toEqual(['1', '0', '0', '1', '0', '0', '0', '0', '1', '0']);

      // The deputy's own page shows the same figures and score.
      const own = await (await deputy.get(`${w.base}/ledger`)).text();
      expect(own).toContain(`张建国的履职档案（${year()}年）`);
      expect(own).toMatch(new RegExp(`<th scope="row">领衔提出建议</th><td>3</td><td>10</td><td>30</td>`));
      expect(own).toMatch(new RegExp(`<th scope="row" colspan="3">年度得分</th><td><strong>${score}</strong>`));
      expect(own).toContain('代表履职培训班');
      expect(own).not.toContain('name="occurred_on"'); // the add form is staff's
      const staffView = await (await staff.get(`${w.base}/deputies/${d0}/ledger`)).text();
      expect(staffView).toMatch(new RegExp(`年度得分</th><td><strong>${score}</strong>`));
      expect(staffView).toContain('name="occurred_on"');
    },
  );

  it('a wrong entry is refused next to its field with what was typed kept, and nothing is written', async () => {
    const w = await createWorld('ledgerbad');
    const staff = await people(w)('staff');
    const res = await addEntry(w, staff, w.deputies[0]!, { kind: 'training', title: '代表培训', occurred_on: '2999-01-01', note: '备注内容' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('日期不能晚于今天。');
    expect(html).toContain('value="代表培训"');
    expect(html).toContain('备注内容');
    expect((await env.DB.prepare('select count(*) as n from ledger_entries where tenant_id = ?').bind(w.tenantId).first<{ n: number }>())!.n).toBe(0);
  });

  it("a deputy sees only their own ledger: another deputy's is not found, the yearly table is refused", async () => {
    const { w, as } = await worldAndPeople('ledgerown');
    const deputy = await as('deputy');
    expect((await deputy.get(`${w.base}/ledger`)).status).toBe(200);
    expect((await deputy.get(`${w.base}/deputies/${w.deputies[0]}/ledger`)).status).toBe(200);
    const other = await deputy.get(`${w.base}/deputies/${w.deputies[1]}/ledger`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('李秀兰');
    expect((await deputy.get(`${w.base}/ledger/deputies`)).status).toBe(403);
    const refused = await deputy.post(`${w.base}/deputies/${w.deputies[0]}/ledger/entries`, {
      _csrf: await csrfOf(w, deputy),
      kind: 'training',
      title: '自己加的',
      occurred_on: chinaToday(),
    });
    expect(refused.status).toBe(403);
    for (const who of ['secretary', 'chair'] as const) {
      const b = await as(who);
      expect((await b.get(`${w.base}/deputies/${w.deputies[1]}/ledger`)).status, who).toBe(200);
      expect((await b.get(`${w.base}/ledger/deputies`)).status, who).toBe(200);
      const add = await b.post(`${w.base}/deputies/${w.deputies[1]}/ledger/entries`, {
        _csrf: await csrfOf(w, b),
        kind: 'training',
        title: '秘书加的',
        occurred_on: chinaToday(),
      });
      expect(add.status, who).toBe(403);
    }
    for (const who of ['unit', 'clerk', 'admin'] as const) {
      const b = await as(who);
      expect((await b.get(`${w.base}/ledger`)).status, who).toBe(403);
      expect((await b.get(`${w.base}/deputies/${w.deputies[0]}/ledger`)).status, who).toBe(403);
    }
    expect((await env.DB.prepare('select count(*) as n from ledger_entries where tenant_id = ?').bind(w.tenantId).first<{ n: number }>())!.n).toBe(0);
  });

  it("another county's deputy is not found, and nothing can be added to them", async () => {
    const a = await createWorld('ledgerxa');
    const b = await createWorld('ledgerxb');
    const staff = await people(a)('staff');
    const theirs = b.deputies[0]!;
    const res = await staff.get(`${a.base}/deputies/${theirs}/ledger`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('张建国的履职档案');
    const add = await addEntry(a, staff, theirs, { kind: 'training', title: '跨县补录', occurred_on: chinaToday() });
    expect(add.status).toBe(404);
    const rows = await countOf('select count(*) as n from ledger_entries where deputy_id = ?', theirs);
    expect(rows).toBe(0);
  });
});

/**
 * 单月座谈议题 (issue #7): staff set a month's topic, deputies see it on
 * their home page and submit under it through the normal form, a closed
 * topic takes nothing more; the 参与情况通报 counts exactly who took part,
 * by township and station, live, and downloads.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue } from '../helpers/browser';
import { countOf, people, postSuggestion, submitSuggestion, worldAndPeople } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const thisMonth = () => chinaToday().slice(0, 7);
/** The China date n days from today. */
const daysFromToday = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
const lastMonth = () => {
  const d = new Date(`${thisMonth()}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

async function csrfOf(w: World, b: Browser): Promise<string> {
  return hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
}

/** A topic inserted as staff would have set it. */
async function insertTopic(w: World, t: { month: string; title: string; closesOn: string }): Promise<number> {
  const row = await env.DB.prepare(
    'insert into forum_topics (tenant_id, month, title, description, closes_on, created_by_user_id) values (?, ?, ?, ?, ?, ?) returning id',
  )
    .bind(w.tenantId, t.month, t.title, `${t.title}的说明`, t.closesOn, w.users.staff.id)
    .first<{ id: number }>();
  return row!.id;
}

async function suggestionCount(w: World): Promise<number> {
  return (await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?').bind(w.tenantId).first<{ n: number }>())!.n;
}

describe('a forum topic’s life', () => {
  it('staff set it; the deputy sees it at home, submits under it, and the suggestion carries the topic', async () => {
    const { w, as } = await worldAndPeople('forumlife');
    const staff = await as('staff');
    const csrf = await csrfOf(w, staff);

    // A closing date before the month is refused next to the field, with what was typed kept.
    const bad = await staff.post(`${w.base}/forums`, {
      _csrf: csrf,
      month: thisMonth(),
      title: '农村黑臭水体治理',
      description: '坑塘整治',
      closes_on: `${lastMonth()}-01`,
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('截止日期不能早于该月第一天。');
    expect(badHtml).toContain('value="农村黑臭水体治理"');

    const created = await staff.post(`${w.base}/forums`, {
      _csrf: csrf,
      month: thisMonth(),
      title: '农村黑臭水体治理',
      description: '围绕坑塘黑臭水体整治提出意见建议',
      closes_on: daysFromToday(10),
    });
    expect(created.status).toBe(303);
    expect(await (await staff.get(created.headers.get('Location')!)).text()).toContain('议题已发布');
    const topic = await env.DB.prepare('select id, month, closes_on from forum_topics where tenant_id = ?')
      .bind(w.tenantId)
      .first<{ id: number; month: string; closes_on: string }>();
    expect(topic).toMatchObject({ month: thisMonth(), closes_on: daysFromToday(10) });
    const audit = await env.DB.prepare("select target_label from audit_log where tenant_id = ? and action = 'forum.create'")
      .bind(w.tenantId)
      .first<{ target_label: string }>();
    expect(audit?.target_label).toBe('农村黑臭水体治理');

    // The deputy's home page: the title as the link to submit under it, and one line.
    const deputy = await as('deputy');
    const home = await (await deputy.get(`${w.base}/`)).text();
    expect(home).toContain(`href="${w.base}/suggestions/new?forum=${topic!.id}"`);
    expect(home).toContain('农村黑臭水体治理');
    expect(home).toContain(`${daysFromToday(10)} 截止`);

    const form = await (await deputy.get(`${w.base}/suggestions/new?forum=${topic!.id}`)).text();
    expect(form).toContain(`name="forum_topic_id" value="${topic!.id}"`);
    expect(form).toContain('围绕坑塘黑臭水体整治提出意见建议');

    const id = await submitSuggestion(w, deputy, { forum_topic_id: String(topic!.id), source_channel: 'forum' });
    const row = await env.DB.prepare('select forum_topic_id, state from suggestions where id = ?')
      .bind(id)
      .first<{ forum_topic_id: number; state: string }>();
    expect(row).toEqual({ forum_topic_id: topic!.id, state: 'submitted' });
    const detail = await (await deputy.get(`${w.base}/suggestions/${id}`)).text();
    expect(detail).toMatch(/<dt>座谈议题<\/dt>\s*<dd>农村黑臭水体治理<\/dd>/);

    // A suggestion without a topic carries none.
    const plain = await submitSuggestion(w, deputy);
    expect(
      (await env.DB.prepare('select forum_topic_id from suggestions where id = ?').bind(plain).first<{ forum_topic_id: number | null }>())!
        .forum_topic_id,
    ).toBeNull();
  });

  it('after its closing date a topic takes nothing and leaves the home page; another county’s topic is refused the same way', async () => {
    const w = await createWorld('forumclosed');
    const other = await createWorld('forumother');
    const closed = await insertTopic(w, { month: lastMonth(), title: '已截止的议题', closesOn: daysFromToday(-1) });
    const theirs = await insertTopic(other, { month: thisMonth(), title: '外县的议题', closesOn: daysFromToday(5) });
    const upcoming = await insertTopic(w, { month: '2099-01', title: '未开始的议题', closesOn: '2099-01-31' });
    const deputy = await people(w)('deputy');

    const home = await (await deputy.get(`${w.base}/`)).text();
    expect(home).not.toContain('已截止的议题');
    expect(home).not.toContain('未开始的议题');
    expect(home).not.toContain('forum=');

    const before = await suggestionCount(w);
    for (const topicId of [closed, theirs, upcoming]) {
      const res = await postSuggestion(w, deputy, {
        title: '关于坑塘整治的建议',
        content: '建议把坑塘改造为游园。',
        category_id: String(w.categories[0]),
        source_channel: 'forum',
        forum_topic_id: String(topicId),
      });
      expect(res.status, `topic ${topicId}`).toBe(422);
      const page = await res.text();
      expect(page).toContain('这个座谈议题已截止或不存在');
      expect(page).toContain('关于坑塘整治的建议');
      expect(page).not.toContain('外县的议题');
    }
    expect(await suggestionCount(w)).toBe(before);
  });

  it('only staff set topics; staff, secretary and chair read the reports; deputies and units neither', async () => {
    const w = await createWorld('forumperm');
    const topic = await insertTopic(w, { month: thisMonth(), title: '养老服务', closesOn: daysFromToday(3) });
    const as = people(w);
    for (const who of ['staff', 'secretary', 'chair'] as const) {
      const b = await as(who);
      expect((await b.get(`${w.base}/forums`)).status, who).toBe(200);
      expect((await b.get(`${w.base}/forums/${topic}`)).status, who).toBe(200);
    }
    for (const who of ['deputy', 'clerk', 'unit', 'admin'] as const) {
      const b = await as(who);
      expect((await b.get(`${w.base}/forums`)).status, who).toBe(403);
      expect((await b.get(`${w.base}/forums/${topic}`)).status, who).toBe(403);
    }
    const secretary = await as('secretary');
    const refused = await secretary.post(`${w.base}/forums`, {
      _csrf: await csrfOf(w, secretary),
      month: thisMonth(),
      title: '秘书设的议题',
      description: '说明',
      closes_on: daysFromToday(3),
    });
    expect(refused.status).toBe(403);
    expect((await (await as('secretary')).get(`${w.base}/forums`)).status).toBe(200);
    const n = await countOf('select count(*) as n from forum_topics where tenant_id = ?', w.tenantId);
    expect(n).toBe(1);
    // The secretary sees the list but not the form.
    expect(await (await secretary.get(`${w.base}/forums`)).text()).not.toContain('name="description"');
  });

  it("another county's topic report is not found", async () => {
    const a = await createWorld('forumxa');
    const b = await createWorld('forumxb');
    const theirs = await insertTopic(b, { month: thisMonth(), title: '乙县的议题', closesOn: daysFromToday(3) });
    const staff = await people(a)('staff');
    const res = await staff.get(`${a.base}/forums/${theirs}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('乙县的议题');
    expect((await staff.get(`${a.base}/forums/${theirs}?format=csv`)).status).toBe(404);
  });
});

describe('参与情况通报', () => {
  it('counts deputies and stations that took part by township, exactly, and downloads the same figures', async () => {
    const w = await createWorld('forumreport');
    // createWorld: 城关镇站 has deputies 0, 2, 4; 毛庄镇站 has 1, 3.
    const station3 = (await env.DB.prepare(
      "insert into liaison_stations (tenant_id, name, township) values (?, '城关镇东关站', '城关镇') returning id",
    )
      .bind(w.tenantId)
      .first<{ id: number }>())!.id;
    const insertDeputy = async (name: string, stationId: number | null, retired = false) =>
      (await env.DB.prepare('insert into deputies (tenant_id, name, level, station_id, retired_at) values (?, ?, ?, ?, ?) returning id')
        .bind(w.tenantId, name, 'county', stationId, retired ? Date.now() : null)
        .first<{ id: number }>())!.id;
    const d5 = await insertDeputy('孙东关', station3);
    const d6 = await insertDeputy('周无站', null);
    await insertDeputy('吴离任', w.stations[0]!, true); // retired: not among the station's deputies
    const topic = await insertTopic(w, { month: thisMonth(), title: '农村黑臭水体治理', closesOn: daysFromToday(5) });
    const other = await insertTopic(w, { month: thisMonth(), title: '另一个议题', closesOn: daysFromToday(5) });
    const as = people(w);
    const under = { forum_topic_id: String(topic), source_channel: 'forum' };

    // 张建国 (d0, 城关镇站) leads one, co-signed by 李秀兰 (d1, 毛庄镇站) and 周无站 (no station).
    await submitSuggestion(w, await as('deputy'), { ...under, cosigners: [String(w.deputies[1]), String(d6)] });
    // 李秀兰 leads one, co-signed by 孙东关 (城关镇东关站).
    await submitSuggestion(w, await as('deputy2'), { ...under, cosigners: [String(d5)] });
    // 王卫东 (d2) only saves a draft under the topic, and 赵丽娟 is in another topic: neither took part.
    await submitSuggestion(w, await as('deputy3'), { ...under, intent: 'draft' });
    await submitSuggestion(w, await as('deputy'), { forum_topic_id: String(other), source_channel: 'forum', cosigners: [String(w.deputies[3])] });

    const staff = await as('staff');
    const page = await (await staff.get(`${w.base}/forums/${topic}`)).text();
    expect(page).toContain('全县 7 名代表中已有 4 名参与，参与率 57.1%，共提出建议 2 件。');
    expect(page).toContain('统计时间：');

    const csv = await staff.get(`${w.base}/forums/${topic}?table=stations&format=csv`);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      '乡镇（街道）,联络站,代表数,参与代表数,参与率,建议数',
      '城关镇,城关镇代表联络站,3,1,33.3%,1',
      '城关镇,城关镇东关站,1,1,100.0%,0',
      '城关镇 小计,,4,2,50.0%,1',
      '毛庄镇,毛庄镇代表联络站,2,1,50.0%,1',
      '毛庄镇 小计,,2,1,50.0%,1',
      '未填乡镇,未编入联络站的代表,1,1,100.0%,0',
      '未填乡镇 小计,,1,1,100.0%,0',
      '全县合计,,7,4,57.1%,2',
    ]);

    const participants = await staff.get(`${w.base}/forums/${topic}?table=participants&format=csv`);
    const rows = (await participants.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows.slice(1).sort()).toEqual(
      [
        '城关镇,城关镇代表联络站,张建国,1,0',
        '城关镇,城关镇东关站,孙东关,0,1',
        '毛庄镇,毛庄镇代表联络站,李秀兰,1,1',
        ',未编入联络站的代表,周无站,0,1',
      ].sort(),
    );

    const xlsx = await staff.get(`${w.base}/forums/${topic}?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('Content-Type')).toContain('spreadsheetml');

    // Live: one more deputy takes part and the next request counts them.
    await submitSuggestion(w, await as('deputy3'), { ...under, title: '关于坑塘改造游园的建议' });
    expect(await (await staff.get(`${w.base}/forums/${topic}`)).text()).toContain('全县 7 名代表中已有 5 名参与，参与率 71.4%，共提出建议 3 件。');

    // The staff list shows each topic's figures so far.
    const list = await (await staff.get(`${w.base}/forums`)).text();
    expect(list).toMatch(/农村黑臭水体治理<\/a><\/td><td>[0-9-]+<\/td><td>征集中<\/td><td>3<\/td><td>5<\/td>/);
  });
});

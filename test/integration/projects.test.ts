/**
 * 民生实事项目票决制 over HTTP against real D1: collection (staff, deputies,
 * the public — moderated and rate-limited), the 差额 rule, the secret ballot
 * (one vote per deputy even when two arrive at once, at most N choices,
 * only while open, nothing linking a deputy to a choice), results and
 * turnout, ties, progress colours, satisfaction, roles and other counties.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue, type Form } from '../helpers/browser';
import { countOf, expectPage, people, worldAndPeople } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

/** 'YYYY-MM-DD HH:MM' in China time. */
function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
const HOUR = 3_600_000;
const year = () => Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));

async function csrfOf(w: World, b: Browser): Promise<string> {
  return hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
}

async function post(w: World, b: Browser, path: string, form: Form = {}): Promise<Response> {
  return b.post(`${w.base}${path}`, { _csrf: await csrfOf(w, b), ...form });
}

/** Projects inserted as staff would leave them (status given), returning their ids. */
async function insertProjects(w: World, titles: string[], status = 'shortlisted', unitId: number | null = null): Promise<number[]> {
  const out: number[] = [];
  for (const title of titles) {
    const row = await env.DB.prepare(
      `insert into projects (tenant_id, year, title, description, unit_id, proposer_kind, status, updated_at) values (?, ?, ?, '说明', ?, 'staff', ?, ?) returning id`,
    )
      .bind(w.tenantId, year(), title, unitId, status, Date.now())
      .first<{ id: number }>();
    out.push(row!.id);
  }
  return out;
}

/** The new-ballot form: candidates by id, times as China wall-clock. */
function ballotForm(title: string, places: number, candidates: number[], opensAt = Date.now(), closesAt = Date.now() + HOUR): Form {
  return {
    year: String(year()),
    title,
    places: String(places),
    candidates: candidates.map(String),
    opens_at: chinaTime(opensAt),
    closes_at: chinaTime(closesAt),
  };
}

/** Staff start a ballot through the form; returns its id. */
async function startBallot(
  w: World,
  staff: Browser,
  projectIds: number[],
  places: number,
  opensAt = Date.now() - HOUR,
  closesAt = Date.now() + HOUR,
): Promise<number> {
  const res = await post(w, staff, '/ballots', ballotForm('2026年县级民生实事项目票决', places, projectIds, opensAt, closesAt));
  expect(
    res.status,
    await res
      .clone()
      .text()
      .then((t) => t.match(/role="alert"[^>]*>([^<]*)/g)?.join(' | ') ?? ''),
  ).toBe(303);
  return Number(res.headers.get('Location')!.match(/ballots\/(\d+)/)![1]);
}

const vote = (w: World, b: Browser, ballotId: number, choices: number[]) => post(w, b, `/ballots/${ballotId}/vote`, { choices: choices.map(String) });

async function tallies(ballotId: number): Promise<Record<number, number>> {
  const rows = await env.DB.prepare('select project_id, votes from ballot_candidates where ballot_id = ? order by project_id')
    .bind(ballotId)
    .all<{ project_id: number; votes: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.project_id, r.votes]));
}

async function statusOf(id: number): Promise<string> {
  return (await env.DB.prepare('select status from projects where id = ?').bind(id).first<{ status: string }>())!.status;
}

/** Gives the serving county deputies without an account one (role deputy), so more deputies can vote. */
async function moreVoters(w: World): Promise<string[]> {
  const hash = (await env.DB.prepare('select password_hash from users where id = ?').bind(w.users.deputy.id).first<{ password_hash: string }>())!
    .password_hash;
  const names: string[] = [];
  for (const [i, deputyId] of [w.deputies[3]!, w.deputies[4]!].entries()) {
    const username = `voter${i + 4}`;
    await env.DB.prepare(`insert into users (tenant_id, username, display_name, role, password_hash, deputy_id) values (?, ?, ?, 'deputy', ?, ?)`)
      .bind(w.tenantId, username, username, hash, deputyId)
      .run();
    names.push(username);
  }
  return names;
}

function alerts(html: string): string {
  return (html.match(/role="alert"[^>]*>([^<]*)/g) ?? []).join(' | ');
}

describe('collection: staff, deputies and the public propose candidate projects', () => {
  it('staff propose with budget in 万元 (stored in yuan) and a responsible unit; a deputy proposes without one', async () => {
    const { w, as } = await worldAndPeople('projcollect');
    /** The propose form: title, description, budget in 万元 and the responsible unit. */
    const proposal = (title: string, description: string, budget: string, unitId: number | undefined) => ({
      year: String(year()),
      title,
      description,
      budget,
      unit_id: String(unitId),
    });
    const res = await post(w, await as('staff'), '/projects', proposal('城区老旧小区改造', '改造 12 个小区', '35.5', w.units[0]));
    expect(res.status).toBe(303);
    const dep = await post(w, await as('deputy2'), '/projects', proposal('农村饮水安全提升', '更新管网', '', w.units[1]));
    expect(dep.status).toBe(303);
    const rows = await env.DB.prepare('select title, budget_yuan, unit_id, proposer_kind, status from projects where tenant_id = ? order by id')
      .bind(w.tenantId)
      .all();
    expect(rows.results).toEqual([
      { title: '城区老旧小区改造', budget_yuan: 355_000, unit_id: w.units[0], proposer_kind: 'staff', status: 'candidate' },
      { title: '农村饮水安全提升', budget_yuan: null, unit_id: null, proposer_kind: 'deputy', status: 'candidate' },
    ]);
  });

  it('bad input is shown again (422) with a Chinese message by the field and everything typed kept', async () => {
    const w = await createWorld('projbad');
    const res = await post(w, await people(w)('staff'), '/projects', {
      year: String(year()),
      title: '',
      description: '保留的内容',
      budget: '12.345678',
    });
    await expectPage(res, 422, ['请填写项目名称', '预算请填写万元数', '保留的内容', 'value="12.345678"']);
  });

  it('a public proposal arrives pending; staff accept it (with a unit) or reject it; only pending ones are moderated', async () => {
    const w = await createWorld('projpublic');
    const anon = new Browser();
    const form = { title: '增设公交站台', description: '学校门口没有站台', budget: '8', proposer_name: '王大妈', proposer_contact: '13900000000' };
    const res = await anon.post(`${w.base}/public/projects/propose`, form);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('感谢您的建议');
    const second = await anon.post(`${w.base}/public/projects/propose`, { ...form, title: '广告推销' });
    expect(second.status).toBe(200);
    const missingName = await anon.post(`${w.base}/public/projects/propose`, { ...form, proposer_name: '' });
    expect(missingName.status).toBe(422);
    expect(await missingName.text()).toContain('请填写您的姓名');
    const rows = await env.DB.prepare('select id, status, proposer_kind, proposer_name, unit_id from projects where tenant_id = ? order by id')
      .bind(w.tenantId)
      .all<{ id: number; status: string; proposer_kind: string; proposer_name: string; unit_id: number | null }>();
    expect(rows.results.map((r) => [r.status, r.proposer_kind, r.proposer_name])).toEqual([
      ['pending', 'public', '王大妈'],
      ['pending', 'public', '王大妈'],
    ]);
    const [keep, spam] = rows.results.map((r) => r.id);
    // A pending proposal is not public and not shown to deputies.
    expect(await (await anon.get(`${w.base}/public/projects`)).text()).not.toContain('增设公交站台');
    expect((await (await people(w)('deputy2')).get(`${w.base}/projects/${keep}`)).status).toBe(404);

    const staff = await people(w)('staff');
    expect((await post(w, staff, `/projects/${keep}/moderate`, { decision: 'accept', unit_id: String(w.units[1]) })).status).toBe(303);
    expect((await post(w, staff, `/projects/${spam}/moderate`, { decision: 'reject' })).status).toBe(303);
    expect(await statusOf(keep!)).toBe('candidate');
    expect(await statusOf(spam!)).toBe('rejected');
    const unit = await env.DB.prepare('select unit_id from projects where id = ?').bind(keep).first<{ unit_id: number }>();
    expect(unit!.unit_id).toBe(w.units[1]);
    const again = await post(w, staff, `/projects/${spam}/moderate`, { decision: 'accept' });
    expect(again.status).toBe(409);
    expect(await statusOf(spam!)).toBe('rejected');
    // The contact is for staff only.
    expect(await (await staff.get(`${w.base}/projects/${keep}`)).text()).toContain('13900000000');
  });

  it('the public form is rate-limited per IP: the 6th proposal within the hour is refused (429) and not stored; another IP goes on', async () => {
    const w = await createWorld('projrate');
    const anon = new Browser();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await anon.post(`${w.base}/public/projects/propose`, { title: `项目${i}`, description: '内容', proposer_name: '李四' });
      statuses.push(res.status);
      if (res.status === 429) expect(await res.text()).toContain('提交过于频繁');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const stored = await countOf('select count(*) as n from projects where tenant_id = ?', w.tenantId);
    expect(stored).toBe(5);
    expect(
      (await new Browser().post(`${w.base}/public/projects/propose`, { title: '别处', description: '内容', proposer_name: '张三' })).status,
    ).toBe(200);
  });
});

describe('shortlist and 差额票决', () => {
  it('staff shortlist candidates; a ballot with no more candidates than places is refused with a Chinese message, and none is created', async () => {
    const w = await createWorld('projsize');
    const staff = await people(w)('staff');
    const ids = await insertProjects(w, ['项目甲', '项目乙'], 'candidate');
    for (const id of ids) expect((await post(w, staff, `/projects/${id}/shortlist`, { op: 'add' })).status).toBe(303);
    expect(await statusOf(ids[0]!)).toBe('shortlisted');
    const res = await post(w, staff, '/ballots', ballotForm('票决', 2, ids));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('差额票决要求候选项目多于应选项目：现有候选 2 项，应选 2 项');
    expect(html).toContain('value="票决"');
    const n = await countOf('select count(*) as n from ballots where tenant_id = ?', w.tenantId);
    expect(n).toBe(0);
    const ok = await startBallot(w, staff, ids, 1);
    expect(Object.keys(await tallies(ok)).length).toBe(2);
    // On a ballot, a project stays on the shortlist.
    expect((await post(w, staff, `/projects/${ids[0]}/shortlist`, { op: 'remove' })).status).toBe(409);
  });
});

describe('the secret ballot', () => {
  it('each eligible deputy votes once for one to N projects; a second vote is refused, even two at once', async () => {
    const { w, as } = await worldAndPeople('projvote');
    const ids = await insertProjects(w, ['甲', '乙', '丙', '丁']);
    const ballot = await startBallot(w, await as('staff'), ids, 2);
    const d2 = await as('deputy2');

    const tooMany = await vote(w, d2, ballot, ids.slice(0, 3));
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain('最多只能选择 2 个项目');
    const none = await vote(w, d2, ballot, []);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请至少选择 1 个项目');
    expect(await tallies(ballot)).toEqual({ [ids[0]!]: 0, [ids[1]!]: 0, [ids[2]!]: 0, [ids[3]!]: 0 });

    expect((await vote(w, d2, ballot, [ids[0]!, ids[1]!])).status).toBe(303);
    const second = await vote(w, d2, ballot, [ids[2]!]);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('您已经投过票');

    // Two posts of the same deputy at the same moment: exactly one counted.
    const d3 = await as('deputy3');
    const [a, b] = await Promise.all([vote(w, d3, ballot, [ids[0]!]), vote(w, d3, ballot, [ids[0]!])]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    expect(await tallies(ballot)).toEqual({ [ids[0]!]: 2, [ids[1]!]: 1, [ids[2]!]: 0, [ids[3]!]: 0 });
    const voters = await countOf('select count(*) as n from ballot_voters where ballot_id = ?', ballot);
    expect(voters).toBe(2);

    // A city-level deputy living in the county does not vote on the county's projects.
    const city = await vote(w, await as('deputy'), ballot, [ids[3]!]);
    expect(city.status).toBe(422);
    expect(await city.text()).toContain('不参加本次票决');
    expect((await tallies(ballot))[ids[3]!]).toBe(0);
    // Staff cannot vote.
    expect((await vote(w, await as('staff'), ballot, [ids[3]!])).status).toBe(403);
  });

  it('voting before the ballot opens or after it closes is refused (server time); the first view after closing counts it', async () => {
    const { w, as } = await worldAndPeople('projtime');
    const staff = await as('staff');
    const early = await insertProjects(w, ['早甲', '早乙']);
    const later = await startBallot(w, staff, early, 1, Date.now() + HOUR, Date.now() + 2 * HOUR);
    const d2 = await as('deputy2');
    const before = await vote(w, d2, later, [early[0]!]);
    expect(before.status).toBe(422);
    expect(await before.text()).toContain('投票尚未开始');
    expect(await tallies(later)).toEqual({ [early[0]!]: 0, [early[1]!]: 0 });

    const ids = await insertProjects(w, ['晚甲', '晚乙']);
    const ballot = await startBallot(w, staff, ids, 1);
    expect((await vote(w, d2, ballot, [ids[1]!])).status).toBe(303);
    await env.DB.prepare('update ballots set closes_at = ? where id = ?')
      .bind(Date.now() - 1000, ballot)
      .run();
    const after = await vote(w, await as('deputy3'), ballot, [ids[0]!]);
    expect(after.status).toBe(422);
    expect(await after.text()).toContain('投票已截止');
    expect(await tallies(ballot)).toEqual({ [ids[0]!]: 0, [ids[1]!]: 1 });
    const row = await env.DB.prepare('select status, closed_at from ballots where id = ?')
      .bind(ballot)
      .first<{ status: string; closed_at: number }>();
    expect(row!.status).toBe('closed');
    expect(await statusOf(ids[1]!)).toBe('chosen');
    expect(await statusOf(ids[0]!)).toBe('not_chosen');
  });

  it('no table links a deputy to a choice: the schema has none, and a vote adds rows only to ballot_voters', async () => {
    const tables = await env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%'",
    ).all<{ name: string }>();
    const columnsOf = async (t: string) =>
      (await env.DB.prepare(`select name from pragma_table_info('${t}')`).all<{ name: string }>()).results.map((c) => c.name);
    const deputyBearing: string[] = [];
    const deputyAndChoice: string[] = [];
    for (const { name } of tables.results) {
      const cols = await columnsOf(name);
      const hasDeputy = cols.some((c) => /deputy/.test(c)) || (name === 'users' && cols.includes('deputy_id'));
      if (hasDeputy && cols.includes('ballot_id')) deputyBearing.push(name);
      if (hasDeputy && cols.some((c) => /project|candidate|choice/.test(c))) deputyAndChoice.push(name);
    }
    // The only ballot table naming a deputy is ballot_voters, and it holds no choice and no time.
    expect(deputyBearing).toEqual(['ballot_voters']);
    expect((await columnsOf('ballot_voters')).sort()).toEqual(['ballot_id', 'deputy_id', 'tenant_id']);
    // A deputy next to a project exists only for the open (not secret) year-end satisfaction vote.
    expect(deputyAndChoice).toEqual(['project_satisfaction']);
    expect(await columnsOf('ballot_candidates')).not.toContain('deputy_id');

    const { w, as } = await worldAndPeople('projsecret');
    const ids = await insertProjects(w, ['甲', '乙', '丙']);
    const ballot = await startBallot(w, await as('staff'), ids, 2);
    const d2 = await as('deputy2');
    const d3 = await as('deputy3');
    await csrfOf(w, d2);
    await csrfOf(w, d3);
    const tenantTables: string[] = [];
    for (const { name } of tables.results) if ((await columnsOf(name)).includes('tenant_id')) tenantTables.push(name);
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of tenantTables)
        out[t] = (await env.DB.prepare(`select count(*) as n from ${t} where tenant_id = ?`).bind(w.tenantId).first<{ n: number }>())!.n;
      return out;
    };
    const before = await counts();
    expect((await vote(w, d2, ballot, [ids[0]!, ids[2]!])).status).toBe(303);
    expect((await vote(w, d3, ballot, [ids[1]!])).status).toBe(303);
    const after = await counts();
    const grown = tenantTables.filter((t) => after[t] !== before[t]);
    expect(grown).toEqual(['ballot_voters']);
    expect(after['ballot_voters']! - before['ballot_voters']!).toBe(2);
    // Nothing in the audit log or anywhere else mentions who voted for what.
    const audit = await countOf('select count(*) as n from audit_log where tenant_id = ? and action like ?', w.tenantId, '%vote%');
    expect(audit).toBe(0);
  });
});

describe('results and turnout', () => {
  it('staff close the ballot: the top N are chosen, the rest not; votes and turnout (voters ÷ eligible) are published', async () => {
    const { w, as } = await worldAndPeople('projresult');
    const extra = await moreVoters(w); // 4 eligible: deputy2, deputy3, voter4, voter5
    // A retired county deputy with an account does not count as eligible.
    await env.DB.prepare('update deputies set retired_at = ? where id = ?').bind(Date.now(), w.deputies[4]).run();
    const staff = await as('staff');
    const ids = await insertProjects(w, ['公交线路延伸', '乡镇卫生院改造', '路灯亮化', '菜市场改造'], 'shortlisted', w.units[0]!);
    const ballot = await startBallot(w, staff, ids, 2);
    const [p1, p2, p3, p4] = ids as [number, number, number, number];
    const v4 = new Browser();
    await v4.login(w.base, extra[0]!);
    expect((await vote(w, await as('deputy2'), ballot, [p1, p2])).status).toBe(303);
    expect((await vote(w, await as('deputy3'), ballot, [p1, p3])).status).toBe(303);
    expect((await vote(w, v4, ballot, [p1, p2])).status).toBe(303);

    // While it runs, the public sees no tallies and staff see only turnout.
    const running = await (await staff.get(`${w.base}/ballots/${ballot}`)).text();
    expect(running).toContain('已投票 3 人，应参加 3 人');
    expect((await post(w, staff, `/ballots/${ballot}/close`)).status).toBe(303);
    expect(await tallies(ballot)).toEqual({ [p1]: 3, [p2]: 2, [p3]: 1, [p4]: 0 });
    expect([await statusOf(p1), await statusOf(p2), await statusOf(p3), await statusOf(p4)]).toEqual([
      'chosen',
      'chosen',
      'not_chosen',
      'not_chosen',
    ]);

    const page = await (await new Browser().get(`${w.base}/public/projects`)).text();
    expect(page).toContain('参加投票 3 人，应参加 3 人，参选率 100%');
    expect(page).toMatch(/公交线路延伸<\/td><td>县农业农村局<\/td><td><\/td><td>3<\/td><td>票决当选/);
    expect(page).toMatch(/菜市场改造<\/td><td>县农业农村局<\/td><td><\/td><td>0<\/td><td>未当选/);
    // Closing twice changes nothing.
    expect((await post(w, staff, `/ballots/${ballot}/close`)).status).toBe(303);
    const closes = await countOf("select count(*) as n from audit_log where tenant_id = ? and action = 'ballot.close'", w.tenantId);
    expect(closes).toBe(1);
  });

  it('turnout counts the eligible who did not vote: 2 of 4', async () => {
    const { w, as } = await worldAndPeople('projturnout');
    await moreVoters(w);
    const ids = await insertProjects(w, ['甲', '乙', '丙']);
    const ballot = await startBallot(w, await as('staff'), ids, 1);
    expect((await vote(w, await as('deputy2'), ballot, [ids[0]!])).status).toBe(303);
    expect((await vote(w, await as('deputy3'), ballot, [ids[0]!])).status).toBe(303);
    await env.DB.prepare('update ballots set closes_at = ? where id = ?')
      .bind(Date.now() - 1, ballot)
      .run();
    // Counted at the first view after the closing time — here the public page.
    const page = await (await new Browser().get(`${w.base}/public/projects`)).text();
    expect(page).toContain('参加投票 2 人，应参加 4 人，参选率 50%');
    expect(await statusOf(ids[0]!)).toBe('chosen');
  });

  it('a tie across the last place is shown as 并列 and staff pick exactly the places left; the others are not chosen', async () => {
    const { w, as } = await worldAndPeople('projtie');
    const staff = await as('staff');
    const ids = await insertProjects(w, ['甲', '乙', '丙']);
    const [p1, p2, p3] = ids as [number, number, number];
    const ballot = await startBallot(w, staff, ids, 2);
    expect((await vote(w, await as('deputy2'), ballot, [p1, p2])).status).toBe(303);
    expect((await vote(w, await as('deputy3'), ballot, [p1, p3])).status).toBe(303);
    expect((await post(w, staff, `/ballots/${ballot}/close`)).status).toBe(303);
    expect([await statusOf(p1), await statusOf(p2), await statusOf(p3)]).toEqual(['chosen', 'shortlisted', 'shortlisted']);
    const page = await (await staff.get(`${w.base}/ballots/${ballot}`)).text();
    expect(page).toContain('并列最后 1 个名额');
    expect(page).toContain('并列待定');
    const both = await post(w, staff, `/ballots/${ballot}/resolve`, { picked: [String(p2), String(p3)] });
    expect(both.status).toBe(422);
    expect(await both.text()).toContain('请在并列项目中选出正好 1 项');
    expect((await post(w, staff, `/ballots/${ballot}/resolve`, { picked: [String(p3)] })).status).toBe(303);
    expect([await statusOf(p1), await statusOf(p2), await statusOf(p3)]).toEqual(['chosen', 'not_chosen', 'chosen']);
    const entry = await env.DB.prepare("select details from audit_log where tenant_id = ? and action = 'ballot.resolve'")
      .bind(w.tenantId)
      .first<{ details: string }>();
    expect(JSON.parse(entry!.details)).toEqual({ picked: [p3], notPicked: [p2] });
  });
});

describe('chosen projects: progress and satisfaction', () => {
  it("the responsible unit's clerk reports progress (never lower); colours follow the plan; another unit is refused", async () => {
    const { w, as } = await worldAndPeople('projprogress');
    const staff = await as('staff');
    const [onPlan, late] = await insertProjects(w, ['按计划项目', '滞后项目'], 'chosen', w.units[0]!);
    const finish = new Date(Date.now() + 8 * HOUR + 200 * 24 * HOUR).toISOString().slice(0, 10);
    expect((await post(w, staff, `/projects/${onPlan}/plan`, { unit_id: String(w.units[0]), planned_finish: finish })).status).toBe(303);
    const badPlan = await post(w, staff, `/projects/${onPlan}/plan`, { unit_id: String(w.units[0]), planned_finish: '2026-02-30' });
    expect(badPlan.status).toBe(422);
    expect(await badPlan.text()).toContain('计划完成日期');
    // A finish date already passed: unfinished means red.
    await env.DB.prepare('update projects set planned_finish = ? where id = ?').bind('2020-01-31', late).run();

    const unit = await as('unit');
    // 95% is never more than 10 points behind, whatever today's date.
    expect((await post(w, unit, `/projects/${onPlan}/progress`, { percent: '95', note: '主体完工' })).status).toBe(303);
    const lower = await post(w, unit, `/projects/${onPlan}/progress`, { percent: '90', note: '写错了' });
    expect(lower.status).toBe(422);
    expect(await lower.text()).toContain('进度不能低于上次报送的 95%');
    const over = await post(w, unit, `/projects/${onPlan}/progress`, { percent: '101', note: '超过' });
    expect(over.status).toBe(422);
    expect(await over.text()).toContain('value="101"');
    const other = await post(w, await as('unit2'), `/projects/${onPlan}/progress`, { percent: '90', note: '不是我们的' });
    expect(other.status).toBe(404);
    expect((await post(w, await as('deputy2'), `/projects/${onPlan}/progress`, { percent: '90', note: '代表' })).status).toBe(403);
    expect((await post(w, unit, `/projects/${late}/progress`, { percent: '30', note: '进展缓慢' })).status).toBe(303);

    const rows = await env.DB.prepare('select id, progress_percent, colour from projects where tenant_id = ? order by id').bind(w.tenantId).all();
    expect(rows.results).toEqual([
      { id: onPlan, progress_percent: 95, colour: 'green' },
      { id: late, progress_percent: 30, colour: 'red' },
    ]);
    const updates = await countOf('select count(*) as n from project_updates where project_id = ?', onPlan);
    expect(updates).toBe(1);
    const list = await (await staff.get(`${w.base}/projects`)).text();
    expect(list).toContain('95% · 按计划推进');
    expect(list).toContain('30% · 明显滞后');
    const pub = await (await new Browser().get(`${w.base}/public/projects`)).text();
    expect(pub).toContain('滞后项目');
    expect(pub).toContain('明显滞后');
    // The unit's own list shows its projects.
    expect(await (await unit.get(`${w.base}/projects`)).text()).toContain('按计划项目');
  });

  it('eligible deputies rate a finished project once; totals are shown', async () => {
    const { w, as } = await worldAndPeople('projrate');
    const [p] = await insertProjects(w, ['已完成项目'], 'chosen', w.units[0]!);
    const [unfinished] = await insertProjects(w, ['未完成项目'], 'chosen', w.units[0]!);
    await env.DB.prepare('update projects set progress_percent = 100 where id = ?').bind(p).run();
    const d2 = await as('deputy2');
    expect((await post(w, d2, `/projects/${p}/satisfaction`, { rating: 'satisfied' })).status).toBe(303);
    const again = await post(w, d2, `/projects/${p}/satisfaction`, { rating: 'unsatisfied' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('您已经对该项目测评过');
    expect((await post(w, await as('deputy3'), `/projects/${p}/satisfaction`, { rating: 'basically' })).status).toBe(303);
    const city = await post(w, await as('deputy'), `/projects/${p}/satisfaction`, { rating: 'satisfied' });
    expect(city.status).toBe(422);
    const bad = await post(w, await as('deputy3'), `/projects/${unfinished}/satisfaction`, { rating: 'satisfied' });
    // Not year-end yet in most of the year, and not finished: refused (from 1 December it opens).
    const december = new Date(Date.now() + 8 * HOUR).getUTCMonth() === 11;
    expect(bad.status).toBe(december ? 303 : 422);
    const totals = await env.DB.prepare('select rating, count(*) as n from project_satisfaction where project_id = ? group by rating order by rating')
      .bind(p)
      .all();
    expect(totals.results).toEqual([
      { rating: 'basically', n: 1 },
      { rating: 'satisfied', n: 1 },
    ]);
    expect(await (await (await as('staff')).get(`${w.base}/projects/${p}`)).text()).toContain('满意 1 票 · 基本满意 1 票 · 不满意 0 票');
  });
});

describe('roles and other counties', () => {
  it('only staff moderate, shortlist, plan and run ballots', async () => {
    const { w, as } = await worldAndPeople('projroles');
    const [p] = await insertProjects(w, ['甲'], 'candidate');
    const [q, r] = await insertProjects(w, ['乙', '丙']);
    for (const who of ['deputy', 'clerk', 'secretary', 'chair', 'unit', 'admin'] as const) {
      const b = await as(who);
      expect((await post(w, b, `/projects/${p}/shortlist`, { op: 'add' })).status, who).toBe(403);
      expect((await post(w, b, `/projects/${p}/plan`, { unit_id: String(w.units[0]) })).status, who).toBe(403);
      expect((await post(w, b, '/ballots', { places: '1', candidates: [String(q), String(r)] })).status, who).toBe(403);
    }
    expect(await statusOf(p!)).toBe('candidate');
    // Secretary and chair read everything; a deputy does not see a candidate not yet shortlisted.
    expect((await (await as('chair')).get(`${w.base}/projects/${p}`)).status).toBe(200);
    expect((await (await as('deputy2')).get(`${w.base}/projects/${p}`)).status).toBe(404);
    expect((await (await as('deputy2')).get(`${w.base}/projects/${q}`)).status).toBe(200);
  });

  it("another county's project and ballot ids are not found, and its tallies do not move", async () => {
    const a = await createWorld('projcrossa');
    const b = await createWorld('projcrossb');
    const bIds = await insertProjects(b, ['乙县项目一', '乙县项目二']);
    const bBallot = await startBallot(b, await people(b)('staff'), bIds, 1);
    const as = people(a);
    const staff = await as('staff');
    expect((await staff.get(`${a.base}/projects/${bIds[0]}`)).status).toBe(404);
    expect((await staff.get(`${a.base}/ballots/${bBallot}`)).status).toBe(404);
    expect((await post(a, staff, `/ballots/${bBallot}/close`)).status).toBe(404);
    expect((await post(a, staff, `/projects/${bIds[0]}/shortlist`, { op: 'remove' })).status).toBe(404);
    expect((await vote(a, await as('deputy2'), bBallot, [bIds[0]!])).status).toBe(404);
    // A's ballot form naming B's projects creates nothing.
    const cross = await post(a, staff, '/ballots', ballotForm('跨县', 1, bIds));
    expect(cross.status).toBe(422);
    expect(await tallies(bBallot)).toEqual({ [bIds[0]!]: 0, [bIds[1]!]: 0 });
    const bb = await env.DB.prepare('select status from ballots where id = ?').bind(bBallot).first<{ status: string }>();
    expect(bb!.status).toBe('open');
    const aBallots = await countOf('select count(*) as n from ballots where tenant_id = ?', a.tenantId);
    expect(aBallots).toBe(0);
    expect(alerts(await cross.text())).toContain('所选项目中有的已不是票决候选');
  });
});

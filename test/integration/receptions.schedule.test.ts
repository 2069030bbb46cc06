/**
 * 接待日安排 over HTTP: the two-deputy rule on the form, a clerk at their
 * own station only, changing and cancelling before the day, the public page
 * (upcoming receptions of this county only, confidential deputies left
 * out), and other counties' or stations' receptions answering 404.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { people, worldAndPeople } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';
import { chinaDay, fieldError, formToken, insertIssue, insertReception, signedInWorld } from './receptions-helpers';

const TOO_FEW = '每次接待至少需要两名不同的代表参加。';
const UNKNOWN = '所选代表中有不属于本县或已离任的代表。';

function receptionForm(w: World, csrf: string, deputies: number[], extra: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    station_id: String(w.stations[0]),
    date: chinaDay(7),
    starts_at: '09:00',
    ends_at: '11:30',
    place: '城关镇代表联络站会客厅',
    note: '',
    deputies: deputies.map(String),
    ...extra,
  };
}

async function receptionCount(w: World): Promise<number> {
  const row = await env.DB.prepare('select count(*) as n from receptions where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
  return row!.n;
}

describe('每次接待至少两名代表: the scheduling form', () => {
  it('refuses no deputy, one deputy, the same deputy twice and a deputy of another county — next to the field, everything typed kept', async () => {
    const w = await createWorld('rcpt2');
    const other = await createWorld('rcpt2b');
    const staff = await people(w)('staff');
    const csrf = await formToken(w, staff);
    const cases: [string, number[], string][] = [
      ['none', [], TOO_FEW],
      ['one', [w.deputies[0]!], TOO_FEW],
      ['same twice', [w.deputies[0]!, w.deputies[0]!], TOO_FEW],
      ['another county', [w.deputies[0]!, other.deputies[1]!], UNKNOWN],
    ];
    for (const [name, deputies, message] of cases) {
      const res = await staff.post(`${w.base}/receptions`, receptionForm(w, csrf, deputies, { place: `会客厅${name}` }));
      expect(res.status, name).toBe(422);
      const html = await res.text();
      expect(fieldError(html, 'deputies'), name).toBe(message);
      expect(html, name).toContain(`value="会客厅${name}"`);
    }
    expect(await receptionCount(w)).toBe(0);
  });

  it('a retired deputy does not count', async () => {
    const w = await createWorld('rcptret');
    await env.DB.prepare('update deputies set retired_at = 1 where id = ?').bind(w.deputies[2]).run();
    const staff = await people(w)('staff');
    const res = await staff.post(`${w.base}/receptions`, receptionForm(w, await formToken(w, staff), [w.deputies[0]!, w.deputies[2]!]));
    expect(res.status).toBe(422);
    expect(fieldError(await res.text(), 'deputies')).toBe(UNKNOWN);
  });

  it('two distinct deputies of the county: scheduled, with its deputies and an audit entry', async () => {
    const w = await createWorld('rcptok');
    const staff = await people(w)('staff');
    const res = await staff.post(
      `${w.base}/receptions`,
      receptionForm(w, await formToken(w, staff), [w.deputies[0]!, w.deputies[2]!, w.deputies[0]!]),
    );
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('Location')!.match(/receptions\/(\d+)\?done=saved$/)![1]);
    const deputies = await env.DB.prepare('select deputy_id from reception_deputies where reception_id = ? order by deputy_id')
      .bind(id)
      .all<{ deputy_id: number }>();
    expect(deputies.results.map((d) => d.deputy_id)).toEqual([w.deputies[0], w.deputies[2]].sort((a, b) => a! - b!));
    const audit = await env.DB.prepare("select target_id from audit_log where tenant_id = ? and action = 'reception.schedule'")
      .bind(w.tenantId)
      .first<{ target_id: string }>();
    expect(audit!.target_id).toBe(String(id));
    const page = await (await staff.get(`${w.base}/receptions/${id}`)).text();
    expect(page).toContain('张建国、王卫东');
    const list = await (await staff.get(`${w.base}/receptions?month=${chinaDay(7).slice(0, 7)}`)).text();
    expect(list).toContain(`/receptions/${id}`);
  });

  it('refuses a day already begun, an end before the start and a missing place', async () => {
    const w = await createWorld('rcptbad');
    const staff = await people(w)('staff');
    const res = await staff.post(
      `${w.base}/receptions`,
      receptionForm(w, await formToken(w, staff), [w.deputies[0]!, w.deputies[2]!], {
        date: chinaDay(0),
        starts_at: '10:00',
        ends_at: '09:00',
        place: ' ',
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'date')).toBe('接待日期须在今天之后。');
    expect(fieldError(html, 'ends_at')).toBe('结束时间须晚于开始时间。');
    expect(fieldError(html, 'place')).toBe('请填写接待地点。');
  });
});

describe('a liaison clerk schedules at their own station only', () => {
  it('own station: yes; another station: refused on the field; another station’s reception: 404', async () => {
    const { w, b: clerk, csrf } = await signedInWorld('rcptclerk', 'clerk');
    const own = await clerk.post(`${w.base}/receptions`, receptionForm(w, csrf, [w.deputies[0]!, w.deputies[2]!]));
    expect(own.status).toBe(303);
    const elsewhere = await clerk.post(
      `${w.base}/receptions`,
      receptionForm(w, csrf, [w.deputies[1]!, w.deputies[3]!], { station_id: String(w.stations[1]) }),
    );
    expect(elsewhere.status).toBe(422);
    expect(fieldError(await elsewhere.text(), 'station_id')).toBe('联络站不存在或不在您的负责范围内。');
    const theirs = await insertReception(w, w.stations[1]!, chinaDay(3), [w.deputies[1]!, w.deputies[3]!]);
    expect((await clerk.get(`${w.base}/receptions/${theirs}`)).status).toBe(404);
    expect((await clerk.get(`${w.base}/receptions/${theirs}/edit`)).status).toBe(404);
    expect((await clerk.post(`${w.base}/receptions/${theirs}/cancel`, { _csrf: csrf })).status).toBe(404);
    const list = await (await clerk.get(`${w.base}/receptions?month=${chinaDay(3).slice(0, 7)}&station=${w.stations[1]}`)).text();
    expect(list).not.toContain(`/receptions/${theirs}"`);
  });
});

describe('who may schedule', () => {
  it('deputies, secretary, chair, unit clerks and the admin may not (403), and nothing is written', async () => {
    const { w, as } = await worldAndPeople('rcptperm');
    for (const who of ['deputy', 'secretary', 'chair', 'unit', 'admin'] as const) {
      const b = await as(who);
      const res = await b.post(`${w.base}/receptions`, receptionForm(w, await formToken(w, b), [w.deputies[0]!, w.deputies[2]!]));
      expect(res.status, who).toBe(403);
    }
    expect(await receptionCount(w)).toBe(0);
  });
});

describe('changing and cancelling before the day', () => {
  it('staff change the deputies and place; the two-deputy rule holds on change too', async () => {
    const { w, b: staff, csrf } = await signedInWorld('rcptedit', 'staff');
    const id = await insertReception(w, w.stations[0]!, chinaDay(5), [w.deputies[0]!, w.deputies[2]!]);
    const refused = await staff.post(`${w.base}/receptions/${id}`, receptionForm(w, csrf, [w.deputies[4]!], { date: chinaDay(5) }));
    expect(refused.status).toBe(422);
    expect(fieldError(await refused.text(), 'deputies')).toBe(TOO_FEW);
    const ok = await staff.post(
      `${w.base}/receptions/${id}`,
      receptionForm(w, csrf, [w.deputies[2]!, w.deputies[4]!], { date: chinaDay(6), place: '新会客厅' }),
    );
    expect(ok.status).toBe(303);
    const row = await env.DB.prepare('select date, place from receptions where id = ?').bind(id).first<{ date: string; place: string }>();
    expect(row).toEqual({ date: chinaDay(6), place: '新会客厅' });
    const deputies = await env.DB.prepare('select deputy_id from reception_deputies where reception_id = ? order by deputy_id')
      .bind(id)
      .all<{ deputy_id: number }>();
    expect(deputies.results.map((d) => d.deputy_id)).toEqual([w.deputies[2], w.deputies[4]]);
    expect(
      await env.DB.prepare("select count(*) as n from audit_log where tenant_id = ? and action = 'reception.update'").bind(w.tenantId).first('n'),
    ).toBe(1);
  });

  it('cancel before the day; on or after the day neither change nor cancel (409)', async () => {
    const { w, b: staff, csrf } = await signedInWorld('rcptcancel', 'staff');
    const later = await insertReception(w, w.stations[0]!, chinaDay(2), [w.deputies[0]!, w.deputies[2]!]);
    const res = await staff.post(`${w.base}/receptions/${later}/cancel`, { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(await env.DB.prepare('select cancelled_at from receptions where id = ?').bind(later).first('cancelled_at')).not.toBeNull();
    expect((await staff.post(`${w.base}/receptions/${later}/cancel`, { _csrf: csrf })).status).toBe(409);
    const today = await insertReception(w, w.stations[0]!, chinaDay(0), [w.deputies[0]!, w.deputies[2]!]);
    expect((await staff.get(`${w.base}/receptions/${today}/edit`)).status).toBe(409);
    expect((await staff.post(`${w.base}/receptions/${today}`, receptionForm(w, csrf, [w.deputies[0]!, w.deputies[2]!]))).status).toBe(409);
    expect((await staff.post(`${w.base}/receptions/${today}/cancel`, { _csrf: csrf })).status).toBe(409);
    expect(await env.DB.prepare('select cancelled_at from receptions where id = ?').bind(today).first('cancelled_at')).toBeNull();
  });
});

describe('接待日 on the public page', () => {
  it("shows this county's upcoming receptions only: not past, not cancelled, not another county's; confidential deputies left out", async () => {
    const w = await createWorld('rcptpub');
    const other = await createWorld('rcptpubb');
    await env.DB.prepare('update deputies set confidential = 1 where id = ?').bind(w.deputies[2]).run();
    await insertReception(w, w.stations[0]!, chinaDay(3), [w.deputies[0]!, w.deputies[2]!], { place: '甲县即将接待的会客厅' });
    await insertReception(w, w.stations[1]!, chinaDay(0), [w.deputies[1]!, w.deputies[3]!], { place: '甲县今天接待的会客厅' });
    await insertReception(w, w.stations[0]!, chinaDay(-1), [w.deputies[0]!, w.deputies[4]!], { place: '甲县昨天接待的会客厅' });
    await insertReception(w, w.stations[0]!, chinaDay(4), [w.deputies[0]!, w.deputies[4]!], { place: '甲县已取消的会客厅', cancelled: true });
    await insertReception(other, other.stations[0]!, chinaDay(3), [other.deputies[0]!, other.deputies[2]!], { place: '乙县的会客厅' });
    const anon = new Browser();
    const res = await anon.get(`${w.base}/public/receptions`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('甲县即将接待的会客厅');
    expect(html).toContain('甲县今天接待的会客厅');
    expect(html).not.toContain('甲县昨天接待的会客厅');
    expect(html).not.toContain('甲县已取消的会客厅');
    expect(html).not.toContain('乙县的会客厅');
    expect(html).toContain('张建国');
    expect(html).not.toContain('王卫东'); // confidential
    expect(html).toContain('另有 1 名代表');
    expect(html).not.toMatch(/1380000000\d/); // no phone numbers
    expect(html).not.toContain('<form'); // nothing to post
  });
});

describe('receptions and issues of another county', () => {
  it('are 404 for every signed-in role, on every reception page and action', async () => {
    const a = await createWorld('rcptisoa');
    const b = await createWorld('rcptisob');
    const theirs = await insertReception(b, b.stations[0]!, chinaDay(3), [b.deputies[0]!, b.deputies[2]!]);
    const held = await insertReception(b, b.stations[0]!, chinaDay(0), [b.deputies[0]!, b.deputies[2]!]);
    const issue = await insertIssue(b, held);
    const as = people(a);
    for (const who of ['staff', 'clerk'] as const) {
      const user = await as(who);
      const csrf = await formToken(a, user);
      const gets = [`/receptions/${theirs}`, `/receptions/${theirs}/edit`, `/receptions/issues/${issue}`];
      for (const path of gets) expect((await user.get(`${a.base}${path}`)).status, `${who} GET ${path}`).toBe(404);
      const posts = [
        `/receptions/${theirs}`,
        `/receptions/${theirs}/cancel`,
        `/receptions/${held}/issues`,
        `/receptions/issues/${issue}/answer`,
        `/receptions/issues/${issue}/hand-over`,
        `/receptions/issues/${issue}/feedback`,
      ];
      for (const path of posts) {
        expect(
          (
            await user.post(`${a.base}${path}`, {
              _csrf: csrf,
              answer: '答复',
              voter_name: '某',
              content: '某',
              handed_to: '某镇',
              due_date: chinaDay(5),
              feedback: '好',
            })
          ).status,
          `${who} POST ${path}`,
        ).toBe(404);
      }
    }
    const clerk = await as('clerk');
    expect((await clerk.get(`${a.base}/suggestions/new?voter_issue=${issue}`)).status).toBe(404);
    expect(await env.DB.prepare('select outcome, closed_at from voter_issues where id = ?').bind(issue).first()).toEqual({
      outcome: 'open',
      closed_at: null,
    });
    expect(await env.DB.prepare('select cancelled_at from receptions where id = ?').bind(theirs).first('cancelled_at')).toBeNull();
  });
});

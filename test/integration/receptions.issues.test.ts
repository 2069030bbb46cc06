/**
 * Voters' issues at a reception over HTTP: logging, the three ways an issue
 * ends and the voter's feedback (wrong steps refused), 转为代表建议 linked
 * both ways, and the month's summary, three lists and station ranking
 * against a fixture with known figures.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hiddenValue } from '../helpers/browser';
import { people, submitSuggestion, worldAndPeople } from '../helpers/flow';
import { createWorld } from '../helpers/world';
import { endOfChinaDay } from '../../worker/rules/calendar';
import { chinaDay, fieldError, formToken, insertIssue, insertReception, issueRow, signedInWorld } from './receptions-helpers';

const REFUSED = '这个问题已经办理到下一步（或已办结），不能再这样处理。';

describe('收集问题: logging an issue at a reception', () => {
  it('a clerk logs an issue at a held reception of their station; a missing issue text is refused next to the field', async () => {
    const { w, b: clerk, csrf } = await signedInWorld('issuelog', 'clerk');
    const r = await insertReception(w, w.stations[0]!, chinaDay(0), [w.deputies[0]!, w.deputies[2]!]);
    const bad = await clerk.post(`${w.base}/receptions/${r}/issues`, { _csrf: csrf, voter_name: '刘大爷', content: '   ' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, 'content')).toBe('请填写反映的问题。');
    expect(html).toContain('value="刘大爷"');
    const ok = await clerk.post(`${w.base}/receptions/${r}/issues`, {
      _csrf: csrf,
      voter_name: '刘大爷',
      voter_contact: '13700000000',
      content: '村口路灯坏了半年没人修',
      category_id: String(w.categories[1]),
      measure: '建议乡镇统一排查',
    });
    expect(ok.status).toBe(303);
    const row = await env.DB.prepare('select station_id, outcome, category_id, measure, logged_by_user_id from voter_issues where reception_id = ?')
      .bind(r)
      .first();
    expect(row).toEqual({
      station_id: w.stations[0],
      outcome: 'open',
      category_id: w.categories[1],
      measure: '建议乡镇统一排查',
      logged_by_user_id: w.users.clerk.id,
    });
    const audit = await env.DB.prepare("select target_label from audit_log where tenant_id = ? and action = 'voter_issue.log'")
      .bind(w.tenantId)
      .first<{ target_label: string }>();
    expect(audit!.target_label).not.toContain('13700000000');
  });

  it('not before the reception’s day, nor at a cancelled one (409); nothing written', async () => {
    const { w, b: staff, csrf } = await signedInWorld('issuelate', 'staff');
    const future = await insertReception(w, w.stations[0]!, chinaDay(2), [w.deputies[0]!, w.deputies[2]!]);
    const cancelled = await insertReception(w, w.stations[0]!, chinaDay(-2), [w.deputies[0]!, w.deputies[2]!], { cancelled: true });
    for (const r of [future, cancelled]) {
      const res = await staff.post(`${w.base}/receptions/${r}/issues`, { _csrf: csrf, voter_name: '刘大爷', content: '问题' });
      expect(res.status).toBe(409);
    }
    expect(await env.DB.prepare('select count(*) as n from voter_issues where tenant_id = ?').bind(w.tenantId).first('n')).toBe(0);
  });
});

describe('how an issue ends, then the voter’s feedback', () => {
  it('当场答复 → feedback closes it; no other step before or after', async () => {
    const { w, b: staff, csrf } = await signedInWorld('issueans', 'staff');
    const r = await insertReception(w, w.stations[0]!, chinaDay(0), [w.deputies[0]!, w.deputies[2]!]);
    const id = await insertIssue(w, r);
    const base = `${w.base}/receptions/issues/${id}`;
    // Feedback before any outcome: refused.
    expect((await staff.post(`${base}/feedback`, { _csrf: csrf, feedback: '满意' })).status).toBe(409);
    const empty = await staff.post(`${base}/answer`, { _csrf: csrf, answer: '' });
    expect(empty.status).toBe(422);
    expect(fieldError(await empty.text(), 'answer')).toBe('请填写答复内容。');
    expect((await staff.post(`${base}/answer`, { _csrf: csrf, answer: '已联系供电所，本周内修复。' })).status).toBe(303);
    expect(await issueRow(id)).toMatchObject({ outcome: 'answered', outcome_note: '已联系供电所，本周内修复。', closed_at: null });
    // Answered: it cannot also be handed over or answered again.
    const twice = await staff.post(`${base}/answer`, { _csrf: csrf, answer: '再次答复' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain(REFUSED);
    expect((await staff.post(`${base}/hand-over`, { _csrf: csrf, handed_to: '城关镇', due_date: chinaDay(5) })).status).toBe(409);
    expect((await staff.post(`${base}/feedback`, { _csrf: csrf, feedback: '满意，路灯已修好' })).status).toBe(303);
    const closed = await issueRow(id);
    expect(closed).toMatchObject({ outcome: 'answered', feedback: '满意，路灯已修好' });
    expect(closed!.closed_at).not.toBeNull();
    expect((await staff.post(`${base}/feedback`, { _csrf: csrf, feedback: '再次反馈' })).status).toBe(409);
    const page = await (await staff.get(base)).text();
    expect(page).not.toContain(`action="${base}/`); // no step left to offer
  });

  it('交乡镇限时办理 needs the township and a due date not before the reception; then feedback', async () => {
    const { w, b: clerk, csrf } = await signedInWorld('issuehand', 'clerk');
    const r = await insertReception(w, w.stations[0]!, chinaDay(-3), [w.deputies[0]!, w.deputies[2]!]);
    const id = await insertIssue(w, r);
    const base = `${w.base}/receptions/issues/${id}`;
    const bad = await clerk.post(`${base}/hand-over`, { _csrf: csrf, handed_to: '', due_date: chinaDay(-4) });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, 'handed_to')).toBe('请填写交办的乡镇（单位）。');
    expect(fieldError(html, 'due_date')).toBe('请填写办理期限：不早于接待日期、一年以内的日期。');
    expect(
      (await clerk.post(`${base}/hand-over`, { _csrf: csrf, handed_to: '城关镇人民政府', due_date: chinaDay(10), note: '十日内答复' })).status,
    ).toBe(303);
    expect(await issueRow(id)).toMatchObject({ outcome: 'handed_over', handed_to: '城关镇人民政府', due_date: chinaDay(10), closed_at: null });
    expect(await (await clerk.get(base)).text()).toContain('办理中');
    expect((await clerk.post(`${base}/answer`, { _csrf: csrf, answer: '答复' })).status).toBe(409);
    expect((await clerk.post(`${base}/feedback`, { _csrf: csrf, feedback: '镇里已答复，满意' })).status).toBe(303);
    expect((await issueRow(id))!.closed_at).not.toBeNull();
    expect(await (await clerk.get(base)).text()).toContain('按时办结');
  });

  it('secretary and chair see issues but take no step (403)', async () => {
    const w = await createWorld('issueperm');
    const r = await insertReception(w, w.stations[0]!, chinaDay(0), [w.deputies[0]!, w.deputies[2]!]);
    const id = await insertIssue(w, r);
    const as = people(w);
    for (const who of ['secretary', 'chair'] as const) {
      const b = await as(who);
      expect((await b.get(`${w.base}/receptions/issues/${id}`)).status).toBe(200);
      expect((await b.post(`${w.base}/receptions/issues/${id}/answer`, { _csrf: await formToken(w, b), answer: '答复' })).status).toBe(403);
    }
    for (const who of ['deputy', 'unit', 'admin'] as const) {
      expect((await (await as(who)).get(`${w.base}/receptions/issues/${id}`)).status).toBe(403);
    }
    expect((await issueRow(id))!.outcome).toBe('open');
  });
});

describe('转为代表建议: one click to the suggestion form, linked both ways', () => {
  it('prefilled with the issue, a reception deputy as lead; on submit the issue points at the suggestion and the suggestion back at the issue', async () => {
    const { w, as } = await worldAndPeople('issuesug');
    const clerk = await as('clerk');
    // The clerk's station (stations[0]) has deputies 0, 2 and 4; the reception had 0 and 2.
    const r = await insertReception(w, w.stations[0]!, chinaDay(0), [w.deputies[0]!, w.deputies[2]!]);
    const id = await insertIssue(w, r, { content: '城关镇东街排水不畅，雨天积水严重' });
    await env.DB.prepare('update voter_issues set category_id = ?, measure = ? where id = ?').bind(w.categories[1], '建议改造排水管网', id).run();

    const issuePage = await (await clerk.get(`${w.base}/receptions/issues/${id}`)).text();
    expect(issuePage).toContain(`href="${w.base}/suggestions/new?voter_issue=${id}"`);

    const form = await (await clerk.get(`${w.base}/suggestions/new?voter_issue=${id}`)).text();
    expect(form).toContain(`action="${w.base}/suggestions?voter_issue=${id}"`);
    expect(form).toContain('城关镇东街排水不畅，雨天积水严重\n\n对策建议：建议改造排水管网');
    expect(form).toContain('来源：接待日群众反映');
    expect(form).toMatch(/<option value="reception" selected/);
    // Lead: only the reception's deputies are offered (not deputy 4 of the same station).
    const leadSelect = form.slice(form.indexOf('name="deputy_id"'), form.indexOf('</select>', form.indexOf('name="deputy_id"')));
    expect([...leadSelect.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([w.deputies[0], w.deputies[2]]);

    const post = (deputyId: number) =>
      clerk.post(`${w.base}/suggestions?voter_issue=${id}`, {
        _csrf: hiddenValue(form, '_csrf'),
        idempotency_key: hiddenValue(form, 'idempotency_key'),
        title: '关于改造城关镇东街排水管网的建议',
        content: '城关镇东街排水不畅，雨天积水严重。建议改造排水管网。',
        category_id: String(w.categories[1]),
        source_channel: 'reception',
        deputy_id: String(deputyId),
      });
    const wrongLead = await post(w.deputies[4]!);
    expect(wrongLead.status).toBe(422);
    expect(fieldError(await wrongLead.text(), 'deputy_id')).toBe('请从参加这次接待的代表中选择领衔代表。');
    expect((await issueRow(id))!.outcome).toBe('open');

    const res = await post(w.deputies[2]!);
    expect(res.status).toBe(303);
    const suggestionId = Number(res.headers.get('Location')!.match(/suggestions\/(\d+)/)![1]);
    expect(await issueRow(id)).toMatchObject({ outcome: 'suggestion', suggestion_id: suggestionId, closed_at: null });
    const s = await env.DB.prepare('select lead_deputy_id, source_channel, state, entered_by_user_id from suggestions where id = ?')
      .bind(suggestionId)
      .first();
    expect(s).toEqual({ lead_deputy_id: w.deputies[2], source_channel: 'reception', state: 'submitted', entered_by_user_id: w.users.clerk.id });
    expect(
      await env.DB.prepare("select count(*) as n from audit_log where tenant_id = ? and action = 'voter_issue.to_suggestion' and target_id = ?")
        .bind(w.tenantId, String(id))
        .first('n'),
    ).toBe(1);

    // The suggestion's page names where it came from, with the way back.
    const detail = await (await clerk.get(`${w.base}/suggestions/${suggestionId}`)).text();
    expect(detail).toContain('来源');
    expect(detail).toContain(`<a href="${w.base}/receptions/issues/${id}">接待日群众反映</a>`);
    const staffDetail = await (await (await as('staff')).get(`${w.base}/suggestions/${suggestionId}`)).text();
    expect(staffDetail).toContain(`${w.base}/receptions/issues/${id}`);
    // The lead deputy sees the source, without a link to the station's records.
    const deputy3 = await as('deputy3');
    const deputyDetail = await (await deputy3.get(`${w.base}/suggestions/${suggestionId}`)).text();
    expect(deputyDetail).toContain('接待日群众反映');
    expect(deputyDetail).not.toContain(`/receptions/issues/${id}`);
    // And the issue's page links to the suggestion.
    expect(await (await clerk.get(`${w.base}/receptions/issues/${id}`)).text()).toContain(`href="${w.base}/suggestions/${suggestionId}"`);

    // Once turned into a suggestion, the issue cannot be turned again.
    expect((await clerk.get(`${w.base}/suggestions/new?voter_issue=${id}`)).status).toBe(409);
    const again = await clerk.post(`${w.base}/suggestions?voter_issue=${id}`, {
      _csrf: hiddenValue(form, '_csrf'),
      idempotency_key: crypto.randomUUID(),
      title: '重复的建议',
      content: '重复',
      category_id: String(w.categories[1]),
      source_channel: 'reception',
      deputy_id: String(w.deputies[0]),
    });
    expect(again.status).toBe(409);
    expect(await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?').bind(w.tenantId).first('n')).toBe(1);
    // The voter's feedback still closes it.
    expect(
      (await clerk.post(`${w.base}/receptions/issues/${id}/feedback`, { _csrf: hiddenValue(form, '_csrf'), feedback: '已转为代表建议，等待答复' }))
        .status,
    ).toBe(303);
  });

  it('a plain suggestion (no voter_issue) is linked to nothing', async () => {
    const w = await createWorld('issueplain');
    const id = await submitSuggestion(w, await people(w)('deputy'));
    const html = await (await (await people(w)('staff')).get(`${w.base}/suggestions/${id}`)).text();
    expect(html).not.toContain('接待日群众反映');
  });
});

describe('"321" month by month: summary, three lists and the station ranking', () => {
  /** June 2025 at four stations, with every case that counts or must not. */
  async function juneFixture() {
    const w = await createWorld('rcptmonth');
    const [a, b] = [w.stations[0]!, w.stations[1]!];
    const extra = await env.DB.prepare(
      "insert into liaison_stations (tenant_id, name, township) values (?, '丙镇代表联络站', '丙镇'), (?, '丁镇代表联络站', '丁镇') returning id",
    )
      .bind(w.tenantId, w.tenantId)
      .all<{ id: number }>();
    const [c, d] = extra.results.map((r) => r.id);
    const [d0, d1, d2, d3, d4] = w.deputies as [number, number, number, number, number];
    const suggestion1 = await submitSuggestion(w, await people(w)('deputy'));
    const suggestion2 = await submitSuggestion(w, await people(w)('deputy2'));
    const at = (date: string, hour: number) => endOfChinaDay(date) - (24 - hour) * 3_600_000;

    const a1 = await insertReception(w, a, '2025-06-05', [d0, d2]);
    const a2 = await insertReception(w, a, '2025-06-20', [d0, d4]);
    await insertReception(w, a, '2025-06-25', [d0, d2], { cancelled: true }); // not held
    const aJuly = await insertReception(w, a, '2025-07-01', [d0, d2]); // another month
    const b1 = await insertReception(w, b, '2025-06-10', [d1, d3]);

    await insertIssue(w, a1, { outcome: 'answered', closedAt: at('2025-06-05', 11), content: '甲-当场答复已办结' });
    await insertIssue(w, a1, { outcome: 'handed_over', dueDate: '2025-06-15', closedAt: at('2025-06-14', 16), content: '甲-限时按时' });
    await insertIssue(w, a1, { outcome: 'handed_over', dueDate: '2025-06-15', closedAt: at('2025-06-16', 9), content: '甲-限时逾期办结' });
    await insertIssue(w, a1, { outcome: 'suggestion', suggestionId: suggestion1, content: '甲-转为建议' });
    await insertIssue(w, a1, { content: '甲-待处理' });
    await insertIssue(w, a2, {
      outcome: 'handed_over',
      dueDate: '2025-06-30',
      closedAt: endOfChinaDay('2025-06-30') - 1,
      content: '甲-最后一刻办结',
    });
    await insertIssue(w, a2, { outcome: 'answered', content: '甲-已答复未反馈' });
    await insertIssue(w, a2, { outcome: 'handed_over', dueDate: '2025-06-28', content: '甲-逾期未办结' });
    await insertIssue(w, aJuly, { outcome: 'answered', closedAt: at('2025-07-01', 11), content: '甲-七月的问题' });
    await insertIssue(w, b1, { outcome: 'suggestion', suggestionId: suggestion2, closedAt: at('2025-06-12', 10), content: '乙-转为建议已反馈' });
    await insertIssue(w, b1, { content: '乙-待处理' });
    return { w, a, b, c: c!, d: d! };
  }

  it('the summary of one station and its three lists, exactly', async () => {
    const { w, a } = await juneFixture();
    const staff = await people(w)('staff');
    const html = await (await staff.get(`${w.base}/receptions/monthly?month=2025-06&station=${a}`)).text();
    const figure = (k: string) => Number(html.match(new RegExp(`data-figure="${k}">(\\d+)<`))![1]);
    expect({
      receptionsHeld: figure('receptionsHeld'),
      deputyAttendances: figure('deputyAttendances'),
      deputiesAttending: figure('deputiesAttending'),
      issuesLogged: figure('issuesLogged'),
      closedOnTime: figure('closedOnTime'),
      suggestionsRaised: figure('suggestionsRaised'),
    }).toEqual({ receptionsHeld: 2, deputyAttendances: 4, deputiesAttending: 3, issuesLogged: 8, closedOnTime: 3, suggestionsRaised: 1 });

    const section = (id: string) => html.slice(html.indexOf(`<table id="${id}"`), html.indexOf('</table>', html.indexOf(`<table id="${id}"`)));
    const collected = section('collected');
    expect(collected.match(/<tr>/g)!.length - 1).toBe(8);
    expect(collected).not.toContain('甲-七月的问题');
    expect(collected).not.toContain('乙-');
    const measures = section('measures');
    expect(measures).not.toContain('甲-待处理');
    expect(measures).toContain('交城关镇人民政府办理，期限 2025-06-15');
    const feedback = section('feedback');
    const statusOf = (content: string) =>
      feedback.slice(feedback.indexOf(content)).match(/<td class="content">(按时办结|逾期办结|办理中|已逾期)<\/td>/)![1];
    expect(statusOf('甲-限时按时')).toBe('按时办结');
    expect(statusOf('甲-限时逾期办结')).toBe('逾期办结');
    expect(statusOf('甲-最后一刻办结')).toBe('按时办结');
    expect(statusOf('甲-逾期未办结')).toBe('已逾期');
    expect(feedback).not.toContain('甲-当场答复已办结');

    const csv = await (await staff.get(`${w.base}/receptions/monthly?month=2025-06&station=${a}&list=summary&format=csv`)).text();
    expect(csv.replace('\uFEFF', '').trim().split('\r\n')).toEqual([
      '接待次数,参加代表人次,参加代表人数,收集问题,按时办结,转为代表建议',
      '2,4,3,8,3,1',
    ]);
    const feedbackCsv = await (await staff.get(`${w.base}/receptions/monthly?month=2025-06&station=${a}&list=feedback&format=csv`)).text();
    expect(feedbackCsv.trim().split('\r\n')).toHaveLength(1 + 4);
  });

  it('the ranking of the county’s stations by each figure, with shared ranks, from one query', async () => {
    const { w, a, b, c, d } = await juneFixture();
    const staff = await people(w)('staff');
    const rows = async (by: string) => {
      const csv = await (await staff.get(`${w.base}/receptions/ranking?month=2025-06&by=${by}&format=csv`)).text();
      return csv.replace('\uFEFF', '').trim().split('\r\n');
    };
    const byReceptions = await rows('receptionsHeld');
    expect(byReceptions).toEqual([
      '名次,联络站,乡镇,接待次数,参加代表人次,参加代表人数,收集问题,按时办结,转为代表建议',
      '1,城关镇代表联络站,城关镇,2,4,3,8,3,1',
      '2,毛庄镇代表联络站,毛庄镇,1,2,2,2,1,1',
      '3,丙镇代表联络站,丙镇,0,0,0,0,0,0',
      '3,丁镇代表联络站,丁镇,0,0,0,0,0,0',
    ]);
    // By suggestions raised the first two tie, and receptions held decides.
    expect((await rows('suggestionsRaised')).slice(1, 3).map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      '1,城关镇代表联络站',
      '2,毛庄镇代表联络站',
    ]);
    const page = await (await staff.get(`${w.base}/receptions/ranking?month=2025-06`)).text();
    for (const id of [a, b, c, d]) expect(page).toContain(`data-station="${id}"`);
    // Another month: nothing held.
    expect((await rows('receptionsHeld'))[1]).toContain(',2,4,3,8,3,1');
    const july = await (await staff.get(`${w.base}/receptions/ranking?month=2025-07&format=csv`)).text();
    expect(july).toContain('1,城关镇代表联络站,城关镇,1,2,2,1,1,0');
  });

  it('a clerk sees their own station’s lists only; another station named in the address falls back to their own', async () => {
    const { w, b } = await juneFixture();
    const clerk = await people(w)('clerk');
    const html = await (await clerk.get(`${w.base}/receptions/monthly?month=2025-06&station=${b}`)).text();
    expect(html).toContain('城关镇代表联络站 2025-06 工作小结');
    expect(html).not.toContain('乙-');
  });
});

/**
 * One scenario per path of a suggestion's life (DOMAIN.md), through the
 * worker against real D1, each role on its own signed-in browser.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  acceptAndAssign,
  act,
  actOk,
  assignmentsOf,
  countOf,
  eventsOf,
  stateOf,
  submitSuggestion,
  worldAndPeople,
  postSuggestion,
  worldWithAssigned,
  worldWithReply,
} from '../helpers/flow';

describe('the A path', () => {
  it('accepted → assigned (lead + 2 assisting) → signed → contact → reply A → rated 满意 → closed', async () => {
    const { w, as } = await worldAndPeople('apath');
    const id = await submitSuggestion(w, await as('deputy'), { cosigners: [String(w.deputies[1])] });

    await actOk(w, await as('staff'), id, 'accept', {
      category_id: String(w.categories[1]),
      is_key: '1',
      supervising_leader_id: String(w.users.chair.id),
    });
    expect(await stateOf(id)).toBe('accepted');
    await actOk(w, await as('staff'), id, 'assign', {
      mode: 'lead',
      lead_unit: String(w.units[0]),
      assist_units: [String(w.units[1]), String(w.units[2])],
    });
    expect(await stateOf(id)).toBe('assigned');
    const parts = await assignmentsOf(id);
    expect(parts.map((p) => p.role)).toEqual(['lead', 'assist', 'assist']);
    expect(parts[0]!.reply_due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(parts[1]!.opinion_due).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The unit sees it in its inbox; another unit's inbox does not show other units' items.
    const unit = await as('unit');
    expect(await (await unit.get(`${w.base}/inbox`)).text()).toContain('关于完善农村公路养护机制的建议');
    expect(await (await (await as('unit3')).get(`${w.base}/inbox`)).text()).toContain('关于完善农村公路养护机制的建议');

    await actOk(w, unit, id, 'sign_for');
    expect(await stateOf(id)).toBe('in_progress');
    await actOk(w, await as('unit2'), id, 'opinion', { body: '交通局意见：可结合养护计划统筹安排。' });
    await actOk(w, unit, id, 'contact', {
      contacted_on: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      who: 'unit_head',
      how: 'site_visit',
      note: '实地察看路段',
    });
    await actOk(w, unit, id, 'reply', { body: '已安排资金完成修复。', signer: '李局长', reply_class: 'A' });
    expect(await stateOf(id)).toBe('replied');

    // The co-signer sees the reply; the deputy rates it.
    const page = await (await (await as('deputy2')).get(`${w.base}/suggestions/${id}`)).text();
    expect(page).toContain('已安排资金完成修复。');
    expect(await (await (await as('deputy')).get(`${w.base}/to-rate`)).text()).toContain('关于完善农村公路养护机制的建议');
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'satisfied', result: 'satisfied', comment: '办得好' });
    expect(await stateOf(id)).toBe('closed');

    const kinds = (await eventsOf(id)).map((e) => e.kind);
    expect(kinds).toEqual(['submit', 'accept', 'assign', 'sign_for', 'opinion', 'contact', 'reply', 'replied', 'rate']);
    // The deputy was notified of the reply.
    const notes = await countOf("select count(*) as n from notifications where user_id = ? and kind = 'reply'", w.users.deputy.id);
    expect(notes).toBe(1);
  });
});

describe('the B path', () => {
  it('reply B with a promised date → rated 基本满意 → tracking → progress → final reply → closed', async () => {
    const { w, as, id } = await worldWithAssigned('bpath');
    const unit = await as('unit');
    await actOk(w, unit, id, 'sign_for');
    const noDate = await act(w, unit, id, 'reply', { body: '列入明年计划。', signer: '李局长', reply_class: 'B' });
    expect(noDate.status).toBe(422);
    expect(await noDate.text()).toContain('B 类答复须填写承诺完成日期。');
    await actOk(w, unit, id, 'reply', { body: '列入明年计划。', signer: '李局长', reply_class: 'B', promised_date: '2027-06-30' });
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'satisfied', result: 'basically' });
    expect(await stateOf(id)).toBe('tracking');
    const staff = await as('staff');
    let board = await (await staff.get(`${w.base}/tracking`)).text();
    expect(board).toContain('关于完善农村公路养护机制的建议');
    expect(board).toContain('2027-06-30');
    expect(board).toContain('尚无进展');
    // An open promise from last year is carried into this one.
    await env.DB.prepare('update suggestions set submitted_at = submitted_at - 400 * 86400000 where id = ?').bind(id).run();
    await actOk(w, unit, id, 'progress', { body: '已完成招标。' });
    board = await (await staff.get(`${w.base}/tracking`)).text();
    expect(board).toContain('跨年跟踪');
    expect(board).not.toContain('尚无进展');
    await actOk(w, unit, id, 'final_reply', { body: '工程已完工。' });
    expect(await stateOf(id)).toBe('closed');
    expect(await (await staff.get(`${w.base}/tracking`)).text()).not.toContain('关于完善农村公路养护机制的建议');
  });
});

describe('rehandling', () => {
  it('rated 不满意 → rehandling with its own due date → second reply → rated again', async () => {
    const { w, as, id, unit } = await worldWithReply('rehandle', { body: '留作参考。', signer: '李局长', reply_class: 'D' });
    const before = (await assignmentsOf(id))[0]!.reply_due;
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'basically', result: 'unsatisfied', comment: '没有解决' });
    expect(await stateOf(id)).toBe('rehandling');
    const after = await assignmentsOf(id);
    expect(after[0]!.state).toBe('in_progress');
    expect(after[0]!.reply_due).not.toBe(before);
    await actOk(w, unit, id, 'reply', { body: '重新研究后列入计划。', signer: '李局长', reply_class: 'A' });
    expect(await stateOf(id)).toBe('replied');
    const round = await env.DB.prepare('select round from suggestions where id = ?').bind(id).first<{ round: number }>();
    expect(round!.round).toBe(2);
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'satisfied', result: 'satisfied' });
    expect(await stateOf(id)).toBe('closed');
    const rated = await env.DB.prepare('select round, result from ratings where suggestion_id = ? order by round').bind(id).all();
    expect(rated.results).toEqual([
      { round: 1, result: 'unsatisfied' },
      { round: 2, result: 'satisfied' },
    ]);
  });
});

describe('return request', () => {
  it('a unit asks for return inside its window → staff approve → reassigned to another unit', async () => {
    const { w, as, id } = await worldWithAssigned('retreq');
    await actOk(w, await as('unit'), id, 'request_return', { reason: '不属于本单位职责' });
    expect(await stateOf(id)).toBe('return_requested');
    await actOk(w, await as('staff'), id, 'approve_return', { note: '改交交通局' });
    expect(await stateOf(id)).toBe('accepted');
    await actOk(w, await as('staff'), id, 'assign', { mode: 'lead', lead_unit: String(w.units[1]) });
    const parts = await assignmentsOf(id);
    expect(parts.map((p) => [p.unit_id, p.state])).toEqual([
      [w.units[0], 'withdrawn'],
      [w.units[1], 'assigned'],
    ]);
    // The first unit no longer sees it.
    expect((await (await as('unit')).get(`${w.base}/suggestions/${id}`)).status).toBe(404);
    expect((await (await as('unit2')).get(`${w.base}/suggestions/${id}`)).status).toBe(200);
  });

  it('staff refuse the return: the unit must handle it', async () => {
    const { w, as, id } = await worldWithAssigned('retref');
    await actOk(w, await as('unit'), id, 'request_return', { reason: '不属于本单位职责' });
    await actOk(w, await as('staff'), id, 'refuse_return', { note: '属于职责范围' });
    expect(await stateOf(id)).toBe('in_progress');
    expect((await assignmentsOf(id))[0]!.state).toBe('in_progress');
  });

  it('after the window a unit can no longer ask for return', async () => {
    const { w, as, id } = await worldWithAssigned('retlate');
    await env.DB.prepare("update assignments set return_due = '2000-01-01' where suggestion_id = ?").bind(id).run();
    const res = await act(w, await as('unit'), id, 'request_return', { reason: '不属于本单位职责' });
    expect(res.status).toBe(409);
    expect(await stateOf(id)).toBe('assigned');
  });
});

describe('review', () => {
  it('returned for revision → the deputy edits and resubmits; the history stays', async () => {
    const { w, as } = await worldAndPeople('revise');
    const deputy = await as('deputy');
    const id = await submitSuggestion(w, deputy);
    await actOk(w, await as('staff'), id, 'return_for_revision', { note: '请补充具体路段' });
    expect(await stateOf(id)).toBe('returned');
    const edit = await deputy.get(`${w.base}/suggestions/${id}/edit`);
    expect(edit.status).toBe(200);
    const html = await edit.text();
    expect(html).toContain('请补充具体路段');
    const csrf = html.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const res = await deputy.post(`${w.base}/suggestions/${id}/resubmit`, {
      _csrf: csrf,
      title: '关于完善农村公路养护机制的建议',
      content: '东风路、建设路坑洼不平，建议落实养护资金。',
      category_id: String(w.categories[0]),
      source_channel: 'station',
    });
    expect(res.status).toBe(303);
    expect(await stateOf(id)).toBe('submitted');
    const kinds = (await eventsOf(id)).map((e) => `${e.kind}:${e.to_state}`);
    expect(kinds).toEqual(['submit:submitted', 'return_for_revision:returned', 'submit:submitted']);
  });

  it('rejected with a standard reason; the deputy is told', async () => {
    const { w, as } = await worldAndPeople('reject');
    const id = await submitSuggestion(w, await as('deputy'));
    const bad = await act(w, await as('staff'), id, 'reject', { reason_code: 'other' });
    expect(bad.status).toBe(422);
    expect(await stateOf(id)).toBe('submitted');
    await actOk(w, await as('staff'), id, 'reject', { reason_code: 'personal' });
    expect(await stateOf(id)).toBe('rejected');
    const n = await env.DB.prepare("select message from notifications where user_id = ? and kind = 'rejected'")
      .bind(w.users.deputy.id)
      .first<{ message: string }>();
    expect(n!.message).toBe('属于个人私事或具体个案');
  });

  it('merged: every deputy of the merged suggestion becomes a co-author of the target and sees it', async () => {
    const { w, as } = await worldAndPeople('merge');
    const target = await submitSuggestion(w, await as('deputy'));
    const other = await submitSuggestion(w, await as('deputy3'), { cosigners: [String(w.deputies[3])], title: '关于农村道路维修的建议' });
    const number = (await env.DB.prepare('select number from suggestions where id = ?').bind(target).first<{ number: string }>())!.number;
    await actOk(w, await as('staff'), other, 'merge', { target_number: number });
    expect(await stateOf(other)).toBe('merged');
    const cos = await env.DB.prepare('select deputy_id from suggestion_cosigners where suggestion_id = ? order by deputy_id')
      .bind(target)
      .all<{ deputy_id: number }>();
    expect(cos.results.map((r) => r.deputy_id)).toEqual([w.deputies[2], w.deputies[3]]);
    expect((await (await as('deputy3')).get(`${w.base}/suggestions/${target}`)).status).toBe(200);
  });
});

describe('split handling', () => {
  it('two units each reply; the suggestion is replied only after the last one', async () => {
    const { w, as } = await worldAndPeople('split');
    const id = await submitSuggestion(w, await as('deputy'));
    await actOk(w, await as('staff'), id, 'accept');
    await actOk(w, await as('staff'), id, 'assign', { mode: 'split', split_units: [String(w.units[0]), String(w.units[1])] });
    await actOk(w, await as('unit'), id, 'sign_for');
    await actOk(w, await as('unit2'), id, 'sign_for');
    await actOk(w, await as('unit'), id, 'reply', { body: '农业部分已落实。', signer: '甲', reply_class: 'A' });
    expect(await stateOf(id)).toBe('in_progress');
    await actOk(w, await as('unit2'), id, 'reply', { body: '交通部分已落实。', signer: '乙', reply_class: 'A' });
    expect(await stateOf(id)).toBe('replied');
  });
});

describe('deadlines', () => {
  it('staff extend a reply deadline with a reason, at most 6 months from assignment; the deputy is told', async () => {
    const { w, as, id } = await worldWithAssigned('extend');
    const due = (await assignmentsOf(id))[0]!.reply_due!;
    const tooFar = await act(w, await as('staff'), id, 'extend', { new_due: '2099-01-01', reason: '需要协调资金' });
    expect(tooFar.status).toBe(422);
    expect(await tooFar.text()).toContain('最长延期期限');
    const d = new Date(`${due}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    const newDue = d.toISOString().slice(0, 10);
    await actOk(w, await as('staff'), id, 'extend', { new_due: newDue, reason: '需要协调资金' });
    const part = (await assignmentsOf(id))[0]!;
    expect(part.reply_due).toBe(newDue);
    const n = await countOf("select count(*) as n from notifications where user_id = ? and kind = 'extended'", w.users.deputy.id);
    expect(n).toBe(1);
  });
});

describe('交办会 (bulk assignment)', () => {
  it('staff assign many accepted suggestions to one lead unit (+ an assisting unit) in one action', async () => {
    const { w, as } = await worldAndPeople('bulk');
    const staff = await as('staff');
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const id = await submitSuggestion(w, await as('deputy'), { title: `关于第${i + 1}件事的建议` });
      await actOk(w, staff, id, 'accept');
      ids.push(id);
    }
    const list = await (await staff.get(`${w.base}/suggestions?state=accepted`)).text();
    expect(list).toContain('批量交办');
    const csrf = list.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const none = await staff.post(`${w.base}/suggestions/bulk-assign`, { _csrf: csrf, lead_unit: String(w.units[0]) });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请至少勾选一条建议。');
    const res = await staff.post(`${w.base}/suggestions/bulk-assign`, {
      _csrf: csrf,
      ids: ids.map(String),
      lead_unit: String(w.units[0]),
      assist_units: [String(w.units[1])],
    });
    expect(res.status).toBe(303);
    expect(await (await staff.get(res.headers.get('Location')!)).text()).toContain('已交办 30 条建议。');
    const counts = await env.DB.prepare('select role, count(*) as n from assignments where tenant_id = ? group by role order by role')
      .bind(w.tenantId)
      .all();
    expect(counts.results).toEqual([
      { role: 'assist', n: 30 },
      { role: 'lead', n: 30 },
    ]);
    for (const id of ids) expect(await stateOf(id)).toBe('assigned');
    // Doing it again is refused: they are no longer accepted, and nothing changes.
    const again = await staff.post(`${w.base}/suggestions/bulk-assign`, {
      _csrf: csrf,
      ids: ids.slice(0, 2).map(String),
      lead_unit: String(w.units[2]),
    });
    expect(again.status).toBe(409);
    const total = await countOf('select count(*) as n from assignments where tenant_id = ?', w.tenantId);
    expect(total).toBe(60);
  });
});

describe('printables', () => {
  it('a printable reply letter and 办理情况反馈意见表 for everyone who may see the suggestion, A4 print styles', async () => {
    const { w, as } = await worldAndPeople('print');
    const id = await submitSuggestion(w, await as('deputy'), { cosigners: [String(w.deputies[1])] });
    await acceptAndAssign(w, await as('staff'), id, w.units[0]);
    const unit = await as('unit');
    expect((await unit.get(`${w.base}/suggestions/${id}/print/feedback`)).status).toBe(404);
    await actOk(w, unit, id, 'sign_for');
    await actOk(w, unit, id, 'reply', { body: '已列入计划。', signer: '李局长', reply_class: 'B', promised_date: '2027-05-01' });
    const page = await (await (await as('deputy2')).get(`${w.base}/suggestions/${id}`)).text();
    const letterHref = page.match(/href="([^"]+\/print\/reply\/\d+)"/)![1]!;
    const letter = await (await as('deputy2')).get(letterHref);
    expect(letter.status).toBe(200);
    const html = await letter.text();
    expect(html).toContain('县农业农村局关于《关于完善农村公路养护机制的建议》的答复');
    expect(html).toContain('已列入计划。');
    expect(html).toContain('2027-05-01');
    const form = await (await as('deputy')).get(`${w.base}/suggestions/${id}/print/feedback`);
    expect(await form.text()).toContain('代表建议办理情况反馈意见表');
    expect((await (await as('deputy3')).get(letterHref)).status).toBe(404);
    const css = await (await as('deputy')).get(html.match(/href="(\/assets\/app\.[0-9a-f]+\.css)"/)![1]!);
    expect(await css.text()).toMatch(/@page\{size:A4/);
  });
});

describe('notifications', () => {
  it('each step that concerns a user reaches them, with an unread count in the header until read', async () => {
    const { w, as } = await worldAndPeople('notify');
    const id = await submitSuggestion(w, await as('deputy'));
    await actOk(w, await as('staff'), id, 'return_for_revision', { note: '请补充数据' });
    const deputy = await as('deputy');
    const home = await (await deputy.get(`${w.base}/`)).text();
    expect(home).toContain('消息（1）');
    const list = await (await deputy.get(`${w.base}/notifications`)).text();
    expect(list).toContain('您的建议被退回修改');
    expect(list).toContain('请补充数据');
    const csrf = list.match(/name="_csrf" value="([^"]+)"/)![1]!;
    expect((await deputy.post(`${w.base}/notifications/read`, { _csrf: csrf })).status).toBe(303);
    expect(await (await deputy.get(`${w.base}/`)).text()).not.toContain('消息（1）');
    // Another deputy got nothing.
    expect(await (await (await as('deputy3')).get(`${w.base}/notifications`)).text()).toContain('暂无消息。');
  });
});

describe('drafts', () => {
  it('a deputy saves a draft (no number, nobody else sees it), then edits and submits it', async () => {
    const { w, as } = await worldAndPeople('draft');
    const deputy = await as('deputy');
    expect(await (await deputy.get(`${w.base}/suggestions/new`)).text()).toContain('保存草稿');
    /** The draft's form: the same title, category, channel and co-signer each time; only the text grows. */
    const draft = (content: string) => ({
      title: '关于村级文化广场照明的建议',
      content,
      category_id: String(w.categories[0]),
      source_channel: 'online',
      cosigners: [String(w.deputies[1])],
    });
    const res = await postSuggestion(w, deputy, { intent: 'draft', ...draft('还在整理数据。') });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('Location')!.match(/suggestions\/(\d+)/)![1]);
    expect(await stateOf(id)).toBe('draft');
    const row = await env.DB.prepare('select number from suggestions where id = ?').bind(id).first<{ number: string | null }>();
    expect(row!.number).toBeNull();
    for (const who of ['staff', 'deputy2', 'chair'] as const) {
      expect((await (await as(who)).get(`${w.base}/suggestions/${id}`)).status, who).toBe(404);
    }
    expect(await (await (await as('staff')).get(`${w.base}/suggestions`)).text()).not.toContain('关于村级文化广场照明的建议');
    expect(await (await deputy.get(`${w.base}/suggestions/${id}`)).text()).toContain('修改并提交');
    const edit = await (await deputy.get(`${w.base}/suggestions/${id}/edit`)).text();
    const submit = await deputy.post(`${w.base}/suggestions/${id}/resubmit`, {
      _csrf: edit.match(/name="_csrf" value="([^"]+)"/)![1]!,
      ...draft('广场夜间照明不足，建议增设路灯。'),
    });
    expect(submit.status).toBe(303);
    expect(await stateOf(id)).toBe('submitted');
    const numbered = await env.DB.prepare('select number from suggestions where id = ?').bind(id).first<{ number: string }>();
    expect(numbered!.number).toMatch(/^\d{4}-0001$/);
    expect((await eventsOf(id)).map((e) => `${e.kind}:${e.from_state}->${e.to_state}`)).toEqual([
      'save_draft:null->draft',
      'submit:draft->submitted',
    ]);
    expect((await (await as('staff')).get(`${w.base}/suggestions/${id}`)).status).toBe(200);
  });
});

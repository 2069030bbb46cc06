/**
 * 三色督办: the scan moves stored colours at China-time boundaries, once;
 * the quality rule; no lowering; the colour shows and filters in lists.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import type { ShardJob } from '../../worker/supervision/shard-jobs';
import * as schema from '../../db/schema';
import { SCAN_CHUNK, supervisionScan } from '../../worker/supervision/scan';
import { tenantData } from '../../db/tenant-data';
import { assignmentDues } from '../../worker/rules/deadlines';
import { yellowFrom } from '../../worker/rules/colour';
import { acceptAndAssign, actOk, people, submitSuggestion, worldAndPeople, worldWithReply } from '../helpers/flow';
import { createWorld } from '../helpers/world';

const db = () => drizzle(env.DB, { schema });
/** Epoch ms of a China wall-clock time. */
const china = (iso: string) => Date.parse(`${iso}+08:00`);

async function assignedSuggestion(label: string) {
  const w = await createWorld(label);
  const as = people(w);
  const id = await submitSuggestion(w, await as('deputy'));
  await acceptAndAssign(w, await as('staff'), id, w.units[0]);
  await pinStages(id);
  return { w, as, id };
}

/** Pins the stages to known dates: the reply due 2031-03-10 (yellow from 02-23), the sign-for window far away. */
async function pinStages(id: number) {
  await env.DB.prepare("update deadlines set due_date = '2031-03-10', yellow_from = '2031-02-23' where suggestion_id = ? and stage = 'reply'")
    .bind(id)
    .run();
  await env.DB.prepare("update deadlines set due_date = '2031-12-31', yellow_from = '2031-12-16' where suggestion_id = ? and stage = 'sign_for'")
    .bind(id)
    .run();
}

async function replyColour(id: number) {
  const row = await env.DB.prepare("select colour from deadlines where suggestion_id = ? and stage = 'reply' and ended_at is null")
    .bind(id)
    .first<{ colour: string }>();
  return row!.colour;
}

/** Scans at the China-time instant, then reads the reply stage's colour. */
async function colourAfterScan(id: number, chinaTime: string) {
  await supervisionScan(db(), china(chinaTime));
  return replyColour(id);
}

async function alertsOf(id: number) {
  const rows = await env.DB.prepare(
    'select a.colour, d.stage from alerts a join deadlines d on d.id = a.deadline_id where d.suggestion_id = ? order by a.id',
  )
    .bind(id)
    .all<{ colour: string; stage: string }>();
  return rows.results.map((r) => `${r.stage}:${r.colour}`);
}

describe('the clock', () => {
  it('turns yellow at 00:00 China time of the yellow day and red at 00:00 after the due day, once each', async () => {
    const { id } = await assignedSuggestion('clock');
    expect(await colourAfterScan(id, '2031-02-22T23:59:59')).toBe('green');
    expect(await colourAfterScan(id, '2031-02-23T00:00:00')).toBe('yellow');
    expect(await colourAfterScan(id, '2031-03-10T23:59:59')).toBe('yellow');
    expect(await colourAfterScan(id, '2031-03-11T00:00:00')).toBe('red');
    expect(await alertsOf(id)).toEqual(['reply:yellow', 'reply:red']);
    const s = await env.DB.prepare('select colour from suggestions where id = ?').bind(id).first<{ colour: string }>();
    expect(s!.colour).toBe('red');
    // China midnight is 16:00 UTC the day before: the cron runs in UTC.
    expect(china('2031-03-11T00:00:00')).toBe(Date.parse('2031-03-10T16:00:00Z'));
  });

  it('across a holiday: a reply due in the National Day holiday is due on the next working day, and turns red only after it', async () => {
    const { w, id } = await assignedSuggestion('holiday');
    const { settings, calendar } = await tenantData(db(), w.tenantId).config();
    // Assigned 2026-07-01: three months end on 2026-10-01, inside the 10-01…10-07 holiday.
    const due = assignmentDues(calendar, settings, '2026-07-01').replyDue;
    expect(due).toBe('2026-10-08');
    const from = yellowFrom(due, settings.yellowDaysBefore);
    expect(from).toBe('2026-09-23');
    await env.DB.prepare("update deadlines set due_date = ?, yellow_from = ? where suggestion_id = ? and stage = 'reply'").bind(due, from, id).run();
    await env.DB.prepare("update deadlines set due_date = '2031-12-31', yellow_from = '2031-12-16' where suggestion_id = ? and stage = 'sign_for'")
      .bind(id)
      .run();
    expect(await colourAfterScan(id, '2026-09-22T23:59:59')).toBe('green');
    expect(await colourAfterScan(id, '2026-09-23T00:00:00')).toBe('yellow');
    // The nominal end (10-01) and the whole holiday pass without red.
    await supervisionScan(db(), china('2026-10-02T09:00:00'));
    expect(await colourAfterScan(id, '2026-10-08T23:59:59')).toBe('yellow');
    expect(await colourAfterScan(id, '2026-10-09T00:00:00')).toBe('red');
    expect(await alertsOf(id)).toEqual(['reply:yellow', 'reply:red']);
  });

  it('a run that stops early leaves the rest to the next run, which carries on where it stopped', async () => {
    const { w, as } = await assignedSuggestion('carryon');
    const staff = await as('staff');
    const ids: number[] = [];
    for (let i = 0; i < SCAN_CHUNK + 5; i++) {
      const id = await submitSuggestion(w, await as('deputy'), { title: `分批督办测试建议第${i + 1}件` });
      ids.push(id);
    }
    await Promise.all(ids.map((id) => actOk(w, staff, id, 'accept')));
    await Promise.all(ids.map((id) => actOk(w, staff, id, 'assign', { mode: 'lead', lead_unit: String(w.units[1]) })));
    const inList = ids.join(',');
    await env.DB.prepare(
      `update deadlines set due_date = '2033-06-01', yellow_from = '2033-05-17' where suggestion_id in (${inList}) and stage = 'reply'`,
    ).run();
    await env.DB.prepare(`update deadlines set ended_at = 1 where suggestion_id in (${inList}) and stage <> 'reply'`).run();
    const redOf = async () =>
      (await env.DB.prepare(`select count(*) as n from deadlines where suggestion_id in (${inList}) and colour = 'red'`).first<{ n: number }>())!.n;
    const at = china('2033-06-02T09:00:00');
    const first = await supervisionScan(db(), at, { ms: 20_000, rounds: 1 });
    expect(first.unfinished).toBe(true);
    // One round changed one chunk (older stages of other counties in this file come first); ours are not all done.
    expect(first.changed).toBe(SCAN_CHUNK);
    expect(await redOf()).toBeLessThan(SCAN_CHUNK + 5);
    const second = await supervisionScan(db(), at);
    expect(second.unfinished).toBe(false);
    expect(await redOf()).toBe(SCAN_CHUNK + 5);
    const alerts = await env.DB.prepare(
      `select count(*) as n from alerts a join deadlines d on d.id = a.deadline_id where d.suggestion_id in (${inList})`,
    ).first<{ n: number }>();
    expect(alerts!.n).toBe(SCAN_CHUNK + 5);
  });

  it('never lowers a colour: an earlier clock leaves red red', async () => {
    const { id } = await assignedSuggestion('nolower');
    expect(await colourAfterScan(id, '2031-04-01T08:00:00')).toBe('red');
    expect(await colourAfterScan(id, '2031-01-01T08:00:00')).toBe('red');
  });

  it('an ended stage is never coloured', async () => {
    const { w, as, id } = await assignedSuggestion('ended');
    await actOk(w, await as('unit'), id, 'sign_for');
    await supervisionScan(db(), china('2032-06-01T08:00:00'));
    const signFor = await env.DB.prepare("select colour, ended_at from deadlines where suggestion_id = ? and stage = 'sign_for'")
      .bind(id)
      .first<{ colour: string; ended_at: number }>();
    expect(signFor!.ended_at).toBeTruthy();
    expect(signFor!.colour).toBe('green');
  });
});

describe('exactly one alert per (stage, colour)', () => {
  it('the scan run twice, and two scans at once, alert once and notify the unit and the secretary once', async () => {
    const { w, id } = await assignedSuggestion('once');
    const at = china('2031-03-01T09:00:00');
    await supervisionScan(db(), at);
    await supervisionScan(db(), at);
    await Promise.all([supervisionScan(db(), at), supervisionScan(db(), at)]);
    expect(await alertsOf(id)).toEqual(['reply:yellow']);
    const notes = await env.DB.prepare("select user_id from notifications where suggestion_id = ? and kind = 'yellow' order by user_id")
      .bind(id)
      .all<{ user_id: number }>();
    expect(notes.results.map((r) => r.user_id)).toEqual([w.users.secretary.id, w.users.unit.id].sort((a, b) => a - b));
    const events = await env.DB.prepare("select count(*) as n from suggestion_events where suggestion_id = ? and kind = 'colour_yellow'")
      .bind(id)
      .first<{ n: number }>();
    expect(events!.n).toBe(1);
  });

  it("a key suggestion's supervising leader hears of its yellow too (others hear of red only)", async () => {
    const { w, as } = await worldAndPeople('leader');
    const staff = await as('staff');
    const id = await submitSuggestion(w, await as('deputy'));
    const { act } = await import('../helpers/flow');
    const noLeader = await act(w, staff, id, 'accept', { is_key: '1' });
    expect(noLeader.status).toBe(422);
    expect(await noLeader.text()).toContain('重点建议须选择领衔督办领导');
    await actOk(w, staff, id, 'accept', { is_key: '1', supervising_leader_id: String(w.users.chair.id) });
    expect(await (await staff.get(`${w.base}/suggestions/${id}`)).text()).toContain('chair的名字');
    await actOk(w, staff, id, 'assign', { mode: 'lead', lead_unit: String(w.units[0]) });
    await pinStages(id);
    await supervisionScan(db(), china('2031-03-01T09:00:00'));
    const notes = await env.DB.prepare("select user_id from notifications where suggestion_id = ? and kind = 'yellow' order by user_id")
      .bind(id)
      .all<{ user_id: number }>();
    expect(notes.results.map((r) => r.user_id)).toEqual([w.users.secretary.id, w.users.chair.id, w.users.unit.id].sort((a, b) => a - b));
  });

  it('red alerts the chair too', async () => {
    const { w, id } = await assignedSuggestion('redchair');
    await supervisionScan(db(), china('2031-03-20T09:00:00'));
    const notes = await env.DB.prepare("select user_id from notifications where suggestion_id = ? and kind = 'red'")
      .bind(id)
      .all<{ user_id: number }>();
    expect(notes.results.map((r) => r.user_id).sort()).toEqual([w.users.secretary.id, w.users.chair.id, w.users.unit.id].sort());
  });
});

describe('the quality rule', () => {
  it('first 不满意 opens rehandling yellow, the second red, each alerted', async () => {
    const { w, as, id, unit } = await worldWithReply('quality', { body: '答复一', signer: '甲', reply_class: 'A' });
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'satisfied', result: 'unsatisfied' });
    let open = await env.DB.prepare("select colour from deadlines where suggestion_id = ? and stage = 'rehandling' and ended_at is null")
      .bind(id)
      .first<{ colour: string }>();
    expect(open!.colour).toBe('yellow');
    await actOk(w, unit, id, 'reply', { body: '答复二', signer: '甲', reply_class: 'A' });
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'basically', result: 'unsatisfied' });
    open = await env.DB.prepare("select colour from deadlines where suggestion_id = ? and stage = 'rehandling' and ended_at is null")
      .bind(id)
      .first<{ colour: string }>();
    expect(open!.colour).toBe('red');
    expect((await alertsOf(id)).filter((a) => a.startsWith('rehandling'))).toEqual(['rehandling:yellow', 'rehandling:red']);
    const s = await env.DB.prepare('select colour from suggestions where id = ?').bind(id).first<{ colour: string }>();
    expect(s!.colour).toBe('red');
  });
});

describe('colour in lists', () => {
  it('shows as text and filters the staff list', async () => {
    const { w, as, id } = await assignedSuggestion('colourlist');
    const other = await submitSuggestion(w, await as('deputy'), { title: '另一条绿色的建议' });
    await supervisionScan(db(), china('2031-03-20T09:00:00'));
    const staff = await as('staff');
    const red = await (await staff.get(`${w.base}/suggestions?colour=red`)).text();
    expect(red).toContain(`/suggestions/${id}"`);
    expect(red).not.toContain(`/suggestions/${other}"`);
    expect(red).toContain('红牌');
    const inbox = await (await (await as('unit')).get(`${w.base}/inbox`)).text();
    expect(inbox).toContain('红牌');
  });
});

describe('the cron trigger', () => {
  it("scheduled() puts one job per database shard on the SCANS queue; the queue's consumer runs it with the trigger's time as now", async () => {
    const { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } = await import('cloudflare:test');
    const worker = (await import('../../worker/index')).default;
    const { id } = await assignedSuggestion('cron');
    const scheduledTime = china('2031-03-01T09:00:00');
    const sent: ShardJob[] = [];
    const original = env.SCANS.sendBatch.bind(env.SCANS);
    (env.SCANS as { sendBatch: typeof original }).sendBatch = async (messages) => {
      sent.push(...[...messages].map((m) => m.body));
      return undefined as never;
    };
    try {
      await worker.scheduled(createScheduledController({ scheduledTime: new Date(scheduledTime), cron: '*/15 * * * *' }), env);
    } finally {
      (env.SCANS as { sendBatch: typeof original }).sendBatch = original;
    }
    // Nothing is scanned by the trigger itself: it only fans out.
    expect(await replyColour(id)).toBe('green');
    expect(sent).toEqual([
      { binding: 'DB', scheduledTime, digest: true, round: 0 },
      { binding: 'DB2', scheduledTime, digest: true, round: 0 },
    ]);
    const batch = createMessageBatch<ShardJob>('huiyin-scans', [{ id: 'job-db', timestamp: new Date(), attempts: 1, body: sent[0]! }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as never, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['job-db']);
    expect(await replyColour(id)).toBe('yellow');
  });
});

describe('督办 by hand', () => {
  it('staff raise a colour with a reason; it is alerted once and never lowered by the clock', async () => {
    const { w, as, id } = await assignedSuggestion('raise');
    const staff = await as('staff');
    const { act } = await import('../helpers/flow');
    const noReason = await act(w, staff, id, 'raise_colour', { colour: 'red' });
    expect(noReason.status).toBe(422);
    await actOk(w, staff, id, 'raise_colour', { colour: 'red', reason: '代表多次反映，群众关注度高' });
    expect(await replyColour(id)).toBe('red');
    expect((await alertsOf(id)).filter((a) => a.startsWith('reply'))).toEqual(['reply:red']);
    await supervisionScan(db(), china('2031-03-01T09:00:00')); // the clock would say yellow
    expect(await replyColour(id)).toBe('red');
    const chair = await env.DB.prepare("select count(*) as n from notifications where user_id = ? and kind = 'red' and suggestion_id = ?")
      .bind(w.users.chair.id, id)
      .first<{ n: number }>();
    expect(chair!.n).toBe(1);
    // A deputy or a unit may not.
    expect((await act(w, await as('unit'), id, 'raise_colour', { colour: 'red', reason: 'x' })).status).toBe(409);
  });

  it('records 督办函, 约谈, 通报 and site visits on the item, and prints the 督办函', async () => {
    const { w, as, id } = await assignedSuggestion('supervise');
    const secretary = await as('secretary');
    await actOk(w, secretary, id, 'supervise', { kind: 'interview', acted_on: '2026-11-20', note: '约谈农业农村局分管负责人' });
    const page = await (await secretary.get(`${w.base}/suggestions/${id}`)).text();
    expect(page).toContain('2026-11-20 · 约谈：约谈农业农村局分管负责人');
    const letter = await secretary.get(`${w.base}/suggestions/${id}/print/supervision-letter`);
    expect(letter.status).toBe(200);
    const html = await letter.text();
    expect(html).toContain('督办函');
    expect(html).toContain('县农业农村局');
    expect((await (await as('deputy')).get(`${w.base}/suggestions/${id}/print/supervision-letter`)).status).toBe(403);
  });
});

describe('督办看板', () => {
  it('lists yellow and red stages by unit and stage with days overdue, filters, and is for supervisors only', async () => {
    const { w, as, id } = await assignedSuggestion('board');
    // The board counts days from the real today: make the reply 3 days overdue now.
    await env.DB.prepare(
      "update deadlines set due_date = date('now', '+8 hours', '-3 days'), yellow_from = date('now', '+8 hours', '-18 days') where suggestion_id = ? and stage = 'reply'",
    )
      .bind(id)
      .run();
    await supervisionScan(db(), Date.now());
    const chair = await as('chair');
    const board = await (await chair.get(`${w.base}/supervision`)).text();
    expect(board).toContain(`/suggestions/${id}"`);
    expect(board).toContain('已超期 3 天');
    expect(board).toContain('县农业农村局');
    const unitPage = await (await chair.get(`${w.base}/supervision?unit=${w.units[0]}&stage=reply&colour=red`)).text();
    expect(unitPage).toContain(`/suggestions/${id}"`);
    expect(await (await chair.get(`${w.base}/supervision?unit=${w.units[1]}`)).text()).not.toContain(`/suggestions/${id}"`);
    expect((await (await as('deputy')).get(`${w.base}/supervision`)).status).toBe(403);
    expect((await (await as('unit')).get(`${w.base}/supervision`)).status).toBe(403);
  });
});

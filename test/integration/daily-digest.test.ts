/**
 * 每日督办简报: from 08:00 China time, once per tenant and day, to staff,
 * the secretary and the chair — counts by colour and the red list — in the
 * app and by email and robot through the queue.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { addressesAndSettings, consumeDeliveries, digestMessages, type DeliveryMessage, type Senders } from '../../worker/supervision/deliveries';
import { dailyDigest } from '../../worker/supervision/digest';
import { supervisionScan } from '../../worker/supervision/scan';
import { acceptAndAssign, people, submitSuggestion } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';
import { runCron } from '../helpers/cron';

const db = () => drizzle(env.DB, { schema });
const china = (iso: string) => Date.parse(`${iso}+08:00`);

/** A county with one red item (reply overdue) and one yellow item on the China dates of 2032. */
async function countyWithColours(label: string) {
  const w = await createWorld(label);
  const as = people(w);
  const staff = await as('staff');
  const red = await submitSuggestion(w, await as('deputy'), { title: '关于修缮村级卫生室的建议' });
  const yellow = await submitSuggestion(w, await as('deputy'), { title: '关于增设公交站点的建议' });
  for (const [id, due] of [
    [red, '2032-05-01'],
    [yellow, '2032-05-20'],
  ] as const) {
    await acceptAndAssign(w, staff, id, w.units[0]);
    await env.DB.prepare("update deadlines set due_date = ?, yellow_from = date(?, '-15 days') where suggestion_id = ? and stage = 'reply'")
      .bind(due, due, id)
      .run();
    await env.DB.prepare("update deadlines set ended_at = 1 where suggestion_id = ? and stage = 'sign_for'").bind(id).run();
  }
  await supervisionScan(db(), china('2032-05-10T07:00:00'));
  return { w, red, yellow };
}

async function digestNotes(w: World) {
  const rows = await env.DB.prepare("select user_id, message from notifications where tenant_id = ? and kind = 'digest' order by user_id")
    .bind(w.tenantId)
    .all<{ user_id: number; message: string }>();
  return rows.results;
}

describe('the daily digest', () => {
  it('is not sent before 08:00 China time, then once to staff, secretary and chair with the counts and the red list', async () => {
    const { w } = await countyWithColours('digest');
    await dailyDigest(db(), china('2032-05-10T07:59:59'));
    expect(await digestNotes(w)).toEqual([]);
    // 08:00 China time is 00:00 UTC, when the 15-minute cron fires.
    expect(china('2032-05-10T08:00:00')).toBe(Date.parse('2032-05-10T00:00:00Z'));
    await dailyDigest(db(), china('2032-05-10T08:00:00'));
    await dailyDigest(db(), china('2032-05-10T08:15:00'));
    await Promise.all([dailyDigest(db(), china('2032-05-10T08:30:00')), dailyDigest(db(), china('2032-05-10T08:30:00'))]);
    const notes = await digestNotes(w);
    expect(notes.map((n) => n.user_id)).toEqual([w.users.staff.id, w.users.secretary.id, w.users.chair.id].sort((a, b) => a - b));
    const message = notes[0]!.message;
    expect(message).toContain('5月10日督办简报：红牌 1 件，黄牌 1 件。');
    expect(message).toContain('《关于修缮村级卫生室的建议》 县农业农村局 · 答复 · 已超期 9 天');
    expect(message).not.toContain('增设公交站点');
    const digests = await env.DB.prepare('select day, yellow, red from digests where tenant_id = ?').bind(w.tenantId).all();
    expect(digests.results).toEqual([{ day: '2032-05-10', yellow: 1, red: 1 }]);
    // The next day brings the next digest.
    await dailyDigest(db(), china('2032-05-11T08:00:00'));
    expect((await digestNotes(w)).length).toBe(6);
  });

  it('shows in the notifications with a link to the red items of the board', async () => {
    const { w } = await countyWithColours('digestpage');
    await dailyDigest(db(), china('2032-05-10T09:00:00'));
    const chair = await people(w)('chair');
    const page = await (await chair.get(`${w.base}/notifications`)).text();
    expect(page).toContain('每日督办简报');
    expect(page).toContain(`${w.base}/supervision?colour=red`);
    expect(page).toContain('红牌 1 件，黄牌 1 件');
  });

  it('goes by email to those with an address and to the group robot, once, through the queue', async () => {
    const { w } = await countyWithColours('digestmail');
    await env.DB.prepare('update users set email = ? where id = ?').bind('gongwei@county.example', w.users.staff.id).run();
    await env.DB.prepare('update users set email = ? where id = ?').bind('zhuren@county.example', w.users.chair.id).run();
    await env.DB.prepare('update users set email = ? where id = ?').bind('deputy@county.example', w.users.deputy.id).run();
    await env.DB.prepare("insert into settings (tenant_id, key, value, updated_at) values (?, 'alertWebhookUrl', ?, 0)")
      .bind(w.tenantId, JSON.stringify('https://oapi.dingtalk.example.com/robot/send?access_token=t'))
      .run();
    await env.DB.prepare("insert into settings (tenant_id, key, value, updated_at) values (?, 'alertWebhookKind', '\"dingtalk\"', 0)")
      .bind(w.tenantId)
      .run();
    let writeId = '';
    await dailyDigest(db(), china('2032-05-10T08:00:00'), 10_000, async (id) => (writeId = id));
    const messages = (await digestMessages(db(), writeId)).filter((m) => m.tenantId === w.tenantId);
    expect(messages.map((m) => `${m.channel}:${m.target}`).sort()).toEqual([
      'email:gongwei@county.example',
      'email:zhuren@county.example',
      'webhook:https://oapi.dingtalk.example.com/robot/send?access_token=t',
    ]);
    const sent: { to: string; subject: string; text: string }[] = [];
    const posts: unknown[] = [];
    const senders: Senders = {
      email: async (m) => void sent.push(m),
      fetch: async (_url, init) => {
        posts.push(JSON.parse(String(init?.body)));
        return new Response('{"errcode":0}');
      },
      origin: 'https://huiyin.example.org',
    };
    const batch = () =>
      createMessageBatch<DeliveryMessage>(
        'huiyin-alerts',
        messages.map((body, i) => ({ id: String(i), timestamp: new Date(), attempts: 1, body })),
      );
    const first = batch();
    await consumeDeliveries(db(), first, senders);
    expect((await getQueueResult(first, createExecutionContext())).explicitAcks.length).toBe(3);
    expect(sent[0]!.subject).toContain('【每日督办简报】');
    expect(sent[0]!.text).toContain('红牌 1 件，黄牌 1 件');
    expect(sent[0]!.text).toContain(`https://huiyin.example.org${w.base}/supervision?colour=red`);
    expect(posts[0]).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('每日督办简报') } });
    await consumeDeliveries(db(), batch(), senders);
    expect(sent.length).toBe(2);
    expect(posts.length).toBe(1);
  });

  it('serves more counties than D1 binds parameters in one statement (100)', async () => {
    const stmt = env.DB.prepare("insert into tenants (slug, name, status) values (?, ?, 'active')");
    const stamp = Date.now().toString(36);
    await env.DB.batch(Array.from({ length: 150 }, (_, i) => stmt.bind(`many-${stamp}-${i}`, `压测县${i}`)));
    let writeId = '';
    const result = await dailyDigest(db(), china('2032-06-01T08:00:00'), 60_000, async (id) => (writeId = id));
    expect(result.tenants).toBeGreaterThanOrEqual(150);
    expect(result.unfinished).toBe(false);
    await expect(digestMessages(db(), writeId)).resolves.toBeInstanceOf(Array);
    const ids = (await env.DB.prepare('select id from tenants').all<{ id: number }>()).results.map((r) => r.id);
    const { people, webhooks } = await addressesAndSettings(db(), ids);
    expect(webhooks.size).toBe(ids.length);
    expect(people.size).toBeGreaterThan(0);
  });

  it('runs from the 15-minute cron after the scan', async () => {
    const { w } = await countyWithColours('digestcron');
    await runCron(new Date(china('2032-05-10T07:45:00')));
    expect(await digestNotes(w)).toEqual([]);
    await runCron(new Date(china('2032-05-10T08:00:00')));
    expect((await digestNotes(w)).length).toBe(3);
  });
});

/**
 * Alerts by email and group-robot webhook through the queue: the right
 * people, the robot's JSON, retries, and a dead-letter record; nothing lost
 * and nothing sent twice.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import {
  consumeDeliveries,
  deliveryMessages,
  MAX_ATTEMPTS,
  retryDelaySeconds,
  type DeliveryMessage,
  type Senders,
} from '../../worker/supervision/deliveries';
import { supervisionScan } from '../../worker/supervision/scan';
import { acceptAndAssign, people, submitSuggestion } from '../helpers/flow';
import { createWorld } from '../helpers/world';
import { runCron } from '../helpers/cron';

const db = () => drizzle(env.DB, { schema });

async function overdueWithChannels(label: string, webhook = 'https://qyapi.example.com/cgi-bin/webhook/send?key=abc') {
  const w = await createWorld(label);
  const as = people(w);
  const id = await submitSuggestion(w, await as('deputy'));
  await acceptAndAssign(w, await as('staff'), id, w.units[0]);
  await env.DB.prepare("update deadlines set due_date = '2031-03-10', yellow_from = '2031-02-23' where suggestion_id = ? and stage = 'reply'")
    .bind(id)
    .run();
  await env.DB.prepare("update deadlines set ended_at = 1 where suggestion_id = ? and stage = 'sign_for'").bind(id).run();
  for (const [who, email] of [
    ['secretary', 'mishu@county.example'],
    ['chair', 'zhuren@county.example'],
    ['unit', 'nongye@county.example'],
    ['staff', 'gongwei@county.example'],
  ] as const) {
    await env.DB.prepare('update users set email = ? where id = ?').bind(email, w.users[who].id).run();
  }
  await env.DB.prepare('update handling_units set email = ? where id = ?').bind('ju@county.example', w.units[0]).run();
  await env.DB.prepare("insert into settings (tenant_id, key, value, updated_at) values (?, 'alertWebhookUrl', ?, 0)")
    .bind(w.tenantId, JSON.stringify(webhook))
    .run();
  return { w, id };
}

function recorder(failWebhook = false) {
  const sent: { to: string; subject: string; text: string }[] = [];
  const posts: { url: string; body: unknown }[] = [];
  const senders: Senders = {
    email: async (m) => void sent.push(m),
    fetch: async (input, init) => {
      posts.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response(failWebhook ? 'down' : '{"errcode":0}', { status: failWebhook ? 502 : 200 });
    },
    origin: 'https://huiyin.example.org',
  };
  return { senders, sent, posts };
}

describe('alert deliveries', () => {
  it("a red alert goes by email to the unit's clerk and head contact, the secretary and the chair, and to the WeCom robot as markdown", async () => {
    const { w, id } = await overdueWithChannels('deliver');
    let writeId = '';
    await supervisionScan(db(), Date.parse('2031-03-11T09:00:00+08:00'), 20_000, async (wid) => (writeId = wid));
    const all = await deliveryMessages(db(), writeId);
    const messages = all.filter((m) => m.tenantId === w.tenantId);
    expect(messages.map((m) => `${m.channel}:${m.target}`).sort()).toEqual([
      'email:ju@county.example',
      'email:mishu@county.example',
      'email:nongye@county.example',
      'email:zhuren@county.example',
      'webhook:https://qyapi.example.com/cgi-bin/webhook/send?key=abc',
    ]);
    const { senders, sent, posts } = recorder();
    const batch = createMessageBatch<DeliveryMessage>(
      'huiyin-alerts',
      messages.map((body, i) => ({ id: String(i), timestamp: new Date(), attempts: 1, body })),
    );
    await consumeDeliveries(db(), batch, senders);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks.length).toBe(5);
    expect(sent.map((m) => m.to).sort()).toEqual(['ju@county.example', 'mishu@county.example', 'nongye@county.example', 'zhuren@county.example']);
    expect(sent[0]!.subject).toContain('【红牌】');
    expect(sent[0]!.text).toContain(`https://huiyin.example.org${w.base}/suggestions/${id}`);
    expect(posts[0]!.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('红牌') } });
    // A yellow alert does not go to the unit's head contact or the chair.
    const yellow = await overdueWithChannels('deliver-yellow');
    let yellowWrite = '';
    await supervisionScan(db(), Date.parse('2031-03-01T09:00:00+08:00'), 20_000, async (wid) => (yellowWrite = wid));
    const yellowTargets = (await deliveryMessages(db(), yellowWrite))
      .filter((m) => m.tenantId === yellow.w.tenantId && m.channel === 'email')
      .map((m) => m.target);
    expect(yellowTargets.sort()).toEqual(['mishu@county.example', 'nongye@county.example']);
    // Delivered again (a redelivery by the queue): nothing is sent twice.
    const again = recorder();
    await consumeDeliveries(
      db(),
      createMessageBatch<DeliveryMessage>(
        'huiyin-alerts',
        messages.map((body, i) => ({ id: `r${i}`, timestamp: new Date(), attempts: 1, body })),
      ),
      again.senders,
    );
    expect(again.sent.length + again.posts.length).toBe(0);
  });

  it('a failing webhook is retried with back-off, then recorded as a dead letter', async () => {
    const { w } = await overdueWithChannels('deadletter', 'https://oapi.dingtalk.example.com/robot/send?access_token=x');
    await env.DB.prepare("insert or replace into settings (tenant_id, key, value, updated_at) values (?, 'alertWebhookKind', '\"dingtalk\"', 0)")
      .bind(w.tenantId)
      .run();
    let writeId = '';
    await supervisionScan(db(), Date.parse('2031-03-11T09:00:00+08:00'), 20_000, async (wid) => (writeId = wid));
    const hook = (await deliveryMessages(db(), writeId)).find((m) => m.tenantId === w.tenantId && m.channel === 'webhook')!;
    const { senders, posts } = recorder(true);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const batch = createMessageBatch<DeliveryMessage>('huiyin-alerts', [
        { id: `a${attempt}`, timestamp: new Date(), attempts: attempt, body: hook },
      ]);
      await consumeDeliveries(db(), batch, senders);
      const result = await getQueueResult(batch, createExecutionContext());
      if (attempt < MAX_ATTEMPTS) {
        expect(result.retryMessages.length).toBe(1);
      } else {
        expect(result.explicitAcks.length).toBe(1);
      }
    }
    expect(posts.length).toBe(MAX_ATTEMPTS);
    expect([1, 2, 3].map(retryDelaySeconds)).toEqual([30, 60, 120]);
    expect(posts[0]!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('红牌') } });
    const dead = await env.DB.prepare("select status, attempts, last_error from alert_deliveries where tenant_id = ? and channel = 'webhook'")
      .bind(w.tenantId)
      .first();
    expect(dead).toEqual({ status: 'dead', attempts: MAX_ATTEMPTS, last_error: 'webhook answered 502' });
  });

  it('the scheduled run puts the deliveries on the real queue binding', async () => {
    await overdueWithChannels('enqueue');
    const sentBatches: unknown[] = [];
    const original = env.ALERTS.sendBatch.bind(env.ALERTS);
    (env.ALERTS as { sendBatch: typeof original }).sendBatch = async (messages, options) => {
      sentBatches.push(...messages);
      return original(messages, options);
    };
    try {
      await runCron(new Date(Date.parse('2031-03-11T09:00:00+08:00')));
    } finally {
      (env.ALERTS as { sendBatch: typeof original }).sendBatch = original;
    }
    expect(sentBatches.length).toBeGreaterThanOrEqual(4);
  });
  it("a suspended county's alerts send no email and no robot message (they stay in the app)", async () => {
    const { w } = await overdueWithChannels('deliver-suspended');
    await env.DB.prepare("update tenants set status = 'suspended', suspension_notice = '停用' where id = ?").bind(w.tenantId).run();
    let writeId = '';
    await supervisionScan(db(), Date.parse('2031-03-11T09:00:00+08:00'), 20_000, async (wid) => (writeId = wid));
    const alerted = await env.DB.prepare('select count(*) as n from alerts where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
    expect(alerted!.n).toBeGreaterThan(0);
    const messages = writeId ? (await deliveryMessages(db(), writeId)).filter((m) => m.tenantId === w.tenantId) : [];
    expect(messages).toEqual([]);
  });
});

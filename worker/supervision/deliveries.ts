/**
 * Alerts beyond the app: email (Cloudflare `send_email`) and the tenant's
 * group-robot webhook, through a Cloudflare Queue so a failing endpoint
 * never blocks the scan. One message per (alert, channel, target); the
 * consumer retries with back-off and, after the last try, writes a
 * dead-letter record in `alert_deliveries`. Nothing is sent twice for a
 * target that already has a record. Daily digests travel the same way.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { PLATFORM_BINDING, type Database } from '../../db/client';
import {
  alertDeliveries,
  alerts,
  assignments,
  deadlines,
  digestDeliveries,
  digests,
  handlingUnits,
  settings,
  suggestions,
  tenants,
  users,
} from '../../db/schema';
import { alertedRelations, RELATION_ROLES, type AlertColour, type AlertRelation } from '../rules/colour';
import type { Role } from '../rules/roles';
import { settingsFrom } from '../rules/settings';
import {
  alertBody,
  alertSubject,
  digestBody,
  digestSubject,
  digestWebhookPayload,
  webhookPayload,
  type AlertFacts,
  type DigestFacts,
} from './alert-text';
import { DIGEST_ROLES } from './digest';

/**
 * One outbound message: an alert's (kind absent, as first queued) or a daily
 * digest's. `binding` names the shard that holds the tenant's alert or
 * digest (db/client.ts); messages queued before shards had none: `DB`.
 */
export type DeliveryMessage =
  | { kind?: 'alert'; binding?: string; tenantId: number; alertId: number; channel: 'email' | 'webhook'; target: string }
  | { kind: 'digest'; binding?: string; tenantId: number; digestId: number; channel: 'email' | 'webhook'; target: string };

/** The database of a shard binding (the queue consumer's way to reach the right one). */
export type DatabaseFor = (binding: string) => Database;

/** Tries per message before its dead-letter record (the queue's max_retries is higher). */
export const MAX_ATTEMPTS = 4;
/** Back-off before the next try: 30 s, 60 s, 120 s, … */
export function retryDelaySeconds(attempt: number): number {
  return 30 * 2 ** (attempt - 1);
}

export const ALERT_FROM = 'huiyin-alerts@huiyin.example.org';

interface AlertRow {
  alertId: number;
  tenantId: number;
  colour: string;
  suggestionId: number;
  unitId: number | null;
  /** The unit's own address (its head contact), told of red. */
  unitEmail: string | null;
  /** A key suggestion's supervising leader. */
  leaderId: number | null;
}

async function alertRows(db: Database, where: ReturnType<typeof eq>) {
  return (
    db
      .select({
        alertId: sql<number>`${alerts.id}`.as('alert_id'),
        tenantId: sql<number>`${alerts.tenantId}`.as('alert_tenant'),
        colour: sql<string>`${alerts.colour}`.as('alert_colour'),
        suggestionId: deadlines.suggestionId,
        unitId: assignments.unitId,
        unitEmail: sql<string | null>`${handlingUnits.email}`.as('unit_email'),
        leaderId: sql<number | null>`case when ${suggestions.isKey} = 1 then ${suggestions.supervisingLeaderUserId} end`.as('leader_id'),
      })
      .from(alerts)
      // A suspended county's alerts stay in the app: no email or robot message leaves for it.
      .innerJoin(tenants, and(eq(tenants.id, alerts.tenantId), eq(tenants.status, 'active')))
      .innerJoin(deadlines, eq(deadlines.id, alerts.deadlineId))
      .innerJoin(suggestions, eq(suggestions.id, deadlines.suggestionId))
      .leftJoin(assignments, eq(assignments.id, deadlines.assignmentId))
      .leftJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
      .where(where)
      .all() as Promise<AlertRow[]>
  );
}

/** Tenant ids per query: D1 binds at most 100 parameters in one statement. */
const TENANTS_PER_QUERY = 90;

/** The accounts with an email address (optionally of some roles) and the settings of many tenants, a chunk of tenants per round trip. */
export async function addressesAndSettings(db: Database, tenantIds: number[], roles?: readonly Role[]) {
  const people: { id: number; tenantId: number | null; role: string; unitId: number | null; email: string | null }[] = [];
  const settingRows: { tenantId: number; key: string; value: string }[] = [];
  for (let i = 0; i < tenantIds.length; i += TENANTS_PER_QUERY) {
    const chunk = tenantIds.slice(i, i + TENANTS_PER_QUERY);
    const [p, s] = await db.batch([
      db
        .select({ id: users.id, tenantId: users.tenantId, role: users.role, unitId: users.unitId, email: users.email })
        .from(users)
        .where(and(inArray(users.tenantId, chunk), isNotNull(users.email), isNull(users.disabledAt), roles ? inArray(users.role, roles) : undefined)),
      db.select({ tenantId: settings.tenantId, key: settings.key, value: settings.value }).from(settings).where(inArray(settings.tenantId, chunk)),
    ]);
    people.push(...p);
    settingRows.push(...s);
  }
  const byTenant = <T extends { tenantId: number | null }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const x of list) {
      const group = map.get(x.tenantId!);
      if (group) group.push(x);
      else map.set(x.tenantId!, [x]);
    }
    return map;
  };
  const settingsOf = byTenant(settingRows);
  const webhooks = new Map(tenantIds.map((t) => [t, settingsFrom(settingsOf.get(t) ?? []).alertWebhookUrl]));
  return { people: byTenant(people), webhooks };
}

/** An account with an address, as `addressesAndSettings` reads them. */
type Addressee = { id: number; role: string; unitId: number | null; email: string | null };

/**
 * The addresses an alert reaches by email: the relations of the recipients
 * table (worker/rules/colour.ts `ALERT_RECIPIENTS`) that have `email`.
 */
export function alertEmails(colour: AlertColour, r: Pick<AlertRow, 'unitId' | 'unitEmail' | 'leaderId'>, people: readonly Addressee[]): string[] {
  // Each relation as addresses; the robot has none (it is the robot channel).
  const addresses: Record<AlertRelation, () => (string | null)[]> = {
    unit_clerks: () => people.filter((p) => p.role === 'unit_clerk' && r.unitId !== null && p.unitId === r.unitId).map((p) => p.email),
    secretary: () => people.filter((p) => p.role === RELATION_ROLES.secretary).map((p) => p.email),
    chair: () => people.filter((p) => p.role === RELATION_ROLES.chair).map((p) => p.email),
    supervising_leader: () => people.filter((p) => p.id === r.leaderId).map((p) => p.email),
    unit_head_contact: () => [r.unitEmail],
    group_robot: () => [],
  };
  const emails = alertedRelations(colour, 'email').flatMap((relation) => addresses[relation]());
  return [...new Set(emails.filter((e): e is string => !!e))];
}

/** The messages for the alerts a write created (by its write id): emails to the people concerned, and the webhook. */
export async function deliveryMessages(db: Database, writeId: string): Promise<DeliveryMessage[]> {
  const rows = await alertRows(db, eq(alerts.writeId, writeId));
  if (rows.length === 0) return [];
  const tenantIds = [...new Set(rows.map((r) => r.tenantId))];
  const { people, webhooks } = await addressesAndSettings(db, tenantIds);
  const out: DeliveryMessage[] = [];
  for (const r of rows) {
    const colour: AlertColour = r.colour === 'red' ? 'red' : 'yellow';
    for (const email of alertEmails(colour, r, people.get(r.tenantId) ?? [])) {
      out.push({ tenantId: r.tenantId, alertId: r.alertId, channel: 'email', target: email });
    }
    const webhook = webhooks.get(r.tenantId);
    if (webhook && alertedRelations(colour, 'robot').includes('group_robot')) {
      out.push({ tenantId: r.tenantId, alertId: r.alertId, channel: 'webhook', target: webhook });
    }
  }
  return out;
}

/** The messages for the digests a run created: emails to staff, secretary and chair, and the webhook. */
export async function digestMessages(db: Database, writeId: string): Promise<DeliveryMessage[]> {
  const rows = await db.select({ id: digests.id, tenantId: digests.tenantId }).from(digests).where(eq(digests.writeId, writeId)).all();
  if (rows.length === 0) return [];
  const tenantIds = [...new Set(rows.map((r) => r.tenantId))];
  const { people, webhooks } = await addressesAndSettings(db, tenantIds, DIGEST_ROLES);
  return rows.flatMap((r) => {
    const emails = new Set((people.get(r.tenantId) ?? []).map((p) => p.email!));
    const out: DeliveryMessage[] = [...emails].map((target) => ({ kind: 'digest', tenantId: r.tenantId, digestId: r.id, channel: 'email', target }));
    const webhook = webhooks.get(r.tenantId);
    if (webhook) out.push({ kind: 'digest', tenantId: r.tenantId, digestId: r.id, channel: 'webhook', target: webhook });
    return out;
  });
}

/**
 * Puts the deliveries of a write (alerts, or with `digest` the day's
 * digests) on the queue, in chunks the Queues API accepts. `db` is the shard
 * the write went to, and `binding` its name, carried on every message.
 */
export async function enqueueDeliveries(
  queue: Queue<DeliveryMessage>,
  db: Database,
  writeId: string,
  digest = false,
  binding = PLATFORM_BINDING,
): Promise<number> {
  const found = digest ? await digestMessages(db, writeId) : await deliveryMessages(db, writeId);
  const messages = binding === PLATFORM_BINDING ? found : found.map((m) => ({ ...m, binding }));
  for (let i = 0; i < messages.length; i += 100) {
    await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })));
  }
  return messages.length;
}

/** What one message says: the email's subject and text, and the robot's JSON. */
interface Content {
  subject: string;
  text: string;
  payload: unknown;
}

async function webhookKind(db: Database, tenantId: number) {
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.tenantId, tenantId)).all();
  return settingsFrom(rows).alertWebhookKind;
}

async function alertContent(db: Database, m: Extract<DeliveryMessage, { alertId: number }>, origin: string): Promise<Content | null> {
  const row = await db
    .select({
      countyName: tenants.name,
      slug: tenants.slug,
      colour: alerts.colour,
      stage: deadlines.stage,
      dueDate: deadlines.dueDate,
      suggestionId: suggestions.id,
      number: suggestions.number,
      title: suggestions.title,
      unitName: sql<string | null>`${handlingUnits.name}`.as('unit_name'),
    })
    .from(alerts)
    .innerJoin(tenants, eq(tenants.id, alerts.tenantId))
    .innerJoin(deadlines, eq(deadlines.id, alerts.deadlineId))
    .innerJoin(suggestions, eq(suggestions.id, deadlines.suggestionId))
    .leftJoin(assignments, eq(assignments.id, deadlines.assignmentId))
    .leftJoin(handlingUnits, eq(handlingUnits.id, assignments.unitId))
    .where(and(eq(alerts.id, m.alertId), eq(alerts.tenantId, m.tenantId)))
    .get();
  if (!row) return null;
  const facts: AlertFacts = { ...row, link: `${origin}/t/${row.slug}/suggestions/${row.suggestionId}` };
  return { subject: alertSubject(facts), text: alertBody(facts), payload: webhookPayload(await webhookKind(db, m.tenantId), facts) };
}

async function digestContent(db: Database, m: Extract<DeliveryMessage, { kind: 'digest' }>, origin: string): Promise<Content | null> {
  const row = await db
    .select({ countyName: tenants.name, slug: tenants.slug, day: digests.day, yellow: digests.yellow, red: digests.red, body: digests.body })
    .from(digests)
    .innerJoin(tenants, eq(tenants.id, digests.tenantId))
    .where(and(eq(digests.id, m.digestId), eq(digests.tenantId, m.tenantId)))
    .get();
  if (!row) return null;
  const facts: DigestFacts = { ...row, link: `${origin}/t/${row.slug}/supervision?colour=red` };
  return { subject: digestSubject(facts), text: digestBody(facts), payload: digestWebhookPayload(await webhookKind(db, m.tenantId), facts) };
}

/** True when this (alert or digest, channel, target) already has a record: sent, or dead-lettered. */
async function recorded(db: Database, m: DeliveryMessage): Promise<boolean> {
  const row =
    m.kind === 'digest'
      ? await db
          .select({ id: digestDeliveries.id })
          .from(digestDeliveries)
          .where(and(eq(digestDeliveries.digestId, m.digestId), eq(digestDeliveries.channel, m.channel), eq(digestDeliveries.target, m.target)))
          .get()
      : await db
          .select({ id: alertDeliveries.id })
          .from(alertDeliveries)
          .where(and(eq(alertDeliveries.alertId, m.alertId), eq(alertDeliveries.channel, m.channel), eq(alertDeliveries.target, m.target)))
          .get();
  return row !== undefined;
}

export interface Senders {
  email: (msg: { to: string; from: string; subject: string; text: string }) => Promise<unknown>;
  fetch: typeof fetch;
  origin: string;
}

/** Sends one delivery; throws when the channel fails (the queue retries it). */
export async function deliver(db: Database, m: DeliveryMessage, send: Senders): Promise<'sent' | 'skipped'> {
  if (await recorded(db, m)) return 'skipped';
  const content = m.kind === 'digest' ? await digestContent(db, m, send.origin) : await alertContent(db, m, send.origin);
  if (!content) return 'skipped';
  if (m.channel === 'email') {
    await send.email({ to: m.target, from: ALERT_FROM, subject: content.subject, text: content.text });
  } else {
    const res = await send.fetch(m.target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(content.payload),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
  return 'sent';
}

async function record(db: Database, m: DeliveryMessage, status: 'sent' | 'dead', attempts: number, error: string | null) {
  const common = { tenantId: m.tenantId, channel: m.channel, target: m.target, status, attempts, lastError: error, updatedAt: Date.now() };
  if (m.kind === 'digest') {
    await db
      .insert(digestDeliveries)
      .values({ ...common, digestId: m.digestId })
      .onConflictDoNothing();
  } else {
    await db
      .insert(alertDeliveries)
      .values({ ...common, alertId: m.alertId })
      .onConflictDoNothing();
  }
}

/**
 * The queue consumer: deliver, record, retry with back-off, dead-letter
 * after the last try. Each message is read and recorded in its own shard
 * (`databaseFor(message.binding)`); a plain database serves them all.
 */
export async function consumeDeliveries(databaseFor: Database | DatabaseFor, batch: MessageBatch<DeliveryMessage>, send: Senders) {
  for (const message of batch.messages) {
    const m = message.body;
    try {
      const db = typeof databaseFor === 'function' ? databaseFor(m.binding ?? PLATFORM_BINDING) : databaseFor;
      const outcome = await deliver(db, m, send);
      if (outcome === 'sent') await record(db, m, 'sent', message.attempts, null);
      message.ack();
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (message.attempts >= MAX_ATTEMPTS) {
        const db = typeof databaseFor === 'function' ? databaseFor(m.binding ?? PLATFORM_BINDING) : databaseFor;
        await record(db, m, 'dead', message.attempts, error);
        console.error(JSON.stringify({ level: 'error', job: 'alert-delivery', dead: true, ...m, error }));
        message.ack();
      } else {
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      }
    }
  }
}

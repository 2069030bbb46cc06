/**
 * The daily digest (每日督办简报): from 08:00 China time, each active tenant's
 * staff, secretary and chair get the counts of yellow and red items and the
 * red list — in the app, and by email and the group robot through the same
 * queue as alerts. The cron runs in UTC every 15 minutes; the first run at
 * or after 08:00 China time (00:00 UTC) sends it, and a run that stops on
 * its time budget leaves the remaining tenants to the next run. One digest
 * row per (tenant, China date) under a unique index makes a repeated or
 * concurrent run send nothing twice.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { PLATFORM_BINDING, type Database } from '../../db/client';
import { rawStatement } from '../../db/guard';
import { assignments, deadlines, digests, handlingUnits, notifications, suggestions, tenants, users } from '../../db/schema';
import { daysLeft } from '../rules/calendar';
import { chinaDateOf, chinaHourOf } from '../rules/china-time';
import { text } from '../../views/text/index';

/** The China hour from which the day's digest is due. */
export const DIGEST_HOUR = 8;
/** Tenants per round (a few queries and one batch each). */
export const DIGEST_TENANTS_PER_ROUND = 40;
/** Red items listed per tenant; the rest are counted. */
export const RED_LIST_MAX = 20;
/** Who receives it. */
export const DIGEST_ROLES = ['staff', 'secretary', 'chair'] as const;

export interface DigestResult {
  tenants: number;
  rounds: number;
  unfinished: boolean;
  writeId: string;
}

/** True from 08:00 China time on. */
export function digestDue(now: number): boolean {
  return chinaHourOf(now) >= DIGEST_HOUR;
}

interface RedRow {
  tenantId: number;
  number: string | null;
  title: string;
  stage: string;
  dueDate: string;
  unitName: string | null;
}

/** The digest's text for one tenant: a headline and the red list (one line per red stage). */
export function digestText(day: string, yellow: number, red: number, reds: RedRow[], redStages: number, now: number) {
  const d = text.digest;
  const lines = reds.map((r) =>
    d.redLine(r.number ?? '', r.title, r.unitName, text.supervision.stages[r.stage] ?? r.stage, -daysLeft(r.dueDate, now)),
  );
  if (redStages > reds.length) lines.push(d.more(redStages - reds.length));
  return { headline: d.headline(day, yellow, red), body: lines.join('\n') };
}

/**
 * Sends the day's digest to every active tenant of one shard that has not
 * had it yet. `binding` is the shard `db` is: `DB` also holds the registry
 * rows of the tenants on other shards, which are theirs to digest.
 */
export async function dailyDigest(
  db: Database,
  now: number,
  budgetMs = 10_000,
  /** Called with the run's write id when it created digests (to queue email and webhooks). */
  afterDigests?: (writeId: string) => Promise<unknown>,
  binding = PLATFORM_BINDING,
): Promise<DigestResult> {
  const writeId = crypto.randomUUID();
  const result: DigestResult = { tenants: 0, rounds: 0, unfinished: false, writeId };
  if (!digestDue(now)) return result;
  const started = Date.now();
  const day = chinaDateOf(now);
  let after = 0;
  for (;;) {
    if (Date.now() - started > budgetMs) {
      result.unfinished = true;
      break;
    }
    const due = await db
      .select({ id: tenants.id })
      .from(tenants)
      .where(
        and(
          gt(tenants.id, after),
          eq(tenants.status, 'active'),
          eq(tenants.dbBinding, binding),
          sql`not exists (select 1 from ${digests} where ${digests.tenantId} = ${tenants.id} and ${digests.day} = ${day})`,
        ),
      )
      .orderBy(asc(tenants.id))
      .limit(DIGEST_TENANTS_PER_ROUND)
      .all();
    result.rounds++;
    if (due.length === 0) break;
    const ids = due.map((t) => t.id);
    after = ids[ids.length - 1]!;
    const [itemCounts, redCounts, redResult] = await db.batch([
      db
        .select({ tenantId: suggestions.tenantId, colour: suggestions.colour, n: sql<number>`count(*)` })
        .from(suggestions)
        .where(and(inArray(suggestions.tenantId, ids), inArray(suggestions.colour, ['yellow', 'red'])))
        .groupBy(suggestions.tenantId, suggestions.colour),
      db
        .select({ tenantId: deadlines.tenantId, n: sql<number>`count(*)` })
        .from(deadlines)
        .where(and(inArray(deadlines.tenantId, ids), eq(deadlines.colour, 'red'), sql`${deadlines.endedAt} is null`))
        .groupBy(deadlines.tenantId),
      rawStatement(
        db,
        sql`select tenantId, number, title, stage, dueDate, unitName from (
          select d.tenant_id as tenantId, s.number as number, s.title as title, d.stage as stage, d.due_date as dueDate,
            u.name as unitName, row_number() over (partition by d.tenant_id order by d.due_date, d.id) as rn
          from ${deadlines} d
          join ${suggestions} s on s.id = d.suggestion_id
          left join ${assignments} a on a.id = d.assignment_id
          left join ${handlingUnits} u on u.id = a.unit_id
          where d.tenant_id in ${ids} and d.colour = 'red' and d.ended_at is null)
        where rn <= ${RED_LIST_MAX} order by tenantId, rn`,
      ),
    ]);
    const reds = (redResult as unknown as D1Result<RedRow>).results;
    const statements = ids.flatMap((tenantId) => {
      const count = (colour: string) => itemCounts.find((c) => c.tenantId === tenantId && c.colour === colour)?.n ?? 0;
      const [yellow, red] = [count('yellow'), count('red')];
      const redStages = redCounts.find((c) => c.tenantId === tenantId)?.n ?? 0;
      const t = digestText(
        day,
        yellow,
        red,
        reds.filter((r) => r.tenantId === tenantId),
        redStages,
        now,
      );
      const mine = sql`exists (select 1 from ${digests} where ${digests.tenantId} = ${tenantId} and ${digests.day} = ${day} and ${digests.writeId} = ${writeId})`;
      const message = t.body ? `${t.headline}\n${t.body}` : t.headline;
      return [
        rawStatement(
          db,
          sql`insert or ignore into ${digests} (tenant_id, day, yellow, red, body, write_id, created_at)
          values (${tenantId}, ${day}, ${yellow}, ${red}, ${t.body}, ${writeId}, ${now})`,
        ),
        rawStatement(
          db,
          sql`insert into ${notifications} (tenant_id, user_id, suggestion_id, kind, message, created_at)
          select ${tenantId}, ${users.id}, null, 'digest', ${message}, ${now} from ${users}
          where ${users.tenantId} = ${tenantId} and ${users.disabledAt} is null and ${users.role} in ${DIGEST_ROLES} and ${mine}`,
        ),
      ];
    });
    const [first, ...rest] = statements;
    const written = (await db.batch([first!, ...rest])) as unknown as D1Result[];
    for (let i = 0; i < ids.length; i++) result.tenants += written[i * 2]?.meta.changes ?? 0;
    if (due.length < DIGEST_TENANTS_PER_ROUND) break;
  }
  if (result.tenants > 0 && afterDigests) await afterDigests(writeId);
  return result;
}

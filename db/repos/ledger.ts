/**
 * 代表履职档案: a deputy's year counted from the recorded facts, and the
 * entries staff add. One aggregate statement gives every deputy's counts
 * (or one deputy's) — the yearly table never asks per deputy.
 *
 * What is counted, for year Y (China time):
 * - suggestions led / co-signed: sent suggestions (not drafts) submitted in Y;
 * - forums joined: distinct 座谈议题 of those suggestions (led or co-signed);
 * - receptions attended: the deputy's rows in reception_deputies of receptions
 *   not cancelled, dated in Y and not after today;
 * - voters' issues handled: closed voter_issues logged at those receptions;
 * - ratings given: ratings of replies, made in Y, on suggestions the deputy leads
 *   (the lead deputy is the one who rates);
 * - training, inspections, meetings, other: ledger_entries dated in Y.
 * Deputies serving at some point of Y are listed (retired before Y are not).
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { rawStatement } from '../guard';
import { precondition } from '../guard';
import { deputies, ledgerEntries, users } from '../schema';
import { auditRepo, type AuditActor } from './audit';
import { chinaYearBounds } from '../../worker/rules/calendar';
import { LEDGER_ITEMS, type LedgerCounts } from '../../worker/rules/ledger';
import type { EntryInput } from '../../worker/rules/ledger';

export interface LedgerRow {
  deputyId: number;
  name: string;
  level: string;
  stationName: string | null;
  township: string | null;
  counts: LedgerCounts;
}

export interface LedgerEntryRow {
  id: number;
  kind: string;
  title: string;
  occurredOn: string;
  note: string | null;
  createdByName: string | null;
}

type RawLedgerRow = Omit<LedgerRow, 'counts'> & LedgerCounts;

export function ledgerRepo(db: Database, tenantId: number) {
  const audit = auditRepo(db, tenantId);

  /** Every deputy's counts for a year (or one deputy's), in one statement. */
  function counts(year: number, today: string, deputyId: number | null) {
    const { start, end } = chinaYearBounds(year);
    const first = `${year}-01-01`;
    const last = `${year}-12-31`;
    const lastHeld = today < last ? today : last;
    const one = (column: SQL) => (deputyId === null ? sql`` : sql` and ${column} = ${deputyId}`);
    const sentFilter =
      deputyId === null
        ? sql``
        : sql` and (s.lead_deputy_id = ${deputyId} or exists (select 1 from suggestion_cosigners c
            where c.tenant_id = ${tenantId} and c.suggestion_id = s.id and c.deputy_id = ${deputyId}))`;
    return sql`
      with sent as (
        select s.id, s.lead_deputy_id, s.forum_topic_id from suggestions s
        where s.tenant_id = ${tenantId} and s.state <> 'draft' and s.submitted_at >= ${start} and s.submitted_at < ${end}${sentFilter}
      ),
      roles as (
        select lead_deputy_id as deputy_id, forum_topic_id, 1 as led from sent
        union all
        select c.deputy_id, s.forum_topic_id, 0 from suggestion_cosigners c join sent s on s.id = c.suggestion_id
        where c.tenant_id = ${tenantId}
      ),
      sug as (
        select deputy_id, sum(led) as led, sum(1 - led) as cosigned, count(distinct forum_topic_id) as forums
        from roles group by deputy_id
      ),
      attended as (
        select rd.deputy_id, r.id as reception_id from reception_deputies rd join receptions r on r.id = rd.reception_id
        where rd.tenant_id = ${tenantId} and r.tenant_id = ${tenantId} and r.cancelled_at is null
          and r.date >= ${first} and r.date <= ${lastHeld}${one(sql`rd.deputy_id`)}
      ),
      rec as (select deputy_id, count(*) as receptions from attended group by deputy_id),
      iss as (
        select a.deputy_id, count(*) as issues from attended a
          join voter_issues v on v.reception_id = a.reception_id and v.tenant_id = ${tenantId} and v.closed_at is not null
        group by a.deputy_id
      ),
      rat as (
        select s.lead_deputy_id as deputy_id, count(*) as ratings from ratings x join suggestions s on s.id = x.suggestion_id
        where x.tenant_id = ${tenantId} and s.tenant_id = ${tenantId} and x.created_at >= ${start} and x.created_at < ${end}${one(sql`s.lead_deputy_id`)}
        group by s.lead_deputy_id
      ),
      ent as (
        select deputy_id, sum(kind = 'training') as training, sum(kind = 'inspection') as inspection,
          sum(kind = 'meeting') as meeting, sum(kind not in ('training', 'inspection', 'meeting')) as other
        from ledger_entries
        where tenant_id = ${tenantId} and occurred_on >= ${first} and occurred_on <= ${last}${one(sql`deputy_id`)}
        group by deputy_id
      )
      select d.id as deputyId, d.name as name, d.level as level, st.name as stationName, st.township as township,
        coalesce(sug.led, 0) as suggestionsLed, coalesce(sug.cosigned, 0) as suggestionsCosigned,
        coalesce(sug.forums, 0) as forumsJoined, coalesce(rec.receptions, 0) as receptionsAttended,
        coalesce(iss.issues, 0) as voterIssuesHandled, coalesce(rat.ratings, 0) as ratingsGiven,
        coalesce(ent.training, 0) as training, coalesce(ent.inspection, 0) as inspection,
        coalesce(ent.meeting, 0) as meeting, coalesce(ent.other, 0) as other
      from deputies d
        left join liaison_stations st on st.id = d.station_id and st.tenant_id = ${tenantId}
        left join sug on sug.deputy_id = d.id
        left join rec on rec.deputy_id = d.id
        left join iss on iss.deputy_id = d.id
        left join rat on rat.deputy_id = d.id
        left join ent on ent.deputy_id = d.id
      where d.tenant_id = ${tenantId} and (d.retired_at is null or d.retired_at >= ${start})${one(sql`d.id`)}
      order by d.id`;
  }

  const toRow = (r: RawLedgerRow): LedgerRow => ({
    deputyId: r.deputyId,
    name: r.name,
    level: r.level,
    stationName: r.stationName,
    township: r.township,
    counts: Object.fromEntries(LEDGER_ITEMS.map((item) => [item, Number(r[item]) || 0])) as LedgerCounts,
  });

  return {
    /** The yearly table: every deputy serving in the year with their counts. */
    async year(year: number, today: string): Promise<LedgerRow[]> {
      return (await db.all<RawLedgerRow>(counts(year, today, null))).map(toRow);
    },

    /** One deputy's counts for a year and the entries staff added that year; undefined when not a deputy of this tenant. */
    async deputyYear(deputyId: number, year: number, today: string): Promise<{ row: LedgerRow; entries: LedgerEntryRow[] } | undefined> {
      // One round trip: the counts and the entries in one batch.
      const [counted, entries] = await db.batch([
        rawStatement(db, counts(year, today, deputyId)),
        db
          .select({
            id: ledgerEntries.id,
            kind: ledgerEntries.kind,
            title: ledgerEntries.title,
            occurredOn: ledgerEntries.occurredOn,
            note: ledgerEntries.note,
            createdByName: users.displayName,
          })
          .from(ledgerEntries)
          .leftJoin(users, eq(users.id, ledgerEntries.createdByUserId))
          .where(
            and(
              eq(ledgerEntries.tenantId, tenantId),
              eq(ledgerEntries.deputyId, deputyId),
              sql`${ledgerEntries.occurredOn} >= ${`${year}-01-01`} and ${ledgerEntries.occurredOn} <= ${`${year}-12-31`}`,
            ),
          )
          .orderBy(desc(ledgerEntries.occurredOn), desc(ledgerEntries.id)),
      ]);
      const row = (counted as unknown as D1Result<RawLedgerRow>).results[0];
      return row ? { row: toRow(row), entries } : undefined;
    },

    /** The name of a deputy of this tenant (any, retired too), or null. */
    async deputyName(deputyId: number): Promise<string | null> {
      const row = await db
        .select({ name: deputies.name })
        .from(deputies)
        .where(and(eq(deputies.tenantId, tenantId), eq(deputies.id, deputyId)))
        .get();
      return row?.name ?? null;
    },

    /** Adds an entry for a deputy of this tenant, with its audit entry, in one batch (nothing when the deputy is not ours). */
    async addEntry(deputyId: number, deputyName: string, input: EntryInput, actor: AuditActor, now: number) {
      await db.batch([
        precondition(db, sql`exists (select 1 from ${deputies} where ${deputies.tenantId} = ${tenantId} and ${deputies.id} = ${deputyId})`),
        db.insert(ledgerEntries).values({
          tenantId,
          deputyId,
          kind: input.kind,
          title: input.title,
          occurredOn: input.occurredOn,
          note: input.note,
          createdByUserId: actor.userId!,
          createdAt: now,
        }),
        audit.entry(
          {
            actor,
            action: 'ledger.add_entry',
            targetType: 'deputy',
            targetId: deputyId,
            targetLabel: deputyName,
            details: { kind: input.kind, title: input.title, occurredOn: input.occurredOn },
          },
          now,
        ),
      ]);
    },
  };
}

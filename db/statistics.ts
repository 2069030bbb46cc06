/**
 * The figures of the statistics page, counted by SQL aggregation in D1: one
 * round trip of a few statements, whatever the number of units or items.
 * Scoped to one tenant like db/tenant-data/ (the tenant id is bound here,
 * never taken from a handler's query).
 *
 * What is counted (DOMAIN.md, "Statistics"):
 * - The cohort: the tenant's suggestions submitted in the period (drafts
 *   excluded; with `sessionOnly`, those raised during the session).
 * - A unit's part: each lead (主办) or split (分办) assignment that was not
 *   withdrawn — assisting units do not reply, so they are not counted; under
 *   split handling each unit is counted for its own part.
 * - Replied: the part's first reply; on time if its China date is on or
 *   before the reply due date in force then (the latest reply-stage due date,
 *   so an approved extension counts); open and overdue if not replied and
 *   past that date today.
 * - Met (见面): a contact recorded by that unit on or before the reply date.
 * - Class: the suggestion's class (as corrected by staff) for a lead part,
 *   the unit's own latest reply class for a split part.
 * - Ratings: the suggestion's first-round and latest rating of the result,
 *   counted for every part of it.
 * - Red: a red alert was ever sent for one of the part's stages.
 * The tenant's overall figures count suggestions: assigned if it has a part,
 * replied once every part has replied, on time if every part was, and so on.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { rawStatement } from './guard';
import type { Counts } from '../worker/rules/statistics';
import { REPLIED_STATES } from '../worker/rules/suggestion-states';
import { CHINA_OFFSET_MS } from '../worker/rules/china-time';

export interface StatsQuery {
  start: number;
  end: number;
  sessionOnly: boolean;
  /** China date today: what is overdue. */
  today: string;
}

interface CountRow {
  assigned: number;
  replied: number;
  on_time: number;
  open_overdue: number;
  met: number;
  a: number;
  b: number;
  c: number;
  d: number;
  r1_evaluated: number;
  r1_satisfied: number;
  r1_basically: number;
  r1_unsatisfied: number;
  rf_evaluated: number;
  rf_satisfied: number;
  rf_basically: number;
  rf_unsatisfied: number;
  reply_days: number | null;
  red: number;
}

export interface UnitFigures {
  unitId: number;
  name: string;
  counts: Counts;
}

export interface CohortFigures {
  raised: number;
  accepted: number;
  rejected: number;
  merged: number;
  pending: number;
}

export interface PersonFigures {
  id: number | null;
  name: string;
  raised: number;
  replied: number;
  evaluated: number;
  satisfied: number;
}

/** A key suggestion and its outcome (annual report). */
export interface KeySuggestionRow {
  id: number;
  number: string | null;
  title: string;
  leader: string | null;
  units: string | null;
  state: string;
  replyClass: string | null;
  /** The latest rating of the result. */
  rating: string | null;
}

/** A replied suggestion with what 评优 weighs. */
export interface RepliedRow {
  id: number;
  number: string | null;
  title: string;
  leadDeputyName: string;
  isKey: number;
  units: string | null;
  replyClass: string | null;
  rating: string | null;
  attitude: string | null;
}

export interface StatisticsFigures {
  cohort: CohortFigures;
  overall: Counts;
  units: UnitFigures[];
  monthly: { month: string; submitted: number; replied: number }[];
  deputies: PersonFigures[];
  stations: PersonFigures[];
}

const toCounts = (r: CountRow | undefined): Counts => ({
  assigned: r?.assigned ?? 0,
  replied: r?.replied ?? 0,
  onTime: r?.on_time ?? 0,
  openOverdue: r?.open_overdue ?? 0,
  met: r?.met ?? 0,
  classes: { A: r?.a ?? 0, B: r?.b ?? 0, C: r?.c ?? 0, D: r?.d ?? 0 },
  firstRound: {
    evaluated: r?.r1_evaluated ?? 0,
    satisfied: r?.r1_satisfied ?? 0,
    basically: r?.r1_basically ?? 0,
    unsatisfied: r?.r1_unsatisfied ?? 0,
  },
  final: { evaluated: r?.rf_evaluated ?? 0, satisfied: r?.rf_satisfied ?? 0, basically: r?.rf_basically ?? 0, unsatisfied: r?.rf_unsatisfied ?? 0 },
  replyDaysTotal: r?.reply_days ?? 0,
  red: r?.red ?? 0,
});

/** China date of an epoch-ms column, in SQL. */
const chinaDate = (ms: SQL) => sql`date((${ms} + ${sql.raw(String(CHINA_OFFSET_MS))}) / 1000, 'unixepoch')`;

export function statistics(db: Database, tenantId: number) {
  /**
   * The cohort and its unit parts, with what each part needs counted. The
   * `lite` form has only each part's first reply (what the per-deputy,
   * per-station and monthly figures need), and skips the costlier lookups.
   */
  function parts(q: StatsQuery, lite = false) {
    const session = q.sessionOnly ? sql` and s.source_channel = 'session'` : sql``;
    if (lite) {
      return sql`with cohort as (
        select s.id, s.state, s.lead_deputy_id, s.submitted_at,
          (select r.result from ratings r where r.suggestion_id = s.id order by r.round desc limit 1) as rf
        from suggestions s
        where s.tenant_id = ${tenantId} and s.submitted_at >= ${q.start} and s.submitted_at < ${q.end}
          and s.state <> 'draft'${session}
      ),
      parts as (
        select a.id, a.suggestion_id,
          (select min(r.created_at) from replies r where r.tenant_id = ${tenantId} and r.suggestion_id = a.suggestion_id
            and r.assignment_id = a.id and r.kind = 'reply') as replied_at
        from assignments a join cohort c on c.id = a.suggestion_id
        where a.tenant_id = ${tenantId} and a.role in ('lead', 'split') and a.state <> 'withdrawn'
      )`;
    }
    return sql`with cohort as (
        select s.id, s.state, s.reply_class, s.lead_deputy_id, s.submitted_at,
          (select r.result from ratings r where r.suggestion_id = s.id and r.round = 1) as r1,
          (select r.result from ratings r where r.suggestion_id = s.id order by r.round desc limit 1) as rf
        from suggestions s
        where s.tenant_id = ${tenantId} and s.submitted_at >= ${q.start} and s.submitted_at < ${q.end}
          and s.state <> 'draft'${session}
      ),
      raw_parts as (
        select a.id, a.suggestion_id, a.unit_id, a.role, a.assigned_at, c.r1, c.rf,
          (select min(r.created_at) from replies r where r.tenant_id = ${tenantId} and r.suggestion_id = a.suggestion_id
            and r.assignment_id = a.id and r.kind = 'reply') as replied_at,
          coalesce((select max(d.due_date) from deadlines d where d.tenant_id = ${tenantId} and d.suggestion_id = a.suggestion_id
            and d.assignment_id = a.id and d.stage = 'reply'), a.original_reply_due, a.reply_due) as due,
          case when a.role = 'lead' then c.reply_class else (select r.reply_class from replies r where r.tenant_id = ${tenantId}
            and r.suggestion_id = a.suggestion_id and r.assignment_id = a.id and r.kind = 'reply' order by r.round desc, r.id desc limit 1) end as cls,
          exists (select 1 from deadlines d join alerts al on al.deadline_id = d.id where d.tenant_id = ${tenantId}
            and d.suggestion_id = a.suggestion_id and d.assignment_id = a.id and al.colour = 'red') as red
        from assignments a join cohort c on c.id = a.suggestion_id
        where a.tenant_id = ${tenantId} and a.role in ('lead', 'split') and a.state <> 'withdrawn'
      ),
      parts as materialized (
        select p.*, ${chinaDate(sql`p.replied_at`)} as replied_on,
          p.replied_at is not null and ${chinaDate(sql`p.replied_at`)} <= p.due as on_time,
          p.replied_at is null and p.due < ${q.today} as open_overdue,
          p.replied_at is not null and exists (select 1 from contacts ct where ct.tenant_id = ${tenantId}
            and ct.suggestion_id = p.suggestion_id and ct.unit_id = p.unit_id
            and ct.contacted_on <= ${chinaDate(sql`p.replied_at`)}) as met
        from raw_parts p
      )`;
  }

  /** The sums that make a Counts row, over rows with the given columns. */
  const sums = (x: { replied: SQL; onTime: SQL; openOverdue: SQL; met: SQL; cls: SQL; days: SQL; red: SQL }) => sql`
      count(*) as assigned, sum(${x.replied}) as replied, sum(${x.onTime}) as on_time, sum(${x.openOverdue}) as open_overdue,
      sum(${x.met}) as met,
      sum(${x.replied} and ${x.cls} = 'A') as a, sum(${x.replied} and ${x.cls} = 'B') as b,
      sum(${x.replied} and ${x.cls} = 'C') as c, sum(${x.replied} and ${x.cls} = 'D') as d,
      sum(r1 is not null) as r1_evaluated, sum(r1 = 'satisfied') as r1_satisfied, sum(r1 = 'basically') as r1_basically,
      sum(r1 = 'unsatisfied') as r1_unsatisfied,
      sum(rf is not null) as rf_evaluated, sum(rf = 'satisfied') as rf_satisfied, sum(rf = 'basically') as rf_basically,
      sum(rf = 'unsatisfied') as rf_unsatisfied,
      sum(${x.days}) as reply_days, sum(${x.red}) as red`;

  return {
    /** The key suggestions (重点建议) of the cohort with their units and outcome, for the annual report. */
    async keySuggestions(q: StatsQuery) {
      const session = q.sessionOnly ? sql` and s.source_channel = 'session'` : sql``;
      return db.all<KeySuggestionRow>(sql`select s.id as id, s.number as number, s.title as title, s.supervising_leader as leader,
          (select group_concat(u.name, '、') from assignments a join handling_units u on u.id = a.unit_id
            where a.tenant_id = ${tenantId} and a.suggestion_id = s.id and a.state <> 'withdrawn') as units,
          s.state as state, s.reply_class as replyClass,
          (select r.result from ratings r where r.suggestion_id = s.id order by r.round desc limit 1) as rating
        from suggestions s
        where s.tenant_id = ${tenantId} and s.is_key = 1 and s.submitted_at >= ${q.start} and s.submitted_at < ${q.end}
          and s.state <> 'draft'${session}
        order by s.number`);
    },

    /**
     * 评优 candidates: the cohort's replied suggestions with what staff weigh
     * (class, the deputy's latest rating, key or not, units), best rated first.
     */
    async replied(q: StatsQuery, max = 300) {
      return db.all<RepliedRow>(sql`select s.id as id, s.number as number, s.title as title, dp.name as leadDeputyName, s.is_key as isKey,
          (select group_concat(u.name, '、') from assignments a join handling_units u on u.id = a.unit_id
            where a.tenant_id = ${tenantId} and a.suggestion_id = s.id and a.role in ('lead', 'split') and a.state <> 'withdrawn') as units,
          s.reply_class as replyClass, r.result as rating, r.attitude as attitude
        from suggestions s join deputies dp on dp.id = s.lead_deputy_id
          left join ratings r on r.suggestion_id = s.id and r.round = (select max(x.round) from ratings x where x.suggestion_id = s.id)
        where s.tenant_id = ${tenantId} and s.submitted_at >= ${q.start} and s.submitted_at < ${q.end}
          and s.state in ${REPLIED_STATES}
        order by case r.result when 'satisfied' then 0 when 'basically' then 1 when 'unsatisfied' then 3 else 2 end,
          s.is_key desc, s.number
        limit ${max}`);
    },

    async figures(q: StatsQuery): Promise<StatisticsFigures> {
      const cte = parts(q);
      const lite = parts(q, true);
      const unitSums = sums({
        replied: sql`(replied_at is not null)`,
        onTime: sql`on_time`,
        openOverdue: sql`open_overdue`,
        met: sql`met`,
        cls: sql`cls`,
        days: sql`case when replied_at is not null then (replied_at - assigned_at) / 86400000.0 end`,
        red: sql`red`,
      });
      const itemSums = sums({
        replied: sql`(n_replied = n)`,
        onTime: sql`(n_on_time = n)`,
        openOverdue: sql`(n_replied < n and n_overdue > 0)`,
        met: sql`(n_replied = n and any_met)`,
        cls: sql`cls`,
        days: sql`case when n_replied = n then (last_reply - first_assigned) / 86400000.0 end`,
        red: sql`red`,
      });
      const [countsRes, deputiesRes, monthlyRes] = (await db.batch([
        // The parts are worked out once (the CTE is used twice, so SQLite
        // materialises it): one row per unit, then the tenant's row over
        // suggestions (each suggestion's parts together).
        rawStatement(
          db,
          sql`${cte}, per_item as (
            select p.suggestion_id, count(*) as n, count(p.replied_at) as n_replied, sum(p.on_time) as n_on_time,
              sum(p.open_overdue) as n_overdue, max(p.met) as any_met, min(p.assigned_at) as first_assigned,
              max(p.replied_at) as last_reply, max(p.r1) as r1, max(p.rf) as rf, max(c.reply_class) as cls,
              exists (select 1 from deadlines d join alerts al on al.deadline_id = d.id where d.tenant_id = ${tenantId}
                and d.suggestion_id = p.suggestion_id and al.colour = 'red') as red
            from parts p join cohort c on c.id = p.suggestion_id group by p.suggestion_id
          )
          select p.unit_id as unit_id, u.name as name, ${unitSums}
            from parts p join handling_units u on u.id = p.unit_id group by p.unit_id
          union all
          select null, null, ${itemSums} from per_item`,
        ),
        // Per deputy (with their station, and the cohort's states), from the lighter CTE.
        rawStatement(
          db,
          sql`${lite}, items as (
            select c.id, c.state, c.lead_deputy_id, c.rf,
              (select count(*) > 0 and count(*) = count(p.replied_at) from parts p where p.suggestion_id = c.id) as replied
            from cohort c
          )
          select i.lead_deputy_id as id, dp.name as name, st.id as station_id, coalesce(st.name, '') as station_name,
            count(*) as raised, sum(i.replied) as replied,
            sum(i.rf is not null) as evaluated, sum(i.rf in ('satisfied', 'basically')) as satisfied,
            sum(i.state not in ('submitted', 'returned', 'rejected', 'merged')) as accepted,
            sum(i.state = 'rejected') as rejected, sum(i.state = 'merged') as merged,
            sum(i.state in ('submitted', 'returned')) as pending
          from items i join deputies dp on dp.id = i.lead_deputy_id
            left join liaison_stations st on st.id = dp.station_id
          group by i.lead_deputy_id order by raised desc, dp.name`,
        ),
        rawStatement(
          db,
          sql`${lite}, items as (
            select c.id, ${chinaDate(sql`c.submitted_at`)} as submitted_on,
              (select case when count(*) = count(p.replied_at) and count(*) > 0 then ${chinaDate(sql`max(p.replied_at)`)} end
                from parts p where p.suggestion_id = c.id) as replied_on
            from cohort c
          )
          select month, sum(submitted) as submitted, sum(replied) as replied from (
            select substr(submitted_on, 1, 7) as month, 1 as submitted, 0 as replied from items
            union all select substr(replied_on, 1, 7), 0, 1 from items where replied_on is not null
          ) group by month order by month`,
        ),
      ])) as unknown as D1Result<Record<string, unknown>>[];
      const rows = <T>(r: D1Result<Record<string, unknown>> | undefined) => (r?.results ?? []) as T[];
      const counts = rows<CountRow & { unit_id: number | null; name: string | null }>(countsRes);
      type DeputyRow = {
        id: number;
        name: string;
        station_id: number | null;
        station_name: string;
        raised: number;
        replied: number;
        evaluated: number;
        satisfied: number;
        accepted: number;
        rejected: number;
        merged: number;
        pending: number;
      };
      const deputyRows = rows<DeputyRow>(deputiesRes);
      const total = (k: keyof DeputyRow) => deputyRows.reduce((n, r) => n + ((r[k] as number | null) ?? 0), 0);
      const person = (r: {
        id: number | null;
        name: string;
        raised: number;
        replied: number;
        evaluated: number;
        satisfied: number;
      }): PersonFigures => ({
        id: r.id,
        name: r.name,
        raised: r.raised,
        replied: r.replied ?? 0,
        evaluated: r.evaluated ?? 0,
        satisfied: r.satisfied ?? 0,
      });
      // A station's figures are its deputies' together.
      const stations = new Map<number | null, PersonFigures>();
      for (const r of deputyRows) {
        const st = stations.get(r.station_id) ?? { id: r.station_id, name: r.station_name, raised: 0, replied: 0, evaluated: 0, satisfied: 0 };
        st.raised += r.raised;
        st.replied += r.replied ?? 0;
        st.evaluated += r.evaluated ?? 0;
        st.satisfied += r.satisfied ?? 0;
        stations.set(r.station_id, st);
      }
      return {
        cohort: {
          raised: total('raised'),
          accepted: total('accepted'),
          rejected: total('rejected'),
          merged: total('merged'),
          pending: total('pending'),
        },
        overall: toCounts(counts.find((r) => r.unit_id === null)),
        units: counts.filter((r) => r.unit_id !== null).map((r) => ({ unitId: r.unit_id!, name: r.name ?? '', counts: toCounts(r) })),
        monthly: rows<{ month: string; submitted: number; replied: number }>(monthlyRes),
        deputies: deputyRows.map(person),
        stations: [...stations.values()].sort((a, b) => b.raised - a.raised || a.name.localeCompare(b.name, 'zh')),
      };
    },
  };
}

export type Statistics = ReturnType<typeof statistics>;

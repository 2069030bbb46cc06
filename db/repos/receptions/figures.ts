/**
 * The stations' monthly figures (接待日 held, deputies attending, issues
 * logged, closed on time, suggestions raised): one SQL aggregation for the
 * county or one station, read by receptionRepo's monthFigures.
 */
import { sql } from 'drizzle-orm';
import { monthRange, type StationMonth } from '../../../worker/rules/receptions';
import type { IsoDate } from '../../../worker/rules/calendar';
import { CHINA_OFFSET_MS, DAY_MS } from '../../../worker/rules/china-time';

/** A station's row of the aggregation, as D1 returns it. */
export type FigureRow = {
  station_id: number;
  station_name: string;
  township: string | null;
  receptions_held: number;
  deputy_attendances: number;
  deputies_attending: number;
  issues_logged: number;
  closed_on_time: number;
  suggestions_raised: number;
};

/** One statement: every station's month (or one station's), see monthFigures. */
export function monthFiguresSql(tenantId: number, month: string, today: IsoDate, onlyStation: number | null) {
  const { from, until } = monthRange(month);
  const one = onlyStation === null ? sql`` : sql`and s.id = ${onlyStation}`;
  return sql`
    with held as materialized (
      select r.id, r.station_id from receptions r
      where r.tenant_id = ${tenantId} and r.cancelled_at is null
        and r.date >= ${from} and r.date < ${until} and r.date <= ${today}
    ),
    by_reception as (select station_id, count(*) as n from held group by station_id),
    by_deputy as (
      select h.station_id, count(*) as attendances, count(distinct rd.deputy_id) as people
      from reception_deputies rd join held h on h.id = rd.reception_id
      where rd.tenant_id = ${tenantId} group by h.station_id
    ),
    by_issue as (
      select v.station_id, count(*) as logged,
        sum(v.closed_at is not null and (v.due_date is null or v.closed_at < (unixepoch(v.due_date) + ${sql.raw(String((DAY_MS - CHINA_OFFSET_MS) / 1000))}) * 1000)) as on_time,
        sum(v.suggestion_id is not null) as raised
      from voter_issues v join receptions r on r.id = v.reception_id and r.tenant_id = ${tenantId}
      where v.tenant_id = ${tenantId} and r.date >= ${from} and r.date < ${until}
      group by v.station_id
    )
    select s.id as station_id, s.name as station_name, s.township as township,
      coalesce(br.n, 0) as receptions_held,
      coalesce(bd.attendances, 0) as deputy_attendances,
      coalesce(bd.people, 0) as deputies_attending,
      coalesce(bi.logged, 0) as issues_logged,
      coalesce(bi.on_time, 0) as closed_on_time,
      coalesce(bi.raised, 0) as suggestions_raised
    from liaison_stations s
      left join by_reception br on br.station_id = s.id
      left join by_deputy bd on bd.station_id = s.id
      left join by_issue bi on bi.station_id = s.id
    where s.tenant_id = ${tenantId} ${one}
      and (s.retired_at is null or br.n is not null or bi.logged is not null)
    order by s.id`;
}

/** The rows as the rules read them (worker/rules/receptions.ts). */
export function toStationMonths(rows: FigureRow[]): StationMonth[] {
  return rows.map((r) => ({
    stationId: r.station_id,
    stationName: r.station_name,
    township: r.township,
    receptionsHeld: r.receptions_held,
    deputyAttendances: r.deputy_attendances,
    deputiesAttending: r.deputies_attending,
    issuesLogged: r.issues_logged,
    closedOnTime: r.closed_on_time,
    suggestionsRaised: r.suggestions_raised,
  }));
}

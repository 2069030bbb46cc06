/**
 * 参与情况通报: who took part in a forum topic, by township and liaison
 * station, with participation rates — a printable page (A4) with its
 * two tables downloadable.
 */
import { ExportLinks } from '../components/export-links';
import { DataTable } from '../components/table';
import { text } from '../text/index';
import type { ForumParticipant } from '../../db/repos/forums';
import type { ParticipationFigures, TownshipParticipation } from '../../worker/rules/forums';
import { percent } from '../../worker/rules/statistics';

const r = text.forums.reportPage;

export interface ParticipationReportProps {
  base: string;
  topic: { id: number; month: string; title: string; description: string; closesOn: string };
  townships: TownshipParticipation[];
  total: ParticipationFigures;
  participants: ForumParticipant[];
  /** When the figures were counted (China time, shown). */
  asOf: string;
}

/** The township's label, or the label of stations without one. */
export const townshipLabel = (t: string | null) => t ?? r.noTownship;
/** The station's label, or the label of deputies without a station. */
export const stationLabel = (s: { stationId: number | null; stationName: string | null }) =>
  s.stationId === null ? r.noStation : (s.stationName ?? '');

/** The four figure cells of a station, a township or the county. */
function Figures(props: { f: ParticipationFigures }) {
  const f = props.f;
  return (
    <>
      <td>{f.deputies}</td>
      <td>{f.participating}</td>
      <td>{percent(f.rate)}</td>
      <td>{f.suggestions}</td>
    </>
  );
}

export function ParticipationReportPage(props: ParticipationReportProps) {
  const { topic, total } = props;
  const href = `${props.base}/forums/${topic.id}`;
  return (
    <article class="print-page">
      <p class="print-actions no-print">
        {text.print.printHint} <a href={`${props.base}/forums`}>{r.back}</a>
      </p>
      <h1 class="doc-title">{r.title(topic.title)}</h1>
      <p class="meta">{r.period(topic.month, topic.closesOn)}</p>
      <p class="meta">{r.asOf(props.asOf)}</p>
      <p>{r.summary(total.participating, total.deputies, percent(total.rate), total.suggestions)}</p>

      <h2>{r.byTownship}</h2>
      <ExportLinks href={`${href}?table=stations`} label={r.exportStations} />
      <DataTable
        columns={[r.township, r.station, r.deputies, r.participating, r.rate, r.suggestions]}
        rows={props.townships}
        label={r.byTownship}
        row={(t) => (
          <>
            {t.stations.map((s) => (
              <tr>
                <td>{townshipLabel(t.township)}</td>
                <td>{stationLabel(s)}</td>
                <Figures f={s} />
              </tr>
            ))}
            <tr>
              <th scope="row" colspan={2}>
                {r.subtotal(townshipLabel(t.township))}
              </th>
              <Figures f={t} />
            </tr>
          </>
        )}
        tail={
          <tr>
            <th scope="row" colspan={2}>
              {r.total}
            </th>
            <Figures f={total} />
          </tr>
        }
      />

      <h2>{r.participants}</h2>
      {props.participants.length === 0 ? (
        <p>{r.noParticipants}</p>
      ) : (
        <>
          <ExportLinks href={`${href}?table=participants`} label={r.exportParticipants} />
          <DataTable
            columns={[r.township, r.station, r.deputy, r.led, r.cosigned]}
            rows={props.participants}
            label={r.participants}
            row={(p) => (
              <tr>
                <td>{p.stationName === null ? '' : townshipLabel(p.township)}</td>
                <td>{p.stationName ?? r.noStation}</td>
                <td>{p.name}</td>
                <td>{p.led}</td>
                <td>{p.cosigned}</td>
              </tr>
            )}
          />
        </>
      )}
    </article>
  );
}

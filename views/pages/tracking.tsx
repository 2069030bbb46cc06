/** B类件跟踪 (回头看): open promises, carried over from earlier years until their final reply. */
import { ExportLinks } from '../components/export-links';
import { chinaDate } from '../format';
import { DataTable } from '../components/table';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';

export interface TrackingItem {
  id: number;
  number: string | null;
  title: string;
  submittedAt: number | null;
  replyClass: string | null;
  promisedDate: string | null;
  lastProgressAt: number | null;
  units: string | null;
}

export function TrackingPage(props: { base: string; items: TrackingItem[]; today: string }) {
  const t = text.tracking;
  const thisYear = props.today.slice(0, 4);
  return (
    <section>
      <PageHead title={t.title} intro={t.intro} />
      {props.items.length > 0 && <ExportLinks href={`${props.base}/tracking`} />}
      <DataTable
        columns={[text.suggestion.title, text.handling.units, text.handling.promisedDate, t.lastProgress]}
        rows={props.items}
        empty={t.empty}
        row={(i) => {
          const late = i.promisedDate !== null && i.promisedDate < props.today;
          const carried = i.submittedAt !== null && chinaDate(i.submittedAt).slice(0, 4) < thisYear;
          return (
            <tr>
              <td>
                <a href={`${props.base}/suggestions/${i.id}`}>{i.title}</a>
                <div class="meta">
                  {i.number ?? ''} · {i.replyClass ? `${i.replyClass} 类` : ''}
                  {carried && ` · ${t.carried}`}
                </div>
              </td>
              <td>{i.units ?? ''}</td>
              <td>
                {i.promisedDate ?? ''}
                {late && <strong class="late"> {t.late}</strong>}
              </td>
              <td>{i.lastProgressAt ? chinaDate(i.lastProgressAt) : t.noProgress}</td>
            </tr>
          );
        }}
      />
    </section>
  );
}

/** 督办看板: the secretary's and chair's view of yellow and red stages, by unit, stage and days overdue. */
import { ExportLinks } from '../components/export-links';
import { ColourBadge } from '../components/colour-badge';
import { text } from '../i18n';

export interface BoardRow {
  deadlineId: number;
  suggestionId: number;
  number: string | null;
  title: string;
  isKey: boolean;
  stage: string;
  colour: string;
  dueDate: string;
  unitId: number | null;
  unitName: string | null;
  /** Negative when overdue. */
  daysLeft: number;
}

export interface BoardProps {
  base: string;
  rows: BoardRow[];
  units: { id: number; name: string }[];
  filters: { colour: string | null; unitId: number | null; stage: string | null };
  counts: { yellow: number; red: number };
}

export function SupervisionBoardPage(p: BoardProps) {
  const b = text.board;
  const sv = text.supervision;
  return (
    <section>
      <h1>{b.title}</h1>
      <p>
        {b.summary(p.counts.red, p.counts.yellow)}
      </p>
      <form method="get" action={`${p.base}/supervision`} class="card filters">
        <div class="filter-row">
          <label>
            {sv.colourLabel}
            <select name="colour">
              <option value="">{b.yellowAndRed}</option>
              <option value="red" selected={p.filters.colour === 'red'}>
                {sv.colours.red}
              </option>
              <option value="yellow" selected={p.filters.colour === 'yellow'}>
                {sv.colours.yellow}
              </option>
            </select>
          </label>
          <label>
            {text.handling.units}
            <select name="unit">
              <option value="">{text.list.all}</option>
              {p.units.map((u) => (
                <option value={String(u.id)} selected={p.filters.unitId === u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {b.stage}
            <select name="stage">
              <option value="">{text.list.all}</option>
              {Object.entries(sv.stages).map(([v, label]) => (
                <option value={v} selected={p.filters.stage === v}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit">{text.list.apply}</button>
      </form>
      {p.rows.length > 0 && (
        <ExportLinks
          href={`${p.base}/supervision?${new URLSearchParams(
            Object.entries({ colour: p.filters.colour ?? '', unit: p.filters.unitId ? String(p.filters.unitId) : '', stage: p.filters.stage ?? '' }).filter(([, v]) => v),
          ).toString()}`}
        />
      )}
      {p.rows.length === 0 ? (
        <p class="card">{b.empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{text.suggestion.title}</th>
              <th scope="col">{text.handling.units}</th>
              <th scope="col">{b.stage}</th>
              <th scope="col">{b.due}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <ColourBadge colour={r.colour} /> <a href={`${p.base}/suggestions/${r.suggestionId}`}>{r.title}</a>
                  <div class="meta">
                    {r.number ?? ''}
                    {r.isKey && ` · ${text.handling.keyLabel}`}
                  </div>
                </td>
                <td>{r.unitId ? <a href={`${p.base}/supervision?unit=${r.unitId}`}>{r.unitName}</a> : b.deputyStage}</td>
                <td>{sv.stages[r.stage] ?? r.stage}</td>
                <td>
                  {r.dueDate}
                  <div class="meta">{r.daysLeft < 0 ? b.overdue(-r.daysLeft) : b.left(r.daysLeft)}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

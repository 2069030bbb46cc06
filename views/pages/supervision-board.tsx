/** 督办看板: the secretary's and chair's view of yellow and red stages, by unit, stage and days overdue. */
import { ExportLinks } from '../components/export-links';
import { ColourBadge } from '../components/colour-badge';
import { FilterBar, FilterSelect } from '../components/filter-form';
import { DataTable } from '../components/table';
import { text } from '../text/index';

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
      <p>{b.summary(p.counts.red, p.counts.yellow)}</p>
      <FilterBar action={`${p.base}/supervision`}>
        <FilterSelect
          label={sv.colourLabel}
          name="colour"
          value={p.filters.colour}
          all={b.yellowAndRed}
          options={[
            ['red', sv.colours.red],
            ['yellow', sv.colours.yellow],
          ]}
        />
        <FilterSelect
          label={text.handling.units}
          name="unit"
          value={p.filters.unitId ? String(p.filters.unitId) : ''}
          all={text.list.all}
          options={p.units.map((u) => [String(u.id), u.name] as const)}
        />
        <FilterSelect label={b.stage} name="stage" value={p.filters.stage} all={text.list.all} options={Object.entries(sv.stages)} />
      </FilterBar>
      {p.rows.length > 0 && (
        <ExportLinks
          href={`${p.base}/supervision?${new URLSearchParams(
            Object.entries({
              colour: p.filters.colour ?? '',
              unit: p.filters.unitId ? String(p.filters.unitId) : '',
              stage: p.filters.stage ?? '',
            }).filter(([, v]) => v),
          ).toString()}`}
        />
      )}
      <DataTable
        columns={[text.suggestion.title, text.handling.units, b.stage, b.due]}
        rows={p.rows}
        empty={b.empty}
        row={(r) => (
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
        )}
      />
    </section>
  );
}

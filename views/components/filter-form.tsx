/** The filters and search box above a staff list: a plain GET form, and the bar and drop-downs other lists build theirs from. */
import type { Child } from 'hono/jsx';
import { ExportLinks } from './export-links';
import { text } from '../text/index';
import { SUGGESTION_STATES } from '../../worker/rules/suggestion-states';
import type { ListFilters } from '../../worker/rules/list-filters';
import { chinaYearOf } from '../../worker/rules/china-time';

export interface FilterFormProps {
  action: string;
  filters: ListFilters;
  categories: { id: number; name: string }[];
  units: { id: number; name: string }[];
  /** Where the whole filtered list downloads (CSV / .xlsx). */
  exportHref?: string;
}

/** A GET form of filters in one row (`.filter-row`) and the apply button; `after` follows the button. */
export function FilterBar(props: { action: string; search?: boolean; class?: string; submitLabel?: string; children: Child; after?: Child }) {
  return (
    <form
      method="get"
      action={props.action}
      class={props.class ? `card filters ${props.class}` : 'card filters'}
      role={props.search ? 'search' : undefined}
    >
      <div class="filter-row">{props.children}</div>
      <button type="submit">{props.submitLabel ?? text.list.apply}</button>
      {props.after}
    </form>
  );
}

/** One labelled drop-down of a filter bar; `all` adds the first, empty choice (no filter). */
export function FilterSelect(props: {
  label: string;
  name: string;
  value: string | null | undefined;
  options: readonly (readonly [string, Child])[];
  all?: string;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        {props.all !== undefined && <option value="">{props.all}</option>}
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

const idOptions = (rows: { id: number; name: string }[]) => rows.map((r) => [String(r.id), r.name] as const);

export function FilterForm(p: FilterFormProps) {
  const f = p.filters;
  const l = text.list;
  const thisYear = chinaYearOf(Date.now());
  const years = [0, 1, 2, 3, 4].map((n) => String(thisYear - n));
  return (
    <FilterBar action={p.action} search submitLabel={l.apply} after={p.exportHref && <ExportLinks href={p.exportHref} label={l.exportAll} />}>
      <label>
        {l.search}
        <input type="text" name="q" value={f.words.join(' ')} placeholder={l.searchHint} />
      </label>
      <FilterSelect
        label={text.suggestion.state}
        name="state"
        value={f.state}
        all={l.all}
        options={SUGGESTION_STATES.filter((s) => s !== 'draft').map((s) => [s, text.states[s]] as const)}
      />
      <FilterSelect
        label={text.supervision.colourLabel}
        name="colour"
        value={f.colour}
        all={l.all}
        options={(['green', 'yellow', 'red'] as const).map((c) => [c, text.supervision.colours[c]] as const)}
      />
      <FilterSelect label={text.handling.units} name="unit" value={f.unitId ? String(f.unitId) : ''} all={l.all} options={idOptions(p.units)} />
      <FilterSelect
        label={text.suggestion.category}
        name="category"
        value={f.categoryId ? String(f.categoryId) : ''}
        all={l.all}
        options={idOptions(p.categories)}
      />
      <FilterSelect label={l.year} name="year" value={f.year ? String(f.year) : ''} all={l.all} options={years.map((y) => [y, y] as const)} />
      <label class="choice">
        <input type="checkbox" name="key" value="1" checked={f.keyOnly} /> {l.keyOnly}
      </label>
    </FilterBar>
  );
}

/** “年度 [2026] 查看”: a small GET form choosing the year a page shows. */
export function YearPicker(props: { action: string; label: string; year: number; years: number[]; submitLabel: string; class?: string }) {
  return (
    <form method="get" action={props.action} class={props.class ?? 'inline'}>
      <label>
        {props.label}{' '}
        <select name="year">
          {props.years.map((y) => (
            <option value={String(y)} selected={y === props.year}>
              {y}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit">{props.submitLabel}</button>
    </form>
  );
}

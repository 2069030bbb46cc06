/** The filters and search box above a staff list: a plain GET form. */
import { ExportLinks } from './export-links';
import { text } from '../i18n';
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

export function FilterForm(p: FilterFormProps) {
  const f = p.filters;
  const l = text.list;
  const thisYear = chinaYearOf(Date.now());
  const years = [0, 1, 2, 3, 4].map((n) => thisYear - n);
  return (
    <form method="get" action={p.action} class="card filters" role="search">
      <div class="filter-row">
        <label>
          {l.search}
          <input type="text" name="q" value={f.words.join(' ')} placeholder={l.searchHint} />
        </label>
        <label>
          {text.suggestion.state}
          <select name="state">
            <option value="">{l.all}</option>
            {SUGGESTION_STATES.filter((s) => s !== 'draft').map((s) => (
              <option value={s} selected={f.state === s}>
                {text.states[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.supervision.colourLabel}
          <select name="colour">
            <option value="">{l.all}</option>
            {(['green', 'yellow', 'red'] as const).map((c) => (
              <option value={c} selected={f.colour === c}>
                {text.supervision.colours[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.handling.units}
          <select name="unit">
            <option value="">{l.all}</option>
            {p.units.map((u) => (
              <option value={String(u.id)} selected={f.unitId === u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.suggestion.category}
          <select name="category">
            <option value="">{l.all}</option>
            {p.categories.map((c) => (
              <option value={String(c.id)} selected={f.categoryId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {l.year}
          <select name="year">
            <option value="">{l.all}</option>
            {years.map((y) => (
              <option value={String(y)} selected={f.year === y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label class="choice">
          <input type="checkbox" name="key" value="1" checked={f.keyOnly} /> {l.keyOnly}
        </label>
      </div>
      <button type="submit">{l.apply}</button>
      {p.exportHref && <ExportLinks href={p.exportHref} label={l.exportAll} />}
    </form>
  );
}

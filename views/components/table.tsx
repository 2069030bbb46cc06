/**
 * A data table with its column headers and its empty state: the list pages
 * (tokens, users, counties, receptions…) all say "nothing yet" the same way.
 */
import type { Child } from 'hono/jsx';

export interface DataTableProps<T> {
  /** Column headers, each a `<th scope="col">`. */
  columns: Child[];
  rows: readonly T[];
  row: (r: T, i: number) => Child;
  /** Rows after the data rows, in the same body (a total). */
  tail?: Child;
  /** Shown instead of the table when there are no rows, as `<p class="card">` (or a plain `<p>` with `emptyPlain`). */
  empty?: Child;
  emptyPlain?: boolean;
  /** Wrap the table in a horizontally scrolling box (`.table-scroll`)… */
  scroll?: boolean;
  /** …that can take keyboard focus to scroll… */
  focusable?: boolean;
  /** …and is a named region (implies scroll and focusable). */
  label?: string;
  id?: string;
  class?: string;
}

export function DataTable<T>(p: DataTableProps<T>) {
  if (p.rows.length === 0 && p.empty !== undefined) return p.emptyPlain ? <p>{p.empty}</p> : <p class="card">{p.empty}</p>;
  const table = (
    <table id={p.id} class={p.class}>
      <thead>
        <tr>
          {p.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r, i) => p.row(r, i))}
        {p.tail}
      </tbody>
    </table>
  );
  if (p.label !== undefined) {
    return (
      <div class="table-scroll" tabindex={0} role="region" aria-label={p.label}>
        {table}
      </div>
    );
  }
  if (p.scroll || p.focusable) {
    return (
      <div class="table-scroll" tabindex={p.focusable ? 0 : undefined}>
        {table}
      </div>
    );
  }
  return table;
}

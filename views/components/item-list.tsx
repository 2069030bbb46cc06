/** A list of items (`ul.list`) with its empty state, and the usual item: a link with a line of details under it. */
import type { Child } from 'hono/jsx';

export function ItemList<T>(p: {
  items: readonly T[];
  item: (x: T) => Child;
  /** Shown instead of the list when there are no items… */
  empty?: Child;
  /** …as `<p class="card">` unless told otherwise ('' for a plain `<p>`). */
  emptyClass?: string;
}) {
  if (p.items.length === 0 && p.empty !== undefined) return <p class={p.emptyClass === '' ? undefined : (p.emptyClass ?? 'card')}>{p.empty}</p>;
  return <ul class="list">{p.items.map((x) => p.item(x))}</ul>;
}

/** One item: the link, then its details (the children) in a `.meta` line. */
export function LinkItem(p: { href: string; title: Child; children: Child }) {
  return (
    <li>
      <a href={p.href}>{p.title}</a>
      <div class="meta">{p.children}</div>
    </li>
  );
}

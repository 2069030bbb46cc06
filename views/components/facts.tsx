/** A fact list (`<dl>`): a term and its value per line, as on the detail pages of a suggestion, a reception or a project. */
import type { Child } from 'hono/jsx';

/** One fact: its term, its value, and `content` for a value that keeps its line breaks (`dd.content`). */
export type Fact = readonly [term: Child, value: Child, ddClass?: 'content'];

/** The facts in order; a fact the page leaves out is written `condition && [term, value]`. */
export function Facts(p: { class: string; facts: readonly (Fact | false | null | undefined | '')[] }) {
  return (
    <dl class={p.class}>
      {p.facts.map(
        (f) =>
          f && (
            <>
              <dt>{f[0]}</dt>
              <dd class={f[2]}>{f[1]}</dd>
            </>
          ),
      )}
    </dl>
  );
}

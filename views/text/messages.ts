/** Turning the error codes a rule returns into the messages a form shows. */

/**
 * The message of each field's code, e.g.
 * `messagesOf({ title: 'title_required' }, text.forums.formErrors)` → `{ title: '请填写议题。' }`.
 */
export function messagesOf<F extends string, C extends string>(errors: Partial<Record<F, C>>, table: Record<C, string>): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const [field, code] of Object.entries(errors) as [F, C | undefined][]) if (code) out[field] = table[code];
  return out;
}

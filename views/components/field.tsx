/**
 * A labelled form field with its hint and its error message next to it,
 * linked by aria-describedby so screen readers read them with the field.
 */
import type { Child } from 'hono/jsx';

export type FieldErrors = Partial<Record<string, string>>;

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The control itself; receive `describedBy` and `invalid` to wire up. */
  control: (a11y: { id: string; describedBy: string | undefined; invalid: boolean }) => Child;
}

export function Field(props: FieldProps) {
  const id = `f-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
      {props.control({ id, describedBy, invalid: Boolean(props.error) })}
    </div>
  );
}

/** A group of checkboxes (or radios) with one legend and one error. */
export function FieldSet(props: { name: string; legend: string; hint?: string; error?: string | undefined; children: Child }) {
  const errorId = props.error ? `f-${props.name}-error` : undefined;
  return (
    <fieldset class={props.error ? 'field has-error' : 'field'} aria-describedby={errorId}>
      <legend>{props.legend}</legend>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.error && (
        <p class="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
      {props.children}
    </fieldset>
  );
}

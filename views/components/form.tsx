/**
 * The small pieces every form page repeats: the CSRF field, the banner that
 * says what just happened, and a one-button POST form (remove, revoke,
 * enable…). Fields with their label and error are in ./field.
 */
import type { Child } from 'hono/jsx';

/** The hidden `_csrf` field every POST form carries. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** Hidden fields, one per entry, in order. */
export function Hidden(props: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(props.values).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/**
 * The banner above a page: `notice` says what was done (role="status"),
 * `alert` why something was refused (role="alert"). Nothing when both are empty.
 */
export function Notice(props: { notice?: string | undefined; alert?: string | undefined; alertId?: string }) {
  return (
    <>
      {props.notice && (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      )}
      {props.alert && (
        <p class="alert" role="alert" id={props.alertId}>
          {props.alert}
        </p>
      )}
    </>
  );
}

/**
 * A POST form with its CSRF field first. `noBoost` for a form whose answer
 * must be a full page (a one-time code, a file); `multipart` for uploads.
 */
export function PostForm(p: {
  action: string;
  csrfToken: string;
  class?: string;
  novalidate?: boolean;
  noBoost?: boolean;
  multipart?: boolean;
  /** Other attributes (data-…), passed on as they are. */
  attrs?: Record<string, string | undefined>;
  children: Child;
}) {
  return (
    <form
      method="post"
      action={p.action}
      enctype={p.multipart ? 'multipart/form-data' : undefined}
      class={p.class}
      novalidate={p.novalidate}
      hx-boost={p.noBoost ? 'false' : undefined}
      {...p.attrs}
    >
      <Csrf token={p.csrfToken} />
      {p.children}
    </form>
  );
}

export interface PostButtonProps {
  action: string;
  csrfToken: string;
  label: Child;
  /** A heading inside the form (when the form is a card of its own). */
  title?: Child;
  /** Fields sent with the button (after the CSRF field). */
  hidden?: Record<string, string>;
  /** A line above the button saying what it does (`meta` or `hint` style). */
  hint?: Child;
  hintClass?: 'meta' | 'hint';
  /** The form's class: `inline` to sit in a line of text, `inline-form`, … */
  class?: string;
  /** The button's class; `small` by default (in a table row). Pass '' for a plain button. */
  buttonClass?: string;
  /** For a POST that answers with a file or a full page that must not be swapped. */
  noBoost?: boolean;
}

/** A POST form that is one button: remove a date, revoke a token, resume a county. */
export function PostButton(p: PostButtonProps) {
  const buttonClass = p.buttonClass ?? 'small';
  return (
    <form method="post" action={p.action} class={p.class} hx-boost={p.noBoost ? 'false' : undefined}>
      {p.title && <h2>{p.title}</h2>}
      {p.hint && <p class={p.hintClass ?? 'meta'}>{p.hint}</p>}
      <Csrf token={p.csrfToken} />
      {p.hidden && <Hidden values={p.hidden} />}
      <button type="submit" class={buttonClass || undefined}>
        {p.label}
      </button>
    </form>
  );
}

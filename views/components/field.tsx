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

/** What `Field` hands its control: the id and the aria wiring. */
export type FieldA11y = { id: string; describedBy: string | undefined; invalid: boolean };

/** The two attributes that tie a control to its hint and its error. */
export function ariaOf(a: { describedBy: string | undefined; invalid: boolean }) {
  return { 'aria-describedby': a.describedBy, 'aria-invalid': a.invalid ? ('true' as const) : undefined };
}

/** The keys of a form's values that hold text (what a text box or a drop-down shows). */
type TextKeys<V> = { [K in keyof V]: V[K] extends string | undefined ? K : never }[keyof V] & string;

/**
 * A form's fields bound to its values and errors by name, so a field is named once:
 * `const field = fieldsOf(values, errors)` then `<TextField {...field('title')} label=… />`.
 */
export function fieldsOf<V extends object>(values: V, errors: Partial<Record<string, string | undefined>>) {
  return <K extends TextKeys<V>>(name: K) => ({ name, value: values[name] as string | undefined, error: errors[name] });
}

interface LabelledProps {
  name: string;
  /** When the id must differ from the name (two forms on one page send the same name): the field is `f-${fieldId}`. */
  fieldId?: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

const labelled = ({ name, fieldId, label, hint, error }: LabelledProps) => ({ name: fieldId ?? name, label, hint, error });

/** A one-line text input with its label, hint and error. */
export function TextField(
  props: LabelledProps & {
    /** A password field leaves it out when undefined (never echoed back). */
    value: string | undefined;
    type?: 'text' | 'date' | 'time' | 'datetime-local' | 'month' | 'password' | 'email' | 'tel';
    inputmode?: 'tel' | 'email' | 'numeric' | 'url' | 'decimal';
    maxlength?: number;
    size?: number;
    required?: boolean;
    autocomplete?: string;
    autocapitalize?: 'none' | 'off';
    placeholder?: string;
  },
) {
  return (
    <Field
      {...labelled(props)}
      control={(a) => (
        <input
          type={props.type ?? 'text'}
          id={a.id}
          name={props.name}
          value={props.type === 'password' ? props.value : (props.value ?? '')}
          inputmode={props.inputmode}
          maxlength={props.maxlength}
          size={props.size}
          required={props.required}
          autocomplete={props.autocomplete}
          autocapitalize={props.autocapitalize}
          placeholder={props.placeholder}
          {...ariaOf(a)}
        />
      )}
    />
  );
}

/** A password box: required, never echoed back; `new-password` for a password being set. */
export function PasswordField(props: LabelledProps & { autocomplete: 'current-password' | 'new-password'; maxlength?: number }) {
  return <TextField {...props} type="password" value={undefined} required />;
}

/** The account name box of the login and reset forms: required, not capitalised by phones. */
export function UsernameField(props: LabelledProps & { value: string; maxlength?: number }) {
  return <TextField {...props} autocomplete="username" autocapitalize="none" required />;
}

/** A multi-line text box with its label, hint and error. */
export function TextAreaField(props: LabelledProps & { value: string | undefined; rows?: number; maxlength?: number; required?: boolean }) {
  return (
    <Field
      {...labelled(props)}
      control={(a) => (
        <textarea id={a.id} name={props.name} rows={props.rows} maxlength={props.maxlength} required={props.required} {...ariaOf(a)}>
          {props.value ?? ''}
        </textarea>
      )}
    />
  );
}

/** A drop-down with its label, hint and error; `placeholder` adds a first, empty choice. */
export function SelectField(
  props: LabelledProps & { value: string | undefined; options: readonly (readonly [string, Child])[]; placeholder?: string; required?: boolean },
) {
  return (
    <Field
      {...labelled(props)}
      control={(a) => (
        <select id={a.id} name={props.name} required={props.required} {...ariaOf(a)}>
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map(([value, label]) => (
            <option value={value} selected={value === props.value}>
              {label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** Radio buttons under one legend (`.field` fieldset, each a `label.choice`); `children` follow the radios. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  value: string | undefined;
  choices: readonly (readonly [string, Child])[];
  children?: Child;
}) {
  return (
    <fieldset class="field">
      <legend>{props.legend}</legend>
      {props.choices.map(([value, label]) => (
        <label class="choice">
          <input type="radio" name={props.name} value={value} checked={value === props.value} /> {label}
        </label>
      ))}
      {props.children}
    </fieldset>
  );
}

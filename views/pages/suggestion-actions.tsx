/**
 * The handling forms on a suggestion's page: one small form per action the
 * signed-in person may take now (worker/rules/available-actions.ts). A form
 * that was refused comes back with its messages and everything typed.
 */
import type { Child } from 'hono/jsx';
import { Field, FieldSet, TextAreaField, TextField, ariaOf } from '../components/field';
import { Notice, PostForm } from '../components/form';
import { text } from '../text/index';
import type { UiAction } from '../../worker/rules/available-actions';
import type { ActionErrors, ActionValues } from '../../worker/forms/suggestion-actions';

const h = text.handling;
const f = h.fields;

export interface ActionFormOptions {
  categories: { id: number; name: string }[];
  units: { id: number; name: string }[];
  leaders: { id: number; name: string }[];
  replyClasses: string[];
  today: string;
  /** Current values to preselect (category, key marking, leader). */
  current: { categoryId: number | null; isKey: boolean; supervisingLeaderUserId: number | null };
}

export interface FailedForm {
  action: UiAction;
  values: ActionValues;
  errors: ActionErrors;
}

interface FormProps {
  action: UiAction;
  href: string;
  csrfToken: string;
  failed?: FailedForm;
  options: ActionFormOptions;
  /** The only action on the page: shown open. */
  single?: boolean;
}

function val(p: FormProps, key: string, fallback = ''): string {
  const v = p.failed?.action === p.action ? p.failed.values[key] : undefined;
  return typeof v === 'string' ? v : fallback;
}

function many(p: FormProps, key: string): string[] {
  const v = p.failed?.action === p.action ? p.failed.values[key] : undefined;
  return Array.isArray(v) ? v : [];
}

function err(p: FormProps, key: string): string | undefined {
  return p.failed?.action === p.action ? p.failed.errors[key] : undefined;
}

/** Field names are prefixed with the action so ids stay unique on the page. */
const fid = (p: FormProps, name: string) => `${p.action}-${name}`;

function TextArea(p: FormProps & { name: string; label: string; rows?: number }) {
  return <TextAreaField fieldId={fid(p, p.name)} name={p.name} label={p.label} error={err(p, p.name)} value={val(p, p.name)} rows={p.rows ?? 3} />;
}

function TextInput(p: FormProps & { name: string; label: string; type?: 'date'; hint?: string; fallback?: string }) {
  return (
    <TextField
      fieldId={fid(p, p.name)}
      name={p.name}
      type={p.type}
      label={p.label}
      hint={p.hint}
      error={err(p, p.name)}
      value={val(p, p.name, p.fallback ?? '')}
    />
  );
}

function Select(p: FormProps & { name: string; label: string; choices: [string, string][]; fallback?: string; multiple?: boolean }) {
  const hint = p.multiple ? text.handling.fields.multiHint : undefined;
  const chosen = p.multiple ? many(p, p.name) : [val(p, p.name, p.fallback ?? '')];
  return (
    <Field
      name={fid(p, p.name)}
      label={p.label}
      hint={hint}
      error={err(p, p.name)}
      control={(a) => (
        <select id={a.id} name={p.name} multiple={p.multiple} size={p.multiple ? 5 : undefined} {...ariaOf(a)}>
          {!p.multiple && <option value="">{text.suggestion.choose}</option>}
          {p.choices.map(([v, label]) => (
            <option value={v} selected={chosen.includes(v)}>
              {label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

function Radios(p: FormProps & { name: string; legend: string; choices: [string, string][]; fallback?: string }) {
  const chosen = val(p, p.name, p.fallback ?? '');
  const error = err(p, p.name);
  return (
    <FieldSet name={fid(p, p.name)} legend={p.legend} error={error}>
      {p.choices.map(([v, label]) => (
        <label class="choice">
          <input type="radio" name={p.name} value={v} checked={chosen === v} aria-invalid={error ? 'true' : undefined} /> {label}
        </label>
      ))}
    </FieldSet>
  );
}

function fields(p: FormProps): Child {
  const o = p.options;
  const units: [string, string][] = o.units.map((u) => [String(u.id), u.name]);
  const classes: [string, string][] = o.replyClasses.map((c) => [c, h.classes[c] ?? c]);
  const ratingChoices = Object.entries(h.ratingValues) as [string, string][];
  switch (p.action) {
    case 'accept':
    case 'classify':
      return (
        <>
          <Select
            {...p}
            name="category_id"
            label={text.suggestion.category}
            choices={o.categories.map((c) => [String(c.id), c.name])}
            fallback={o.current.categoryId ? String(o.current.categoryId) : ''}
          />
          <label class="choice">
            <input type="checkbox" name="is_key" value="1" checked={p.failed?.action === p.action ? val(p, 'is_key') === '1' : o.current.isKey} />{' '}
            {f.isKey}
          </label>
          <Select
            {...p}
            name="supervising_leader_id"
            label={h.leader}
            choices={o.leaders.map((l) => [String(l.id), l.name])}
            fallback={o.current.supervisingLeaderUserId ? String(o.current.supervisingLeaderUserId) : ''}
          />
        </>
      );
    case 'return_for_revision':
      return <TextArea {...p} name="note" label={f.note} />;
    case 'reject':
      return (
        <>
          <Select {...p} name="reason_code" label={f.rejectReason} choices={Object.entries(h.rejectReasons) as [string, string][]} />
          <TextInput {...p} name="reason" label={f.reason} />
        </>
      );
    case 'merge':
      return <TextInput {...p} name="target_number" label={f.target} hint={f.targetHint} />;
    case 'assign':
    case 'reassign':
      return (
        <>
          <Radios
            {...p}
            name="mode"
            legend={f.mode}
            fallback="lead"
            choices={[
              ['lead', f.modeLead],
              ['split', f.modeSplit],
            ]}
          />
          <Select {...p} name="lead_unit" label={f.leadUnit} choices={units} />
          <Select {...p} name="assist_units" label={f.assistUnits} choices={units} multiple />
          <Select {...p} name="split_units" label={f.splitUnits} choices={units} multiple />
          <TextInput {...p} name="note" label={f.note} />
        </>
      );
    case 'approve_return':
      return <TextInput {...p} name="note" label={f.note} />;
    case 'refuse_return':
    case 'close':
      return <TextArea {...p} name="note" label={f.reason} />;
    case 'extend':
      return (
        <>
          <TextInput {...p} name="new_due" label={f.newDue} type="date" />
          <TextArea {...p} name="reason" label={f.reason} />
        </>
      );
    case 'correct_class':
      return (
        <>
          <Select {...p} name="reply_class" label={h.classLabel} choices={classes} />
          <TextArea {...p} name="reason" label={f.reason} />
        </>
      );
    case 'request_return':
      return <TextArea {...p} name="reason" label={f.reason} />;
    case 'opinion':
    case 'progress':
    case 'final_reply':
      return <TextArea {...p} name="body" label={f.body} rows={5} />;
    case 'contact':
      return (
        <>
          <TextInput {...p} name="contacted_on" label={f.contactedOn} type="date" fallback={o.today} />
          <Select {...p} name="who" label={f.who} choices={Object.entries(h.contactWho) as [string, string][]} />
          <Select {...p} name="how" label={f.how} choices={Object.entries(h.contactHow) as [string, string][]} />
          <TextInput {...p} name="note" label={f.note} />
        </>
      );
    case 'reply':
      return (
        <>
          <TextArea {...p} name="body" label={f.body} rows={8} />
          <Select {...p} name="reply_class" label={h.classLabel} choices={classes} />
          <TextInput {...p} name="promised_date" label={h.promisedDate} type="date" />
          <TextInput {...p} name="signer" label={h.signer} />
          <Field
            name={fid(p, 'files')}
            label={text.attachments.label}
            hint={text.attachments.hint}
            error={err(p, 'files') ?? (p.failed?.action === p.action ? text.attachments.reattach : undefined)}
            control={(a) => (
              <input
                type="file"
                id={a.id}
                name="files"
                multiple
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby={a.describedBy}
              />
            )}
          />
        </>
      );
    case 'raise_colour':
      return (
        <>
          <Radios
            {...p}
            name="colour"
            legend={h.raiseTo}
            choices={[
              ['yellow', text.supervision.colours.yellow!],
              ['red', text.supervision.colours.red!],
            ]}
          />
          <TextArea {...p} name="reason" label={f.reason} />
        </>
      );
    case 'supervise':
      return (
        <>
          <Radios {...p} name="kind" legend={h.superviseKind} choices={Object.entries(h.superviseKinds) as [string, string][]} />
          <TextInput {...p} name="acted_on" label={h.actedOn} type="date" fallback={o.today} />
          <TextArea {...p} name="note" label={f.note} />
        </>
      );
    case 'rate':
      return (
        <>
          <Radios {...p} name="attitude" legend={h.attitude} choices={ratingChoices} />
          <Radios {...p} name="result" legend={h.result} choices={ratingChoices} />
          <TextArea {...p} name="comment" label={h.comment} />
        </>
      );
    default:
      return null;
  }
}

export function ActionForm(p: FormProps) {
  if (p.action === 'resubmit') {
    return (
      <p>
        <a class="button" href={`${p.href}/edit`}>
          {h.buttons.resubmit}
        </a>
      </p>
    );
  }
  const failedHere = p.failed?.action === p.action;
  // Each action folds into one line until opened; a refused form opens itself.
  return (
    <details class="card action" id={`act-${p.action}`} open={failedHere || p.single}>
      <summary>{h.buttons[p.action]}</summary>
      <PostForm action={`${p.href}/act/${p.action}`} csrfToken={p.csrfToken} novalidate multipart={p.action === 'reply'}>
        <Notice alert={failedHere ? p.failed?.errors.form : undefined} />
        {fields(p)}
        <button type="submit">{h.buttons[p.action]}</button>
      </PostForm>
    </details>
  );
}

/** The main step first, the ones that undo or refuse work last. */
const ORDER: UiAction[] = [
  'sign_for',
  'reply',
  'opinion',
  'contact',
  'progress',
  'final_reply',
  'rate',
  'resubmit',
  'accept',
  'assign',
  'reassign',
  'refuse_return',
  'approve_return',
  'extend',
  'classify',
  'correct_class',
  'close',
  'supervise',
  'raise_colour',
  'return_for_revision',
  'merge',
  'reject',
  'request_return',
];

export function ActionPanel(props: { actions: UiAction[]; href: string; csrfToken: string; failed?: FailedForm; options: ActionFormOptions }) {
  if (props.actions.length === 0) return null;
  return (
    <section>
      <h2>{h.actionsTitle}</h2>
      {[...props.actions]
        .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))
        .map((action) => (
          <ActionForm
            action={action}
            href={props.href}
            csrfToken={props.csrfToken}
            failed={props.failed}
            options={props.options}
            single={props.actions.length === 1}
          />
        ))}
    </section>
  );
}

/** The tenant admin's 工作日历 and 办理设置 pages. */
import { Field, RadioGroup, TextAreaField, TextField, ariaOf, fieldsOf } from '../components/field';
import { YearPicker } from '../components/filter-form';
import { PostButton, PostForm } from '../components/form';
import { DataTable } from '../components/table';
import { PageHead } from '../components/page-head';
import { text } from '../text/index';
import type { CalendarEntry } from '../../db/repos/tenant-config';
import { PERIOD_KEYS, type SettingsErrors, type SettingsValues } from '../../worker/forms/settings';
import { LedgerWeightFields } from './ledger';

const c = text.admin.calendar;
const st = text.admin.settings;

/** The settings form's radio choices: from what the reply deadline counts, how many reply classes, which robot. */
const FROM = [
  ['assignment', st.fromAssignment],
  ['session_close', st.fromSessionClose],
] as const;
const CLASSES = [
  ['4', st.fourClasses],
  ['3', st.threeClasses],
] as const;
const WEBHOOKS = [
  ['wecom', st.wecom],
  ['dingtalk', st.dingtalk],
] as const;

export function CalendarPage(props: {
  base: string;
  csrfToken: string;
  year: number;
  entries: CalendarEntry[];
  importText: string;
  importErrors: string[];
  notice?: string;
}) {
  const action = `${props.base}/admin/calendar`;
  return (
    <section>
      <PageHead title={c.title} intro={c.intro} notice={props.notice} />
      <YearPicker
        action={action}
        label={c.year}
        year={props.year}
        years={[props.year - 1, props.year, props.year + 1]}
        submitLabel={text.list.apply}
      />
      <DataTable
        columns={[c.date, c.kind, c.name, '']}
        rows={props.entries}
        empty={c.none}
        row={(e) => (
          <tr>
            <td>{e.date}</td>
            <td>{e.kind === 'holiday' ? c.holiday : c.workday}</td>
            <td>{e.name ?? ''}</td>
            <td>
              <PostButton
                action={`${action}/remove`}
                csrfToken={props.csrfToken}
                hidden={{ date: e.date, year: String(props.year) }}
                label={c.remove}
              />
            </td>
          </tr>
        )}
      />
      <PostForm action={`${action}/import`} csrfToken={props.csrfToken} class="card">
        <h2>{c.importTitle}</h2>
        <TextAreaField
          name="lines"
          label={c.importTitle}
          hint={c.importHint}
          error={props.importErrors.length ? props.importErrors.join(' ') : undefined}
          value={props.importText}
          rows={8}
        />
        {props.importErrors.length > 1 && (
          <ul class="error">
            {props.importErrors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        )}
        <button type="submit">{c.importButton}</button>
      </PostForm>
    </section>
  );
}

function Period(props: { name: (typeof PERIOD_KEYS)[number]; label: string; values: SettingsValues; errors: SettingsErrors }) {
  const unit = props.values[`${props.name}_unit`];
  return (
    <Field
      name={`${props.name}_amount`}
      label={props.label}
      error={props.errors[`${props.name}_amount`]}
      control={(a) => (
        <span class="period">
          <input
            type="text"
            inputmode="numeric"
            id={a.id}
            name={`${props.name}_amount`}
            value={props.values[`${props.name}_amount`] ?? ''}
            size={4}
            {...ariaOf(a)}
          />
          <select name={`${props.name}_unit`} aria-label={`${props.label}（单位）`}>
            {Object.entries(st.units).map(([v, label]) => (
              <option value={v} selected={unit === v}>
                {label}
              </option>
            ))}
          </select>
        </span>
      )}
    />
  );
}

export function SettingsPage(props: { base: string; csrfToken: string; values: SettingsValues; errors: SettingsErrors; notice?: string }) {
  const v = props.values;
  const e = props.errors;
  const field = fieldsOf(v, e);
  /** A small whole number (months, days). */
  const count = (name: 'maxExtensionMonths' | 'yellowDaysBefore', label: string) => (
    <TextField inputmode="numeric" size={4} name={name} label={label} error={e[name]} value={v[name]} />
  );
  return (
    <section>
      <PageHead title={st.title} intro={st.intro} notice={props.notice} />
      <PostForm action={`${props.base}/admin/settings`} csrfToken={props.csrfToken} class="card" novalidate>
        <Period name="replyDeadline" label={st.replyDeadline} values={v} errors={e} />
        <RadioGroup
          name="replyDeadlineFrom"
          legend={st.replyFrom}
          value={v.replyDeadlineFrom === 'session_close' ? 'session_close' : 'assignment'}
          choices={FROM}
        />
        <TextField type="date" {...field('sessionCloseDate')} label={st.sessionCloseDate} />
        {count('maxExtensionMonths', st.maxExtensionMonths)}
        <Period name="returnWindow" label={st.returnWindow} values={v} errors={e} />
        <Period name="assistOpinionWindow" label={st.assistOpinionWindow} values={v} errors={e} />
        <Period name="evaluationWindow" label={st.evaluationWindow} values={v} errors={e} />
        <Period name="rehandlingWindow" label={st.rehandlingWindow} values={v} errors={e} />
        <Period name="disclosureWindow" label={st.disclosureWindow} values={v} errors={e} />
        <RadioGroup name="classes" legend={st.replyClasses} value={v.classes === '3' ? '3' : '4'} choices={CLASSES}>
          <label class="choice">
            <input type="checkbox" name="trackC" value="1" checked={v.trackC === '1'} /> {st.trackC}
          </label>
        </RadioGroup>
        {count('yellowDaysBefore', st.yellowDaysBefore)}
        <TextField inputmode="url" {...field('alertWebhookUrl')} label={st.webhook} hint={st.webhookHint} />
        <RadioGroup
          name="alertWebhookKind"
          legend={st.webhookKind}
          value={v.alertWebhookKind === 'dingtalk' ? 'dingtalk' : 'wecom'}
          choices={WEBHOOKS}
        />
        <LedgerWeightFields values={v} errors={e} />
        <button type="submit">{st.save}</button>
      </PostForm>
    </section>
  );
}

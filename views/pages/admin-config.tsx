/** The tenant admin's 工作日历 and 办理设置 pages. */
import { Field } from '../components/field';
import { text } from '../i18n';
import type { CalendarEntry } from '../../db/repos/tenant-config';
import { PERIOD_KEYS, type SettingsErrors, type SettingsValues } from '../../worker/forms/settings';
import { LedgerWeightFields } from './ledger';

const c = text.admin.calendar;
const st = text.admin.settings;

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
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      {props.notice && (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      )}
      <form method="get" action={action} class="inline">
        <label>
          {c.year}{' '}
          <select name="year">
            {[props.year - 1, props.year, props.year + 1].map((y) => (
              <option value={String(y)} selected={y === props.year}>
                {y}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{text.list.apply}</button>
      </form>
      {props.entries.length === 0 ? (
        <p class="card">{c.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{c.date}</th>
              <th scope="col">{c.kind}</th>
              <th scope="col">{c.name}</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{e.date}</td>
                <td>{e.kind === 'holiday' ? c.holiday : c.workday}</td>
                <td>{e.name ?? ''}</td>
                <td>
                  <form method="post" action={`${action}/remove`}>
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <input type="hidden" name="date" value={e.date} />
                    <input type="hidden" name="year" value={String(props.year)} />
                    <button type="submit" class="small">
                      {c.remove}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${action}/import`} class="card">
        <h2>{c.importTitle}</h2>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Field
          name="lines"
          label={c.importTitle}
          hint={c.importHint}
          error={props.importErrors.length ? props.importErrors.join(' ') : undefined}
          control={(a) => (
            <textarea id={a.id} name="lines" rows={8} aria-describedby={a.describedBy} aria-invalid={a.invalid ? 'true' : undefined}>
              {props.importText}
            </textarea>
          )}
        />
        {props.importErrors.length > 1 && (
          <ul class="error">
            {props.importErrors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        )}
        <button type="submit">{c.importButton}</button>
      </form>
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
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid ? 'true' : undefined}
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
  return (
    <section>
      <h1>{st.title}</h1>
      <p>{st.intro}</p>
      {props.notice && (
        <p class="alert ok" role="status">
          {props.notice}
        </p>
      )}
      <form method="post" action={`${props.base}/admin/settings`} class="card" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Period name="replyDeadline" label={st.replyDeadline} values={v} errors={e} />
        <fieldset class="field">
          <legend>{st.replyFrom}</legend>
          <label class="choice">
            <input type="radio" name="replyDeadlineFrom" value="assignment" checked={v.replyDeadlineFrom !== 'session_close'} /> {st.fromAssignment}
          </label>
          <label class="choice">
            <input type="radio" name="replyDeadlineFrom" value="session_close" checked={v.replyDeadlineFrom === 'session_close'} /> {st.fromSessionClose}
          </label>
        </fieldset>
        <Field
          name="sessionCloseDate"
          label={st.sessionCloseDate}
          error={e.sessionCloseDate}
          control={(a) => <input type="date" id={a.id} name="sessionCloseDate" value={v.sessionCloseDate ?? ''} aria-describedby={a.describedBy} />}
        />
        <Field
          name="maxExtensionMonths"
          label={st.maxExtensionMonths}
          error={e.maxExtensionMonths}
          control={(a) => <input type="text" inputmode="numeric" id={a.id} name="maxExtensionMonths" value={v.maxExtensionMonths ?? ''} size={4} aria-describedby={a.describedBy} />}
        />
        <Period name="returnWindow" label={st.returnWindow} values={v} errors={e} />
        <Period name="assistOpinionWindow" label={st.assistOpinionWindow} values={v} errors={e} />
        <Period name="evaluationWindow" label={st.evaluationWindow} values={v} errors={e} />
        <Period name="rehandlingWindow" label={st.rehandlingWindow} values={v} errors={e} />
        <Period name="disclosureWindow" label={st.disclosureWindow} values={v} errors={e} />
        <fieldset class="field">
          <legend>{st.replyClasses}</legend>
          <label class="choice">
            <input type="radio" name="classes" value="4" checked={v.classes !== '3'} /> {st.fourClasses}
          </label>
          <label class="choice">
            <input type="radio" name="classes" value="3" checked={v.classes === '3'} /> {st.threeClasses}
          </label>
          <label class="choice">
            <input type="checkbox" name="trackC" value="1" checked={v.trackC === '1'} /> {st.trackC}
          </label>
        </fieldset>
        <Field
          name="yellowDaysBefore"
          label={st.yellowDaysBefore}
          error={e.yellowDaysBefore}
          control={(a) => <input type="text" inputmode="numeric" id={a.id} name="yellowDaysBefore" value={v.yellowDaysBefore ?? ''} size={4} aria-describedby={a.describedBy} />}
        />
        <Field
          name="alertWebhookUrl"
          label={st.webhook}
          hint={st.webhookHint}
          error={e.alertWebhookUrl}
          control={(a) => <input type="text" inputmode="url" id={a.id} name="alertWebhookUrl" value={v.alertWebhookUrl ?? ''} aria-describedby={a.describedBy} />}
        />
        <fieldset class="field">
          <legend>{st.webhookKind}</legend>
          <label class="choice">
            <input type="radio" name="alertWebhookKind" value="wecom" checked={v.alertWebhookKind !== 'dingtalk'} /> {st.wecom}
          </label>
          <label class="choice">
            <input type="radio" name="alertWebhookKind" value="dingtalk" checked={v.alertWebhookKind === 'dingtalk'} /> {st.dingtalk}
          </label>
        </fieldset>
        <LedgerWeightFields values={v} errors={e} />
        <button type="submit">{st.save}</button>
      </form>
    </section>
  );
}

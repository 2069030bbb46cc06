/** 提出建议: the suggestion form, shown empty or again with messages and everything typed. */
import { Field, FieldSet, SelectField, TextAreaField, TextField, ariaOf, fieldsOf } from '../components/field';
import { Hidden, Notice, PostForm } from '../components/form';
import { ForumTopicField } from './forums';
import { text } from '../text/index';
import type { FieldErrors, SuggestionFormValues } from '../../worker/forms/suggestions';
import { CONTENT_MAX, SOURCE_CHANNELS, TITLE_MAX } from '../../worker/forms/suggestions';

export interface DeputyOption {
  id: number;
  name: string;
  level: string;
  stationName: string | null;
}

export interface SuggestionFormProps {
  title: string;
  /** Shown above the form (e.g. staff's note when it was returned). */
  notice?: string;
  action: string;
  /** Offer 保存草稿 (a new suggestion only). */
  allowDraft?: boolean;
  /** Key of the draft kept in the browser for this form. */
  draftKey: string;
  csrfToken: string;
  values: SuggestionFormValues;
  errors: FieldErrors;
  categories: { id: number; name: string }[];
  /** Deputies who may co-sign (the lead deputy is left out). */
  cosignerOptions: DeputyOption[];
  /** For a liaison clerk: the deputies they may enter for. */
  leadOptions?: DeputyOption[];
  /** 单月座谈议题 the suggestion goes under (an open topic). */
  forumTopic?: { id: number; title: string; description: string; closesOn: string };
}

/** Deputies grouped by liaison station for <optgroup>. */
function byStation(options: DeputyOption[]): [string, DeputyOption[]][] {
  const groups = new Map<string, DeputyOption[]>();
  for (const d of options) {
    const key = d.stationName ?? text.suggestion.otherDeputies;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(d);
  }
  return [...groups];
}

export function SuggestionFormPage(props: SuggestionFormProps) {
  const t = text.suggestion;
  const { values, errors } = props;
  const field = fieldsOf(values, errors);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section>
      <h1>{props.title}</h1>
      {props.notice && <p class="alert">{props.notice}</p>}
      <Notice alert={hasErrors ? (errors.form ?? t.fixErrors) : undefined} />
      <PostForm
        action={props.action}
        csrfToken={props.csrfToken}
        novalidate
        attrs={{ 'data-keep-draft': props.draftKey, 'data-server-values': hasErrors ? 'true' : undefined }}
      >
        <Hidden values={{ idempotency_key: values.idempotency_key }} />
        {props.forumTopic && <ForumTopicField topic={props.forumTopic} />}
        {props.leadOptions && (
          <Field
            name="deputy_id"
            label={t.onBehalfOf}
            hint={t.onBehalfHint}
            error={errors.deputy_id}
            control={(a) => (
              <select id={a.id} name="deputy_id" required {...ariaOf(a)}>
                <option value="">{t.choose}</option>
                {byStation(props.leadOptions ?? []).map(([station, list]) => (
                  <optgroup label={station}>
                    {list.map((d) => (
                      <option value={String(d.id)} selected={values.deputy_id === String(d.id)}>
                        {d.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          />
        )}
        <TextField {...field('title')} label={t.title} hint={t.titleHint} maxlength={TITLE_MAX} required />
        <TextAreaField {...field('content')} label={t.content} hint={t.contentHint + t.contentLimit(CONTENT_MAX)} rows={10} required />
        {(
          [
            ['category_id', t.category, props.categories.map((c) => [String(c.id), c.name] as const)],
            ['source_channel', t.sourceChannel, SOURCE_CHANNELS.map((ch) => [ch, text.sourceChannels[ch]] as const)],
          ] as const
        ).map(([name, label, options]) => (
          <SelectField name={name} label={label} error={errors[name]} value={values[name]} placeholder={t.choose} options={options} required />
        ))}
        <FieldSet name="cosigners" legend={t.cosigners} hint={t.cosignersHint} error={errors.cosigners}>
          <label for="f-cosigners" class="visually-hidden">
            {t.cosigners}
          </label>
          <select id="f-cosigners" name="cosigners" multiple size={6} aria-invalid={errors.cosigners ? 'true' : undefined}>
            {byStation(props.cosignerOptions).map(([station, list]) => (
              <optgroup label={station}>
                {list.map((d) => (
                  <option value={String(d.id)} selected={values.cosigners.includes(String(d.id))}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </FieldSet>
        <p class="buttons">
          <button type="submit" name="intent" value="submit" data-busy={t.submitting}>
            {t.submit}
          </button>{' '}
          {props.allowDraft && (
            <button type="submit" name="intent" value="draft" class="secondary">
              {t.saveDraft}
            </button>
          )}
        </p>
      </PostForm>
    </section>
  );
}

/** 提出建议: the suggestion form, shown empty or again with messages and everything typed. */
import { Field, FieldSet } from '../components/field';
import { ForumTopicField } from './forums';
import { text } from '../i18n';
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
  const hasErrors = Object.keys(errors).length > 0;
  const aria = (a: { describedBy: string | undefined; invalid: boolean }) => ({
    'aria-describedby': a.describedBy,
    'aria-invalid': a.invalid ? 'true' : undefined,
  });
  return (
    <section>
      <h1>{props.title}</h1>
      {props.notice && <p class="alert">{props.notice}</p>}
      {hasErrors && (
        <p class="alert" role="alert">
          {errors.form ?? t.fixErrors}
        </p>
      )}
      <form
        method="post"
        action={props.action}
        novalidate
        data-keep-draft={props.draftKey}
        data-server-values={hasErrors ? 'true' : undefined}
      >
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key} />
        {props.forumTopic && <ForumTopicField topic={props.forumTopic} />}
        {props.leadOptions && (
          <Field
            name="deputy_id"
            label={t.onBehalfOf}
            hint={t.onBehalfHint}
            error={errors.deputy_id}
            control={(a) => (
              <select id={a.id} name="deputy_id" required {...aria(a)}>
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
        <Field
          name="title"
          label={t.title}
          hint={t.titleHint}
          error={errors.title}
          control={(a) => (
            <input type="text" id={a.id} name="title" value={values.title} maxlength={TITLE_MAX} required {...aria(a)} />
          )}
        />
        <Field
          name="content"
          label={t.content}
          hint={t.contentHint + t.contentLimit(CONTENT_MAX)}
          error={errors.content}
          control={(a) => (
            <textarea id={a.id} name="content" rows={10} required {...aria(a)}>
              {values.content}
            </textarea>
          )}
        />
        <Field
          name="category_id"
          label={t.category}
          error={errors.category_id}
          control={(a) => (
            <select id={a.id} name="category_id" required {...aria(a)}>
              <option value="">{t.choose}</option>
              {props.categories.map((c) => (
                <option value={String(c.id)} selected={values.category_id === String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          name="source_channel"
          label={t.sourceChannel}
          error={errors.source_channel}
          control={(a) => (
            <select id={a.id} name="source_channel" required {...aria(a)}>
              <option value="">{t.choose}</option>
              {SOURCE_CHANNELS.map((ch) => (
                <option value={ch} selected={values.source_channel === ch}>
                  {text.sourceChannels[ch]}
                </option>
              ))}
            </select>
          )}
        />
        <FieldSet name="cosigners" legend={t.cosigners} hint={t.cosignersHint} error={errors.cosigners}>
          <label for="f-cosigners" class="visually-hidden">
            {t.cosigners}
          </label>
          <select
            id="f-cosigners"
            name="cosigners"
            multiple
            size={6}
            aria-invalid={errors.cosigners ? 'true' : undefined}
          >
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
      </form>
    </section>
  );
}

/**
 * 提出建议: a deputy writes and submits a suggestion, or a liaison clerk
 * enters one on a deputy's behalf (the record keeps who typed it).
 * validate (zod + tenant lookups) → state rule → one atomic write → redirect.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireAction, requireFormToken } from '../../middleware/access';
import { can, type Role } from '../../rules/roles';
import { transitionFor } from '../../rules/suggestion-states';
import {
  parseSuggestionForm,
  suggestionFormValues,
  type FieldErrors,
  type SuggestionFormValues,
} from '../../rules/suggestion-input';
import { SuggestionFormPage, type DeputyOption } from '../../../views/pages/suggestion-form';
import { pageShell } from '../../../views/render';
import { text } from '../../../views/i18n';

const emptyValues = (): SuggestionFormValues => ({
  title: '',
  content: '',
  category_id: '',
  source_channel: '',
  cosigners: [],
  deputy_id: '',
  idempotency_key: crypto.randomUUID(),
});

/** The deputy this user submits as, or null when they pick one (liaison clerk). */
function ownDeputyId(c: AppContext): number | null {
  const user = c.var.user!;
  return can(user.role as Role, 'suggestion.submit_own') ? user.deputyId : null;
}

async function renderForm(c: AppContext, values: SuggestionFormValues, errors: FieldErrors, status: 200 | 422) {
  const user = c.var.user!;
  const { categories, deputies } = await c.var.data.suggestionFormOptions();
  const options: DeputyOption[] = deputies;
  const own = ownDeputyId(c);
  const clerkStation = user.role === 'liaison_clerk' ? user.stationId : null;
  const page = SuggestionFormPage({
    action: `${c.var.base}/suggestions`,
    csrfToken: c.var.csrfToken!,
    values,
    errors,
    categories,
    cosignerOptions: options.filter((d) => d.id !== own),
    leadOptions:
      own === null
        ? deputies.filter((d) => clerkStation === null || d.stationId === clerkStation)
        : undefined,
  });
  if (status !== 200) c.header('HX-Push-Url', 'false');
  return c.html(pageShell(c, text.suggestion.newTitle, page), status);
}

export const submitRoutes = new Hono<AppEnv>();

const mayEnter = requireAction('suggestion.submit_own', 'suggestion.submit_for_deputy');

submitRoutes.get('/suggestions/new', mayEnter, (c) => renderForm(c, emptyValues(), {}, 200));

submitRoutes.post('/suggestions', mayEnter, requireFormToken, async (c) => {
  const user = c.var.user!;
  const data = c.var.data;
  const values = suggestionFormValues(await c.req.parseBody({ all: true }));
  if (!values.idempotency_key) values.idempotency_key = crypto.randomUUID();
  const parsed = parseSuggestionForm(values);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };

  // Who leads it: the deputy themself, or the one the clerk chose.
  const own = ownDeputyId(c);
  let leadDeputyId: number | null = own;
  if (own === null) {
    leadDeputyId = parsed.ok ? parsed.value.deputy_id : null;
    if (parsed.ok && leadDeputyId === null) errors.deputy_id = text.validation.deputyRequired;
  }

  if (parsed.ok) {
    const v = parsed.value;
    const wanted = [...v.cosigners, ...(leadDeputyId !== null ? [leadDeputyId] : [])];
    const [known, categories, clerkDeputies] = await Promise.all([
      data.deputies.existingIds(wanted),
      data.categories.listActive(),
      own === null && user.stationId ? data.deputies.idsAtStation(user.stationId) : Promise.resolve(null),
    ]);
    if (!categories.some((cat) => cat.id === v.category_id)) errors.category_id = text.validation.categoryUnknown;
    if (v.cosigners.some((id) => !known.has(id))) errors.cosigners = text.validation.cosignerUnknown;
    else if (leadDeputyId !== null && v.cosigners.includes(leadDeputyId)) errors.cosigners = text.validation.cosignerIsLead;
    if (own === null && leadDeputyId !== null) {
      const allowed = known.has(leadDeputyId) && (clerkDeputies === null || clerkDeputies.has(leadDeputyId));
      if (!allowed) errors.deputy_id = text.validation.deputyUnknown;
    }
  }

  if (!parsed.ok || Object.keys(errors).length > 0 || leadDeputyId === null) {
    if (leadDeputyId === null && own !== null) errors.form = text.errors.forbidden;
    return renderForm(c, values, errors, 422);
  }

  const v = parsed.value;
  const move = transitionFor('submit', null, user.role as Role);
  if (!move.ok) return renderForm(c, values, { form: text.errors.forbidden }, 422);
  const created = await data.suggestions.create({
    title: v.title,
    content: v.content,
    categoryId: v.category_id,
    sourceChannel: v.source_channel,
    leadDeputyId,
    cosignerDeputyIds: v.cosigners,
    enteredByUserId: user.id,
    state: move.to,
    idempotencyKey: v.idempotency_key,
    event: {
      actorName: user.displayName,
      kind: 'submit',
      fromState: null,
      toState: move.to,
      note: own === null ? text.suggestion.enteredOnBehalf(user.displayName) : null,
    },
    now: Date.now(),
  });
  return c.redirect(`${c.var.base}/suggestions/${created.id}?submitted=1`, 303);
});

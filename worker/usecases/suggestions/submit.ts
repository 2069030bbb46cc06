/**
 * 提出建议 and 修改后重新提交 as the signed-in user — the one rule for the
 * page and the JSON API: the form's checks, the tenant's checks (category,
 * co-signers, the clerk's deputy), the state table, then one atomic write.
 * A deputy submits as themself; a liaison clerk enters a suggestion on a
 * deputy's behalf (the record keeps who typed it).
 */
import { isPreconditionFailure } from '../../../db/guard';
import type { NewSuggestion } from '../../../db/tenant-data';
import { text } from '../../../views/text/index';
import { parseSuggestionForm, type FieldErrors, type SuggestionForm, type SuggestionFormValues } from '../../forms/suggestions';
import { chinaDateOf } from '../../rules/calendar';
import { can } from '../../rules/roles';
import { transitionFor } from '../../rules/suggestion-states';
import { actorNameOf, userOf, type UseCaseContext } from '../context';
import type { LoadedSuggestion } from './load';

/** The deputy this user submits as, or null when they pick one (liaison clerk). */
export function ownDeputyId(c: UseCaseContext): number | null {
  const user = userOf(c);
  return can(user.role, 'suggestion.submit_own') ? user.deputyId : null;
}

/**
 * The 单月座谈议题 a suggestion is written under, from the form's hidden
 * field: null when none, 'closed' when it is not open today (or not a topic).
 */
export async function openForumTopic(c: UseCaseContext, idText: string | undefined) {
  const raw = (idText ?? '').trim();
  if (!raw) return null;
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return 'closed' as const;
  const topic = await c.var.data.forums.openTopic(Number(raw), chinaDateOf(Date.now()));
  return topic ?? ('closed' as const);
}

/** The checks that need the tenant's data: category, co-signers, and the clerk's deputy. */
export async function tenantChecks(
  c: UseCaseContext,
  v: SuggestionForm,
  leadDeputyId: number | null,
  clerkChoosesLead: boolean,
): Promise<FieldErrors> {
  const user = userOf(c);
  const data = c.var.data;
  const errors: FieldErrors = {};
  const wanted = [...v.cosigners, ...(leadDeputyId !== null ? [leadDeputyId] : [])];
  const [known, categories, clerkDeputies] = await Promise.all([
    data.deputies.existingIds(wanted),
    data.categories.listActive(),
    clerkChoosesLead && user.stationId ? data.deputies.idsAtStation(user.stationId) : Promise.resolve(null),
  ]);
  if (!categories.some((cat) => cat.id === v.category_id)) errors.category_id = text.validation.categoryUnknown;
  if (v.cosigners.some((id) => !known.has(id))) errors.cosigners = text.validation.cosignerUnknown;
  else if (leadDeputyId !== null && v.cosigners.includes(leadDeputyId)) errors.cosigners = text.validation.cosignerIsLead;
  if (clerkChoosesLead && leadDeputyId !== null) {
    const allowed = known.has(leadDeputyId) && (clerkDeputies === null || clerkDeputies.has(leadDeputyId));
    if (!allowed) errors.deputy_id = text.validation.deputyUnknown;
  }
  return errors;
}

/**
 * 提出建议 or 保存草稿. A repeated idempotency key returns the suggestion
 * the first call created.
 */
export async function enterSuggestion(
  c: UseCaseContext,
  values: SuggestionFormValues,
  transition: 'submit' | 'save_draft',
  also?: NewSuggestion['also'],
): Promise<{ ok: true; id: number; created: boolean } | { ok: false; errors: FieldErrors }> {
  const user = userOf(c);
  const parsed = parseSuggestionForm(values);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };

  // Who leads it: the deputy themself, or the one the clerk chose.
  const own = ownDeputyId(c);
  let leadDeputyId: number | null = own;
  if (own === null) {
    leadDeputyId = parsed.ok ? parsed.value.deputy_id : null;
    if (parsed.ok && leadDeputyId === null) errors.deputy_id = text.validation.deputyRequired;
  }

  if (parsed.ok) Object.assign(errors, await tenantChecks(c, parsed.value, leadDeputyId, own === null));
  const forum = await openForumTopic(c, values.forum_topic_id);
  if (forum === 'closed') errors.form = text.forums.errors.topicClosed;

  if (!parsed.ok || Object.keys(errors).length > 0 || leadDeputyId === null) {
    if (leadDeputyId === null && own !== null) errors.form = text.errors.forbidden;
    return { ok: false, errors };
  }

  const v = parsed.value;
  const move = transitionFor(transition, null, user.role);
  if (!move.ok) return { ok: false, errors: { form: text.errors.forbidden } };
  const created = await c.var.data.suggestions.create({
    title: v.title,
    content: v.content,
    categoryId: v.category_id,
    sourceChannel: v.source_channel,
    leadDeputyId,
    cosignerDeputyIds: v.cosigners,
    enteredByUserId: user.id,
    state: move.to,
    idempotencyKey: v.idempotency_key,
    forumTopicId: forum && forum !== 'closed' ? forum.id : null,
    also,
    event: {
      actorName: user.displayName,
      kind: transition,
      fromState: null,
      toState: move.to,
      note: own === null ? text.suggestion.enteredOnBehalf(user.displayName) : null,
    },
    now: Date.now(),
  });
  return { ok: true, ...created };
}

/**
 * 修改后重新提交: a draft, or a suggestion 退回修改, edited by its deputy
 * (or the clerk who typed it) and submitted; its lead deputy stays, its
 * history stays in the timeline. The caller has checked that `resubmit` is
 * among the loaded suggestion's actions.
 */
export async function resubmitSuggestion(
  c: UseCaseContext,
  loaded: LoadedSuggestion,
  values: SuggestionFormValues,
): Promise<{ ok: true } | { ok: false; reason: 'invalid'; errors: FieldErrors } | { ok: false; reason: 'conflict' }> {
  const { s } = loaded;
  const parsed = parseSuggestionForm(values);
  const errors: FieldErrors = parsed.ok ? await tenantChecks(c, parsed.value, s.leadDeputyId, false) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  const v = parsed.value;
  try {
    await c.var.data.handling.resubmit({
      id: s.id,
      from: s.state === 'draft' ? 'draft' : 'returned',
      fields: { title: v.title, content: v.content, categoryId: v.category_id, sourceChannel: v.source_channel, cosignerDeputyIds: v.cosigners },
      actor: actorNameOf(c),
      now: Date.now(),
    });
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return { ok: false, reason: 'conflict' };
  }
  return { ok: true };
}

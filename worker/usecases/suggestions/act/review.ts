/**
 * Staff's review actions (DOMAIN.md, "A suggestion's life"): 立案 and
 * classification, 退回修改, 不予立案, 并案, correcting a reply's class, 办结.
 */
import type { Classification } from '../../../../db/repos/handling';
import { text } from '../../../../views/text/index';
import type { ActionErrors } from '../../../forms/suggestion-actions';
import type { ActionCall, Handlers } from './call';

const e = text.handlingErrors;
const h = text.handling;

type Classifying = ActionCall<'accept' | 'classify'>;

/** The chosen supervising leader, if the item is key and the choice is one of the tenant's leaders. */
function leaderOf({ input, loaded }: Classifying) {
  return input.is_key ? (loaded.s.context.leaders.find((l) => l.id === input.supervising_leader_id) ?? null) : null;
}

function classificationErrors(call: Classifying): ActionErrors | null {
  const { input, loaded } = call;
  if (input.category_id !== null && !loaded.s.context.categories.some((cat) => cat.id === input.category_id)) {
    return { category_id: text.validation.categoryUnknown };
  }
  if (input.is_key && !leaderOf(call)) return { supervising_leader_id: text.validation.leaderRequired };
  return null;
}

function classificationOf(call: Classifying): Classification {
  const leader = leaderOf(call);
  return {
    categoryId: call.input.category_id,
    isKey: call.input.is_key,
    supervisingLeader: leader?.name ?? null,
    supervisingLeaderUserId: leader?.id ?? null,
  };
}

export const reviewActions: Pick<Handlers, 'accept' | 'classify' | 'return_for_revision' | 'reject' | 'merge' | 'correct_class' | 'close'> = {
  async accept(call) {
    const bad = classificationErrors(call);
    if (bad) return bad;
    await call.c.var.data.handling.accept({ id: call.loaded.s.id, classification: classificationOf(call), actor: call.actor, now: call.now });
  },
  async classify(call) {
    const bad = classificationErrors(call);
    if (bad) return bad;
    const c = classificationOf(call);
    const note = c.isKey ? `${h.keyLabel} · ${c.supervisingLeader}` : '';
    const { s } = call.loaded;
    await call.c.var.data.handling.classify({ id: s.id, from: s.state, classification: c, note, actor: call.actor, now: call.now });
  },
  async return_for_revision(call) {
    await call.c.var.data.handling.returnForRevision({ id: call.loaded.s.id, note: call.input.note, actor: call.actor, now: call.now });
  },
  async reject(call) {
    const { input } = call;
    const reason = input.reason_code === 'other' ? input.reason! : `${h.rejectReasons[input.reason_code]}${input.reason ? `：${input.reason}` : ''}`;
    await call.c.var.data.handling.reject({ id: call.loaded.s.id, reason, actor: call.actor, now: call.now });
  },
  async merge(call) {
    const { input, loaded, c } = call;
    const targetId = await c.var.data.suggestions.idByNumber(input.target_number);
    if (targetId === undefined) return { target_number: e.targetUnknown };
    if (targetId === loaded.s.id) return { target_number: e.targetSelf };
    await c.var.data.handling.merge({
      id: loaded.s.id,
      from: loaded.s.state,
      targetId,
      targetLabel: input.target_number,
      actor: call.actor,
      now: call.now,
    });
  },
  async correct_class(call) {
    const { input, loaded } = call;
    if (!loaded.s.context.settings.replyClasses.includes(input.reply_class)) return { reply_class: e.classUnknown };
    await call.c.var.data.handling.correctClass({
      id: loaded.s.id,
      replyClass: input.reply_class,
      reason: input.reason,
      actor: call.actor,
      now: call.now,
    });
  },
  async close(call) {
    const { s } = call.loaded;
    await call.c.var.data.handling.close({ id: s.id, from: s.state, note: call.input.note, actor: call.actor, now: call.now });
  },
};

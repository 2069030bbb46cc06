/**
 * The states of a suggestion's life (DOMAIN.md, "A suggestion's life") and
 * the one table of allowed transitions by role. Every change of state goes
 * through `transitionFor`, so "can a unit reply to a merged item?" is
 * answered here and nowhere else.
 */
import type { Role } from './roles';

export const SUGGESTION_STATES = [
  'draft', // 草稿
  'submitted', // 已提交
  'returned', // 退回修改
  'rejected', // 不予立案
  'merged', // 已并案
  'accepted', // 已立案
  'assigned', // 已交办
  'return_requested', // 申请退回
  'in_progress', // 办理中
  'replied', // 已答复
  'rehandling', // 重新办理
  'tracking', // 跟踪落实 (B-class promises)
  'closed', // 已办结
] as const;

export type SuggestionState = (typeof SUGGESTION_STATES)[number];

/** States in which the suggestion is finished with (no further work is due). */
export const FINAL_STATES: readonly SuggestionState[] = ['rejected', 'merged', 'closed'];

/** States in which a suggestion has had its reply (it can be published, counted as replied, commended). */
export const REPLIED_STATES = ['replied', 'rehandling', 'tracking', 'closed'] as const satisfies readonly SuggestionState[];

interface TransitionRule {
  /** null: the suggestion is being created by this transition. */
  from: readonly (SuggestionState | null)[];
  to: SuggestionState;
  by: readonly Role[];
}

/**
 * Who may move a suggestion from where to where. Window checks (a return
 * request within 7 working days, a rating within 10 days) and ownership
 * (the lead deputy, the assigned unit) are checked beside this table by the
 * routes that use it; this table says what is possible at all.
 */
export const TRANSITIONS = {
  /** 保存草稿 */
  save_draft: { from: [null, 'draft'], to: 'draft', by: ['deputy', 'liaison_clerk'] },
  /** 提交 (also a resubmission after 退回修改) */
  submit: { from: [null, 'draft', 'returned'], to: 'submitted', by: ['deputy', 'liaison_clerk'] },
  /** 退回修改: staff send it back to the deputy with a note */
  return_for_revision: { from: ['submitted'], to: 'returned', by: ['staff'] },
  /** 不予立案 with a standard reason or free text */
  reject: { from: ['submitted'], to: 'rejected', by: ['staff'] },
  /** 并案: merged into another suggestion (its deputies become co-authors there) */
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['staff'] },
  /** 立案 */
  accept: { from: ['submitted'], to: 'accepted', by: ['staff'] },
  /** 交办 to a lead unit (+ assisting units) or split between units */
  assign: { from: ['accepted'], to: 'assigned', by: ['staff'] },
  /** 签收 by the unit */
  sign_for: { from: ['assigned'], to: 'in_progress', by: ['unit_clerk'] },
  /** 申请退回: the unit says it is outside its remit (within the window) */
  request_return: { from: ['assigned', 'in_progress'], to: 'return_requested', by: ['unit_clerk'] },
  /** 同意退回: back to staff for reassignment */
  approve_return: { from: ['return_requested'], to: 'accepted', by: ['staff'] },
  /** 不同意退回: the unit must handle it */
  refuse_return: { from: ['return_requested'], to: 'in_progress', by: ['staff'] },
  /** 改交办 to other units */
  reassign: { from: ['assigned', 'in_progress'], to: 'assigned', by: ['staff'] },
  /** 答复 (the last unit's reply, for split handling) */
  reply: { from: ['in_progress', 'rehandling'], to: 'replied', by: ['unit_clerk'] },
  /** 满意/基本满意 on a class A or D reply */
  rate_and_close: { from: ['replied'], to: 'closed', by: ['deputy'] },
  /** 满意/基本满意 on a class B (or C, where the tenant tracks it) reply */
  rate_and_track: { from: ['replied'], to: 'tracking', by: ['deputy'] },
  /** 不满意 on the result: a second reply is due */
  rate_unsatisfied: { from: ['replied'], to: 'rehandling', by: ['deputy'] },
  /** 最终答复 on a tracked promise */
  final_reply: { from: ['tracking'], to: 'closed', by: ['unit_clerk'] },
  /** 办结 by staff: an unrated reply after the window, or a matter the chair settled */
  close: { from: ['replied', 'tracking'], to: 'closed', by: ['staff'] },
} as const satisfies Record<string, TransitionRule>;

export type TransitionName = keyof typeof TRANSITIONS;

export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

export type TransitionResult = { ok: true; to: SuggestionState } | { ok: false; reason: 'not_allowed_from_state' | 'not_allowed_for_role' };

/** Whether `role` may apply `name` to a suggestion in state `from`. */
export function transitionFor(name: TransitionName, from: SuggestionState | null, role: Role): TransitionResult {
  const rule: TransitionRule = TRANSITIONS[name];
  if (!rule.by.includes(role)) return { ok: false, reason: 'not_allowed_for_role' };
  if (!rule.from.includes(from)) return { ok: false, reason: 'not_allowed_from_state' };
  return { ok: true, to: rule.to };
}

export function isSuggestionState(value: string): value is SuggestionState {
  return (SUGGESTION_STATES as readonly string[]).includes(value);
}

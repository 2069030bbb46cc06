/**
 * The states of a suggestion's life (DOMAIN.md, "A suggestion's life") and
 * the table of allowed transitions by role. Every change of state goes
 * through `transitionFor`, so a refused move is refused in one place.
 */
import type { Role } from './roles';

export const SUGGESTION_STATES = [
  'draft',
  'submitted',
  'returned', // 退回修改
  'rejected', // 不予立案
  'merged', // 并案
  'accepted', // 已立案
  'assigned', // 已交办
  'return_requested', // 申请退回
  'in_progress', // 办理中
  'replied', // 已答复
  'rehandling', // 重新办理
  'tracking', // 跟踪落实
  'closed', // 办结
] as const;

export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export type TransitionName = 'submit';

interface TransitionRule {
  /** null: the suggestion is being created by this transition. */
  from: readonly (SuggestionState | null)[];
  to: SuggestionState;
  by: readonly Role[];
}

/** The one table of allowed transitions. Issue #3 extends it to the whole life. */
export const TRANSITIONS: Record<TransitionName, TransitionRule> = {
  submit: { from: [null, 'draft', 'returned'], to: 'submitted', by: ['deputy', 'liaison_clerk'] },
};

export type TransitionResult =
  | { ok: true; to: SuggestionState }
  | { ok: false; reason: 'not_allowed_from_state' | 'not_allowed_for_role' };

/** Whether `role` may apply `name` to a suggestion in state `from`. */
export function transitionFor(
  name: TransitionName,
  from: SuggestionState | null,
  role: Role,
): TransitionResult {
  const rule = TRANSITIONS[name];
  if (!rule.by.includes(role)) return { ok: false, reason: 'not_allowed_for_role' };
  if (!rule.from.includes(from)) return { ok: false, reason: 'not_allowed_from_state' };
  return { ok: true, to: rule.to };
}

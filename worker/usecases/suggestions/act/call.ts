/**
 * What every handling action's use case receives (one checked form, the
 * loaded suggestion, the unit part it works on) and the helpers several of
 * them share: a stage's spec and the delivery of alerts outside the app.
 */
import type { DeadlineSpec } from '../../../../db/repos/handling';
import { databaseForTenant } from '../../../../db/client';
import type { ActionErrors, ActionInput, FormAction } from '../../../forms/suggestion-actions';
import type { ActionAssignment } from '../../../rules/available-actions';
import { yellowFrom, type Stage } from '../../../rules/colour';
import { enqueueDeliveries } from '../../../supervision/deliveries';
import type { UseCaseContext } from '../../context';
import type { LoadedSuggestion } from '../load';

/** The result of an action: done, or messages for the form's fields. */
export type Outcome = void | ActionErrors;

export interface ActionCall<A extends FormAction> {
  c: UseCaseContext;
  loaded: LoadedSuggestion;
  input: ActionInput<A>;
  /** The unit part the action applies to (unit actions, and staff's refusal of a return). */
  part: ActionAssignment | null;
  actor: { userId: number; name: string };
  now: number;
  /** Files sent with the form (replies only). */
  files: File[];
}

/** One use case per form action. */
export type Handlers = { [A in FormAction]: (call: ActionCall<A>) => Promise<Outcome> };

/** The part of an action that works on a unit's part (the available actions found it). */
export function partOf(call: { part: ActionAssignment | null }): ActionAssignment {
  if (!call.part) throw new Error('unit action without its part');
  return call.part;
}

/** A stage with a due date, yellow from the tenant's number of days before. */
export function stageSpec(stage: Stage, dueDate: string, yellowDaysBefore: number): DeadlineSpec {
  return { stage, dueDate, yellowFrom: yellowFrom(dueDate, yellowDaysBefore) };
}

/**
 * Alerts a write created (by hand, or by the quality rule) also go out by
 * email and webhook; a queue failure must not undo the write, so it is logged.
 */
export async function alertOutside(c: UseCaseContext, writeId: string) {
  try {
    await enqueueDeliveries(c.env.ALERTS, databaseForTenant(c.env, c.var.tenant), writeId, false, c.var.tenant.dbBinding);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', requestId: c.var.requestId, job: 'alert-enqueue', writeId, error: String(err) }));
  }
}

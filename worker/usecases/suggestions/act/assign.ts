/**
 * Staff's assignment actions (DOMAIN.md, "Assignment", "Return request",
 * "Deadlines"): 交办 and 改交办, deciding a unit's return request, 延期.
 */
import { text } from '../../../../views/text/index';
import { planAssignments } from '../../../rules/assignment-plan';
import { assignmentPlanText } from '../../../../views/text/handling';
import { chinaDateOf } from '../../../rules/calendar';
import { assignmentDues, latestExtension } from '../../../rules/deadlines';
import { OWING_PART_STATES, REPLYING_ROLES, type AssignmentRole, type AssignmentState } from '../../../rules/handling-actions';
import { partOf, stageSpec, type ActionCall, type Handlers, type Outcome } from './call';

const e = text.handlingErrors;

/** 交办 and 改交办: the same form; 改交办 withdraws the units' earlier parts. */
async function assignTo(call: ActionCall<'assign' | 'reassign'>, kind: 'assign' | 'reassign'): Promise<Outcome> {
  const { settings, calendar } = await call.c.var.data.config();
  const dues = assignmentDues(calendar, settings, call.loaded.today);
  const plan = assignmentPlanText(planAssignments(call.input, call.loaded.s.context.units, dues, settings.yellowDaysBefore));
  if (!plan.ok) return plan.errors;
  const { s } = call.loaded;
  await call.c.var.data.handling.assign({ id: s.id, from: s.state, units: plan.list, kind, note: plan.note, actor: call.actor, now: call.now });
}

export const assignActions: Pick<Handlers, 'assign' | 'reassign' | 'approve_return' | 'refuse_return' | 'extend'> = {
  assign: (call) => assignTo(call, 'assign'),
  reassign: (call) => assignTo(call, 'reassign'),
  async approve_return(call) {
    await call.c.var.data.handling.approveReturn({ id: call.loaded.s.id, note: call.input.note ?? '', actor: call.actor, now: call.now });
  },
  async refuse_return(call) {
    const part = partOf(call);
    await call.c.var.data.handling.refuseReturn({
      id: call.loaded.s.id,
      assignmentId: part.id,
      unitId: part.unitId,
      note: call.input.note,
      actor: call.actor,
      now: call.now,
    });
  },
  async extend(call) {
    const { input, loaded, c } = call;
    const replying = loaded.s.assignments.filter(
      (a) => REPLYING_ROLES.includes(a.role as AssignmentRole) && OWING_PART_STATES.includes(a.state as AssignmentState),
    );
    const current =
      replying
        .map((a) => a.replyDue ?? '')
        .sort()
        .at(-1) ?? '';
    if (input.new_due <= current) return { new_due: e.dateNotFuture };
    const assignedOn = chinaDateOf(Math.min(...replying.map((a) => a.assignedAt)));
    const { settings } = await c.var.data.config();
    const max = latestExtension(settings, assignedOn);
    if (input.new_due > max) return { new_due: e.dateBeyondMax(max) };
    const spec = stageSpec('reply', input.new_due, settings.yellowDaysBefore);
    const reopen = replying.map((a) => ({ assignmentId: a.id, spec }));
    await c.var.data.handling.extend({ id: loaded.s.id, newDue: input.new_due, reason: input.reason, reopen, actor: call.actor, now: call.now });
  },
};

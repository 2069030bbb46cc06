/**
 * A handling unit's actions on its part (DOMAIN.md, "Assignment", "Contact
 * with the deputy", "Tracking B-class promises"): 签收, 申请退回, 协办意见,
 * 见面/沟通, and a tracked promise's progress and final reply. 答复 is in
 * reply.ts.
 */
import { text } from '../../../../views/text/index';
import type { AssignmentRole } from '../../../rules/handling-actions';
import { partOf, type ActionCall, type Handlers } from './call';

const e = text.handlingErrors;
const h = text.handling;

function trackingUpdate(call: ActionCall<'progress' | 'final_reply'>, kind: 'progress' | 'final') {
  const part = partOf(call);
  return call.c.var.data.handling.trackingUpdate({
    id: call.loaded.s.id,
    assignmentId: part.id,
    unitId: part.unitId,
    kind,
    round: call.loaded.s.round,
    body: call.input.body,
    actor: call.actor,
    now: call.now,
  });
}

export const unitActions: Pick<Handlers, 'sign_for' | 'request_return' | 'opinion' | 'contact' | 'progress' | 'final_reply'> = {
  async sign_for(call) {
    const part = partOf(call);
    await call.c.var.data.handling.signFor({
      id: call.loaded.s.id,
      assignmentId: part.id,
      role: part.role as AssignmentRole,
      actor: call.actor,
      now: call.now,
    });
  },
  async request_return(call) {
    const { s } = call.loaded;
    await call.c.var.data.handling.requestReturn({
      id: s.id,
      from: s.state,
      assignmentId: partOf(call).id,
      reason: call.input.reason,
      actor: call.actor,
      now: call.now,
    });
  },
  async opinion(call) {
    const { s } = call.loaded;
    const part = partOf(call);
    const leadUnitIds = s.assignments.filter((a) => a.role === 'lead' && a.state !== 'withdrawn').map((a) => a.unitId);
    await call.c.var.data.handling.submitOpinion({
      id: s.id,
      assignmentId: part.id,
      unitId: part.unitId,
      leadUnitIds,
      body: call.input.body,
      actor: call.actor,
      now: call.now,
    });
  },
  async contact(call) {
    const { input, loaded } = call;
    if (input.contacted_on > loaded.today) return { contacted_on: e.dateInFuture };
    const part = partOf(call);
    await call.c.var.data.handling.recordContact({
      id: loaded.s.id,
      assignmentId: part.id,
      unitId: part.unitId,
      contact: { contactedOn: input.contacted_on, who: input.who, how: input.how, note: input.note },
      eventNote: `${h.contactWho[input.who]} · ${h.contactHow[input.how]}`,
      actor: call.actor,
      now: call.now,
    });
  },
  progress: (call) => trackingUpdate(call, 'progress'),
  final_reply: (call) => trackingUpdate(call, 'final'),
};

/**
 * 满意度测评 (DOMAIN.md, "Evaluation"): the lead deputy rates the current
 * round. The result picks the transition (handling-actions.ts, ratingMove);
 * 不满意 opens rehandling for the replying units, at least yellow the first
 * time and red the second (the quality rule); a tracked class opens its
 * promise's stage.
 */
import type { DeadlineSpec } from '../../../../db/repos/handling';
import { qualityColour } from '../../../rules/colour';
import { rehandlingDue } from '../../../rules/deadlines';
import { REPLYING_ROLES, ratingMove, type AssignmentRole } from '../../../rules/handling-actions';
import { TRANSITIONS } from '../../../rules/suggestion-states';
import { alertOutside, stageSpec, type Handlers } from './call';

export const ratingAction: Pick<Handlers, 'rate'> = {
  async rate(call) {
    const { input, loaded, c } = call;
    const { s } = loaded;
    const { settings, calendar } = await c.var.data.config();
    const tracked = s.replyClass !== null && settings.trackedClasses.includes(s.replyClass as 'B');
    const to = TRANSITIONS[ratingMove(input.result, tracked)].to;
    const yellowDays = settings.yellowDaysBefore;
    const secondDue = to === 'rehandling' ? rehandlingDue(calendar, settings, loaded.today) : null;
    const opens: { assignmentId: number | null; spec: DeadlineSpec }[] = [];
    if (secondDue) {
      // The quality rule: the first 不满意 opens rehandling at least yellow, a second one red.
      const unsatisfied = s.ratings.filter((r) => r.result === 'unsatisfied').length + 1;
      const spec = { ...stageSpec('rehandling', secondDue, yellowDays), colour: qualityColour(unsatisfied) };
      for (const a of s.assignments) {
        if (REPLYING_ROLES.includes(a.role as AssignmentRole) && a.state === 'replied') opens.push({ assignmentId: a.id, spec });
      }
    }
    const promised = s.replies.filter((r) => r.kind === 'reply' && r.round === s.round && r.promisedDate).at(-1)?.promisedDate;
    if (to === 'tracking' && promised) opens.push({ assignmentId: null, spec: stageSpec('promise', promised, yellowDays) });
    const writeId = crypto.randomUUID();
    await c.var.data.handling.rate({
      id: s.id,
      round: s.round,
      leadDeputyId: s.leadDeputyId,
      rating: input,
      to,
      rehandlingDue: secondDue,
      opens,
      writeId,
      actor: call.actor,
      now: call.now,
    });
    await alertOutside(c, writeId);
  },
};

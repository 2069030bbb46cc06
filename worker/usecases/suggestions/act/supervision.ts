/**
 * 督办 by staff, secretary or chair (DOMAIN.md, "Three-colour supervision"):
 * raising a colour by hand with a reason, and recording a supervision
 * action on the item.
 */
import { isPreconditionFailure } from '../../../../db/guard';
import { text } from '../../../../views/text/index';
import { alertOutside, type Handlers } from './call';

const e = text.handlingErrors;
const h = text.handling;

export const supervisionActions: Pick<Handlers, 'raise_colour' | 'supervise'> = {
  async raise_colour(call) {
    const writeId = crypto.randomUUID();
    try {
      await call.c.var.data.handling.raiseColour({
        id: call.loaded.s.id,
        to: call.input.colour,
        reason: call.input.reason,
        writeId,
        actor: call.actor,
        now: call.now,
      });
    } catch (err) {
      if (isPreconditionFailure(err)) return { form: h.noRunningStage };
      throw err;
    }
    await alertOutside(call.c, writeId);
  },
  async supervise(call) {
    const { input, loaded } = call;
    if (input.acted_on > loaded.today) return { acted_on: e.dateInFuture };
    await call.c.var.data.handling.recordSupervision({
      id: loaded.s.id,
      supervision: { kind: input.kind, actedOn: input.acted_on, note: input.note },
      eventNote: `${h.superviseKinds[input.kind]} · ${input.acted_on}${input.note ? ` · ${input.note}` : ''}`,
      actor: call.actor,
      now: call.now,
    });
  },
};

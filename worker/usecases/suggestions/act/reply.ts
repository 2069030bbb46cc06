/**
 * 答复 (DOMAIN.md, "Reply"): a replying unit's text, signer, class and
 * attachments; the files go to R2 first and are removed again if the write
 * is refused.
 */
import { text } from '../../../../views/text/index';
import { evaluationDue } from '../../../rules/deadlines';
import { checkUploads, storeUploads } from '../uploads';
import { partOf, stageSpec, type Handlers, type Outcome } from './call';

const e = text.handlingErrors;
const h = text.handling;

export const replyAction: Pick<Handlers, 'reply'> = {
  async reply(call): Promise<Outcome> {
    const { input, loaded, c } = call;
    if (!loaded.s.context.settings.replyClasses.includes(input.reply_class)) return { reply_class: e.classUnknown };
    const checked = await checkUploads(call.files);
    if (!checked.ok) return { files: checked.message };
    const { settings, calendar } = await c.var.data.config();
    const part = partOf(call);
    const due = evaluationDue(calendar, settings, loaded.today);
    const stored = await storeUploads(c.env.FILES, c.var.tenant.id, loaded.s.id, checked.files);
    try {
      await c.var.data.handling.reply({
        id: loaded.s.id,
        from: loaded.s.state === 'rehandling' ? 'rehandling' : 'in_progress',
        round: loaded.s.round,
        assignmentId: part.id,
        unitId: part.unitId,
        reply: {
          body: input.body,
          signer: input.signer,
          replyClass: input.reply_class,
          promisedDate: input.reply_class === 'B' ? input.promised_date : null,
        },
        evaluation: stageSpec('evaluation', due, settings.yellowDaysBefore),
        files: stored,
        notes: { reply: h.replyNote(input.reply_class, input.signer), replied: `${h.evaluationDue} ${due}` },
        actor: call.actor,
        now: call.now,
      });
    } catch (err) {
      await c.env.FILES.delete(stored.map((f) => f.r2Key));
      throw err;
    }
  },
};

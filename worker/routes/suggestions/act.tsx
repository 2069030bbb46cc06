/**
 * Handling actions on one suggestion: `POST /suggestions/{id}/act/{action}`.
 * Each action: may this person do it now (available-actions) → validate the
 * form (zod + tenant data) → compute stored due dates (deadlines) → one
 * atomic write (db/repos/handling.ts) → back to the suggestion's page.
 * A refused form comes back with its messages (422); a move somebody else
 * made first is a 409 that changes nothing.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { requireFormToken, requireUser } from '../../middleware/access';
import { isPreconditionFailure } from '../../../db/guard';
import type { Classification, DeadlineSpec, NewAssignment } from '../../../db/repos/handling';
import { qualityColour, yellowFrom, type Stage } from '../../rules/colour';
import {
  ACTION_SCHEMAS,
  actionValues,
  parseAction,
  type ActionErrors,
  type ActionInput,
  type ActionValues,
  type FormAction,
} from '../../forms/suggestion-actions';
import type { ActionAssignment, UiAction } from '../../rules/available-actions';
import { assignmentDues, evaluationDue, latestExtension, rehandlingDue } from '../../rules/deadlines';
import { planAssignments } from '../../rules/assignment-plan';
import { assignmentPlanText } from '../../../views/text/handling';
import { checkUploads, storeUploads } from './uploads';
import { enqueueDeliveries } from '../../supervision/deliveries';
import { databaseForTenant } from '../../../db/client';
import { chinaDateOf } from '../../rules/calendar';
import { renderErrorPage } from '../../errors';
import { text } from '../../../views/i18n';
import { loadSuggestion, type LoadedSuggestion } from './load';
import { renderDetail } from './view';

const e = text.handlingErrors;
const h = text.handling;

/** The result of an action: done, or messages for the form's fields. */
type Outcome = void | ActionErrors;

interface ActionCall<A extends FormAction> {
  c: AppContext;
  loaded: LoadedSuggestion;
  input: ActionInput<A>;
  /** The unit part the action applies to (unit actions). */
  part: ActionAssignment | null;
  actor: { userId: number; name: string };
  now: number;
  /** Files sent with the form (replies only). */
  files: File[];
}

type Handlers = { [A in FormAction]: (call: ActionCall<A>) => Promise<Outcome> };

/** Checks the chosen units and turns them into assignments with stored due dates. */
async function plannedAssignments(
  call: ActionCall<'assign' | 'reassign'>,
): Promise<{ ok: true; list: NewAssignment[]; note: string } | { ok: false; errors: ActionErrors }> {
  const { settings, calendar } = await call.c.var.data.config();
  const dues = assignmentDues(calendar, settings, call.loaded.today);
  return assignmentPlanText(planAssignments(call.input, call.loaded.s.context.units, dues, settings.yellowDaysBefore));
}

/** 交办 and 改交办: the same form; 改交办 withdraws the units' earlier parts. */
async function assignTo(call: ActionCall<'assign' | 'reassign'>, kind: 'assign' | 'reassign'): Promise<Outcome> {
  const plan = await plannedAssignments(call);
  if (!plan.ok) return plan.errors;
  await call.c.var.data.handling.assign(call.loaded.s.id, call.loaded.s.state, plan.list, kind, plan.note, call.actor, call.now);
}

/**
 * Alerts a write created (by hand, or by the quality rule) also go out by
 * email and webhook; a queue failure must not undo the write, so it is logged.
 */
async function alertOutside(c: AppContext, writeId: string) {
  try {
    await enqueueDeliveries(c.env.ALERTS, databaseForTenant(c.env, c.var.tenant), writeId, false, c.var.tenant.dbBinding);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', requestId: c.var.requestId, job: 'alert-enqueue', writeId, error: String(err) }));
  }
}

/** A stage with a due date, yellow from the tenant's number of days before. */
function stageSpec(stage: Stage, dueDate: string, yellowDaysBefore: number): DeadlineSpec {
  return { stage, dueDate, yellowFrom: yellowFrom(dueDate, yellowDaysBefore) };
}

function classificationErrors(call: ActionCall<'accept' | 'classify'>): ActionErrors | null {
  const { input, loaded } = call;
  if (input.category_id !== null && !loaded.s.context.categories.some((cat) => cat.id === input.category_id)) {
    return { category_id: text.validation.categoryUnknown };
  }
  if (input.is_key && !leaderOf(call)) return { supervising_leader_id: text.validation.leaderRequired };
  return null;
}

/** The chosen supervising leader, if the item is key and the choice is one of the tenant's leaders. */
function leaderOf(call: ActionCall<'accept' | 'classify'>) {
  const { input, loaded } = call;
  return input.is_key ? (loaded.s.context.leaders.find((l) => l.id === input.supervising_leader_id) ?? null) : null;
}

function classificationOf(call: ActionCall<'accept' | 'classify'>): Classification {
  const leader = leaderOf(call);
  return {
    categoryId: call.input.category_id,
    isKey: call.input.is_key,
    supervisingLeader: leader?.name ?? null,
    supervisingLeaderUserId: leader?.id ?? null,
  };
}

const HANDLERS: Handlers = {
  async accept(call) {
    const bad = classificationErrors(call);
    if (bad) return bad;
    await call.c.var.data.handling.accept(call.loaded.s.id, classificationOf(call), call.actor, call.now);
  },
  async classify(call) {
    const bad = classificationErrors(call);
    if (bad) return bad;
    const c = classificationOf(call);
    const note = c.isKey ? `${h.keyLabel} · ${c.supervisingLeader}` : '';
    await call.c.var.data.handling.classify(call.loaded.s.id, [call.loaded.s.state], c, note, call.actor, call.now);
  },
  async return_for_revision(call) {
    await call.c.var.data.handling.returnForRevision(call.loaded.s.id, call.input.note, call.actor, call.now);
  },
  async reject(call) {
    const { input } = call;
    const reason = input.reason_code === 'other' ? input.reason! : `${h.rejectReasons[input.reason_code]}${input.reason ? `：${input.reason}` : ''}`;
    await call.c.var.data.handling.reject(call.loaded.s.id, reason, call.actor, call.now);
  },
  async merge(call) {
    const { input, loaded, c } = call;
    const targetId = await c.var.data.suggestions.idByNumber(input.target_number);
    if (targetId === undefined) return { target_number: e.targetUnknown };
    if (targetId === loaded.s.id) return { target_number: e.targetSelf };
    await c.var.data.handling.merge(loaded.s.id, loaded.s.state, targetId, input.target_number, call.actor, call.now);
  },
  assign: (call) => assignTo(call, 'assign'),
  reassign: (call) => assignTo(call, 'reassign'),
  async approve_return(call) {
    await call.c.var.data.handling.approveReturn(call.loaded.s.id, call.input.note ?? '', call.actor, call.now);
  },
  async refuse_return(call) {
    const part = call.part!;
    await call.c.var.data.handling.refuseReturn(call.loaded.s.id, part.id, part.unitId, call.input.note, call.actor, call.now);
  },
  async extend(call) {
    const { input, loaded, c } = call;
    const replying = loaded.s.assignments.filter(
      (a) => (a.role === 'lead' || a.role === 'split') && ['assigned', 'in_progress', 'return_requested'].includes(a.state),
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
    await c.var.data.handling.extend(loaded.s.id, input.new_due, input.reason, reopen, call.actor, call.now);
  },
  async correct_class(call) {
    const { input, loaded } = call;
    if (!loaded.s.context.settings.replyClasses.includes(input.reply_class)) return { reply_class: e.classUnknown };
    await call.c.var.data.handling.correctClass(loaded.s.id, input.reply_class, input.reason, call.actor, call.now);
  },
  async close(call) {
    await call.c.var.data.handling.close(call.loaded.s.id, call.loaded.s.state, call.input.note, call.actor, call.now);
  },
  async sign_for(call) {
    const part = call.part!;
    await call.c.var.data.handling.signFor(call.loaded.s.id, part.id, part.role as 'lead' | 'assist' | 'split', call.actor, call.now);
  },
  async request_return(call) {
    await call.c.var.data.handling.requestReturn(call.loaded.s.id, call.loaded.s.state, call.part!.id, call.input.reason, call.actor, call.now);
  },
  async opinion(call) {
    const { loaded } = call;
    const leads = loaded.s.assignments.filter((a) => a.role === 'lead' && a.state !== 'withdrawn').map((a) => a.unitId);
    await call.c.var.data.handling.submitOpinion(loaded.s.id, call.part!.id, call.part!.unitId, leads, call.input.body, call.actor, call.now);
  },
  async contact(call) {
    const { input, loaded } = call;
    if (input.contacted_on > loaded.today) return { contacted_on: e.dateInFuture };
    const note = `${h.contactWho[input.who]} · ${h.contactHow[input.how]}`;
    await call.c.var.data.handling.recordContact(
      loaded.s.id,
      call.part!.unitId,
      {
        contactedOn: input.contacted_on,
        who: input.who,
        how: input.how,
        note: input.note,
      },
      note,
      call.actor,
      call.now,
    );
  },
  async reply(call): Promise<Outcome> {
    const { input, loaded, c } = call;
    if (!loaded.s.context.settings.replyClasses.includes(input.reply_class)) return { reply_class: e.classUnknown };
    const checked = await checkUploads(call.files);
    if (!checked.ok) return { files: checked.message };
    const { settings, calendar } = await c.var.data.config();
    const from = loaded.s.state === 'rehandling' ? 'rehandling' : 'in_progress';
    // The files go to R2 first; if the reply is then refused, they are removed again.
    const due = evaluationDue(calendar, settings, loaded.today);
    const stored = await storeUploads(c.env.FILES, c.var.tenant.id, loaded.s.id, checked.files);
    try {
      await c.var.data.handling.reply(
        loaded.s.id,
        from,
        loaded.s.round,
        call.part!.id,
        call.part!.unitId,
        {
          body: input.body,
          signer: input.signer,
          replyClass: input.reply_class,
          promisedDate: input.reply_class === 'B' ? input.promised_date : null,
        },
        stageSpec('evaluation', due, settings.yellowDaysBefore),
        stored,
        { reply: h.replyNote(input.reply_class, input.signer), replied: `${h.evaluationDue} ${due}` },
        call.actor,
        call.now,
      );
    } catch (err) {
      await c.env.FILES.delete(stored.map((f) => f.r2Key));
      throw err;
    }
  },
  async raise_colour(call) {
    const writeId = crypto.randomUUID();
    try {
      await call.c.var.data.handling.raiseColour(call.loaded.s.id, call.input.colour, call.input.reason, writeId, call.actor, call.now);
    } catch (err) {
      if (isPreconditionFailure(err)) return { form: h.noRunningStage };
      throw err;
    }
    await alertOutside(call.c, writeId);
  },
  async supervise(call) {
    const { input, loaded } = call;
    if (input.acted_on > loaded.today) return { acted_on: e.dateInFuture };
    const note = `${h.superviseKinds[input.kind]} · ${input.acted_on}${input.note ? ` · ${input.note}` : ''}`;
    await call.c.var.data.handling.recordSupervision(
      loaded.s.id,
      { kind: input.kind, actedOn: input.acted_on, note: input.note },
      note,
      call.actor,
      call.now,
    );
  },
  async progress(call) {
    await call.c.var.data.handling.trackingUpdate(
      call.loaded.s.id,
      call.part!.id,
      call.part!.unitId,
      'progress',
      call.loaded.s.round,
      call.input.body,
      call.actor,
      call.now,
    );
  },
  async final_reply(call) {
    await call.c.var.data.handling.trackingUpdate(
      call.loaded.s.id,
      call.part!.id,
      call.part!.unitId,
      'final',
      call.loaded.s.round,
      call.input.body,
      call.actor,
      call.now,
    );
  },
  async rate(call) {
    const { input, loaded, c } = call;
    const { settings, calendar } = await c.var.data.config();
    const tracked = loaded.s.replyClass !== null && settings.trackedClasses.includes(loaded.s.replyClass as 'B');
    const to = input.result === 'unsatisfied' ? 'rehandling' : tracked ? 'tracking' : 'closed';
    const yellowDays = settings.yellowDaysBefore;
    const secondDue = to === 'rehandling' ? rehandlingDue(calendar, settings, loaded.today) : null;
    const opens: { assignmentId: number | null; spec: DeadlineSpec }[] = [];
    if (secondDue) {
      // The quality rule: the first 不满意 opens rehandling at least yellow, a second one red.
      const unsatisfied = loaded.s.ratings.filter((r) => r.result === 'unsatisfied').length + 1;
      const spec = { ...stageSpec('rehandling', secondDue, yellowDays), colour: qualityColour(unsatisfied) };
      for (const a of loaded.s.assignments) {
        if ((a.role === 'lead' || a.role === 'split') && a.state === 'replied') opens.push({ assignmentId: a.id, spec });
      }
    }
    const promised = loaded.s.replies.filter((r) => r.kind === 'reply' && r.round === loaded.s.round && r.promisedDate).at(-1)?.promisedDate;
    if (to === 'tracking' && promised) opens.push({ assignmentId: null, spec: stageSpec('promise', promised, yellowDays) });
    const writeId = crypto.randomUUID();
    await c.var.data.handling.rate(loaded.s.id, loaded.s.round, loaded.s.leadDeputyId, input, to, secondDue, opens, writeId, call.actor, call.now);
    await alertOutside(c, writeId);
  },
};

function isFormAction(name: string): name is FormAction {
  return name in ACTION_SCHEMAS;
}

/** What became of an action: done, or why not. */
export type ActionResult =
  { ok: true } | { ok: false; reason: 'not_allowed' } | { ok: false; reason: 'invalid'; errors: ActionErrors } | { ok: false; reason: 'conflict' };

/**
 * One handling action as the signed-in user — the one rule for the page's
 * forms and the JSON API: may they do it now (available-actions) → validate
 * (zod + tenant data) → the handler's single atomic write. A move somebody
 * else made first is a conflict that changed nothing.
 */
export async function performAction(
  c: AppContext,
  loaded: LoadedSuggestion,
  action: FormAction,
  values: ActionValues,
  files: File[] = [],
): Promise<ActionResult> {
  if (!loaded.actions.has(action as UiAction)) return { ok: false, reason: 'not_allowed' };
  const parsed = parseAction(action, values);
  if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
  const user = c.var.user!;
  const call = {
    c,
    loaded,
    input: parsed.value,
    part: loaded.actions.get(action as UiAction) ?? null,
    actor: { userId: user.id, name: user.displayName },
    now: Date.now(),
    files,
  };
  try {
    const handler = HANDLERS[action] as (call: ActionCall<FormAction>) => Promise<Outcome>;
    const errors = await handler(call as ActionCall<FormAction>);
    if (errors) return { ok: false, reason: 'invalid', errors };
  } catch (err) {
    if (!isPreconditionFailure(err)) throw err;
    return { ok: false, reason: 'conflict' };
  }
  return { ok: true };
}

export const actRoutes = new Hono<AppEnv>();

actRoutes.post('/suggestions/:id{[0-9]{1,15}}/act/:action{[a-z_]{2,40}}', requireUser, requireFormToken, async (c) => {
  const name = c.req.param('action');
  const loaded = await loadSuggestion(c, Number(c.req.param('id')));
  if (!loaded || !isFormAction(name)) return renderErrorPage(c, 404, text.errors.notFoundTitle, text.errors.notFound);
  const action = name as UiAction & FormAction;
  const body = await c.req.parseBody({ all: true });
  const values: ActionValues = actionValues(body);
  const files = (Array.isArray(body['files']) ? body['files'] : [body['files']]).filter((f): f is File => f instanceof File && f.size > 0);
  const result = await performAction(c, loaded, action, values, files);
  if (result.ok) return c.redirect(`${c.var.base}/suggestions/${loaded.s.id}?done=${action}`, 303);
  if (result.reason === 'not_allowed') return renderDetail(c, loaded, { status: 409, alert: h.notAllowed });
  if (result.reason === 'invalid') return renderDetail(c, loaded, { status: 422, failed: { action, values, errors: result.errors } });
  const fresh = (await loadSuggestion(c, loaded.s.id)) ?? loaded;
  return renderDetail(c, fresh, { status: 409, alert: h.conflict, failed: { action, values, errors: {} } });
});

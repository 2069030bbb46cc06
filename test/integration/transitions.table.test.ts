/**
 * Every transition × role, through HTTP: for each handling action that moves
 * a suggestion (worker/rules/suggestion-states.ts), a fresh suggestion is
 * driven to the from-state with the real action routes, then
 *   - every other account of the tenant tries the same POST and is refused
 *     (403 / 404 / 409), leaving the state, the timeline and the
 *     assignments exactly as they were;
 *   - the allowed role (and owner) does it: 303, the table's `to` state, and
 *     exactly the timeline events the action writes;
 *   - the allowed role tries it from a state outside `from`: 409, nothing
 *     changes.
 * One world per case (storage is shared within a file); browsers are signed
 * in once per world.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Browser, Form } from '../helpers/browser';
import { actOk, assignmentsOf, eventsOf, people, stateOf, submitSuggestion, type Who } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';
import { TRANSITIONS, TRANSITION_NAMES, type SuggestionState, type TransitionName } from '../../worker/rules/suggestion-states';

const ACCOUNTS: readonly Who[] = ['deputy', 'deputy2', 'deputy3', 'clerk', 'staff', 'secretary', 'chair', 'unit', 'unit2', 'unit3', 'admin'];

/** Where `reach` can bring a fresh suggestion (replied split by the reply's class). */
type Reach =
  'submitted' | 'returned' | 'accepted' | 'assigned' | 'in_progress' | 'return_requested' | 'replied_A' | 'replied_B' | 'tracking' | 'rehandling';

const stateOfReach = (r: Reach): SuggestionState => (r === 'replied_A' || r === 'replied_B' ? 'replied' : r);

type SignedIn = (who: Who) => Promise<Browser>;

interface Ctx {
  w: World;
  as: SignedIn;
  /** The suggestion acted on. */
  id: number;
  /** Another suggestion (merge target), when the case needs one. */
  other?: { id: number; number: string };
}

interface Case {
  /** The transition of the table this case exercises. */
  transition: TransitionName;
  /** The URL action: POST /suggestions/{id}/act/{action}, or 'resubmit' for POST /suggestions/{id}/resubmit. */
  action: string;
  /**
   * Other URL actions for the same move (改交办 may be posted to act/reassign
   * or act/assign): every other account, and the wrong-state try, post to
   * each as well; the allowed role posts to whichever the page offers.
   */
  aliases?: readonly string[];
  from: Reach;
  /** The allowed role and owner. */
  who: Who;
  body: (ctx: Ctx) => Form;
  /** Timeline events the action writes on the suggestion. */
  events: number;
  /** A state outside `from` for the wrong-state try. */
  wrong: Reach;
  /** Statuses that count as the wrong-state refusal (409 unless said). */
  wrongStatus?: readonly number[];
  /** The case needs a merge target. */
  needsTarget?: boolean;
  /** Extra checks after the allowed action succeeded. */
  after?: (ctx: Ctx) => Promise<void>;
}

const RESUBMIT_FORM = (w: World): Form => ({
  title: '关于完善农村公路养护机制的建议（修改稿）',
  content: '东风路、建设路坑洼不平，建议落实养护资金。',
  category_id: String(w.categories[0]),
  source_channel: 'station',
  cosigners: [String(w.deputies[1])],
});

/**
 * One row of the table: the transition, the state it leaves, the allowed role, a state it must be refused in,
 * and the form; posted as its own action and writing one timeline event unless `more` says otherwise.
 */
const move = (transition: TransitionName, from: Reach, who: Who, wrong: Reach, body: Case['body'], more: Partial<Case> = {}): Case => ({
  transition,
  action: transition,
  from,
  who,
  body,
  events: 1,
  wrong,
  ...more,
});

/** Checks the states of the suggestion's parts (交办 rows) after the move. */
const partStates =
  (states: string[]) =>
  async ({ id }: Ctx): Promise<void> => {
    expect((await assignmentsOf(id)).map((a) => a.state)).toEqual(states);
  };

/** 改交办: the first unit's part is withdrawn and the second unit's assigned; may be posted to act/assign too. */
const REASSIGNED: Partial<Case> = {
  aliases: ['assign'],
  after: async ({ w, id }) => {
    expect((await assignmentsOf(id)).map((a) => [a.unit_id, a.state])).toEqual([
      [w.units[0], 'withdrawn'],
      [w.units[1], 'assigned'],
    ]);
  },
};

/** 并案: the form names the other suggestion's number. */
const INTO_OTHER: Case['body'] = ({ other }) => ({ target_number: other!.number });

//   transition, from, allowed role, wrong state, form
const CASES: Case[] = [
  move('accept', 'submitted', 'staff', 'accepted', ({ w }) => ({ category_id: String(w.categories[1]) })),
  move('return_for_revision', 'submitted', 'staff', 'accepted', () => ({ note: '请补充具体路段' })),
  move('reject', 'submitted', 'staff', 'accepted', () => ({ reason_code: 'personal' })),
  move('merge', 'submitted', 'staff', 'assigned', INTO_OTHER, { needsTarget: true }),
  move('merge', 'accepted', 'staff', 'returned', INTO_OTHER, { needsTarget: true }),
  move('assign', 'accepted', 'staff', 'submitted', ({ w }) => ({ mode: 'lead', lead_unit: String(w.units[0]) }), {
    after: async ({ w, id }) => {
      expect((await assignmentsOf(id)).map((a) => [a.unit_id, a.role, a.state])).toEqual([[w.units[0], 'lead', 'assigned']]);
    },
  }),
  move('reassign', 'assigned', 'staff', 'replied_A', ({ w }) => ({ mode: 'lead', lead_unit: String(w.units[1]) }), REASSIGNED),
  move('reassign', 'in_progress', 'staff', 'return_requested', ({ w }) => ({ mode: 'lead', lead_unit: String(w.units[1]) }), REASSIGNED),
  move('sign_for', 'assigned', 'unit', 'in_progress', () => ({}), { after: partStates(['in_progress']) }),
  move('request_return', 'assigned', 'unit', 'return_requested', () => ({ reason: '不属于本单位职责' })),
  move('request_return', 'in_progress', 'unit', 'replied_A', () => ({ reason: '不属于本单位职责' })),
  move('approve_return', 'return_requested', 'staff', 'in_progress', () => ({ note: '改交交通局' }), { after: partStates(['withdrawn']) }),
  move('refuse_return', 'return_requested', 'staff', 'assigned', () => ({ note: '属于职责范围' }), { after: partStates(['in_progress']) }),
  // A reply writes two events: 'reply' and 'replied' (the only replying unit).
  move('reply', 'in_progress', 'unit', 'assigned', () => ({ body: '已安排资金完成修复。', signer: '李局长', reply_class: 'A' }), { events: 2 }),
  move(
    'reply',
    'rehandling',
    'unit',
    'replied_A',
    () => ({ body: '重新研究后列入计划。', signer: '李局长', reply_class: 'B', promised_date: '2027-06-30' }),
    { events: 2 },
  ),
  move('rate_and_close', 'replied_A', 'deputy', 'in_progress', () => ({ attitude: 'satisfied', result: 'satisfied', comment: '办得好' }), {
    action: 'rate',
  }),
  move('rate_and_track', 'replied_B', 'deputy', 'tracking', () => ({ attitude: 'satisfied', result: 'basically' }), { action: 'rate' }),
  move('rate_unsatisfied', 'replied_A', 'deputy', 'rehandling', () => ({ attitude: 'basically', result: 'unsatisfied', comment: '没有解决' }), {
    action: 'rate',
    after: partStates(['in_progress']),
  }),
  move('final_reply', 'tracking', 'unit', 'replied_B', () => ({ body: '工程已完工。' })),
  move('close', 'replied_A', 'staff', 'in_progress', () => ({ note: '逾期未测评，予以办结' })),
  move('close', 'tracking', 'staff', 'rehandling', () => ({ note: '主任会议决定办结' })),
  move('submit', 'returned', 'deputy', 'submitted', ({ w }) => RESUBMIT_FORM(w), {
    action: 'resubmit',
    // The resubmit route answers 404 (no edit form) for a suggestion that is not returned.
    wrongStatus: [404, 409],
    after: async ({ id }) => {
      const row = await env.DB.prepare('select title from suggestions where id = ?').bind(id).first<{ title: string }>();
      expect(row!.title).toBe('关于完善农村公路养护机制的建议（修改稿）');
    },
  }),
];

/** The form token of each signed-in browser (one per session). */
const tokens = new WeakMap<Browser, string>();

async function post(w: World, b: Browser, id: number, action: string, form: Form): Promise<Response> {
  let csrf = tokens.get(b);
  if (csrf === undefined) {
    csrf = await b.csrf(w.base);
    tokens.set(b, csrf);
  }
  const path = action === 'resubmit' ? `/suggestions/${id}/resubmit` : `/suggestions/${id}/act/${action}`;
  return b.post(`${w.base}${path}`, { _csrf: csrf, ...form });
}

/** One real action on the way to a state: who posts it, the action, its form. */
type Step = [who: 'staff' | 'unit' | 'deputy', action: string, form?: Form];

/** The actions that bring a fresh suggestion to `target`, in order. */
function roadTo(w: World, target: Reach): Step[] {
  const assigned: Step[] = [
    ['staff', 'accept'],
    ['staff', 'assign', { mode: 'lead', lead_unit: String(w.units[0]) }],
  ];
  const inProgress: Step[] = [...assigned, ['unit', 'sign_for']];
  const repliedA: Step[] = [...inProgress, ['unit', 'reply', { body: '已安排资金完成修复。', signer: '李局长', reply_class: 'A' }]];
  const repliedB: Step[] = [
    ...inProgress,
    ['unit', 'reply', { body: '列入明年计划。', signer: '李局长', reply_class: 'B', promised_date: '2027-06-30' }],
  ];
  const roads: Record<Reach, Step[]> = {
    submitted: [],
    returned: [['staff', 'return_for_revision', { note: '请补充具体路段' }]],
    accepted: assigned.slice(0, 1),
    assigned,
    return_requested: [...assigned, ['unit', 'request_return', { reason: '不属于本单位职责' }]],
    in_progress: inProgress,
    replied_A: repliedA,
    replied_B: repliedB,
    tracking: [...repliedB, ['deputy', 'rate', { attitude: 'satisfied', result: 'basically' }]],
    rehandling: [...repliedA, ['deputy', 'rate', { attitude: 'basically', result: 'unsatisfied' }]],
  };
  return roads[target];
}

/** A fresh suggestion by `deputy` (with `deputy2` co-signing), driven by the real actions to `target`. */
async function reach(w: World, as: SignedIn, target: Reach): Promise<number> {
  const id = await submitSuggestion(w, await as('deputy'), { cosigners: [String(w.deputies[1])] });
  const browsers = { staff: await as('staff'), unit: await as('unit'), deputy: await as('deputy') };
  for (const [who, action, form] of roadTo(w, target)) await actOk(w, browsers[who], id, action, form);
  expect(await stateOf(id), `reach(${target})`).toBe(stateOfReach(target));
  return id;
}

interface Snapshot {
  state: string;
  events: number;
  assignments: Awaited<ReturnType<typeof assignmentsOf>>;
}

async function snapshot(id: number): Promise<Snapshot> {
  return { state: await stateOf(id), events: (await eventsOf(id)).length, assignments: await assignmentsOf(id) };
}

async function numberOf(id: number): Promise<string> {
  const row = await env.DB.prepare('select number from suggestions where id = ?').bind(id).first<{ number: string }>();
  return row!.number;
}

const REFUSED = [403, 404, 409];

function title(c: Case): string {
  const via = c.action === 'resubmit' ? 'POST /resubmit' : `act/${c.action}`;
  return `${c.transition} (${via}) from ${c.from} → ${TRANSITIONS[c.transition].to}, by ${c.who}`;
}

/** Sets up a world and the suggestion in the case's from-state. */
async function setUp(c: Case, label: string): Promise<Ctx> {
  const w = await createWorld(label);
  const as = people(w);
  // Sign everyone in first (one PBKDF2 check each), so each browser is reused.
  for (const who of ACCOUNTS) await as(who);
  const id = await reach(w, as, c.from);
  const ctx: Ctx = { w, as, id };
  if (c.needsTarget) {
    const target = await submitSuggestion(w, await as('deputy3'), { title: '关于农村道路维修的建议' });
    ctx.other = { id: target, number: await numberOf(target) };
  }
  return ctx;
}

/** Every account but the allowed one tries it: all refused, nothing changes. */
async function othersAreRefused(c: Case, ctx: Ctx): Promise<void> {
  const { w, as, id } = ctx;
  const offenders: string[] = [];
  for (const who of ACCOUNTS) {
    if (who === c.who) continue;
    for (const action of [c.action, ...(c.aliases ?? [])]) {
      const before = await snapshot(id);
      const targetBefore = ctx.other ? await snapshot(ctx.other.id) : null;
      const res = await post(w, await as(who), id, action, c.body(ctx));
      const after = await snapshot(id);
      const targetAfter = ctx.other ? await snapshot(ctx.other.id) : null;
      if (!REFUSED.includes(res.status)) offenders.push(`${who} ${action}: status ${res.status}`);
      try {
        expect(after).toEqual(before);
        expect(targetAfter).toEqual(targetBefore);
      } catch {
        offenders.push(`${who} ${action}: changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      }
    }
  }
  expect(offenders, `${c.action} by others than ${c.who}`).toEqual([]);
}

/** The allowed role and owner does it: 303, the `to` state, exactly `events` new timeline events. */
async function allowedSucceeds(c: Case, ctx: Ctx): Promise<void> {
  const { w, as, id } = ctx;
  const rule = TRANSITIONS[c.transition];
  const before = await snapshot(id);
  expect((rule.from as readonly (string | null)[]).includes(before.state)).toBe(true);
  const b = await as(c.who);
  // The suggestion's page offers the action to this person; post where its form posts.
  const page = await (await b.get(`${w.base}/suggestions/${id}`)).text();
  let action = c.action;
  if (c.action === 'resubmit') expect(page).toContain(`href="${w.base}/suggestions/${id}/edit"`);
  else {
    const offered = [c.action, ...(c.aliases ?? [])].find((a) => page.includes(`action="${w.base}/suggestions/${id}/act/${a}"`));
    expect(offered, `the page offers ${c.action} to ${c.who}`).toBeDefined();
    action = offered!;
  }
  const targetEvents = ctx.other ? (await eventsOf(ctx.other.id)).length : 0;
  const res = await post(w, b, id, action, c.body(ctx));
  expect(res.status, `${action} by ${c.who}`).toBe(303);
  expect(res.headers.get('Location')).toBe(`${w.base}/suggestions/${id}?done=${action}`);
  expect(await stateOf(id)).toBe(rule.to);
  expect((await eventsOf(id)).length).toBe(before.events + c.events);
  if (ctx.other) {
    expect((await eventsOf(ctx.other.id)).length).toBe(targetEvents + 1);
    expect(await stateOf(ctx.other.id)).toBe('submitted');
  }
  await c.after?.(ctx);
}

/** The allowed role tries it from a state outside `from`: refused, nothing changes. */
async function wrongStateIsRefused(c: Case, ctx: Ctx): Promise<void> {
  const { w, as } = ctx;
  const rule = TRANSITIONS[c.transition];
  expect((rule.from as readonly (string | null)[]).includes(stateOfReach(c.wrong))).toBe(false);
  const id = await reach(w, as, c.wrong);
  const wrongCtx: Ctx = { ...ctx, id };
  const before = await snapshot(id);
  const targetBefore = ctx.other ? await snapshot(ctx.other.id) : null;
  for (const action of [c.action, ...(c.aliases ?? [])]) {
    const res = await post(w, await as(c.who), id, action, c.body(wrongCtx));
    expect(c.wrongStatus ?? [409], `${action} from ${c.wrong}`).toContain(res.status);
    expect(await snapshot(id)).toEqual(before);
    if (ctx.other) expect(await snapshot(ctx.other.id)).toEqual(targetBefore);
  }
}

describe('every transition × role through HTTP', () => {
  it('the cases cover every transition of the table from each of its from-states (drafts aside)', () => {
    const covered = new Set(CASES.map((c) => `${c.transition}:${stateOfReach(c.from)}`));
    const wanted: string[] = [];
    for (const name of TRANSITION_NAMES) {
      if (name === 'save_draft') continue; // drafts are not a handling action
      for (const from of TRANSITIONS[name].from) {
        if (from === null || from === 'draft') continue; // the first submission is covered by submit tests
        wanted.push(`${name}:${from}`);
      }
    }
    expect(wanted.filter((k) => !covered.has(k))).toEqual([]);
  });

  CASES.forEach((c, i) => {
    const label = `tx${i}`;
    it(`${title(c)}; others refused; refused from ${c.wrong}`, async () => {
      const ctx = await setUp(c, label);
      await othersAreRefused(c, ctx);
      await allowedSucceeds(c, ctx);
      await wrongStateIsRefused(c, ctx);
    });
  });
});

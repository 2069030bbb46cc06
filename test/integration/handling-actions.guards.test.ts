/**
 * The guards of the handling writes, through real D1: a write the table of
 * handling actions (worker/rules/handling-actions.ts) forbids is refused by
 * its batch's preconditions and changes nothing, even when called straight
 * past the page (a stale form, a race). 见面/沟通 is the case where the page
 * and the write used to disagree; the table settled it.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { isPreconditionFailure } from '../../db/guard';
import { handling } from '../../db/repos/handling';
import { guardStates } from '../../worker/rules/handling-actions';
import { SUGGESTION_STATES } from '../../worker/rules/suggestion-states';
import { actOk, act, people, stateOf, submitSuggestion } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const contactForm = () => ({ contacted_on: today(), who: 'unit_head', how: 'phone', note: '' });

async function partsOf(id: number) {
  const rows = await env.DB.prepare('select id, unit_id, role, state from assignments where suggestion_id = ? order by id')
    .bind(id)
    .all<{ id: number; unit_id: number; role: string; state: string }>();
  return rows.results;
}

async function contactsOf(id: number): Promise<number> {
  const row = await env.DB.prepare('select count(*) as n from contacts where suggestion_id = ?').bind(id).first<{ n: number }>();
  return row!.n;
}

/** A suggestion assigned to units[0] (lead) with units[1] assisting; nobody has signed. */
/** The contact write called directly, past the page, for the unit's part. */
function recordContactDirectly(w: World, id: number, part: { id: number; unit_id: number }, who: 'unit_head' | 'staff') {
  return handling(drizzle(env.DB, { schema }), w.tenantId).recordContact({
    id,
    assignmentId: part.id,
    unitId: part.unit_id,
    contact: { contactedOn: today(), who, how: 'phone', note: null },
    eventNote: '',
    actor: { userId: w.users.unit.id, name: 'unit' },
    now: Date.now(),
  });
}

async function assigned(w: World) {
  const as = people(w);
  const id = await submitSuggestion(w, await as('deputy'));
  await actOk(w, await as('staff'), id, 'accept');
  await actOk(w, await as('staff'), id, 'assign', { mode: 'lead', lead_unit: String(w.units[0]), assist_units: [String(w.units[1])] });
  return { as, id };
}

describe('见面/沟通: the table settles where page and write disagreed', () => {
  it('an assisting unit that has signed records a contact while the suggestion is still 已交办', async () => {
    const w = await createWorld('contact-assist');
    const { as, id } = await assigned(w);
    await actOk(w, await as('unit2'), id, 'sign_for');
    expect(await stateOf(id)).toBe('assigned');
    await actOk(w, await as('unit2'), id, 'contact', contactForm());
    expect(await contactsOf(id)).toBe(1);
  });

  it('the lead unit that has not signed is refused, on the page and by the write itself', async () => {
    const w = await createWorld('contact-unsigned');
    const { as, id } = await assigned(w);
    await actOk(w, await as('unit2'), id, 'sign_for');
    const res = await act(w, await as('unit'), id, 'contact', contactForm());
    expect(res.status).toBe(409);

    // Straight to the write, past the page: its guard refuses the unsigned part.
    const lead = (await partsOf(id)).find((p) => p.role === 'lead')!;
    expect(lead.state).toBe('assigned');
    const err = await recordContactDirectly(w, id, lead, 'unit_head').catch((e: unknown) => e);
    expect(isPreconditionFailure(err)).toBe(true);
    expect(await contactsOf(id)).toBe(0);
  });

  it('the write records a signed part’s contact exactly in the states the table allows', async () => {
    const w = await createWorld('contact-states');
    const { as, id } = await assigned(w);
    await actOk(w, await as('unit'), id, 'sign_for');
    const lead = (await partsOf(id)).find((p) => p.role === 'lead')!;
    const verdicts: Record<string, boolean> = {};
    for (const state of SUGGESTION_STATES) {
      await env.DB.prepare('update suggestions set state = ? where id = ?').bind(state, id).run();
      const before = await contactsOf(id);
      const done = await recordContactDirectly(w, id, lead, 'staff').then(
        () => true,
        (e: unknown) => {
          if (!isPreconditionFailure(e)) throw e;
          return false;
        },
      );
      expect(await contactsOf(id)).toBe(before + (done ? 1 : 0));
      verdicts[state] = done;
    }
    const expected = Object.fromEntries(SUGGESTION_STATES.map((s) => [s, guardStates('contact').includes(s)]));
    expect(verdicts).toEqual(expected);
  });
});

describe('the other guards the table added', () => {
  it('签收 is refused on a suggestion that is closed, even for a part still waiting to sign', async () => {
    const w = await createWorld('signfor-closed');
    const { id } = await assigned(w);
    const assist = (await partsOf(id)).find((p) => p.role === 'assist')!;
    await env.DB.prepare("update suggestions set state = 'closed' where id = ?").bind(id).run();
    const writes = handling(drizzle(env.DB, { schema }), w.tenantId);
    const err = await writes
      .signFor({ id, assignmentId: assist.id, role: 'assist', actor: { userId: w.users.unit2.id, name: 'unit2' }, now: Date.now() })
      .catch((e: unknown) => e);
    expect(isPreconditionFailure(err)).toBe(true);
    expect((await partsOf(id)).find((p) => p.id === assist.id)!.state).toBe('assigned');
  });

  it('a part of another suggestion cannot be used to pass a unit’s guard', async () => {
    const w = await createWorld('part-elsewhere');
    const first = await assigned(w);
    const second = await assigned(w);
    const otherPart = (await partsOf(first.id)).find((p) => p.role === 'lead')!;
    const writes = handling(drizzle(env.DB, { schema }), w.tenantId);
    const err = await writes
      .signFor({ id: second.id, assignmentId: otherPart.id, role: 'lead', actor: { userId: w.users.unit.id, name: 'unit' }, now: Date.now() })
      .catch((e: unknown) => e);
    expect(isPreconditionFailure(err)).toBe(true);
    expect(await stateOf(second.id)).toBe('assigned');
    expect(await stateOf(first.id)).toBe('assigned');
  });
});

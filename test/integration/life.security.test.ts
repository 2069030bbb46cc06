/**
 * Who may act on a suggestion: units only on their own parts, deputies only
 * on what they lead, staff only inside their county; refused actions
 * change nothing.
 */
import { describe, expect, it } from 'vitest';
import { acceptAndAssign, act, actOk, countOf, eventsOf, people, stateOf, submitSuggestion, worldAndPeople } from '../helpers/flow';
import { createWorld } from '../helpers/world';

async function assignedTo(unitIndex: number, label: string) {
  const w = await createWorld(label);
  const as = people(w);
  const id = await submitSuggestion(w, await as('deputy'), { cosigners: [String(w.deputies[1])] });
  await acceptAndAssign(w, await as('staff'), id, w.units[unitIndex]);
  return { w, as, id };
}

describe('units', () => {
  it('a unit cannot see, sign for or reply to a suggestion assigned only to another unit', async () => {
    const { w, as, id } = await assignedTo(0, 'otherunit');
    const stranger = await as('unit2');
    expect((await stranger.get(`${w.base}/suggestions/${id}`)).status).toBe(404);
    expect(await (await stranger.get(`${w.base}/inbox`)).text()).not.toContain('关于完善农村公路养护机制的建议');
    const events = (await eventsOf(id)).length;
    for (const action of ['sign_for', 'reply', 'request_return']) {
      const res = await act(w, stranger, id, action, { body: 'x', signer: 'x', reply_class: 'A', reason: 'x' });
      expect(res.status).toBe(404);
    }
    expect(await stateOf(id)).toBe('assigned');
    expect((await eventsOf(id)).length).toBe(events);
  });

  it('a unit cannot reply before signing for it, nor review or assign', async () => {
    const { w, as, id } = await assignedTo(0, 'unitorder');
    const unit = await as('unit');
    expect((await act(w, unit, id, 'reply', { body: 'x', signer: 'x', reply_class: 'A' })).status).toBe(409);
    expect((await act(w, unit, id, 'assign', { mode: 'lead', lead_unit: String(w.units[1]) })).status).toBe(409);
    expect(await stateOf(id)).toBe('assigned');
  });
});

describe('deputies', () => {
  it('a deputy cannot rate a suggestion they do not lead, even as its co-signer', async () => {
    const { w, as, id } = await assignedTo(0, 'raterights');
    await actOk(w, await as('unit'), id, 'sign_for');
    await actOk(w, await as('unit'), id, 'reply', { body: '已解决。', signer: '甲', reply_class: 'A' });
    const cosigner = await as('deputy2');
    const res = await act(w, cosigner, id, 'rate', { attitude: 'unsatisfied', result: 'unsatisfied' });
    expect(res.status).toBe(409);
    expect(await stateOf(id)).toBe('replied');
    const outsider = await as('deputy3');
    expect((await act(w, outsider, id, 'rate', { attitude: 'satisfied', result: 'satisfied' })).status).toBe(404);
    const n = await countOf('select count(*) as n from ratings where suggestion_id = ?', id);
    expect(n).toBe(0);
  });

  it('a deputy cannot accept or assign', async () => {
    const { w, as } = await worldAndPeople('deputyreview');
    const id = await submitSuggestion(w, await as('deputy'));
    expect((await act(w, await as('deputy'), id, 'accept')).status).toBe(409);
    expect(await stateOf(id)).toBe('submitted');
  });
});

describe('staff', () => {
  it("staff of another county get 404 for this county's suggestion actions", async () => {
    const { w, id } = await assignedTo(0, 'crossstaff');
    const other = await createWorld('crossstaff2');
    const theirStaff = people(other);
    const b = await theirStaff('staff');
    const csrf = await b.csrf(other.base);
    const res = await b.post(`${other.base}/suggestions/${id}/act/close`, { _csrf: csrf, note: 'x' });
    expect(res.status).toBe(404);
    expect(await stateOf(id)).toBe('assigned');
    expect(w.tenantId).not.toBe(other.tenantId);
  });

  it('an action that someone else completed first is a 409 that changes nothing', async () => {
    const { w, as } = await worldAndPeople('race409');
    const id = await submitSuggestion(w, await as('deputy'));
    const staff = await as('staff');
    const [a, b] = await Promise.all([act(w, staff, id, 'accept'), act(w, staff, id, 'reject', { reason_code: 'personal' })]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const kinds = (await eventsOf(id)).map((e) => e.kind);
    expect(kinds.length).toBe(2);
  });
});

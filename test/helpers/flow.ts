/**
 * Driving a suggestion through its life over HTTP, as each role would:
 * submit as a deputy, then act on the suggestion's page forms.
 */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { Browser, hiddenValue, type Form } from './browser';
import { createWorld, type ShardName, type World } from './world';

export type Who = keyof World['users'];

/** Signed-in browsers for a world, one per account, created on first use. */
export function people(w: World) {
  const cache = new Map<Who, Browser>();
  return async (who: Who): Promise<Browser> => {
    let b = cache.get(who);
    if (!b) {
      b = new Browser();
      await b.login(w.base, who);
      cache.set(who, b);
    }
    return b;
  };
}

/** A browser signed in as one account of the world (a new one each call, unlike `people`). */
export async function signedIn(w: World, username: Who | string): Promise<Browser> {
  const b = new Browser();
  await b.login(w.base, username);
  return b;
}

/** A fresh county and its signed-in people: `const { w, as } = await worldAndPeople('label')`. */
export async function worldAndPeople(label: string, options: { binding?: ShardName } = {}) {
  const w = await createWorld(label, options);
  return { w, as: people(w) };
}

/** A fresh county with one suggestion submitted by the deputy, accepted and assigned by staff to the first unit. */
export async function worldWithAssigned(label: string) {
  const { w, as } = await worldAndPeople(label);
  const id = await submitSuggestion(w, await as('deputy'));
  await acceptAndAssign(w, await as('staff'), id, w.units[0]);
  return { w, as, id };
}

/** As `worldWithAssigned`, and the unit has signed for it and replied with `reply` (body, signer, reply_class). */
export async function worldWithReply(label: string, reply: Form) {
  const { w, as, id } = await worldWithAssigned(label);
  const unit = await as('unit');
  await actOk(w, unit, id, 'sign_for');
  await actOk(w, unit, id, 'reply', reply);
  return { w, as, id, unit };
}

/** The fields of a valid new-suggestion form (without the form's tokens), with `extra` over them. */
export function suggestionFields(w: World, extra: Form = {}): Form {
  return {
    title: '关于完善农村公路养护机制的建议',
    content: '部分农村公路坑洼不平，建议落实养护资金。',
    category_id: String(w.categories[0]),
    source_channel: 'station',
    ...extra,
  };
}

/** Posts the new-suggestion form as its page gives it (CSRF and idempotency tokens); returns the response. */
export async function postSuggestion(w: World, b: Browser, extra: Form = {}): Promise<Response> {
  const html = await (await b.get(`${w.base}/suggestions/new`)).text();
  const tokens = { _csrf: hiddenValue(html, '_csrf'), idempotency_key: hiddenValue(html, 'idempotency_key') };
  return b.post(`${w.base}/suggestions`, { ...tokens, ...suggestionFields(w, extra) });
}

/** A deputy submits a suggestion; returns its id. */
export async function submitSuggestion(w: World, b: Browser, extra: Form = {}): Promise<number> {
  const res = await postSuggestion(w, b, extra);
  expect(res.status).toBe(303);
  return Number(res.headers.get('Location')!.match(/suggestions\/(\d+)/)![1]);
}

/** Posts one action form on the suggestion's page. */
export async function act(w: World, b: Browser, id: number, action: string, form: Form = {}): Promise<Response> {
  const csrf = await b.csrf(w.base);
  return b.post(`${w.base}/suggestions/${id}/act/${action}`, { _csrf: csrf, ...form });
}

/** Posts an action and expects it to succeed (303 back to the page). */
export async function actOk(w: World, b: Browser, id: number, action: string, form: Form = {}): Promise<void> {
  const res = await act(w, b, id, action, form);
  if (res.status !== 303) throw new Error(`${action} → ${res.status}: ${(await res.text()).match(/role="alert"[^>]*>([^<]*)/g)?.join(' | ')}`);
  expect(res.headers.get('Location')).toBe(`${w.base}/suggestions/${id}?done=${action}`);
}

/** Expects a page with this status that shows every one of the texts; returns its HTML. */
export async function expectPage(res: Response, status: number, texts: string[]): Promise<string> {
  expect(res.status).toBe(status);
  const html = await res.text();
  for (const text of texts) expect(html).toContain(text);
  return html;
}

/** The `n` of a `select count(*) as n …` query on DB. */
export async function countOf(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row!.n;
}

export async function stateOf(id: number): Promise<string> {
  const row = await env.DB.prepare('select state from suggestions where id = ?').bind(id).first<{ state: string }>();
  return row!.state;
}

export async function eventsOf(id: number): Promise<{ kind: string; from_state: string | null; to_state: string | null }[]> {
  const rows = await env.DB.prepare('select kind, from_state, to_state from suggestion_events where suggestion_id = ? order by id')
    .bind(id)
    .all<{ kind: string; from_state: string | null; to_state: string | null }>();
  return rows.results;
}

export async function assignmentsOf(id: number) {
  const rows = await env.DB.prepare(
    'select unit_id, role, state, reply_due, opinion_due, return_due from assignments where suggestion_id = ? order by id',
  )
    .bind(id)
    .all<{ unit_id: number; role: string; state: string; reply_due: string | null; opinion_due: string | null; return_due: string }>();
  return rows.results;
}

/** Staff accept a suggestion and assign it to one lead unit (the due dates by the tenant's rule). */
export async function acceptAndAssign(w: World, staff: Browser, id: number, unitId: number | undefined): Promise<void> {
  await actOk(w, staff, id, 'accept');
  await actOk(w, staff, id, 'assign', { mode: 'lead', lead_unit: String(unitId) });
}

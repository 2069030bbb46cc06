/**
 * Driving a suggestion through its life over HTTP, as each role would:
 * submit as a deputy, then act on the suggestion's page forms.
 */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { Browser, hiddenValue, type Form } from './browser';
import type { World } from './world';

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

/** A deputy submits a suggestion; returns its id. */
export async function submitSuggestion(w: World, b: Browser, extra: Form = {}): Promise<number> {
  const html = await (await b.get(`${w.base}/suggestions/new`)).text();
  const res = await b.post(`${w.base}/suggestions`, {
    _csrf: hiddenValue(html, '_csrf'),
    idempotency_key: hiddenValue(html, 'idempotency_key'),
    title: '关于完善农村公路养护机制的建议',
    content: '部分农村公路坑洼不平，建议落实养护资金。',
    category_id: String(w.categories[0]),
    source_channel: 'station',
    ...extra,
  });
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

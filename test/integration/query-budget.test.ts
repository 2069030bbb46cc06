/**
 * D1 queries per page (issue #8): every list and detail page asks D1 at most
 * a fixed number of times, and the same number whether the county has a few
 * suggestions or many (no N+1). Counted by the worker itself
 * (db/query-count.ts, on in tests only) and read from the response headers.
 * Counts include everything the request does: finding the county, reading
 * the session, the page's own reads.
 */
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { acceptAndAssign, actOk, submitSuggestion, worldAndPeople } from '../helpers/flow';
import { type World } from '../helpers/world';

/** Most D1 round trips a list or detail page may take. */
const ROUND_TRIP_BUDGET = 3;

interface Page {
  who: 'deputy' | 'staff' | 'unit' | 'chair' | 'admin' | 'anonymous';
  path: (ids: { suggestion: number; replied: number }) => string;
}

/** A page in the budget: who opens it, and its path (fixed, or from the ids of the seeded suggestions). */
const at = (who: Page['who'], path: string | Page['path']): Page => ({ who, path: typeof path === 'string' ? () => path : path });

const PAGES: Record<string, Page> = {
  'deputy home': at('deputy', '/'),
  'deputy: my suggestions': at('deputy', '/suggestions'),
  'deputy: detail': at('deputy', (i) => `/suggestions/${i.suggestion}`),
  'deputy: to rate': at('deputy', '/to-rate'),
  'staff: incoming list': at('staff', '/suggestions'),
  'staff: incoming list, filtered': at('staff', '/suggestions?state=assigned'),
  'staff: detail': at('staff', (i) => `/suggestions/${i.suggestion}`),
  'staff: detail of a replied suggestion (publish form)': at('staff', (i) => `/suggestions/${i.replied}`),
  'deputy: detail of a replied suggestion (rating form)': at('deputy', (i) => `/suggestions/${i.replied}`),
  'staff: B-class tracking': at('staff', '/tracking'),
  'staff: supervision board': at('staff', '/supervision'),
  'staff: notifications': at('staff', '/notifications'),
  'unit: inbox': at('unit', '/inbox'),
  'unit: detail': at('unit', (i) => `/suggestions/${i.suggestion}`),
  'chair: statistics': at('chair', '/statistics'),
  'public: replies': at('anonymous', '/public'),
  'public: receptions': at('anonymous', '/public/receptions'),
  'public: projects': at('anonymous', '/public/projects'),
  'staff: forum topics': at('staff', '/forums'),
  'deputy: own ledger': at('deputy', '/ledger'),
  'deputy: projects': at('deputy', '/projects'),
  'staff: receptions': at('staff', '/receptions'),
  'staff: receptions monthly': at('staff', '/receptions/monthly'),
  'staff: stations ranking': at('staff', '/receptions/ranking'),
  'staff: ledger of all deputies': at('staff', '/ledger/deputies'),
  'staff: projects': at('staff', '/projects'),
  'admin: accounts': at('admin', '/admin/users'),
  'admin: audit log': at('admin', '/admin/audit'),
  'admin: deputies': at('admin', '/admin/deputies'),
  'admin: units': at('admin', '/admin/units'),
  'deputy: API tokens': at('deputy', '/account/tokens'),
};

async function measure(
  w: World,
  browsers: (who: 'deputy' | 'staff' | 'unit' | 'chair' | 'admin') => Promise<Browser>,
  ids: { suggestion: number; replied: number },
) {
  const out: Record<string, { status: number; roundTrips: number; statements: number }> = {};
  for (const [name, page] of Object.entries(PAGES)) {
    const b = page.who === 'anonymous' ? new Browser() : await browsers(page.who);
    const res = await b.get(`${w.base}${page.path(ids)}`);
    await res.arrayBuffer();
    out[name] = {
      status: res.status,
      roundTrips: Number(res.headers.get('X-D1-Round-Trips')),
      statements: Number(res.headers.get('X-D1-Statements')),
    };
  }
  return out;
}

describe('D1 queries per page', () => {
  it(`every list and detail page takes at most ${ROUND_TRIP_BUDGET} round trips, the same with 3 or 40 suggestions`, async () => {
    const { w, as } = await worldAndPeople('queries');
    const deputy = await as('deputy');
    const staff = await as('staff');
    const submitAndAssign = async (n: number) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        const id = await submitSuggestion(w, deputy, { cosigners: [String(w.deputies[1])] });
        await acceptAndAssign(w, staff, id, w.units[i % 2]);
        ids.push(id);
      }
      return ids;
    };
    const [first, second] = await submitAndAssign(3);
    const unit = await as('unit');
    await actOk(w, unit, first!, 'sign_for');
    // The second goes to unit2 (units alternate); it replies.
    const unit2 = await as('unit2');
    await actOk(w, unit2, second!, 'sign_for');
    await actOk(w, unit2, second!, 'reply', { body: '已答复。', signer: '局长', reply_class: 'A' });
    const ids = { suggestion: first!, replied: second! };
    const few = await measure(w, as, ids);
    await submitAndAssign(37);
    const many = await measure(w, as, ids);
    console.log(JSON.stringify({ few, many }));
    for (const name of Object.keys(PAGES)) {
      expect(few[name]!.status, name).toBe(200);
      expect(many[name]!.roundTrips, `${name}: round trips with 40 suggestions`).toBe(few[name]!.roundTrips);
      expect(many[name]!.statements, `${name}: statements with 40 suggestions`).toBe(few[name]!.statements);
      expect(many[name]!.roundTrips, `${name}: round trips`).toBeLessThanOrEqual(ROUND_TRIP_BUDGET);
    }
  }, 120_000);
});

/**
 * The permission matrix (issue #6): every page and tenant-level action ×
 * every role, the expected answer written out in one table and checked
 * over HTTP. A suggestion's own actions (accept, assign, reply, rate…) have
 * their role × state table in transitions.table.test.ts.
 *
 * ✓ = the page opens (200) or the action is carried out; ✗ = 403.
 */
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue } from '../helpers/browser';
import { type Who, worldAndPeople } from '../helpers/flow';
import { createWorld } from '../helpers/world';

const ROLES = ['deputy', 'clerk', 'staff', 'secretary', 'chair', 'unit', 'admin'] as const;
type R = (typeof ROLES)[number];

//                                    deputy clerk staff secr. chair unit admin
const MATRIX: [string, string, boolean[]][] = [
  ['GET', '/', /*                      */ [true, true, true, true, true, true, true]],
  ['GET', '/suggestions', /*           */ [true, true, true, true, true, false, false]],
  ['GET', '/suggestions/new', /*       */ [true, true, false, false, false, false, false]],
  ['GET', '/suggestions/export?format=csv', [false, false, true, true, true, false, false]],
  ['GET', '/to-rate', /*               */ [true, false, false, false, false, false, false]],
  ['GET', '/inbox', /*                 */ [false, false, false, false, false, true, false]],
  ['GET', '/tracking', /*              */ [false, false, true, true, true, false, false]],
  ['GET', '/supervision', /*           */ [false, false, true, true, true, false, false]],
  ['GET', '/disclosure', /*            */ [false, false, true, false, false, false, false]],
  ['GET', '/statistics', /*            */ [false, false, true, true, true, false, false]],
  ['GET', '/statistics/report', /*     */ [false, false, true, true, true, false, false]],
  ['GET', '/statistics/evaluation', /* */ [false, false, true, true, true, false, false]],
  ['POST', '/statistics/evaluation', /**/ [false, false, true, false, false, false, false]],
  ['GET', '/admin/calendar', /*        */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/settings', /*        */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/deputies', /*        */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/deputies/new', /*    */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/units', /*           */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/stations', /*        */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/categories', /*      */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/import', /*          */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/import/units/template.csv', [false, false, false, false, false, false, true]],
  ['GET', '/admin/users', /*           */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/users/new', /*       */ [false, false, false, false, false, false, true]],
  ['GET', '/admin/audit', /*           */ [false, false, false, false, false, false, true]],
  ['GET', '/notifications', /*         */ [true, true, true, true, true, true, true]],
  ['GET', '/forums', /*               */ [false, false, true, true, true, false, false]],
  ['GET', '/ledger', /*               */ [true, false, false, false, false, false, false]],
  ['GET', '/ledger/deputies', /*      */ [false, false, true, true, true, false, false]],
  ['GET', '/account', /*               */ [true, true, true, true, true, true, true]],
  ['GET', '/account/tokens', /*        */ [true, true, true, true, true, true, true]],
  ['GET', '/receptions', /*            */ [false, true, true, true, true, false, false]],
  ['GET', '/receptions/new', /*        */ [false, true, true, false, false, false, false]],
  ['GET', '/receptions/monthly', /*    */ [false, true, true, true, true, false, false]],
  ['GET', '/receptions/ranking', /*    */ [false, true, true, true, true, false, false]],
  ['GET', '/projects', /*              */ [true, false, true, true, true, true, false]],
  ['GET', '/projects/new', /*          */ [true, false, true, false, false, false, false]],
];

const who: Record<R, Who> = {
  deputy: 'deputy',
  clerk: 'clerk',
  staff: 'staff',
  secretary: 'secretary',
  chair: 'chair',
  unit: 'unit',
  admin: 'admin',
};

describe('permission matrix: pages and tenant-level actions × roles', () => {
  it('every cell as the table says', async () => {
    const { w, as } = await worldAndPeople('matrix');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const got: string[] = [];
    const want: string[] = [];
    for (const role of ROLES) {
      const b: Browser = await as(who[role]);
      const csrf = hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
      for (const [method, path, allowed] of MATRIX) {
        const res =
          method === 'GET'
            ? await b.get(`${w.base}${path}`)
            : // A mark that is refused for what it marks (422) still passed the permission check.
              await b.post(`${w.base}${path}`, { _csrf: csrf, year: String(year), kind: 'unit', target_id: String(w.units[0]), op: 'unmark' });
        const ok = method === 'GET' ? res.status === 200 : res.status === 303;
        if (!ok && res.status !== 403) got.push(`${role} ${method} ${path}: unexpected ${res.status}`);
        got.push(`${role} ${method} ${path}: ${ok ? '✓' : '✗'}`);
        want.push(`${role} ${method} ${path}: ${allowed[ROLES.indexOf(role)] ? '✓' : '✗'}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('anonymous: every page but the public ones sends to the login page', async () => {
    const w = await createWorld('matrixanon');
    const anon = new Browser();
    for (const [method, path] of MATRIX) {
      const res = method === 'GET' ? await anon.get(`${w.base}${path}`) : await anon.post(`${w.base}${path}`, {});
      expect([302, 303, 403], `${method} ${path}`).toContain(res.status);
      if (method === 'GET') expect(res.headers.get('location') ?? '', path).toContain(`${w.base}/login`);
    }
  });
});

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

/** Each row: method, path, and one ✓ or ✗ per role in the order of ROLES. */
//                                         d c s s c u a  (deputy clerk staff secretary chair unit admin)
const MATRIX: [string, string, string][] = [
  ['GET', '/', /*                      */ '✓ ✓ ✓ ✓ ✓ ✓ ✓'],
  ['GET', '/suggestions', /*           */ '✓ ✓ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/suggestions/new', /*       */ '✓ ✓ ✗ ✗ ✗ ✗ ✗'],
  ['GET', '/suggestions/export?format=csv', '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/to-rate', /*               */ '✓ ✗ ✗ ✗ ✗ ✗ ✗'],
  ['GET', '/inbox', /*                 */ '✗ ✗ ✗ ✗ ✗ ✓ ✗'],
  ['GET', '/tracking', /*              */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/supervision', /*           */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/disclosure', /*            */ '✗ ✗ ✓ ✗ ✗ ✗ ✗'],
  ['GET', '/statistics', /*            */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/statistics/report', /*     */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/statistics/evaluation', /* */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['POST', '/statistics/evaluation', /**/ '✗ ✗ ✓ ✗ ✗ ✗ ✗'],
  ['GET', '/admin/calendar', /*        */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/settings', /*        */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/deputies', /*        */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/deputies/new', /*    */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/units', /*           */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/stations', /*        */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/categories', /*      */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/import', /*          */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/import/units/template.csv', '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/users', /*           */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/users/new', /*       */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/admin/audit', /*           */ '✗ ✗ ✗ ✗ ✗ ✗ ✓'],
  ['GET', '/notifications', /*         */ '✓ ✓ ✓ ✓ ✓ ✓ ✓'],
  ['GET', '/forums', /*               */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/ledger', /*               */ '✓ ✗ ✗ ✗ ✗ ✗ ✗'],
  ['GET', '/ledger/deputies', /*      */ '✗ ✗ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/account', /*               */ '✓ ✓ ✓ ✓ ✓ ✓ ✓'],
  ['GET', '/account/tokens', /*        */ '✓ ✓ ✓ ✓ ✓ ✓ ✓'],
  ['GET', '/receptions', /*            */ '✗ ✓ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/receptions/new', /*        */ '✗ ✓ ✓ ✗ ✗ ✗ ✗'],
  ['GET', '/receptions/monthly', /*    */ '✗ ✓ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/receptions/ranking', /*    */ '✗ ✓ ✓ ✓ ✓ ✗ ✗'],
  ['GET', '/projects', /*              */ '✓ ✗ ✓ ✓ ✓ ✓ ✗'],
  ['GET', '/projects/new', /*          */ '✓ ✗ ✓ ✗ ✗ ✗ ✗'],
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
        want.push(`${role} ${method} ${path}: ${allowed.split(' ')[ROLES.indexOf(role)]}`);
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

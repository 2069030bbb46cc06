/** 账号管理 rules: the account form, each role's link, and who may lose access. */
import { describe, expect, it } from 'vitest';
import { parseUserForm, protectionRefusal, userFormValues } from '../../worker/rules/user-admin';

const known = { deputies: new Set([11, 12]), units: new Set([21]), stations: new Set([31]) };
const form = (over: Record<string, string> = {}) =>
  userFormValues({ username: 'li.xiu', display_name: '李秀兰', role: 'staff', deputy_id: '', unit_id: '', station_id: '', email: '', ...over });

describe('the account form', () => {
  it('usernames are 2–32 lower-case letters, digits or _ . - (typed capitals are lowered)', () => {
    expect(parseUserForm(form({ username: 'Li.Xiu' }), known, true).ok).toBe(true);
    for (const bad of ['a', 'x'.repeat(33), '李秀兰', 'li xiu', 'li@xiu']) {
      const r = parseUserForm(form({ username: bad }), known, true);
      expect(r.ok ? null : r.errors.username, bad).toBe('usernameInvalid');
    }
  });

  it('each role carries the one link it needs, from this county, and no other', () => {
    const deputy = parseUserForm(form({ role: 'deputy', deputy_id: '12', unit_id: '21', station_id: '31' }), known, true);
    expect(deputy.ok && deputy.value).toMatchObject({ role: 'deputy', deputyId: 12, unitId: null, stationId: null });
    const clerk = parseUserForm(form({ role: 'liaison_clerk', station_id: '31' }), known, true);
    expect(clerk.ok && clerk.value).toMatchObject({ stationId: 31, deputyId: null });
    const missing = parseUserForm(form({ role: 'unit_clerk' }), known, true);
    expect(missing.ok ? null : missing.errors.unitId).toBe('linkRequired');
    for (const id of ['99', '-1', '1e3', '12abc']) {
      const foreign = parseUserForm(form({ role: 'deputy', deputy_id: id }), known, true);
      expect(foreign.ok ? null : foreign.errors.deputyId, id).toBe('linkUnknown');
    }
    const staff = parseUserForm(form({ role: 'staff', deputy_id: '11' }), known, true);
    expect(staff.ok && staff.value.deputyId).toBe(null);
  });

  it('refuses an unknown role, a missing name and a malformed email', () => {
    const r = parseUserForm(form({ role: 'platform_operator', display_name: '', email: 'a@b' }), known, true);
    expect(r.ok ? null : r.errors).toEqual({ role: 'roleRequired', displayName: 'displayNameRequired', email: 'emailInvalid' });
  });
});

describe('who may lose access', () => {
  const admin = { id: 1, role: 'tenant_admin', disabled: false };
  it('an admin cannot disable or demote themselves, but may rename themselves', () => {
    expect(protectionRefusal({ actorId: 1, target: admin, change: { disable: true }, otherActiveAdmins: 3 })).toBe('self');
    expect(protectionRefusal({ actorId: 1, target: admin, change: { role: 'staff' }, otherActiveAdmins: 3 })).toBe('self');
    expect(protectionRefusal({ actorId: 1, target: admin, change: { role: 'tenant_admin' }, otherActiveAdmins: 0 })).toBe(null);
  });

  it('the last active admin cannot be disabled or demoted; another admin can while one remains', () => {
    expect(protectionRefusal({ actorId: 9, target: admin, change: { disable: true }, otherActiveAdmins: 0 })).toBe('lastAdmin');
    expect(protectionRefusal({ actorId: 9, target: admin, change: { role: 'chair' }, otherActiveAdmins: 0 })).toBe('lastAdmin');
    expect(protectionRefusal({ actorId: 9, target: admin, change: { disable: true }, otherActiveAdmins: 1 })).toBe(null);
    // A disabled admin's role may change: it takes nobody's access away.
    expect(protectionRefusal({ actorId: 9, target: { ...admin, disabled: true }, change: { role: 'staff' }, otherActiveAdmins: 0 })).toBe(null);
  });

  it('other accounts may always be disabled or given another role', () => {
    const staff = { id: 5, role: 'staff', disabled: false };
    expect(protectionRefusal({ actorId: 1, target: staff, change: { disable: true }, otherActiveAdmins: 0 })).toBe(null);
    expect(protectionRefusal({ actorId: 1, target: staff, change: { role: 'tenant_admin' }, otherActiveAdmins: 0 })).toBe(null);
  });
});

import { describe, expect, it } from 'vitest';
import { can, canSeeSuggestion, PERMISSIONS, type Actor } from '../../worker/rules/roles';

const suggestion = { leadDeputyId: 1, enteredByUserId: 50, cosignerDeputyIds: [2, 3] };
const actor = (a: Partial<Actor>): Actor => ({ userId: 99, role: 'deputy', deputyId: null, ...a });

describe('who may see a suggestion', () => {
  it('its lead deputy sees it', () => {
    expect(canSeeSuggestion(actor({ deputyId: 1 }), suggestion)).toBe(true);
  });
  it('a co-signer sees it', () => {
    expect(canSeeSuggestion(actor({ deputyId: 3 }), suggestion)).toBe(true);
  });
  it('another deputy does not', () => {
    expect(canSeeSuggestion(actor({ deputyId: 4 }), suggestion)).toBe(false);
  });
  it('the liaison clerk who typed it sees it; another clerk does not', () => {
    expect(canSeeSuggestion(actor({ role: 'liaison_clerk', userId: 50 }), suggestion)).toBe(true);
    expect(canSeeSuggestion(actor({ role: 'liaison_clerk', userId: 51 }), suggestion)).toBe(false);
  });
  it('staff, secretary and chair see every suggestion of their tenant', () => {
    for (const role of ['staff', 'secretary', 'chair'] as const) {
      expect(canSeeSuggestion(actor({ role }), suggestion)).toBe(true);
    }
  });
  it('a handling-unit clerk sees it only while their unit has a part in it', () => {
    const assigned = { ...suggestion, assignedUnitIds: [7, 8] };
    expect(canSeeSuggestion(actor({ role: 'unit_clerk', unitId: 8 }), assigned)).toBe(true);
    expect(canSeeSuggestion(actor({ role: 'unit_clerk', unitId: 9 }), assigned)).toBe(false);
    expect(canSeeSuggestion(actor({ role: 'unit_clerk', unitId: 8 }), suggestion)).toBe(false);
    expect(canSeeSuggestion(actor({ role: 'unit_clerk', unitId: null }), assigned)).toBe(false);
  });
  it('the tenant admin and the platform operator do not', () => {
    for (const role of ['tenant_admin', 'platform_operator'] as const) {
      expect(canSeeSuggestion(actor({ role }), suggestion)).toBe(false);
    }
  });
});

describe('the permission table', () => {
  it('only deputies submit as lead; only liaison clerks submit on behalf', () => {
    expect(PERMISSIONS['suggestion.submit_own']).toEqual(['deputy']);
    expect(PERMISSIONS['suggestion.submit_for_deputy']).toEqual(['liaison_clerk']);
  });
  it('the platform operator can operate the platform and nothing inside a tenant', () => {
    expect(can('platform_operator', 'platform.operate')).toBe(true);
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      if (action !== 'platform.operate') expect(can('platform_operator', action)).toBe(false);
    }
  });
});

/**
 * 账号管理 rules, pure: what the account form accepts, which link (deputy,
 * handling unit, liaison station) each role needs, and when an admin may
 * not disable or demote an account.
 */
import { isTenantRole, type TenantRole } from './roles';

/** 用户名: lower-case letters, digits, `_ . -`, 2–32 characters. */
export const USERNAME_RE = /^[a-z0-9_.-]{2,32}$/;
const DISPLAY_NAME_MAX = 40;
const EMAIL_MAX = 200;
const EMAIL_RE = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

/** What a role is tied to: a deputy's own record, a handling unit, or a liaison station. */
export type LinkKind = 'deputy' | 'unit' | 'station';

export const LINK_FOR_ROLE: Partial<Record<TenantRole, LinkKind>> = {
  deputy: 'deputy',
  unit_clerk: 'unit',
  liaison_clerk: 'station',
};

/** The form as typed (kept for a re-render). */
export interface UserFormValues {
  username: string;
  displayName: string;
  role: string;
  deputyId: string;
  unitId: string;
  stationId: string;
  email: string;
}

export type UserFormField = keyof UserFormValues;
export type UserFormProblem =
  | 'usernameInvalid'
  | 'usernameTaken'
  | 'displayNameRequired'
  | 'displayNameTooLong'
  | 'roleRequired'
  | 'linkRequired'
  | 'linkUnknown'
  | 'emailInvalid';
export type UserFormErrors = Partial<Record<UserFormField, UserFormProblem>>;

/** A valid account: the role's one link set, the others null. */
export interface UserInput {
  username: string;
  displayName: string;
  role: TenantRole;
  deputyId: number | null;
  unitId: number | null;
  stationId: number | null;
  email: string | null;
}

/** The form fields read from a posted body (first value of each, trimmed, bounded). */
export function userFormValues(body: Record<string, unknown>): UserFormValues {
  const field = (k: string) => {
    const v = body[k];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first.trim().slice(0, 256) : '';
  };
  return {
    username: field('username').toLowerCase(),
    displayName: field('display_name'),
    role: field('role'),
    deputyId: field('deputy_id'),
    unitId: field('unit_id'),
    stationId: field('station_id'),
    email: field('email'),
  };
}

function idOf(s: string): number | null {
  return /^[1-9]\d{0,9}$/.test(s) ? Number(s) : null;
}

/**
 * Checks the form. `known` holds the ids of the tenant's serving deputies,
 * active units and stations: an id outside them (another county's, or a
 * retired one) is refused. `checkUsername` is false when editing (the
 * username does not change).
 */
export function parseUserForm(
  v: UserFormValues,
  known: { deputies: ReadonlySet<number>; units: ReadonlySet<number>; stations: ReadonlySet<number> },
  checkUsername: boolean,
): { ok: true; value: UserInput } | { ok: false; errors: UserFormErrors } {
  const errors: UserFormErrors = {};
  if (checkUsername && !USERNAME_RE.test(v.username)) errors.username = 'usernameInvalid';
  if (!v.displayName) errors.displayName = 'displayNameRequired';
  else if ([...v.displayName].length > DISPLAY_NAME_MAX) errors.displayName = 'displayNameTooLong';
  const role = isTenantRole(v.role) ? v.role : null;
  if (!role) errors.role = 'roleRequired';
  const link = role ? LINK_FOR_ROLE[role] : undefined;
  const linked = { deputy: idOf(v.deputyId), unit: idOf(v.unitId), station: idOf(v.stationId) };
  const pools = { deputy: known.deputies, unit: known.units, station: known.stations };
  const linkField = { deputy: 'deputyId', unit: 'unitId', station: 'stationId' } as const;
  if (link) {
    const raw = v[linkField[link]];
    const id = linked[link];
    if (!raw) errors[linkField[link]] = 'linkRequired';
    else if (id === null || !pools[link].has(id)) errors[linkField[link]] = 'linkUnknown';
  }
  const email = v.email;
  if (email && (email.length > EMAIL_MAX || !EMAIL_RE.test(email))) errors.email = 'emailInvalid';
  if (Object.keys(errors).length || !role) return { ok: false, errors };
  return {
    ok: true,
    value: {
      username: v.username,
      displayName: v.displayName,
      role,
      deputyId: link === 'deputy' ? linked.deputy : null,
      unitId: link === 'unit' ? linked.unit : null,
      stationId: link === 'station' ? linked.station : null,
      email: email || null,
    },
  };
}

/** Why an admin may not take away this account's access (disable, or change its role). */
export type ProtectionRefusal = 'self' | 'lastAdmin';

/**
 * An admin cannot disable or demote themselves, and the last active
 * 系统管理员 cannot lose the role or be disabled (the county would be left
 * without anyone to administer it). `otherActiveAdmins` counts active
 * tenant admins other than the target.
 */
export function protectionRefusal(p: {
  actorId: number;
  target: { id: number; role: string; disabled: boolean };
  /** The change: disabling, or the role the account would get. */
  change: { disable: true } | { role: string };
  otherActiveAdmins: number;
}): ProtectionRefusal | null {
  const losesAdmin = 'disable' in p.change ? p.target.role === 'tenant_admin' : p.target.role === 'tenant_admin' && p.change.role !== 'tenant_admin';
  const takesAccess = 'disable' in p.change || losesAdmin;
  if (p.target.id === p.actorId && takesAccess) return 'self';
  if (losesAdmin && !p.target.disabled && p.otherActiveAdmins < 1) return 'lastAdmin';
  return null;
}

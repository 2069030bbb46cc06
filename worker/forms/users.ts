/**
 * 账号管理 form: its fields read as text at the one form boundary, then
 * the account rule's checks (worker/rules/user-admin.ts parseUserForm, which
 * answers with codes; views/text/users-admin.ts words them).
 */
import * as z from 'zod';
import { parseUserForm, userFormValues, type UserFormValues, type UserInput } from '../rules/user-admin';
import { parsedBy, textField } from './validate';

const userFields = z.object({
  username: textField,
  display_name: textField,
  role: textField,
  deputy_id: textField,
  unit_id: textField,
  station_id: textField,
  email: textField,
});

/**
 * The account form as a schema. `known`: the county's serving deputies,
 * active units and stations; `username`: the account's own when editing
 * (it does not change, and is not checked).
 */
export function userSchema(known: { deputies: ReadonlySet<number>; units: ReadonlySet<number>; stations: ReadonlySet<number> }, username?: string) {
  return parsedBy(userFields, (raw) => {
    const values = userValues(raw, username);
    const parsed = parseUserForm(values, known, username === undefined);
    return parsed.ok ? { ok: true, value: parsed.value satisfies UserInput } : parsed;
  });
}

/** The form as typed (trimmed, the username lower-cased), to show again. */
export function userValues(raw: Record<string, string>, username?: string): UserFormValues {
  const values = userFormValues(raw);
  return username === undefined ? values : { ...values, username };
}

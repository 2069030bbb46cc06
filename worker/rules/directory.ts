/**
 * 基础名录 rules that the data layer applies too: the deputy levels, the
 * station levels, and the natural key that says when two deputies are the
 * same person. The form fields and their messages are worker/forms/directory.ts.
 */

export const DEPUTY_LEVELS = ['national', 'provincial', 'city', 'county', 'township'] as const;
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];
export const STATION_LEVELS = ['county', 'township'] as const;

/**
 * Two deputy records are the same person when name and phone match; a
 * deputy without a phone is known by name and level. The admin's form and
 * the import both refuse a second record with the same key.
 */
export function deputyKey(d: { name: string; phone: string | null; level: string }): string {
  return d.phone ? `${d.name}\u0000phone\u0000${d.phone}` : `${d.name}\u0000level\u0000${d.level}`;
}

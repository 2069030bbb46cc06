/**
 * Text length as a person counts it: every limit on a field ("at most 100
 * characters") is in code points, so 𠀀 counts as one, not as two UTF-16 units.
 */

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function charCount(s: string): number {
  return [...s].length;
}

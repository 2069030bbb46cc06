/** Length of free text as a person counts it, and the limits of a suggestion's title and content. */

export const TITLE_MAX = 100;
export const CONTENT_MAX = 10_000;

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function charCount(s: string): number {
  return [...s].length;
}

/**
 * The filters of a suggestion list (?state=&unit=&category=&key=1&year=&q=),
 * read leniently from the query string: anything malformed is ignored rather
 * than refused, so a shared or hand-edited link still shows a list.
 */
import * as z from 'zod';
import { charCount } from './char-count';
import { isSuggestionState, type SuggestionState } from './suggestion-states';
import { isColour, type Colour } from './colour';

export interface ListFilters {
  state: SuggestionState | null;
  colour: Colour | null;
  unitId: number | null;
  categoryId: number | null;
  keyOnly: boolean;
  year: number | null;
  /** Search words, at most 5, each at most 30 characters. */
  words: string[];
  page: number;
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .refine((n) => n >= min && n <= max)
    .nullable()
    .catch(null);

const schema = z.object({
  state: z.string().nullable().catch(null),
  colour: z.string().nullable().catch(null),
  unit: int(1, 2 ** 31),
  category: int(1, 2 ** 31),
  key: z.string().nullable().catch(null),
  year: int(2000, 2100),
  q: z.string().nullable().catch(null),
  page: int(0, 9999),
});

export function parseListFilters(query: Record<string, string | undefined>): ListFilters {
  const raw = schema.parse({
    state: query.state ?? null,
    colour: query.colour ?? null,
    unit: query.unit ?? null,
    category: query.category ?? null,
    key: query.key ?? null,
    year: query.year ?? null,
    q: query.q ?? null,
    page: query.page ?? null,
  });
  const words = (raw.q ?? '')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && charCount(w) <= 30)
    .slice(0, 5);
  return {
    state: raw.state && isSuggestionState(raw.state) ? raw.state : null,
    colour: raw.colour && isColour(raw.colour) ? raw.colour : null,
    unitId: raw.unit,
    categoryId: raw.category,
    keyOnly: raw.key === '1',
    year: raw.year,
    words,
    page: raw.page ?? 0,
  };
}

/** Words long enough for the trigram index (3+ characters); shorter ones are matched with LIKE. */
export function splitSearchWords(words: string[]): { indexed: string[]; short: string[] } {
  return {
    indexed: words.filter((w) => charCount(w) >= 3),
    short: words.filter((w) => charCount(w) < 3),
  };
}

/** An FTS5 query that matches every word as a phrase (quotes doubled). */
export function ftsQuery(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}

/** A LIKE pattern for a word, with LIKE's own characters escaped (ESCAPE '\\'). */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The query string of filters, for pager links. */
export function filterQuery(f: ListFilters, page: number): string {
  const params = new URLSearchParams();
  if (f.state) params.set('state', f.state);
  if (f.colour) params.set('colour', f.colour);
  if (f.unitId) params.set('unit', String(f.unitId));
  if (f.categoryId) params.set('category', String(f.categoryId));
  if (f.keyOnly) params.set('key', '1');
  if (f.year) params.set('year', String(f.year));
  if (f.words.length) params.set('q', f.words.join(' '));
  if (page > 0) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

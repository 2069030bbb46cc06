/**
 * Reading a list of calendar days typed or pasted by the tenant admin, one
 * per line: `2027-02-07 班 春节调休` or `2027-01-01 休 元旦` (also
 * `workday` / `holiday`). Every line is checked; nothing is imported unless
 * all lines are valid.
 */
import { text } from '../../views/text/index';
import { parseIsoDate } from '../rules/calendar';
import { charCount } from '../rules/char-count';
import type { CalendarEntry } from '../../db/repos/tenant-config';
import * as z from 'zod';
import { parsedBy, textField } from './validate';

const KINDS: Record<string, 'holiday' | 'workday'> = {
  休: 'holiday',
  假: 'holiday',
  holiday: 'holiday',
  班: 'workday',
  workday: 'workday',
};

export const MAX_IMPORT_LINES = 400;

export type CalendarImport = { ok: true; entries: CalendarEntry[] } | { ok: false; errors: string[] };

export function parseCalendarLines(input: string): CalendarImport {
  const t = text.admin.calendar;
  const lines = input.split(/\r?\n/);
  const entries: CalendarEntry[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const n = i + 1;
    const [date = '', kindWord = '', ...nameParts] = line.split(/[\s,，]+/);
    const name = nameParts.join(' ').trim();
    if (!parseIsoDate(date)) return errors.push(t.lineBadDate(n, date));
    const kind = KINDS[kindWord.toLowerCase()];
    if (!kind) return errors.push(t.lineBadKind(n, kindWord));
    if (charCount(name) > 20) return errors.push(t.lineNameTooLong(n));
    const earlier = seen.get(date);
    if (earlier !== undefined) return errors.push(t.lineDuplicate(n, earlier, date));
    seen.set(date, n);
    entries.push({ date, kind, name: name || null });
  });
  if (entries.length + errors.length > MAX_IMPORT_LINES) return { ok: false, errors: [t.tooManyLines(MAX_IMPORT_LINES)] };
  if (errors.length) return { ok: false, errors };
  if (entries.length === 0) return { ok: false, errors: [t.empty] };
  return { ok: true, entries };
}

/** 导入日历 as a form schema: the pasted lines, every one checked (the messages listed above the box). */
export const calendarImportSchema = parsedBy(z.object({ lines: textField }), (v) => {
  const parsed = parseCalendarLines(v.lines);
  return parsed.ok ? { ok: true, value: parsed.entries } : { ok: false, errors: { lines: parsed.errors.join('\n') } };
});

/** 删除 one calendar day: its date (a malformed one removes nothing). */
export const calendarRemoveSchema = z.object({ date: z.string().transform((s) => parseIsoDate(s)) });

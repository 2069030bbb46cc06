/**
 * Fixtures for the reception tests: dates in China time, a form token from
 * any signed-in page, and receptions/issues written straight into D1 where
 * a test needs the past (the form only schedules days still to come).
 */
import { env } from 'cloudflare:workers';
import { hiddenValue, type Browser } from '../helpers/browser';
import { people, type Who } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

const DAY = 86_400_000;

/** The China date `days` from today. */
export function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
}

export async function formToken(w: World, b: Browser): Promise<string> {
  return hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
}

/** A fresh county with one account signed in and its form token: `const { w, b: staff, csrf } = await signedInWorld('x', 'staff')`. */
export async function signedInWorld(label: string, who: Who): Promise<{ w: World; b: Browser; csrf: string }> {
  const w = await createWorld(label);
  const b = await people(w)(who);
  return { w, b, csrf: await formToken(w, b) };
}

/** A reception row with its deputies, as if scheduled earlier. */
export async function insertReception(
  w: World,
  stationId: number,
  date: string,
  deputyIds: number[],
  opts: { cancelled?: boolean; place?: string } = {},
): Promise<number> {
  const row = await env.DB.prepare(
    `insert into receptions (tenant_id, station_id, date, starts_at, ends_at, place, created_by_user_id, cancelled_at, created_at)
     values (?, ?, ?, '09:00', '11:30', ?, ?, ?, ?) returning id`,
  )
    .bind(w.tenantId, stationId, date, opts.place ?? '联络站会客厅', w.users.staff.id, opts.cancelled ? Date.now() : null, Date.now())
    .first<{ id: number }>();
  for (const d of deputyIds) {
    await env.DB.prepare('insert into reception_deputies (tenant_id, reception_id, deputy_id) values (?, ?, ?)').bind(w.tenantId, row!.id, d).run();
  }
  return row!.id;
}

export interface IssueFixture {
  outcome?: 'open' | 'answered' | 'suggestion' | 'handed_over';
  dueDate?: string | null;
  closedAt?: number | null;
  suggestionId?: number | null;
  content?: string;
}

/** A voter's issue row at a reception (station copied from it). */
export async function insertIssue(w: World, receptionId: number, f: IssueFixture = {}): Promise<number> {
  const row = await env.DB.prepare(
    `insert into voter_issues (tenant_id, reception_id, station_id, voter_name, content, outcome, suggestion_id, due_date,
       handed_to, feedback, feedback_at, closed_at, logged_by_user_id, created_at)
     select ?, id, station_id, '刘大爷', ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from receptions where id = ? returning id`,
  )
    .bind(
      w.tenantId,
      f.content ?? '村口路灯坏了半年没人修',
      f.outcome ?? 'open',
      f.suggestionId ?? null,
      f.dueDate ?? null,
      f.outcome === 'handed_over' ? '城关镇人民政府' : null,
      f.closedAt ? '满意' : null,
      f.closedAt ?? null,
      f.closedAt ?? null,
      w.users.clerk.id,
      Date.now(),
      receptionId,
    )
    .first<{ id: number }>();
  return row!.id;
}

export async function issueRow(id: number) {
  return env.DB.prepare('select * from voter_issues where id = ?').bind(id).first<{
    outcome: string;
    outcome_note: string | null;
    suggestion_id: number | null;
    handed_to: string | null;
    due_date: string | null;
    feedback: string | null;
    closed_at: number | null;
  }>();
}

/** The text of the error shown next to a field (Field / FieldSet markup). */
export function fieldError(html: string, name: string): string | null {
  const m = html.match(new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`));
  return m ? m[1]! : null;
}

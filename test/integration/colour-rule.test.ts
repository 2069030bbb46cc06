/**
 * The colour rule and the scan agree: worker/rules/colour.ts (`colourAt`,
 * `colourChangeAt`) and the scan's SQL (db/repos/supervision-scan.ts, run
 * through `supervisionScan`) on the same dated cases — due dates computed
 * by the tenant's calendar across public holidays and 调休 make-up days,
 * every instant around each boundary, stages raised by the quality rule,
 * ended stages. And the recipients table is what the in-app notifications
 * and the email and robot deliveries reach.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { tenantData } from '../../db/tenant-data';
import { addDays, type IsoDate } from '../../worker/rules/calendar';
import { chinaMoment } from '../../worker/rules/china-time';
import {
  alertedRelations,
  colourAt,
  colourChangeAt,
  yellowFrom,
  type AlertChannel,
  type AlertColour,
  type AlertRelation,
  type Colour,
  type StageClock,
} from '../../worker/rules/colour';
import { assignmentDues, evaluationDue, rehandlingDue } from '../../worker/rules/deadlines';
import { deliveryMessages } from '../../worker/supervision/deliveries';
import { supervisionScan } from '../../worker/supervision/scan';
import { worldWithAssigned } from '../helpers/flow';

const db = () => drizzle(env.DB, { schema });

/** Epoch ms of a China wall-clock time on date `d`. */
function at(d: IsoDate, hour = 0, minute = 0, second = 0, ms = 0): number {
  return chinaMoment(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)), hour, minute) + second * 1000 + ms;
}

interface Case extends StageClock {
  name: string;
  stage: string;
}

/** The dated cases, with due dates and yellow_from as the code that opens stages computes them. */
async function cases(tenantId: number): Promise<Case[]> {
  const { settings, calendar } = await tenantData(db(), tenantId).config();
  const days = settings.yellowDaysBefore;
  const open = (name: string, stage: string, due: IsoDate, colour: Colour = 'green', ended = false, daysBefore = days): Case => ({
    name,
    stage,
    dueDate: due,
    yellowFrom: yellowFrom(due, daysBefore),
    colour,
    ended,
  });
  // 国庆: assigned 2026-07-01, three months end on 10-01 inside the 10-01…10-07 holiday.
  const national = assignmentDues(calendar, settings, '2026-07-01');
  expect(national.replyDue).toBe('2026-10-08');
  // 调休: seven working days from 2026-09-11 count Sunday 09-20, a make-up working day.
  const makeup = assignmentDues(calendar, settings, '2026-09-11');
  expect(makeup.returnDue).toBe('2026-09-21');
  // 春节: seven working days from 2026-02-10 run over the Spring Festival holiday and its make-up Saturdays.
  const spring = assignmentDues(calendar, settings, '2026-02-10');
  // 测评: ten days from a reply on 2026-09-25 end in the holiday and move to the next working day.
  const evaluation = evaluationDue(calendar, settings, '2026-09-25');
  expect(evaluation).toBe('2026-10-08');
  const rehandling = rehandlingDue(calendar, settings, '2026-12-31');
  return [
    open('reply due after 国庆', 'reply', national.replyDue),
    open('sign-for from 07-01', 'sign_for', national.returnDue),
    open('opinion from 07-01', 'opinion', national.opinionDue),
    open('sign-for across the 调休 Sunday', 'sign_for', makeup.returnDue),
    open('sign-for across 春节', 'sign_for', spring.returnDue),
    open('reply from 02-10', 'reply', spring.replyDue),
    open('evaluation into 国庆', 'evaluation', evaluation),
    open('rehandling yellow by the quality rule', 'rehandling', rehandling, 'yellow'),
    open('rehandling red by the quality rule', 'rehandling', rehandling, 'red'),
    open('yellow on the due day only (0 days before)', 'promise', '2026-10-12', 'green', false, 0),
    open('ended green', 'reply', national.replyDue, 'green', true),
    open('ended yellow', 'reply', makeup.returnDue, 'yellow', true),
  ];
}

/** Every instant around each case's boundaries, in China time. */
function instants(list: Case[]): number[] {
  const all = new Set<number>();
  for (const c of list) {
    for (const d of [c.yellowFrom, c.dueDate]) {
      all.add(at(addDays(d, -1), 23, 59, 59, 999));
      all.add(at(d));
      all.add(at(d, 12));
    }
    all.add(at(c.dueDate, 23, 59, 59, 999));
    all.add(at(addDays(c.dueDate, 1)));
    all.add(at(addDays(c.yellowFrom, -20), 9));
    all.add(at(addDays(c.dueDate, 30), 9));
  }
  return [...all].sort((a, b) => a - b);
}

describe('the colour rule and the scan', () => {
  it('give every stage the same colour at every instant, and alert exactly the changes', async () => {
    const { w, id } = await worldWithAssigned('colour-rule');
    // The stages the assignment opened (due next year) are out of the way.
    await env.DB.prepare('update deadlines set ended_at = 1 where suggestion_id = ?').bind(id).run();
    const assignment = await env.DB.prepare('select id from assignments where suggestion_id = ?').bind(id).first<{ id: number }>();
    const list = await cases(w.tenantId);
    const expected: string[] = [];
    const actual: string[] = [];
    for (const now of instants(list)) {
      // Fresh rows for each instant: the scan never lowers, so rows of a later instant must not see an earlier one.
      const inserted = await env.DB.batch(
        list.map((c) =>
          env.DB.prepare(
            `insert into deadlines (tenant_id, suggestion_id, assignment_id, stage, due_date, yellow_from, colour, created_at, ended_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
          ).bind(w.tenantId, id, assignment!.id, c.stage, c.dueDate, c.yellowFrom, c.colour, now, c.ended ? now : null),
        ),
      );
      const ids = inserted.map((r) => (r.results[0] as { id: number }).id);
      await supervisionScan(db(), now);
      for (const [i, c] of list.entries()) {
        const row = await env.DB.prepare('select colour from deadlines where id = ?').bind(ids[i]).first<{ colour: string }>();
        const alerted = await env.DB.prepare('select colour from alerts where deadline_id = ?').bind(ids[i]).all<{ colour: string }>();
        const when = new Date(now).toISOString();
        expected.push(`${c.name} @ ${when}: ${colourAt(c, now)}, alerted ${colourChangeAt(c, now) ?? '-'}`);
        actual.push(`${c.name} @ ${when}: ${row!.colour}, alerted ${alerted.results.map((a) => a.colour).join('+') || '-'}`);
      }
      await env.DB.prepare(`update deadlines set ended_at = coalesce(ended_at, ?) where id in (${ids.join(',')})`)
        .bind(now)
        .run();
    }
    expect(actual).toEqual(expected);
    // The cases cross every boundary: each colour comes up, from the clock and from the stored colour.
    expect(expected.some((e) => e.endsWith('green, alerted -'))).toBe(true);
    expect(expected.some((e) => e.endsWith('yellow, alerted yellow'))).toBe(true);
    expect(expected.some((e) => e.endsWith('red, alerted red'))).toBe(true);
    expect(expected.some((e) => e.endsWith('yellow, alerted -') && e.startsWith('rehandling yellow'))).toBe(true);
  });
});

describe('the recipients table', () => {
  it('is who hears of a key suggestion’s yellow and red: in the app, by email and by the group robot', async () => {
    const { w, id } = await worldWithAssigned('recipients');
    // A key suggestion whose supervising leader has no other part in alerts (a staff account here).
    await env.DB.prepare('update suggestions set is_key = 1, supervising_leader_user_id = ? where id = ?').bind(w.users.staff.id, id).run();
    await env.DB.prepare("update deadlines set due_date = '2031-03-10', yellow_from = '2031-02-23' where suggestion_id = ? and stage = 'reply'")
      .bind(id)
      .run();
    await env.DB.prepare("update deadlines set ended_at = 1 where suggestion_id = ? and stage <> 'reply'").bind(id).run();
    const relationOf = new Map<string | number, AlertRelation>([
      [w.users.unit.id, 'unit_clerks'],
      [w.users.secretary.id, 'secretary'],
      [w.users.chair.id, 'chair'],
      [w.users.staff.id, 'supervising_leader'],
      ['nongye@county.example', 'unit_clerks'],
      ['mishu@county.example', 'secretary'],
      ['zhuren@county.example', 'chair'],
      ['lingdao@county.example', 'supervising_leader'],
      ['ju@county.example', 'unit_head_contact'],
      ['https://qyapi.example.com/cgi-bin/webhook/send?key=abc', 'group_robot'],
    ]);
    const emails = {
      unit: 'nongye@county.example',
      secretary: 'mishu@county.example',
      chair: 'zhuren@county.example',
      staff: 'lingdao@county.example',
      unit2: 'jiaotong@county.example',
      deputy: 'daibiao@county.example',
    } as const;
    for (const [who, email] of Object.entries(emails)) {
      await env.DB.prepare('update users set email = ? where id = ?')
        .bind(email, w.users[who as keyof typeof emails].id)
        .run();
    }
    await env.DB.prepare('update handling_units set email = ? where id = ?').bind('ju@county.example', w.units[0]).run();
    await env.DB.prepare("insert into settings (tenant_id, key, value, updated_at) values (?, 'alertWebhookUrl', ?, 0)")
      .bind(w.tenantId, JSON.stringify('https://qyapi.example.com/cgi-bin/webhook/send?key=abc'))
      .run();

    const reached = async (colour: AlertColour, now: number) => {
      let writeId = '';
      await supervisionScan(db(), now, 20_000, async (wid) => (writeId = wid));
      const notes = await env.DB.prepare('select user_id from notifications where suggestion_id = ? and kind = ?')
        .bind(id, colour)
        .all<{ user_id: number }>();
      const messages = (await deliveryMessages(db(), writeId)).filter((m) => m.tenantId === w.tenantId);
      const named = (targets: (string | number)[]) => targets.map((t) => relationOf.get(t) ?? `unexpected ${t}`).sort();
      return {
        in_app: named(notes.results.map((n) => n.user_id)),
        email: named(messages.filter((m) => m.channel === 'email').map((m) => m.target)),
        robot: named(messages.filter((m) => m.channel === 'webhook').map((m) => m.target)),
      };
    };
    const table = (colour: AlertColour) =>
      Object.fromEntries((['in_app', 'email', 'robot'] as AlertChannel[]).map((ch) => [ch, alertedRelations(colour, ch).sort()]));

    expect(await reached('yellow', at('2031-03-01', 9))).toEqual(table('yellow'));
    expect(await reached('red', at('2031-03-11', 9))).toEqual(table('red'));
    // What the table says today (DOMAIN.md, "Three-colour supervision").
    expect(table('yellow')).toEqual({
      in_app: ['secretary', 'supervising_leader', 'unit_clerks'],
      email: ['secretary', 'supervising_leader', 'unit_clerks'],
      robot: ['group_robot'],
    });
    expect(table('red').email).toEqual(['chair', 'secretary', 'supervising_leader', 'unit_clerks', 'unit_head_contact']);
  });
});

// Writes .wrangler/seed/demo.sql: the demo world of db/seed/demo-world.ts
// with hashed passwords, as INSERT OR IGNORE statements with fixed ids, so
// running it again (every `npm run dev`) changes nothing.
// Runs on the Node 22 that npm scripts use (it strips TypeScript types).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_OPERATOR, DEMO_PASSWORD, DEMO_TENANTS } from '../db/seed/demo-world.ts';
import { hashPassword } from '../worker/auth/password.ts';
import { text } from '../views/i18n.ts';
import { NATIONAL_CALENDAR } from '../db/seed/national-calendar.ts';
import { calendarFrom, chinaDateOf, dueDateFor } from '../worker/rules/calendar.ts';
import { DEFAULT_SETTINGS } from '../worker/rules/settings.ts';
import { raise, timeColour, yellowFrom } from '../worker/rules/colour.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : `'${String(v).replace(/'/g, "''")}'`);
const lines = [];
const insert = (table, row) =>
  lines.push(`INSERT OR IGNORE INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(q).join(', ')});`);

const DAY = 86_400_000;
/** The demo units' reply (class A) to the suggestions that got one. */
const REPLY_BODY = '经研究，已将所提问题纳入今年重点工作，相关资金已下达，工程已完工并通过验收。感谢代表对我们工作的关心和支持。';
const now = Date.now();
const calendar = calendarFrom(NATIONAL_CALENDAR);
const S = DEFAULT_SETTINGS;

/**
 * Moves some demo suggestions further along their life, so every role has
 * something to see: j=0 closed with a rating, j=1 assigned, j=2 replied
 * (waiting for the deputy's rating), j=3 accepted, j=4 in progress; j=5
 * stays submitted.
 * The lead unit is 农业农村局 (the demo unit clerk's), assisted by 交通运输局.
 */
function advance(tenantId, id, j, submittedAt, userIds, t) {
  const stage = { 0: 'closed', 1: 'assigned', 2: 'replied', 3: 'accepted', 4: 'in_progress' }[j];
  if (!stage) return;
  const sid = id(j);
  const staff = userIds.get('gongwei');
  const clerk = userIds.get('chengban');
  const leadUser = [...userIds.entries()].find(([u]) => t.users.find((x) => x.username === u)?.deputy === t.suggestions[j].lead)?.[1];
  let eventNo = 0;
  let deadlineNo = 0;
  const today = chinaDateOf(now);
  // An open stage with a due date, coloured as the clock has it today (三色督办).
  let colour = 'green';
  const deadline = (assignmentId, stage, due, at) => {
    const yf = yellowFrom(due, S.yellowDaysBefore);
    const c = timeColour(due, yf, today);
    colour = raise(colour, c);
    insert('deadlines', { id: sid * 10 + ++deadlineNo, tenant_id: tenantId, suggestion_id: sid, assignment_id: assignmentId, stage, due_date: due, yellow_from: yf, colour: c, created_at: at });
  };
  const event = (actor, kind, from, to, note, at) =>
    insert('suggestion_events', { id: sid * 10 + ++eventNo, tenant_id: tenantId, suggestion_id: sid, actor_user_id: actor.id, actor_name: actor.name, kind, from_state: from, to_state: to, note, created_at: at });
  const acceptedAt = submittedAt + 2 * DAY;
  event(staff, 'accept', 'submitted', 'accepted', null, acceptedAt);
  if (stage === 'accepted') return setState('accepted', acceptedAt);
  const assignedAt = acceptedAt + DAY;
  const on = chinaDateOf(assignedAt);
  const replyDue = dueDateFor(calendar, on, S.replyDeadline);
  const returnDue = dueDateFor(calendar, on, S.returnWindow);
  const opinionDue = dueDateFor(calendar, on, S.assistOpinionWindow);
  const signed = stage !== 'assigned';
  const replied = stage === 'replied' || stage === 'closed';
  // The reply waiting for a rating came two days ago, so its rating is not overdue.
  const repliedAt = stage === 'replied' ? now - 2 * DAY : assignedAt + 6 * DAY;
  insert('assignments', { id: sid * 10 + 1, tenant_id: tenantId, suggestion_id: sid, unit_id: id(10), role: 'lead', state: replied ? 'replied' : signed ? 'in_progress' : 'assigned', assigned_at: assignedAt, return_due: returnDue, reply_due: replyDue, original_reply_due: replyDue, signed_at: signed ? assignedAt + DAY : null, replied_at: replied ? repliedAt : null });
  insert('assignments', { id: sid * 10 + 2, tenant_id: tenantId, suggestion_id: sid, unit_id: id(8), role: 'assist', state: 'assigned', assigned_at: assignedAt, return_due: returnDue, opinion_due: opinionDue });
  if (!signed) deadline(sid * 10 + 1, 'sign_for', returnDue, assignedAt);
  if (!replied) deadline(sid * 10 + 1, 'reply', replyDue, assignedAt);
  if (stage !== 'closed') deadline(sid * 10 + 2, 'opinion', opinionDue, assignedAt);
  event(staff, 'assign', 'accepted', 'assigned', `主办：${t.units[10].name}；协办：${t.units[8].name}；答复期限 ${replyDue}`, assignedAt);
  if (stage === 'assigned') {
    // A key suggestion (重点建议) under the vice-chair's supervision: its yellow and red reach her too.
    const leader = userIds.get('fuzhuren');
    return setState('assigned', assignedAt, { is_key: 1, supervising_leader: leader.name, supervising_leader_user_id: leader.id });
  }
  event(clerk, 'sign_for', null, null, null, assignedAt + DAY);
  insert('contacts', { id: sid, tenant_id: tenantId, suggestion_id: sid, unit_id: id(10), contacted_on: chinaDateOf(assignedAt + 3 * DAY), who: 'unit_head', how: 'site_visit', note: '局长带队实地察看', created_by_user_id: clerk.id, created_at: assignedAt + 3 * DAY });
  event(clerk, 'contact', null, null, '单位负责人 · 实地察看', assignedAt + 3 * DAY);
  if (stage === 'in_progress') return setState('in_progress', assignedAt + 3 * DAY);
  insert('replies', { id: sid, tenant_id: tenantId, suggestion_id: sid, assignment_id: sid * 10 + 1, unit_id: id(10), kind: 'reply', round: 1, body: REPLY_BODY, signer: t.units[10].headContact, reply_class: 'A', created_by_user_id: clerk.id, created_at: repliedAt });
  const evaluationDue = dueDateFor(calendar, chinaDateOf(repliedAt), S.evaluationWindow);
  event(clerk, 'reply', null, null, text.handling.replyNote('A', t.units[10].headContact), repliedAt);
  event(clerk, 'replied', 'in_progress', 'replied', `${text.handling.evaluationDue} ${evaluationDue}`, repliedAt);
  if (stage === 'replied') {
    deadline(null, 'evaluation', evaluationDue, repliedAt);
    return setState('replied', repliedAt, { reply_class: 'A', evaluation_due: evaluationDue });
  }
  const ratedAt = repliedAt + 2 * DAY;
  insert('ratings', { id: sid, tenant_id: tenantId, suggestion_id: sid, round: 1, attitude: 'satisfied', result: 'satisfied', comment: '办理及时，效果明显', rated_by_user_id: leadUser.id, created_at: ratedAt });
  event(leadUser, 'rate', 'replied', 'closed', '办理及时，效果明显', ratedAt);
  setState('closed', ratedAt, { reply_class: 'A', closed_at: ratedAt });
  // 公开: staff published the closed one, so the public pages and the echo wall have a reply to show.
  const publishedAt = ratedAt + DAY;
  const year = new Date(now + 8 * 3_600_000).getUTCFullYear();
  insert('publications', {
    id: sid, tenant_id: tenantId, suggestion_id: sid, number: `${year}-${String(j + 1).padStart(4, '0')}`,
    title: t.suggestions[j].title, content: t.suggestions[j].content, reply_text: REPLY_BODY, unit_names: t.units[10].name,
    reply_class: 'A', submitted_at: submittedAt, replied_at: repliedAt, redacted: false, published: true,
    published_at: publishedAt, published_by_user_id: staff.id, updated_at: publishedAt,
  });
  event(staff, 'publish', null, null, null, publishedAt);

  function setState(state, at, extra = {}) {
    const sets = Object.entries({ state, updated_at: at, colour, ...extra }).map(([k, v]) => `${k} = ${q(v)}`).join(', ');
    lines.push(`UPDATE suggestions SET ${sets} WHERE id = ${sid} AND state = 'submitted';`);
  }
}

insert('users', { id: 1, tenant_id: null, username: DEMO_OPERATOR.username, display_name: DEMO_OPERATOR.displayName, role: DEMO_OPERATOR.role, password_hash: await hashPassword(DEMO_PASSWORD) });

for (const [ti, t] of DEMO_TENANTS.entries()) {
  const tenantId = ti + 1;
  const id = (j) => tenantId * 10_000 + j + 1;
  insert('tenants', { id: tenantId, slug: t.slug, name: t.name, status: 'active' });
  insert('tenant_hostnames', { hostname: t.hostname, tenant_id: tenantId });
  for (const d of NATIONAL_CALENDAR) insert('calendar_days', { tenant_id: tenantId, date: d.date, kind: d.kind, name: d.name });
  t.stations.forEach((s, j) => insert('liaison_stations', { id: id(j), tenant_id: tenantId, name: s.name, township: s.township, level: s.level }));
  t.units.forEach((u, j) => insert('handling_units', { id: id(j), tenant_id: tenantId, name: u.name, head_contact: u.headContact, phone: u.phone, email: `unit${j + 1}@${t.slug}.example.org` }));
  t.categories.forEach((name, j) => insert('categories', { id: id(j), tenant_id: tenantId, name, sort: j }));
  t.deputies.forEach((d, j) =>
    insert('deputies', { id: id(j), tenant_id: tenantId, name: d.name, level: d.level, station_id: id(d.station), group_name: d.group, phone: d.phone, confidential: Boolean(d.confidential) }),
  );
  const userIds = new Map();
  for (const [j, u] of t.users.entries()) {
    userIds.set(u.username, { id: id(j), name: u.displayName });
    insert('users', {
      id: id(j), tenant_id: tenantId, username: u.username, display_name: u.displayName, role: u.role,
      password_hash: await hashPassword(DEMO_PASSWORD),
      deputy_id: u.deputy === undefined ? null : id(u.deputy),
      unit_id: u.unit === undefined ? null : id(u.unit),
      station_id: u.station === undefined ? null : id(u.station),
      // Alert emails (三色督办) go to these; locally wrangler writes them under .wrangler/tmp/email/.
      email: ['gongwei', 'mishu', 'zhuren', 'fuzhuren', 'chengban'].includes(u.username) ? `${u.username}@${t.slug}.example.org` : null,
    });
  }
  const year = new Date(now + 8 * 3_600_000).getUTCFullYear();
  t.suggestions.forEach((s, j) => {
    const at = now - s.daysAgo * DAY;
    const by = userIds.get(s.enteredBy);
    insert('suggestions', {
      id: id(j), tenant_id: tenantId, number: `${year}-${String(j + 1).padStart(4, '0')}`, title: s.title, content: s.content,
      category_id: id(s.category), source_channel: s.channel, lead_deputy_id: id(s.lead), entered_by_user_id: by.id,
      state: 'submitted', idempotency_key: `demo-${t.slug}-${j}`, submitted_at: at, created_at: at, updated_at: at,
    });
    s.cosigners.forEach((c) => insert('suggestion_cosigners', { tenant_id: tenantId, suggestion_id: id(j), deputy_id: id(c) }));
    insert('suggestion_events', {
      id: id(j), tenant_id: tenantId, suggestion_id: id(j), actor_user_id: by.id, actor_name: by.name, kind: 'submit',
      from_state: null, to_state: 'submitted', note: s.enteredBy === 'lianluoyuan' ? text.suggestion.enteredOnBehalf(by.name) : null, created_at: at,
    });
    advance(tenantId, id, j, at, userIds, t);
  });
}

const out = join(root, '.wrangler/seed/demo.sql');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`demo world: ${DEMO_TENANTS.map((t) => t.name).join('、')} → ${out} (${lines.length} statements)`);

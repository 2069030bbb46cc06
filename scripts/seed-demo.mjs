// Writes .wrangler/seed/demo.sql: the demo world of db/seed/demo-world.ts
// with hashed passwords, as INSERT OR IGNORE statements with fixed ids, so
// running it again (every `npm run dev`) changes nothing.
// Runs on the Node 22 that npm scripts use (it strips TypeScript types).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqlLiteral } from './lib/sql-literal.mjs';
import { DEMO_OPERATOR, DEMO_PASSWORD, DEMO_TENANTS } from '../db/seed/demo-world.ts';
import { hashPassword } from '../worker/auth/password.ts';
import { text } from '../views/text/index.ts';
import { NATIONAL_CALENDAR } from '../db/seed/national-calendar.ts';
import { calendarFrom, chinaDateOf, dueDateFor } from '../worker/rules/calendar.ts';
import { DEFAULT_SETTINGS } from '../worker/rules/settings.ts';
import { raise, timeColour, yellowFrom } from '../worker/rules/colour.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const q = sqlLiteral;
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
    insert('deadlines', {
      id: sid * 10 + ++deadlineNo,
      tenant_id: tenantId,
      suggestion_id: sid,
      assignment_id: assignmentId,
      stage,
      due_date: due,
      yellow_from: yf,
      colour: c,
      created_at: at,
    });
  };
  const event = (actor, kind, from, to, note, at) =>
    insert('suggestion_events', {
      id: sid * 10 + ++eventNo,
      tenant_id: tenantId,
      suggestion_id: sid,
      actor_user_id: actor.id,
      actor_name: actor.name,
      kind,
      from_state: from,
      to_state: to,
      note,
      created_at: at,
    });
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
  insert('assignments', {
    id: sid * 10 + 1,
    tenant_id: tenantId,
    suggestion_id: sid,
    unit_id: id(10),
    role: 'lead',
    state: replied ? 'replied' : signed ? 'in_progress' : 'assigned',
    assigned_at: assignedAt,
    return_due: returnDue,
    reply_due: replyDue,
    original_reply_due: replyDue,
    signed_at: signed ? assignedAt + DAY : null,
    replied_at: replied ? repliedAt : null,
  });
  insert('assignments', {
    id: sid * 10 + 2,
    tenant_id: tenantId,
    suggestion_id: sid,
    unit_id: id(8),
    role: 'assist',
    state: 'assigned',
    assigned_at: assignedAt,
    return_due: returnDue,
    opinion_due: opinionDue,
  });
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
  insert('contacts', {
    id: sid,
    tenant_id: tenantId,
    suggestion_id: sid,
    unit_id: id(10),
    contacted_on: chinaDateOf(assignedAt + 3 * DAY),
    who: 'unit_head',
    how: 'site_visit',
    note: '局长带队实地察看',
    created_by_user_id: clerk.id,
    created_at: assignedAt + 3 * DAY,
  });
  event(clerk, 'contact', null, null, '单位负责人 · 实地察看', assignedAt + 3 * DAY);
  if (stage === 'in_progress') return setState('in_progress', assignedAt + 3 * DAY);
  insert('replies', {
    id: sid,
    tenant_id: tenantId,
    suggestion_id: sid,
    assignment_id: sid * 10 + 1,
    unit_id: id(10),
    kind: 'reply',
    round: 1,
    body: REPLY_BODY,
    signer: t.units[10].headContact,
    reply_class: 'A',
    created_by_user_id: clerk.id,
    created_at: repliedAt,
  });
  const evaluationDue = dueDateFor(calendar, chinaDateOf(repliedAt), S.evaluationWindow);
  event(clerk, 'reply', null, null, text.handling.replyNote('A', t.units[10].headContact), repliedAt);
  event(clerk, 'replied', 'in_progress', 'replied', `${text.handling.evaluationDue} ${evaluationDue}`, repliedAt);
  if (stage === 'replied') {
    deadline(null, 'evaluation', evaluationDue, repliedAt);
    return setState('replied', repliedAt, { reply_class: 'A', evaluation_due: evaluationDue });
  }
  const ratedAt = repliedAt + 2 * DAY;
  insert('ratings', {
    id: sid,
    tenant_id: tenantId,
    suggestion_id: sid,
    round: 1,
    attitude: 'satisfied',
    result: 'satisfied',
    comment: '办理及时，效果明显',
    rated_by_user_id: leadUser.id,
    created_at: ratedAt,
  });
  event(leadUser, 'rate', 'replied', 'closed', '办理及时，效果明显', ratedAt);
  setState('closed', ratedAt, { reply_class: 'A', closed_at: ratedAt });
  // 公开: staff published the closed one, so the public pages and the echo wall have a reply to show.
  const publishedAt = ratedAt + DAY;
  const year = new Date(now + 8 * 3_600_000).getUTCFullYear();
  insert('publications', {
    id: sid,
    tenant_id: tenantId,
    suggestion_id: sid,
    number: `${year}-${String(j + 1).padStart(4, '0')}`,
    title: t.suggestions[j].title,
    content: t.suggestions[j].content,
    reply_text: REPLY_BODY,
    unit_names: t.units[10].name,
    reply_class: 'A',
    submitted_at: submittedAt,
    replied_at: repliedAt,
    redacted: false,
    published: true,
    published_at: publishedAt,
    published_by_user_id: staff.id,
    updated_at: publishedAt,
  });
  event(staff, 'publish', null, null, null, publishedAt);

  function setState(state, at, extra = {}) {
    const sets = Object.entries({ state, updated_at: at, colour, ...extra })
      .map(([k, v]) => `${k} = ${q(v)}`)
      .join(', ');
    lines.push(`UPDATE suggestions SET ${sets} WHERE id = ${sid} AND state = 'submitted';`);
  }
}

insert('users', {
  id: 1,
  tenant_id: null,
  username: DEMO_OPERATOR.username,
  display_name: DEMO_OPERATOR.displayName,
  role: DEMO_OPERATOR.role,
  password_hash: await hashPassword(DEMO_PASSWORD),
});

for (const [ti, t] of DEMO_TENANTS.entries()) {
  const tenantId = ti + 1;
  const id = (j) => tenantId * 10_000 + j + 1;
  insert('tenants', { id: tenantId, slug: t.slug, name: t.name, status: 'active' });
  insert('tenant_hostnames', { hostname: t.hostname, tenant_id: tenantId });
  for (const d of NATIONAL_CALENDAR) insert('calendar_days', { tenant_id: tenantId, date: d.date, kind: d.kind, name: d.name });
  t.stations.forEach((s, j) => insert('liaison_stations', { id: id(j), tenant_id: tenantId, name: s.name, township: s.township, level: s.level }));
  t.units.forEach((u, j) =>
    insert('handling_units', {
      id: id(j),
      tenant_id: tenantId,
      name: u.name,
      head_contact: u.headContact,
      phone: u.phone,
      email: `unit${j + 1}@${t.slug}.example.org`,
    }),
  );
  t.categories.forEach((name, j) => insert('categories', { id: id(j), tenant_id: tenantId, name, sort: j }));
  t.deputies.forEach((d, j) =>
    insert('deputies', {
      id: id(j),
      tenant_id: tenantId,
      name: d.name,
      level: d.level,
      station_id: id(d.station),
      group_name: d.group,
      phone: d.phone,
      confidential: Boolean(d.confidential),
    }),
  );
  const userIds = new Map();
  for (const [j, u] of t.users.entries()) {
    userIds.set(u.username, { id: id(j), name: u.displayName });
    insert('users', {
      id: id(j),
      tenant_id: tenantId,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
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
      id: id(j),
      tenant_id: tenantId,
      number: `${year}-${String(j + 1).padStart(4, '0')}`,
      title: s.title,
      content: s.content,
      category_id: id(s.category),
      source_channel: s.channel,
      lead_deputy_id: id(s.lead),
      entered_by_user_id: by.id,
      state: 'submitted',
      idempotency_key: `demo-${t.slug}-${j}`,
      submitted_at: at,
      created_at: at,
      updated_at: at,
    });
    s.cosigners.forEach((c) => insert('suggestion_cosigners', { tenant_id: tenantId, suggestion_id: id(j), deputy_id: id(c) }));
    insert('suggestion_events', {
      id: id(j),
      tenant_id: tenantId,
      suggestion_id: id(j),
      actor_user_id: by.id,
      actor_name: by.name,
      kind: 'submit',
      from_state: null,
      to_state: 'submitted',
      note: s.enteredBy === 'lianluoyuan' ? text.suggestion.enteredOnBehalf(by.name) : null,
      created_at: at,
    });
    advance(tenantId, id, j, at, userIds, t);
  });
  betweenSessions(tenantId, id, userIds);
}

/**
 * Issue 7's workflows, so every page has something to show: this month's
 * 单月座谈议题, a reception held three days ago at 城关回族镇 (two voters'
 * issues: one open, one handed to the township) and one in five days at 毛庄镇,
 * and 民生实事 — three shortlisted projects on an open ballot of two places
 * (daibiao, a county deputy, may vote) and a public proposal awaiting review.
 */
function betweenSessions(tenantId, id, userIds) {
  const staff = userIds.get('gongwei');
  const clerk = userIds.get('lianluoyuan');
  const today = chinaDateOf(now);
  const month = today.slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  insert('forum_topics', {
    id: id(0),
    tenant_id: tenantId,
    month,
    title: '农村人居环境整治：黑臭水体与生活垃圾',
    created_by_user_id: staff.id,
    created_at: now - 5 * DAY,
    description: '围绕农村黑臭水体治理、生活垃圾收运和厕所改造，请各位代表结合所在村组实际提出意见建议。',
    closes_on: lastDay,
  });
  const held = chinaDateOf(now - 3 * DAY);
  insert('receptions', {
    id: id(0),
    tenant_id: tenantId,
    station_id: id(0),
    date: held,
    starts_at: '09:00',
    ends_at: '11:30',
    place: '城关回族镇人大代表之家',
    note: '“321”接待日',
    created_by_user_id: clerk.id,
    created_at: now - 10 * DAY,
  });
  for (const d of [12, 18]) insert('reception_deputies', { tenant_id: tenantId, reception_id: id(0), deputy_id: id(d) });
  insert('receptions', {
    id: id(1),
    tenant_id: tenantId,
    station_id: id(1),
    date: chinaDateOf(now + 5 * DAY),
    starts_at: '14:30',
    ends_at: '17:00',
    place: '毛庄镇代表联络站接待室',
    note: null,
    created_by_user_id: staff.id,
    created_at: now - DAY,
  });
  for (const d of [7, 13]) insert('reception_deputies', { tenant_id: tenantId, reception_id: id(1), deputy_id: id(d) });
  insert('voter_issues', {
    id: id(0),
    tenant_id: tenantId,
    reception_id: id(0),
    station_id: id(0),
    voter_name: '马大爷',
    voter_contact: null,
    content: '村东头排水沟堵塞，雨天积水进院。',
    category_id: id(0),
    measure: '建议镇里组织清淤并加装盖板',
    outcome: 'open',
    logged_by_user_id: clerk.id,
    created_at: now - 3 * DAY,
  });
  insert('voter_issues', {
    id: id(1),
    tenant_id: tenantId,
    reception_id: id(0),
    station_id: id(0),
    voter_name: '李女士',
    voter_contact: '138****2201',
    content: '小区门口路灯坏了两个月。',
    category_id: id(1),
    measure: '交镇城建办限期维修',
    outcome: 'handed_over',
    handed_to: '城关回族镇城建办',
    due_date: chinaDateOf(now + 10 * DAY),
    logged_by_user_id: clerk.id,
    created_at: now - 3 * DAY,
  });
  const year = Number(today.slice(0, 4));
  const projects = [
    ['县城区老旧小区加装电梯', '为六层以下老旧小区试点加装电梯 20 部。', 12_000_000, 2],
    ['农村饮水安全巩固提升', '改造老化供水管网，新建净水设施 3 处。', 8_500_000, 5],
    ['城乡公交一体化', '新开通 5 条城乡公交线路，票价 2 元。', 6_000_000, 6],
  ];
  /** A 民生实事 project row; `proposer` holds the proposer's columns in table order. */
  const project = (n, title, description, budget, unitId, proposer, status, ageDays) => ({
    id: id(n),
    tenant_id: tenantId,
    year,
    title,
    description,
    budget_yuan: budget,
    unit_id: unitId,
    ...proposer,
    status,
    created_at: now - ageDays * DAY,
    updated_at: now - ageDays * DAY,
  });
  const byStaff = { proposer_kind: 'staff', proposer_name: staff.name, proposer_user_id: staff.id };
  projects.forEach(([title, description, budget, unit], j) =>
    insert('projects', project(j, title, description, budget, id(unit), byStaff, 'shortlisted', 20)),
  );
  const byPublic = { proposer_kind: 'public', proposer_name: '市民王先生', proposer_contact: '139****5566' };
  insert('projects', project(3, '建设县城口袋公园', '在老城区利用边角地建设口袋公园 5 处。', null, null, byPublic, 'pending', 2));
  insert('ballots', {
    id: id(0),
    tenant_id: tenantId,
    year,
    title: `${year}年度民生实事项目票决`,
    places: 2,
    status: 'open',
    opens_at: now - DAY,
    closes_at: now + 7 * DAY,
    created_by_user_id: staff.id,
    created_at: now - DAY,
  });
  projects.forEach((_, j) => insert('ballot_candidates', { tenant_id: tenantId, ballot_id: id(0), project_id: id(j), votes: 0 }));
}

const out = join(root, '.wrangler/seed/demo.sql');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`demo world: ${DEMO_TENANTS.map((t) => t.name).join('、')} → ${out} (${lines.length} statements)`);

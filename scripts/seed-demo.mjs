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

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : `'${String(v).replace(/'/g, "''")}'`);
const lines = [];
const insert = (table, row) =>
  lines.push(`INSERT OR IGNORE INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(q).join(', ')});`);

const DAY = 86_400_000;
const now = Date.now();

insert('users', { id: 1, tenant_id: null, username: DEMO_OPERATOR.username, display_name: DEMO_OPERATOR.displayName, role: DEMO_OPERATOR.role, password_hash: await hashPassword(DEMO_PASSWORD) });

for (const [ti, t] of DEMO_TENANTS.entries()) {
  const tenantId = ti + 1;
  const id = (j) => tenantId * 10_000 + j + 1;
  insert('tenants', { id: tenantId, slug: t.slug, name: t.name, status: 'active' });
  insert('tenant_hostnames', { hostname: t.hostname, tenant_id: tenantId });
  for (const d of NATIONAL_CALENDAR) insert('calendar_days', { tenant_id: tenantId, date: d.date, kind: d.kind, name: d.name });
  t.stations.forEach((s, j) => insert('liaison_stations', { id: id(j), tenant_id: tenantId, name: s.name, township: s.township, level: s.level }));
  t.units.forEach((u, j) => insert('handling_units', { id: id(j), tenant_id: tenantId, name: u.name, head_contact: u.headContact, phone: u.phone }));
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
  });
}

const out = join(root, '.wrangler/seed/demo.sql');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`demo world: ${DEMO_TENANTS.map((t) => t.name).join('、')} → ${out} (${lines.length} statements)`);

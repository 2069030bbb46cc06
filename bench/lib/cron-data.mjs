// Synthetic open deadlines for the three-colour scan bench (issue #4):
// `count` open stage deadlines spread over `tenants` counties, with just the
// parent rows D1's foreign keys require (local D1, like production, enforces
// them). Written as SQL files of multi-row INSERTs. Deterministic: the same
// options give the same rows; only the dates move with `day`.
//
// Two scan moments are planned, a day apart (see the bench): day D and D+1,
// each at 09:00 China time. A row's class is fixed by its id:
//
//   id % 1000 === 0   (0.1 %) crossing at D: half turn red (yellow, due D-1),
//                     half turn yellow (green, yellow_from D).
//   id % 20 === 1     (5 %)   crossing at D+1 only: half turn red (yellow,
//                     due D), half turn yellow (green, yellow_from D+1).
//   all others        steady on both days: 60 % green with yellow_from
//                     D+2 … D+121, 25 % yellow due D+1 … D+15, 15 % red
//                     (due D-200 … D-1).
//
// "Steady" means what the previous day's scan would have left: no green row
// inside its warning window, no non-red row past its due date. So a scan at
// D must change exactly the 0.1 % rows, and then one at D+1 exactly the 5 %.
//
// Parents, per tenant t (1 … tenants): tenant t, deputy t, `unitsPerTenant`
// handling units, and `usersPerTenant` users: 1 secretary, 1 chair, one unit
// clerk per unit and the rest deputies' accounts (the scan's notification
// query picks the tenant's secretary, chair and the unit's clerk among them).
// Suggestion k (1 … count/perSuggestion) belongs to tenant ((k-1) % tenants)+1
// and has one lead assignment k to one of its tenant's units. Deadlines are
// dealt to suggestions by a seeded shuffle (`perSuggestion` each), so a
// suggestion's stages are spread over the id space and the crossing rows of
// a class over many suggestions and tenants (at 1,000,000 / 3,000: class A
// touches ~860 tenants, class B all 3,000), as real due dates would be. (A
// modulo mapping would not do: with ids picked by id % 1000 and
// suggestions = count/4, class A fell on 250 suggestions of 3 tenants.)
// Every deadline but the evaluation stage points at the assignment.

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;

export const CRON_DATA = {
  count: 1_000_000,
  tenants: 3_000,
  /** Open deadlines per suggestion (a real suggestion has 2–5 open stages: sign-for per unit, opinion, reply). */
  perSuggestion: 4,
  /** Warning window: yellow_from = due_date - 7 days (the tenant setting's default is 15; the span does not matter to the scan). */
  yellowDays: 7,
  unitsPerTenant: 10,
  /** A real county has 200–300 deputies with accounts; 40 keeps the load short (see the bench's notes). */
  usersPerTenant: 40,
  rowsPerInsert: 400,
  /** Deadline rows per SQL file (each file is one `wrangler d1 execute`). */
  rowsPerFile: 250_000,
};

export const STAGES = ['sign_for', 'opinion', 'reply', 'reply', 'rehandling', 'evaluation', 'promise'];

/** The China date (YYYY-MM-DD) `n` days after `day`. */
export function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Epoch ms of 09:00 China time on `day`. */
export function chinaMorning(day) {
  return Date.parse(`${day}T00:00:00Z`) - CHINA + 9 * 3_600_000;
}

export const chinaToday = (ms = Date.now()) => new Date(ms + CHINA).toISOString().slice(0, 10);

/** A cheap deterministic hash of an integer to [0, 1). */
function h(i, salt) {
  let x = (Math.imul(i ^ salt, 0x9e3779b1) ^ (i >>> 16)) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4_294_967_296;
}

/** The class of deadline `id`: 'A' (crosses at D), 'B' (crosses at D+1) or 'steady'. */
export const classOf = (id) => (id % 1000 === 0 ? 'A' : id % 20 === 1 ? 'B' : 'steady');

/** A small seeded PRNG (mulberry32): deterministic floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The suggestion of each deadline: index i-1 holds deadline i's suggestion.
 * Suggestion k gets `perSuggestion` deadlines (the last one fewer when
 * count is not a multiple), dealt by a seeded Fisher–Yates shuffle.
 */
export function suggestionOfDeadline(o) {
  const suggestions = Math.ceil(o.count / o.perSuggestion);
  const out = new Int32Array(o.count);
  for (let i = 0; i < o.count; i++) out[i] = (i % suggestions) + 1;
  const rand = prng(0x5eed);
  for (let i = o.count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The deadline row with id `i` (1-based), of suggestion `s`. */
export function deadline(i, o, day, s) {
  const tenant = ((s - 1) % o.tenants) + 1;
  const stage = STAGES[Math.floor(h(i, 7) * STAGES.length)];
  let due;
  let colour;
  const cls = classOf(i);
  if (cls === 'A') {
    // Alternate: every other one turns red, the rest turn yellow.
    if ((i / 1000) % 2 === 1) [due, colour] = [addDays(day, -1), 'yellow'];
    else [due, colour] = [addDays(day, o.yellowDays), 'green']; // yellow_from = D
  } else if (cls === 'B') {
    if (((i - 1) / 20) % 2 === 0) [due, colour] = [day, 'yellow'];
    else [due, colour] = [addDays(day, 1 + o.yellowDays), 'green']; // yellow_from = D+1
  } else {
    const r = h(i, 11);
    if (r < 0.6) [due, colour] = [addDays(day, 2 + o.yellowDays + Math.floor(h(i, 13) * 120)), 'green'];
    else if (r < 0.85) [due, colour] = [addDays(day, 1 + Math.floor(h(i, 13) * o.yellowDays)), 'yellow'];
    else [due, colour] = [addDays(day, -1 - Math.floor(h(i, 13) * 200)), 'red'];
  }
  return {
    id: i,
    tenant_id: tenant,
    suggestion_id: s,
    assignment_id: stage === 'evaluation' ? null : s,
    stage,
    due_date: due,
    yellow_from: addDays(due, -o.yellowDays),
    colour,
    created_at: 0,
  };
}

const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

function inserts(table, cols, rows, perInsert) {
  const out = [];
  for (let i = 0; i < rows.length; i += perInsert) {
    const values = rows.slice(i, i + perInsert).map((r) => `(${cols.map((c) => q(r[c])).join(',')})`);
    out.push(`INSERT INTO ${table} (${cols.join(',')}) VALUES\n${values.join(',\n')};`);
  }
  return out;
}

const RANK = { green: 0, yellow: 1, red: 2 };

/**
 * The SQL files (strings, in load order): first the parents (tenants,
 * deputies, units, users, suggestions, assignments), then the deadlines in
 * slices of `rowsPerFile`. Returns { files, info }.
 */
export function generate({ day = chinaToday(), ...over } = {}) {
  const o = { ...CRON_DATA, ...over };
  const suggestionCount = Math.ceil(o.count / o.perSuggestion);
  // Each suggestion's colour: the highest of its open stages (as the app keeps it).
  const colour = new Uint8Array(suggestionCount + 1);
  const counts = { A: 0, B: 0, steady: 0, green: 0, yellow: 0, red: 0, aRed: 0, aYellow: 0, bRed: 0, bYellow: 0 };
  const deadlineFiles = [];
  const suggestionOf = suggestionOfDeadline(o);
  const touched = { A: new Set(), B: new Set() };
  for (let from = 1; from <= o.count; from += o.rowsPerFile) {
    const rows = [];
    for (let i = from; i < Math.min(from + o.rowsPerFile, o.count + 1); i++) {
      const d = deadline(i, o, day, suggestionOf[i - 1]);
      rows.push(d);
      colour[d.suggestion_id] = Math.max(colour[d.suggestion_id], RANK[d.colour]);
      const cls = classOf(i);
      counts[cls]++;
      counts[d.colour]++;
      if (cls !== 'steady') {
        counts[`${cls.toLowerCase()}${d.colour === 'green' ? 'Yellow' : 'Red'}`]++;
        touched[cls].add(d.tenant_id);
      }
    }
    const cols = Object.keys(rows[0]);
    deadlineFiles.push({
      label: `deadlines ${from}–${rows[rows.length - 1].id}`,
      rows: rows.length,
      sql: inserts('deadlines', cols, rows, o.rowsPerInsert).join('\n') + '\n',
    });
  }

  const tenants = [];
  const deputies = [];
  const units = [];
  const users = [];
  for (let t = 1; t <= o.tenants; t++) {
    const slug = `cron-${String(t).padStart(4, '0')}`;
    tenants.push({ id: t, slug, name: `压测县${t}`, created_at: 0 });
    deputies.push({ id: t, tenant_id: t, name: `代表${t}`, level: 'county', created_at: 0 });
    const unit = (u) => o.unitsPerTenant * (t - 1) + u;
    for (let u = 1; u <= o.unitsPerTenant; u++) units.push({ id: unit(u), tenant_id: t, name: `承办单位${u}`, created_at: 0 });
    for (let k = 1; k <= o.usersPerTenant; k++) {
      const role = k === 1 ? 'secretary' : k === 2 ? 'chair' : k <= 2 + o.unitsPerTenant ? 'unit_clerk' : 'deputy';
      users.push({
        id: o.usersPerTenant * (t - 1) + k,
        tenant_id: t,
        username: `u${k}`,
        display_name: `${role} ${k}`,
        role,
        password_hash: 'x',
        deputy_id: role === 'deputy' ? t : null,
        unit_id: role === 'unit_clerk' ? unit(k - 2) : null,
        created_at: 0,
      });
    }
  }
  const NAMES = ['green', 'yellow', 'red'];
  const suggestions = [];
  const assignments = [];
  for (let k = 1; k <= suggestionCount; k++) {
    const t = ((k - 1) % o.tenants) + 1;
    const unit = o.unitsPerTenant * (t - 1) + 1 + (Math.floor((k - 1) / o.tenants) % o.unitsPerTenant);
    suggestions.push({
      id: k,
      tenant_id: t,
      number: `2026-${String(k).padStart(6, '0')}`,
      title: `压测建议${k}`,
      content: '三色督办压测',
      source_channel: 'session',
      lead_deputy_id: t,
      entered_by_user_id: o.usersPerTenant * (t - 1) + 1,
      state: 'in_progress',
      colour: NAMES[colour[k]],
      submitted_at: 0,
      created_at: 0,
      updated_at: 0,
    });
    assignments.push({
      id: k,
      tenant_id: t,
      suggestion_id: k,
      unit_id: unit,
      role: 'lead',
      state: 'in_progress',
      assigned_at: 0,
      return_due: addDays(day, -60),
    });
  }
  const cols = (rows) => Object.keys(rows[0]);
  const parents = [
    ...inserts('tenants', cols(tenants), tenants, 500),
    ...inserts('deputies', cols(deputies), deputies, 500),
    ...inserts('handling_units', cols(units), units, 500),
    ...inserts('users', cols(users), users, 300),
  ];
  const parentFiles = [
    {
      label: `${o.tenants} tenants with 1 deputy, ${o.unitsPerTenant} units, ${o.usersPerTenant} users each`,
      rows: tenants.length + deputies.length + units.length + users.length,
      sql: parents.join('\n') + '\n',
    },
  ];
  for (let i = 0; i < suggestionCount; i += o.rowsPerFile) {
    const s = suggestions.slice(i, i + o.rowsPerFile);
    const a = assignments.slice(i, i + o.rowsPerFile);
    parentFiles.push({
      label: `suggestions + assignments ${s[0].id}–${s[s.length - 1].id}`,
      rows: s.length + a.length,
      sql: [...inserts('suggestions', cols(s), s, 200), ...inserts('assignments', cols(a), a, 400)].join('\n') + '\n',
    });
  }
  return {
    options: o,
    files: [...parentFiles, ...deadlineFiles],
    info: {
      day,
      count: o.count,
      tenants: o.tenants,
      suggestions: suggestionCount,
      assignments: suggestionCount,
      units: units.length,
      users: users.length,
      ...counts,
      tenantsA: touched.A.size,
      tenantsB: touched.B.size,
    },
  };
}

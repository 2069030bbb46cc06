// Synthetic bulk data for the list-scale bench (issue #3): N suggestions in
// one tenant of the demo world (太康县, tenant 1), written as SQL files of
// multi-row INSERTs to load on top of the demo seed. Deterministic: the same
// seed gives the same rows (only the dates move with `now`).
//
// Shape (see describe()):
// - submitted_at spread uniformly over the 3 years before `now`; ids and the
//   per-year numbers ('YYYY-NNNNN', 5 digits, so never equal to the demo's
//   4-digit 'YYYY-NNNN') follow submission order; updated_at = submitted_at.
// - states by age: recent ones still submitted/accepted/assigned, older ones
//   mostly closed (some tracking B-class promises, some still in progress).
// - category 10001–10011; lead deputy 10001–10040 (the demo deputy 10008
//   leads exactly `deputyLeads` of them and co-signs `deputyCosigns` more);
//   entered by user 10001; ~1 % 重点建议 (is_key).
// - every suggestion from 'assigned' on has one lead assignment to a unit
//   10001–10021 whose state follows the suggestion's (assigned → assigned,
//   in_progress → in_progress, replied/tracking/closed → replied).
// - co-signers (1–3 other deputies) on ~30 %.
// - titles and contents composed from a small vocabulary; the search probes
//   (a 4-character phrase and a 2-character word) each occur in ~1 % of rows
//   and nowhere else.
//
// No suggestion_events, replies or ratings are written for the bulk rows:
// no list query reads them, and the detail page reads them by suggestion id.
//
// loadScaleState() writes the rows into a bench's local D1 state (used by
// bench/list-scale and bench/load).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { root, wrangler } from './local-server.mjs';

export const SCALE = {
  tenantId: 1,
  count: 60_000,
  firstId: 100_001,
  years: 3,
  /** Rows per INSERT statement (keeps each statement well under 100 KB, D1's statement limit). */
  rowsPerInsert: 100,
  /** Rows per SQL file (each file is one `wrangler d1 execute`). */
  rowsPerFile: 20_000,
  deputy: 10008,
  deputyLeads: 200,
  deputyCosigns: 100,
  /** A 4-character phrase (FTS trigram path) and a 2-character word (LIKE path), each in ~1 % of rows. */
  phrase: '光伏发电',
  word: '路灯',
  probeShare: 0.01,
};

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;

/** mulberry32: a small deterministic PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PLACES = [
  '城关回族镇',
  '毛庄镇',
  '常营镇',
  '马头镇',
  '逊母口镇',
  '老冢镇',
  '清集镇',
  '转楼镇',
  '高朗乡',
  '独塘乡',
  '县城',
  '老城区',
  '产业集聚区',
  '城郊乡',
];
const VERBS = ['加强', '改善', '推进', '规范', '完善', '加快', '提高', '解决', '优化', '做好'];
const OBJECTS = [
  '农村饮水安全',
  '乡村道路养护',
  '中小学校车管理',
  '城区停车秩序',
  '农贸市场环境',
  '基层医疗服务',
  '留守儿童关爱',
  '高标准农田管护',
  '河道垃圾清理',
  '老旧小区改造',
  '农村电网改造',
  '养老服务设施',
  '农村生活污水治理',
  '公交线路设置',
  '冬季清洁取暖',
  '农产品冷链物流',
  '背街小巷硬化',
  '公共厕所建设',
  '校园周边交通',
  '残疾人就业帮扶',
];
const PROBLEMS = [
  '投入不足、标准偏低',
  '管护责任不明确',
  '设施老化失修',
  '群众办事不便',
  '覆盖面不够广',
  '资金落实不到位',
  '部门之间衔接不畅',
  '日常监管缺位',
  '服务质量不高',
  '存在安全隐患',
];
const DEPTS = ['县政府', '有关部门', '县直相关单位', '乡镇政府', '主管部门'];
const MEASURES = [
  '统筹安排专项资金',
  '开展一次全面排查',
  '建立长效管护机制',
  '明确责任单位和完成时限',
  '加大财政补贴力度',
  '引入社会资本参与',
  '纳入年度重点工作',
  '定期公开进展情况',
  '加强督促检查',
  '完善考核办法',
];
// The probes: sentences that carry them, used only for the ~1 % of rows that should match.
const PHRASE_SENTENCE = (p) => `不少村民希望在屋顶安装${p}设备，但并网手续繁琐。`;
const WORD_SENTENCE = (w) => `部分${w}长期损坏，夜间出行不便。`;

const STATES_BY_AGE = [
  // [max age in days, [[state, weight], …]]
  [
    30,
    [
      ['submitted', 40],
      ['accepted', 25],
      ['assigned', 20],
      ['in_progress', 15],
    ],
  ],
  [
    180,
    [
      ['assigned', 10],
      ['in_progress', 35],
      ['replied', 25],
      ['closed', 20],
      ['tracking', 10],
    ],
  ],
  [
    Infinity,
    [
      ['in_progress', 3],
      ['replied', 4],
      ['closed', 85],
      ['tracking', 8],
    ],
  ],
];
const CHANNELS = ['session', 'forum', 'reception', 'inspection', 'station', 'online'];

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
function weighted(rnd, pairs) {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  let x = rnd() * total;
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}
const chinaDate = (ms) => new Date(ms + CHINA).toISOString().slice(0, 10);
const chinaYear = (ms) => new Date(ms + CHINA).getUTCFullYear();
const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** Builds the rows in memory. */
export function generate({ now = Date.now(), seed = 20261123, ...over } = {}) {
  const o = { ...SCALE, ...over };
  const rnd = prng(seed);
  const span = o.years * 365 * DAY;
  // Submission moments first, in order, so ids and numbers follow time.
  const times = Array.from({ length: o.count }, () => now - 3_600_000 - Math.floor(rnd() * span)).sort((a, b) => a - b);
  // Exactly `deputyLeads` rows led by the demo deputy, spread evenly over time.
  const step = o.count / o.deputyLeads;
  const ledByDeputy = new Set(Array.from({ length: o.deputyLeads }, (_, k) => Math.floor(k * step + step / 2)));
  const others = Array.from({ length: 40 }, (_, k) => 10_001 + k).filter((d) => d !== o.deputy);
  const suggestions = [];
  const assignments = [];
  const cosigners = [];
  const perYear = new Map();
  let cosignedByDeputy = 0;
  for (let i = 0; i < o.count; i++) {
    const id = o.firstId + i;
    const at = times[i];
    const year = chinaYear(at);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const ageDays = (now - at) / DAY;
    const state = weighted(rnd, STATES_BY_AGE.find(([max]) => ageDays <= max)[1]);
    const lead = ledByDeputy.has(i) ? o.deputy : pick(rnd, others);
    const place = pick(rnd, PLACES);
    const object = pick(rnd, OBJECTS);
    const title = `关于${pick(rnd, VERBS)}${place}${object}工作的建议`;
    let content = `${place}${object}方面${pick(rnd, PROBLEMS)}，群众反映较多。`;
    if (rnd() < o.probeShare) content += PHRASE_SENTENCE(o.phrase);
    if (rnd() < o.probeShare) content += WORD_SENTENCE(o.word);
    content += `建议${pick(rnd, DEPTS)}${pick(rnd, MEASURES)}，同时${pick(rnd, MEASURES)}，切实把好事办好。`;
    const replied = ['replied', 'tracking', 'closed'].includes(state);
    const row = {
      id,
      tenant_id: o.tenantId,
      number: `${year}-${String(n).padStart(5, '0')}`,
      title,
      content,
      category_id: 10_001 + Math.floor(rnd() * 11),
      source_channel: pick(rnd, CHANNELS),
      lead_deputy_id: lead,
      entered_by_user_id: 10_001,
      state,
      idempotency_key: `scale-${id}`,
      submitted_at: at,
      created_at: at,
      updated_at: at,
      is_key: rnd() < 0.01 ? 1 : 0,
      reply_class: replied ? (state === 'tracking' ? 'B' : pick(rnd, ['A', 'A', 'A', 'B', 'C'])) : null,
      evaluation_due: state === 'replied' ? chinaDate(Math.min(now, at + 100 * DAY) + 10 * DAY) : null,
      closed_at: state === 'closed' ? Math.min(now - 60_000, at + 110 * DAY) : null,
    };
    suggestions.push(row);
    if (['assigned', 'in_progress', ...['replied', 'tracking', 'closed']].includes(state)) {
      const assignedAt = Math.min(now - 120_000, at + 3 * DAY);
      const replyDue = chinaDate(assignedAt + 91 * DAY);
      assignments.push({
        // no id: the demo seed's assignments use ids sid*10+k (100011–200062)
        tenant_id: o.tenantId,
        suggestion_id: id,
        unit_id: 10_001 + Math.floor(rnd() * 21),
        role: 'lead',
        state: state === 'assigned' ? 'assigned' : state === 'in_progress' ? 'in_progress' : 'replied',
        assigned_at: assignedAt,
        return_due: chinaDate(assignedAt + 9 * DAY),
        reply_due: replyDue,
        original_reply_due: replyDue,
        signed_at: state === 'assigned' ? null : Math.min(now - 60_000, assignedAt + DAY),
        replied_at: replied ? Math.min(now - 60_000, assignedAt + 60 * DAY) : null,
      });
    }
    if (rnd() < 0.3) {
      const k = 1 + Math.floor(rnd() * 3);
      const chosen = new Set();
      while (chosen.size < k) {
        const d = pick(rnd, others);
        if (d !== lead) chosen.add(d);
      }
      for (const d of chosen) cosigners.push({ tenant_id: o.tenantId, suggestion_id: id, deputy_id: d });
    }
  }
  // The demo deputy co-signs `deputyCosigns` rows they do not lead, spread evenly.
  for (let k = 0; cosignedByDeputy < o.deputyCosigns; k++) {
    const i = (Math.floor(k * (o.count / o.deputyCosigns)) + 7) % o.count;
    if (ledByDeputy.has(i)) continue;
    cosigners.push({ tenant_id: o.tenantId, suggestion_id: o.firstId + i, deputy_id: o.deputy });
    cosignedByDeputy++;
  }
  return { options: o, now, suggestions, assignments, cosigners };
}

function inserts(table, rows, perInsert) {
  const out = [];
  if (!rows.length) return out;
  const cols = Object.keys(rows[0]);
  for (let i = 0; i < rows.length; i += perInsert) {
    const values = rows.slice(i, i + perInsert).map((r) => `(${cols.map((c) => q(r[c])).join(',')})`);
    out.push(`INSERT INTO ${table} (${cols.join(',')}) VALUES\n${values.join(',\n')};`);
  }
  return out;
}

/**
 * SQL files (as strings): each holds a slice of the suggestions with their
 * assignments and co-signers, so every file is consistent on its own.
 */
export function toSqlFiles(data) {
  const { rowsPerInsert, rowsPerFile } = data.options;
  const files = [];
  for (let i = 0; i < data.suggestions.length; i += rowsPerFile) {
    const slice = data.suggestions.slice(i, i + rowsPerFile);
    const lo = slice[0].id;
    const hi = slice[slice.length - 1].id;
    const inSlice = (r) => r.suggestion_id >= lo && r.suggestion_id <= hi;
    const statements = [
      ...inserts('suggestions', slice, rowsPerInsert),
      ...inserts('assignments', data.assignments.filter(inSlice), rowsPerInsert * 2),
      ...inserts('suggestion_cosigners', data.cosigners.filter(inSlice), rowsPerInsert * 3),
    ];
    files.push({ from: lo, to: hi, sql: statements.join('\n') + '\n', statements: statements.length });
  }
  return files;
}

/** Counts that describe the data, for the report. */
export function describe(data) {
  const o = data.options;
  const byState = {};
  for (const s of data.suggestions) byState[s.state] = (byState[s.state] ?? 0) + 1;
  const byYear = {};
  for (const s of data.suggestions) byYear[s.number.slice(0, 4)] = (byYear[s.number.slice(0, 4)] ?? 0) + 1;
  const has = (text) => data.suggestions.filter((s) => s.title.includes(text) || s.content.includes(text)).length;
  const year = chinaYear(data.now);
  const led = data.suggestions.filter((s) => s.lead_deputy_id === o.deputy).length;
  const cosigned = new Set(data.cosigners.filter((c) => c.deputy_id === o.deputy).map((c) => c.suggestion_id));
  const leadOfUnit = (unit) => data.assignments.filter((a) => a.unit_id === unit);
  const byId = new Map(data.suggestions.map((s) => [s.id, s]));
  const unit = 10_011;
  const open = leadOfUnit(unit).filter((a) => ['assigned', 'in_progress'].includes(a.state) || byId.get(a.suggestion_id).state === 'tracking').length;
  return {
    suggestions: data.suggestions.length,
    assignments: data.assignments.length,
    cosigners: data.cosigners.length,
    byState,
    byYear,
    from: chinaDate(data.suggestions[0].submitted_at),
    to: chinaDate(data.suggestions[data.suggestions.length - 1].submitted_at),
    keyOnly: data.suggestions.filter((s) => s.is_key).length,
    phrase: { text: o.phrase, rows: has(o.phrase) },
    word: { text: o.word, rows: has(o.word) },
    deputy: { id: o.deputy, leads: led, cosigns: cosigned.size },
    unit: { id: unit, assignments: leadOfUnit(unit).length, assignedNow: leadOfUnit(unit).filter((a) => a.state === 'assigned').length, inbox: open },
    category10003ThisYear: data.suggestions.filter((s) => s.category_id === 10_003 && chinaYear(s.submitted_at) === year).length,
    avgContentChars: Math.round(data.suggestions.reduce((n, s) => n + [...s.content].length, 0) / data.suggestions.length),
  };
}

/**
 * Generates the rows and loads them with `wrangler d1 execute --local` into
 * `stateDir` (already migrated and seeded with the demo world, see
 * prepareState). The SQL goes to `seedDir` and is deleted once loaded.
 * Returns { info (describe()), detail (the newest replied suggestion with
 * co-signers: { id, title }), load (timings and files) }.
 */
export function loadScaleState({ stateDir, seedDir, ...over }) {
  const log = (s) => process.stderr.write(s + '\n');
  const started = performance.now();
  const data = generate(over);
  const info = describe(data);
  const files = toSqlFiles(data);
  rmSync(join(root, seedDir), { recursive: true, force: true });
  mkdirSync(join(root, seedDir), { recursive: true });
  const paths = files.map((f, i) => {
    const rel = `${seedDir}/part-${i + 1}.sql`;
    writeFileSync(join(root, rel), f.sql);
    return { rel, ...f, bytes: Buffer.byteLength(f.sql) };
  });
  const generateSeconds = (performance.now() - started) / 1000;
  log(
    `  generated ${info.suggestions} suggestions, ${info.assignments} assignments, ${info.cosigners} co-signers in ${paths.length} files (${(paths.reduce((n, p) => n + p.bytes, 0) / 1e6).toFixed(1)} MB, ${generateSeconds.toFixed(1)} s)`,
  );
  let loadSeconds = 0;
  for (const p of paths) {
    const label = `load ${p.rel} (ids ${p.from}–${p.to}, ${p.statements} INSERTs, ${(p.bytes / 1e6).toFixed(1)} MB)`;
    const { seconds } = wrangler(label, ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, `--file=${p.rel}`]);
    loadSeconds += seconds;
  }
  rmSync(join(root, seedDir), { recursive: true, force: true }); // 30 MB of SQL, not needed once loaded
  log(
    `  load total: ${loadSeconds.toFixed(1)} s (${Math.round(info.suggestions / loadSeconds)} suggestions/s with their assignments, co-signers and FTS rows)`,
  );
  const cosigned = new Set(data.cosigners.map((c) => c.suggestion_id));
  const detail = [...data.suggestions].reverse().find((s) => s.state === 'replied' && cosigned.has(s.id));
  return {
    info,
    detail: { id: detail.id, title: detail.title },
    load: { seconds: loadSeconds, generateSeconds, files: paths.map(({ sql, ...p }) => p) },
  };
}

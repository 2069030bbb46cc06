// Bytes per suggestion in D1 (issue 8, docs/SCALE.md): a fresh local D1 with
// the demo world and the list-scale bench's 60,000 suggestions of 太康县
// (bench/lib/scale-data.mjs), then SQLite's own accounting of that file:
//
// - file bytes = page_count × page_size, and the `dbstat` virtual table's
//   payload per table and per index (what the rows and index entries hold);
// - rows per table for the bulk suggestions (ids ≥ 100,001: the suggestion,
//   its lead assignment, co-signers, its full-text rows);
// - for the tables the bulk load leaves out (timeline events, deadlines,
//   replies, ratings, notifications, alerts, audit entries…), rows per
//   suggestion of a whole life as the demo world has them, and their
//   payload per row from `dbstat`.
//
// Usage: node bench/db-size.mjs [--json]   (about a minute: migrations, seed, 31 MB of SQL)
// Not part of `npm run bench` (it checks no budget); it prints the figures SCALE.md quotes.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { prepareState, root } from './lib/local-server.mjs';
import { loadScaleState, SCALE } from './lib/scale-data.mjs';

const STATE_DIR = '.wrangler/size-state';
const SEED_DIR = '.wrangler/size-seed';

/** The local D1 file of binding DB: the largest .sqlite of the state (DB2 holds only the schema). */
function databaseFile() {
  const dir = join(root, STATE_DIR, 'v3/d1/miniflare-D1DatabaseObject');
  if (!existsSync(dir)) throw new Error(`no local D1 under ${dir}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  return files.map((f) => join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

function measure(file) {
  const db = new DatabaseSync(file, { readOnly: true });
  const one = (sql, ...p) => db.prepare(sql).get(...p);
  const all = (sql, ...p) => db.prepare(sql).all(...p);
  const pageSize = one('pragma page_size').page_size;
  const pageCount = one('pragma page_count').page_count;
  const fileBytes = pageSize * pageCount;
  // Every b-tree (table or index) with its table, pages and payload.
  const trees = all(`select s.name as name, coalesce(m.tbl_name, s.name) as tbl, count(*) as pages, sum(s.payload) as payload
    from dbstat s left join sqlite_master m on m.name = s.name group by s.name`);
  const byTable = new Map();
  for (const t of trees) {
    const table = t.tbl.startsWith('sqlite_autoindex_') ? t.tbl.replace(/^sqlite_autoindex_(.*)_\d+$/, '$1') : t.tbl;
    const e = byTable.get(table) ?? { pages: 0, payload: 0 };
    e.pages += t.pages;
    e.payload += t.payload;
    byTable.set(table, e);
  }
  const totalPayload = [...byTable.values()].reduce((n, e) => n + e.payload, 0);
  const rows = (table) => {
    try {
      return one(`select count(*) as n from "${table}"`).n;
    } catch {
      return null;
    }
  };
  const tables = [...byTable.entries()]
    .map(([name, e]) => ({ name, rows: rows(name), pages: e.pages, bytes: e.pages * pageSize, payload: e.payload }))
    .sort((a, b) => b.bytes - a.bytes);

  // A whole life per suggestion, from the demo world (its suggestions are the ones below the bulk ids).
  const demo = one('select count(*) as n from suggestions where id < ?', SCALE.firstId).n;
  const perLife = {};
  for (const [table, where] of [
    ['suggestion_events', 'suggestion_id < ?'],
    ['deadlines', 'suggestion_id < ?'],
    ['assignments', 'suggestion_id < ?'],
    ['replies', 'suggestion_id < ?'],
    ['ratings', 'suggestion_id < ?'],
    ['contacts', 'suggestion_id < ?'],
    ['notifications', 'suggestion_id < ?'],
    ['suggestion_cosigners', 'suggestion_id < ?'],
    ['alerts', 'deadline_id in (select id from deadlines where suggestion_id < ?)'],
    ['audit_log', "target_type = 'suggestion' and cast(target_id as integer) < ?"],
  ]) {
    const n = one(`select count(*) as n from "${table}" where ${where}`, SCALE.firstId).n;
    perLife[table] = n / demo;
  }
  const bulk = {
    suggestions: one('select count(*) as n from suggestions where id >= ?', SCALE.firstId).n,
    assignments: one('select count(*) as n from assignments where suggestion_id >= ?', SCALE.firstId).n,
    cosigners: one('select count(*) as n from suggestion_cosigners where suggestion_id >= ?', SCALE.firstId).n,
  };
  const titleContent = one(
    'select avg(length(cast(title as blob))) as t, avg(length(cast(content as blob))) as c from suggestions where id >= ?',
    SCALE.firstId,
  );
  db.close();
  return { pageSize, pageCount, fileBytes, totalPayload, tables, demoSuggestions: demo, perLife, bulk, titleContent };
}

function report(m) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const out = [];
  out.push(
    `file: page_count ${m.pageCount} × page_size ${m.pageSize} = ${m.fileBytes} B (${mb(m.fileBytes)}); payload of every table and index ${mb(m.totalPayload)} (file ÷ payload = ${(m.fileBytes / m.totalPayload).toFixed(2)})`,
  );
  out.push(
    `bulk rows: ${m.bulk.suggestions} suggestions, ${m.bulk.assignments} assignments, ${m.bulk.cosigners} co-signers; title ${m.titleContent.t.toFixed(0)} B, content ${m.titleContent.c.toFixed(0)} B on average (UTF-8)`,
  );
  out.push('table (with its indexes)            rows      bytes (pages)   payload/row');
  for (const t of m.tables.filter((t) => t.bytes >= 64 * 1024 || t.name in m.perLife)) {
    const per = t.rows ? `${(t.payload / t.rows).toFixed(0)} B` : '';
    out.push(`${t.name.padEnd(36)} ${String(t.rows ?? '').padStart(7)} ${mb(t.bytes).padStart(12)} ${per.padStart(12)}`);
  }
  out.push(
    `whole life per suggestion (demo world, ${m.demoSuggestions} suggestions): ${Object.entries(m.perLife)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}`,
  );
  // The bulk part: file bytes of suggestions (+FTS), assignments, co-signers per bulk suggestion.
  const bytesOf = (names) => m.tables.filter((t) => names.some((n) => t.name === n || t.name.startsWith(`${n}_`))).reduce((n, t) => n + t.bytes, 0);
  const listed = bytesOf(['suggestions', 'assignments', 'suggestion_cosigners']);
  out.push(
    `suggestions + FTS + assignments + co-signers: ${mb(listed)} ÷ ${m.bulk.suggestions + m.demoSuggestions} suggestions = ${kb(listed / (m.bulk.suggestions + m.demoSuggestions))} per suggestion`,
  );
  const payloadPerRow = (name) => {
    const t = m.tables.find((x) => x.name === name);
    return t && t.rows ? t.payload / t.rows : 0;
  };
  const overhead = m.fileBytes / m.totalPayload;
  const lifeExtra = Object.entries(m.perLife)
    .filter(([name]) => !['assignments', 'suggestion_cosigners'].includes(name))
    .reduce((n, [name, per]) => n + per * payloadPerRow(name) * overhead, 0);
  out.push(
    `the rest of a life (events, deadlines, replies, ratings, contacts, notifications, alerts, audit): ${kb(lifeExtra)} per suggestion (rows × payload/row × ${overhead.toFixed(2)})`,
  );
  out.push(`one suggestion with its whole life ≈ ${kb(listed / (m.bulk.suggestions + m.demoSuggestions) + lifeExtra)}`);
  return out.join('\n');
}

prepareState({ stateDir: STATE_DIR });
loadScaleState({ stateDir: STATE_DIR, seedDir: SEED_DIR });
const m = measure(databaseFile());
if (process.argv.includes('--json')) console.log(JSON.stringify(m, null, 2));
else console.log(report(m));

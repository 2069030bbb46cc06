/**
 * 导出 / 恢复 / 删除 a county (issue 6). The archive carries every tenant
 * table (checked against the database itself, not a list); a restore makes
 * an equal county under new ids with every reference pointing inside it,
 * users keep their passwords, files come along, the original is untouched;
 * a bad or tampered file is refused with nothing written; deleting a county
 * removes every row it owns in every table, and its files, and nothing else.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { actOk, people, submitSuggestion } from '../helpers/flow';
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world';
import { countRows, operatorCsrf, operatorPost, signedInOperator, tablesWithTenantId, tenantFootprint } from '../helpers/operator';
import { ARCHIVED_TABLES, NOT_ARCHIVED, NOT_REFERENCES, TENANT_TABLES, targetsOf } from '../../db/repos/tenant-catalog';

const PDF = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...Array.from({ length: 3000 }, (_, i) => i % 251)]);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
let n = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++n}`;

/** A county with something in most tables: replied with a file, rated, published, supervised, commended, another merely accepted. */
async function busyCounty(label: string): Promise<World & { replied: number; fileId: number }> {
  const w = await createWorld(label);
  const as = people(w);
  const staff = await as('staff');
  const replied = await submitSuggestion(w, await as('deputy'), { title: '关于整治城区黑臭水体的建议', cosigners: [String(w.deputies[1])] });
  await actOk(w, staff, replied, 'accept');
  await actOk(w, staff, replied, 'assign', { mode: 'lead', lead_unit: String(w.units[0]), assist_units: [String(w.units[1])] });
  const unit = await as('unit');
  await actOk(w, unit, replied, 'sign_for');
  await actOk(w, unit, replied, 'contact', { contacted_on: today(), who: 'unit_head', how: 'phone', note: '电话沟通' });
  const form = new FormData();
  form.set('_csrf', await unit.csrf(w.base));
  form.set('body', '已列入明年计划，分期治理。');
  form.set('signer', '李局长');
  form.set('reply_class', 'A');
  form.append('files', new File([PDF], '答复函.pdf', { type: 'application/pdf' }));
  expect((await unit.postMultipart(`${w.base}/suggestions/${replied}/act/reply`, form)).status).toBe(303);
  await actOk(w, await as('secretary'), replied, 'supervise', { kind: 'letter', acted_on: today(), note: '督办函' });
  await actOk(w, await as('deputy'), replied, 'rate', { attitude: 'satisfied', result: 'satisfied', comment: '满意' });
  const publish = await staff.post(`${w.base}/suggestions/${replied}/publish`, {
    _csrf: await staff.csrf(w.base),
    title: '关于整治城区黑臭水体的建议',
    content: '公开内容',
    reply_text: '公开答复',
  });
  expect(publish.status).toBe(303);
  const mark = await staff.post(`${w.base}/statistics/evaluation`, {
    _csrf: await staff.csrf(w.base),
    year: today().slice(0, 4),
    kind: 'suggestion',
    target_id: String(replied),
    op: 'mark',
    note: '优秀',
  });
  expect(mark.status).toBe(303);
  const accepted = await submitSuggestion(w, await as('deputy2'), { title: '关于增设乡村公交站点的建议' });
  await actOk(w, staff, accepted, 'accept');
  const file = await env.DB.prepare('select id from attachments where tenant_id = ?').bind(w.tenantId).first<{ id: number }>();
  return { ...w, replied, fileId: file!.id };
}

async function exportArchive(op: Browser, slug: string): Promise<Uint8Array> {
  const res = await operatorPost(op, `/platform/tenants/${slug}/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/gzip');
  expect(res.headers.get('Content-Disposition')).toMatch(new RegExp(`attachment; filename="huiyin-${slug}-\\d{4}-\\d{2}-\\d{2}\\.json\\.gz"`));
  return new Uint8Array(await res.arrayBuffer());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON document, read loosely by the test
async function gunzipJson(bytes: Uint8Array): Promise<any> {
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return JSON.parse(text);
}

async function gzipJson(value: unknown): Promise<Uint8Array> {
  const stream = new Blob([JSON.stringify(value)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function restore(op: Browser, archive: Uint8Array, fields: Record<string, string>): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', await operatorCsrf(op));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append('archive', new File([archive], 'county.json.gz', { type: 'application/gzip' }));
  return op.postMultipart('/platform/restore', form);
}

/** Every row of every tenant table for a tenant, ids left out (they differ after a restore). */
async function contentOf(tenantId: number) {
  const out: Record<string, unknown> = {};
  for (const t of ['suggestions', 'replies', 'ratings', 'publications', 'contacts']) {
    const rows = await env.DB.prepare(`select * from "${t}" where tenant_id = ? order by id`).bind(tenantId).all<Record<string, unknown>>();
    out[t] = rows.results.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id' && k !== 'tenant_id' && !k.endsWith('_id'))));
  }
  return out;
}

/** Every declared and listed reference of a tenant's rows points at a row of the same tenant. */
async function danglingReferences(tenantId: number): Promise<string[]> {
  const problems: string[] = [];
  for (const table of TENANT_TABLES) {
    for (const ref of table.references) {
      for (const target of targetsOf(ref)) {
        const kind = 'table' in ref ? '' : ` and r."${ref.byColumn}" = '${Object.entries(ref.tables).find(([, t]) => t === target)![0]}'`;
        const row = await env.DB.prepare(
          `select count(*) as n from "${table.name}" r where r.tenant_id = ? and r."${ref.column}" is not null${kind} and not exists (select 1 from "${target}" x where x.id = r."${ref.column}" and x.tenant_id = ?)`,
        )
          .bind(tenantId, tenantId)
          .first<{ n: number }>();
        if (row!.n > 0 && ref.strict) problems.push(`${table.name}.${ref.column} → ${target}: ${row!.n}`);
      }
    }
  }
  return problems;
}

describe('what the archive covers', () => {
  it('every table with a tenant_id column (from sqlite_master) is in the catalogue, archived or left out for a stated reason', async () => {
    const inDb = await tablesWithTenantId();
    expect(TENANT_TABLES.map((t) => t.name).sort()).toEqual(inDb);
    for (const name of inDb) expect(ARCHIVED_TABLES.some((t) => t.name === name) || name in NOT_ARCHIVED, name).toBe(true);
  });

  it('every integer …_id column of a tenant table is a known reference, so no restored row points at the old county', async () => {
    const unmapped: string[] = [];
    for (const table of TENANT_TABLES) {
      const cols = await env.DB.prepare(`pragma table_info("${table.name}")`).all<{ name: string; type: string }>();
      for (const c of cols.results) {
        if (!c.name.endsWith('_id') || c.name === 'tenant_id') continue;
        const key = `${table.name}.${c.name}`;
        if (!table.references.some((r) => r.column === c.name) && !(key in NOT_REFERENCES)) unmapped.push(`${key} (${c.type})`);
      }
    }
    // Text ids (write ids of a batch) are not row ids.
    expect(unmapped.filter((u) => !u.endsWith('(TEXT)'))).toEqual([]);
  });
});

describe('导出与恢复', () => {
  it('an exported county restores into a new slug with equal rows, remapped ids, working passwords and files; the original is unchanged', async () => {
    const a = await busyCounty('arch');
    const op = await signedInOperator();
    const aBefore = await tenantFootprint(a.tenantId);
    const aContent = await contentOf(a.tenantId);
    const bytes = await exportArchive(op, a.slug);

    const archive = await gunzipJson(bytes);
    expect([archive.format, archive.version]).toEqual(['huiyin-tenant-archive', 1]);
    for (const name of await tablesWithTenantId()) {
      if (name in NOT_ARCHIVED) expect(archive.tables[name], name).toBeUndefined();
      else expect(archive.tables[name].rows.length, name).toBe(aBefore[name]);
    }
    expect(archive.files).toHaveLength(1);

    const slug = unique('restored');
    const res = await restore(op, bytes, { slug, name: '恢复县人大常委会', hostnames: `rd.${slug}.gov.cn` });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(decodeURIComponent(res.headers.get('Location')!)).toContain('done=restored');
    const b = (await env.DB.prepare('select id, status, name from tenants where slug = ?')
      .bind(slug)
      .first<{ id: number; status: string; name: string }>())!;
    expect([b.status, b.name]).toEqual(['active', '恢复县人大常委会']);

    const bCounts = await tenantFootprint(b.id);
    for (const [table, count] of Object.entries(aBefore)) {
      if (table === 'sessions' || table === 'api_tokens') expect(bCounts[table], table).toBe(0);
      else if (table === 'tenant_hostnames') expect(bCounts[table]).toBe(1);
      else expect(bCounts[table], table).toBe(count);
    }
    expect(await contentOf(b.id)).toEqual(aContent);
    expect(await danglingReferences(b.id)).toEqual([]);
    // Ids are new: none of B's suggestions has one of A's ids.
    const overlap = await env.DB.prepare(
      'select count(*) as n from suggestions s join suggestions t on t.id = s.id where s.tenant_id = ? and t.tenant_id = ?',
    )
      .bind(a.tenantId, b.id)
      .first<{ n: number }>();
    expect(overlap!.n).toBe(0);
    // Full-text search follows (migration 0002's triggers).
    const found = await env.DB.prepare(
      "select s.tenant_id from suggestions_fts f join suggestions s on s.id = f.rowid where suggestions_fts match '黑臭水体' and s.tenant_id = ?",
    )
      .bind(b.id)
      .all();
    expect(found.results).toHaveLength(1);

    // Users sign in with their old passwords and see the same suggestion, reply and file.
    const staff = new Browser();
    await staff.login(`/t/${slug}`, 'staff', TEST_PASSWORD);
    const newId = (await env.DB.prepare("select id from suggestions where tenant_id = ? and title = '关于整治城区黑臭水体的建议'")
      .bind(b.id)
      .first<{ id: number }>())!.id;
    const page = await (await staff.get(`/t/${slug}/suggestions/${newId}`)).text();
    expect(page).toContain('已列入明年计划，分期治理。');
    const fileId = (await env.DB.prepare('select id, r2_key from attachments where tenant_id = ?')
      .bind(b.id)
      .first<{ id: number; r2_key: string }>())!;
    const file = await staff.get(`/t/${slug}/suggestions/${newId}/files/${fileId.id}`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect(fileId.r2_key.startsWith(`t/${b.id}/`)).toBe(true);
    const deputy = new Browser(`http://rd.${slug}.gov.cn`);
    await deputy.login('', 'deputy', TEST_PASSWORD);
    expect(await (await deputy.get('/suggestions')).text()).toContain('关于整治城区黑臭水体的建议');

    // County A is as it was, and its file is still its own.
    expect(await tenantFootprint(a.tenantId)).toEqual(aBefore);
    expect(await contentOf(a.tenantId)).toEqual(aContent);
    const aStaff = new Browser();
    await aStaff.login(a.base, 'staff');
    expect((await aStaff.get(`${a.base}/suggestions/${a.replied}/files/${a.fileId}`)).status).toBe(200);
    const log = await env.DB.prepare(
      "select action from audit_log where tenant_id is null and target_type = 'tenant' and target_id in (?, ?) order by id",
    )
      .bind(String(a.tenantId), String(b.id))
      .all<{ action: string }>();
    expect(log.results.map((r) => r.action)).toEqual(['tenant.export', 'tenant.restore']);
  }, 120_000);

  it('refuses a bad or tampered file with a Chinese message, keeps what was typed, and writes nothing', async () => {
    const a = await busyCounty('tamper');
    const op = await signedInOperator();
    const good = await gunzipJson(await exportArchive(op, a.slug));
    const totals = async () => {
      let sum = 0;
      for (const t of await tablesWithTenantId()) sum += (await env.DB.prepare(`select count(*) as n from "${t}"`).first<{ n: number }>())!.n;
      const tenants = (await env.DB.prepare('select count(*) as n from tenants').first<{ n: number }>())!.n;
      const files = (await env.FILES.list()).objects.length;
      return { sum, tenants, files };
    };
    const before = await totals();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON document, read loosely by the test
    const tamper = (change: (x: any) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return gzipJson(copy);
    };
    const col = (table: string, name: string) => good.tables[table].columns.indexOf(name);
    const cases: [string, Uint8Array, string][] = [
      ['not gzip', new TextEncoder().encode('hello'), '无法读取这个文件'],
      ['gzip of not-json', await gzipJson(undefined).catch(() => new Uint8Array()), '无法读取这个文件'],
      ['another format', await tamper((x) => (x.format = 'something-else')), '不是本平台导出的县区备份'],
      ['a future version', await tamper((x) => (x.version = 2)), '不是本平台导出的县区备份'],
      ['an unknown table', await tamper((x) => (x.tables.secrets = { columns: [], rows: [] })), '备份文件已损坏或被改动'],
      ['an unknown column', await tamper((x) => x.tables.deputies.columns.push('salary')), '备份文件已损坏或被改动'],
      [
        'a reference to no row',
        await tamper((x) => (x.tables.suggestions.rows[0][col('suggestions', 'lead_deputy_id')] = 999_999_999)),
        '备份文件已损坏或被改动（suggestions 第 1 行）',
      ],
      [
        'a row of another county',
        await tamper((x) => (x.tables.users.rows[2][col('users', 'tenant_id')] = 1)),
        '备份文件已损坏或被改动（users 第 3 行）',
      ],
      ['a number for text', await tamper((x) => (x.tables.suggestions.rows[0][col('suggestions', 'title')] = 5)), '备份文件已损坏或被改动'],
      ['a missing required value', await tamper((x) => (x.tables.replies.rows[0][col('replies', 'body')] = null)), '备份文件已损坏或被改动'],
      ['a duplicated id', await tamper((x) => x.tables.categories.rows.push(x.tables.categories.rows[0])), '备份文件已损坏或被改动'],
    ];
    for (const [name, bytes, message] of cases) {
      const slug = unique('bad');
      const res = await restore(op, bytes, { slug, name: '坏文件县' });
      expect(res.status, name).toBe(422);
      const html = await res.text();
      expect(html, name).toContain(message);
      expect(html, name).toContain('未写入任何数据');
      expect(html, name).toContain(`value="${slug}"`);
    }
    const missing = new FormData();
    missing.set('_csrf', await operatorCsrf(op));
    missing.set('slug', unique('nofile'));
    missing.set('name', '无文件县');
    const noFile = await op.postMultipart('/platform/restore', missing);
    expect(noFile.status).toBe(422);
    expect(await noFile.text()).toContain('请选择备份文件。');
    // A slug already in use is refused before the file is read.
    const taken = await restore(op, await gzipJson(good), { slug: a.slug, name: '重名县' });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('这个标识已被其他县区使用。');
    expect(await totals()).toEqual(before);
  }, 120_000);

  it('a restore that fails while writing (here: a clash found only by the database, after several batches) leaves nothing behind', async () => {
    const a = await busyCounty('halfway');
    const op = await signedInOperator();
    const archive = await gunzipJson(await exportArchive(op, a.slug));
    // Thousands of rows in a table written early, so the write spans several D1 batches…
    const cats = archive.tables.categories;
    const [id, tenant, name, sort] = ['id', 'tenant_id', 'name', 'sort'].map((c) => cats.columns.indexOf(c));
    for (let i = 0; i < 12_000; i++) {
      const row = [...cats.rows[0]];
      row[id] = 10_000_000 + i;
      row[tenant] = archive.tenant.id;
      row[name] = `类别${i}`;
      row[sort] = i;
      cats.rows.push(row);
    }
    // …and a date twice in a table written later: only the database notices.
    const names = ARCHIVED_TABLES.map((t) => t.name);
    expect(names.indexOf('categories')).toBeLessThan(names.indexOf('calendar_days'));
    archive.tables.calendar_days.rows.push([...archive.tables.calendar_days.rows[0]]);
    const before = {
      tenants: (await env.DB.prepare('select count(*) as n from tenants').first<{ n: number }>())!.n,
      files: (await env.FILES.list()).objects.length,
    };
    const slug = unique('halfway');
    const res = await restore(op, await gzipJson(archive), { slug, name: '半途县' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('备份文件中有相互冲突的记录');
    expect(await env.DB.prepare('select id from tenants where slug = ?').bind(slug).first()).toBeNull();
    const orphans = await env.DB.prepare("select count(*) as n from categories where name = '类别11999'").first<{ n: number }>();
    expect(orphans!.n).toBe(0);
    expect({
      tenants: (await env.DB.prepare('select count(*) as n from tenants').first<{ n: number }>())!.n,
      files: (await env.FILES.list()).objects.length,
    }).toEqual(before);
  }, 120_000);
});

describe('删除县区', () => {
  it('needs the slug typed; then removes every row with its tenant_id in every table and its files, and leaves other counties alone', async () => {
    const a = await busyCounty('del');
    const other = await busyCounty('keep');
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(`rd.${a.slug}.gov.cn`, a.tenantId).run();
    const signedIn = new Browser();
    await signedIn.login(a.base, 'chair');
    const key = (await env.DB.prepare('select r2_key from attachments where tenant_id = ?').bind(a.tenantId).first<{ r2_key: string }>())!.r2_key;
    expect(await env.FILES.head(key)).not.toBeNull();
    const otherBefore = await tenantFootprint(other.tenantId);
    const aBefore = await tenantFootprint(a.tenantId);
    const op = await signedInOperator();

    const page = await op.get(`/platform/tenants/${a.slug}/delete`);
    expect(await page.text()).toContain(`该县区现有 ${aBefore['users']} 个账号、2 件建议。`);
    const wrong = await operatorPost(op, `/platform/tenants/${a.slug}/delete`, { confirm_slug: `${a.slug}x` });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('输入的标识与要删除的县区不一致，未删除任何数据。');
    expect(await tenantFootprint(a.tenantId)).toEqual(aBefore);

    const res = await operatorPost(op, `/platform/tenants/${a.slug}/delete`, { confirm_slug: a.slug });
    expect(res.status).toBe(303);
    for (const table of await tablesWithTenantId()) expect(await countRows(table, a.tenantId), table).toBe(0);
    expect(await env.DB.prepare('select id from tenants where id = ?').bind(a.tenantId).first()).toBeNull();
    expect(await env.FILES.head(key)).toBeNull();
    expect((await env.FILES.list({ prefix: `t/${a.tenantId}/` })).objects).toEqual([]);
    expect((await new Browser().get(`${a.base}/login`)).status).toBe(404);
    expect((await new Browser(`http://rd.${a.slug}.gov.cn`).get('/login')).status).toBe(404);
    expect((await signedIn.get(`${a.base}/suggestions`)).status).toBe(404);

    expect(await tenantFootprint(other.tenantId)).toEqual(otherBefore);
    const otherStaff = new Browser();
    await otherStaff.login(other.base, 'staff');
    expect((await otherStaff.get(`${other.base}/suggestions/${other.replied}/files/${other.fileId}`)).status).toBe(200);
    const entry = await env.DB.prepare("select tenant_id, target_label, details from audit_log where action = 'tenant.delete' and target_id = ?")
      .bind(String(a.tenantId))
      .first<{ tenant_id: number | null; target_label: string; details: string }>();
    expect(entry!.tenant_id).toBeNull();
    expect(entry!.target_label).toContain(a.slug);
    expect(JSON.parse(entry!.details).rows.suggestions).toBe(2);
  }, 120_000);
});

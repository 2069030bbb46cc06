/**
 * 基础名录 over HTTP as the tenant admin: deputies, handling units, liaison
 * stations and categories are created, edited, retired (停用) and restored
 * (恢复), never deleted; every change is in the audit log; retired rows leave
 * every picker but keep showing on the suggestions that use them; another
 * county's rows cannot be reached.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hiddenValue, type Browser, type Form } from '../helpers/browser';
import { act, actOk, people, postSuggestion, submitSuggestion, worldAndPeople, worldWithAssigned } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

async function adminOf(w: World): Promise<{ admin: Browser; csrf: string }> {
  const admin = await people(w)('admin');
  const csrf = hiddenValue(await (await admin.get(`${w.base}/admin/deputies`)).text(), '_csrf');
  return { admin, csrf };
}

async function auditOf(tenantId: number, prefix: string) {
  const rows = await env.DB.prepare(
    'select action, target_id, target_label, details from audit_log where tenant_id = ? and action like ? order by id',
  )
    .bind(tenantId, `${prefix}%`)
    .all<{ action: string; target_id: string | null; target_label: string | null; details: string | null }>();
  return rows.results;
}

async function row(table: string, id: number) {
  return env.DB.prepare(`select * from ${table} where id = ?`).bind(id).first<Record<string, unknown>>();
}

async function tableRows(table: string, tenantId: number) {
  return (await env.DB.prepare(`select * from ${table} where tenant_id = ? order by id`).bind(tenantId).all()).results;
}

const newId = (res: Response) => res.headers.get('Location');

describe('each list: create, edit, retire, restore — with an audit entry in the same write', () => {
  const cases: { kind: string; table: string; prefix: string; create: Form; edit: Form; check: (r: Record<string, unknown>) => void }[] = [
    {
      kind: 'deputies',
      table: 'deputies',
      prefix: 'deputy.',
      create: {
        name: '周新民',
        level: 'township',
        station_id: '',
        group_name: '城关镇小组',
        phone: '139 0000 1111',
        address: '人民路 8 号',
        confidential: '1',
      },
      edit: {
        name: '周新民',
        level: 'county',
        station_id: '',
        group_name: '城关镇小组',
        phone: '13900001111',
        address: '人民路 9 号',
        confidential: '',
      },
      check: (r) => expect([r.level, r.phone, r.address, r.confidential]).toEqual(['county', '13900001111', '人民路 9 号', 0]),
    },
    {
      kind: 'units',
      table: 'handling_units',
      prefix: 'unit.',
      create: { name: '县住建局', head_contact: '刘局长', phone: '0394-1234567', email: 'zj@example.gov.cn' },
      edit: { name: '县住房和城乡建设局', head_contact: '刘局长', phone: '0394-1234567', email: '' },
      check: (r) => expect([r.name, r.email]).toEqual(['县住房和城乡建设局', null]),
    },
    {
      kind: 'stations',
      table: 'liaison_stations',
      prefix: 'station.',
      create: { name: '王店镇代表联络站', township: '王店镇', level: 'township' },
      edit: { name: '王店镇代表联络站', township: '王店镇', level: 'county' },
      check: (r) => expect(r.level).toBe('county'),
    },
    {
      kind: 'categories',
      table: 'categories',
      prefix: 'category.',
      create: { name: '教育卫生', sort: '3' },
      edit: { name: '教育医疗', sort: '4' },
      check: (r) => expect([r.name, r.sort]).toEqual(['教育医疗', 4]),
    },
  ];

  for (const c of cases) {
    it(`${c.kind}`, async () => {
      const w = await createWorld(`dir${c.kind}`);
      const { admin, csrf } = await adminOf(w);
      expect((await admin.get(`${w.base}/admin/${c.kind}/new`)).status).toBe(200);

      const created = await admin.post(`${w.base}/admin/${c.kind}`, { _csrf: csrf, ...c.create });
      expect(created.status).toBe(303);
      expect(newId(created)).toContain(`/admin/${c.kind}?done=created`);
      const id = (await env.DB.prepare(`select max(id) as id from ${c.table} where tenant_id = ?`).bind(w.tenantId).first<{ id: number }>())!.id;
      expect((await row(c.table, id))!.name).toBe(c.create.name);
      const list = await (await admin.get(newId(created)!)).text();
      expect(list).toContain(`已新增“${c.create.name as string}”。`);
      expect(list).toContain(`/admin/${c.kind}/${id}/edit`);

      const form = await (await admin.get(`${w.base}/admin/${c.kind}/${id}/edit`)).text();
      expect(form).toContain(`value="${c.create.name as string}"`);
      const edited = await admin.post(`${w.base}/admin/${c.kind}/${id}`, { _csrf: csrf, ...c.edit });
      expect(edited.status).toBe(303);
      c.check((await row(c.table, id))!);
      // Saving the same values again writes nothing.
      const again = await admin.post(`${w.base}/admin/${c.kind}/${id}`, { _csrf: csrf, ...c.edit });
      expect(newId(again)).toContain('done=unchanged');

      expect((await admin.post(`${w.base}/admin/${c.kind}/${id}/retire`, { _csrf: csrf })).status).toBe(303);
      expect((await row(c.table, id))!.retired_at).not.toBeNull();
      const active = await (await admin.get(`${w.base}/admin/${c.kind}`)).text();
      const retired = await (await admin.get(`${w.base}/admin/${c.kind}?status=retired`)).text();
      expect(active).not.toContain(`/admin/${c.kind}/${id}/edit`);
      expect(retired).toContain(`/admin/${c.kind}/${id}/restore`);
      // Retiring twice records once.
      expect((await admin.post(`${w.base}/admin/${c.kind}/${id}/retire`, { _csrf: csrf })).status).toBe(303);
      expect((await admin.post(`${w.base}/admin/${c.kind}/${id}/restore`, { _csrf: csrf })).status).toBe(303);
      expect((await row(c.table, id))!.retired_at).toBeNull();

      const audit = await auditOf(w.tenantId, c.prefix);
      expect(audit.map((a) => a.action)).toEqual([`${c.prefix}create`, `${c.prefix}update`, `${c.prefix}retire`, `${c.prefix}restore`]);
      expect(audit[0]!.target_label).toBe(c.create.name);
      expect(audit.slice(1).every((a) => a.target_id === String(id))).toBe(true);
      const diff = JSON.parse(audit[1]!.details!) as { before: Record<string, unknown>; after: Record<string, unknown> };
      expect(Object.keys(diff.after).length).toBeGreaterThan(0);
      expect(Object.keys(diff.after)).toEqual(Object.keys(diff.before));
    });
  }
});

describe('refused input comes back with a message next to the field, everything typed kept', () => {
  it('a deputy with no name, an unknown level and a bad phone; nothing written', async () => {
    const w = await createWorld('dirbad');
    const { admin, csrf } = await adminOf(w);
    const before = await tableRows('deputies', w.tenantId);
    const res = await admin.post(`${w.base}/admin/deputies`, {
      _csrf: csrf,
      name: '',
      level: 'village',
      station_id: '',
      group_name: '<b>小组</b>',
      phone: '电话号码',
      address: '地址',
      confidential: '',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-name-error"[^>]*>请填写此项。/);
    expect(html).toMatch(/id="f-level-error"[^>]*>请从列表中选择代表层级/);
    expect(html).toMatch(/id="f-phone-error"[^>]*>电话号码只能包含数字/);
    expect(html).toContain('value="&lt;b&gt;小组&lt;/b&gt;"');
    expect(html).toContain('value="电话号码"');
    expect(await tableRows('deputies', w.tenantId)).toEqual(before);
    expect(await auditOf(w.tenantId, 'deputy.')).toEqual([]);
  });

  it('duplicate names (retired rows included) are refused with a message, not a 500', async () => {
    const w = await createWorld('dirdup');
    const { admin, csrf } = await adminOf(w);
    const unit = await admin.post(`${w.base}/admin/units`, { _csrf: csrf, name: '县农业农村局', head_contact: '', phone: '', email: '' });
    expect(unit.status).toBe(422);
    expect(await unit.text()).toMatch(/id="f-name-error"[^>]*>已有同名的记录/);
    await admin.post(`${w.base}/admin/categories/${w.categories[1]}/retire`, { _csrf: csrf });
    const cat = await admin.post(`${w.base}/admin/categories/${w.categories[0]}`, { _csrf: csrf, name: '交通运输', sort: '1' });
    expect(cat.status).toBe(422);
    expect((await row('categories', w.categories[0]!))!.name).toBe('农业农村');
    const station = await admin.post(`${w.base}/admin/stations`, { _csrf: csrf, name: '城关镇代表联络站', township: '', level: 'township' });
    expect(station.status).toBe(422);
    // A deputy with the same name and phone as one already listed.
    const deputy = await admin.post(`${w.base}/admin/deputies`, {
      _csrf: csrf,
      name: '张建国',
      level: 'county',
      station_id: '',
      group_name: '',
      phone: '13800000000',
      address: '',
      confidential: '',
    });
    expect(deputy.status).toBe(422);
    expect(await deputy.text()).toContain('已有同名且手机号相同');
    // The same name with another phone is another person.
    const namesake = await admin.post(`${w.base}/admin/deputies`, {
      _csrf: csrf,
      name: '张建国',
      level: 'county',
      station_id: '',
      group_name: '',
      phone: '13800009999',
      address: '',
      confidential: '',
    });
    expect(namesake.status).toBe(303);
  });

  it("a deputy's station must be one of the county's serving stations", async () => {
    const w = await createWorld('dirstation');
    const other = await createWorld('dirstationb');
    const { admin, csrf } = await adminOf(w);
    const base = { _csrf: csrf, name: '新代表', level: 'county', group_name: '', phone: '', address: '', confidential: '' };
    const foreign = await admin.post(`${w.base}/admin/deputies`, { ...base, station_id: String(other.stations[0]) });
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toMatch(/id="f-station_id-error"[^>]*>没有这个联络站/);
    await admin.post(`${w.base}/admin/stations/${w.stations[1]}/retire`, { _csrf: csrf });
    expect((await admin.post(`${w.base}/admin/deputies`, { ...base, station_id: String(w.stations[1]) })).status).toBe(422);
    // A deputy already at the retired station can still be edited without moving.
    const atRetired = w.deputies[1]!;
    const form = await (await admin.get(`${w.base}/admin/deputies/${atRetired}/edit`)).text();
    expect(form).toContain('毛庄镇代表联络站（已停用）');
    const kept = await admin.post(`${w.base}/admin/deputies/${atRetired}`, {
      ...base,
      name: '李秀兰',
      phone: '13800000001',
      station_id: String(w.stations[1]),
    });
    expect(kept.status).toBe(303);
    expect((await row('deputies', atRetired))!.station_id).toBe(w.stations[1]);
    expect((await row('deputies', atRetired))!.level).toBe('county');
  });
});

describe('the deputies list', () => {
  it('is searched by name and paged', async () => {
    const w = await createWorld('dirpage');
    const stmt = env.DB.prepare('insert into deputies (tenant_id, name, level) values (?, ?, ?)');
    await env.DB.batch(Array.from({ length: 60 }, (_, i) => stmt.bind(w.tenantId, `批量代表${String(i).padStart(2, '0')}`, 'township')));
    const { admin } = await adminOf(w);
    const first = await (await admin.get(`${w.base}/admin/deputies`)).text();
    expect(first).toContain('张建国');
    expect(first).toContain('下一页');
    expect(first).not.toContain('批量代表59');
    const second = await (await admin.get(`${w.base}/admin/deputies?status=active&page=1`)).text();
    expect(second).toContain('批量代表59');
    expect(second).toContain('上一页');
    const found = await (await admin.get(`${w.base}/admin/deputies?q=${encodeURIComponent('秀兰')}`)).text();
    expect(found).toContain('李秀兰');
    expect(found).not.toContain('张建国');
    // LIKE wildcards are searched as text.
    const percent = await (await admin.get(`${w.base}/admin/deputies?q=%25`)).text();
    expect(percent).toContain('没有符合条件的记录。');
  });
});

describe('retired rows leave every picker but stay on the suggestions that use them', () => {
  it('deputies, categories and units', async () => {
    const { w, as } = await worldAndPeople('dirpickers');
    const deputy = await as('deputy');
    const staff = await as('staff');
    // An old suggestion co-signed by 陈志强 in category 交通运输, before they are retired.
    const old = await submitSuggestion(w, deputy, { category_id: String(w.categories[1]), cosigners: [String(w.deputies[4])] });
    const { admin, csrf } = await adminOf(w);
    for (const path of [`deputies/${w.deputies[4]}`, `categories/${w.categories[1]}`, `units/${w.units[3]}`, `deputies/${w.deputies[2]}`]) {
      expect((await admin.post(`${w.base}/admin/${path}/retire`, { _csrf: csrf })).status).toBe(303);
    }

    // The deputy's form: no retired co-signer, no retired category.
    const form = await (await deputy.get(`${w.base}/suggestions/new`)).text();
    expect(form).toContain('李秀兰');
    expect(form).not.toContain('陈志强');
    expect(form).toContain('农业农村');
    expect(form).not.toContain('交通运输');
    // Nor can they be posted by hand.
    const refused = await postSuggestion(w, deputy, {
      category_id: String(w.categories[1]),
      source_channel: 'online',
      cosigners: [String(w.deputies[4])],
    });
    expect(refused.status).toBe(422);

    // The clerk's lead-deputy list (城关镇 station: 张建国, 王卫东 retired, 陈志强 retired).
    const clerkForm = await (await (await as('clerk')).get(`${w.base}/suggestions/new`)).text();
    expect(clerkForm).toContain('张建国');
    expect(clerkForm).not.toContain('王卫东');

    // Staff: the assignment form offers no retired unit and refuses one posted by hand.
    const fresh = await submitSuggestion(w, deputy);
    await actOk(w, staff, fresh, 'accept');
    const detail = await (await staff.get(`${w.base}/suggestions/${fresh}`)).text();
    expect(detail).toContain('县财政局');
    expect(detail).not.toContain('县水利局');
    expect(detail).not.toMatch(/<option[^>]*>交通运输/);
    expect((await act(w, staff, fresh, 'assign', { mode: 'lead', lead_unit: String(w.units[3]) })).status).toBe(422);
    // The staff list's filters and the supervision board's unit filter.
    const list = await (await staff.get(`${w.base}/suggestions`)).text();
    expect(list).not.toMatch(/<option[^>]*>县水利局/);
    expect(list).not.toMatch(/<option[^>]*>交通运输/);
    const board = await (await staff.get(`${w.base}/supervision`)).text();
    expect(board).not.toMatch(/<option[^>]*>县水利局/);

    // The old suggestion still names its retired co-signer and category.
    const oldPage = await (await staff.get(`${w.base}/suggestions/${old}`)).text();
    expect(oldPage).toContain('陈志强');
    expect(oldPage).toContain('交通运输');

    // Restored, they are offered again.
    await admin.post(`${w.base}/admin/units/${w.units[3]}/restore`, { _csrf: csrf });
    expect(await (await staff.get(`${w.base}/suggestions/${fresh}`)).text()).toContain('县水利局');
  });

  it('a unit retired after it was assigned keeps its part and its name on the suggestion', async () => {
    const { w, as, id } = await worldWithAssigned('dirassigned');
    const { admin, csrf } = await adminOf(w);
    await admin.post(`${w.base}/admin/units/${w.units[0]}/retire`, { _csrf: csrf });
    expect(await (await (await as('staff')).get(`${w.base}/suggestions/${id}`)).text()).toContain('县农业农村局');
    expect(await (await (await as('unit')).get(`${w.base}/inbox`)).text()).toContain('关于完善农村公路养护机制的建议');
  });
});

describe("another county's rows", () => {
  it("cannot be opened, edited, retired or restored by this county's admin: 404, and B unchanged", async () => {
    const a = await createWorld('dirxa');
    const b = await createWorld('dirxb');
    const { admin, csrf } = await adminOf(a);
    const before = {
      deputies: await tableRows('deputies', b.tenantId),
      units: await tableRows('handling_units', b.tenantId),
      stations: await tableRows('liaison_stations', b.tenantId),
      categories: await tableRows('categories', b.tenantId),
    };
    const targets: [string, number, Form][] = [
      ['deputies', b.deputies[0]!, { name: '改名', level: 'county', station_id: '', group_name: '', phone: '', address: '', confidential: '' }],
      ['units', b.units[0]!, { name: '改名', head_contact: '', phone: '', email: '' }],
      ['stations', b.stations[0]!, { name: '改名', township: '', level: 'township' }],
      ['categories', b.categories[0]!, { name: '改名', sort: '1' }],
    ];
    for (const [kind, id, form] of targets) {
      expect((await admin.get(`${a.base}/admin/${kind}/${id}/edit`)).status, kind).toBe(404);
      expect((await admin.post(`${a.base}/admin/${kind}/${id}`, { _csrf: csrf, ...form })).status, kind).toBe(404);
      expect((await admin.post(`${a.base}/admin/${kind}/${id}/retire`, { _csrf: csrf })).status, kind).toBe(404);
      expect((await admin.post(`${a.base}/admin/${kind}/${id}/restore`, { _csrf: csrf })).status, kind).toBe(404);
    }
    expect((await admin.get(`${a.base}/admin/deputies/abc/edit`)).status).toBe(404);
    expect({
      deputies: await tableRows('deputies', b.tenantId),
      units: await tableRows('handling_units', b.tenantId),
      stations: await tableRows('liaison_stations', b.tenantId),
      categories: await tableRows('categories', b.tenantId),
    }).toEqual(before);
    expect(await auditOf(a.tenantId, '')).toEqual([]);
    // B's names never show in A's lists.
    expect(await (await admin.get(`${a.base}/admin/deputies?status=all`)).text()).not.toContain(`/admin/deputies/${b.deputies[0]}/`);
  });

  it('only the tenant admin may open or change the lists', async () => {
    const { w, as } = await worldAndPeople('dirroles');
    for (const who of ['deputy', 'clerk', 'staff', 'secretary', 'chair', 'unit'] as const) {
      const b = await as(who);
      const csrf = hiddenValue(await (await b.get(`${w.base}/account`)).text(), '_csrf');
      for (const kind of ['deputies', 'units', 'stations', 'categories']) {
        expect((await b.get(`${w.base}/admin/${kind}`)).status, `${who} ${kind}`).toBe(403);
        expect((await b.post(`${w.base}/admin/${kind}`, { _csrf: csrf, name: '越权' })).status, `${who} ${kind}`).toBe(403);
      }
      expect((await b.post(`${w.base}/admin/deputies/${w.deputies[0]}/retire`, { _csrf: csrf })).status).toBe(403);
    }
    expect(
      (await env.DB.prepare('select count(*) as n from deputies where tenant_id = ? and retired_at is not null')
        .bind(w.tenantId)
        .first<{ n: number }>())!.n,
    ).toBe(0);
  });
});

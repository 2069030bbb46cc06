/**
 * 公开 (DOMAIN.md, "Public disclosure"), through real HTTP to the worker:
 * staff publish and take down replied suggestions, redacting passages;
 * confidential names, phone numbers and addresses never reach a public
 * page; unpublished items are 404; published pages are cacheable with an
 * ETag; the 待公开 reminder lists replies past the disclosure window.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { acceptAndAssign, actOk, eventsOf, people, submitSuggestion, type Who, worldAndPeople } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

const DAY = 86_400_000;

/** A suggestion taken to 已答复: accepted, assigned to the first unit, signed for and replied (class A). */
async function replied(
  w: World,
  as: ReturnType<typeof people>,
  form: Record<string, string> = {},
  reply = '经研究，已安排专项资金修复，今年年底前完工。',
) {
  const id = await submitSuggestion(w, await as('deputy'), form);
  const staff = await as('staff');
  await acceptAndAssign(w, staff, id, w.units[0]);
  const unit = await as('unit');
  await actOk(w, unit, id, 'sign_for');
  await actOk(w, unit, id, 'reply', { body: reply, signer: '李局长', reply_class: 'A' });
  return id;
}

/** Staff post the publish form (the public copy as given). */
async function publish(w: World, b: Browser, id: number, copy: { title: string; content: string; reply_text: string }) {
  return b.post(`${w.base}/suggestions/${id}/publish`, { _csrf: await b.csrf(w.base), ...copy });
}

/** The prefilled public copy from the publish form. */
async function prefilled(w: World, staff: Browser, id: number) {
  const html = await (await staff.get(`${w.base}/suggestions/${id}/publish`)).text();
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return {
    title: unescape(html.match(/name="title" value="([^"]*)"/)![1]!),
    content: unescape(html.match(/<textarea[^>]*name="content"[^>]*>([^<]*)<\/textarea>/)![1]!),
    reply_text: unescape(html.match(/<textarea[^>]*name="reply_text"[^>]*>([^<]*)<\/textarea>/)![1]!),
  };
}

async function publicGet(path: string, headers: Record<string, string> = {}) {
  return new Browser().get(path, headers);
}

describe('who may publish (公开)', () => {
  it('only staff publish and take down; every other role gets 403, and nobody signed out gets in', async () => {
    const { w, as } = await worldAndPeople('pubrole');
    const id = await replied(w, as);
    const others: Who[] = ['deputy', 'clerk', 'secretary', 'chair', 'unit', 'admin'];
    for (const who of others) {
      const b = await as(who);
      const csrf = await b.csrf(w.base);
      expect((await b.get(`${w.base}/suggestions/${id}/publish`)).status, who).toBe(403);
      expect((await b.get(`${w.base}/disclosure`)).status, who).toBe(403);
      expect((await b.post(`${w.base}/suggestions/${id}/publish`, { _csrf: csrf, title: 't', content: 'c', reply_text: 'r' })).status, who).toBe(403);
      expect((await b.post(`${w.base}/suggestions/${id}/unpublish`, { _csrf: csrf })).status, who).toBe(403);
      expect((await b.post(`${w.base}/disclosure/publish`, { _csrf: csrf, ids: String(id) })).status, who).toBe(403);
    }
    expect((await new Browser().get(`${w.base}/suggestions/${id}/publish`)).status).toBe(303);
    expect((await publicGet(`${w.base}/public/${id}`)).status).toBe(404);

    const staff = await as('staff');
    const res = await publish(w, staff, id, await prefilled(w, staff, id));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${w.base}/suggestions/${id}?done=publish`);
    expect((await publicGet(`${w.base}/public/${id}`)).status).toBe(200);
    expect((await staff.post(`${w.base}/suggestions/${id}/unpublish`, { _csrf: await staff.csrf(w.base) })).status).toBe(303);
    expect((await publicGet(`${w.base}/public/${id}`)).status).toBe(404);
    // Each publish and unpublish left its event on the timeline.
    expect((await eventsOf(id)).map((e) => e.kind).slice(-2)).toEqual(['publish', 'unpublish']);
    const page = await (await staff.get(`${w.base}/suggestions/${id}`)).text();
    expect(page).toContain('公开答复');
    expect(page).toContain('撤回公开');
  });

  it('a suggestion without a reply cannot be published', async () => {
    const { w, as } = await worldAndPeople('pubnoreply');
    const id = await submitSuggestion(w, await as('deputy'));
    const staff = await as('staff');
    expect((await staff.get(`${w.base}/suggestions/${id}/publish`)).status).toBe(409);
    const res = await publish(w, staff, id, { title: 'x', content: 'y', reply_text: 'z' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('这条建议还没有答复，不能公开。');
  });
});

describe('what the public may see', () => {
  it("a confidential deputy's name and every deputy's phone and address appear on no public page", async () => {
    const w = await createWorld('pubprivate');
    const [lead, cosigner] = [w.deputies[0]!, w.deputies[1]!];
    await env.DB.prepare("update deputies set confidential = 1, phone = '13912345678', address = '城关镇幸福路8号' where id = ?").bind(lead).run();
    await env.DB.prepare("update deputies set phone = '13787654321', address = '毛庄镇东街2号' where id = ?").bind(cosigner).run();
    const as = people(w);
    const id = await replied(w, as, {
      title: '关于张建国所在村道路硬化的建议',
      content: '村里道路泥泞。联系人张建国，电话139-1234-5678，住城关镇幸福路8号；附议代表电话13787654321。',
      cosigners: String(cosigner),
    });
    const staff = await as('staff');
    // Batch publishing takes the originals and masks what must be withheld.
    const batch = await staff.post(`${w.base}/disclosure/publish`, { _csrf: await staff.csrf(w.base), ids: String(id) });
    expect(batch.status).toBe(303);

    const pages = [`/public/${id}`, '/public', '/public?q=道路', '/public/wall'];
    for (const path of pages) {
      const res = await publicGet(`${w.base}${path}`);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const secret of ['张建国', '13912345678', '1234-5678', '城关镇幸福路8号', '13787654321', '毛庄镇东街2号']) {
        expect(html, `${path} shows ${secret}`).not.toContain(secret);
      }
    }
    // Searching for the withheld name finds nothing.
    expect(await (await publicGet(`${w.base}/public?q=${encodeURIComponent('张建国')}`)).text()).not.toContain(`/public/${id}"`);
    const item = await (await publicGet(`${w.base}/public/${id}`)).text();
    expect(item).toContain('代表（应本人要求不公开姓名）');
    expect(item).toContain('村里道路泥泞');
    expect(item).toContain('＊＊＊');
    // The originals are untouched for staff.
    const staffPage = await (await staff.get(`${w.base}/suggestions/${id}`)).text();
    expect(staffPage).toContain('联系人张建国，电话139-1234-5678');

    // Typing a withheld fact back into the form is refused next to the field, keeping what was typed.
    const copy = await prefilled(w, staff, id);
    const refused = await publish(w, staff, id, { ...copy, reply_text: `${copy.reply_text} 请联系 139 1234 5678。` });
    expect(refused.status).toBe(422);
    const form = await refused.text();
    expect(form).toMatch(/id="f-reply_text-error" role="alert">这段文字含有代表的电话、地址或要求不公开的姓名/);
    expect(form).toContain('请联系 139 1234 5678。');
  });

  it('a deputy who has not asked for confidentiality is named', async () => {
    const { w, as } = await worldAndPeople('pubnamed');
    const id = await replied(w, as);
    const staff = await as('staff');
    expect((await publish(w, staff, id, await prefilled(w, staff, id))).status).toBe(303);
    const html = await (await publicGet(`${w.base}/public/${id}`)).text();
    expect(html).toContain('张建国');
    expect(html).not.toContain('13800000000');
  });

  it("unpublished, unknown and another county's items are a Chinese 404", async () => {
    const w = await createWorld('pub404');
    const other = await createWorld('pub404other');
    const as = people(w);
    const published = await replied(w, as);
    const waiting = await replied(w, as, { title: '关于增设乡村公交站点的建议' });
    const staff = await as('staff');
    expect((await publish(w, staff, published, await prefilled(w, staff, published))).status).toBe(303);

    const cases = [`${w.base}/public/${waiting}`, `${w.base}/public/99999999`, `${other.base}/public/${published}`];
    for (const path of cases) {
      const res = await publicGet(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('这条答复不存在或尚未公开。');
    }
    const list = await (await publicGet(`${w.base}/public`)).text();
    // The public menu reaches every public page of the county.
    for (const page of ['/public/wall', '/public/receptions', '/public/projects']) expect(list).toContain(`href="${w.base}${page}"`);
    expect(list).toContain('关于完善农村公路养护机制的建议');
    expect(list).not.toContain('关于增设乡村公交站点的建议');
    expect(await (await publicGet(`${other.base}/public`)).text()).toContain('还没有公开的答复。');
  });

  it('redactions apply: the cut passage is not public, the original stays on the staff page', async () => {
    const { w, as } = await worldAndPeople('pubredact');
    const secret = '涉及某企业未公开的财务数据。';
    const id = await replied(
      w,
      as,
      { content: `部分农村公路坑洼不平。${secret}建议落实养护资金。` },
      `已安排资金。${'内部会议纪要：第三季度调整。'}年底完工。`,
    );
    const staff = await as('staff');
    const copy = await prefilled(w, staff, id);
    expect(copy.content).toContain(secret);
    const res = await publish(w, staff, id, {
      ...copy,
      content: copy.content.replace(secret, ''),
      reply_text: copy.reply_text.replace('内部会议纪要：第三季度调整。', ''),
    });
    expect(res.status).toBe(303);
    const html = await (await publicGet(`${w.base}/public/${id}`)).text();
    expect(html).not.toContain(secret);
    expect(html).not.toContain('内部会议纪要');
    expect(html).toContain('部分农村公路坑洼不平。建议落实养护资金。');
    expect(html).toContain('依规定，部分内容未予公开。');
    const staffPage = await (await staff.get(`${w.base}/suggestions/${id}`)).text();
    expect(staffPage).toContain(secret);
    expect(staffPage).toContain('内部会议纪要：第三季度调整。');
    expect(staffPage).toContain('公开文本经过删改，原文保持不变。');
    const event = await env.DB.prepare("select note from suggestion_events where suggestion_id = ? and kind = 'publish'")
      .bind(id)
      .first<{ note: string }>();
    expect(event!.note).toBe('部分内容已隐去');
    // An empty field is refused with its message, and nothing typed is lost.
    const empty = await publish(w, staff, id, { ...copy, title: '  ', content: '保留的文字' });
    expect(empty.status).toBe(422);
    const form = await empty.text();
    expect(form).toContain('请填写公开标题。');
    expect(form).toContain('保留的文字');
  });
});

describe('public pages are light and cacheable', () => {
  it('Cache-Control public with a max-age and an ETag; If-None-Match gives 304', async () => {
    const { w, as } = await worldAndPeople('pubetag');
    const id = await replied(w, as);
    const staff = await as('staff');
    expect((await publish(w, staff, id, await prefilled(w, staff, id))).status).toBe(303);
    for (const path of [`/public/${id}`, '/public', '/public/wall']) {
      const first = await publicGet(`${w.base}${path}`);
      expect(first.status, path).toBe(200);
      expect(first.headers.get('Cache-Control'), path).toMatch(/^public, max-age=\d+$/);
      const tag = first.headers.get('ETag');
      expect(tag, path).toMatch(/^"[0-9a-f]+"$/);
      const html = await first.text();
      expect(html, path).not.toMatch(/<script|<img|@font-face/);
      expect(first.headers.get('Set-Cookie'), path).toBeNull();
      const again = await publicGet(`${w.base}${path}`, { 'If-None-Match': tag! });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('ETag'), path).toBe(tag);
      expect(await again.text()).toBe('');
    }
    // A change of the public copy changes the tag.
    const tag = (await publicGet(`${w.base}/public/${id}`)).headers.get('ETag')!;
    const copy = await prefilled(w, staff, id);
    expect((await publish(w, staff, id, { ...copy, title: '关于农村公路养护的建议（公开稿）' })).status).toBe(303);
    const changed = await publicGet(`${w.base}/public/${id}`, { 'If-None-Match': tag });
    expect(changed.status).toBe(200);
  });

  it("read no session: another county's session cookie changes nothing", async () => {
    const w = await createWorld('pubnosession');
    const other = await createWorld('pubnosession2');
    const as = people(w);
    const id = await replied(w, as);
    const staff = await as('staff');
    expect((await publish(w, staff, id, await prefilled(w, staff, id))).status).toBe(303);
    const stranger = new Browser();
    await stranger.login(other.base, 'staff');
    const cookie = [...stranger.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // The session pages of this county refuse it…
    expect((await publicGet(`${w.base}/`, { Cookie: cookie })).status).toBe(403);
    // …the public ones never look at it.
    const res = await publicGet(`${w.base}/public/${id}`, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('退出登录');
  });

  it("on a county's mapped hostname the public pages are at the root", async () => {
    const { w, as } = await worldAndPeople('pubhost');
    const id = await replied(w, as);
    const staff = await as('staff');
    expect((await publish(w, staff, id, await prefilled(w, staff, id))).status).toBe(303);
    const host = `${w.slug}.example.org`;
    await env.DB.prepare('insert into tenant_hostnames (hostname, tenant_id) values (?, ?)').bind(host, w.tenantId).run();
    const visitor = new Browser(`http://${host}`);
    const res = await visitor.get(`/public/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/public"');
    expect(html).not.toContain('/t/');
    expect((await visitor.get('/public/wall')).status).toBe(200);
  });

  it("the echo wall shows the year's figures for this county only", async () => {
    const { w, as } = await worldAndPeople('pubwall');
    const id = await replied(w, as);
    await actOk(w, await as('deputy'), id, 'rate', { attitude: 'satisfied', result: 'basically' });
    const assigned = await submitSuggestion(w, await as('deputy'), { title: '关于修缮村小学围墙的建议' });
    const staff = await as('staff');
    await acceptAndAssign(w, staff, assigned, w.units[1]);
    await submitSuggestion(w, await as('deputy'), { title: '关于村卫生室配备药品的建议' });
    expect((await publish(w, staff, id, await prefilled(w, staff, id))).status).toBe(303);
    const html = await (await publicGet(`${w.base}/public/wall`)).text();
    const figure = (label: string) => html.match(new RegExp(`${label.replace(/[()（）]/g, '.')}<strong>([^<]+)</strong>`))?.[1];
    expect(figure('收到建议')).toBe('3');
    expect(figure('办复率')).toBe('50.0%');
    expect(figure('满意率（含基本满意）')).toBe('100.0%');
    expect(figure('已公开答复')).toBe('1');
    expect(html).toContain('关于完善农村公路养护机制的建议');
  });
});

describe('待公开: the disclosure reminder', () => {
  it('lists a reply older than the window first, with how long it waited; publishing takes it off', async () => {
    const { w, as } = await worldAndPeople('pubremind');
    const fresh = await replied(w, as, { title: '关于新近答复的建议' });
    const old = await replied(w, as, { title: '关于早已答复的建议' });
    // Replied 60 days ago: far past 20 working days.
    await env.DB.prepare("update replies set created_at = ? where suggestion_id = ? and kind = 'reply'")
      .bind(Date.now() - 60 * DAY, old)
      .run();
    const staff = await as('staff');
    const html = await (await staff.get(`${w.base}/disclosure`)).text();
    expect(html).toContain('待公开的答复');
    expect(html.indexOf('关于早已答复的建议')).toBeGreaterThan(-1);
    expect(html.indexOf('关于早已答复的建议')).toBeLessThan(html.indexOf('关于新近答复的建议'));
    expect(html).toContain('已等待 60 天');
    expect(html).toMatch(/超过公开期限 \d+ 天/);
    expect(html.match(/超过公开期限/g)).toHaveLength(1);
    expect(html).toContain('已等待 0 天');

    // The batch publishes the overdue one; it leaves the list, the other stays.
    const res = await staff.post(`${w.base}/disclosure/publish`, { _csrf: await staff.csrf(w.base), ids: [String(old)] });
    expect(res.status).toBe(303);
    const after = await (await staff.get(res.headers.get('Location')!)).text();
    expect(after).toContain('已公开 1 条答复。');
    expect(after).not.toContain('关于早已答复的建议');
    expect(after).toContain('关于新近答复的建议');
    expect((await eventsOf(old)).at(-1)!.kind).toBe('publish');
    // Publishing it again in a batch is refused, and nothing is written twice.
    const again = await staff.post(`${w.base}/disclosure/publish`, { _csrf: await staff.csrf(w.base), ids: [String(old), String(fresh)] });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('以下建议已不能公开');
    expect((await eventsOf(fresh)).map((e) => e.kind)).not.toContain('publish');
    // Nothing chosen: a message next to the list.
    const none = await staff.post(`${w.base}/disclosure/publish`, { _csrf: await staff.csrf(w.base) });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请至少勾选一条答复。');
  });
});

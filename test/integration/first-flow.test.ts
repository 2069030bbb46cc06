/**
 * The first flow end to end through the worker against real D1: a deputy
 * signs in, submits a suggestion with a co-signer; the deputy and the
 * co-signer see it in 我的建议; staff see it in 收到的建议 and open its timeline.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, hiddenValue, type Form } from '../helpers/browser';
import { createWorld } from '../helpers/world';
import { signedIn, type Who } from '../helpers/flow';

async function openForm(b: Browser, base: string) {
  const res = await b.get(`${base}/suggestions/new`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const csrf = hiddenValue(html, '_csrf');
  const key = hiddenValue(html, 'idempotency_key');
  /** Posts the form with the tokens this page gave (the same key each time: a second post is a repeat). */
  const post = (fields: Form) => b.post(`${base}/suggestions`, { _csrf: csrf, idempotency_key: key, ...fields });
  return { html, post };
}

/** A fresh county, `who` signed in, and the new-suggestion form opened. */
async function worldWithForm(label: string, who: Who) {
  const w = await createWorld(label);
  const b = await signedIn(w, who);
  return { w, b, form: await openForm(b, w.base) };
}

describe('a deputy submits a suggestion', () => {
  it('creates it as submitted with a number, shows it to lead, co-signer and staff, with its timeline', async () => {
    const { w, b: deputy, form } = await worldWithForm('flow', 'deputy');
    expect(form.html).toContain('提出建议');

    const res = await form.post({
      title: '关于加强农村黑臭水体治理的建议',
      content: '部分村庄坑塘积存生活污水，建议分批清淤截污。',
      category_id: String(w.categories[0]),
      source_channel: 'station',
      cosigners: [String(w.deputies[1]), String(w.deputies[3])],
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    expect(location).toMatch(new RegExp(`^${w.base}/suggestions/\\d+\\?submitted=1$`));

    const detail = await (await deputy.get(location)).text();
    expect(detail).toContain('建议已提交');
    expect(detail).toContain('关于加强农村黑臭水体治理的建议');
    expect(detail).toContain('已提交');
    expect(detail).toMatch(/\d{4}-0001/);
    expect(detail).toMatch(/<dt>附议代表<\/dt><dd>李秀兰、赵丽娟<\/dd>/); // both co-signers
    expect(detail).toMatch(/<dt>类别<\/dt><dd>农业农村<\/dd>/);
    expect(detail).toMatch(/<dt>领衔代表<\/dt><dd>张建国<\/dd>/);
    expect(detail).toContain('办理过程');

    const mine = await (await deputy.get(`${w.base}/suggestions`)).text();
    expect(mine).toContain('我的建议');
    expect(mine).toContain('关于加强农村黑臭水体治理的建议');

    const cosigner = await signedIn(w, 'deputy2');
    const cosignerList = await (await cosigner.get(`${w.base}/`)).text();
    expect(cosignerList).toContain('关于加强农村黑臭水体治理的建议');
    expect(cosignerList).toContain('附议代表');
    expect((await cosigner.get(location)).status).toBe(200);

    const staff = await signedIn(w, 'staff');
    const incoming = await (await staff.get(`${w.base}/suggestions`)).text();
    expect(incoming).toContain('收到的建议');
    expect(incoming).toContain('关于加强农村黑臭水体治理的建议');
    const staffDetail = await (await staff.get(location)).text();
    expect(staffDetail).toMatch(/deputy的名字：\s*提交建议/);
    expect(staffDetail).toContain('张建国');
  });

  it('a liaison clerk enters one for a deputy of their station; the record keeps who typed it', async () => {
    const { w, b: clerk, form } = await worldWithForm('clerk', 'clerk');
    expect(form.html).toContain('领衔代表');
    const res = await form.post({
      deputy_id: String(w.deputies[2]), // station 0 holds deputies 0, 2, 4
      title: '关于改善乡村道路安全设施的建议',
      content: '学校周边路口缺少减速带。',
      category_id: String(w.categories[1]),
      source_channel: 'reception',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    const detail = await (await clerk.get(location)).text();
    expect(detail).toContain('由 clerk的名字 代为录入');
    expect(detail).toContain('王卫东');

    // The deputy it was entered for sees it as their own.
    const deputy = await signedIn(w, 'deputy3');
    expect(await (await deputy.get(`${w.base}/suggestions`)).text()).toContain('关于改善乡村道路安全设施的建议');
  });

  it('a liaison clerk cannot enter for a deputy of another station', async () => {
    const { w, form } = await worldWithForm('clerk2', 'clerk');
    const res = await form.post({
      deputy_id: String(w.deputies[1]), // station 1
      title: '标题',
      content: '内容',
      category_id: String(w.categories[0]),
      source_channel: 'station',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('所选代表不在本县代表名单中');
  });
});

describe('the idempotency key', () => {
  it('a retried POST makes one suggestion; the same key with other text (a stale draft) makes a new one, itself retry-safe', async () => {
    const { w, form } = await worldWithForm('idem', 'deputy');
    const post = (title: string) =>
      form.post({
        title,
        content: `${title}的内容`,
        category_id: String(w.categories[0]),
        source_channel: 'online',
      });
    const first = await post('关于修缮村小学围墙的建议');
    const retry = await post('关于修缮村小学围墙的建议');
    expect(retry.headers.get('Location')).toBe(first.headers.get('Location'));
    const other = await post('关于增设公交站台的建议');
    const otherRetry = await post('关于增设公交站台的建议');
    expect(other.status).toBe(303);
    expect(other.headers.get('Location')).not.toBe(first.headers.get('Location'));
    expect(otherRetry.headers.get('Location')).toBe(other.headers.get('Location'));
    const rows = await env.DB.prepare('select title, count(*) as n from suggestions where tenant_id = ? group by title order by title')
      .bind(w.tenantId)
      .all<{ title: string; n: number }>();
    expect(rows.results).toEqual([
      { title: '关于修缮村小学围墙的建议', n: 1 },
      { title: '关于增设公交站台的建议', n: 1 },
    ]);
  });
});

describe('htmx', () => {
  it('gets only the swapped part (#main and the title) when it asks for a page', async () => {
    const w = await createWorld('htmx');
    const deputy = await signedIn(w, 'deputy');
    const full = await (await deputy.get(`${w.base}/suggestions`)).text();
    const partial = await (await deputy.get(`${w.base}/suggestions`, { 'HX-Request': 'true' })).text();
    expect(full).toMatch(/^<!doctype html>/i);
    expect(full).toContain('<header');
    expect(partial).not.toContain('<header');
    expect(partial).toContain('<main id="main"');
    expect(partial).toContain('<title>');
    // The menu (with its unread count) comes along out of band.
    expect(partial).toMatch(/<nav id="menu"[^>]*hx-swap-oob="true"/);
  });
});

/**
 * Bad input on the suggestion form: a clear Chinese message next to the
 * field, HTTP 422, everything typed kept, and nothing written.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type Form, hiddenValue } from '../helpers/browser';
import { createWorld, type World } from '../helpers/world';
import { signedIn } from '../helpers/flow';

async function countSuggestions(tenantId: number): Promise<number> {
  const row = await env.DB.prepare('select count(*) as n from suggestions where tenant_id = ?').bind(tenantId).first<{ n: number }>();
  return row!.n;
}

async function signedInForm(w: World) {
  const b = await signedIn(w, 'deputy');
  const html = await (await b.get(`${w.base}/suggestions/new`)).text();
  return { b, csrf: hiddenValue(html, '_csrf'), key: hiddenValue(html, 'idempotency_key') };
}

function validForm(w: World, csrf: string, key: string): Form {
  return {
    _csrf: csrf,
    idempotency_key: key,
    title: '关于修缮村级文化广场的建议',
    content: '广场地面破损，夜间照明不足。',
    category_id: String(w.categories[0]),
    source_channel: 'online',
    cosigners: [String(w.deputies[1])],
  };
}

/** The error paragraph inside the field's own div. */
function fieldError(html: string, field: string): string | undefined {
  const block =
    html.match(new RegExp(`<div class="field has-error">(?:(?!</div>).)*?id="f-${field}-error"[^>]*>([^<]*)<`, 's')) ??
    html.match(new RegExp(`<fieldset class="field has-error"[^>]*>(?:(?!</fieldset>).)*?id="f-${field}-error"[^>]*>([^<]*)<`, 's'));
  return block?.[1];
}

describe('bad input on the suggestion form', () => {
  it('an empty title: 422, message beside the title, the content kept', async () => {
    const w = await createWorld('empty');
    const { b, csrf, key } = await signedInForm(w);
    const res = await b.post(`${w.base}/suggestions`, { ...validForm(w, csrf, key), title: '   ' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'title')).toBe('请填写标题。');
    expect(html).toContain('广场地面破损，夜间照明不足。');
    expect(html).toMatch(/<option value="\d+" selected="">农业农村<\/option>/);
    expect(html).toContain(`value="${key}"`); // the same key, so a later retry stays one suggestion
    expect(await countSuggestions(w.tenantId)).toBe(0);
  });

  it('20,000 characters of content: 422 with the limit and the count, the text kept', async () => {
    const w = await createWorld('long');
    const { b, csrf, key } = await signedInForm(w);
    const content = '黑臭水体'.repeat(5_000);
    const res = await b.post(`${w.base}/suggestions`, { ...validForm(w, csrf, key), content });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'content')).toBe('内容不能超过 10000 个字（现在是 20000 个字），请精简后再提交。');
    expect(html).toContain(content);
    expect(html).toContain('关于修缮村级文化广场的建议');
    expect(await countSuggestions(w.tenantId)).toBe(0);
  });

  it('an unknown co-signer: 422 beside the co-signers', async () => {
    const w = await createWorld('unknown');
    const { b, csrf, key } = await signedInForm(w);
    const res = await b.post(`${w.base}/suggestions`, { ...validForm(w, csrf, key), cosigners: ['99999999'] });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'cosigners')).toBe('所选附议代表不在本县代表名单中，请重新选择。');
    expect(html).toContain('关于修缮村级文化广场的建议');
    expect(await countSuggestions(w.tenantId)).toBe(0);
  });

  it("another tenant's deputy as co-signer: refused the same way, nothing written", async () => {
    const a = await createWorld('tenanta');
    const other = await createWorld('tenantb');
    const { b, csrf, key } = await signedInForm(a);
    const res = await b.post(`${a.base}/suggestions`, { ...validForm(a, csrf, key), cosigners: [String(other.deputies[1])] });
    expect(res.status).toBe(422);
    expect(fieldError(await res.text(), 'cosigners')).toBe('所选附议代表不在本县代表名单中，请重新选择。');
    expect(await countSuggestions(a.tenantId)).toBe(0);
    expect(await countSuggestions(other.tenantId)).toBe(0);
  });

  it("another tenant's category, a missing channel and garbage ids: each field says so", async () => {
    const a = await createWorld('cat');
    const other = await createWorld('cat2');
    const { b, csrf, key } = await signedInForm(a);
    const res = await b.post(`${a.base}/suggestions`, {
      ...validForm(a, csrf, key),
      category_id: String(other.categories[0]),
      source_channel: '',
      cosigners: ['1 OR 1=1'],
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, 'source_channel')).toBe('请选择提出渠道。');
    expect(fieldError(html, 'cosigners')).toBe('所选附议代表不在本县代表名单中，请重新选择。');
    const res2 = await b.post(`${a.base}/suggestions`, { ...validForm(a, csrf, key), category_id: String(other.categories[0]) });
    expect(res2.status).toBe(422);
    expect(fieldError(await res2.text(), 'category_id')).toBe('所选类别不存在，请重新选择。');
    expect(await countSuggestions(a.tenantId)).toBe(0);
  });

  it('a deputy naming themself as co-signer is told so', async () => {
    const w = await createWorld('self');
    const { b, csrf, key } = await signedInForm(w);
    const res = await b.post(`${w.base}/suggestions`, { ...validForm(w, csrf, key), cosigners: [String(w.deputies[0])] });
    expect(res.status).toBe(422);
    expect(fieldError(await res.text(), 'cosigners')).toBe('领衔代表不能同时是附议代表。');
  });

  it('markup typed into the title is stored and shown as text, never as HTML', async () => {
    const w = await createWorld('xss');
    const { b, csrf, key } = await signedInForm(w);
    const res = await b.post(`${w.base}/suggestions`, { ...validForm(w, csrf, key), title: '<script>alert(1)</script>"关于' });
    expect(res.status).toBe(303);
    const html = await (await b.get(res.headers.get('Location')!)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a retried submit (the same POST twice)', () => {
  it('creates one suggestion and sends both to it', async () => {
    const w = await createWorld('twice');
    const { b, csrf, key } = await signedInForm(w);
    const form = validForm(w, csrf, key);
    const first = await b.post(`${w.base}/suggestions`, form);
    const second = await b.post(`${w.base}/suggestions`, form);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await countSuggestions(w.tenantId)).toBe(1);
    const events = await env.DB.prepare('select count(*) as n from suggestion_events where tenant_id = ?').bind(w.tenantId).first<{ n: number }>();
    expect(events!.n).toBe(1);
  });

  it('two identical POSTs at the same moment still make one', async () => {
    const w = await createWorld('race');
    const { b, csrf, key } = await signedInForm(w);
    const form = validForm(w, csrf, key);
    const results = await Promise.all([1, 2, 3].map(() => b.post(`${w.base}/suggestions`, form)));
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(new Set(results.map((r) => r.headers.get('Location'))).size).toBe(1);
    expect(await countSuggestions(w.tenantId)).toBe(1);
  });

  it('two different suggestions get consecutive numbers', async () => {
    const w = await createWorld('numbers');
    const { b, csrf } = await signedInForm(w);
    await b.post(`${w.base}/suggestions`, validForm(w, csrf, 'key-aaaaaaaa'));
    await b.post(`${w.base}/suggestions`, validForm(w, csrf, 'key-bbbbbbbb'));
    const rows = await env.DB.prepare('select number from suggestions where tenant_id = ? order by id').bind(w.tenantId).all<{ number: string }>();
    expect(rows.results.map((r) => r.number.slice(5))).toEqual(['0001', '0002']);
  });
});

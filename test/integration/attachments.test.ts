/** Reply attachments in R2: type by content, size and count limits, access as the suggestion's. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Browser } from '../helpers/browser';
import { acceptAndAssign, actOk, people, stateOf, submitSuggestion } from '../helpers/flow';
import { createWorld, type World } from '../helpers/world';

const PDF = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...new Uint8Array(2000)]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(500)]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Uint8Array(100)]);

async function readyToReply(label: string) {
  const w = await createWorld(label);
  const as = people(w);
  const id = await submitSuggestion(w, await as('deputy'), { cosigners: [String(w.deputies[1])] });
  await acceptAndAssign(w, await as('staff'), id, w.units[0]);
  const unit = await as('unit');
  await actOk(w, unit, id, 'sign_for');
  return { w, as, id, unit };
}

async function replyWith(w: World, unit: Browser, id: number, files: [Uint8Array, string, string][]) {
  const form = new FormData();
  form.set('_csrf', await unit.csrf(w.base));
  form.set('body', '已办理，答复函见附件。');
  form.set('signer', '李局长');
  form.set('reply_class', 'A');
  for (const [bytes, name, type] of files) form.append('files', new File([bytes], name, { type }));
  return unit.postMultipart(`${w.base}/suggestions/${id}/act/reply`, form);
}

async function objects(prefix: string) {
  return (await env.FILES.list({ prefix })).objects.length;
}

describe('reply attachments', () => {
  it('a scanned letter and a photo are stored in R2 and served to the deputy and co-signer, not to others', async () => {
    const { w, as, id, unit } = await readyToReply('files');
    const res = await replyWith(w, unit, id, [
      [PDF, '答复函.pdf', 'application/pdf'],
      [PNG, '现场照片.png', 'image/png'],
    ]);
    expect(res.status).toBe(303);
    expect(await objects(`t/${w.tenantId}/s/${id}/`)).toBe(2);
    const page = await (await (await as('deputy2')).get(`${w.base}/suggestions/${id}`)).text();
    const links = [...page.matchAll(/href="([^"]+\/files\/\d+)">([^<]+)</g)];
    expect(links.map((m) => m[2])).toEqual(['答复函.pdf', '现场照片.png']);
    const file = await (await as('deputy2')).get(links[0]![1]!);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('application/pdf');
    expect(file.headers.get('Content-Disposition')).toContain("filename*=UTF-8''");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect((await (await as('deputy3')).get(links[0]![1]!)).status).toBe(404);
  });

  it('refuses a file that is not PDF/JPG/PNG by its content, whatever its name; nothing is stored', async () => {
    const { w, id, unit } = await readyToReply('badfile');
    const res = await replyWith(w, unit, id, [[EXE, '答复函.pdf', 'application/pdf']]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('“答复函.pdf”不是 PDF、JPG 或 PNG 文件。');
    expect(html).toContain('已办理，答复函见附件。'); // what was typed is kept
    expect(await stateOf(id)).toBe('in_progress');
    expect(await objects(`t/${w.tenantId}/`)).toBe(0);
  });

  it('refuses more than 5 files and a file over 10 MB', async () => {
    const { w, id, unit } = await readyToReply('manyfiles');
    const six = Array.from({ length: 6 }, (_, i) => [PNG, `照片${i}.png`, 'image/png'] as [Uint8Array, string, string]);
    const many = await replyWith(w, unit, id, six);
    expect(many.status).toBe(422);
    expect(await many.text()).toContain('最多上传 5 个附件。');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF.slice(0, 9));
    const large = await replyWith(w, unit, id, [[big, '扫描件.pdf', 'application/pdf']]);
    expect(large.status).toBe(422);
    expect(await large.text()).toContain('超过 10 MB');
    expect(await objects(`t/${w.tenantId}/`)).toBe(0);
  });

  it('a plain form stays limited to 256 KB even with attachments allowed on replies', async () => {
    const { w, id, unit } = await readyToReply('limit');
    const csrf = await unit.csrf(w.base);
    const res = await unit.post(`${w.base}/suggestions/${id}/act/contact`, { _csrf: csrf, note: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
  });
});

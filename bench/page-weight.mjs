// Page weight of the deputy's pages (issue #2) and of a public reply page
// (issue #5): the compressed bytes of the login, list (我的建议), submit
// (提出建议) and public reply (公开, no login) pages and of every asset they
// load, checked against the budget for 2G phones:
//   first visit  (HTML + every asset it references, empty cache) ≤ 25 KB gzip
//   repeat visit (HTML only: assets are immutable under hashed URLs) ≤ 6 KB gzip
// The worker leaves compression to Cloudflare's edge, so sizes are measured
// here with node:zlib (gzip -9 and brotli q11); the budget uses gzip, the
// larger. Response bodies only — headers are not counted.
//
// Usage: node bench/page-weight.mjs [--markdown]   (or `npm run bench`)
// Exits 1 when a budget line or a check fails. Writes bench/out/page-weight.json.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { root, withLocalServer } from './lib/local-server.mjs';
import { signIn } from './lib/sign-in.mjs';

const KB = 1024;
export const BUDGET = { firstVisit: 25 * KB, repeatVisit: 6 * KB };
const TENANT = '/t/taikang';
const DEPUTY = { username: 'daibiao' };
/** The demo suggestion 2026-0001 of 太康县, published by scripts/seed-demo.mjs. */
const PUBLIC_DEMO_ID = 10001;
/** 2026-0003 of 太康县: replied, waiting for daibiao's rating. */
const RATE_DEMO_ID = 10003;
/** This month's 单月座谈议题 of 太康县 (scripts/seed-demo.mjs). */
const FORUM_DEMO_ID = 10001;
const ONE_YEAR = 31_536_000;

const gzipBytes = (buf) => gzipSync(buf, { level: 9 }).length;
const brotliBytes = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [zc.BROTLI_PARAM_QUALITY]: 11,
      [zc.BROTLI_PARAM_MODE]: zc.BROTLI_MODE_TEXT,
      [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

function sizes(buf) {
  return { raw: buf.length, gzip: gzipBytes(buf), brotli: brotliBytes(buf) };
}

/** GET with no compression on the wire, so what we compress is exactly the body. */
async function get(url, headers = {}) {
  const res = await fetch(url, { redirect: 'manual', headers: { 'Accept-Encoding': 'identity', ...headers } });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, body };
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

const decode = (s) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/**
 * Every subresource a browser would fetch for this HTML: stylesheets and
 * other <link> loads, scripts, images. Data URLs cost nothing extra.
 */
function subresources(html) {
  const urls = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const a = attrs(tag.slice(5));
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (a.href && rel.some((r) => ['stylesheet', 'icon', 'preload', 'modulepreload', 'manifest', 'apple-touch-icon'].includes(r))) urls.push(a.href);
  }
  for (const [tag] of html.matchAll(/<(?:script|img|source|iframe)\b[^>]*>/gi)) {
    const a = attrs(tag.replace(/^<\w+/, ''));
    if (a.src) urls.push(a.src);
  }
  return urls.map(decode).filter((u) => !u.startsWith('data:'));
}

/** url(...) and @import inside a stylesheet (fonts, images, more CSS). */
function cssSubresources(css) {
  const urls = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) urls.push(m[1] ?? m[2] ?? m[3]);
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) urls.push(m[1] ?? m[2]);
  return urls.filter((u) => u && !u.startsWith('data:') && !u.startsWith('#'));
}

function parseCacheControl(value) {
  const d = {};
  for (const part of (value ?? '').split(',')) {
    const [k, v] = part.trim().split('=');
    if (k) d[k.toLowerCase()] = v ?? true;
  }
  return d;
}

async function measure(baseUrl) {
  const failures = [];
  const fail = (msg) => failures.push(msg);
  const assetCache = new Map(); // url → asset record (one fetch per asset per run)

  async function loadAsset(url, from) {
    if (assetCache.has(url)) return assetCache.get(url);
    const { res, body } = await get(url);
    const path = new URL(url).pathname;
    const cacheControl = res.headers.get('cache-control') ?? '';
    const cc = parseCacheControl(cacheControl);
    const maxAge = Number(cc['max-age'] ?? 0);
    const hashInName = path.match(/\.([0-9a-f]{8,})\.[a-z0-9]+$/i)?.[1] ?? null;
    const contentHash = createHash('sha256').update(body).digest('hex');
    const record = {
      name: path,
      url,
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      contentEncoding: res.headers.get('content-encoding'),
      cacheControl,
      immutable: Boolean(cc.immutable) && maxAge >= ONE_YEAR && !cc['no-store'] && !cc['no-cache'] && !cc.private,
      hashedUrl: hashInName !== null,
      hashMatchesBody: hashInName !== null && contentHash.startsWith(hashInName.toLowerCase()),
      ...sizes(body),
    };
    assetCache.set(url, record);
    if (res.status !== 200) fail(`${path} (from ${from}): HTTP ${res.status}`);
    if (!record.immutable)
      fail(`${path}: Cache-Control "${cacheControl}" is not public/immutable with max-age ≥ ${ONE_YEAR} — a repeat visit would transfer it again`);
    if (!record.hashedUrl) fail(`${path}: immutable caching needs a content hash in the URL`);
    // Stylesheets may pull in more (fonts, images): those load on a first visit too.
    if (record.type.includes('text/css')) {
      record.children = [];
      for (const u of cssSubresources(body.toString('utf8'))) {
        const child = await loadAsset(new URL(u, url).href, path);
        record.children.push(child.url);
      }
    }
    return record;
  }

  async function page(key, label, path, cookie, check) {
    const url = baseUrl + path;
    const headers = cookie ? { Cookie: cookie } : {};
    const { res, body } = await get(url, headers);
    const html = body.toString('utf8');
    if (res.status !== 200)
      throw new Error(`${label}: GET ${path} → HTTP ${res.status}${res.headers.get('location') ? ' → ' + res.headers.get('location') : ''}`);
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) throw new Error(`${label}: GET ${path} is not HTML`);
    if (!check(html)) throw new Error(`${label}: GET ${path} does not look like the ${label} page`);
    const assetUrls = [...new Set(subresources(html).map((u) => new URL(u, url).href))];
    const assets = [];
    const visit = async (u) => {
      const a = await loadAsset(u, path);
      if (!assets.includes(a)) assets.push(a);
      for (const c of a.children ?? []) await visit(c);
    };
    for (const u of assetUrls) await visit(u);
    // What a boosted (htmx) navigation to this page moves: <title> + #main only.
    const partial = await get(url, { ...headers, 'HX-Request': 'true' });
    return {
      key,
      label,
      path,
      body: html,
      html: { ...sizes(body), contentEncoding: res.headers.get('content-encoding') },
      assets,
      partial: partial.res.status === 200 ? sizes(partial.body) : null,
    };
  }

  // 1. The login page, as an anonymous visitor sees it.
  const login = await page('login', 'login', `${TENANT}/login`, null, (h) => /name="password"/.test(h));

  // 2. Sign in as the demo deputy.
  const session = await signIn(baseUrl, TENANT, DEPUTY.username);

  // 3. The deputy's list (their home) and the submit form.
  const list = await page('list', 'list (我的建议)', `${TENANT}/`, session, (h) => h.includes('我的建议') && h.includes('class="list"'));
  const submit = await page(
    'submit',
    'submit (提出建议)',
    `${TENANT}/suggestions/new`,
    session,
    (h) => /<form[^>]+method="post"/i.test(h) && h.includes('name="title"'),
  );

  // 4. A published reply (公开), as anyone reads it without login (the demo seed publishes 2026-0001).
  const publicReply = await page(
    'public',
    'public reply (公开)',
    `${TENANT}/public/${PUBLIC_DEMO_ID}`,
    null,
    (h) => h.includes('答复内容') && !/<script/i.test(h),
  );

  // Not referenced, but every browser asks for it on a first visit.
  const favicon = await get(`${baseUrl}/favicon.ico`);

  // 5. The rest of the deputy's path (issue #8): 我的建议 by its own address, a
  // suggestion's page with its rating form (2026-0003 waits for daibiao's
  // rating), 待我评价, and the form under this month's 座谈议题 (seeded).
  const mine = await page('mine', 'my suggestions (我的建议)', `${TENANT}/suggestions`, session, (h) => h.includes('我的建议'));
  const detail = await page(
    'detail',
    'detail + rating form (建议详情/评价)',
    `${TENANT}/suggestions/${RATE_DEMO_ID}`,
    session,
    (h) => h.includes('办理过程') && h.includes('name="attitude"'),
  );
  const toRate = await page('to-rate', 'to rate (待我评价)', `${TENANT}/to-rate`, session, (h) => h.includes('待我评价'));
  const forum = await page(
    'forum',
    'forum submit (座谈议题)',
    `${TENANT}/suggestions/new?forum=${FORUM_DEMO_ID}`,
    session,
    (h) => h.includes('name="title"') && h.includes('座谈议题'),
  );

  const pages = [login, list, submit, publicReply, mine, detail, toRate, forum];
  for (const p of pages) {
    if (p.html.contentEncoding) fail(`${p.path}: served with Content-Encoding ${p.html.contentEncoding}; sizes assume an uncompressed origin`);
  }
  const budgets = [];
  for (const p of pages) {
    const first = p.html.gzip + p.assets.reduce((n, a) => n + a.gzip, 0);
    const firstBr = p.html.brotli + p.assets.reduce((n, a) => n + a.brotli, 0);
    budgets.push({
      kind: 'first visit',
      page: p.label,
      note: `HTML + ${p.assets.length} assets`,
      gzip: first,
      brotli: firstBr,
      limit: BUDGET.firstVisit,
      ok: first <= BUDGET.firstVisit,
    });
  }
  for (const p of pages) {
    // A repeat visit transfers only what is not immutable-cached.
    const uncached = p.assets.filter((a) => !a.immutable);
    const repeat = p.html.gzip + uncached.reduce((n, a) => n + a.gzip, 0);
    const repeatBr = p.html.brotli + uncached.reduce((n, a) => n + a.brotli, 0);
    const note = uncached.length ? `HTML + ${uncached.length} uncached assets` : 'HTML only';
    budgets.push({
      kind: 'repeat visit',
      page: p.label,
      note,
      gzip: repeat,
      brotli: repeatBr,
      limit: BUDGET.repeatVisit,
      ok: repeat <= BUDGET.repeatVisit,
    });
  }
  return {
    pages,
    favicon: {
      status: favicon.res.status,
      type: favicon.res.headers.get('content-type') ?? '',
      cacheControl: favicon.res.headers.get('cache-control') ?? '',
      ...sizes(favicon.body),
    },
    budgets,
    failures,
  };
}

// ---- output ----------------------------------------------------------------

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
const width = (s) => [...String(s)].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const padw = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(s)));

function rows(result) {
  const out = [];
  const seen = new Set();
  for (const p of result.pages) {
    out.push({ ...p.html, name: `${p.label} HTML  ${p.path}` });
    for (const a of p.assets) {
      if (seen.has(a.url)) continue;
      seen.add(a.url);
      out.push({ ...a, name: `  asset ${a.name}` });
    }
  }
  return out;
}

function printText(result) {
  const r = rows(result);
  const w = Math.max(...r.map((x) => width(x.name)), 20) + 2;
  const line = (name, raw, gz, br) => `${padw(name, w)}${pad(raw, 10, true)}${pad(gz, 10, true)}${pad(br, 10, true)}`;
  console.log('\nPage weight — response bodies only (headers not counted); gzip -9 and brotli q11 via node:zlib');
  console.log(line('page / asset', 'raw B', 'gzip B', 'brotli B'));
  console.log('-'.repeat(w + 30));
  for (const x of r) console.log(line(x.name, x.raw, x.gzip, x.brotli));

  console.log('\nAsset caching (repeat visits rely on this):');
  const assets = [...new Map(result.pages.flatMap((p) => p.assets).map((a) => [a.url, a])).values()];
  for (const a of assets) {
    console.log(
      `  ${a.immutable ? 'ok  ' : 'FAIL'} ${a.name}  Cache-Control: ${a.cacheControl || '(none)'}${a.hashMatchesBody ? '  (URL hash = sha256 of body)' : a.hashedUrl ? '  (URL hash does not match body sha256)' : '  (no hash in URL)'}`,
    );
  }

  console.log('\nBoosted navigation (htmx, HX-Request: true → <title> + #main only), for information:');
  for (const p of result.pages) {
    if (p.partial)
      console.log(
        `  ${padw(p.label, 20)} ${pad(p.partial.raw, 6, true)} raw  ${pad(p.partial.gzip, 6, true)} gzip  ${pad(p.partial.brotli, 6, true)} brotli`,
      );
  }
  const f = result.favicon;
  console.log(
    `\n/favicon.ico (not referenced; browsers request it anyway, not in the budget): HTTP ${f.status} ${f.type}, ${f.raw} raw / ${f.gzip} gzip${f.cacheControl ? `, Cache-Control: ${f.cacheControl}` : ', no Cache-Control'}`,
  );

  console.log('\nBudget (gzip; brotli shown for reference):');
  for (const b of result.budgets) {
    console.log(
      `  ${b.ok ? 'PASS' : 'FAIL'}  ${padw(b.kind, 13)} ${padw(b.page, 20)} ${pad(kb(b.gzip), 9, true)} gzip ≤ ${kb(b.limit)}   (${kb(b.brotli)} brotli; ${b.note})`,
    );
  }
  for (const msg of result.failures) console.log(`  FAIL  ${msg}`);
}

function printMarkdown(result) {
  console.log('\n| Page / asset | Raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|');
  for (const x of rows(result)) console.log(`| ${x.name.trim().replace(/\s+/g, ' ')} | ${x.raw} | ${x.gzip} | ${x.brotli} |`);
  console.log('\n| Budget | Page | gzip | brotli | Limit | Result |\n|---|---|---:|---:|---:|---|');
  for (const b of result.budgets)
    console.log(`| ${b.kind} | ${b.page} | ${kb(b.gzip)} | ${kb(b.brotli)} | ${kb(b.limit)} | ${b.ok ? 'PASS' : 'FAIL'} |`);
}

export async function run({ markdown = false } = {}) {
  const result = await withLocalServer(measure);
  printText(result);
  if (markdown) printMarkdown(result);
  const outDir = join(root, 'bench/out');
  mkdirSync(outDir, { recursive: true });
  // The measured documents, to look at what makes them heavy.
  for (const p of result.pages) writeFileSync(join(outDir, `page-weight.${p.key}.html`), p.body);
  const pages = result.pages.map(({ body, ...p }) => p);
  writeFileSync(
    join(outDir, 'page-weight.json'),
    JSON.stringify({ date: new Date().toISOString(), budget: BUDGET, ...result, pages }, null, 2) + '\n',
  );
  const ok = result.budgets.every((b) => b.ok) && result.failures.length === 0;
  console.log(`\npage-weight: ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run({ markdown: process.argv.includes('--markdown') }).then(
    (ok) => process.exit(ok ? 0 : 1),
    (err) => {
      console.error(`page-weight: ERROR ${err?.stack ?? err}`);
      process.exit(1);
    },
  );
}

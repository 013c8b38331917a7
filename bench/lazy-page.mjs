// Bytes the element page (<article-explorer>, index.html) fetches from navigation to ready,
// over a lazy hosted dist (`cargo xtask dist --hosted --lazy`, dist-lazy/), in headless
// Chromium with a fresh context per load (no cache) and the service worker off (its install
// would precache in the background: that is the offline feature's cost, not the page's).
//
//   node bench/lazy-page.mjs DIST_DIR [loads]
//   e.g. after `ARTICLES_DIR=/work/corpora/10000 cargo xtask dist --hosted --lazy`:
//        node bench/lazy-page.mjs dist-lazy 3
//
// Serves DIST_DIR itself over loopback (no compression: files as they are), and reports per
// load, at two moments: "ready" (the element's `explorer-ready` event: the engine open and
// its catalog loaded) and "start page" (its first list drawn, `explorer-search`): requests,
// bytes received, the same bytes gzip-compressed (what a server compressing them would
// send), and the index files by kind (r root, s section, a row chunk, d shard, p pack) with
// the names of the sections. Then it opens the start page's "mehr anzeigen" once, the first
// article, selects the facet list's first name as a filter (until the URL names it) and clears
// it, opens the most mentioned name's view, and reports what each fetched.
// Prints one JSON object per load. Nothing here judges a figure.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';

const dir = resolve(process.argv[2] ?? 'dist-lazy');
const loads = Number(process.argv[3] ?? 3);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(dir, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/`;

const kib = (n) => Math.round((n / 1024) * 10) / 10;

/** Requests, bytes and index files of `responses` (each { path, bytes, gzip }). */
function sum(responses) {
  const index = {};
  for (const r of responses) {
    const m = /^\/index\/([a-z])-/.exec(r.path);
    const kind = m ? m[1] : r.path.startsWith('/index/') ? 'ROOT' : r.path.startsWith('/text/') ? 'text' : 'page';
    index[kind] ??= { files: 0, kib: 0 };
    index[kind].files += 1;
    index[kind].kib = kib(index[kind].kib * 1024 + r.bytes);
  }
  return {
    requests: responses.length,
    kib: kib(responses.reduce((n, r) => n + r.bytes, 0)),
    gzipKib: kib(responses.reduce((n, r) => n + r.gzip, 0)),
    indexGzipKib: kib(responses.filter((r) => r.path.startsWith('/index/')).reduce((n, r) => n + r.gzip, 0)),
    byKind: index,
    sections: responses.filter((r) => r.path.startsWith('/index/s-')).map((r) => `${r.path.slice(7)} ${kib(r.bytes)} KiB`),
  };
}

const browser = await launchChromium();
try {
  for (let i = 0; i < loads; i++) {
    const { context, page, problems } = await openPage(browser, { timeout: 600_000 });
    await context.route('**/sw-register.js', (r) => r.fulfill({ contentType: 'text/javascript', body: '' }));
    // One entry per request, in the order they were made (so that "by the event" is the
    // requests made before it, whatever order their bodies arrive in); bytes once received.
    /** @type {Array<{ path: string, bytes: number, gzip: number }>} */
    const responses = [];
    /** @type {Map<import('playwright-core').Request, { path: string, bytes: number, gzip: number }>} */
    const byRequest = new Map();
    const pending = [];
    page.on('request', (req) => {
      const entry = { path: new URL(req.url()).pathname, bytes: 0, gzip: 0 };
      byRequest.set(req, entry);
      responses.push(entry);
    });
    page.on('response', (res) => {
      const entry = byRequest.get(res.request());
      pending.push(
        res.body().then(
          (body) => {
            if (entry) Object.assign(entry, { bytes: body.length, gzip: gzipSync(body).length });
          },
          () => {},
        ),
      );
    });
    const settle = async () => {
      await page.waitForTimeout(300);
      await Promise.all(pending);
      return responses.length;
    };
    await page.addInitScript(() => {
      document.addEventListener('explorer-ready', () => { window.__ready = performance.now(); }, true);
      document.addEventListener('explorer-search', () => { window.__firstList ??= performance.now(); }, true);
    });
    // Up to the event: the requests the page had made by then (their bodies in full).
    await page.goto(base);
    await page.waitForFunction(() => window.__ready, null, { polling: 20 });
    const atReady = responses.length;
    await page.waitForFunction(() => window.__firstList, null, { polling: 20 });
    await page.locator('article-explorer .collection-list > li').first().waitFor();
    const atList = await settle();
    const times = await page.evaluate(() => ({ readyMs: Math.round(window.__ready), firstListMs: Math.round(window.__firstList) }));
    const host = page.locator('article-explorer');
    // A step the page does not offer (a collection of one page has no "mehr anzeigen") is null.
    const step = async (what, act) => {
      const from = responses.length;
      if ((await act()) === false) return [what, null];
      const to = await settle();
      return [what, sum(responses.slice(from, to))];
    };
    const after = Object.fromEntries([
      await step('more', async () => {
        const rows = await host.locator('.collection-list > li').count();
        if ((await host.locator('button.more-items').count()) === 0) return false;
        await host.locator('button.more-items').first().click();
        await page.waitForFunction((n) => document.querySelector('article-explorer').shadowRoot.querySelectorAll('.collection-list > li').length > n, rows);
      }),
      await step('article', async () => {
        await host.locator('.collection-list a.item-link').first().click();
        await host.locator('article.reader .reader-body').waitFor();
      }),
      await step('facet', async () => {
        // The facet list's first name as a filter: its search, and its reference for the URL.
        const box = host.locator('li.facet input').first();
        const id = ((await box.getAttribute('id')) ?? '').replace('f-', '');
        await box.check();
        await host.locator(`.active-filters button[data-id="${id}"]`).waitFor();
        // Its reference as the engine gives it (the files the page fetches for it, each once).
        const ref = await page.evaluate(async (id) => {
          const ex = await document.querySelector('article-explorer').asyncExplorer;
          await ex.fetchForEntityRefs([id]);
          return ex.entityRef(id);
        }, Number(id));
        await page.waitForFunction((ref) => new URLSearchParams(location.hash.slice(1)).getAll('e').includes(ref), ref);
        await host.locator(`.active-filters button[data-action="remove-entity"][data-id="${id}"]`).click();
        await host.locator(`.active-filters button[data-id="${id}"]`).waitFor({ state: 'detached' });
      }),
      await step('entity', async () => {
        await host.locator('.top-entities a.chip').first().click();
        await host.locator('.entity-view').waitFor();
        await page.waitForTimeout(500);
      }),
    ]);
    await Promise.all(pending);
    const ready = sum(responses.slice(0, atReady));
    const start = sum(responses.slice(0, atList));
    console.log(JSON.stringify({ load: i + 1, ...times, ready, startPage: start, after, problems }));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

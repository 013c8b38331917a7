// The worker-backed explorer (`createExplorer({ worker: true })`): in each delivery (dist/
// over http, the one-script embed on a host page elsewhere, the single file from file://) the
// element's queries are answered by a Web Worker and the page itself never instantiates the
// engine; the worker's answers equal the synchronous API's, errors keep their code, and an
// answer for a query typed over is not drawn.
//
//   EXPLORER_DIST=$PWD/dist EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/worker.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium, openPage } from './browser.mjs';

const BASE = process.env.EXPLORER_URL;
const DIST = process.env.EXPLORER_DIST;
if (!BASE || !DIST) throw new Error('EXPLORER_URL and EXPLORER_DIST must be set (see README.md, "Tests").');
const STEP_MS = 10_000;

/** @type {import('playwright-core').Browser} */
let browser;
let folder = '';
before(async () => {
  browser = await launchChromium();
  folder = mkdtempSync(join(tmpdir(), 'explorer-worker-'));
});
after(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/**
 * Counts the engines the page's main thread instantiates (`window.__instances`), before any
 * script of the page runs. A worker's instantiations are not seen: it has its own globals.
 */
const COUNT_INSTANCES = `(() => {
  window.__instances = 0;
  const W = WebAssembly;
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const f = W[name];
    W[name] = function (...args) { window.__instances += 1; return f.apply(this, args); };
  }
  const I = W.Instance;
  W.Instance = new Proxy(I, { construct(t, args) { window.__instances += 1; return new t(...args); } });
})();`;

/** A page with the instance counter, no service worker (it would fetch the .wasm too). */
async function freshPage() {
  const { context, page, problems } = await openPage(browser, { timeout: STEP_MS });
  await page.addInitScript(COUNT_INSTANCES);
  /** @type {string[]} */
  const wasmRequests = [];
  context.on('request', (r) => {
    if (r.url().endsWith('.wasm') && !r.serviceWorker()) wasmRequests.push(r.url());
  });
  await context.route('**/sw-register.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  return { context, page, problems, wasmRequests };
}

/** Waits until the element is ready, types `word` and waits for its list. */
async function queryThroughUi(page, word) {
  const el = page.locator('article-explorer').first();
  await page.waitForFunction(() => document.querySelector('article-explorer')?.getAttribute('state') === 'ready');
  await el.locator('#q').click();
  await page.keyboard.type(word, { delay: 20 });
  await el.locator(`#list-view[data-query=${JSON.stringify(word)}]`).waitFor({ state: 'attached' });
  return page.evaluate(async () => {
    const ex = await document.querySelector('article-explorer').asyncExplorer;
    return { inWorker: ex.inWorker, instances: window.__instances, hits: document.querySelector('article-explorer').shadowRoot.querySelectorAll('ol.hits > li').length };
  });
}

/** The first word of an article title (taken from the index, not from the samples). */
async function someWord(page) {
  return page.evaluate(async () => {
    const ex = await document.querySelector('article-explorer').asyncExplorer;
    for (const a of await ex.articles()) {
      for (const w of a.title.split(/[^\p{L}]+/u)) {
        if (w.length >= 5 && (await ex.search(w, { limit: 1 })).total > 0) return w;
      }
    }
    return null;
  });
}

test('over http the page asks a worker: one .wasm fetch, no engine on the main thread', { timeout: 60_000 }, async () => {
  const { context, page, problems, wasmRequests } = await freshPage();
  try {
    await page.goto(BASE);
    await page.waitForFunction(() => document.querySelector('article-explorer')?.getAttribute('state') === 'ready');
    const word = await someWord(page);
    assert.ok(word, 'some title word finds an article');
    const seen = await queryThroughUi(page, word);
    assert.equal(seen.inWorker, true, 'a worker serves the element');
    assert.ok(seen.hits > 0, 'the list shows hits');
    assert.equal(seen.instances, 0, 'the main thread instantiated no engine');
    assert.equal(wasmRequests.length, 1, `the .wasm is fetched once: ${wasmRequests.join(', ')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the embed (one script tag on a host page in another folder) asks its bundled worker', { timeout: 60_000 }, async () => {
  const { context, page, problems, wasmRequests } = await freshPage();
  const host = new URL('host/embed.html', BASE).href;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="../article-explorer.js"></script><article-explorer></article-explorer>',
    }),
  );
  /** @type {string[]} */
  const scripts = [];
  context.on('request', (r) => {
    if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
  });
  try {
    await page.goto(host);
    await page.waitForFunction(() => document.querySelector('article-explorer')?.getAttribute('state') === 'ready');
    const word = await someWord(page);
    const seen = await queryThroughUi(page, /** @type {string} */ (word));
    assert.equal(seen.inWorker, true);
    assert.equal(seen.instances, 0);
    assert.equal(wasmRequests.length, 1);
    assert.ok(scripts.some((p) => p.endsWith('/article-explorer-worker.js')), `the bundled worker is used: ${scripts.join(', ')}`);
    assert.ok(!scripts.some((p) => p.includes('/runtime/')), 'no unbundled module is fetched');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the single file from file:// runs its worker from the inlined source', { timeout: 60_000 }, async () => {
  const copy = join(folder, 'explorer.html');
  copyFileSync(join(DIST, 'explorer.html'), copy);
  const { context, page, problems } = await freshPage();
  try {
    await page.goto(pathToFileURL(copy).href);
    await page.waitForFunction(() => document.querySelector('article-explorer')?.getAttribute('state') === 'ready');
    const word = await someWord(page);
    const seen = await queryThroughUi(page, /** @type {string} */ (word));
    assert.equal(seen.inWorker, true, 'Chromium lets the file:// page start a Blob URL worker');
    assert.equal(seen.instances, 0);
    assert.ok(seen.hits > 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the worker's answers equal the synchronous API's, and an error keeps its code", { timeout: 60_000 }, async () => {
  const { context, page, problems } = await openPage(browser, { timeout: STEP_MS });
  const blank = new URL('worker-test.html', BASE).href;
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' }));
  try {
    await page.goto(blank);
    const r = await page.evaluate(async () => {
      const { createExplorer } = await import(new URL('explorer.js', location.href).href);
      const sync = await createExplorer();
      const ex = await createExplorer({ worker: true });
      const words = sync.articles().flatMap((a) => a.title.split(/[^\p{L}]+/u).filter((w) => w.length >= 4)).slice(0, 8);
      const queries = [...words, words[0]?.slice(0, 3) ?? '', `"${words.slice(0, 2).join(' ')}"`, `${words[1] ?? ''} -${words[2] ?? ''}`];
      const same = [];
      for (const q of queries) same.push([q, JSON.stringify(await ex.search(q, { limit: 10 })) === JSON.stringify(sync.search(q, { limit: 10 }))]);
      const first = sync.articles()[0].id;
      same.push(['article', JSON.stringify(await ex.article(first, { query: words[0] })) === JSON.stringify(sync.article(first, { query: words[0] }))]);
      same.push(['overview', JSON.stringify(await ex.overview({ sort: 'newest' })) === JSON.stringify(sync.overview({ sort: 'newest' }))]);
      same.push(['entities', JSON.stringify(await ex.entities()) === JSON.stringify(sync.entities())]);
      const named = [...(await ex.entitiesNamed('a'))];
      same.push(['entitiesNamed', JSON.stringify(named) === JSON.stringify([...sync.entitiesNamed('a')])]);
      /** @param {() => unknown} f */
      const caught = async (f) => {
        try {
          await f();
          return null;
        } catch (e) {
          return { name: e.name, code: e.code, message: e.message, isError: e instanceof Error };
        }
      };
      const errors = {
        sync: await caught(() => sync.search('x', { limit: -1 })),
        worker: await caught(() => ex.search('x', { limit: -1 })),
        syncArticle: await caught(() => sync.article(0xfffffff0)),
        workerArticle: await caught(() => ex.article(0xfffffff0)),
        clone: await caught(() => ex.search('x', { limit: () => 1 })),
      };
      const each = await ex.each('entityRef', sync.entities().slice(0, 3).map((e) => [e.id]));
      const refs = sync.entities().slice(0, 3).map((e) => sync.entityRef(e.id));
      ex.close();
      const closed = await caught(() => ex.search('x'));
      return { inWorker: ex.inWorker, same, errors, each: JSON.stringify(each) === JSON.stringify(refs), closed };
    });
    assert.equal(r.inWorker, true);
    for (const [what, equal] of r.same) assert.ok(equal, `${what}: the worker answers as the synchronous API does`);
    assert.ok(r.errors.sync, 'the bad option fails');
    assert.deepEqual(r.errors.worker, r.errors.sync, 'same name, code and message across the worker');
    assert.equal(r.errors.worker.code, 'argument');
    assert.deepEqual(r.errors.workerArticle, r.errors.syncArticle);
    assert.equal(r.errors.clone?.code, 'argument', 'an argument that cannot cross is an argument error');
    assert.ok(r.each, 'each() answers as one call per argument list');
    assert.equal(r.closed?.code, 'call');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an answer for a query typed over is not drawn', { timeout: 60_000 }, async () => {
  const { context, page, problems } = await freshPage();
  try {
    await page.goto(BASE);
    await page.waitForFunction(() => document.querySelector('article-explorer')?.getAttribute('state') === 'ready');
    const first = await someWord(page);
    const second = await page.evaluate(async (first) => {
      const el = document.querySelector('article-explorer');
      const ex = await el.asyncExplorer;
      // A word whose hits differ from the first's.
      const firstIds = (await ex.search(first, { limit: 50 })).hits.map((h) => h.id).join();
      let second = null;
      for (const a of await ex.articles()) {
        for (const w of a.title.split(/[^\p{L}]+/u)) {
          if (w.length < 5 || second) continue;
          const r = await ex.search(w, { limit: 50 });
          if (r.total > 0 && r.hits.map((h) => h.id).join() !== firstIds) second = w;
        }
      }
      // The first word's answer comes late (after the second's): it must not be drawn.
      const search = ex.search.bind(ex);
      ex.search = (q, o) => search(q, o).then((r) => (q === first ? new Promise((ok) => setTimeout(() => ok(r), 600)) : r));
      window.__drawn = [];
      el.addEventListener('explorer-search', (e) => window.__drawn.push(e.detail.query));
      return second;
    }, first);
    assert.ok(second, 'two words with different hits');
    const el = page.locator('article-explorer').first();
    await el.locator('#q').fill(first);
    await el.locator('#q').press('Enter');
    await page.waitForTimeout(50);
    await el.locator('#q').fill(second);
    await el.locator('#q').press('Enter');
    await page.waitForTimeout(1_200); // the late answer has arrived by now
    const seen = await page.evaluate(() => ({
      drawn: window.__drawn,
      query: document.querySelector('article-explorer').shadowRoot.querySelector('#list-view').dataset.query,
    }));
    assert.deepEqual(seen.drawn, [second], 'only the newer answer was drawn');
    assert.equal(seen.query, second);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

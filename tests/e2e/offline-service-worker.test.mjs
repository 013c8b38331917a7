// The served dist/ after a first visit: its service worker (dist/sw.js, written by
// `cargo xtask dist`) has every file, so the explorer starts and searches with the network off.
//
// Run: EXPLORER_DIST=$PWD/dist EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/offline-service-worker.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

import { BASE, DIST, launch, openPage, collection, chooseQuery, search, marksWord, searchBox } from './offline-support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Waits until a service worker controls the page and returns its script URL. */
async function controller(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
}

test('the served explorer keeps working offline after a first visit', { timeout: 60_000 }, async () => {
  const ex = await collection();
  const word = chooseQuery(ex);
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(BASE);
    await searchBox(page).waitFor();
    assert.equal(await controller(page), new URL('sw.js', BASE).href);

    await context.setOffline(true);
    const responses = [];
    page.on('response', (res) => responses.push(res));
    await page.reload();
    const marks = await search(page, word);
    assert.ok(marksWord(marks, word), `the hits mark "${word}", marks: ${JSON.stringify(marks)}`);

    const served = responses.filter((r) => r.url().startsWith(BASE));
    assert.ok(
      served.some((r) => r.url().endsWith('.wasm')),
      `the wasm was loaded again: ${served.map((r) => r.url()).join(', ')}`,
    );
    const fromNetwork = served.filter((r) => !r.fromServiceWorker()).map((r) => r.url());
    assert.deepEqual(fromNetwork, [], 'every file came from the service worker');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the service worker caches one build under a versioned name and nothing of other builds', { timeout: 40_000 }, async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(BASE);
    await controller(page);
    const state = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys[0]);
      const urls = (await cache.keys()).map((r) => new URL(r.url).pathname);
      const sw = await (await fetch('./sw.js', { cache: 'no-store' })).text();
      return { keys, urls, version: /const VERSION = '([0-9a-f]+)'/.exec(sw)?.[1] ?? null };
    });
    assert.ok(state.version, 'sw.js names its version');
    assert.deepEqual(state.keys, [`article-explorer-${state.version}`]);
    const root = new URL(BASE).pathname;
    for (const file of ['', 'index.html', 'pkg/article_explorer_bg.wasm']) {
      assert.ok(state.urls.includes(root + file), `${root + file} is cached: ${state.urls.join(', ')}`);
    }
    assert.ok(!state.urls.includes(`${root}explorer.html`), 'the single file (a download) is not cached');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** A static server on 127.0.0.1 for a folder of our own, which the test may then "rebuild". */
async function serveFolder(folder) {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(join(folder, path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

test('after a rebuild an open page switches to the new build and the old cache is gone', { timeout: 60_000 }, async () => {
  const ex = await collection();
  const word = chooseQuery(ex);
  const folder = mkdtempSync(join(tmpdir(), 'explorer-rebuild-'));
  cpSync(DIST, folder, { recursive: true });
  const { server, url } = await serveFolder(folder);
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(url);
    await controller(page);
    const [before] = await page.evaluate(() => caches.keys());

    // What `cargo xtask dist` does when a file changes: new files, a new version in sw.js.
    const index = readFileSync(join(folder, 'index.html'), 'utf8');
    writeFileSync(join(folder, 'index.html'), index.replace(/<head>/i, '<head><meta name="explorer-build" content="2">'));
    const worker = readFileSync(join(folder, 'sw.js'), 'utf8');
    const version = before.endsWith('0000000000000000') ? '1111111111111111' : '0000000000000000';
    writeFileSync(join(folder, 'sw.js'), worker.replace(/const VERSION = '[0-9a-f]+'/, `const VERSION = '${version}'`));

    // The page comes from the old build's cache; its worker finds the new one, which takes
    // over, and the page reloads itself into the new build.
    await page.reload();
    await page.locator('meta[name="explorer-build"]').waitFor({ state: 'attached', timeout: 20_000 });
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`article-explorer-${version}`]);
    const marks = await search(page, word);
    assert.ok(marksWord(marks, word), `the new build searches: ${JSON.stringify(marks)}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

// Browser end-to-end tests of lazy hosted mode: `cargo xtask dist --hosted --lazy`
// (dist-lazy/), where the .wasm embeds no index: the page reads index/ROOT, the root file and
// the sections it lists, and per query the dictionary shards and postings packs the engine
// names (docs/HOSTED.md); the texts are gzip chunks in text/ as in hosted mode.
//
// `cargo xtask test` builds it with files of about 1 KiB (ARTICLES_LAZY_FILE=1024,
// ARTICLES_TEXT_CHUNK=1024: several shards and packs over the seeds), serves it and sets
// EXPLORER_LAZY_URL and EXPLORER_LAZY_DIST. By hand:
//   ARTICLES_TEXT_CHUNK=1024 ARTICLES_LAZY_FILE=1024 cargo xtask serve --hosted --lazy --port 8125 &
//   EXPLORER_LAZY_URL=http://127.0.0.1:8125/ EXPLORER_LAZY_DIST=$PWD/dist-lazy \
//     node --test tests/e2e/hosted-lazy.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage as openBrowserPage } from './browser.mjs';

const BASE = process.env.EXPLORER_LAZY_URL;
const DIST = process.env.EXPLORER_LAZY_DIST;
if (!BASE || !DIST) {
  throw new Error(
    'EXPLORER_LAZY_URL and EXPLORER_LAZY_DIST are not set: serve dist-lazy/ ' +
      '(`cargo xtask serve --hosted --lazy`) and set them (see the top of this file).',
  );
}

/** A word of the seed articles, found in some of them but not all. */
const WORD = 'Gipfeltreffen';
const STEP_MS = 8_000;

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/**
 * A fresh page that records problems (browser.mjs) and every index file it fetches.
 * @returns {Promise<{ context: any, page: import('playwright-core').Page, problems: string[], files: string[] }>}
 */
async function openPage() {
  const opened = await openBrowserPage(browser, { timeout: STEP_MS });
  /** @type {string[]} */
  const files = [];
  opened.page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/index/')) files.push(path.slice('/index/'.length));
  });
  return { ...opened, files };
}

/** The index files of the build (every kind, by its first letter). */
const indexFiles = (kind) => readdirSync(join(DIST, 'index')).filter((f) => f.startsWith(`${kind}-`));

async function ready(page) {
  await page.goto(BASE);
  await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
  await page.locator('.collection-list > li').first().waitFor();
}

async function typeQuery(page, text) {
  await page.locator('#q').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 20 });
  await page.locator(`#list-view[data-query=${JSON.stringify(text.trim())}]`).waitFor({ state: 'attached' });
}

const statusText = async (page) => ((await page.locator('#status').textContent()) ?? '').trim();

test('a lazy page is ready with its root and sections, then a query fetches only some dictionary files and shows hits with snippets', { timeout: 30_000 }, async () => {
  const { context, page, problems, files } = await openPage();
  try {
    await ready(page);
    const shards = indexFiles('d');
    const packs = indexFiles('p');
    assert.ok(shards.length > 1 && packs.length > 1, 'the test build has several shards and packs');
    assert.ok(files.includes('ROOT') && files.some((f) => f.startsWith('r-')), 'the root first');
    assert.deepEqual(files.filter((f) => /^[dp]-/.test(f)), [], 'no dictionary file is fetched to be ready');
    assert.equal(await page.evaluate(async () => (await document.querySelector('article-explorer').asyncExplorer).lazy), true);

    const atReady = files.length;
    await typeQuery(page, WORD);
    const hits = page.locator('ol.hits > li.hit');
    await hits.first().waitFor();
    await page.locator('.snippet[data-pending]').first().waitFor({ state: 'detached' });
    const shown = await hits.evaluateAll((lis) =>
      lis.map((li) => ({ snippet: li.querySelector('.snippet')?.textContent ?? '', marks: li.querySelectorAll('.snippet mark').length })),
    );
    assert.ok(shown.length >= 1);
    for (const hit of shown) assert.ok(hit.snippet.length > 20 && hit.marks >= 1, 'a snippet that marks the word');
    const fetched = files.slice(atReady);
    const shardsRead = fetched.filter((f) => f.startsWith('d-'));
    const packsRead = fetched.filter((f) => f.startsWith('p-'));
    assert.ok(shardsRead.length >= 1 && packsRead.length >= 1, `the word's shard and pack: ${fetched}`);
    assert.ok(shardsRead.length + packsRead.length < shards.length + packs.length, 'not every dictionary file');
    assert.equal(new Set(fetched).size, fetched.length, 'each file once');
    // The page shows the API's answer, which now answers at once from what was fetched (the
    // element's own explorer, in its worker: the one that fetched them).
    const total = await page.evaluate(async (w) => (await (await document.querySelector('article-explorer').asyncExplorer).search(w)).total, WORD);
    assert.ok((await statusText(page)).startsWith(`${total} Artikel`), await statusText(page));
    assert.equal(files.length, atReady + fetched.length, 'and fetches nothing more for it');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a lazy page an entity view opens, a typo is corrected and a facet narrows the results', { timeout: 40_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    const chip = page.locator('.top-entities a.chip').first();
    await chip.waitFor();
    await chip.click();
    await page.locator('.entity-view .kwic-line').first().waitFor();

    await typeQuery(page, 'Wladiwostock');
    await page.locator('.notices .notice').first().waitFor();
    const notice = (await page.locator('.notices .notice').first().textContent()) ?? '';
    assert.match(notice, /Wladiwostok/i, `the correction is shown: ${notice}`);
    assert.ok((await page.locator('ol.hits > li.hit').count()) >= 1);

    await typeQuery(page, WORD);
    await page.locator('ol.hits > li.hit').first().waitFor();
    const facets = await page.locator('li.facet').evaluateAll((lis) =>
      lis.map((li) => ({
        id: Number((li.querySelector('input')?.id ?? '').replace('f-', '')),
        count: Number((li.querySelector('.facet-count')?.textContent ?? '').replace(/\./g, '')),
      })),
    );
    const before = Number(/^(\d+)/.exec(await statusText(page))?.[1] ?? 0);
    const pick = facets.find((f) => f.count < before) ?? facets[0];
    assert.ok(pick, 'the results have facets');
    await page.locator(`#f-${pick.id}`).check();
    await page.locator(`.active-filters button[data-id="${pick.id}"]`).waitFor();
    await page.locator('#status', { hasText: new RegExp(`^${pick.count} Artikel`) }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a missing index file is an error in the page that names the file', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await context.route('**/index/d-*', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await ready(page);
    await typeQuery(page, WORD);
    await page.locator('#status', { hasText: 'fehlgeschlagen' }).waitFor();
    const status = await statusText(page);
    assert.match(status, /index file d-[0-9a-f]+\.bin/, status);
    assert.match(status, /HTTP 404/, status);
    assert.equal(await page.locator('ol.hits > li.hit').count(), 0, 'no answer guessed');
    const expected = (p) => /HTTP 404: .*\/index\/d-/.test(p) || /console error: Failed to load resource: .*404/.test(p);
    assert.ok(problems.every(expected), problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('a damaged index file is refused, naming it, and nothing is answered from it', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    const shards = indexFiles('d').sort();
    // Every shard is served as the bytes of the first: right length for one, wrong hash for all others.
    await context.route('**/index/d-*', (route) => route.fulfill({ path: join(DIST, 'index', shards[0]), contentType: 'application/octet-stream' }));
    await ready(page);
    const result = await page.evaluate(async (w) => {
      const ex = await document.querySelector('article-explorer').explorer;
      const out = {};
      try {
        await ex.fetchFor(w);
      } catch (e) {
        out.fetch = { code: e.code, message: e.message };
      }
      try {
        ex.search(w);
      } catch (e) {
        out.search = { code: e.code, message: e.message };
      }
      return out;
    }, WORD);
    assert.equal(result.fetch?.code, 'index');
    assert.match(result.fetch?.message ?? '', /d-[0-9a-f]+\.bin: damaged/);
    assert.equal(result.search?.code, 'index', 'search says what it lacks');
    assert.match(result.search?.message ?? '', /not loaded: d-[0-9a-f]+\.bin/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('with the network cut, a query whose files were not read says so and one read before still answers', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    await typeQuery(page, WORD);
    await page.locator('ol.hits > li.hit').first().waitFor();
    const total = await statusText(page);
    await context.setOffline(true);
    await typeQuery(page, 'Wladiwostok');
    await page.locator('#status', { hasText: 'fehlgeschlagen' }).waitFor();
    assert.match(await statusText(page), /Could not fetch the index file [dp]-[0-9a-f]+\.bin/);
    await typeQuery(page, WORD);
    await page.locator('ol.hits > li.hit').first().waitFor();
    assert.equal(await statusText(page), total, 'what was read answers offline');
    const expected = (p) => /request failed: .*\/index\//.test(p) || /console error: Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED)/.test(p);
    assert.ok(problems.every(expected), problems.join('\n'));
  } finally {
    await context.setOffline(false);
    await context.close();
  }
});

test('the service worker keeps the index files a query read, so it answers offline after a reload; an unread one says so', { timeout: 40_000 }, async () => {
  const { context, page, problems, files } = await openPage();
  try {
    await ready(page);
    // The worker takes over this page (it claims its clients once installed).
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 20_000 });
    await typeQuery(page, WORD);
    await page.locator('ol.hits > li.hit').first().waitFor();
    await page.locator('.snippet[data-pending]').first().waitFor({ state: 'detached' });
    const online = await statusText(page);
    const read = files.filter((f) => /^[dp]-/.test(f));
    assert.ok(read.length >= 2, 'the query read dictionary files');

    await context.setOffline(true);
    await page.reload();
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await typeQuery(page, WORD);
    await page.locator('ol.hits > li.hit').first().waitFor();
    await page.locator('.snippet[data-pending]').first().waitFor({ state: 'detached' });
    assert.equal(await statusText(page), online, 'the same answer, offline, from the kept files');
    assert.equal(await page.locator('.snippet.failed').count(), 0, 'with its snippets');

    await typeQuery(page, 'Wladiwostok');
    await page.locator('#status', { hasText: 'fehlgeschlagen' }).waitFor();
    assert.match(await statusText(page), /Could not fetch the index file [dp]-[0-9a-f]+\.bin/);
    const expected = (p) => /request failed: .*\/index\//.test(p) || /Failed to load resource|ERR_INTERNET_DISCONNECTED|FetchEvent/.test(p);
    assert.ok(problems.every(expected), problems.join('\n'));
  } finally {
    await context.setOffline(false);
    await context.close();
  }
});

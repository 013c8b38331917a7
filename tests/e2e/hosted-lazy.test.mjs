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
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage as openBrowserPage, untilKept } from './browser.mjs';

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
    // Not the service worker's registration asking again what the explorer fetched before
    // the worker took over (sw-register.js marks those), so that each file counts once.
    if (path.startsWith('/index/') && !req.headers()['x-explorer-keep']) files.push(path.slice('/index/'.length));
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
    await page.locator('li.facet').first().waitFor(); // counted after the hits are drawn
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
    await page.locator('li.facet').first().waitFor(); // counted after the hits are drawn
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

/**
 * The file of a whole section of the build, as its root lists it (the section's tag, then
 * the FNV-1a 64 hash that names its file, little-endian: docs/HOSTED.md); checked to exist.
 * @param {string} tag `HEAD` or `MENT`
 */
function sectionFile(tag) {
  const root = indexFiles('r')[0];
  const bytes = readFileSync(join(DIST, 'index', root));
  const at = bytes.indexOf(Buffer.from(tag, 'ascii'));
  assert.ok(at >= 0, `the root lists ${tag}`);
  const name = `s-${bytes.readBigUInt64LE(at + 4).toString(16).padStart(16, '0')}.bin`;
  assert.ok(existsSync(join(DIST, 'index', name)), `${tag}'s file ${name} is in the build`);
  return name;
}

test('a lazy explorer is ready without the whole article tables, and an article and an entity view fetch their rows in rounds', { timeout: 30_000 }, async () => {
  const { context, page, problems, files } = await openPage();
  try {
    const whole = [sectionFile('HEAD'), sectionFile('MENT')];
    // A blank page of the dist's origin: only the API, so that what it fetched to be ready is all there is.
    const url = new URL('rounds-test.html', BASE).href;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test</title>' }));
    await page.goto(url);
    const r = await page.evaluate(async (base) => {
      const { createExplorer } = await import(new URL('explorer.js', base).href);
      const ex = await createExplorer();
      const atReady = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/index/')).map((p) => p.slice(7));
      /** @param {() => unknown} call */
      const code = (call) => {
        try {
          call();
          return 'answered';
        } catch (e) {
          return `${e.code}: ${e.message}`;
        }
      };
      // Every entity's record is a file of its own, fetched in the list's rounds.
      const listed = { before: code(() => ex.entities()), load: await ex.fetchForEntities() };
      const entity = ex.entities()[0];
      const before = { article: code(() => ex.article(0)), entity: code(() => ex.entity(entity.id)) };
      // The entity view first: it reads the heads of its page and no mentions (the counts are
      // the entity's own), so the article's rounds still have its mentions to fetch.
      const loads = { entity: await ex.fetchForEntity(entity.id), article: await ex.fetchForArticle(0) };
      await ex.loadText([0]);
      const article = ex.article(0);
      const view = ex.entity(entity.id);
      const overview = await ex.fetchForOverview({ offset: 1, limit: 2 });
      return { atReady, listed, before, loads, title: article.title, paragraphs: article.paragraphs.length, viewArticles: view.articles.length, overview, page: ex.overview({ offset: 1, limit: 2 }).articles.length };
    }, BASE);
    assert.deepEqual(r.atReady.filter((f) => whole.includes(f) || /^[dpa]-/.test(f)), [], `ready with the root and the sections only: ${r.atReady}`);
    assert.match(r.listed.before, /^index: .*not loaded: [as]-[0-9a-f]+\.bin/, 'entities() before its rounds names the file it lacks');
    assert.ok(r.listed.load.files >= 1, JSON.stringify(r.listed));
    assert.match(r.before.article, /^index: .*not loaded: [as]-[0-9a-f]+\.bin/, 'article() before its rounds names the file it lacks');
    assert.match(r.before.entity, /^index: .*not loaded: [as]-[0-9a-f]+\.bin/, 'so does entity()');
    assert.ok(r.loads.article.files >= 1 && r.loads.entity.rounds >= 1, JSON.stringify(r.loads));
    assert.ok(r.title.length > 0 && r.paragraphs > 0 && r.viewArticles > 0, JSON.stringify(r));
    assert.equal(r.page, 2, 'a page of the overview after its rounds');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a lazy explorer the exports, a timeline without demonyms and related articles answer after their rounds, and name a file before', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    const url = new URL('rounds-test.html', BASE).href;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test</title>' }));
    await page.goto(url);
    const r = await page.evaluate(async (base) => {
      const { createExplorer } = await import(new URL('explorer.js', base).href);
      const ex = await createExplorer();
      /** @param {() => unknown} call */
      const code = (call) => {
        try {
          call();
          return 'answered';
        } catch (e) {
          return e.code;
        }
      };
      await ex.fetchForEntities();
      const id = ex.entities()[0].id;
      const plain = { demonyms: false };
      const before = {
        results: code(() => ex.exportResults('', {}, 'csv')),
        entities: code(() => ex.exportEntities('', {}, 'json')),
        timeline: code(() => ex.timeline(id, plain)),
        entity: code(() => ex.entity(id, plain)),
        related: code(() => ex.related(0)),
      };
      await ex.fetchForExport('results', '', {});
      await ex.fetchForExport('entities', '', {});
      await ex.fetchForTimeline(id, plain);
      await ex.fetchForEntity(id, plain);
      await ex.fetchForRelated(0);
      await ex.fetchForOverview({ limit: 0 });
      const csv = ex.exportResults('', {}, 'csv');
      return {
        before,
        rows: csv.trim().split('\n').length - 1,
        total: ex.overview({ limit: 0 }).total,
        entities: JSON.parse(ex.exportEntities('', {}, 'json')).entities.length > 0,
        months: Array.isArray(ex.timeline(id, plain).months),
        view: Array.isArray(ex.entity(id, plain).timeline),
        related: Array.isArray(ex.related(0).hits),
      };
    }, BASE);
    assert.deepEqual(r.before, { results: 'index', entities: 'index', timeline: 'index', entity: 'index', related: 'index' }, 'each names what it lacks');
    assert.equal(r.rows, r.total, 'every article exported');
    assert.ok(r.entities && r.months && r.view && r.related, JSON.stringify(r));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a lazy page the start page, an article, an entity view and a search are drawn from what their rounds fetched', { timeout: 40_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    const first = page.locator('.collection-list a.item-link').first();
    const title = ((await first.textContent()) ?? '').trim();
    await first.click();
    await page.locator('article.reader .reader-body').waitFor();
    assert.equal(((await page.locator('article.reader .reader-title').textContent()) ?? '').trim(), title, 'the article opens');
    await page.locator('.top-entities a.chip').first().click();
    await page.locator('.entity-view .kwic-line').first().waitFor();
    await typeQuery(page, WORD);
    await page.locator('ol.hits > li.hit').first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link to an article opens it on a lazy page before any list named it, and the ready event counts every article', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.addInitScript(() => {
      document.addEventListener('explorer-ready', (e) => { window.__readyDetail = /** @type {CustomEvent} */ (e).detail; }, true);
    });
    await page.goto(new URL('#a=1', BASE).href);
    await page.locator('article.reader .reader-body').waitFor();
    const title = ((await page.locator('article.reader .reader-title').textContent()) ?? '').trim();
    const r = await page.evaluate(async () => {
      const ex = await document.querySelector('article-explorer').asyncExplorer;
      await ex.fetchForArticle(1);
      return { title: (await ex.article(1)).title, total: (await ex.overview({ limit: 0 })).total, ready: window.__readyDetail };
    });
    assert.equal(title, r.title, 'the article the link names');
    assert.equal(r.ready.articles, r.total, 'every article counted, none listed');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('"mehr anzeigen" on a lazy start page asks the engine for the next page, in its order', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    const r = await page.evaluate(async (base) => {
      const { catalogOf } = await import(new URL('ui/catalog.js', base).href);
      const { drawInPieces } = await import(new URL('ui/pieces.js', base).href);
      const { strings } = await import(new URL('i18n.js', base).href);
      const ex = await document.querySelector('article-explorer').asyncExplorer;
      const catalog = await catalogOf(ex);
      const start = await catalog.overview('newest', true);
      const list = Object.assign(document.createElement('ul'), { id: 'paged' });
      const row = (/** @type {any} */ a) => Object.assign(document.createElement('li'), { textContent: String(a.id) });
      // Two rows drawn, two more per press, the rest asked of the engine as the start page asks.
      const more = drawInPieces(list, start.articles.slice(0, 2), row, {
        t: strings('de'), key: 'more:paged', first: 2, step: 2, total: start.total,
        fetch: (/** @type {number} */ offset, /** @type {number} */ limit) => catalog.overviewPage('newest', true, offset, limit),
      });
      document.body.append(list);
      if (more) document.body.append(more);
      return { total: start.total, order: start.articles.map((/** @type {any} */ a) => String(a.id)), button: more !== null };
    }, BASE);
    assert.ok(r.total > 2 && r.button, `more articles than two, and the button: ${JSON.stringify(r)}`);
    await page.locator('body > button.more-items').click();
    await page.waitForFunction(() => document.querySelectorAll('#paged > li').length > 2);
    const shown = await page.locator('#paged > li').allTextContents();
    assert.deepEqual(shown, r.order.slice(0, Math.min(4, r.total)), 'the next page, in the engine\'s order');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a lazy page a star is kept by the collection\'s id, asked only when a star is set, and shown again after a reload', { timeout: 40_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    const first = page.locator('.collection-list a.item-link').first();
    await first.click();
    await page.locator('article.reader .reader-body').waitFor();
    const toggle = page.locator('article.reader .star-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'no stars kept: unpressed, the id not asked');
    await toggle.click();
    await page.locator('article.reader .star-toggle[aria-pressed="true"]').waitFor();
    const id = await page.evaluate(async () => (await document.querySelector('article-explorer').asyncExplorer).collectionId());
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('article-explorer:stars:')));
    assert.deepEqual(kept, [`article-explorer:stars:${id}`], 'kept under the collection\'s id');
    await page.reload();
    await page.locator('article.reader .star-toggle[aria-pressed="true"]').waitFor();
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
    // What the page read before the worker ran it, and what its Web Worker (started before
    // the service worker existed) read, is asked again through the service worker: offline
    // only once that has ended.
    await untilKept(page);

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

test('"mehr anzeigen" in a lazy entity view asks the engine for the next page of its articles, in its order', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    const r = await page.evaluate(async (base) => {
      const { catalogOf } = await import(new URL('ui/catalog.js', base).href);
      const { renderEntity } = await import(new URL('ui/entity.js', base).href);
      const { strings } = await import(new URL('i18n.js', base).href);
      const ex = await document.querySelector('article-explorer').asyncExplorer;
      const catalog = await catalogOf(ex);
      const id = (await ex.entities())[0].id;
      const request = { query: '', entities: [id] };
      // The first page of two, after its rounds, as the view asks for its first page.
      const first = { ...request, limit: 2 };
      await ex.fetchForEntity(id, first);
      const view = await ex.entity(id, first);
      await ex.fetchForEntity(id, request);
      const whole = (await ex.entity(id, request)).articles.map((/** @type {any} */ a) => String(a.id));
      const ctx = { t: strings('de'), catalog, state: { entities: [] }, href: (/** @type {any} */ p) => `#a=${p.article}` };
      const more = (/** @type {number} */ offset, /** @type {number} */ limit) => catalog.entityPage(id, request, offset, limit);
      document.body.append(renderEntity(ctx, view, null, null, more).element);
      return { total: view.articlesTotal, page: view.articles.length, whole };
    }, BASE);
    assert.ok(r.total > 2 && r.page === 2, `a first page of two of more: ${JSON.stringify(r)}`);
    assert.equal(r.whole.length, r.total, 'articlesTotal counts every article of the whole view');
    const rows = page.locator('#entity-articles > li');
    assert.equal(await rows.count(), 2);
    await page.locator('button.more-items[data-key="more:entity-articles"]').click();
    await page.waitForFunction((n) => document.querySelectorAll('#entity-articles > li').length === n, r.total);
    const shown = await rows.evaluateAll((lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.id));
    assert.deepEqual(shown, r.whole, 'the next pages, in the engine\'s order, none twice');
    assert.equal(await page.locator('button.more-items[data-key="more:entity-articles"]').count(), 0, 'no button once all are in');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// Browser end-to-end tests of hosted mode: `cargo xtask dist --hosted` (dist-hosted/), where
// the .wasm holds no article text and the texts are gzip chunks in text/, fetched on demand.
//
// `cargo xtask test` builds it with chunks of about 1 KiB of text (each seed article a chunk of
// its own), serves it and sets EXPLORER_HOSTED_URL and EXPLORER_HOSTED_DIST. By hand:
//   ARTICLES_TEXT_CHUNK=1024 cargo xtask serve --hosted --port 8124 &
//   EXPLORER_HOSTED_URL=http://127.0.0.1:8124/ EXPLORER_HOSTED_DIST=$PWD/dist-hosted \
//     node --test tests/e2e/hosted.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage as openBrowserPage } from './browser.mjs';

const BASE = process.env.EXPLORER_HOSTED_URL;
const DIST = process.env.EXPLORER_HOSTED_DIST;
if (!BASE || !DIST) {
  throw new Error(
    'EXPLORER_HOSTED_URL and EXPLORER_HOSTED_DIST are not set: serve dist-hosted/ ' +
      '(`cargo xtask serve --hosted`) and set them (see the top of this file).',
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
 * A fresh page that records problems (browser.mjs) and every text chunk it fetches.
 * @returns {Promise<{ context: any, page: import('playwright-core').Page, problems: string[], chunks: string[] }>}
 */
async function openPage() {
  const opened = await openBrowserPage(browser, { timeout: STEP_MS });
  /** @type {string[]} */
  const chunks = [];
  opened.page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/text/')) chunks.push(path.slice('/text/'.length));
  });
  return { ...opened, chunks };
}

/** The chunk files of the build. */
const chunkFiles = () => readdirSync(join(DIST, 'text')).filter((f) => f.endsWith('.gz'));

/**
 * The chunk files that hold the texts of `ids`, asked of a fresh instance of the module (the
 * wasm's own table; nothing is loaded there).
 * @param {import('playwright-core').Page} page
 * @param {number[]} ids
 */
function chunksOf(page, ids) {
  return page.evaluate(async (ids) => {
    const glue = await import('./pkg/article_explorer.js');
    await glue.default();
    const fresh = new glue.Explorer();
    const files = fresh.missingTexts(Uint32Array.from(ids)).map((m) => m.file);
    fresh.free();
    return files.sort();
  }, ids);
}

async function typeQuery(page, text) {
  await page.locator('#q').click();
  await page.keyboard.type(text, { delay: 20 });
  await page.locator(`#list-view[data-query=${JSON.stringify(text.trim())}]`).waitFor({ state: 'attached' });
}

test('a hosted page is ready without fetching any text, shows hits at once and fills in their snippets from only their chunks', { timeout: 30_000 }, async () => {
  const { context, page, problems, chunks } = await openPage();
  try {
    await page.goto(BASE);
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await page.locator('.collection-list > li').first().waitFor();
    assert.deepEqual(chunks, [], 'no text is fetched to be ready');
    const all = chunkFiles();
    assert.ok(all.length > 1, 'the test build has several chunks');

    await typeQuery(page, WORD);
    const hits = page.locator('ol.hits > li.hit');
    assert.ok((await hits.count()) >= 1);
    // Every snippet arrives, marked; no placeholder stays behind.
    await page.locator('.snippet[data-pending]').first().waitFor({ state: 'detached' });
    const shown = await hits.evaluateAll((lis) =>
      lis.map((li) => ({
        id: Number(li.dataset.id),
        snippet: li.querySelector('.snippet')?.textContent ?? '',
        marks: li.querySelectorAll('.snippet mark').length,
        failed: li.querySelector('.snippet.failed') !== null,
      })),
    );
    for (const hit of shown) {
      assert.ok(hit.snippet.length > 20 && !hit.failed, `hit ${hit.id} has its snippet`);
      assert.ok(hit.marks >= 1, `hit ${hit.id}'s snippet marks the word`);
    }
    const ids = shown.map((h) => h.id);
    const wanted = await chunksOf(page, ids);
    assert.deepEqual([...chunks].sort(), wanted, 'exactly the chunks of the hits shown, each once');
    assert.ok(chunks.length < all.length, 'not every chunk');

    // The reader opens a shown hit from its loaded text: no new fetch.
    const before = chunks.length;
    await hits.first().locator('a.item-link').click();
    const reader = page.locator('article.reader:not([aria-busy])');
    await reader.locator('.reader-body .para').first().waitFor();
    assert.ok((await reader.locator('.reader-body mark').count()) >= 1, 'the reader marks the word');
    assert.equal(chunks.length, before);

    // An article whose text is not loaded yet: a loading view, then the text, one chunk more.
    const other = await page.evaluate(async (ids) => {
      const ex = await document.querySelector('article-explorer').explorer;
      return ex.articles().map((a) => a.id).find((id) => !ids.includes(id) && !ex.textLoaded(id)) ?? null;
    }, ids);
    if (other !== null) {
      await page.evaluate((id) => {
        location.hash = `#a=${id}`;
      }, other);
      await page.locator(`article.reader[data-id="${other}"]:not([aria-busy]) .reader-body .para`).first().waitFor();
      assert.deepEqual(chunks.slice(before), await chunksOf(page, [other]));
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the entity view of a hosted page fills in its mentions in context', { timeout: 20_000 }, async () => {
  const { context, page, problems, chunks } = await openPage();
  try {
    await page.goto(BASE);
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    const chip = page.locator('.top-entities a.chip').first();
    await chip.waitFor();
    await chip.click();
    await page.locator('.entity-view .kwic-line').first().waitFor();
    await page.locator('.entity-view .text-loading').waitFor({ state: 'detached' });
    assert.ok(chunks.length >= 1, 'its lines needed texts');
    assert.equal(new Set(chunks).size, chunks.length, 'each chunk once');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the JS API loads texts on demand, once per chunk, and names a chunk it cannot use', { timeout: 20_000 }, async () => {
  const { context, page, problems, chunks } = await openPage();
  try {
    // Chunk 0 is served as another chunk's bytes: valid gzip, wrong text.
    const files = chunkFiles().sort();
    await page.route(`**/text/${files[0]}`, (route) => route.fulfill({ path: join(DIST, 'text', files[1]), contentType: 'application/gzip' }));
    await page.goto(BASE);
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    const result = await page.evaluate(async () => {
      const ex = await document.querySelector('article-explorer').explorer;
      const ids = ex.articles().map((a) => a.id);
      const out = { hosted: ex.hosted, pendingBefore: ex.search('Gipfeltreffen').hits.every((h) => h.snippet.pending) };
      try {
        ex.article(ids[1]);
      } catch (e) {
        out.articleError = { code: e.code, message: e.message };
      }
      const [a, b] = await Promise.all([ex.loadText([ids[1]]), ex.loadText([ids[1], ids[2]])]);
      out.fetched = a.chunks + b.chunks;
      out.loaded = ex.textLoaded(ids[1]) && ex.textLoaded(ids[2]);
      out.paragraphs = ex.article(ids[1]).paragraphs.length;
      try {
        await ex.loadText([ids[0]]);
      } catch (e) {
        out.chunkError = { code: e.code, message: e.message };
      }
      out.firstLoaded = ex.textLoaded(ids[0]);
      return out;
    });
    assert.equal(result.hosted, true);
    assert.equal(result.pendingBefore, true, 'hits come at once, snippets pending');
    assert.equal(result.articleError?.code, 'text');
    assert.match(result.articleError?.message ?? '', /loadText/);
    assert.equal(result.fetched, 2, 'two chunks, each fetched once by the concurrent calls');
    assert.equal(result.loaded, true);
    assert.ok(result.paragraphs >= 1);
    assert.equal(result.chunkError?.code, 'text');
    assert.ok(result.chunkError.message.includes(files[0]), result.chunkError.message);
    assert.equal(result.firstLoaded, false, 'a wrong chunk is not used');
    assert.equal(chunks.filter((c) => c === files[1]).length, 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a missing chunk shows as a message in the snippet and the reader, not a broken page', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.route('**/text/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(BASE);
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await typeQuery(page, WORD);
    await page.locator('.snippet.failed').first().waitFor();
    await page.locator('ol.hits > li.hit a.item-link').first().click();
    const error = page.locator('article.reader-error .reader-title');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /Der Text konnte nicht geladen werden: .*\.gz.*404/);
    // The only problems are the 404s themselves.
    assert.ok(problems.length > 0 && problems.every((p) => /404/.test(p)), problems.join('\n'));
  } finally {
    await context.close();
  }
});

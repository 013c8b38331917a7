// Browser end-to-end tests of the lazy hosted page's search in two steps (www/ui/effects.js
// `hitsFirst`, `fetchFacets`): the hits of a search are drawn once the files of its page of
// hits are in (`{ facets: false }`), and its facets when the rows of every match are; until
// then the facet area and the histogram (counted with them) say they are being counted, and
// if their files cannot be fetched they say so, the facet area naming the file, while the
// hits stay.
//
// Run by `cargo xtask test` with hosted-lazy.test.mjs (the same build and variables). By hand:
//   ARTICLES_TEXT_CHUNK=1024 ARTICLES_LAZY_FILE=1024 cargo xtask dist --hosted --lazy
//   cargo xtask serve --port 8931 --no-build --hosted --lazy &
//   EXPLORER_LAZY_URL=http://127.0.0.1:8931/ EXPLORER_LAZY_DIST=$PWD/dist-lazy \
//     node --test tests/e2e/hosted-lazy-facets.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPage } from './browser.mjs';

const BASE = process.env.EXPLORER_LAZY_URL;
if (!BASE || !process.env.EXPLORER_LAZY_DIST) {
  throw new Error('EXPLORER_LAZY_URL and EXPLORER_LAZY_DIST are not set: see the top of this file.');
}

/** A word of the seed articles, found in some of them but not all. */
const WORD = 'Gipfeltreffen';
/** The element's start page and list search (www/ui/catalog.js, www/ui/transitions.js). */
const START = { sort: 'relevance', demonyms: true, limit: 50 };
const LIST = { sort: 'relevance', demonyms: true, limit: 20 };

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/**
 * Through the JS API on a blank page of the dist's origin: the index files the facets of
 * WORD's list need beyond its start page and its page of hits, the facets' names and the
 * number of its dated articles (the histogram is counted with the facets).
 * @returns {Promise<{ facetFiles: string[], names: string[], dated: number }>}
 */
async function facetFilesOfTheList() {
  const { context, page } = await openPage(browser, { timeout: 8_000 });
  try {
    const url = new URL('facets-test.html', BASE).href;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test</title>' }));
    await page.goto(url);
    return await page.evaluate(
      async ([base, word, start, list]) => {
        const { createExplorer } = await import(new URL('explorer.js', base).href);
        const ex = await createExplorer();
        const loaded = () => new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/index/')).map((p) => p.slice(7)));
        await ex.fetchForOverview(start);
        await ex.fetchFor(word, { ...list, facets: false });
        const hits = ex.search(word, { ...list, facets: false });
        if (!hits.facetsPending || hits.facets.length > 0) throw new Error('asked without facets, it counted them');
        const before = loaded();
        await ex.fetchFor(word, list);
        const facetFiles = [...loaded()].filter((f) => !before.has(f));
        const whole = ex.search(word, list);
        const dated = whole.dates.reduce((n, d) => n + d.count, 0);
        return { facetFiles, names: whole.facets.map((f) => f.name), dated };
      },
      [BASE, WORD, START, LIST],
    );
  } finally {
    await context.close();
  }
}

/** The element page ready, then WORD typed; resolves when its hits are drawn. */
async function searchWord(page) {
  await page.goto(BASE);
  await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
  await page.locator('.collection-list > li').first().waitFor();
  await page.locator('#q').fill(WORD);
  await page.locator(`#list-view[data-query=${JSON.stringify(WORD)}]`).waitFor({ state: 'attached' });
  await page.locator('ol.hits > li.hit').first().waitFor();
}

test('a lazy page draws a search\'s hits before its facets are counted, says so, then draws the whole index\'s facets', { timeout: 40_000 }, async () => {
  const { facetFiles, names, dated } = await facetFilesOfTheList();
  assert.ok(facetFiles.length > 0, 'the facets of the list need files of their own (the rows of its matches)');
  assert.ok(names.length > 0, 'the word\'s articles mention names');
  assert.ok(dated > 0, 'and some of them are dated');
  const { context, page, problems } = await openPage(browser, { timeout: 8_000 });
  try {
    /** @type {() => void} */
    let release = () => {};
    const gate = new Promise((ok) => (release = () => ok(undefined)));
    await context.route('**/index/*', async (route) => {
      if (facetFiles.includes(new URL(route.request().url()).pathname.slice(7))) await gate;
      await route.continue();
    });
    await searchWord(page);
    const pending = page.locator('#facet-groups .facets-pending');
    await pending.waitFor();
    assert.match((await pending.textContent()) ?? '', /werden gezählt/);
    assert.equal(await page.locator('li.facet').count(), 0, 'no facet is guessed while they are counted');
    // The histogram is counted with them: until then it says so, and draws no bar.
    const datesPending = page.locator('.timeline-slot .dates-pending');
    assert.match((await datesPending.textContent()) ?? '', /Die Daten werden gezählt/);
    assert.equal(await page.locator('.timeline-slot .bar').count(), 0, 'no bar is guessed');
    release();
    await page.locator('li.facet').first().waitFor();
    assert.equal(await pending.count(), 0);
    await page.locator('.timeline-slot button.bar').first().waitFor();
    assert.equal(await datesPending.count(), 0);
    const bars = await page.locator('.timeline-slot button.bar').evaluateAll((b) => b.length);
    assert.ok(bars >= 1 && bars <= dated, `${bars} bars for ${dated} dated articles`);
    const shown = await page.locator('li.facet .facet-name').allTextContents();
    for (const name of shown) assert.ok(names.includes(name.trim()), `${name} is one of the engine's facets`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('when the files of a search\'s facets cannot be fetched, the facet area names the file and the hits stay', { timeout: 40_000 }, async () => {
  const { facetFiles } = await facetFilesOfTheList();
  const { context, page } = await openPage(browser, { timeout: 8_000 });
  try {
    await context.route('**/index/*', (route) =>
      facetFiles.includes(new URL(route.request().url()).pathname.slice(7)) ? route.fulfill({ status: 404, body: 'gone' }) : route.continue(),
    );
    await searchWord(page);
    const failed = page.locator('#facet-groups .facets-pending', { hasText: 'konnten nicht gezählt werden' });
    await failed.waitFor();
    assert.match((await failed.textContent()) ?? '', /[as]-[0-9a-f]+\.bin/, 'the file is named');
    await page.locator('.timeline-slot .dates-pending', { hasText: 'Die Daten konnten nicht gezählt werden' }).waitFor();
    assert.ok((await page.locator('ol.hits > li.hit').count()) >= 1, 'the hits stay');
  } finally {
    await context.close();
  }
});

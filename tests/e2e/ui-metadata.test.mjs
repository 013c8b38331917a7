// Metadata in the page (issue 16, item 4): over an explorer built from the folder of every
// input format (tests/fixtures/formats), hits and the reader show source, authors and
// language, the original URL is a link only when it is http(s), and the facets by source
// and author filter the list and live in the URL hash.
//
// `cargo xtask test` builds that explorer into target/dist-formats, serves it and sets
// EXPLORER_FORMATS_URL and EXPLORER_FORMATS_DIST. By hand:
//   ARTICLES_DIR=tests/fixtures/formats cargo xtask serve --port 8125 &
//   EXPLORER_FORMATS_URL=http://127.0.0.1:8125/ EXPLORER_FORMATS_DIST=$PWD/dist \
//     node --test tests/e2e/ui-metadata.test.mjs
// SCREENSHOT=path.png also saves a picture of the filtered list with the reader open.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPage as openBrowserPage } from './browser.mjs';

const BASE = process.env.EXPLORER_FORMATS_URL;
if (!BASE || !process.env.EXPLORER_FORMATS_DIST) {
  throw new Error(
    'EXPLORER_FORMATS_URL and EXPLORER_FORMATS_DIST are not set: serve an explorer built ' +
      'from tests/fixtures/formats and set them (see the top of this file).',
  );
}
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
 * A fresh page at `hash` with the explorer ready; `body(page, host)`; then nothing may have
 * gone wrong on the page.
 * @param {string} hash
 * @param {(page: import('playwright-core').Page, host: import('playwright-core').Locator) => Promise<void>} body
 */
async function onExplorer(hash, body) {
  const { context, page, problems } = await openBrowserPage(browser, { timeout: STEP_MS, width: 1280, height: 900 });
  try {
    await page.goto(new URL(hash, BASE).href);
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await body(page, page.locator('article-explorer'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** The number in the status line ("12 Artikel gefunden"), or 0. */
async function statusCount(host) {
  const text = (await host.locator('#status').textContent()) ?? '';
  const m = /^(\d[\d.]*) Artikel gefunden/.exec(text);
  return m ? Number(m[1].replace(/\./g, '')) : 0;
}

test('hits and the reader show the source, the authors, the language and the original as a safe link', { timeout: 30_000 }, () =>
  onExplorer('#q=Kaimauer', async (page, host) => {
    const hit = host.locator('ol.hits > li.hit').first();
    await hit.waitFor();
    assert.equal(await hit.locator('.meta .source').textContent(), 'Nordkurier Online');
    assert.match((await hit.locator('.meta .authors').textContent()) ?? '', /^von .*Malte Hinrichs/);
    assert.match((await hit.locator('.meta .language').textContent()) ?? '', /DE/);
    await hit.locator('a.item-link').click();
    const reader = host.locator('article.reader');
    await reader.locator('.reader-body').waitFor();
    assert.equal(await reader.locator('.meta .source').textContent(), 'Nordkurier Online');
    assert.match((await reader.locator('.meta .authors').textContent()) ?? '', /Malte Hinrichs/);
    const link = reader.locator('a.original');
    assert.equal(await link.count(), 1);
    assert.match((await link.getAttribute('href')) ?? '', /^https?:\/\//);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await link.getAttribute('target'), '_blank');
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT.replace(/\.png$/, '-reader.png') });
  }),
);

test('a javascript: URL never becomes a link, in the index or in the page', { timeout: 60_000 }, () =>
  onExplorer('', async (page, host) => {
    // The hostile page's og:url is javascript:…; only its https canonical link is kept.
    const articles = await page.evaluate(async () => {
      const ex = await /** @type {any} */ (document.querySelector('article-explorer')).explorer;
      return ex.articles().map((/** @type {any} */ a) => ({ id: a.id, file: a.file, url: a.url }));
    });
    for (const a of articles) if (a.url !== null) assert.match(a.url, /^https?:\/\//, a.file);
    const hostile = articles.find((/** @type {any} */ a) => a.file === 'feindselig.html');
    assert.ok(hostile, 'the hostile page is indexed');
    // Every article in the reader: every link in it goes to http(s) or to a state of the page.
    for (const a of articles) {
      await page.evaluate((id) => { location.hash = `a=${id}`; }, a.id);
      const reader = host.locator(`article.reader[data-id="${a.id}"]`);
      await reader.locator('.reader-body').waitFor();
      const hrefs = await reader.locator('a').evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
      for (const href of hrefs) assert.match(href, /^(https?:\/\/|#)/, `${a.file}: ${href}`);
      assert.equal(await reader.locator('[onerror], [onclick], [onload], script, iframe').count(), 0, a.file);
    }
    await page.evaluate((id) => { location.hash = `a=${id}`; }, hostile.id);
    assert.equal(
      await host.locator(`article.reader[data-id="${hostile.id}"] a.original`).getAttribute('href'),
      'https://www.stadtanzeiger.example/buergerhaushalt',
    );
    // And the page's own check, given what the index would never hold.
    const made = await page.evaluate(async () => {
      const { originalLink } = await import(new URL('./ui/reader.js', location.href).href);
      const { t } = await import(new URL('./i18n.js', location.href).href);
      return ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', 'https://ok.example/a'].map((u) => {
        const a = originalLink(t, u);
        return a ? a.getAttribute('href') : null;
      });
    });
    assert.deepEqual(made, [null, null, null, null, null, 'https://ok.example/a']);
  }),
);

test('a source facet filters the list, an author facet narrows it, and both live in the URL hash', { timeout: 30_000 }, () =>
  onExplorer('', async (page, host) => {
    const sources = host.locator('section.meta-group[data-meta="sources"]');
    await sources.waitFor();
    assert.match((await sources.locator('h3').textContent()) ?? '', /^Quelle/);
    assert.match((await host.locator('section.meta-group[data-meta="authors"] h3').textContent()) ?? '', /^Autor/);
    const value = sources.locator('li.meta-facet', { hasText: 'Landeszeitung – Politik' });
    const count = Number(await value.locator('.facet-count').textContent());
    assert.ok(count >= 2, `Landeszeitung has ${count} articles`);
    await value.locator('input[type=checkbox]').check();
    await host.locator('ol.hits > li.hit').first().waitFor();
    assert.equal(await statusCount(host), count, 'the facet count is the number of results');
    const shown = await host.locator('ol.hits > li.hit .meta .source').allTextContents();
    assert.deepEqual(new Set(shown), new Set(['Landeszeitung – Politik']));
    assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /src=Landeszeitung/);
    // An author of those results narrows them further.
    const author = host.locator('section.meta-group[data-meta="authors"] li.meta-facet', { hasText: 'Ali Kaya' });
    await author.locator('input[type=checkbox]').check();
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('au=Ali'));
    await host.locator('#status', { hasText: /^1 Artikel gefunden/ }).waitFor();
    // The chips above the list name the filters; the hash alone brings the view back.
    assert.equal(await host.locator('.active-filters button[data-action="remove-meta"]').count(), 2);
    const hash = await page.evaluate(() => location.hash);
    await page.reload();
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await host.locator('#status', { hasText: /^1 Artikel gefunden/ }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.ok(await host.locator('section.meta-group[data-meta="sources"] li.is-selected input').isChecked());
    if (process.env.SCREENSHOT) {
      await host.locator('ol.hits a.item-link').first().click();
      await host.locator('article.reader .reader-body').waitFor();
      await page.screenshot({ path: process.env.SCREENSHOT });
    }
    // Removing the source chip keeps the author filter.
    await host.locator('.active-filters button[data-action="remove-meta"][data-meta="sources"]').click();
    await page.waitForFunction(() => !decodeURIComponent(location.hash).includes('src='));
    assert.ok((await statusCount(host)) >= 1);
    const authors = await host.locator('ol.hits > li.hit .meta .authors').allTextContents();
    for (const a of authors) assert.match(a, /Ali Kaya/);
  }),
);

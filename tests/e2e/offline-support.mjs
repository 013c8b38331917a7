// Shared by the offline-*.test.mjs files: the browser, a page that records what went wrong, the
// collection as the JS API sees it (to choose a query and check the page against it), and
// steps through the page UI that hold for any version of it: the search box is the
// `<input type="search">`, hits are `<li>` of an `<ol>`, matches are `<mark>`; Playwright's CSS
// and text selectors pierce the element's open shadow root.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPage as openBrowserPage } from './browser.mjs';

export { launchChromium as launch } from './browser.mjs';

export const DIST = process.env.EXPLORER_DIST;
export const BASE = process.env.EXPLORER_URL;
if (!DIST || !BASE) {
  throw new Error(
    'EXPLORER_DIST and EXPLORER_URL must be set (`cargo xtask test` sets both). By hand: ' +
      '`cargo xtask serve --port 8123` and `EXPLORER_DIST=$PWD/dist EXPLORER_URL=http://127.0.0.1:8123/ ' +
      'node --test tests/e2e/offline-*.test.mjs`.',
  );
}

export const STEP_MS = 10_000;

/** Lower case without diacritics: how a match "folds to" the query word. */
export const fold = (s) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase('de-DE');

/**
 * A fresh context and page (browser.mjs) that record console errors (a
 * Content-Security-Policy violation is one), uncaught exceptions, failed requests, HTTP errors
 * and a crash. Routing and going offline are the caller's.
 * @param {import('playwright-core').Browser} browser
 */
export function openPage(browser) {
  return openBrowserPage(browser, { timeout: STEP_MS });
}

/**
 * The collection through the public JS API of the built dist/ (in node, wasm from the file):
 * the ground truth the page is checked against.
 */
export async function collection() {
  const api = await import(pathToFileURL(join(DIST, 'explorer.js')).href);
  const wasm = readFileSync(join(DIST, 'pkg', 'article_explorer_bg.wasm'));
  return api.createExplorer({ wasm });
}

/**
 * A word to search for: `Pjöngjang` when the collection has it (the seeds do), else the
 * first long word of a title that finds something.
 */
export function chooseQuery(ex) {
  if (ex.search('Pjöngjang', { limit: 1 }).total > 0) return 'Pjöngjang';
  for (const article of ex.articles()) {
    for (const word of article.title.split(/[^\p{L}]+/u)) {
      if (word.length >= 5 && ex.search(word, { limit: 1 }).total > 0) return word;
    }
  }
  throw new Error('no word of any title finds an article: is the collection empty?');
}

/** The search box, inside the element's shadow root or not. */
export const searchBox = (page) => page.locator('input[type="search"]').first();

/** The hits on the page: `<li>` of an `<ol>`. */
export const hitItems = (page) => page.locator('ol > li');

/**
 * Types like a person (so debouncing and stale answers are exercised) and waits until hits
 * mark the word; returns the texts of the hits' marks.
 */
export async function search(page, word) {
  const box = searchBox(page);
  await box.waitFor();
  await box.click();
  await box.fill('');
  await box.pressSequentially(word, { delay: 25 });
  const marked = hitItems(page).filter({ has: page.locator('mark') });
  await marked.first().waitFor();
  const marks = await marked.locator('mark').allTextContents();
  return marks;
}

/** Whether some mark is the word (or an inflection of it: `Pjöngjangs`). */
export const marksWord = (marks, word) => marks.some((m) => fold(m).startsWith(fold(word).slice(0, 5)));

/** The titles of the listed hits: the text of each hit's first link. */
export async function hitTitles(page) {
  return hitItems(page).evaluateAll((items) =>
    items.map((li) => li.querySelector('a')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
  );
}

/**
 * Waits until `condition()` is true, trying every 100 ms for `ms`; throws `message()` then.
 * @param {() => Promise<boolean>} condition
 */
export async function eventually(condition, message, ms = STEP_MS) {
  const until = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > until) throw new Error(typeof message === 'function' ? await message() : message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Quotation marks a label may put around a name („…“, “…”, "…", «…», ‚…‘). */
const QUOTES = '[\\u201E\\u201C\\u201D\\u0022\\u0027\\u00AB\\u00BB\\u201A\\u2018\\u2019]';

/**
 * Clicks the entity facet for `name`: the first checkbox, else button, else link whose
 * accessible name has that name as a whole word („Nach „Kim Jong Un“ filtern“) and that is
 * not inside the hit list. Returns false when the page has none.
 */
export async function clickFacet(page, name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // First the name quoted or alone („Kim“ must not pick „Kim Jong Un“), then as a whole word.
  const patterns = [
    // (Quotes as escapes: Playwright's selector parser stumbles over ' and " in a RegExp.)
    new RegExp(`(?:^\\s*|${QUOTES})${escaped}(?:\\s*$|${QUOTES})`, 'u'),
    new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u'),
  ];
  for (const pattern of patterns) {
    for (const role of /** @type {const} */ (['checkbox', 'button', 'link', 'option'])) {
      const candidates = page.getByRole(role, { name: pattern });
      const count = await candidates.count();
      for (let i = 0; i < count; i++) {
        const candidate = candidates.nth(i);
        const inList = await candidate.evaluate((el) => {
          for (let node = el; node; node = node.parentNode ?? (/** @type {any} */ (node).host ?? null)) {
            if (node.nodeName === 'OL') return true;
          }
          return false;
        });
        if (!inList && (await candidate.isVisible())) {
          await candidate.click();
          return true;
        }
      }
    }
  }
  return false;
}

/**
 * Opens the hit whose title link is `title` and waits until the page shows the article: the
 * whole text of its longest paragraph, which no snippet holds (snippets are cut passages).
 */
export async function openArticle(page, ex, title) {
  const article = ex.articles().find((a) => a.title.replace(/\s+/g, ' ').trim() === title);
  if (!article) throw new Error(`no article of the collection is titled "${title}"`);
  const full = ex.article(article.id);
  const longest = full.paragraphs
    .filter((p) => p.kind === 'paragraph')
    .reduce((a, b) => (b.text.length > a.text.length ? b : a), { text: '' });
  await hitItems(page).locator('a', { hasText: title }).first().click();
  if (longest.text) {
    await page.getByText(longest.text, { exact: false }).filter({ visible: true }).first().waitFor();
  }
  return full;
}

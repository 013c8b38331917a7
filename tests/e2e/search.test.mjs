// Browser end-to-end tests of the search page (www/ as built into dist/).
// The page is one <article-explorer history="hash">; its UI is in a shadow
// root, which Playwright's CSS locators pierce.
//
// Run against a served dist/:
//   EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/
// (`cargo xtask test` serves dist/ and sets EXPLORER_URL.)
//
// The tests assert properties that hold for any corpus containing the word
// below, not counts tied to the current seeds/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium, openPage as openBrowserPage } from './browser.mjs';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const BASE = process.env.EXPLORER_URL;
if (!BASE) {
  throw new Error(
    'EXPLORER_URL is not set. Serve dist/ (e.g. `cargo xtask serve --port 8123`) and run ' +
      '`EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/`.',
  );
}

/** A word that occurs in the seed articles, also inflected ("Pjöngjangs"). */
const WORD = 'Pjöngjang';
const NONSENSE = 'xqzvjwkq';
const STEP_MS = 8_000;

/** Lower case without diacritics: how a match "folds to" the query word. */
const fold = (s) =>
  s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase('de-DE');

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/**
 * A fresh page that records everything that went wrong (browser.mjs): console errors,
 * uncaught exceptions, failed requests, HTTP errors and a crash.
 * @param {{ colorScheme?: 'light'|'dark', width?: number }} [options]
 */
const openPage = (options) => openBrowserPage(browser, { ...options, timeout: STEP_MS });

/** Waits until the explorer has started and shows the whole collection. */
async function waitForEmptyState(page) {
  await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
  await page.locator('.collection-list > li').first().waitFor();
}

/** The focused element's id and list rank, looking into the shadow root. */
function deepFocus(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return { id: a?.id ?? '', rank: a?.closest('li')?.dataset.rank ?? null };
  });
}

/**
 * Types like a person (so debouncing and stale answers are exercised), then
 * waits until the list shows the answer for the whole text: the page marks
 * the query it shows with data-query, so the answer for a half-typed word is
 * never taken for it.
 */
async function typeQuery(page, text) {
  await page.locator('#q').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 25 });
  await page.locator(`#list-view[data-query=${JSON.stringify(text.trim())}]`).waitFor({ state: 'attached' });
}

/** Text of every <mark> inside `locator`. */
const markTexts = (locator) => locator.locator('mark').allTextContents();

/** Every hit: its title, the texts of its marks and its rank. */
async function readHits(page) {
  return page.locator('ol.hits > li').evaluateAll((items) =>
    items.map((li) => ({
      id: li.dataset.id,
      rank: Number(li.dataset.rank),
      title: li.querySelector('.hit-title')?.textContent ?? '',
      marks: [...li.querySelectorAll('.hit-title mark, .snippet mark')].map((m) => m.textContent ?? ''),
      hasDate: li.querySelector('.meta .date') !== null,
      file: li.querySelector('.meta .file')?.textContent ?? '',
    })),
  );
}

test('the start page lists every article before anyone types', { timeout: 15_000 }, async () => {
  const { context, page, problems } = await openPage({ width: 360 });
  try {
    await page.goto(BASE);
    await waitForEmptyState(page);

    const items = await page.locator('.collection-list > li').evaluateAll((lis) =>
      lis.map((li) => ({
        title: li.querySelector('.title')?.textContent?.trim() ?? '',
        derived: li.querySelector('.title')?.classList.contains('derived') ?? false,
        tooltip: li.querySelector('.title')?.getAttribute('title'),
        date: li.querySelector('.date')?.textContent?.trim() ?? '',
      })),
    );
    assert.ok(items.length >= 1, 'the collection is listed');
    for (const item of items) {
      assert.notEqual(item.title, '', 'every article has a title');
      assert.notEqual(item.date, '', 'every article shows a date or "ohne Datum"');
      if (item.derived) assert.equal(item.tooltip, 'Titel aus dem ersten Satz abgeleitet');
    }
    const heading = await page.locator('.collection > h2').textContent();
    assert.match(heading ?? '', /Artikel in der Sammlung$/);

    // Nothing runs off the side on a narrow phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than a 360px viewport`);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('typing a query lists ranked hits with marked matches and opens an article', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(BASE);
    await waitForEmptyState(page);

    // "/" jumps into the search box.
    await page.locator('body').press('/');
    assert.equal((await deepFocus(page)).id, 'q');

    await typeQuery(page, WORD);
    await page.locator('ol.hits > li').first().waitFor();

    const status = (await page.locator('#status').textContent()) ?? '';
    const match = /^(\d[\d.]*) Artikel gefunden/.exec(status);
    assert.ok(match, `the live region counts the hits in German, got "${status}"`);
    assert.equal(await page.locator('#status').getAttribute('aria-live'), 'polite');

    const hits = await readHits(page);
    assert.ok(hits.length >= 1, 'at least one hit');
    assert.ok(Number(match[1].replace(/\./g, '')) >= hits.length, 'the count covers the listed hits');
    hits.forEach((hit, i) => {
      assert.equal(hit.rank, i + 1, 'hits are listed in rank order');
      assert.notEqual(hit.title.trim(), '', 'every hit has a title');
      assert.ok(hit.hasDate, 'every hit shows a date or "ohne Datum"');
      assert.match(hit.file, /\S/, 'every hit names its file');
      assert.ok(
        hit.marks.some((m) => fold(m).startsWith(fold(WORD))),
        `hit ${hit.id} ("${hit.title}") marks the query word, marks: ${JSON.stringify(hit.marks)}`,
      );
    });

    // Open the best hit with the keyboard.
    const firstTitle = hits[0].title.trim();
    await page.locator('ol.hits > li').first().locator('a').focus();
    await page.keyboard.press('Enter');
    const reader = page.locator('article.reader');
    await reader.waitFor();
    assert.equal((await reader.locator('#reader-title').textContent())?.trim(), firstTitle);
    assert.ok((await reader.locator('.reader-body .para').count()) >= 1, 'the reader shows paragraphs');
    const readerMarks = await markTexts(reader);
    assert.ok(
      readerMarks.some((m) => fold(m).startsWith(fold(WORD))),
      `the reader marks the query word, marks: ${JSON.stringify(readerMarks)}`,
    );
    assert.match(page.url(), /[#&]a=\d+/, 'the open article is in the URL');
    // 1280px is wide: the list stays beside the reader (phones: see ui-keyboard).
    assert.equal(await page.locator('ol.hits').isVisible(), true, 'on a wide screen the list stays beside the reader');

    // Esc returns to the list, focus back on the hit that was opened.
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'detached' });
    await page.locator('ol.hits').waitFor();
    assert.equal(await page.locator('#q').inputValue(), WORD);
    assert.equal((await deepFocus(page)).rank, '1', 'focus returns to the opened hit');
    assert.doesNotMatch(page.url(), /[#&]a=/, 'the URL no longer names an article');

    // The back button works too.
    await page.locator('ol.hits > li').first().locator('a').click();
    await reader.waitFor();
    await reader.locator('button.back').click();
    await page.locator('ol.hits').waitFor();

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a word that occurs nowhere says "Keine Treffer" in German', { timeout: 15_000 }, async () => {
  const { context, page, problems } = await openPage({ colorScheme: 'dark' });
  try {
    await page.goto(BASE);
    await waitForEmptyState(page);
    await typeQuery(page, NONSENSE);
    assert.equal(await page.locator('#status').textContent(), `Keine Treffer für „${NONSENSE}“`);
    assert.equal(await page.locator('ol.hits > li').count(), 0);

    // Clearing the box brings the collection back.
    await typeQuery(page, '');
    await page.locator('.collection-list').waitFor();

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('reloading the page restores the query and the open article', { timeout: 15_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(BASE);
    await waitForEmptyState(page);
    await typeQuery(page, WORD);
    await page.locator('ol.hits > li').first().waitFor();
    await page.locator('ol.hits > li').first().locator('a').click();
    const title = (await page.locator('#reader-title').textContent())?.trim();

    await page.reload();
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await page.locator('article.reader').waitFor();
    assert.equal((await page.locator('#reader-title').textContent())?.trim(), title);
    assert.ok((await markTexts(page.locator('article.reader'))).length >= 1, 'matches are still marked');
    assert.equal(await page.locator('#q').inputValue(), WORD);

    // After a reload there is no history entry of ours to go back to: Esc still closes.
    await page.keyboard.press('Escape');
    await page.locator('ol.hits > li').first().waitFor();

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a missing WebAssembly file shows a German error instead of a blank page', { timeout: 15_000 }, async () => {
  const { context, page } = await openPage();
  try {
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(BASE);
    const alert = page.locator('[role="alert"]', { hasText: 'konnte nicht geladen werden' });
    await alert.waitFor();
    assert.equal(await page.locator('article-explorer').getAttribute('state'), 'error');
    assert.ok(await page.locator('#q').isDisabled(), 'the search box is disabled');
  } finally {
    await context.close();
  }
});

/**
 * Runs axe-core's WCAG 2.1 A/AA rules (contrast included) on the page as it is
 * and returns one line per violation.
 */
async function accessibilityViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`),
    }));
  });
  return violations.map((v) => `${v.id} (${v.help}): ${v.targets.join(' | ')}`);
}

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`the list and the reader pass the WCAG AA checks in the ${colorScheme} theme`, { timeout: 20_000 }, async () => {
    const { context, page, problems } = await openPage({ colorScheme, width: 375 });
    try {
      await page.goto(BASE);
      await waitForEmptyState(page);
      assert.deepEqual(await accessibilityViolations(page), [], 'start page');

      await typeQuery(page, WORD);
      await page.locator('ol.hits > li').first().waitFor();
      assert.deepEqual(await accessibilityViolations(page), [], 'hit list');

      await page.locator('ol.hits > li').first().locator('a').click();
      await page.locator('article.reader').waitFor();
      assert.deepEqual(await accessibilityViolations(page), [], 'reader');

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

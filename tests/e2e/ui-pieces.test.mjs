// Long lists are drawn in pieces: the start page of a collection of 10,000 articles draws a
// screenful of rows, not 10,000, and "mehr anzeigen" (a button, reached with Tab, pressed
// with Enter) adds the next ones with the focus on the first new row, until every article
// is in. The seeds hold a handful of articles, so the renderer of the served dist
// (`ui/results.js`, the one the element uses) draws a generated overview of 10,000 in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, BASE } from './ui-helpers.mjs';

useBrowser();

const ARTICLES = 10_000;

/**
 * A blank page of the served dist's origin (so that its modules import), with no explorer on it.
 * @param {import('playwright-core').Page} page
 */
async function blankPage(page) {
  const url = new URL('pieces-test.html', BASE).href;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="de"><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test</title><body></body></html>' }),
  );
  await page.goto(url);
}

test('the start page of 10,000 articles draws a screenful, and "mehr anzeigen" the next ones from the keyboard', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage({ width: 1280 });
  try {
    await blankPage(page);
    const drawn = await page.evaluate(
      async ({ base, n }) => {
        const { renderOverview } = await import(new URL('ui/results.js', base).href);
        const { FIRST_PIECE, NEXT_PIECE } = await import(new URL('ui/pieces.js', base).href);
        const { strings } = await import(new URL('i18n.js', base).href);
        const articles = Array.from({ length: n }, (_, i) => ({
          id: i,
          file: `artikel-${i}.txt`,
          title: `Artikel Nummer ${i}`,
          titleDerived: false,
          date: '2024-03',
          source: null,
          authors: [],
          url: null,
          language: null,
        }));
        const ctx = { t: strings('de'), catalog: { entities: [] }, state: {}, href: (/** @type {any} */ p) => `#a=${p.article}` };
        const start = performance.now();
        const section = renderOverview(ctx, { articles, facets: [], dates: [], undated: 0, first: '2024-03', last: '2024-03' });
        document.body.replaceChildren(section);
        const ms = performance.now() - start;
        return { rows: section.querySelectorAll('.collection-list > li').length, first: FIRST_PIECE, step: NEXT_PIECE, ms, heading: section.querySelector('h2')?.textContent };
      },
      { base: BASE, n: ARTICLES },
    );
    assert.ok(drawn.first < 200 && drawn.step <= 500, 'pieces are small enough to draw in one short task');
    assert.equal(drawn.rows, drawn.first, `a screenful of rows, not all ${ARTICLES}`);
    assert.match(drawn.heading ?? '', /10\.000 Artikel in der Sammlung/, 'the heading counts every article');

    const rows = page.locator('.collection-list > li');
    const more = page.locator('button.more-items');
    assert.match((await more.textContent()) ?? '', new RegExp(`${(ARTICLES - drawn.first).toLocaleString('de-DE').replace('.', '\\.')}`), 'the button says how many are left');

    // Tab from the last drawn row reaches the button; Enter adds the next piece and the
    // focus lands on its first row, so reading on continues there.
    await rows.last().locator('a').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('more-items')), true, 'Tab reaches "mehr anzeigen"');
    await page.keyboard.press('Enter');
    assert.equal(await rows.count(), drawn.first + drawn.step, 'Enter adds one piece');
    const focused = await page.evaluate(() => document.activeElement?.closest('li')?.querySelector('a')?.dataset.article);
    assert.equal(focused, String(drawn.first), 'the focus is on the first new row');
    const order = await rows.evaluateAll((lis) => lis.map((li) => Number(/** @type {HTMLElement} */ (li).dataset.id)));
    assert.deepEqual(order, order.map((_, i) => i), 'rows keep the given order, none twice');

    // Pressed until the end, every article is in and the button is gone.
    for (let k = 0; k < ARTICLES; k++) {
      if ((await more.count()) === 0) break;
      await more.click();
    }
    assert.equal(await rows.count(), ARTICLES, 'every article can be reached');
    assert.equal(await more.count(), 0, 'no button once all are drawn');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a list that fits in one piece has no "mehr anzeigen"', { timeout: 15_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await blankPage(page);
    const r = await page.evaluate(async (base) => {
      const { drawInPieces, FIRST_PIECE } = await import(new URL('ui/pieces.js', base).href);
      const { strings } = await import(new URL('i18n.js', base).href);
      const list = document.createElement('ul');
      const items = Array.from({ length: FIRST_PIECE }, (_, i) => i);
      const more = drawInPieces(list, items, (/** @type {number} */ i) => Object.assign(document.createElement('li'), { textContent: String(i) }), { t: strings('de'), key: 'k' });
      return { rows: list.children.length, more: more !== null, n: FIRST_PIECE };
    }, BASE);
    assert.equal(r.rows, r.n);
    assert.equal(r.more, false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an entity view of 10,000 articles draws its first page, and "mehr anzeigen" asks for the next page', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage({ width: 1280 });
  try {
    await blankPage(page);
    const drawn = await page.evaluate(
      async ({ base, n }) => {
        const { renderEntity } = await import(new URL('ui/entity.js', base).href);
        const { FIRST_PIECE, NEXT_PIECE } = await import(new URL('ui/pieces.js', base).href);
        const { strings } = await import(new URL('i18n.js', base).href);
        const summary = (/** @type {number} */ i) => ({
          id: i,
          file: `artikel-${i}.txt`,
          title: `Artikel Nummer ${i}`,
          titleDerived: false,
          date: '2024-03',
          source: null,
          authors: [],
          url: null,
          language: null,
        });
        const view = {
          id: 7, name: 'Kim Jong-un', kind: 'person', count: n, mentions: 2 * n, aliases: [], ref: 'Kim Jong-un',
          articles: Array.from({ length: FIRST_PIECE }, (_, i) => summary(i)),
          articlesTotal: n, inContext: [], cooccurring: [], spellings: [], mentionsInResults: 2 * n, textPending: [],
        };
        /** @type {Array<[number, number]>} */
        const asked = [];
        // The engine's next page, as `Catalog.entityPage` answers it.
        const more = async (/** @type {number} */ offset, /** @type {number} */ limit) => {
          asked.push([offset, limit]);
          return Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => summary(offset + i));
        };
        const ctx = { t: strings('de'), catalog: { articleById: new Map(), entities: [] }, state: { entities: [] }, href: (/** @type {any} */ p) => `#a=${p.article}` };
        const { element } = renderEntity(ctx, view, null, null, more);
        document.body.replaceChildren(element);
        window.__asked = asked;
        return {
          rows: element.querySelectorAll('#entity-articles > li').length,
          heading: element.querySelector('#entity-articles-heading')?.textContent,
          first: FIRST_PIECE,
          step: NEXT_PIECE,
        };
      },
      { base: BASE, n: ARTICLES },
    );
    assert.equal(drawn.rows, drawn.first, 'the first page, not every article');
    assert.match(drawn.heading ?? '', /10\.000/, 'the heading counts every article');
    const more = page.locator('button.more-items[data-key="more:entity-articles"]');
    assert.match((await more.textContent()) ?? '', /9\.950/, 'the button says how many are left');
    await more.click();
    const rows = page.locator('#entity-articles > li');
    await page.waitForFunction((n) => document.querySelectorAll('#entity-articles > li').length === n, drawn.first + drawn.step);
    assert.deepEqual(await page.evaluate(() => window.__asked), [[drawn.first, drawn.step]], 'the next page asked of the engine');
    const order = await rows.evaluateAll((lis) => lis.map((li) => Number(/** @type {HTMLElement} */ (li).dataset.id)));
    assert.deepEqual(order, order.map((_, i) => i), 'rows in the given order, none twice');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

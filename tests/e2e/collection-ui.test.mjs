// The collection tools in the page, in real Chromium: the network, the exports, starred
// articles with notes, related articles, mention jumps and the timelines, each by mouse and
// by keyboard; downloads parsed back and compared with the API; stars surviving a reload
// from file://; axe-core; screenshots at 1280 and 375 px, light and dark.
//
//   EXPLORER_URL=http://127.0.0.1:8123/ EXPLORER_DIST=$PWD/dist node --test tests/e2e/collection-ui.test.mjs
//
// Screenshots go to $EXPLORER_SHOTS (default: a folder in the system's temp directory).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, openPage, gotoReady, waitReady, api, entities, needEntities, typeQuery, seriousViolations, WORD } from './ui-helpers.mjs';
import { parseCsv } from './collection-helpers.mjs';

useBrowser();

const SHOTS = process.env.EXPLORER_SHOTS ?? join(tmpdir(), 'article-explorer-collection-shots');
const DIST = process.env.EXPLORER_DIST;

/** @param {import('playwright-core').Page} page */
const host = (page) => page.locator('article-explorer').first();

/** The article a hit link opens: first hit of WORD. */
async function openFirstHit(page) {
  await typeQuery(page, WORD);
  await host(page).locator('ol.hits > li a[data-article]').first().click();
  await host(page).locator('article.reader').waitFor();
}

test('the network opens by mouse, shows figures on hover, and a click on a name filters by it', async (t) => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  if (needEntities(t, await entities(page))) return;
  const el = host(page);
  await el.locator('button[data-panel="network"]').click();
  const node = el.locator('.network-svg g.node').first();
  await node.waitFor();
  assert.equal(await el.locator('button[data-panel="network"]').getAttribute('aria-expanded'), 'true');
  const answer = await api(page, (ex) => ex.graph({ query: '', limit: 40 }));
  assert.equal(await el.locator('.network-svg g.node').count(), answer.nodes.length, 'one circle per node');
  assert.equal(await el.locator('.network-nodes tbody tr').count(), answer.nodes.length, 'and one table row');
  assert.equal(await el.locator('.network-edges tbody tr').count(), answer.edges.length);
  // Fewer names on request (20 to 80 are offered).
  await el.locator('#network-limit').selectOption('20');
  await page.waitForFunction(() => /** @type {any} */ (document.querySelector('article-explorer')).shadowRoot.querySelectorAll('.network-svg g.node').length <= 20);
  await el.locator('#network-limit').selectOption('40');
  await page.waitForFunction((n) => /** @type {any} */ (document.querySelector('article-explorer')).shadowRoot.querySelectorAll('.network-svg g.node').length === n, answer.nodes.length);
  await node.dispatchEvent('pointerover');
  await el.locator('.network-tip:not([hidden])').waitFor();
  assert.match((await el.locator('.network-tip').textContent()) ?? '', new RegExp(answer.nodes[0].name));
  await node.click({ force: true });
  await el.locator('.active-filters button').first().waitFor();
  assert.match((await el.locator('.active-filters').textContent()) ?? '', new RegExp(answer.nodes[0].name));
  assert.deepEqual(problems, []);
});

test('the network works by keyboard: one tab stop, arrow keys between names, Enter filters', async (t) => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  if (needEntities(t, await entities(page))) return;
  const el = host(page);
  await el.locator('button[data-panel="network"]').focus();
  await page.keyboard.press('Enter');
  await el.locator('.network-svg g.node').first().waitFor();
  await el.locator('.network-svg g.node[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  const focused = await page.evaluate(() => /** @type {any} */ (document.querySelector('article-explorer')).shadowRoot.activeElement?.getAttribute('data-id'));
  const second = await el.locator('.network-svg g.node').nth(1).getAttribute('data-id');
  assert.equal(focused, second, 'ArrowRight moves to the next name');
  await el.locator('.network-tip:not([hidden])').waitFor();
  await page.keyboard.press('Enter');
  await el.locator('.active-filters button').first().waitFor();
  assert.deepEqual(problems, []);
});

test('the export buttons download what the API exports, by mouse and by keyboard', async () => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  await typeQuery(page, WORD);
  const el = host(page);
  await el.locator('button[data-panel="export"]').click();
  const [csv] = await Promise.all([page.waitForEvent('download'), el.locator('button[data-export="results-csv"]').click()]);
  const text = readFileSync(/** @type {string} */ (await csv.path()), 'utf8');
  const rows = parseCsv(text);
  const search = await api(page, (ex, word) => ex.search(word, { limit: 1000 }), WORD);
  assert.equal(rows.length - 1, search.total);
  search.hits.forEach((hit, i) => assert.equal(rows[i + 1][1], hit.title));
  assert.equal(text, await api(page, (ex, word) => ex.exportResults(word, { sort: 'relevance', demonyms: true }, 'csv'), WORD));
  assert.match(csv.suggestedFilename(), /^treffer-.*\.csv$/);

  await el.locator('button[data-export="entities-json"]').focus();
  const [json] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const data = JSON.parse(readFileSync(/** @type {string} */ (await json.path()), 'utf8'));
  const facets = await api(page, (ex, word) => ex.search(word, { limit: 1 }).facets, WORD);
  assert.equal(data.entities.length, facets.length);
  assert.match((await el.locator('.export-status').textContent()) ?? '', /heruntergeladen/);
  assert.deepEqual(problems, []);
});

test('the reader stars an article with a note, lists it, and filters the results by stars', async () => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  await openFirstHit(page);
  const el = host(page);
  const toggle = el.locator('.star-toggle');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await el.locator('textarea.note').fill('Wichtig für die Recherche, „Zitat“');
  await el.locator('textarea.note').blur();
  await el.locator('button[data-panel="stars"]').click();
  await el.locator('.star-list li').first().waitFor();
  assert.match((await el.locator('.star-list').textContent()) ?? '', /Wichtig für die Recherche/);
  assert.match((await el.locator('button[data-panel="stars"]').textContent()) ?? '', /Markiert \(1\)/);
  await el.locator('#stars-only').check();
  await el.locator('.starred-hits li').first().waitFor();
  assert.equal(await el.locator('.starred-hits li').count(), 1);
  assert.equal(await el.locator('#list-view').isHidden(), true, 'the full list makes room');
  // The keyboard unstars: Space on the toggle.
  await toggle.focus();
  await page.keyboard.press('Space');
  assert.equal(await el.locator('.star-toggle').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
});

test('related articles and mention jumps in the reader, by mouse and by keyboard', async (t) => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  if (needEntities(t, await entities(page))) return;
  await openFirstHit(page);
  const el = host(page);
  const open = Number(await el.locator('article.reader').getAttribute('data-id'));
  const related = await api(page, (ex, id) => ex.related(id, { limit: 5 }), open);
  assert.equal(await el.locator('.related-list li').count(), related.hits.length);
  await el.locator('#first-mention, [data-key="first-mention"]').click();
  await el.locator('.reader .mention-current').waitFor();
  assert.match((await el.locator('.mention-status').textContent()) ?? '', /Erwähnung 1 von \d+/);
  await el.locator('[data-key="next-mention"]').focus();
  await page.keyboard.press('Enter');
  const status = (await el.locator('.mention-status').textContent()) ?? '';
  assert.match(status, /Erwähnung (2|1) von \d+/);
  if (related.hits.length > 0) {
    await el.locator('.related-list a').first().click();
    await page.waitForFunction(
      (id) => /** @type {any} */ (document.querySelector('article-explorer')).shadowRoot.querySelector('article.reader')?.dataset.id === String(id),
      related.hits[0].id,
    );
  }
  assert.deepEqual(problems, []);
});

test('the entity view shows its timeline, and the histogram the share of a chosen name', async (t) => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  const list = await entities(page);
  if (needEntities(t, list)) return;
  const el = host(page);
  await page.evaluate((id) => {
    location.hash = `#ent=${id}`;
  }, list[0].id);
  await el.locator('article.entity-view .entity-timeline').waitFor();
  const view = await api(page, (ex, id) => ex.entity(id), list[0].id);
  if (view.undated.articles > 0) assert.match((await el.locator('.entity-timeline').textContent()) ?? '', /ohne Datum/);
  const select = el.locator('#share-entity');
  await select.selectOption(String(list[0].id));
  if ((await el.locator('.timeline button.bar').count()) > 0) {
    await el.locator('.timeline .bar-share').first().waitFor({ state: 'attached' });
    assert.match((await el.locator('.timeline button.bar').first().getAttribute('aria-label')) ?? '', /davon/);
  }
  assert.deepEqual(problems, []);
});

test('where the browser refuses storage, the stars panel says so in German', async () => {
  const { context, page, problems } = await openPage();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await gotoReady(page);
  const el = host(page);
  await el.locator('button[data-panel="stars"]').click();
  await el.locator('.storage-notice').waitFor();
  assert.match((await el.locator('.storage-notice').textContent()) ?? '', /erlaubt dieser Seite nicht, Daten zu speichern/);
  assert.deepEqual(problems, []);
});

test('stars and notes survive a reload of the single file from file://, apart from another collection', { timeout: 30_000 }, async (t) => {
  if (!DIST) {
    t.skip('EXPLORER_DIST is not set');
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'explorer-stars-'));
  const file = join(folder, 'explorer.html');
  copyFileSync(join(DIST, 'explorer.html'), file);
  const { page, problems } = await openPage();
  await page.goto(pathToFileURL(file).href);
  await waitReady(page);
  await openFirstHit(page);
  const el = host(page);
  await el.locator('.star-toggle').click();
  await el.locator('textarea.note').fill('Notiz über Neuladen hinweg');
  await el.locator('textarea.note').blur();
  // The element's own (worker-backed) explorer: no second engine on the page, and no
  // `new Function` (the single file's policy forbids eval once wasm compiled on the page).
  const key = await page.evaluate(async () => `article-explorer:stars:${await (await document.querySelector('article-explorer').asyncExplorer).collectionId()}`);
  await page.reload();
  await waitReady(page);
  await el.locator('button[data-panel="stars"]').click();
  await el.locator('.star-list li').first().waitFor();
  assert.match((await el.locator('.star-list').textContent()) ?? '', /Notiz über Neuladen hinweg/);
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys.filter((k) => k.startsWith('article-explorer:stars:')), [key], 'one key, this collection’s');
  // Export, then import into a fresh browser profile: the same stars come back.
  const [download] = await Promise.all([page.waitForEvent('download'), el.locator('[data-key="stars-export"]').click()]);
  const exported = readFileSync(/** @type {string} */ (await download.path()), 'utf8');
  assert.equal(JSON.parse(exported).stars.length, 1);
  const fresh = await openPage();
  await fresh.page.goto(pathToFileURL(file).href);
  await waitReady(fresh.page);
  const other = host(fresh.page);
  await other.locator('button[data-panel="stars"]').click();
  await other.locator('#stars-file').setInputFiles({ name: 'stars.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await other.locator('.star-list li').first().waitFor();
  assert.match((await other.locator('.stars-status').textContent()) ?? '', /1 Markierungen importiert/);
  assert.deepEqual([...problems, ...fresh.problems], []);
});

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  for (const width of [1280, 375]) {
    test(`the collection tools pass axe and are photographed (${colorScheme}, ${width}px)`, { timeout: 40_000 }, async () => {
      mkdirSync(SHOTS, { recursive: true });
      const { context, page, problems } = await openPage({ colorScheme, width, height: 900 });
      try {
        await gotoReady(page);
        const el = host(page);
        const name = `${width}-${colorScheme}`;
        await el.locator('button[data-panel="network"]').click();
        await el.locator('.network-svg').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'network');
        await page.screenshot({ path: join(SHOTS, `network-${name}.png`), fullPage: true });
        await el.locator('button[data-panel="export"]').click();
        assert.deepEqual(await seriousViolations(page), [], 'export');
        await openFirstHit(page);
        await el.locator('.star-toggle').click();
        await el.locator('textarea.note').fill('Eine Notiz');
        await el.locator('textarea.note').blur();
        assert.deepEqual(await seriousViolations(page), [], 'reader with star, note and related');
        await page.screenshot({ path: join(SHOTS, `reader-${name}.png`), fullPage: true });
        // Narrow: the reader covers the list; back to it for the stars panel.
        if (!(await el.locator('button[data-panel="stars"]').isVisible())) await el.locator('article.reader button.back').click();
        await el.locator('button[data-panel="stars"]').click();
        await el.locator('.star-list li').first().waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'stars panel');
        await page.screenshot({ path: join(SHOTS, `stars-${name}.png`), fullPage: true });
        const list = await entities(page);
        if (list.length > 0) {
          await page.evaluate((id) => {
            location.hash = `#ent=${id}`;
          }, list[0].id);
          await el.locator('article.entity-view .entity-timeline').waitFor();
          assert.deepEqual(await seriousViolations(page), [], 'entity view with its timeline');
          await page.screenshot({ path: join(SHOTS, `entity-${name}.png`), fullPage: true });
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
}

// axe-core over every view of the explorer (it follows the open shadow
// root), light and dark, wide and narrow: no serious or critical violation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, entities, typeQuery, seriousViolations, WORD } from './ui-helpers.mjs';

useBrowser();

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  for (const width of [1280, 375]) {
    test(`every view passes axe without serious violations (${colorScheme}, ${width}px)`, { timeout: 40_000 }, async () => {
      const { context, page, problems } = await openPage({ colorScheme, width });
      try {
        await gotoReady(page);
        const host = page.locator('article-explorer');
        const list = await entities(page);
        const check = async (/** @type {string} */ view) => assert.deepEqual(await seriousViolations(page), [], view);

        if (width < 700) await host.locator('button.filters-toggle').click(); // scan the panel too
        await check('start page (overview, timeline, facets)');

        await typeQuery(page, WORD);
        await host.locator('ol.hits > li').first().waitFor();
        await check('hit list');

        if (list.length > 0) {
          const facet = host.locator('li.facet input[type="checkbox"]').first();
          await facet.check();
          await host.locator('.active-filters button').first().waitFor();
          await check('filtered by an entity');
        } else {
          const bar = host.locator('.timeline button.bar').first();
          if ((await bar.count()) > 0) {
            await bar.click();
            await host.locator('.active-filters button').first().waitFor();
            await check('filtered by a month');
          }
        }

        await host.locator('ol.hits a.item-link, .collection-list a.item-link').first().click();
        await host.locator('article.reader').waitFor();
        await check('reader');

        if (list.length > 0) {
          await page.evaluate(() => {
            location.hash = '#ent=' + encodeURIComponent(/** @type {any} */ (document.querySelector('article-explorer')).shadowRoot.querySelector('[data-entity]')?.dataset.entity ?? '0');
          });
          await host.locator('article.entity-view').waitFor();
          await check('entity view');
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('the two embedded instances pass axe inside the hostile demo page', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage({ width: 1280 });
  try {
    await gotoReady(page, 'embed-demo.html');
    await page.locator('#first ol.hits > li').first().waitFor();
    // Only the explorers: the host page's own red-on-yellow text is not ours to fix.
    assert.deepEqual(await seriousViolations(page, { include: [['#first'], ['#second']] }), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

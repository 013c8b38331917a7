// Loosening is visible: whatever the engine corrected, dropped or ignored is
// said on the page, in German, next to the results.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, api, typeQuery, NONSENSE } from './ui-helpers.mjs';

useBrowser();

test('a corrected word, an ignored word and an unknown entity filter are each explained in German', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    // A misspelling (README: "Wladiwostock" reads as "Wladiwostok"), a word found nowhere,
    // and a person filter naming nobody; the expectations come from the API's answer.
    const query = `Wladiwostock ${NONSENSE} person:Niemandxyz`;
    const loosened = await api(page, (ex, q) => ex.search(q, {}).loosened, query);
    assert.ok(loosened.length >= 2, `the engine loosened the query: ${JSON.stringify(loosened)}`);
    await typeQuery(page, query);
    const notices = (await host.locator('.notices .notice').allTextContents()).map((s) => s.trim());
    for (const l of loosened) {
      const expected =
        l.kind === 'corrected'
          ? `Keine Treffer für „${l.word}“ – Ergebnisse für ${l.instead.map((w) => `„${w}“`).join(' oder ')}`
          : l.kind === 'dropped'
            ? `„${l.word}“ wurde ignoriert`
            : `Filter „${l.filter}“ ignoriert`;
      assert.ok(notices.some((n) => n.startsWith(expected)), `"${expected}" is shown; notices: ${JSON.stringify(notices)}`);
    }
    assert.equal(await host.locator('.notices').getAttribute('aria-live'), 'polite', 'and announced');

    // A new query without loosening clears them.
    await typeQuery(page, 'Kim');
    assert.equal(await host.locator('.notices .notice').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

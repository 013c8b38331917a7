// The keyboard alone reaches everything: / to search, arrows through the
// hits, Enter to read, Esc to go back, on a phone and on a wide screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, deepActive, statusCount, WORD } from './ui-helpers.mjs';

useBrowser();

for (const width of [375, 1280]) {
  test(`a keyboard-only path through search and reading works at ${width}px`, { timeout: 25_000 }, async () => {
    const { context, page, problems } = await openPage({ width });
    try {
      await gotoReady(page);
      const host = page.locator('article-explorer');

      // "/" from nowhere focuses the search box.
      await page.keyboard.press('/');
      assert.equal((await deepActive(page))?.id, 'q', '/ focuses the search box');
      await page.keyboard.type(WORD, { delay: 20 });
      await host.locator(`#list-view[data-query="${WORD}"]`).waitFor({ state: 'attached' });
      const total = await statusCount(host);
      assert.ok(total >= 1, 'the query finds articles');

      // ↓ into the hits, ↓/↑ between them, ↑ from the first back to the box.
      await page.keyboard.press('ArrowDown');
      assert.equal((await deepActive(page))?.rank, '1', '↓ moves to the first hit');
      if (total >= 2) {
        await page.keyboard.press('ArrowDown');
        assert.equal((await deepActive(page))?.rank, '2', '↓ moves to the next hit');
        await page.keyboard.press('ArrowUp');
        assert.equal((await deepActive(page))?.rank, '1', '↑ moves back');
      }
      await page.keyboard.press('ArrowUp');
      assert.equal((await deepActive(page))?.id, 'q', '↑ from the first hit returns to the box');
      await page.keyboard.press('ArrowDown');

      // Enter opens the focused hit; the reader's heading gets the focus.
      const id = (await deepActive(page))?.article;
      await page.keyboard.press('Enter');
      const reader = host.locator(`article.reader[data-id="${id}"]`);
      await reader.waitFor();
      assert.equal((await deepActive(page))?.id, 'reader-title', 'the reader heading has the focus');
      const listVisible = await host.locator('ol.hits').isVisible();
      if (width < 700) assert.equal(listVisible, false, 'on a phone the reader takes the list’s place');
      else assert.equal(listVisible, true, 'on a wide screen the list stays beside the reader');

      // The reader's way back sits just before its heading.
      await page.keyboard.press('Shift+Tab');
      assert.match((await deepActive(page))?.text ?? '', /Zurück zur Liste/, 'Shift+Tab reaches the back button');

      // Esc closes it and returns to the hit.
      await page.keyboard.press('Escape');
      await reader.waitFor({ state: 'detached' });
      assert.equal((await deepActive(page))?.article, id, 'focus returns to the opened hit');

      // "/" again, then Enter opens the best hit directly.
      await page.keyboard.press('/');
      assert.equal((await deepActive(page))?.id, 'q');
      await page.keyboard.press('Enter');
      await host.locator('article.reader').waitFor();
      await page.keyboard.press('Escape');
      await host.locator('article.reader').waitFor({ state: 'detached' });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('the filter panel opens and closes from the keyboard on a phone', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage({ width: 375 });
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    const toggle = host.locator('button.filters-toggle');
    assert.equal(await host.locator('#sidebar').isVisible(), false, 'the panel starts closed on a phone');
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await host.locator('#sidebar').isVisible(), true);
    await page.keyboard.press('Escape');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await host.locator('#sidebar').isVisible(), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

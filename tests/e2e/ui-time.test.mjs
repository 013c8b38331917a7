// Time: the histogram of the results' dates, the date-range filter, sorting
// by date, and articles without a date.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, api, typeQuery, statusCount, eventually, WORD } from './ui-helpers.mjs';

useBrowser();

/** Dates of the listed hits, in list order (null = undated). */
function hitDates(host) {
  return host.locator('ol.hits > li').evaluateAll((lis) => lis.map((li) => li.querySelector('.meta time')?.getAttribute('datetime') ?? null));
}

test('sorting by date puts the newest or the oldest first and the undated last', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    await typeQuery(page, WORD);
    for (const sort of ['newest', 'oldest']) {
      await host.locator('#sort').selectOption(sort);
      await page.waitForURL(new RegExp(`[#&]sort=${sort}`));
      const inOrder = (/** @type {(string|null)[]} */ dates) => {
        const dated = dates.filter(Boolean);
        const sorted = [...dated].sort();
        if (sort === 'newest') sorted.reverse();
        return { dated, sorted, ok: JSON.stringify(dated) === JSON.stringify(sorted) };
      };
      // The list shows the engine's order for this sort once the worker's answer is drawn
      // (the page shows the first hits of the same search).
      const expected = await api(page, (ex, { q, sort }) => ex.search(q, { sort, limit: 50 }).hits.map((h) => h.id), { q: WORD, sort });
      const shownIds = () => host.locator('ol.hits > li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-id'))));
      const ids = await eventually(page, shownIds, (shown) => shown.length > 0 && shown.every((id, i) => id === expected[i]));
      assert.deepEqual(ids, expected.slice(0, ids.length), `${sort}: the list is the engine's order`);
      const dates = await hitDates(host);
      const firstUndated = dates.indexOf(null);
      if (firstUndated >= 0) assert.ok(dates.slice(firstUndated).every((d) => d === null), `${sort}: undated articles come last`);
      const { dated, sorted } = inOrder(dates);
      assert.ok(dated.length >= 2, `${sort}: at least two dated hits to order`);
      assert.deepEqual(dated, sorted, `${sort}: dated hits are in order`);
    }
    await host.locator('#sort').selectOption('relevance');
    await page.waitForFunction(() => !location.hash.includes('sort='));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the histogram counts the results by date, says how many have none, and its table agrees', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    await typeQuery(page, WORD);
    const expected = await api(page, (ex, q) => ex.search(q, {}), WORD);
    const total = await statusCount(host);
    const dated = expected.dates.reduce((n, d) => n + d.count, 0);
    assert.equal(dated + expected.undated, total, 'dated + undated = all results');
    if (expected.undated > 0) {
      await host.locator('.timeline .undated', { hasText: `ohne Datum: ${expected.undated}` }).waitFor();
    }
    if (dated > 0) {
      const labels = await host.locator('.timeline button.bar').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
      const fromLabels = labels.reduce((n, l) => n + Number(/: (\d+) Artikel/.exec(l)?.[1] ?? 0), 0);
      assert.equal(fromLabels, dated, 'the bars’ labels add up to the dated results');
      const tableSum = await host
        .locator('.timeline .date-table tbody td')
        .evaluateAll((tds) => tds.reduce((n, td) => n + Number((td.textContent ?? '0').replace(/\./g, '')), 0));
      assert.equal(tableSum, dated, 'the table agrees');
      // One tab stop for all bars.
      const stops = await host.locator('.timeline button.bar[tabindex="0"]').count();
      assert.equal(stops, 1, 'the bars are one tab stop');
    } else {
      await host.locator('.timeline', { hasText: 'Keine datierten Artikel' }).waitFor();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a date range keeps only articles of those months and hides the undated visibly', { timeout: 25_000 }, async (t) => {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    const months = await api(page, (ex) => [...new Set(ex.articles().map((a) => a.date).filter(Boolean))].sort());
    if (months.length === 0) {
      t.skip('no article has a date');
      return;
    }
    const last = months[months.length - 1];

    // "Von" select: from the latest month on.
    await host.locator('#date-from').selectOption(last);
    await page.waitForURL(new RegExp(`[#&]from=${last}`));
    const expected = await api(page, (ex, from) => ex.search('', { from }).total, last);
    assert.equal(await eventually(page, () => statusCount(host), (n) => n === expected), expected);
    for (const d of await hitDates(host)) assert.ok(d !== null && d >= last, `${d} is in the range`);
    await host.locator('.active-filters button[data-action="clear-dates"]').waitFor();
    const undated = await api(page, (ex) => ex.articles().filter((a) => !a.date).length);
    if (undated > 0) await host.locator('.timeline .undated.is-hidden', { hasText: 'ausgeblendet' }).waitFor();

    // Reset, then a bar picks its own month; a second press clears it.
    await host.locator('button.reset-dates').click();
    await page.waitForFunction(() => !location.hash.includes('from='));
    const bar = host.locator('.timeline button.bar').first();
    const from = await bar.getAttribute('data-from');
    const to = await bar.getAttribute('data-to');
    await bar.click();
    await page.waitForURL(new RegExp(`[#&]from=${from}&to=${to}`));
    assert.equal(await host.locator('.timeline button.bar[aria-pressed="true"]').count(), 1);
    const inRange = (/** @type {string|null} */ d) => d !== null && d >= String(from) && d <= String(to);
    const dates = await eventually(page, () => hitDates(host), (ds) => ds.length > 0 && ds.every(inRange));
    assert.ok(dates.length > 0, 'the bar\'s month has hits');
    for (const d of dates) assert.ok(inRange(d), `${d} is in ${from}–${to}`);
    await host.locator('.timeline button.bar[aria-pressed="true"]').click();
    await page.waitForFunction(() => !location.hash.includes('from='));
    await host.locator('.collection-list').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

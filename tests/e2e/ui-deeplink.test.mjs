// Every view is a link: the state (query, entity filters, dates, sort, open
// article, open entity view) lives in the URL hash of the standalone page,
// and Back/Forward move through it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, waitReady, api, entities, statusCount, WORD } from './ui-helpers.mjs';

useBrowser();

test('a deep link with query, entity filter and open article restores its view, and back/forward work', { timeout: 30_000 }, async (t) => {
  const { context, page, problems } = await openPage({ width: 1280 });
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    const list = await entities(page);

    // Build the link from what the index holds: a query, an entity filter
    // that keeps hits (or, without entities, a date range), an article.
    const plan = await api(
      page,
      (ex, { word, ents }) => {
        for (const e of ents) {
          const r = ex.search(word, { entities: [e.id], limit: 50 });
          if (r.total >= 1) return { filter: { e: e.name, id: e.id }, total: r.total, hits: r.hits.map((h) => ({ id: h.id, title: h.title })) };
        }
        const dated = ex.search(word, { limit: 50 }).hits.find((h) => h.date);
        const from = dated?.date ?? null;
        const r = ex.search(word, from ? { from, limit: 50 } : { limit: 50 });
        return { filter: from ? { from } : {}, total: r.total, hits: r.hits.map((h) => ({ id: h.id, title: h.title })) };
      },
      { word: WORD, ents: list.slice(0, 20) },
    );
    if (list.length === 0) t.diagnostic('no entities in this index: the link uses a date range instead of an entity filter');
    assert.ok(plan.hits.length >= 1, 'the planned link has hits');
    const params = new URLSearchParams({ q: WORD });
    if (plan.filter.e) params.append('e', plan.filter.e);
    if (plan.filter.from) params.set('from', plan.filter.from);
    params.set('a', String(plan.hits[0].id));

    await gotoReady(page, `#${params}`);
    const reader = host.locator(`article.reader[data-id="${plan.hits[0].id}"]`);
    await reader.waitFor();
    assert.equal(await host.locator('#q').inputValue(), WORD, 'the query is back in the box');
    assert.equal(await statusCount(host), plan.total, 'the list shows the filtered results');
    if (plan.filter.id !== undefined) {
      assert.ok(await host.locator(`#f-${plan.filter.id}`).isChecked(), 'the entity facet is selected');
      await host.locator(`.active-filters button[data-id="${plan.filter.id}"]`).waitFor();
    } else if (plan.filter.from) {
      assert.equal(await host.locator('#date-from').inputValue(), plan.filter.from, 'the date range is selected');
    }

    // Open another article from the list (it stays beside the reader here).
    const other = plan.hits[1];
    if (other) {
      await host.locator(`ol.hits a[data-article="${other.id}"]`).click();
      await host.locator(`article.reader[data-id="${other.id}"]`).waitFor();
      assert.match(page.url(), new RegExp(`[#&]a=${other.id}(&|$)`));
      await page.goBack();
      await host.locator(`article.reader[data-id="${plan.hits[0].id}"]`).waitFor();
      await page.goForward();
      await host.locator(`article.reader[data-id="${other.id}"]`).waitFor();
      await page.goBack();
      await reader.waitFor();
    }

    // Closing the reader and going back reopens it.
    await page.keyboard.press('Escape');
    await reader.waitFor({ state: 'detached' });
    assert.doesNotMatch(page.url(), /[#&]a=/);
    await page.goBack();
    await reader.waitFor();
    assert.equal(await host.locator('#q').inputValue(), WORD);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('sort, dates and the open entity view survive a reload', { timeout: 20_000 }, async (t) => {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page);
    const host = page.locator('article-explorer');
    const list = await entities(page);
    const month = await api(page, (ex) => ex.articles().map((a) => a.date).filter(Boolean).sort()[0] ?? null);
    const params = new URLSearchParams({ q: WORD, sort: 'newest' });
    if (month) params.set('from', month);
    if (list.length > 0) params.set('ent', list[0].name);
    await gotoReady(page, `#${params}`);
    await page.reload();
    await waitReady(page);
    assert.equal(await host.locator('#sort').inputValue(), 'newest');
    if (month) assert.equal(await host.locator('#date-from').inputValue(), month);
    if (list.length > 0) {
      await host.locator(`article.entity-view[data-id="${list[0].id}"]`).waitFor();
    } else {
      t.diagnostic('no entities: the entity view part of the link is not checked');
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link naming an unknown entity says so and shows the rest', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page, `#q=${encodeURIComponent(WORD)}&e=Niemand+Unbekannt`);
    const host = page.locator('article-explorer');
    await host.locator('.notice', { hasText: 'Niemand Unbekannt' }).waitFor();
    assert.ok((await statusCount(host)) >= 1, 'the query still finds its articles');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

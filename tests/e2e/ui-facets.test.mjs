// Facets, the entity view and entity mentions in the reader (issue 4's page
// part). Entity data comes from the recogniser; while an index has none,
// the entity assertions are skipped with a message and the page must still
// say so instead of showing empty groups.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, openPage, gotoReady, api, entities, typeQuery, statusCount, deepActive, needEntities, eventually, WORD, NONSENSE,
} from './ui-helpers.mjs';

useBrowser();

/**
 * The status line's count once the list for a new filter is drawn (the chip shows at once,
 * the list when the worker answered): waits a little for `expected`, then returns what it says.
 * @param {import('playwright-core').Locator} host
 * @param {number} expected
 */
async function settledCount(host, expected) {
  for (let k = 0; k < 40 && (await statusCount(host)) !== expected; k++) await new Promise((r) => setTimeout(r, 50));
  return statusCount(host);
}

/**
 * The frame of every test here: a fresh page with the explorer ready; then, unless
 * `anyEntities`, the rest of the test is skipped (needEntities) when the index has no
 * entities; then `body({ page, host, list })` with the explorer element and the index's
 * entities; then nothing may have gone wrong on the page.
 * @param {import('node:test').TestContext} t
 * @param {{ anyEntities?: boolean }} options
 * @param {(args: { page: import('playwright-core').Page, host: import('playwright-core').Locator, list: any[] }) => Promise<void>} body
 */
async function onExplorer(t, { anyEntities = false }, body) {
  const { context, page, problems } = await openPage();
  try {
    await gotoReady(page);
    const list = await entities(page);
    if (!anyEntities && needEntities(t, list)) return;
    await body({ page, host: page.locator('article-explorer'), list });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** The facet values as shown: id, name, count, checked. */
function readFacets(host) {
  return host.locator('li.facet').evaluateAll((lis) =>
    lis.map((li) => ({
      id: Number(li.querySelector('input')?.dataset.id),
      name: li.querySelector('.facet-name')?.textContent ?? '',
      count: Number((li.querySelector('.facet-count')?.textContent ?? '').replace(/\./g, '')),
      checked: /** @type {HTMLInputElement} */ (li.querySelector('input')).checked,
      kind: li.closest('.facet-group')?.className.match(/k-(\w+)/)?.[1] ?? '',
    })),
  );
}

test('without recognised entities the facet panel says so and search still works', { timeout: 20_000 }, (t) =>
  onExplorer(t, { anyEntities: true }, async ({ page, host, list }) => {
    if (list.length > 0) {
      // With entities the panel lists groups instead: that is what the next tests check.
      assert.ok((await host.locator('.facet-group').count()) >= 1, 'the overview lists facet groups');
      t.diagnostic('the index has entities; the "none" message is not shown');
    } else {
      await host.locator('.facet-groups', { hasText: 'keine Namen erkannt' }).waitFor();
      await typeQuery(page, WORD);
      assert.ok((await statusCount(host)) >= 1, 'search works without entities');
      assert.equal(await host.locator('.facet-group').count(), 0);
    }
  }),
);

test('filtering by an entity facet narrows the results and the selected facet stays visible', { timeout: 30_000 }, (t) =>
  onExplorer(t, {}, async ({ page, host }) => {
    // Counts over the current results: the whole collection first.
    const total = await api(page, (ex) => ex.articles().length);
    const overview = await readFacets(host);
    assert.ok(overview.length >= 1, 'the overview lists entities');
    for (const f of overview) assert.ok(f.count >= 1 && f.count <= total, `${f.name}: ${f.count} of ${total} articles`);
    // Groups are sorted by count.
    const byGroup = new Map();
    for (const f of overview) byGroup.set(f.kind, [...(byGroup.get(f.kind) ?? []), f]);
    for (const [kind, values] of byGroup) {
      const counts = values.map((v) => v.count);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), `group ${kind} is sorted by count`);
    }

    const pick = overview.find((f) => f.count < total) ?? overview[0];
    await host.locator(`#f-${pick.id}`).check();
    await host.locator(`.active-filters button[data-id="${pick.id}"]`).waitFor();
    const narrowed = await settledCount(host, pick.count);
    assert.equal(narrowed, pick.count, `the facet's count (${pick.count}) is the number of articles after filtering`);
    assert.match(page.url(), /[#&]e=/, 'the filter is in the URL');

    // Every listed article mentions the entity.
    const ids = await host.locator('ol.hits > li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.id)));
    assert.ok(ids.length >= 1);
    const mentions = await api(
      page,
      (ex, { ids, e }) => ids.map((id) => ex.article(id, {}).paragraphs.some((p) => (p.mentions ?? []).some((m) => m.entity === e))),
      { ids, e: pick.id },
    );
    assert.ok(mentions.every(Boolean), 'every hit mentions the selected entity');

    // AND across two selections: the total is what the API says for both.
    const second = (await readFacets(host)).find((f) => f.id !== pick.id && f.count > 0);
    if (second) {
      await host.locator(`#f-${second.id}`).check();
      await host.locator(`.active-filters button[data-id="${second.id}"]`).waitFor();
      const both = await api(page, (ex, ids) => ex.search('', { entities: ids }).total, [pick.id, second.id]);
      assert.equal(await settledCount(host, both), both, 'two selections are ANDed');
      assert.ok(both <= Math.min(pick.count, second.count));
      await host.locator(`.active-filters button[data-id="${second.id}"]`).click();
      await host.locator(`.active-filters button[data-id="${second.id}"]`).waitFor({ state: 'detached' });
    }

    // A query that matches nothing: the selected facet stays, at zero, still checked.
    await typeQuery(page, NONSENSE);
    const row = host.locator('li.facet', { has: page.locator(`#f-${pick.id}`) });
    await row.waitFor();
    assert.ok(await host.locator(`#f-${pick.id}`).isChecked(), 'the selected facet is still checked');
    assert.equal((await row.locator('.facet-count').textContent())?.trim(), '0', 'and shows zero');

    // Removing the filter (its chip) brings the results back.
    await typeQuery(page, '');
    await host.locator(`.active-filters button[data-id="${pick.id}"]`).click();
    await host.locator('.collection-list').waitFor();
    assert.doesNotMatch(page.url(), /[#&]e=/);
  }),
);

test('the facet filter box finds names without regard to case and umlauts', { timeout: 20_000 }, (t) =>
  onExplorer(t, {}, async ({ page, host, list }) => {
    const target = list.find((e) => /[äöüÄÖÜß]/.test(e.name)) ?? list[0];
    // Type it lower case with umlauts spelled out.
    const typed = target.name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
    await host.locator('#facet-q').fill(typed);
    await host.locator(`#f-${target.id}`).waitFor();
    const names = (await readFacets(host)).map((f) => f.name);
    assert.ok(names.includes(target.name), `"${typed}" finds ${target.name}`);
    await host.locator('#facet-q').fill(typed + 'qqq');
    await host.locator('.facet-groups', { hasText: 'Kein Name passt' }).waitFor();
  }),
);

test('not counting adjectives gives the facet counts the API gives for it', { timeout: 20_000 }, (t) =>
  onExplorer(t, {}, async ({ page, host }) => {
    await typeQuery(page, WORD);
    await host.locator('#demonyms').uncheck();
    await page.waitForURL(/[#&]dem=0/);
    const expected = await api(page, (ex, q) => ex.search(q, { demonyms: false }).facets, WORD);
    const counts = new Map(expected.map((f) => [f.id, f.count]));
    const shown = await eventually(page, () => readFacets(host), (fs) => fs.every((f) => f.count === counts.get(f.id)));
    for (const f of shown) assert.equal(f.count, counts.get(f.id), `${f.name} without adjectives`);
  }),
);

test('the entity view shows its articles, mentions in context and co-occurring names, and filters by it', { timeout: 30_000 }, (t) =>
  onExplorer(t, {}, async ({ page, host, list }) => {
    const e = list[0];
    await host.locator(`.facet-name[data-entity="${e.id}"]`).click();
    const view = host.locator('article.entity-view');
    await view.waitFor();
    assert.equal((await view.locator('#entity-title').textContent())?.trim(), e.name);
    assert.match(page.url(), /[#&]ent=/, 'the open entity view is in the URL');

    const expected = await api(page, (ex, id) => ex.entity(id, {}), e.id);
    // Long lists are drawn in pieces (ui/pieces.js): "mehr anzeigen" until every row is in.
    const more = view.locator('button.more-items');
    for (let k = 0; k < 1000 && (await more.count()) > 0; k++) await more.first().click();
    const articleLinks = view.locator('.entity-section .collection-list a.item-link');
    assert.equal(await articleLinks.count(), expected.articles.length, 'its articles are listed');
    if (expected.inContext.length > 0) {
      const mentions = await view.locator('.kwic-mention').allTextContents();
      assert.equal(mentions.length, expected.inContext.length, 'one keyword-in-context line per mention');
      assert.ok(mentions.every((m) => m.trim() !== ''), 'every line shows its mention');
    }
    const rows = await view.locator('.cooc-row').count();
    assert.equal(rows, expected.cooccurring.length, 'every co-occurring name is listed');

    // Filter by it: the list shows exactly its articles.
    await view.locator('button[data-action="toggle-entity"]').click();
    await host.locator(`.active-filters button[data-id="${e.id}"]`).waitFor();
    const total = await api(page, (ex, id) => ex.search('', { entities: [id] }).total, e.id);
    assert.equal(await settledCount(host, total), total);
    assert.equal(await view.locator('button[data-action="toggle-entity"]').getAttribute('aria-pressed'), 'true');

    // Esc closes it; focus returns to the name that opened it.
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    assert.doesNotMatch(page.url(), /[#&]ent=/);
    assert.equal((await deepActive(page))?.key, `fn:${e.id}`, 'focus returns to the facet name');
  }),
);

test('the reader marks entity mentions by kind with a legend, and a mention opens its entity view', { timeout: 30_000 }, (t) =>
  onExplorer(t, {}, async ({ page, host }) => {
    const found = await api(page, (ex) => {
      for (const a of ex.articles()) {
        const article = ex.article(a.id, {});
        const n = article.paragraphs.reduce((s, p) => s + (p.mentions ?? []).length, 0);
        if (n > 0) return { id: a.id, n, entities: article.entities };
      }
      return null;
    });
    if (!found) {
      t.skip('no article has entity mentions');
      return;
    }
    await gotoReady(page, `#a=${found.id}`);
    const reader = host.locator('article.reader');
    await reader.waitFor();
    const mentions = await reader.locator('a.mention').evaluateAll((as) =>
      as.map((a) => ({
        kind: a.className.match(/k-(\w+)/)?.[1] ?? '',
        title: a.getAttribute('title') ?? '',
        style: getComputedStyle(a).textDecorationStyle,
        line: getComputedStyle(a).textDecorationLine,
      })),
    );
    assert.ok(mentions.length >= 1 && mentions.length <= found.n, `${mentions.length} of ${found.n} mentions drawn`);
    const styleOf = new Map();
    for (const m of mentions) {
      assert.match(m.line, /underline/, 'a mention is underlined');
      assert.match(m.title, /^(Person|Land|Ort|Organisation|Ereignis|Name): /, 'its title names the kind');
      if (styleOf.has(m.kind)) assert.equal(styleOf.get(m.kind), m.style, 'one underline style per kind');
      styleOf.set(m.kind, m.style);
    }
    const styles = [...styleOf.values()];
    assert.equal(new Set(styles).size, styles.length, 'different kinds have different underline styles');
    // The legend and the article's names.
    const kinds = [...styleOf.keys()];
    for (const kind of kinds) assert.ok((await reader.locator(`.article-entities .legend-sample.k-${kind}`).count()) >= 1, `legend for ${kind}`);
    assert.equal(await reader.locator('.article-entities .chip').count(), found.entities.length, "the article's names are listed");

    // A mention opens its entity view; Back returns to the article.
    const first = reader.locator('.reader-body a.mention, #reader-title a.mention').first();
    const entityId = Number(await first.getAttribute('data-entity'));
    await first.click();
    await host.locator(`article.entity-view[data-id="${entityId}"]`).waitFor();
    await page.goBack();
    await host.locator(`article.reader[data-id="${found.id}"]`).waitFor();
  }),
);

// dist/explorer.html, the explorer in one file, opened the way a person opens a file they were
// sent: from file://, with no network at all. Its own copy in an empty folder, so that no file
// of dist/ next to it can help.
//
// Run: EXPLORER_DIST=$PWD/dist EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/offline-single-file.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  DIST,
  launch,
  openPage,
  collection,
  chooseQuery,
  search,
  marksWord,
  hitTitles,
  clickFacet,
  eventually,
  openArticle,
} from './offline-support.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
let folder = '';

before(async () => {
  browser = await launch();
  folder = mkdtempSync(join(tmpdir(), 'explorer-single-file-'));
});

after(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test(
  'the single file opened from file:// with every network request blocked can search, filter by an entity and open an article',
  { timeout: 45_000 },
  async (t) => {
    const ex = await collection();
    const word = chooseQuery(ex);
    const file = join(folder, 'explorer.html');
    copyFileSync(join(DIST, 'explorer.html'), file);
    const url = pathToFileURL(file).href;

    const { context, page, problems } = await openPage(browser);
    try {
      // Nothing may leave the file: every request but the file itself, data: and blob: fails.
      const requests = [];
      context.on('request', (req) => requests.push(req.url()));
      await context.route('**/*', (route) => {
        const target = route.request().url();
        return /^(file|data|blob):/.test(target) ? route.continue() : route.abort('internetdisconnected');
      });
      await context.setOffline(true);

      await page.goto(url);
      const marks = await search(page, word);
      assert.ok(marksWord(marks, word), `the hits mark "${word}", marks: ${JSON.stringify(marks)}`);

      // Filter by an entity of the hits, if the collection has entities.
      const results = ex.search(word, { limit: 1000 });
      const facet =
        results.facets?.find((f) => f.count > 0 && f.count < results.total) ?? results.facets?.find((f) => f.count > 0);
      if (ex.entities().length === 0) {
        t.diagnostic('skipped the entity filter: entities() is empty for this collection');
      } else if (!facet) {
        t.diagnostic(`skipped the entity filter: no entity is mentioned in the hits for "${word}"`);
      } else {
        assert.ok(
          await clickFacet(page, facet.name),
          `the page offers no control named "${facet.name}" (an entity facet of the hits for "${word}")`,
        );
        const expected = new Set(
          ex.search(word, { entities: [facet.id], limit: 1000 }).hits.map((h) => h.title.replace(/\s+/g, ' ').trim()),
        );
        let shown = [];
        await eventually(
          async () => {
            shown = await hitTitles(page);
            return shown.length > 0 && shown.every((title) => expected.has(title));
          },
          () => `after choosing "${facet.name}", the hits are ${JSON.stringify(shown)}, not among ${JSON.stringify([...expected])}`,
        );
      }

      const [first] = await hitTitles(page);
      assert.ok(first, 'a hit to open');
      await openArticle(page, ex, first);

      const elsewhere = requests.filter((r) => r !== url && !/^(data|blob):/.test(r));
      assert.deepEqual(elsewhere, [], 'no request left the file');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  },
);

test('the single file declares a policy that allows no request at all', { timeout: 15_000 }, async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await context.setOffline(true);
    await context.route('**/*', (route) =>
      /^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort('internetdisconnected'),
    );
    await page.goto(pathToFileURL(join(DIST, 'explorer.html')).href);
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    assert.match(policy ?? '', /^default-src 'none';/);
    assert.match(policy ?? '', /'wasm-unsafe-eval'/);
    // The policy is enforced: a request the page did not plan is refused.
    const refused = await page.evaluate(() =>
      fetch('https://example.invalid/').then(
        () => false,
        () => true,
      ),
    );
    assert.equal(refused, true, 'fetch() to anywhere is refused');
    assert.ok(
      problems.some((p) => p.includes('Content Security Policy')),
      `the refusal is reported: ${JSON.stringify(problems)}`,
    );
  } finally {
    await context.close();
  }
});

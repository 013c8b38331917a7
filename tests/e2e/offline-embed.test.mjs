// Embedding: a host page with one script tag (dist/article-explorer.js, the esbuild bundle) and
// one <article-explorer> element, under the Content-Security-Policy the README asks for. The
// host page is not a file of dist/: the test answers for it on the served origin.
//
// Run: EXPLORER_DIST=$PWD/dist EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/offline-embed.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  BASE,
  launch,
  openPage,
  collection,
  chooseQuery,
  search,
  marksWord,
  hitItems,
  hitTitles,
  openArticle,
} from './offline-support.mjs';

/**
 * A strict host policy with what the README asks for: `script-src 'self' 'wasm-unsafe-eval'`.
 * Styles fall back to `default-src 'self'`: the element must not need inline styles. (The
 * host's own favicon is `data:,`, hence `img-src`.)
 */
const POLICY = "default-src 'self'; img-src 'self' data:; script-src 'self' 'wasm-unsafe-eval'";

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/**
 * A host page at `name` on the served origin, with `policy` as its CSP header and `element`
 * as the embed.
 */
async function hostPage(context, name, policy, element = '<article-explorer></article-explorer>') {
  const url = new URL(name, BASE).href;
  const body = `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Gastseite</title>
  <link rel="icon" href="data:,">
  <script type="module" src="./article-explorer.js"></script>
</head>
<body>
  <h1>Eine Seite, die den Artikel-Explorer einbettet</h1>
  ${element}
</body>
</html>`;
  await context.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': policy },
      body,
    }),
  );
  return url;
}

test('one script tag and one element embed the explorer in a page', { timeout: 40_000 }, async () => {
  const ex = await collection();
  const word = chooseQuery(ex);
  const { context, page, problems } = await openPage(browser);
  try {
    const element = `<article-explorer query="${word}" lang="de"></article-explorer>`;
    const url = await hostPage(context, 'embed-host.html', POLICY, element);
    const requests = [];
    context.on('request', (req) => requests.push(req.url()));
    await page.goto(url);
    assert.equal(await page.evaluate(() => customElements.get('article-explorer') !== undefined), true);

    // The `query` attribute searches before anyone types.
    const marked = hitItems(page).filter({ has: page.locator('mark') });
    await marked.first().waitFor();
    const initial = await marked.locator('mark').allTextContents();
    assert.ok(marksWord(initial, word), `query="${word}" lists hits that mark it: ${JSON.stringify(initial)}`);

    // And it is the whole explorer: typing searches, a hit opens.
    const marks = await search(page, word);
    assert.ok(marksWord(marks, word), `the hits mark "${word}", marks: ${JSON.stringify(marks)}`);
    const [first] = await hitTitles(page);
    await openArticle(page, ex, first);

    // The bundle and its worker are the only scripts: no module of www/ and no glue is fetched besides.
    const paths = [...new Set(requests.filter((r) => r.startsWith(BASE)).map((r) => new URL(r).pathname))].sort();
    const root = new URL(BASE).pathname;
    assert.deepEqual(paths, [`${root}article-explorer-worker.js`, `${root}article-explorer.js`, `${root}embed-host.html`, `${root}pkg/article_explorer_bg.wasm`]);
    assert.deepEqual(problems, [], `no console error (a CSP violation is one) under "${POLICY}"`);
  } finally {
    await context.close();
  }
});

test("without 'wasm-unsafe-eval' in its policy a host page cannot start the explorer", { timeout: 20_000 }, async () => {
  const { context, page } = await openPage(browser);
  try {
    const url = await hostPage(context, 'embed-host-strict.html', "default-src 'self'; img-src 'self' data:; script-src 'self'");
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        /** @type {any} */ (window).violations ??= [];
        /** @type {any} */ (window).violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
      });
    });
    await page.goto(url);
    await page.waitForFunction(() => /** @type {any} */ (window).violations?.some((v) => v.blocked === 'wasm-eval'));
    // The element says so (the `state` attribute of www/element.js).
    await page.locator('article-explorer[state="error"]').waitFor({ state: 'attached' });
  } finally {
    await context.close();
  }
});

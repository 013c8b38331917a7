// The element embedded in someone else's page (www/embed-demo.html): two
// instances with different settings, one script tag, a hostile stylesheet.
// Neither the host's CSS gets in nor the explorer's gets out, and the two
// instances do not disturb each other or the page's URL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, typeQuery, statusCount, WORD } from './ui-helpers.mjs';

useBrowser();

/**
 * Computed styles of elements inside an explorer's shadow root.
 * @param {import('playwright-core').Page} page
 * @param {string} hostSelector
 * @param {Record<string, string>} selectors name -> selector inside the shadow root
 */
function shadowStyles(page, hostSelector, selectors) {
  return page.evaluate(
    ({ hostSelector, selectors }) => {
      const root = document.querySelector(hostSelector)?.shadowRoot;
      if (!root) throw new Error(`${hostSelector} has no open shadow root`);
      /** @type {Record<string, Record<string, string>|null>} */
      const out = {};
      for (const [name, sel] of Object.entries(selectors)) {
        const el = root.querySelector(sel);
        if (!el) {
          out[name] = null;
          continue;
        }
        const cs = getComputedStyle(el);
        out[name] = {
          fontFamily: cs.fontFamily,
          fontSize: cs.fontSize,
          color: cs.color,
          background: cs.backgroundColor,
          borderTopStyle: cs.borderTopStyle,
          borderTopColor: cs.borderTopColor,
          lineHeight: cs.lineHeight,
          textTransform: cs.textTransform,
          textAlign: cs.textAlign,
          letterSpacing: cs.letterSpacing,
          fontStyle: cs.fontStyle,
          display: cs.display,
        };
      }
      return out;
    },
    { hostSelector, selectors },
  );
}

test('the embed demo runs two independent instances that the host page’s styles do not reach', { timeout: 30_000 }, async () => {
  const { context, page, problems } = await openPage({ width: 1280, height: 900 });
  try {
    await gotoReady(page, 'embed-demo.html');
    const first = page.locator('#first');
    const second = page.locator('#second');

    // Each started from its own attributes, in its own language.
    assert.equal(await first.locator('#q').inputValue(), 'Kim');
    assert.equal(await second.locator('#q').inputValue(), 'Putin');
    assert.equal((await first.locator('.search-label').textContent())?.trim(), 'Artikel durchsuchen');
    assert.equal((await second.locator('.search-label').textContent())?.trim(), 'Search the articles');
    await first.locator('ol.hits > li').first().waitFor();
    await second.locator('#status').filter({ hasText: /found|No / }).waitFor();
    const secondStatus = await second.locator('#status').textContent();
    const secondHits = await second.locator('ol.hits > li').count();

    // Typing in one leaves the other alone, and neither touches the URL.
    const url = page.url();
    await typeQuery(page, WORD, first);
    assert.ok((await statusCount(first)) >= 1);
    assert.equal(await second.locator('#q').inputValue(), 'Putin');
    assert.equal(await second.locator('#status').textContent(), secondStatus, 'the second instance kept its results');
    assert.equal(await second.locator('ol.hits > li').count(), secondHits);
    await first.locator('ol.hits a.item-link').first().click();
    await first.locator('article.reader').waitFor();
    assert.equal(await second.locator('article.reader').count(), 0, 'the second instance opened nothing');
    assert.equal(page.url(), url, 'history="none": the URL is untouched');
    // "/" goes to the first instance only when nothing is focused; Esc closes its reader.
    await page.keyboard.press('Escape');
    await first.locator('article.reader').waitFor({ state: 'detached' });

    // Inside: the explorer's own look, whatever the host says.
    const inside = await shadowStyles(page, '#first', {
      root: '.root',
      title: 'ol.hits .hit-title a',
      mark: 'ol.hits mark',
      hit: 'ol.hits > li',
      input: '#q',
      button: 'select#sort',
    });
    assert.doesNotMatch(inside.root.fontFamily, /Comic|cursive/i, 'no Comic Sans inside');
    assert.equal(inside.root.fontSize, '16px', 'the host’s 40px font size does not reach in');
    assert.equal(inside.root.textTransform, 'none');
    assert.equal(inside.root.fontStyle, 'normal');
    assert.equal(inside.root.letterSpacing, 'normal');
    assert.notEqual(inside.root.textAlign, 'center');
    assert.equal(inside.root.color, 'rgb(28, 29, 33)', 'the light theme’s text colour, not red');
    assert.equal(inside.title.color, 'rgb(11, 86, 163)', 'links in the accent colour, not red');
    assert.equal(inside.mark.background, 'rgb(255, 226, 122)', 'marks are yellow');
    assert.notEqual(inside.mark.borderTopStyle, 'dotted', 'no dotted lime border on marks');
    assert.notEqual(inside.hit.borderTopStyle, 'dotted', 'no dotted lime border on list items');
    assert.equal(inside.hit.display, 'list-item');
    assert.equal(inside.input.borderTopStyle, 'solid', 'the search box keeps its own border');
    assert.notEqual(inside.input.display, 'inline', 'the search box is not `all: unset`');

    // The dark, compact, restyled second instance.
    const dark = await shadowStyles(page, '#second', { root: '.root', primary: '.filters-toggle' });
    assert.equal(dark.root.background, 'rgb(19, 20, 23)', 'theme="dark" whatever the scheme');
    assert.equal(dark.root.fontSize, '15px', 'the host’s --ae-font-size applies');
    assert.equal(await second.locator('#sidebar').isVisible(), false, 'compact: the filters are a closed panel');

    // Outside: the explorer's styles stay in; the host's own elements keep the host's look.
    const host = await page.evaluate(() => {
      const cs = (/** @type {string} */ sel) => getComputedStyle(/** @type {Element} */ (document.querySelector(sel)));
      return {
        mark: { border: cs('#host-mark').borderTopStyle, background: cs('#host-mark').backgroundColor },
        button: { background: cs('#host-button').backgroundColor, border: cs('#host-button').borderTopColor },
        li: { border: cs('#host-list li').borderTopStyle },
        body: { font: cs('body').fontFamily },
      };
    });
    assert.equal(host.mark.border, 'dotted', 'the host’s mark keeps its dotted border');
    assert.notEqual(host.mark.background, 'rgb(255, 226, 122)', 'the explorer’s mark colour does not leak out');
    assert.equal(host.button.background, 'rgb(255, 255, 0)', 'the host’s .button rule wins on its own button');
    assert.equal(host.li.border, 'dotted');
    assert.match(host.body.font, /Comic/, 'the host keeps its (terrible) font');

    // The JS API without UI on the same page.
    await page.locator('#quick-results li').first().waitFor();
    assert.match((await page.locator('#quick-status').textContent()) ?? '', /^\d+ Artikel für „Pjöngjang“$/);

    // Events reached the page, from both instances.
    const log = (await page.locator('#events').textContent()) ?? '';
    assert.match(log, /explorer-ready #first/);
    assert.match(log, /explorer-ready #second/);
    assert.match(log, /explorer-search #second „Putin“/);
    assert.match(log, /explorer-open #first/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the embed demo loads the explorer with a single script and one WebAssembly fetch', { timeout: 20_000 }, async () => {
  const { context, page, problems } = await openPage();
  try {
    /** @type {string[]} */
    const wasm = [];
    page.on('request', (req) => {
      if (req.url().endsWith('.wasm')) wasm.push(req.url());
    });
    await gotoReady(page, 'embed-demo.html');
    const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => e.getAttribute('src')));
    assert.deepEqual(scripts, ['./article-explorer.js'], 'one script tag');
    assert.ok(wasm.length <= 1, `the module is fetched at most once for both instances, got ${wasm.length}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

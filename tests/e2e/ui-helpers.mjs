// Shared helpers of the ui-*.test.mjs browser tests (not a test file itself).
//
// The explorer lives in the shadow root of <article-explorer>; Playwright's
// CSS locators pierce open shadow roots, so `page.locator('ol.hits > li')`
// finds the hits inside it. `document.activeElement` stops at the host, so
// `deepActive` follows the shadow roots down.

import { before, after } from 'node:test';
import { createRequire } from 'node:module';
import { launchChromium, openPage as openBrowserPage } from './browser.mjs';

export const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const BASE = process.env.EXPLORER_URL;
if (!BASE) {
  throw new Error(
    'EXPLORER_URL is not set. Serve dist/ (e.g. `cargo xtask serve --port 8123`) and run ' +
      '`EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/`.',
  );
}

/** A word that occurs in the seed articles. */
export const WORD = 'Pjöngjang';
export const NONSENSE = 'xqzvjwkq';
export const STEP_MS = 8_000;

/** @type {import('playwright-core').Browser} */
let browser;

/** Starts one Chromium for the calling test file and closes it after. */
export function useBrowser() {
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
}

/**
 * A fresh page in the browser of `useBrowser()` that records everything that went wrong
 * (browser.mjs): console errors, uncaught exceptions, failed requests, HTTP errors and a crash.
 * @param {{ colorScheme?: 'light'|'dark', width?: number, height?: number }} [options]
 */
export function openPage(options) {
  return openBrowserPage(browser, { ...options, timeout: STEP_MS });
}

/**
 * Opens `path` (relative to BASE, e.g. "#q=Kim" or "embed-demo.html") and
 * waits until every explorer on it is ready.
 * @param {import('playwright-core').Page} page
 * @param {string} [path]
 */
export async function gotoReady(page, path = '') {
  await page.goto(new URL(path, BASE).href);
  await waitReady(page);
}

/**
 * Waits until every explorer on the page is ready.
 * @param {import('playwright-core').Page} page
 */
export async function waitReady(page) {
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('article-explorer')];
    return all.length > 0 && all.every((el) => el.getAttribute('state') === 'ready');
  });
}

/**
 * Calls the JS API of the page's (first) explorer: `fn(explorer, arg)` runs in the page.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {(ex: any, arg: any) => T} fn
 * @param {unknown} [arg]
 * @returns {Promise<T>}
 */
export function api(page, fn, arg) {
  return page.evaluate(
    async ({ source, arg }) => {
      const ex = await /** @type {any} */ (document.querySelector('article-explorer')).explorer;
      // eslint-disable-next-line no-new-func
      return new Function('ex', 'arg', `return (${source})(ex, arg);`)(ex, arg);
    },
    { source: fn.toString(), arg },
  );
}

/** The entities of the index (may be empty until the recogniser lands). */
export function entities(page) {
  return api(page, (ex) => ex.entities());
}

/**
 * The focused element, following open shadow roots: `{ id, tag, key, text, rank }`.
 * @param {import('playwright-core').Page} page
 */
export function deepActive(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    const el = /** @type {HTMLElement} */ (a);
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      key: el.dataset?.key ?? null,
      text: (el.textContent ?? '').trim(),
      rank: el.closest('li')?.dataset.rank ?? null,
      article: el.dataset?.article ?? null,
    };
  });
}

/**
 * Types like a person (so debouncing and stale answers are exercised), then
 * waits until the list shows the answer for the whole text.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @param {import('playwright-core').Locator} [scope] the explorer to type into
 */
export async function typeQuery(page, text, scope = page.locator('article-explorer').first()) {
  await scope.locator('#q').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 20 });
  await scope.locator(`#list-view[data-query=${JSON.stringify(text.trim())}]`).waitFor({ state: 'attached' });
}

/**
 * The number in the German status line ("12 Artikel gefunden"), or 0 for "Keine …".
 * @param {import('playwright-core').Locator} scope
 */
export async function statusCount(scope) {
  const text = (await scope.locator('#status').textContent()) ?? '';
  const m = /^(\d[\d.]*) Artikel gefunden/.exec(text);
  return m ? Number(m[1].replace(/\./g, '')) : 0;
}

/**
 * Runs axe-core (it follows open shadow roots) and returns the serious and
 * critical violations, one line each. `context` narrows the scan.
 * @param {import('playwright-core').Page} page
 * @param {unknown} [context]
 */
export async function seriousViolations(page, context = null) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async (ctx) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(ctx ?? document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary?.split('\n')[1] ?? ''}`),
      }));
  }, context);
  return violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(' | ')}`);
}

/**
 * Skips the rest of a test when the index has no entities, saying why.
 * @param {import('node:test').TestContext} t
 * @param {unknown[]} list
 */
export function needEntities(t, list) {
  if (list.length > 0) return false;
  t.skip('the index has no recognised entities (entities() is empty): entity assertions skipped');
  return true;
}

/**
 * Reads `read()` until `ok(reading)` holds or `ms` pass, and returns the last reading (the
 * caller asserts on it). The UI draws when the worker's answer arrives, after the URL and the
 * controls have changed: a test that changed a control reads the list through this.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<T>} read
 * @param {(reading: T) => boolean} ok
 * @param {number} [ms]
 * @returns {Promise<T>}
 */
export async function eventually(page, read, ok, ms = 5000) {
  let reading = await read();
  for (const until = Date.now() + ms; !ok(reading) && Date.now() < until; reading = await read()) {
    await page.waitForTimeout(50);
  }
  return reading;
}

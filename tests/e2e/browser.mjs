// The browser plumbing shared by the end-to-end tests (tests/e2e/) and by the browser half of
// `cargo xtask bench` (bench/browser.mjs): headless Chromium, and a fresh page that records
// everything that went wrong on it. Not a test file itself.

import { chromium } from 'playwright-core';

/** The system's Chromium (playwright-core downloads no browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless Chromium; the caller closes it.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page that record everything that went wrong, one line each in
 * `problems`: console errors (a Content-Security-Policy violation is one), uncaught
 * exceptions, failed requests, HTTP errors (status 400 and above) and a crash of the page.
 * Anything else (routing, going offline) is the caller's to add to the page or context.
 * @param {import('playwright-core').Browser} browser
 * @param {{ colorScheme?: 'light'|'dark', width?: number, height?: number, locale?: string, timeout?: number }} [options]
 *   `timeout`: the page's default time for each step in ms (Playwright's own when not given).
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, problems: string[] }>}
 */
export async function openPage(
  browser,
  { colorScheme = 'light', width = 1280, height = 800, locale = 'de-DE', timeout } = {},
) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, locale });
  const page = await context.newPage();
  if (timeout !== undefined) page.setDefaultTimeout(timeout);
  /** @type {string[]} */
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('crash', () => problems.push('the page crashed (renderer out of memory?)'));
  return { context, page, problems };
}

/**
 * Waits until the lazy hosted build's service worker holds every index file the page's
 * explorer has read (`indexFilesLoaded()`) in its build's cache. `sw-register.js` asks again
 * through the worker, once a second for ten seconds, for what the explorer fetched before the
 * worker ran the page or outside it; going offline before that has ended may lose a file that
 * was still on its way. Returns the names waited for.
 * @param {import('playwright-core').Page} page
 * @param {(name: string) => boolean} [which] the files to wait for (every index file by default)
 * @returns {Promise<string[]>}
 */
export async function untilKept(page, which = () => true) {
  const names = (
    await page.evaluate(async () => {
      const ex = await document.querySelector('article-explorer')?.asyncExplorer;
      return ex.indexFilesLoaded();
    })
  ).filter(which);
  await page.waitForFunction(
    async (/** @type {string[]} */ names) => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('article-explorer-'));
      if (keys.length !== 1) return false;
      const cache = await caches.open(keys[0]);
      const kept = await Promise.all(names.map((n) => cache.match(new URL(`index/${n}`, location.href).href)));
      return kept.every(Boolean);
    },
    names,
    { timeout: 20_000 },
  );
  return names;
}

// Longest main-thread tasks of <article-explorer> (index.html) on a served dist:
// navigation -> state "ready" -> first list drawn -> 3 s idle -> a typed query's list ->
// "mehr anzeigen" on the start page list three times -> the most mentioned name's view.
// PerformanceObserver('longtask') (tasks over 50 ms); one JSON line per fresh load.
// usage: node bench/ui-longtasks.mjs http://127.0.0.1:PORT/ [runs] [screenshot prefix]
// on a served dist, e.g. of `ARTICLES_DIR=/work/corpora/35k-10000 cargo xtask dist`.
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';
const base = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const browser = await launchChromium();
for (let i = 0; i < runs; i++) {
  const { context, page, problems } = await openPage(browser, { timeout: 600_000 });
  await context.route('**/sw-register.js', (r) => r.fulfill({ contentType: 'text/javascript', body: '' }));
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const t of l.getEntries()) window.__long.push({ start: t.startTime, ms: t.duration }); }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('explorer-ready', () => { window.__ready = performance.now(); }, true);
    document.addEventListener('explorer-search', () => { window.__lists = (window.__lists ?? 0) + 1; window.__firstList ??= performance.now(); }, true);
  });
  await page.goto(base);
  await page.waitForFunction(() => window.__ready && window.__firstList, null, { timeout: 600_000, polling: 50 });
  await page.waitForTimeout(3000);
  const start = await page.evaluate(() => ({
    ready: Math.round(window.__ready), firstList: Math.round(window.__firstList),
    rows: document.querySelector('article-explorer').shadowRoot.querySelectorAll('li').length,
    tasks: window.__long.map((t) => [Math.round(t.start), Math.round(t.ms)]),
  }));
  const host = page.locator('article-explorer');
  const shots = i === 0 ? process.argv[4] : undefined;
  if (shots) {
    await host.locator('button.more-items').first().scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.screenshot({ path: `${shots}-start.png` });
  }
  // The start page's "mehr anzeigen", three times.
  const mark1 = await page.evaluate(() => performance.now());
  for (let k = 0; k < 3; k++) { await host.locator('button.more-items').first().click({ timeout: 2000 }).catch(() => {}); await page.waitForTimeout(300); }
  const more = await page.evaluate((m) => ({ rows: document.querySelector('article-explorer').shadowRoot.querySelectorAll('.collection-list > li').length, tasks: window.__long.filter((t) => t.start > m).map((t) => Math.round(t.ms)) }), mark1);
  // A typed query.
  const mark2 = await page.evaluate(() => performance.now());
  await host.locator('input[type=search]').first().fill('Beziehungen');
  await page.waitForFunction(() => window.__lists >= 2, null, { timeout: 60_000, polling: 50 });
  await page.waitForTimeout(1500);
  if (shots) await page.screenshot({ path: `${shots}-query.png` });
  const query = await page.evaluate((m) => ({ tasks: window.__long.filter((t) => t.start > m).map((t) => Math.round(t.ms)) }), mark2);
  // The most mentioned name's view (from the start page's chips).
  await host.locator('input[type=search]').first().fill('');
  await host.locator('.top-entities a').first().waitFor();
  const mark3 = await page.evaluate(() => performance.now());
  await host.locator('.top-entities a').first().click();
  await host.locator('#entity-articles-heading').waitFor();
  await page.waitForTimeout(1500);
  const entity = await page.evaluate((m) => ({ heading: document.querySelector('article-explorer').shadowRoot.querySelector('#entity-articles-heading')?.textContent, rows: document.querySelector('article-explorer').shadowRoot.querySelectorAll('#reader-view li').length, tasks: window.__long.filter((t) => t.start > m).map((t) => Math.round(t.ms)) }), mark3);
  if (shots) await page.screenshot({ path: `${shots}-entity.png` });
  const longest = (ts) => Math.max(0, ...ts.map((t) => (Array.isArray(t) ? t[1] : t)));
  console.log(JSON.stringify({ run: i + 1, ready: start.ready, firstList: start.firstList, rowsAtStart: start.rows,
    longestToReady: longest(start.tasks.filter((t) => t[0] <= start.ready)), longestReadyToIdle: longest(start.tasks.filter((t) => t[0] > start.ready)),
    startTasks: start.tasks, moreRows: more.rows, longestMore: longest(more.tasks), longestQuery: longest(query.tasks), entity: entity.heading, entityRows: entity.rows, longestEntity: longest(entity.tasks), problems }));
  await context.close();
}
await browser.close();

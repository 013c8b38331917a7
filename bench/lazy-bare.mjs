// The first page of hits of the hosted lazy page in a Chromium that no tool is attached to:
// what a reader's browser pays. `bench/lazy-queries.mjs` drives Chromium through the DevTools
// protocol (Playwright), which watches every request; on this 2-core machine that costs the
// page's main thread about half a millisecond a request, and a first page makes 20 to 70.
// Here each query gets its own Chromium with a new profile (an empty cache), started on a page
// of this server that makes the explorer, draws the start page as the element does, asks the
// query as `lazy-queries.mjs` does (`fetchFor(q, { limit, facets: false })`, `search()`), then
// its facets (`fetchFor(q, { limit })`, `search()`), and posts its timings (performance.now()
// in the page) and the Resource Timing of its requests back to this server.
//
//   node bench/lazy-bare.mjs DIST_DIR [--queries bench/queries.txt] [--limit 20] [--out FILE]
//
// Prints one JSON line per query on stderr (time, rounds, files, texts, requests, and when
// each request started, was sent and ended, in ms after the query began) and the summary as
// JSON on stdout (or --out). Nothing here judges a figure.

import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser.mjs';
import { requestPath, sendDistFile } from './dist-files.mjs';

const argv = process.argv.slice(2);
const dir = resolve(argv[0] && !argv[0].startsWith('--') ? argv[0] : 'dist-lazy');
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const limit = Number(opt('limit', '20'));
const out = opt('out', null);
/** `category query` lines, sent as `cargo xtask bench` sends them (see lazy-queries.mjs). */
const queries = readFileSync(opt('queries', 'bench/queries.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [category, ...words] = line.split(/\s+/);
    return category === 'prefix' ? words.join(' ') : `${words.join(' ')} `;
  });

/** The page: the element's start page, then the query (its parameters in the fragment). */
const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bare</title>
<script type="module">
const [q, limit] = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const report = (r) => fetch('/result', { method: 'POST', body: JSON.stringify({ q, ...r }) });
try {
  const { createExplorer } = await import('./explorer.js');
  const t00 = performance.now();
  const ex = await createExplorer();
  const start = { sort: 'relevance', demonyms: true, limit: 50 };
  await ex.fetchForOverview(start);
  ex.overview(start);
  const ready = performance.now() - t00;
  await new Promise((ok) => setTimeout(ok, 300));
  const o = { limit, facets: false };
  const t0 = performance.now();
  const load = await ex.fetchFor(q, o);
  const page = ex.search(q, o);
  const ms = performance.now() - t0;
  const pending = page.hits.filter((h) => h.snippet?.pending).length;
  const requests = performance.getEntriesByType('resource')
    .filter((e) => e.startTime >= t0 && e.startTime <= t0 + ms)
    .map((e) => [e.startTime - t0, e.requestStart - t0, e.responseEnd - t0].map(Math.round).join('/') + ' ' + e.name.split('/').slice(-2).join('/').slice(0, 16));
  const t1 = performance.now();
  await ex.fetchFor(q, { limit });
  ex.search(q, { limit });
  const facets = performance.now() - t1;
  report({ ready, ms, facets, rounds: load.rounds, files: load.files, texts: load.texts?.chunks ?? 0, pending, total: page.total, requests });
} catch (e) {
  report({ error: String(e?.message ?? e) });
}
</script>`;

let waiting = null;
const server = createServer(async (req, res) => {
  const path = requestPath(req);
  if (path === '/bare.html') {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache' }).end(PAGE);
    return;
  }
  if (path === '/result') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.end();
      waiting?.(JSON.parse(body));
    });
    return;
  }
  await sendDistFile(dir, path, res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/`;

const rows = [];
for (const q of queries) {
  const profile = mkdtempSync(join(tmpdir(), 'lazy-bare-'));
  const got = new Promise((ok) => (waiting = ok));
  const url = `${base}bare.html#${encodeURIComponent(JSON.stringify([q, limit]))}`;
  // Its own process group: the browser and every process it started end together.
  const chromium = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, url], { stdio: 'ignore', detached: true });
  const exited = new Promise((ok) => chromium.once('exit', ok));
  const row = await Promise.race([got, new Promise((ok) => setTimeout(() => ok({ q, error: 'no answer in 120 s' }), 120_000))]);
  try {
    process.kill(-(chromium.pid ?? 0), 'SIGKILL');
  } catch {
    // Gone already.
  }
  await exited;
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rows.push(row);
  console.error(JSON.stringify(row));
}
server.close();

const figures = (values) => {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  const at = (p) => Math.round(v[Math.min(v.length - 1, Math.floor(p * v.length))] * 10) / 10;
  return v.length ? { median: at(0.5), p95: at(0.95), max: at(1) } : null;
};
const summary = {
  dist: dir,
  queries: rows.length,
  failed: rows.filter((r) => r.error).map((r) => `${r.q.trim()}: ${r.error}`),
  firstPageMs: figures(rows.map((r) => r.ms)),
  facetsMs: figures(rows.map((r) => r.facets)),
  readyMs: figures(rows.map((r) => r.ready)),
  requests: figures(rows.map((r) => r.requests?.length)),
  rounds: figures(rows.map((r) => r.rounds)),
  stillPending: rows.reduce((n, r) => n + (r.pending ?? 0), 0),
};
const text = JSON.stringify(summary, null, 2);
if (out) writeFileSync(out, `${text}\n`);
console.log(text);

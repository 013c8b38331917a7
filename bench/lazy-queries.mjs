// Per-query cost of the hosted lazy page through its JS API, in headless Chromium over
// loopback: for every query of the bench's list, the first page of hits with its snippets
// (what a reader sees), fetched with a fresh cache and again with a warm one, and the whole
// list in one page keeping what it fetched. Issue 18's figures: ready, bytes and requests per
// query, latency fresh and warm, the list's total.
//
//   node bench/lazy-queries.mjs DIST_DIR [--queries bench/queries.txt] [--limit 20] [--start] [--h2] [--out FILE]
//   e.g. after `ARTICLES_DIR=/work/corpora/10000 cargo xtask dist --hosted --lazy`:
//        node bench/lazy-queries.mjs dist-lazy
//
// Serves DIST_DIR itself (no compression: files as they are; every byte figure is also given
// gzip-compressed, what a server compressing them would send). The index and text files are
// named by their content, so they are served as a CDN would: `immutable`, a year; the rest
// `no-cache`. Bytes and requests are counted by this server: what reached the network.
//
// One query, as the element asks it: first the page of hits with its snippets, without the
// facets (`fetchFor(q, { limit, facets: false })`, its rounds; `search()`; `loadText()` of the
// hits whose snippets are pending; `search()` again, after rounds only if it names a file it
// lacks): "first page", the time from the first
// call to the last answer, measured in the page (performance.now()); then the facets
// (`fetchFor(q, { limit })`, `search()`): "facets", time and bytes beyond the first page
// (the two together are the whole answer). After the explorer is ready (`createExplorer()`
// resolved, or with --start the start page drawn; its bytes are not the query's).
// - fresh: a new browser context per query (empty HTTP cache), the explorer made, the query;
// - warm:  a new page in that context (the HTTP cache holds what the fresh run fetched), the
//          explorer made again, the same query: what a reader who asked it before pays;
// - list:  one page, every query in order, nothing dropped between them (the budget's "over
//          the bench's query list").
// --start: "ready" is the element page's (`<article-explorer>`): the explorer made and its start
// page asked (`fetchForOverview` + `overview` with the catalog's options: index order,
// demonyms, 50 articles), so a query's bytes are what it fetches after the page shows its
// start page (the entity names and totals the start page read are not counted again).
// Without it, ready is the JS API's `createExplorer()` alone.
// Queries are sent as `cargo xtask bench` sends them: with a trailing space (the word is
// finished), except in the `prefix` category. Prints one JSON line per query on stderr and
// the summary as JSON on stdout (or --out). Nothing here judges a figure.

import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';
import { requestPath, sendDistFile } from './dist-files.mjs';

const argv = process.argv.slice(2);
const dir = resolve(argv[0] && !argv[0].startsWith('--') ? argv[0] : 'dist-lazy');
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const queriesFile = opt('queries', 'bench/queries.txt');
const limit = Number(opt('limit', '20'));
const out = opt('out', null);
const afterStart = argv.includes('--start');
const h2 = argv.includes('--h2');
/** The element's start page (`www/ui/catalog.js`, `overview()` in lazy mode). */
const START = { sort: 'relevance', demonyms: true, limit: 50 };

/** `category query` lines; the query as a person leaves it (see the header). */
const queries = readFileSync(queriesFile, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [category, ...words] = line.split(/\s+/);
    const text = words.join(' ');
    return { category, query: category === 'prefix' ? text : `${text} ` };
  });

/** What the server sent since the last `mark()`: requests, bytes, gzip bytes, by folder, and
 * the index files' gzip bytes by kind (`d` shards, `p` packs, `s` sections, `a` row chunks). */
const nothingServed = () => ({ requests: 0, bytes: 0, gzip: 0, index: 0, text: 0, kinds: /** @type {Record<string, number>} */ ({}) });
let served = nothingServed();
const mark = () => {
  const was = served;
  served = nothingServed();
  return was;
};
/** @type {Map<string, number>} path -> its gzip size (computed once) */
const gzipOf = new Map();

/** @param {any} req @param {any} res */
const handle = async (req, res) => {
  const path = requestPath(req);
  if (path === '/bench-lazy-queries.html') {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache' });
    res.end('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>');
    return;
  }
  const sent = await sendDistFile(dir, path, res);
  if (!sent) return;
  const { file, body } = sent;
  if (!gzipOf.has(file)) gzipOf.set(file, gzipSync(body).length);
  served.requests += 1;
  served.bytes += body.length;
  served.gzip += gzipOf.get(file) ?? 0;
  if (path.startsWith('/index/')) {
    served.index += gzipOf.get(file) ?? 0;
    const kind = path.slice('/index/'.length, '/index/'.length + 1);
    served.kinds[kind] = (served.kinds[kind] ?? 0) + (gzipOf.get(file) ?? 0);
  }
  if (path.startsWith('/text/')) served.text += gzipOf.get(file) ?? 0;
};
/** --h2: HTTP/2 over TLS (a key and certificate made for 127.0.0.1 by openssl, accepted by
 * the browser context), as a CDN serves: every file of a round on one connection at once,
 * instead of HTTP/1.1's six connections a host, which queue a page's twenty texts. Its warm
 * figures are not a warm cache: Chromium caches nothing from a certificate it had to accept
 * as an error. */
function tlsCredentials() {
  const tmp = mkdtempSync(join(tmpdir(), 'lazy-queries-'));
  const [key, cert] = [join(tmp, 'key.pem'), join(tmp, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
const server = h2 ? createSecureServer({ ...tlsCredentials(), allowHTTP1: true }, handle) : createServer(handle);
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `${h2 ? 'https' : 'http'}://127.0.0.1:${/** @type {any} */ (server.address()).port}/`;
/** A browser context (fresh cache) for the server above. */
const newContext = async () => (h2 ? { context: await browser.newContext({ ignoreHTTPSErrors: true }) } : openPage(browser));
const blank = `${base}bench-lazy-queries.html`;

/** The letter that starts an index file's name (`explorer_index::lazy::FileKind`). */
const KIND_NAMES = { r: 'root', d: 'shards', p: 'packs', s: 'sections', a: 'rows' };
const kib = (n) => Math.round((n / 1024) * 10) / 10;

/** A page on `context` with the explorer made (its module imported, `createExplorer()`). */
async function explorerPage(context, problems) {
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  await page.goto(blank);
  const readyMs = await page.evaluate(async ([b, start]) => {
    const t0 = performance.now();
    const { createExplorer } = await import(new URL('explorer.js', b).href);
    window.__ex = await createExplorer();
    if (start) {
      await window.__ex.fetchForOverview(start);
      window.__ex.overview(start);
    }
    return performance.now() - t0;
  }, [base, afterStart ? START : null]);
  return { page, readyMs };
}

/** The first page of hits of `query` with its snippets, timed in the page; a failure is
 * recorded in `problems` and gives `ms: null`. */
async function firstPage(page, query) {
  try {
    return await ask(page, query);
  } catch (e) {
    problems.push(`${query.trim()}: ${String(e?.message ?? e).split('\n')[0]}`);
    return { ms: null, total: null, hits: 0, stillPending: 0, facetsMs: null, firstServed: mark(), facetsServed: mark() };
  }
}

async function ask(page, query) {
  const first = await page.evaluate(
    async ([q, n]) => {
      const ex = window.__ex;
      // The first page with its snippets, as the element draws it first (www/ui/effects.js
      // `hitsFirst`): without the facets, which come after.
      const options = { limit: n, facets: false };
      const t0 = performance.now();
      await ex.fetchFor(q, options);
      const t1 = performance.now();
      let r = ex.search(q, options);
      const t2 = performance.now();
      const pending = r.hits.filter((h) => h.snippet?.pending).map((h) => h.id);
      if (pending.length > 0) {
        await ex.loadText(pending);
        // With the texts in, asked at once; if the snippets' marks read a file more (an alias
        // shard), the search names it and its rounds run first: as the element does
        // (www/ui/effects.js, `pageWithTexts`).
        try {
          r = ex.search(q, options);
        } catch (e) {
          if (typeof e?.missingFile !== 'string') throw e;
          await ex.fetchFor(q, options);
          r = ex.search(q, options);
        }
      }
      const ms = performance.now() - t0;
      // Where the time went: the rounds (fetches and assembling), the first search, the texts and the search again.
      const phases = { rounds: Math.round(t1 - t0), search: Math.round(t2 - t1), texts: Math.round(performance.now() - t2) };
      return { ms, phases, total: r.total, hits: r.hits.length, stillPending: r.hits.filter((h) => h.snippet?.pending).length };
    },
    [query, limit],
  );
  const firstServed = mark();
  // Then the facets (entities, sources, authors) over every match: their own rounds.
  const facetsMs = await page.evaluate(
    async ([q, n]) => {
      const ex = window.__ex;
      const t0 = performance.now();
      await ex.fetchFor(q, { limit: n });
      ex.search(q, { limit: n });
      return performance.now() - t0;
    },
    [query, limit],
  );
  const facetsServed = mark();
  return { ...first, facetsMs, firstServed, facetsServed };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
const stats = (all) => { const values = all.filter((v) => v !== null); return { median: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)), failed: all.length - values.length }; };

const browser = await launchChromium();
/** @type {string[]} */
const problems = [];
const rows = [];
let ready = null;
try {
  for (const { category, query } of queries) {
    const { context } = await newContext();
    mark();
    const fresh = await explorerPage(context, problems);
    const atReady = mark();
    ready ??= { ms: round(fresh.readyMs), requests: atReady.requests, kib: kib(atReady.bytes), gzipKib: kib(atReady.gzip), indexGzipKib: kib(atReady.index) };
    const f = await firstPage(fresh.page, query);
    const fetched = f.firstServed;
    await fresh.page.close();
    const warm = await explorerPage(context, problems);
    mark();
    const w = await firstPage(warm.page, query);
    const warmFetched = { requests: w.firstServed.requests + w.facetsServed.requests };
    await context.close();
    const row = {
      category,
      query: query.trim(),
      total: f.total,
      freshMs: round(f.ms),
      warmMs: round(w.ms),
      fresh: f.phases,
      warm: w.phases,
      requests: fetched.requests,
      gzipKib: kib(fetched.gzip),
      indexGzipKib: kib(fetched.index),
      textGzipKib: kib(fetched.text),
      indexKindsGzipKib: Object.fromEntries(Object.entries(fetched.kinds).map(([k, v]) => [k, kib(v)])),
      // The facets after the first page: time, and bytes and requests beyond it.
      facetsMs: round(f.facetsMs),
      facetsGzipKib: kib(f.facetsServed.gzip),
      facetsRequests: f.facetsServed.requests,
      warmFacetsMs: round(w.facetsMs),
      warmRequests: warmFetched.requests,
      stillPending: f.stillPending,
    };
    rows.push(row);
    console.error(JSON.stringify(row));
  }
  // The list in one page, keeping what it fetched.
  const { context } = await newContext();
  const one = await explorerPage(context, problems);
  const listReady = mark();
  const listMs = [];
  const listServed = { requests: 0, gzip: 0, index: 0, text: 0 };
  /** @type {Record<string, number>} */
  const listKinds = {};
  for (const { query } of queries) {
    const r = await firstPage(one.page, query);
    listMs.push(r.ms);
    for (const part of [r.firstServed, r.facetsServed]) {
      for (const k of Object.keys(listServed)) listServed[k] += part[k];
      for (const [k, v] of Object.entries(part.kinds ?? {})) listKinds[k] = (listKinds[k] ?? 0) + v;
    }
  }
  // (a query that failed in the list still counts its bytes)
  const list = listServed;
  await context.close();
  const summary = {
    dist: dir,
    queries: rows.length,
    limit,
    protocol: h2 ? 'HTTP/2 (TLS)' : 'HTTP/1.1',
    readyIs: afterStart ? 'the element page: createExplorer() and its start page' : 'createExplorer()',
    ready,
    // The first page of hits with its snippets (no facets), fresh cache.
    fresh: { ms: stats(rows.map((r) => r.freshMs)), gzipKib: stats(rows.map((r) => r.gzipKib)), requests: stats(rows.map((r) => r.requests)) },
    // The facets after it: time, and bytes beyond the first page (first page + facets = the whole answer).
    facets: { ms: stats(rows.map((r) => r.facetsMs)), gzipKib: stats(rows.map((r) => r.facetsGzipKib)), requests: stats(rows.map((r) => r.facetsRequests)), wholeGzipKib: stats(rows.map((r) => round(r.gzipKib + r.facetsGzipKib))) },
    warm: {
      ms: stats(rows.map((r) => r.warmMs)),
      facetsMs: stats(rows.map((r) => r.warmFacetsMs)),
      requests: stats(rows.map((r) => r.warmRequests)),
      // Chromium keeps nothing in its HTTP cache for a certificate accepted as an error.
      ...(h2 ? { note: 'not a warm cache over --h2: every file is fetched again (see requests)' } : {}),
    },
    list: { readyGzipKib: kib(listReady.gzip), requests: list.requests, gzipKib: kib(list.gzip), indexGzipKib: kib(list.index), textGzipKib: kib(list.text), indexKindsGzipKib: Object.fromEntries(Object.entries(listKinds).map(([k, v]) => [KIND_NAMES[k] ?? k, kib(v)])), ms: stats(listMs) },
    slowest: [...rows].sort((a, b) => (b.freshMs ?? 0) - (a.freshMs ?? 0)).slice(0, 5).map((r) => `${r.query} ${r.freshMs} ms`),
    largest: [...rows].sort((a, b) => b.gzipKib - a.gzipKib).slice(0, 5).map((r) => `${r.query} ${r.gzipKib} KiB`),
    stillPending: rows.filter((r) => r.stillPending > 0).map((r) => r.query),
    problems,
  };
  const text = JSON.stringify(summary, null, 2);
  if (out) writeFileSync(out, text);
  console.log(text);
} finally {
  await browser.close();
  server.close();
}

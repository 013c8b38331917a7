// The browser half of `cargo xtask bench`: page readiness, query latency and memory in headless
// Chromium, against a served bench dist folder that has bench.html (bench/page.html) in it.
//
//   node bench/browser.mjs --url http://127.0.0.1:PORT/ --queries queries.json \
//        [--runs 5] [--loads 3] [--out result.json] [--hosted 1]
//
// queries.json: [{ "category": "word", "query": "Datei " }, ...] (xtask writes it from
// bench/queries.txt). Prints progress on stderr and the result as JSON on stdout (or --out).
//
// 1. Ready: `--loads` fresh browser contexts (no cache) each navigate to bench.html, which
//    records performance.now() (counted from navigation start) when createExplorer() resolves
//    and when the first search() returns. Median and every load are reported.
// 2. Queries: one more page, made cross-origin isolated (COOP/COEP headers added to the
//    document by routing) so that performance.now() has 5 µs rather than 100 µs resolution. One warm-up pass over
//    the list, then `--runs` passes; every search() is timed in the page, as the app calls it
//    (JS wrapper, wasm, results turned into JS objects), with { limit: 20 }.
//    Hosted mode (--hosted 1), before that, on the same page: the passes with no text loaded
//    (hits come with pending snippets), then one pass in list order that also fetches the
//    texts of each query's first page (`loadText`) and asks again: its time per query and the
//    bytes and requests it fetched ("then fetched while querying").
// 3. Memory after the queries: JS heap (CDP Performance.getMetrics after a GC), the wasm
//    linear memory (the module's exported memory), and the renderer process's RSS; and the
//    time to open the embedded index once more (`new Explorer()` in the warm module).
//
// Nothing here judges a figure: it measures and prints.

import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';

/** Generous: a 50k-article page may take minutes to compile. */
const LOAD_TIMEOUT_MS = 10 * 60_000;

function args() {
  const out = { runs: 5, loads: 3 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    const key = name.replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    out[key] = ['runs', 'loads', 'hosted'].includes(key) ? Number(value) : value;
  }
  if (!out.url || !out.queries) throw new Error('usage: browser.mjs --url URL --queries FILE [--runs N] [--loads N] [--out FILE]');
  return out;
}

const log = (...parts) => console.error('  browser:', ...parts);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
}

/** Percentile by nearest rank. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** RSS of the browser's renderer processes, from /proc (Linux), in bytes. */
function rendererMemory(browserPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // The process ended meanwhile.
    }
  }
  const result = { rss: 0, peak: 0, processes: 0 };
  const stack = [browserPid];
  while (stack.length) {
    const pid = stack.pop();
    for (const child of children.get(pid) ?? []) {
      stack.push(child);
      try {
        const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8');
        if (!cmdline.includes('--type=renderer')) continue;
        const status = readFileSync(`/proc/${child}/status`, 'utf8');
        const kb = (field) => Number((status.match(new RegExp(`${field}:\\s+(\\d+)`)) ?? [0, 0])[1]);
        result.rss += kb('VmRSS') * 1024;
        result.peak = Math.max(result.peak, kb('VmHWM') * 1024);
        result.processes += 1;
      } catch {
        // Gone.
      }
    }
  }
  return result;
}

async function openBenchPage(browser, base, { isolate, worker = false }) {
  // Records console errors, uncaught exceptions, failed requests, HTTP errors and a crash.
  const { context, page, problems } = await openPage(browser);
  if (isolate) {
    // Cross-origin isolation for a fine-grained performance.now(). Only the document and the
    // worker's script need the headers (same-origin subresources pass COEP as they are), so
    // only they are routed: routing the module too would send a 100 MB body through the
    // DevTools protocol.
    // A dedicated worker's script needs the embedder policy too (the worker-backed explorer).
    const isolated = async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
          'cross-origin-resource-policy': 'same-origin',
        },
      });
    };
    await page.route('**/bench.html*', isolated);
    await page.route('**/runtime/worker.js', isolated);
  }
  const started = Date.now();
  // Fresh loads also fetch the first answer's texts (hosted mode); the query page does not.
  const query = [isolate ? '' : 'texts=1', worker ? 'worker=1' : ''].filter(Boolean).join('&');
  await page.goto(new URL(`bench.html${query ? `?${query}` : ''}`, base).href, { timeout: LOAD_TIMEOUT_MS });
  await page.waitForFunction(() => window.__bench && window.__bench.done, null, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 50,
  });
  const bench = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance
      .getEntriesByType('resource')
      .find((r) => r.name.endsWith('.wasm'));
    return {
      ...window.__bench,
      documentResponseEnd: nav ? nav.responseEnd : null,
      wasmFetch: wasm
        ? { start: wasm.startTime, responseEnd: wasm.responseEnd, bytes: wasm.encodedBodySize }
        : null,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
    };
  });
  if (bench.error) problems.push(`bench page: ${bench.error}`);
  return { context, page, bench, problems, wallMs: Date.now() - started };
}

/**
 * `--loads` fresh loads of bench.html (`worker`: with ?worker=1): ready, first answer, longest
 * main-thread task until then, into `into.loads` and `into.ready`; problems into `result`.
 */
async function readiness(browser, opts, worker, into, result) {
  for (let i = 0; i < opts.loads; i++) {
    const { context, page, bench, problems } = await openBenchPage(browser, opts.url, { isolate: false, worker });
    let heap = null;
    if (i === 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      heap = Object.fromEntries(metrics.map((m) => [m.name, m.value])).JSHeapUsedSize ?? null;
    }
    into.loads.push({ ...bench, jsHeapAfterReady: heap });
    result.problems.push(...problems);
    log(`${worker ? 'worker ' : ''}load ${i + 1}/${opts.loads}: ready ${bench.ready?.toFixed(0)} ms (in a worker: ${bench.inWorker}), first answer ${bench.firstAnswer?.toFixed(0)} ms`);
    await context.close();
    if (problems.length) break;
  }
  const ok = into.loads.filter((l) => typeof l.firstAnswer === 'number');
  into.ready = {
    createdMs: median(ok.map((l) => l.ready)),
    firstAnswerMs: median(ok.map((l) => l.firstAnswer)),
    createExplorerMs: median(ok.map((l) => l.ready - l.scriptStart)),
    wasmFetchMs: median(ok.filter((l) => l.wasmFetch).map((l) => l.wasmFetch.responseEnd - l.wasmFetch.start)),
    firstSnippetsMs: median(ok.filter((l) => typeof l.firstSnippets === 'number').map((l) => l.firstSnippets)),
    firstTextBytes: median(ok.filter((l) => typeof l.firstTextBytes === 'number').map((l) => l.firstTextBytes)),
    firstTextChunks: median(ok.filter((l) => typeof l.firstTextChunks === 'number').map((l) => l.firstTextChunks)),
    // The longest main-thread task until the first answer (median over the loads; 0: none
    // over 50 ms).
    longestTaskMs: median(ok.filter((l) => Array.isArray(l.longTasks)).map((l) =>
      Math.max(0, ...l.longTasks.filter((t) => t.start <= l.firstAnswer).map((t) => t.ms)))),
  };
  into.ready.inWorker = into.loads.every((l) => l.inWorker === true);
}

async function main() {
  const opts = args();
  const queries = JSON.parse(readFileSync(opts.queries, 'utf8'));
  const browser = await launchChromium();
  // Chromium is a child of this node process (playwright starts it).
  const browserPid = process.pid;
  const result = { loads: [], problems: [] };
  try {
    // 1. Ready, from fresh contexts: the synchronous API, then the worker-backed one (as the UI loads it).
    await readiness(browser, opts, false, result, result);
    if (result.problems.length) throw new Error(result.problems.join('\n'));
    result.worker = { loads: [] };
    await readiness(browser, opts, true, result.worker, result);
    if (result.problems.length) throw new Error(result.problems.join('\n'));

    // 2. Queries, on an isolated page.
    const { context, page, bench, problems } = await openBenchPage(browser, opts.url, { isolate: true });
    result.problems.push(...problems);
    if (problems.length) throw new Error(problems.join('\n'));
    result.timerIsolated = bench.crossOriginIsolated;
    log(`query page ready (cross-origin isolated: ${bench.crossOriginIsolated}); ${queries.length} queries × ${opts.runs} runs after a warm-up pass`);
    const timeQueries = ({ queries, runs }) => {
      const ex = window.__explorer;
      const out = queries.map(() => ({ ms: [], total: 0, loosened: 0 }));
      for (let pass = 0; pass <= runs; pass++) {
        queries.forEach((q, i) => {
          const t = performance.now();
          const r = ex.search(q.query, { limit: 20 });
          const ms = performance.now() - t;
          if (pass === 0) {
            out[i].total = r.total;
            out[i].loosened = (r.loosened ?? []).length;
          } else {
            out[i].ms.push(ms);
          }
        });
      }
      return out;
    };
    const stats = (all) => ({ samples: all.length, p50: percentile(all, 50), p95: percentile(all, 95), max: Math.max(...all) });
    if (opts.hosted) {
      const cold = await page.evaluate(timeQueries, { queries, runs: opts.runs });
      result.latencyNoText = stats(cold.flatMap((s) => s.ms));
      log(`no text loaded: query p50 ${result.latencyNoText.p50.toFixed(3)} ms, p95 ${result.latencyNoText.p95.toFixed(3)} ms`);
      const fetched = await page.evaluate(async ({ queries }) => {
        const ex = window.__explorer;
        const out = [];
        for (const q of queries) {
          const t = performance.now();
          const r = ex.search(q.query, { limit: 20 });
          const got = await ex.loadText(r.hits.filter((h) => h.snippet.pending).map((h) => h.id));
          ex.search(q.query, { limit: 20 });
          out.push({ query: q.query, ms: performance.now() - t, chunks: got.chunks, bytes: got.bytes });
        }
        return out;
      }, { queries });
      result.withTexts = {
        ...stats(fetched.map((f) => f.ms)),
        requests: fetched.reduce((n, f) => n + f.chunks, 0),
        bytes: fetched.reduce((n, f) => n + f.bytes, 0),
        bytesPerQueryP50: percentile(fetched.map((f) => f.bytes), 50),
        bytesPerQueryMax: Math.max(...fetched.map((f) => f.bytes)),
        firstQuery: fetched[0] ?? null,
        queries: fetched,
      };
      log(`with the first page's texts: p50 ${result.withTexts.p50.toFixed(1)} ms, p95 ${result.withTexts.p95.toFixed(1)} ms; fetched ${result.withTexts.bytes} bytes in ${result.withTexts.requests} requests`);
    }
    const samples = await page.evaluate(timeQueries, { queries, runs: opts.runs });
    result.queries = queries.map((q, i) => ({ ...q, ...samples[i] }));
    const all = samples.flatMap((s) => s.ms);
    result.latency = {
      samples: all.length,
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      max: Math.max(...all),
    };
    log(`query p50 ${result.latency.p50.toFixed(3)} ms, p95 ${result.latency.p95.toFixed(3)} ms, max ${result.latency.max.toFixed(3)} ms`);

    // 3. Memory after the queries.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const { wasmMemory, openMs } = await page.evaluate(async () => {
      // wasm-bindgen's init returns the instance's exports once initialised (no second load).
      const glue = await import('./pkg/article_explorer.js');
      const exports = await glue.default();
      // Opening the embedded index once more (the module is already compiled and
      // instantiated): what createExplorer spends in the index itself (checks, parsing).
      const t = performance.now();
      const again = new glue.Explorer();
      const openMs = performance.now() - t;
      again.free?.();
      return {
        wasmMemory: exports && exports.memory ? exports.memory.buffer.byteLength : null,
        openMs,
      };
    });
    result.ready.openIndexMs = openMs;
    result.memory = {
      jsHeapUsed: m.JSHeapUsedSize ?? null,
      jsHeapTotal: m.JSHeapTotalSize ?? null,
      wasmMemory,
      renderer: browserPid ? rendererMemory(browserPid) : null,
    };
    await context.close();

    // 4. The same queries through the worker-backed explorer, as the UI asks them: each
    //    search() awaited, so the time includes both message hops and the structured clone.
    const w = await openBenchPage(browser, opts.url, { isolate: true, worker: true });
    result.problems.push(...w.problems);
    if (w.problems.length) throw new Error(w.problems.join('\n'));
    const timed = await w.page.evaluate(async ({ queries, runs }) => {
      const ex = window.__explorer;
      const out = queries.map(() => []);
      for (let pass = 0; pass <= runs; pass++) {
        for (let i = 0; i < queries.length; i++) {
          const t = performance.now();
          await ex.search(queries[i].query, { limit: 20 });
          if (pass > 0) out[i].push(performance.now() - t);
        }
      }
      return { ms: out, inWorker: ex.inWorker === true };
    }, { queries, runs: opts.runs });
    result.worker.latency = stats(timed.ms.flat());
    result.worker.latency.inWorker = timed.inWorker;
    result.worker.slowest = queries
      .map((q, i) => ({ query: q.query, max: Math.max(...timed.ms[i]) }))
      .sort((a, b) => b.max - a.max)
      .slice(0, 3);
    log(`worker round trip p50 ${result.worker.latency.p50.toFixed(3)} ms, p95 ${result.worker.latency.p95.toFixed(3)} ms, max ${result.worker.latency.max.toFixed(3)} ms`);
    await w.context.close();
  } catch (e) {
    result.error = String((e && e.message) || e);
    log(`failed: ${result.error}`);
  } finally {
    await browser.close();
  }
  const text = JSON.stringify(result, null, 1);
  if (opts.out) writeFileSync(opts.out, text);
  else process.stdout.write(text + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

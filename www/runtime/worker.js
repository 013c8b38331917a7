// @ts-check
/**
 * The engine's side of a worker-backed explorer (`createExplorer({ worker: true })`):
 * a dedicated Web Worker that opens the explorer with the synchronous API of
 * `../explorer.js` and answers the page's calls, one message each.
 *
 * The protocol (the page's side is `./worker-client.js`):
 * - worker -> page, once the script runs: `{ op: 'hello' }`;
 * - page -> worker: `{ id, op: 'open', options }` (the wasm as a URL, bytes or a
 *   `WebAssembly.Module`, and absolute `text` / `index` folders: `import.meta.url`
 *   of a worker made from a Blob names no folder), answered with
 *   `{ id, ok: true, value: { methods, hosted, lazy } }`;
 * - page -> worker: `{ id, op: 'call', method, args }`, answered with
 *   `{ id, ok: true, value }` or `{ id, ok: false, error: { code, message } }`
 *   (an {@link ExplorerError}'s code crosses the boundary; the page throws an
 *   ExplorerError with the same code and message);
 * - page -> worker: `{ id, op: 'each', method, argLists }`: one call per list
 *   of arguments in one message (the UI's entity references), answered with
 *   `{ id, ok: true, value: [{ ok, value } | { ok: false, error }, ...] }`.
 *
 * Calls run one after another in the order they arrive; an async one
 * (`loadText`, `fetchFor`) lets the next start while it waits for the network,
 * as on the main thread. Nothing here knows about the engine's rules.
 *
 * @module runtime/worker
 */

import { createExplorer, ExplorerError } from '../explorer.js';
import { METHODS } from './worker-methods.js';


/**
 * An error as the page rebuilds it: an ExplorerError keeps its code.
 * @param {unknown} e
 */
function wireError(e) {
  if (e instanceof ExplorerError) return { code: e.code, message: e.message };
  return { code: 'call', message: e instanceof Error ? e.message : String(e) };
}

/** Files fetched for one call at most when it meets a file not loaded (below). */
const RETRIES = 8;

/**
 * `ex[method](...args)`. Lazy hosted mode: the page runs the rounds of several calls at
 * once, and a file one call's rounds brought may change what another call reads after its
 * own rounds were done; such a call names the file it lacks, which is fetched (as the
 * engine named it) before the call is asked again.
 * @param {any} ex @param {string} method @param {unknown[]} args
 */
async function settled(ex, method, args) {
  for (let tries = 0; ; tries += 1) {
    try {
      return await ex[method](...args);
    } catch (e) {
      const lacking = ex.lazy && tries < RETRIES ? /** @type {any} */ (e)?.missingFile : undefined;
      if (typeof lacking !== 'string') throw e;
      await ex.fetchIndexFiles([lacking]);
    }
  }
}

/**
 * Serves one explorer on `scope` (the worker's global scope).
 * @param {{ postMessage(message: unknown): void, addEventListener(type: 'message', listener: (event: MessageEvent) => void): void }} scope
 */
export function serve(scope) {
  /** @type {Promise<import('../explorer.js').ArticleExplorer>|null} */
  let opened = null;

  /** @param {any} data */
  async function answer(data) {
    if (data.op === 'open') {
      opened ??= createExplorer({ ...data.options, worker: false });
      const ex = await opened;
      const methods = METHODS.filter((name) => typeof (/** @type {any} */ (ex)[name]) === 'function');
      return { methods, hosted: ex.hosted, lazy: ex.lazy };
    }
    if (data.op !== 'call' && data.op !== 'each') throw new ExplorerError('call', `unknown message ${String(data.op)}`);
    if (!opened) throw new ExplorerError('call', `${data.method}(): the explorer is not open`);
    const ex = /** @type {any} */ (await opened);
    if (!METHODS.includes(data.method) || typeof ex[data.method] !== 'function') {
      throw new ExplorerError('call', `${data.method}(): no such method in this build`);
    }
    if (data.op === 'call') return settled(ex, data.method, data.args);
    /** @type {unknown[][]} */
    const lists = Array.isArray(data.argLists) ? data.argLists : [];
    return Promise.all(
      lists.map(async (args) => {
        try {
          return { ok: true, value: await settled(ex, data.method, args) };
        } catch (e) {
          return { ok: false, error: wireError(e) };
        }
      }),
    );
  }

  scope.addEventListener('message', (event) => {
    const data = event.data ?? {};
    let result;
    try {
      result = answer(data);
    } catch (e) {
      result = Promise.reject(e);
    }
    result
      .then((value) => scope.postMessage({ id: data.id, ok: true, value }))
      // A failed call, or an answer that cannot be cloned: the page gets the error.
      .catch((e) => scope.postMessage({ id: data.id, ok: false, error: wireError(e) }));
  });
  scope.postMessage({ op: 'hello' });
}

// Started as a worker (not imported by a page or a test): serve at once.
const scope = /** @type {any} */ (globalThis);
if (typeof scope.WorkerGlobalScope === 'function' && scope instanceof scope.WorkerGlobalScope) serve(scope);

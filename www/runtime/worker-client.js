// @ts-check
/**
 * The page's side of `createExplorer({ worker: true })`: an explorer whose
 * every method returns a Promise, answered by the engine in a dedicated Web
 * Worker (`./worker.js`) when one can be made, else by the synchronous
 * explorer on the main thread. Same answers, same shapes, same
 * {@link ExplorerError} codes either way.
 *
 * Which worker script: `globalThis.__ARTICLE_EXPLORER_WORKER__` when a bundle
 * set it (a URL, or `{ code }`: the worker's bundled source, started from a
 * Blob URL by the single file), else `./worker.js` next to this module. A
 * bundle's worker is a classic script (Chromium refuses module workers from
 * Blob URLs on file:// pages); `./worker.js` is a module worker. The
 * wasm is fetched and compiled once, in the worker: the page only resolves
 * where it is (a URL the worker fetches, or the inlined bytes, which it
 * copies over) and never instantiates the engine itself.
 *
 * @module runtime/worker-client
 */

import { ExplorerError, describe } from './errors.js';

/** What a bundle sets to name the worker script (see the module doc). */
export const WORKER_GLOBAL = '__ARTICLE_EXPLORER_WORKER__';

/**
 * @typedef {(method: string, args: unknown[], each?: boolean) => Promise<any>} Send
 *   `each`: `args` is a list of argument lists, answered in one message
 * @typedef {import('../types.js').WorkerOpened} Opened
 */

/**
 * An explorer whose methods return Promises (see {@link createExplorer}'s
 * `worker` option). Each method takes the arguments of the synchronous
 * method of the same name and resolves to its answer.
 */
export class AsyncArticleExplorer {
  /** @type {Send|null} */
  #send;
  /** @type {() => void} */
  #end;
  /** @type {Set<string>} */
  #methods;

  /**
   * Not for direct use: call `createExplorer({ worker: true })`.
   * @param {Send} send
   * @param {() => void} end
   * @param {Opened} opened
   * @param {boolean} inWorker
   */
  constructor(send, end, opened, inWorker) {
    this.#send = send;
    this.#end = end;
    this.#methods = new Set(opened.methods);
    /** True when a Web Worker runs the engine; false when the main thread does (no worker could be made). */
    this.inWorker = inWorker;
    /** Hosted mode: texts are fetched on demand (`loadText`). */
    this.hosted = opened.hosted;
    /** Lazy hosted mode: index files are fetched per query (`fetchFor`). */
    this.lazy = opened.lazy;
  }

  /**
   * @param {string} method
   * @param {unknown[]} args
   * @param {boolean} [each]
   */
  #call(method, args, each = false) {
    const send = this.#send;
    if (!send) return Promise.reject(new ExplorerError('call', `${method}(): the explorer was closed`));
    if (!this.#methods.has(method)) return Promise.reject(new ExplorerError('call', `${method}(): not in this build`));
    return send(method, args, each);
  }

  /**
   * Calls `method` once per argument list, in one round trip (many small
   * answers, such as `entityRef` of every entity). Resolves to the answers in
   * order, with an {@link ExplorerError} in place of each call that failed.
   * @param {string} method
   * @param {unknown[][]} argLists
   * @returns {Promise<unknown[]>}
   */
  async each(method, argLists) {
    /** @type {Array<{ ok: boolean, value?: unknown, error?: import('../types.js').WireError }>} */
    const answers = await this.#call(method, argLists, true);
    return answers.map((a) => (a.ok ? a.value : new ExplorerError(a.error?.code ?? 'call', a.error?.message ?? `${method}() failed`)));
  }

  /** @returns {Promise<any[]>} */
  articles() { return this.#call('articles', []); }
  /** @param {string} query @param {object} [options] */
  search(query, options) { return this.#call('search', [query, options]); }
  /** @param {object} [options] */
  overview(options) { return this.#call('overview', [options]); }
  /** @param {number} id @param {object} [options] */
  article(id, options) { return this.#call('article', [id, options]); }
  entities() { return this.#call('entities', []); }
  /** @param {number} id @param {object} [options] */
  entity(id, options) { return this.#call('entity', [id, options]); }
  /** @param {string|number} ref */
  resolveEntity(ref) { return this.#call('resolveEntity', [ref]); }
  /** @param {number} id */
  entityRef(id) { return this.#call('entityRef', [id]); }
  /** @param {string} text */
  entitiesNamed(text) { return this.#call('entitiesNamed', [text]); }
  buildSummary() { return this.#call('buildSummary', []); }
  /** @param {number} id */
  textLoaded(id) { return this.#call('textLoaded', [id]); }
  /** @param {number[]} ids */
  loadText(ids) { return this.#call('loadText', [ids]); }
  /** @param {string} query @param {object} [options] */
  fetchFor(query, options) { return this.#call('fetchFor', [query, options]); }
  /** @param {number} id @param {object} [options] */
  fetchForArticle(id, options) { return this.#call('fetchForArticle', [id, options]); }
  /** @param {number} id @param {object} [options] */
  fetchForEntity(id, options) { return this.#call('fetchForEntity', [id, options]); }
  /** @param {object} [options] */
  fetchForOverview(options) { return this.#call('fetchForOverview', [options]); }
  fetchForEntities() { return this.#call('fetchForEntities', []); }
  fetchForEntitiesNamed(text) { return this.#call('fetchForEntitiesNamed', [text]); }
  fetchForResolve(refs) { return this.#call('fetchForResolve', [refs]); }
  /** @param {number[]} ids */
  fetchForEntityRefs(ids) { return this.#call('fetchForEntityRefs', [ids]); }
  indexFilesLoaded() { return this.#call('indexFilesLoaded', []); }
  /** @param {number} id @param {object} [options] */
  fetchForRelated(id, options) { return this.#call('fetchForRelated', [id, options]); }
  /** @param {number} id @param {object} [options] */
  timeline(id, options) { return this.#call('timeline', [id, options]); }
  /** @param {object} [options] */
  graph(options) { return this.#call('graph', [options]); }
  /** @param {number} id @param {object} [options] */
  related(id, options) { return this.#call('related', [id, options]); }
  /** @param {string} query @param {object} options @param {'csv'|'json'} format */
  exportResults(query, options, format) { return this.#call('exportResults', [query, options, format]); }
  /** @param {string} query @param {object} options @param {'csv'|'json'} format */
  exportEntities(query, options, format) { return this.#call('exportEntities', [query, options, format]); }
  collectionId() { return this.#call('collectionId', []); }
  /** @param {number[]} ids @param {string} query @param {object} [options] */
  within(ids, query, options) { return this.#call('within', [ids, query, options]); }
  /** @param {number} id @param {object} [options] */
  fetchForTimeline(id, options) { return this.#call('fetchForTimeline', [id, options]); }
  /** @param {'results'|'entities'} what @param {string} query @param {object} [options] */
  fetchForExport(what, query, options) { return this.#call('fetchForExport', [what, query, options]); }

  /** Ends the worker (or frees the main thread's explorer). Later calls reject. */
  close() {
    this.#send = null;
    this.#end();
  }
}

/**
 * The engine on the main thread behind the async API (no worker could be made).
 * @param {import('../explorer.js').ArticleExplorer} ex
 * @param {string[]} methods
 */
export function onMainThread(ex, methods) {
  const target = /** @type {any} */ (ex);
  /** @param {string} method @param {unknown[]} args */
  const one = async (method, args) => target[method](...args);
  /** @type {Send} */
  const send = (method, args, each) => {
    if (!each) return one(method, args);
    /** @param {unknown} e */
    const wire = (e) => ({ code: e instanceof ExplorerError ? e.code : 'call', message: describe(e) });
    return Promise.all(/** @type {unknown[][]} */ (args).map((a) => one(method, a).then((value) => ({ ok: true, value }), (e) => ({ ok: false, error: wire(e) }))));
  };
  const opened = { methods: methods.filter((m) => typeof target[m] === 'function'), hosted: ex.hosted, lazy: ex.lazy };
  return new AsyncArticleExplorer(send, () => ex.close(), opened, false);
}

/**
 * The worker script's URL: what a bundle named, else `fallback`.
 * @param {URL|null} fallback
 * @returns {{ url: string|URL, blob: boolean, type: WorkerType }|null}
 */
function workerScript(fallback) {
  const named = /** @type {any} */ (globalThis)[WORKER_GLOBAL];
  if (named && typeof named.code === 'string') {
    const blob = new Blob([named.code], { type: 'text/javascript' });
    return { url: URL.createObjectURL(blob), blob: true, type: 'classic' };
  }
  // A bundle's worker is a classic script; www's runtime/worker.js is a module.
  if (typeof named === 'string' || named instanceof URL) return { url: named, blob: false, type: 'classic' };
  return fallback ? { url: fallback, blob: false, type: 'module' } : null;
}

/**
 * Starts the worker and waits for its hello; null when none can be made
 * (no Worker, a script that does not load, a policy that forbids it).
 * @param {URL|null} fallback
 * @returns {Promise<Worker|null>}
 */
export async function startWorker(fallback) {
  if (typeof Worker !== 'function') return null;
  const script = workerScript(fallback);
  if (!script) return null;
  let worker;
  try {
    worker = new Worker(script.url, { type: script.type, name: 'article-explorer' });
  } catch {
    return null;
  } finally {
    if (script.blob) setTimeout(() => URL.revokeObjectURL(String(script.url)), 0);
  }
  const started = await new Promise((resolve) => {
    worker.addEventListener('message', (event) => resolve(event.data?.op === 'hello'), { once: true });
    worker.addEventListener('error', () => resolve(false), { once: true });
  });
  if (started) return worker;
  worker.terminate();
  return null;
}

/**
 * Where the worker gets the wasm: an absolute URL it fetches itself, or the
 * bytes / compiled module the page holds (inlined by the single file).
 * @param {any} given `options.wasm`, the page's global or the default URL
 */
export async function wasmForWorker(given) {
  let source;
  try {
    source = await given;
  } catch (e) {
    throw new ExplorerError('load', `Could not get the WebAssembly bytes: ${describe(e)}`, e);
  }
  if (typeof source === 'string' || source instanceof URL) return new URL(source, globalThis.location?.href).href;
  if (typeof Request === 'function' && source instanceof Request) return source.url;
  if (typeof Response === 'function' && source instanceof Response) return source.arrayBuffer();
  return source;
}

/**
 * Opens the explorer in `worker` and answers calls through it.
 * @param {Worker} worker started by {@link startWorker}
 * @param {object} options for the worker's `createExplorer()` (URLs absolute)
 * @returns {Promise<AsyncArticleExplorer>}
 */
export async function openInWorker(worker, options) {
  let next = 0;
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: unknown) => void, method: string }>} */
  const waiting = new Map();
  worker.addEventListener('message', (event) => {
    const { id, ok, value, error } = event.data ?? {};
    const call = waiting.get(id);
    if (!call) return;
    waiting.delete(id);
    if (ok) call.resolve(value);
    else call.reject(new ExplorerError(error?.code ?? 'call', error?.message ?? `${call.method}() failed`));
  });
  worker.addEventListener('error', (event) => {
    // The worker died: every call in flight fails, as later ones will.
    for (const call of waiting.values()) call.reject(new ExplorerError('call', `${call.method}(): the worker failed: ${event.message ?? ''}`.trim()));
    waiting.clear();
  });
  /**
   * @param {string} op
   * @param {string} method
   * @param {object} fields
   */
  const post = (op, method, fields) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      try {
        worker.postMessage({ id, op, method, ...fields });
      } catch (e) {
        // An argument that cannot cross to the worker (a function, a DOM node).
        reject(new ExplorerError('argument', `${method}(): an argument cannot be sent to the worker: ${describe(e)}`, e));
        return;
      }
      waiting.set(id, { resolve, reject, method });
    });
  /** @type {Opened} */
  const opened = await post('open', 'createExplorer', { options });
  /** @type {Send} */
  const send = (method, args, each) => (each ? post('each', method, { argLists: args }) : post('call', method, { args }));
  return new AsyncArticleExplorer(send, () => worker.terminate(), opened, true);
}

// @ts-check
/**
 * Hosted mode's lazy index (docs/HOSTED.md): fetching the files the wasm
 * module names, each once (also across concurrent calls), and handing them
 * over. Which files a query needs, and whether bytes are the file named, is
 * decided by the module (Rust); this only fetches and keeps the fetches in
 * flight. The files are named by their content hash, so a browser or CDN
 * cache may keep them forever; only `ROOT` (the root's name) changes.
 *
 * @module runtime/lazy
 */

import { ExplorerError, describe, fromWasm } from './errors.js';

/** The file in the index folder that names the root file of this build. */
export const ROOT_POINTER = 'ROOT';
/** Rounds of one call at most: the module names shards, then packs, then rows (docs/HOSTED.md). */
const MAX_ROUNDS = 16;

/** Fetches the files of one lazy index folder. */
export class IndexLoader {
  /** file name -> the fetch in flight (resolves when handed over). @type {Map<string, Promise<number>>} */
  #inflight = new Map();
  /** The files fetched and handed over, in order. @type {Set<string>} */
  loaded = new Set();

  /** @param {URL} base the folder of the index files */
  constructor(base) {
    this.base = base;
  }

  /**
   * Fetches one file; a failure names it.
   * @param {string} name
   * @returns {Promise<Uint8Array>}
   */
  async fetch(name) {
    const url = new URL(name, this.base);
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new ExplorerError('index', `Could not fetch the index file ${name} (${url}): ${describe(e)}`, e);
    }
    if (!response.ok) {
      throw new ExplorerError('index', `Could not fetch the index file ${name} (${url}): HTTP ${response.status} ${response.statusText}`.trim());
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The root's name, as the folder's `ROOT` file says. */
  async rootName() {
    const bytes = await this.fetch(ROOT_POINTER);
    return new TextDecoder().decode(bytes).trim();
  }

  /**
   * Fetches `names` (as the module lists them) and hands each to `add(name,
   * bytes)`; a file another call is fetching is waited for, not fetched again.
   * Resolves with the bytes fetched by this call.
   * @param {string[]} names
   * @param {(name: string, bytes: Uint8Array) => void} add
   * @returns {Promise<number>}
   */
  async load(names, add) {
    let fetched = 0;
    const waits = names.map((name) => {
      let pending = this.#inflight.get(name);
      if (!pending) {
        pending = (async () => {
          const bytes = await this.fetch(name);
          add(name, bytes);
          this.loaded.add(name);
          fetched += bytes.length;
          return bytes.length;
        })();
        this.#inflight.set(name, pending);
        const forget = () => this.#inflight.delete(name);
        pending.then(forget, forget);
      }
      return pending;
    });
    await Promise.all(waits);
    return fetched;
  }

  /**
   * The rounds of one call (`fetchFor`, `fetchForArticle`, ...): asks `missing()`
   * for the files the module still names, fetches them, hands each to `add`,
   * and asks again until it names none. A page's rounds (`missingForPage`)
   * name text chunks too, `{ files, texts }`: they are fetched by `chunks` at
   * the same time as the index files and handed to `addText` after them (a
   * text is checked against its entry, which a HEAD file of the round may
   * bring); a text that fails is left to `loadText()`, which reports it (the
   * page's hits then show without that snippet), and the call goes on without
   * texts. Resolves with what was fetched (`texts`: the chunks, if any).
   * @param {string} call the call, for errors
   * @param {() => string[] | import('../types.js').PageRound} missing one round of the module's names
   * @param {(name: string, bytes: Uint8Array) => void} add
   * @param {import('./texts.js').ChunkLoader} [chunks]
   * @param {(chunk: number, bytes: Uint8Array) => void} [addText]
   * @returns {Promise<import('../types.js').IndexLoad>}
   */
  async rounds(call, missing, add, chunks, addText) {
    /** @type {import('../types.js').IndexLoad} */
    const done = { files: 0, bytes: 0, rounds: 0 };
    let withTexts = Boolean(chunks && addText);
    for (;;) {
      const asked = missing();
      const names = Array.isArray(asked) ? asked : asked.files;
      const texts = Array.isArray(asked) || !withTexts ? [] : asked.texts;
      if (names.length === 0 && texts.length === 0) return done;
      if (done.rounds >= MAX_ROUNDS) {
        throw new ExplorerError('index', `${call}: still missing after ${MAX_ROUNDS} rounds: ${[...names, ...texts.map((t) => t.file)].join(', ')}`);
      }
      done.rounds += 1;
      done.files += names.length;
      const files = this.load(names, add);
      const loaded = texts.length > 0 && chunks && addText ? chunks.load(texts, addText, files) : null;
      // Both settled before a failure is thrown: no fetch is left running unawaited.
      const [got, text] = await Promise.allSettled([files, loaded]);
      if (got.status === 'rejected') throw got.reason;
      done.bytes += got.value;
      if (text.status === 'rejected') withTexts = false;
      else if (text.value) {
        done.texts = { chunks: (done.texts?.chunks ?? 0) + text.value.chunks, bytes: (done.texts?.bytes ?? 0) + text.value.bytes };
      }
    }
  }
}

/**
 * Opens a lazy index: the folder `given` (or `fallback`), its root file (named
 * by the folder's `ROOT`), then the files the module needs before it answers
 * (`missingToOpen()`: the sections; the rows come in each call's rounds).
 * @param {any} glue the wasm-bindgen module
 * @param {string|URL|undefined} given `createExplorer`'s `options.index`
 * @param {URL|null} fallback
 * @returns {Promise<{ inner: any, loader: IndexLoader }>}
 */
export async function openLazy(glue, given, fallback) {
  let base = fallback;
  if (given !== undefined) {
    try {
      base = new URL(String(given), globalThis.location?.href ?? fallback ?? undefined);
    } catch (e) {
      throw new ExplorerError('argument', `createExplorer(): options.index must be a URL, got ${describe(given)}`, e);
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
  }
  if (!base) throw new ExplorerError('argument', 'createExplorer(): options.index is needed here (no folder to find index/ in)');
  const loader = new IndexLoader(base);
  const name = await loader.rootName();
  let inner;
  try {
    inner = glue.Explorer.openLazy(name, await loader.fetch(name));
  } catch (e) {
    if (e instanceof ExplorerError) throw e;
    throw fromWasm('openLazy', e);
  }
  await loader.load(inner.missingToOpen(), (file, bytes) => {
    try {
      inner.addIndexFile(file, bytes);
    } catch (e) {
      throw fromWasm('addIndexFile', e);
    }
  });
  return { inner, loader };
}

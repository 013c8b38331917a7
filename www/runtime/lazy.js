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

import { ExplorerError, describe } from './errors.js';

/** The file in the index folder that names the root file of this build. */
export const ROOT_POINTER = 'ROOT';

/** Fetches the files of one lazy index folder. */
export class IndexLoader {
  /** file name -> the fetch in flight (resolves when handed over). @type {Map<string, Promise<number>>} */
  #inflight = new Map();

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
}

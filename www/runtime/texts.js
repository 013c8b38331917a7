// @ts-check
/**
 * Hosted mode: fetching text chunks (each once, also across concurrent
 * calls), decompressing them and handing them to the wasm module, which
 * checks them before reading anything.
 *
 * @module runtime/texts
 */

import { ExplorerError, describe } from './errors.js';

/** gzip's first two bytes. */
const isGzip = (/** @type {Uint8Array} */ b) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * The gzip bytes `stored`, decompressed: written to a DecompressionStream and read back from
 * it. Not through a Blob (`new Blob([stored]).stream()`): in Chromium 156 that cost 0.7-0.8 ms
 * of main-thread time for a chunk of 1.4 KiB, this 0.12-0.17 ms. Nor through
 * `Response.arrayBuffer()`, whose error says only "Failed to fetch" where the reader's names
 * the fault ("Compressed input was truncated.").
 * @param {Uint8Array} stored
 * @returns {Promise<Uint8Array>}
 */
async function gunzip(stored) {
  const gzip = new DecompressionStream('gzip');
  const writer = gzip.writable.getWriter();
  // Damaged bytes fail these too, and the reader below with them: it reports the fault.
  writer.write(stored).catch(() => {});
  writer.close().catch(() => {});
  const reader = gzip.readable.getReader();
  /** @type {Uint8Array[]} */
  const parts = [];
  let length = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    parts.push(part.value);
    length += part.value.length;
  }
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * Fetches one text chunk and returns its bytes, decompressed, and its size as fetched.
 * A server that already decoded it (`Content-Encoding: gzip` for `.gz` files) is fine too.
 * @param {URL} url
 */
async function fetchChunk(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new ExplorerError('text', `Could not fetch the text chunk ${url}: ${describe(e)}`, e);
  }
  if (!response.ok) {
    throw new ExplorerError('text', `Could not fetch the text chunk ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const stored = new Uint8Array(await response.arrayBuffer());
  if (!isGzip(stored)) return { bytes: stored, fetched: stored.length };
  try {
    return { bytes: await gunzip(stored), fetched: stored.length };
  } catch (e) {
    throw new ExplorerError('text', `The text chunk ${url} is damaged (gzip: ${describe(e)})`, e);
  }
}

/**
 * The list of article ids `loadText()` was given (one id or an array of them),
 * or of the ids `call` was given (`fetchForEntityRefs()`: entity ids).
 * @param {unknown} ids
 * @param {string} [call]
 * @param {string} [what]
 * @returns {number[]}
 */
export function articleIds(ids, call = 'loadText()', what = 'article ids') {
  const list = typeof ids === 'number' ? [ids] : ids;
  const ok = Array.isArray(list) && list.every((id) => Number.isInteger(id) && id >= 0 && id <= 0xffffffff);
  if (!ok) throw new ExplorerError('argument', `${call}: ids must be an array of ${what}, got ${describe(ids)}`);
  return /** @type {number[]} */ (list);
}

/** Fetches the chunks a wasm module asks for, each once at a time. */
export class ChunkLoader {
  /** chunk number -> the fetch in flight (resolves when added). @type {Map<number, Promise<void>>} */
  #inflight = new Map();

  /** @param {URL|null} base the folder of the text chunks (null: none could be found) */
  constructor(base) {
    this.base = base;
  }

  /**
   * Fetches `missing` (as the module's `missingTexts()` lists them) and adds
   * each to the module with `add(chunk, bytes)`, once `after` (if given:
   * the index files the chunks' entries come in) has settled; a chunk
   * another call is fetching is waited for, not fetched again.
   * @param {import('../types.js').MissingChunk[]} missing
   * @param {(chunk: number, bytes: Uint8Array) => void} add
   * @param {Promise<unknown>} [after]
   * @returns {Promise<import('../types.js').TextLoad>}
   */
  async load(missing, add, after) {
    const done = { chunks: 0, bytes: 0 };
    const base = this.base;
    if (!base && missing.length > 0) {
      throw new ExplorerError('text', 'No folder for the text chunks: pass createExplorer({ text }) (this module was loaded from a Blob URL)');
    }
    const waits = missing.map((m) => {
      let pending = this.#inflight.get(m.chunk);
      if (!pending) {
        pending = (async () => {
          const { bytes, fetched } = await fetchChunk(new URL(m.file, /** @type {URL} */ (base)));
          // A failure of `after` is its caller's to report; the entry may still have come.
          await after?.catch(() => {});
          add(m.chunk, bytes);
          done.chunks += 1;
          done.bytes += fetched;
        })();
        this.#inflight.set(m.chunk, pending);
        // Settled either way: loaded chunks are known to the wasm, failed ones may be retried.
        const forget = () => this.#inflight.delete(m.chunk);
        pending.then(forget, forget);
      }
      return pending;
    });
    await Promise.all(waits);
    return done;
  }
}

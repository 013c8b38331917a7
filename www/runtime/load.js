// @ts-check
/**
 * Loading the WebAssembly module: the glue, the bytes (inlined, given, or
 * fetched next to explorer.js), each glue initialised once per page.
 *
 * @module runtime/load
 */

// Imported statically so a bundler puts the glue inside the bundle (one file
// for the one-script-tag embed and the single-file build).
import * as bundledGlue from '../pkg/article_explorer.js';
import { ExplorerError, describe } from './errors.js';

/** The key of the glue imported above in `initialised`. */
const BUNDLED = '(bundled glue)';

/** @type {Map<string, Promise<any>>} glue URL (or BUNDLED) -> its initialised module namespace */
const initialised = new Map();

/**
 * Fetches `url` and checks the status, so that a missing file gives a message
 * naming the file instead of a bare "HTTP status code is not ok".
 * @param {string|URL|Request} url
 */
async function fetchWasm(url) {
  const where = url instanceof Request ? url.url : String(url);
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new ExplorerError('load', `Could not fetch ${where}: ${describe(e)}`, e);
  }
  if (!response.ok) {
    throw new ExplorerError('load', `Could not fetch ${where}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  return response;
}

/**
 * Imports the glue and initialises the wasm module once per glue URL.
 * @param {{ wasm?: any, glue?: string|URL }} options
 * @param {URL|null} defaultWasm where the .wasm is when neither the options nor
 *   the page say (next to explorer.js; computed there, as `import.meta.url`
 *   of a module in this folder would be wrong inside a bundle; null inside a
 *   worker made from a Blob URL, which is always given the module)
 * @returns {Promise<any>} the glue's module namespace (its `Explorer` class)
 */
export function initialise(options, defaultWasm) {
  const glueUrl = options.glue === undefined ? BUNDLED : String(options.glue);
  let ready = initialised.get(glueUrl);
  if (!ready) {
    ready = (async () => {
      /** @type {any} */
      let glue = bundledGlue;
      if (glueUrl !== BUNDLED) {
        try {
          glue = await import(glueUrl);
        } catch (e) {
          throw new ExplorerError('load', `Could not load ${glueUrl}: ${describe(e)}`, e);
        }
      }
      // Inlined bytes (single-file build) win over the file next to this module.
      let source;
      try {
        source = await (options.wasm ?? /** @type {any} */ (globalThis).__ARTICLE_EXPLORER_WASM__ ?? defaultWasm);
      } catch (e) {
        throw new ExplorerError('load', `Could not get the WebAssembly bytes: ${describe(e)}`, e);
      }
      if (source === null || source === undefined) {
        throw new ExplorerError('load', 'No WebAssembly module given and no folder to find it in: pass createExplorer({ wasm })');
      }
      if (typeof source === 'string' || source instanceof URL || source instanceof Request) {
        source = await fetchWasm(source);
      }
      try {
        // The object form avoids wasm-bindgen's deprecation warning.
        await glue.default({ module_or_path: source });
      } catch (e) {
        throw new ExplorerError('load', `Could not start the WebAssembly module: ${describe(e)}`, e);
      }
      if (typeof glue.Explorer !== 'function') {
        throw new ExplorerError('load', `${glueUrl} does not export the class Explorer`);
      }
      return glue;
    })();
    initialised.set(glueUrl, ready);
    // A failed load may be retried (e.g. after a network hiccup).
    ready.catch(() => initialised.delete(glueUrl));
  }
  return ready;
}

// @ts-check
/**
 * The one error type of the JS API, and how the wasm module's errors become it.
 *
 * @module runtime/errors
 */

/** Error thrown by every function of the JS API. */
export class ExplorerError extends Error {
  /**
   * @param {"load"|"index"|"argument"|"call"|"text"} code What failed
   *   (`"text"`: a text chunk could not be fetched, decompressed or used,
   *   or an article's text is not loaded yet).
   * @param {string} message Why, in a sentence.
   * @param {unknown} [cause] The underlying error, if any.
   */
  constructor(code, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ExplorerError';
    /** @type {"load"|"index"|"argument"|"call"|"text"} */
    this.code = code;
    /**
     * Lazy hosted mode, `code: "index"`: the index file a call lacks (not loaded yet), to
     * fetch with `fetchIndexFiles`; undefined otherwise.
     * @type {string|undefined}
     */
    this.missingFile = undefined;
  }
}

/**
 * A value as a sentence can quote it.
 * @param {unknown} e
 */
export function describe(e) {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/**
 * Prefixes of the wasm module's error messages and the codes they stand for (the module
 * validates arguments and options itself: src/wasm/options.rs).
 * @type {Array<[string, "argument"|"text"|"index"]>}
 */
const KINDS = [
  ['bad argument: ', 'argument'],
  ['text not loaded: ', 'text'],
  // A lazy index file (hosted mode): not loaded yet, missing, damaged, of another build.
  ['index file: ', 'index'],
];

/**
 * What a call `name()` of the wasm module threw, as an ExplorerError.
 * @param {string} name
 * @param {unknown} e
 */
export function fromWasm(name, e) {
  const text = describe(e);
  for (const [prefix, code] of KINDS) {
    if (!text.startsWith(prefix)) continue;
    const error = new ExplorerError(code, text.slice(prefix.length), e);
    // A lazy index file not loaded yet (`LazyError::Missing`): its name, to fetch it.
    const missing = code === 'index' ? /^index file not loaded: (\S+)$/.exec(error.message) : null;
    if (missing) error.missingFile = missing[1];
    return error;
  }
  return new ExplorerError('call', `${name}() failed: ${text}`, e);
}

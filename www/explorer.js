// @ts-check
/**
 * The public JavaScript API of the article explorer.
 *
 * This is the only module other pages should import. It loads the WebAssembly
 * build (`./pkg/article_explorer_bg.wasm` next to this file), opens the index
 * that is embedded in it, and hands back a small synchronous wrapper:
 *
 * ```js
 * import { createExplorer } from './explorer.js';
 * const ex = await createExplorer();
 * ex.articles();                       // every article: id, title, date, ...
 * ex.search('Pjöngjang', { limit: 10 }); // { total, hits: [...] }
 * ex.article(3, { query: 'Pjöngjang' }); // one article, paragraphs with matches
 * ex.entities();                       // [] for now
 * ex.buildSummary();                   // what went into the index, as text
 * ```
 *
 * API boundary: the shapes below are a contract. They may gain fields, never
 * lose or rename them. All offsets (`highlights`, `titleHighlights`) are
 * UTF-16 code unit offsets, i.e. plain JS string indices: `text.slice(s, e)`.
 *
 * Every failure is an {@link ExplorerError} whose `code` says what failed
 * (`"load"`, `"index"`, `"argument"`, `"call"`) and whose `message` says why.
 *
 * @module explorer
 */

/** Version of this JS API (not of the index format). Bumped on additions. */
export const version = '1.0.0';

/**
 * @typedef {[number, number]} Range
 *   A half-open `[start, end)` range of UTF-16 offsets. Ranges in one list are
 *   sorted and do not overlap.
 */

/**
 * @typedef {object} ArticleSummary
 * @property {number} id           Stable id of the article within this index.
 * @property {string} file         Source file name, e.g. `"000_583b21297003d79a.txt"`.
 * @property {string} title        Title line, or one derived from the first sentence.
 * @property {boolean} titleDerived True when the article had no title line.
 * @property {string|null} date    `"YYYY-MM"` or `null` when unknown.
 */

/**
 * @typedef {ArticleSummary & {
 *   score: number,
 *   snippet: { text: string, highlights: Range[] },
 *   titleHighlights: Range[],
 * }} Hit
 *   One search result. `snippet.text` may start or end with "…" where it was cut.
 */

/**
 * @typedef {object} SearchResult
 * @property {number} total Number of matching articles (all pages).
 * @property {Hit[]} hits   The requested page of hits, best first.
 */

/**
 * @typedef {"caption"|"title"|"heading"|"paragraph"|"boilerplate"} ParagraphKind
 *   `caption`: photo caption or credit; `title`: the title line; `heading`: a
 *   subheading; `paragraph`: body text; `boilerplate`: trailing disclaimer.
 *   Treat unknown kinds like `paragraph`.
 */

/**
 * @typedef {object} Paragraph
 * @property {ParagraphKind|string} kind
 * @property {string} text
 * @property {Range[]} highlights Matches of the query passed to `article()`, else empty.
 */

/**
 * @typedef {ArticleSummary & { paragraphs: Paragraph[], titleHighlights?: Range[] }} Article
 *   `titleHighlights` marks the query in `title` (useful when the title was derived
 *   and so is not one of the paragraphs).
 */

/**
 * @typedef {object} SearchOptions
 * @property {number} [limit]  Maximum number of hits to return.
 * @property {number} [offset] Number of best hits to skip (for paging).
 */

/**
 * @typedef {object} ArticleOptions
 * @property {string} [query] Mark this query's matches in the paragraphs.
 */

/**
 * @typedef {object} CreateOptions
 * @property {string|URL|Request|Response|BufferSource|WebAssembly.Module} [wasm]
 *   Where to get the WebAssembly module. Defaults to
 *   `./pkg/article_explorer_bg.wasm` relative to this file. Passed through to
 *   wasm-bindgen's `init`.
 * @property {string|URL} [glue]
 *   URL of the wasm-bindgen JS glue. Defaults to `./pkg/article_explorer.js`
 *   relative to this file. Rarely needed.
 */

/** Error thrown by every function of this module. */
export class ExplorerError extends Error {
  /**
   * @param {"load"|"index"|"argument"|"call"} code What failed.
   * @param {string} message Why, in a sentence.
   * @param {unknown} [cause] The underlying error, if any.
   */
  constructor(code, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ExplorerError';
    /** @type {"load"|"index"|"argument"|"call"} */
    this.code = code;
  }
}

const DEFAULT_GLUE = new URL('./pkg/article_explorer.js', import.meta.url);
const DEFAULT_WASM = new URL('./pkg/article_explorer_bg.wasm', import.meta.url);

/** @type {Map<string, Promise<any>>} glue URL -> its initialised module namespace */
const initialised = new Map();

/** @param {unknown} e */
function describe(e) {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

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
    throw new ExplorerError(
      'load',
      `Could not fetch ${where}: HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }
  return response;
}

/**
 * Imports the glue and initialises the wasm module once per glue URL.
 * @param {CreateOptions} options
 */
function initialise(options) {
  const glueUrl = String(options.glue ?? DEFAULT_GLUE);
  let ready = initialised.get(glueUrl);
  if (!ready) {
    ready = (async () => {
      let glue;
      try {
        glue = await import(glueUrl);
      } catch (e) {
        throw new ExplorerError('load', `Could not load ${glueUrl}: ${describe(e)}`, e);
      }
      let source = options.wasm ?? DEFAULT_WASM;
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

/**
 * @param {unknown} value
 * @param {string} what
 */
function checkCount(value, what) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ExplorerError('argument', `${what} must be a non-negative integer, got ${describe(value)}`);
  }
}

/**
 * A search index over the embedded articles. Get one with {@link createExplorer}.
 * All methods are synchronous.
 */
export class ArticleExplorer {
  /** @type {any} the wasm-bindgen `Explorer` instance */
  #inner;

  /**
   * Not for direct use: call {@link createExplorer}.
   * @param {any} inner
   */
  constructor(inner) {
    this.#inner = inner;
  }

  /**
   * Calls a method of the wasm object and turns whatever it throws into an ExplorerError.
   * @param {string} name
   * @param {unknown[]} args
   */
  #call(name, args) {
    if (!this.#inner) throw new ExplorerError('call', `${name}(): the explorer was closed`);
    try {
      return this.#inner[name](...args);
    } catch (e) {
      throw new ExplorerError('call', `${name}() failed: ${describe(e)}`, e);
    }
  }

  /**
   * Every article in the index, in index order.
   * @returns {ArticleSummary[]}
   */
  articles() {
    return this.#call('articles', []);
  }

  /**
   * Searches the articles. An empty or blank query gives `{ total: 0, hits: [] }`.
   * @param {string} query Words as a person types them; case and umlauts are folded.
   * @param {SearchOptions} [options]
   * @returns {SearchResult}
   */
  search(query, options = {}) {
    if (typeof query !== 'string') {
      throw new ExplorerError('argument', `search(): query must be a string, got ${describe(query)}`);
    }
    checkCount(options.limit, 'search(): options.limit');
    checkCount(options.offset, 'search(): options.offset');
    /** @type {{limit?: number, offset?: number}} */
    const opts = {};
    if (options.limit !== undefined) opts.limit = options.limit;
    if (options.offset !== undefined) opts.offset = options.offset;
    return this.#call('search', [query, opts]);
  }

  /**
   * One article with its paragraphs. With `options.query`, the query's
   * matches are marked in `paragraphs[i].highlights`.
   * @param {number} id An id from `articles()` or a hit.
   * @param {ArticleOptions} [options]
   * @returns {Article}
   */
  article(id, options = {}) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new ExplorerError('argument', `article(): id must be a non-negative integer, got ${describe(id)}`);
    }
    /** @type {{query?: string}} */
    const opts = {};
    if (typeof options.query === 'string' && options.query.trim() !== '') opts.query = options.query;
    return this.#call('article', [id, opts]);
  }

  /**
   * Named entities (people, places, organisations) found in the articles.
   * Empty until entity recognition lands.
   * @returns {Array<object>}
   */
  entities() {
    if (this.#inner && typeof this.#inner.entities !== 'function') return [];
    return this.#call('entities', []);
  }

  /**
   * The build's account of the corpus: articles indexed, files skipped and why.
   * Plain text for people, not for parsing; "" if this build does not have it.
   * @returns {string}
   */
  buildSummary() {
    if (this.#inner && typeof this.#inner.buildSummary !== 'function') return '';
    return this.#call('buildSummary', []);
  }

  /** Frees the wasm memory held by this explorer. Later calls throw. */
  close() {
    const inner = this.#inner;
    this.#inner = undefined;
    if (inner && typeof inner.free === 'function') inner.free();
  }
}

/**
 * Loads the WebAssembly module (once per page) and opens the embedded index.
 *
 * @param {CreateOptions} [options]
 * @returns {Promise<ArticleExplorer>}
 * @throws {ExplorerError} `code: "load"` when the files cannot be fetched or
 *   started, `code: "index"` when the embedded index is damaged.
 */
export async function createExplorer(options = {}) {
  const glue = await initialise(options);
  let inner;
  try {
    inner = new glue.Explorer();
  } catch (e) {
    throw new ExplorerError('index', `Could not open the embedded index: ${describe(e)}`, e);
  }
  return new ArticleExplorer(inner);
}

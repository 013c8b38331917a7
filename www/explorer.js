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
 * ex.article(3, { query: 'Pjöngjang' }); // one article, paragraphs with matches and mentions
 * ex.entities();                       // recognised people, countries, places, ...
 * ex.entity(7, { query: 'Gipfel' });   // one entity within the results of a search
 * ex.buildSummary();                   // what went into the index, as text
 * ```
 *
 * Hosted mode (a build made with `cargo xtask dist --hosted`): the index in
 * the .wasm holds no article text; the texts are gzip chunks in `./text/` next
 * to this file, fetched on demand. Everything above stays synchronous and
 * answers at once; what needs a text that is not loaded yet says so:
 *
 * ```js
 * ex.hosted;                              // true
 * const r = ex.search('Pjöngjang');        // hits at once; r.hits[i].snippet.pending while its text is not loaded
 * await ex.loadText(r.hits.map((h) => h.id)); // fetches the missing chunks (each once, also across concurrent calls)
 * ex.search('Pjöngjang');                  // now with snippets
 * ex.textLoaded(3);                        // whether article(3) can be called
 * ex.entity(7).textPending;                // articles whose texts would add lines in context
 * ```
 *
 * The WebAssembly file is fetched from `./pkg/article_explorer_bg.wasm` next
 * to this module, unless `createExplorer({ wasm })` says otherwise or the page
 * set `globalThis.__ARTICLE_EXPLORER_WASM__` (the bytes, or a Promise of them:
 * how the single-file build inlines the module).
 *
 * API boundary: the shapes below are a contract. They may gain fields, never
 * lose or rename them. All offsets (`highlights`, `titleHighlights`) are
 * UTF-16 code unit offsets, i.e. plain JS string indices: `text.slice(s, e)`.
 *
 * Every failure is an {@link ExplorerError} whose `code` says what failed
 * (`"load"`, `"index"`, `"argument"`, `"call"`, `"text"`) and whose `message`
 * says why.
 *
 * @module explorer
 */

// Imported statically so a bundler puts the glue inside the bundle (one file
// for the one-script-tag embed and the single-file build).
import * as bundledGlue from './pkg/article_explorer.js';
// Issue 19 (collection views): graph, related, timeline, exports; see collection.js.
import { attachCollection } from './collection.js';

/** Version of this JS API (not of the index format). Bumped on additions. */
export const version = '1.2.0';

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
 *   snippet: { text: string, highlights: Range[], pending?: boolean },
 *   titleHighlights: Range[],
 * }} Hit
 *   One search result. `snippet.text` may start or end with "…" where it was cut.
 *   `snippet.pending` (hosted mode): the article's text is not loaded yet, so
 *   `text` is empty; `loadText([hit.id])`, then search again for the snippet.
 */

/**
 * @typedef {"person"|"country"|"place"|"organization"|"event"} EntityKind
 *   Treat unknown kinds like a generic name.
 */

/**
 * @typedef {{ kind: "corrected", word: string, instead: string[] }
 *   | { kind: "dropped", word: string }
 *   | { kind: "unknownEntity", filter: string }} Loosening
 *   How the query was loosened: a word read as another spelling, a word left
 *   out because it occurs nowhere, an entity filter (`person:…`) naming nobody.
 */

/**
 * @typedef {object} Facet
 * @property {number} id
 * @property {string} name
 * @property {EntityKind|string} kind
 * @property {number} count Matching articles (all pages) that mention it.
 */

/**
 * @typedef {object} SearchResult
 * @property {number} total Number of matching articles (all pages).
 * @property {Hit[]} hits   The requested page of hits, best first.
 * @property {Loosening[]} [loosened] How the query was loosened, if it was.
 * @property {Facet[]} [facets] Entities over all matching articles; selected
 *   entities are always included, even at count 0.
 * @property {Array<{date: string, count: number}>} [dates] Matching articles
 *   per month, before the date filter (so the whole range stays visible).
 * @property {number} [undated] Matching articles without a date, before the date filter.
 */

/**
 * @typedef {object} EntityInfo
 * @property {number} id
 * @property {string} name      The canonical name.
 * @property {EntityKind|string} kind
 * @property {number} count     Articles that mention it.
 * @property {number} mentions  Mentions in all articles.
 * @property {string[]} aliases Other names it is known by.
 */

/**
 * @typedef {EntityInfo & {
 *   articles: ArticleSummary[],
 *   inContext: Array<{ article: number, before: string, mention: string, after: string, kind: "name"|"demonym" }>,
 *   cooccurring: Array<{ id: number, name: string, kind: EntityKind|string, count: number, lift: number }>,
 *   spellings: string[],
 *   textPending?: number[],
 * }} EntityView
 *   One entity within the results of a search (all articles without one):
 *   the articles mentioning it, keyword-in-context lines, the entities named
 *   with it more often than chance (`lift` > 1), and the spellings seen.
 *   Hosted mode: lines and spellings come from the loaded texts; `textPending`
 *   lists the articles whose texts would add lines (`loadText()` them and ask
 *   again); always empty otherwise.
 */

/**
 * @typedef {"caption"|"title"|"heading"|"paragraph"|"boilerplate"} ParagraphKind
 *   `caption`: photo caption or credit; `title`: the title line; `heading`: a
 *   subheading; `paragraph`: body text; `boilerplate`: trailing disclaimer.
 *   Treat unknown kinds like `paragraph`.
 */

/**
 * @typedef {object} Mention
 * @property {number} entity An entity id.
 * @property {number} start  UTF-16 offset into the paragraph's text.
 * @property {number} end
 * @property {"name"|"demonym"} kind `demonym`: an adjective such as „nordkoreanisch“.
 */

/**
 * @typedef {object} Paragraph
 * @property {ParagraphKind|string} kind
 * @property {string} text
 * @property {Range[]} highlights Matches of the query passed to `article()`, else empty.
 * @property {Mention[]} [mentions] Entity mentions; they may overlap highlights.
 */

/**
 * @typedef {ArticleSummary & {
 *   paragraphs: Paragraph[],
 *   titleHighlights?: Range[],
 *   entities?: Array<{ id: number, name: string, kind: EntityKind|string, mentions: number }>,
 * }} Article
 *   `titleHighlights` marks the query in `title` (useful when the title was derived
 *   and so is not one of the paragraphs).
 */

/**
 * @typedef {object} SearchOptions
 * @property {number} [limit]  Maximum number of hits to return.
 * @property {number} [offset] Number of best hits to skip (for paging).
 * @property {number[]} [entities] Only articles mentioning all of these entities.
 * @property {string} [from]   `"YYYY-MM"`: only articles of this month or later.
 * @property {string} [to]     `"YYYY-MM"`: only articles of this month or earlier.
 * @property {"relevance"|"newest"|"oldest"} [sort] Default `"relevance"`.
 * @property {boolean} [demonyms] Count adjective mentions („nordkoreanisch“) as
 *   mentions of the entity (default true).
 */

/**
 * @typedef {Omit<SearchOptions, "limit"|"offset"|"sort"> & { query?: string }} EntityOptions
 *   The search whose results the entity view looks at.
 */

/**
 * @typedef {object} ArticleOptions
 * @property {string} [query] Mark this query's matches in the paragraphs.
 */

/**
 * @typedef {object} CreateOptions
 * @property {string|URL|Request|Response|BufferSource|WebAssembly.Module|Promise<BufferSource|Response|WebAssembly.Module>} [wasm]
 *   Where to get the WebAssembly module. Defaults to
 *   `globalThis.__ARTICLE_EXPLORER_WASM__` when a page or bundle set it (bytes
 *   or a Promise of them), else `./pkg/article_explorer_bg.wasm` relative to
 *   this file. Passed through to wasm-bindgen's `init`.
 * @property {string|URL} [glue]
 *   URL of another wasm-bindgen JS glue to import instead of the one this
 *   module imports (`./pkg/article_explorer.js`, bundled with it). Rarely needed.
 * @property {string|URL} [text]
 *   Hosted mode: the folder of the text chunks. Defaults to `./text/` relative
 *   to this file (next to `./pkg/`). Ignored by the default build.
 */

/**
 * @typedef {object} TextLoad What one `loadText()` call fetched.
 * @property {number} chunks Chunk files this call fetched (not those another call was already fetching).
 * @property {number} bytes  Their size as transferred (gzip).
 */

/** Error thrown by every function of this module. */
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
  }
}

const DEFAULT_WASM = new URL('./pkg/article_explorer_bg.wasm', import.meta.url);
const DEFAULT_TEXT = new URL('./text/', import.meta.url);
/** The key of the glue imported above in `initialised`. */
const BUNDLED = '(bundled glue)';

/** @type {Map<string, Promise<any>>} glue URL (or BUNDLED) -> its initialised module namespace */
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
        source = await (options.wasm ?? /** @type {any} */ (globalThis).__ARTICLE_EXPLORER_WASM__ ?? DEFAULT_WASM);
      } catch (e) {
        throw new ExplorerError('load', `Could not get the WebAssembly bytes: ${describe(e)}`, e);
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

const SORTS = ['relevance', 'newest', 'oldest'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Checks and copies the filter options shared by `search()` and `entity()`.
 * @param {string} fn for messages, e.g. "search()"
 * @param {SearchOptions} options
 * @returns {SearchOptions}
 */
function filterOptions(fn, options) {
  if (options === null || typeof options !== 'object') {
    throw new ExplorerError('argument', `${fn}: options must be an object, got ${describe(options)}`);
  }
  /** @type {SearchOptions} */
  const opts = {};
  if (options.entities !== undefined) {
    const ok = Array.isArray(options.entities) && options.entities.every((e) => Number.isInteger(e) && e >= 0);
    if (!ok) throw new ExplorerError('argument', `${fn}: options.entities must be an array of entity ids, got ${describe(options.entities)}`);
    opts.entities = [...options.entities];
  }
  for (const key of /** @type {const} */ (['from', 'to'])) {
    const value = options[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !MONTH.test(value)) {
      throw new ExplorerError('argument', `${fn}: options.${key} must be "YYYY-MM", got ${describe(value)}`);
    }
    opts[key] = value;
  }
  if (options.demonyms !== undefined) {
    if (typeof options.demonyms !== 'boolean') {
      throw new ExplorerError('argument', `${fn}: options.demonyms must be true or false, got ${describe(options.demonyms)}`);
    }
    opts.demonyms = options.demonyms;
  }
  return opts;
}

/**
 * Checks a list of article ids.
 * @param {string} fn for messages
 * @param {unknown} ids
 * @returns {number[]}
 */
function articleIds(fn, ids) {
  const list = typeof ids === 'number' ? [ids] : ids;
  const ok = Array.isArray(list) && list.every((id) => Number.isInteger(id) && id >= 0 && id <= 0xffffffff);
  if (!ok) throw new ExplorerError('argument', `${fn}: ids must be an array of article ids, got ${describe(ids)}`);
  return /** @type {number[]} */ (list);
}

/** gzip's first two bytes. */
const isGzip = (/** @type {Uint8Array} */ b) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

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
    const stream = new Blob([stored]).stream().pipeThrough(new DecompressionStream('gzip'));
    return { bytes: new Uint8Array(await new Response(stream).arrayBuffer()), fetched: stored.length };
  } catch (e) {
    throw new ExplorerError('text', `The text chunk ${url} is damaged (gzip: ${describe(e)})`, e);
  }
}

/**
 * A search index over the embedded articles. Get one with {@link createExplorer}.
 * All methods are synchronous, but for `loadText()` (hosted mode).
 */
export class ArticleExplorer {
  /** @type {any} the wasm-bindgen `Explorer` instance */
  #inner;
  /** Hosted mode: where the text chunks are. */
  #textBase;
  /** Hosted mode: chunk number -> the fetch in flight (resolves when added). @type {Map<number, Promise<void>>} */
  #inflight = new Map();

  /**
   * Not for direct use: call {@link createExplorer}.
   * @param {any} inner
   * @param {URL} [textBase] hosted mode: the folder of the text chunks
   */
  constructor(inner, textBase = DEFAULT_TEXT) {
    this.#inner = inner;
    this.#textBase = textBase;
    // Issue 19: the collection calls (collection.js), through the same error wrapping.
    attachCollection(this, (name, args) => this.#call(name, args), (code, msg) => new ExplorerError(code, msg));
  }

  /**
   * Hosted mode: the article texts are not in the .wasm but fetched on
   * demand (see `loadText()`). False for the default, offline build.
   * @returns {boolean}
   */
  get hosted() {
    return Boolean(this.#inner && typeof this.#inner.isHosted === 'function' && this.#inner.isHosted());
  }

  /**
   * Whether the text of article `id` is at hand, i.e. `article(id)` and its
   * snippets work now. Always true (for an existing id) unless hosted.
   * @param {number} id
   * @returns {boolean}
   */
  textLoaded(id) {
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) return false;
    // A glue without the method (an older build) has its texts embedded.
    if (this.#inner && typeof this.#inner.textLoaded !== 'function') return true;
    return this.#call('textLoaded', [id]);
  }

  /**
   * Hosted mode: fetches the texts of `ids` (the chunk files that hold them
   * and are not loaded yet, each once: a chunk another call is fetching is
   * waited for, not fetched again), checks and keeps them. Resolves when every
   * one of these texts is loaded; then search() gives their snippets and
   * article() opens them. Resolves at once in the default build.
   * @param {number[]} ids article ids (from hits, `articles()`, `entity().textPending`)
   * @returns {Promise<TextLoad>}
   * @throws {ExplorerError} `code: "text"` naming the chunk that could not be
   *   fetched, decompressed or used (missing, damaged, or of another build);
   *   the other chunks stay loaded, and a later call tries that one again.
   */
  async loadText(ids) {
    const list = articleIds('loadText()', ids);
    const done = { chunks: 0, bytes: 0 };
    if (!this.hosted || list.length === 0) return done;
    /** @type {Array<{chunk: number, file: string, bytes: number}>} */
    const missing = this.#call('missingTexts', [Uint32Array.from(list)]);
    const waits = missing.map((m) => {
      let pending = this.#inflight.get(m.chunk);
      if (!pending) {
        pending = (async () => {
          const { bytes, fetched } = await fetchChunk(new URL(m.file, this.#textBase));
          if (!this.#inner) throw new ExplorerError('call', 'loadText(): the explorer was closed');
          try {
            this.#inner.addTextChunk(m.chunk, bytes);
          } catch (e) {
            throw new ExplorerError('text', describe(e), e);
          }
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
   * Searches the articles. A blank query with entity or date filters lists
   * every article that passes them; a blank query without filters gives
   * `{ total: 0, hits: [] }`. The query language: `"phrases"`, `-word`,
   * `a OR b`, `person:Putin` (also `land:`/`country:`, `ort:`/`place:`,
   * `org:`/`organization:`, `entity:`).
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
    /** @type {SearchOptions} */
    const opts = filterOptions('search()', options);
    if (options.limit !== undefined) opts.limit = options.limit;
    if (options.offset !== undefined) opts.offset = options.offset;
    if (options.sort !== undefined) {
      if (!SORTS.includes(/** @type {any} */ (options.sort))) {
        throw new ExplorerError('argument', `search(): options.sort must be one of ${SORTS.join(', ')}, got ${describe(options.sort)}`);
      }
      opts.sort = options.sort;
    }
    const result = this.#call('search', [query, opts]);
    // The module sends facets as `[id, count, ...]` numbers; names and kinds come from the
    // entity table, read once (thousands of facet objects made in wasm cost more than here).
    const counts = result.facetCounts;
    delete result.facetCounts;
    if (counts) {
      const table = this.#entityTable();
      const facets = new Array(counts.length / 2);
      for (let i = 0; i < facets.length; i++) {
        const id = counts[2 * i];
        const e = table[id];
        facets[i] = { id, name: e ? e.name : '', kind: e ? e.kind : '', count: counts[2 * i + 1] };
      }
      result.facets = facets;
    }
    return result;
  }

  /** Entity id -> `{ name, kind }`, from the first `entities()` list. @type {Array<{name: string, kind: string}>|null} */
  #entities = null;

  #entityTable() {
    if (!this.#entities) this.entities();
    return this.#entities ?? [];
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
    if (this.hosted && !this.textLoaded(id)) {
      // An unknown id fails here as in the default build ("no article N").
      this.#call('missingTexts', [Uint32Array.of(id)]);
      throw new ExplorerError('text', `article(${id}): its text is not loaded yet; await explorer.loadText([${id}]) first`);
    }
    return this.#call('article', [id, opts]);
  }

  /**
   * Named entities (people, countries, places, organisations, events) found
   * in the articles, mentioned in most articles first. Empty when the build
   * recognised none.
   * @returns {EntityInfo[]}
   */
  entities() {
    if (this.#inner && typeof this.#inner.entities !== 'function') return [];
    const list = this.#call('entities', []);
    // The facets' names: kept from the list a page asks for anyway, not read a second time.
    if (!this.#entities) {
      const table = [];
      for (const e of list) table[e.id] = { name: e.name, kind: e.kind };
      this.#entities = table;
    }
    return list;
  }

  /**
   * One entity within the results of a search (`query`, `entities`, `from`,
   * `to`, `demonyms`; every article when there is no query and no entity filter):
   * its articles, its mentions in context, co-occurring entities, spellings.
   * @param {number} id An id from `entities()`, a facet or a mention.
   * @param {EntityOptions} [options]
   * @returns {EntityView}
   */
  entity(id, options = {}) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new ExplorerError('argument', `entity(): id must be a non-negative integer, got ${describe(id)}`);
    }
    if (this.#inner && typeof this.#inner.entity !== 'function') {
      throw new ExplorerError('call', 'entity(): this build has no entity index');
    }
    /** @type {EntityOptions} */
    const opts = filterOptions('entity()', options);
    if (options.query !== undefined) {
      if (typeof options.query !== 'string') {
        throw new ExplorerError('argument', `entity(): options.query must be a string, got ${describe(options.query)}`);
      }
      opts.query = options.query;
    }
    return this.#call('entity', [id, opts]);
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
  let textBase = DEFAULT_TEXT;
  if (options.text !== undefined) {
    try {
      textBase = new URL(String(options.text), globalThis.location?.href ?? DEFAULT_TEXT);
    } catch (e) {
      throw new ExplorerError('argument', `createExplorer(): options.text must be a URL, got ${describe(options.text)}`, e);
    }
    if (!textBase.pathname.endsWith('/')) textBase.pathname += '/';
  }
  let inner;
  try {
    inner = new glue.Explorer();
  } catch (e) {
    throw new ExplorerError('index', `Could not open the embedded index: ${describe(e)}`, e);
  }
  return new ArticleExplorer(inner, textBase);
}

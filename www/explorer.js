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
 * ex.articles();                       // every article: id, title, date, source, authors, url, language, ...
 * ex.search('Pjöngjang', { limit: 10 }); // { total, hits: [...], facets, sourceFacets, authorFacets, ... }
 * ex.search('', { sources: ['Tagesschau'], authors: ['Anna Meier'] }); // filtered by source (any of) and author (all of)
 * ex.article(3, { query: 'Pjöngjang' }); // one article, paragraphs with matches and mentions
 * ex.entities();                       // recognised people, countries, places, ...
 * ex.entity(7, { query: 'Gipfel' });   // one entity within the results of a search
 * ex.buildSummary();                   // what went into the index, as text
 * ex.overview({ sort: 'newest' });     // the start page: every article, entity counts, dates
 * ex.resolveEntity('person:Putin');    // an entity reference as the query language reads it -> id
 * ex.entitiesNamed('pjöng');           // ids whose name or alias contains it (folded as the search folds)
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
 * In a Web Worker (1.6): `createExplorer({ worker: true })` resolves to an
 * {@link AsyncArticleExplorer} with the same methods, each returning a Promise
 * of the same answer, so that no call (compiling the wasm, opening the index,
 * a slow query) can stall the page. The worker fetches and compiles the wasm
 * itself (or is handed the page's inlined bytes); the page never instantiates
 * it. Where no worker can be made, the same engine runs on the main thread
 * behind the same Promises (`inWorker` says which). Errors keep their code.
 *
 * ```js
 * const ex = await createExplorer({ worker: true });
 * ex.inWorker;                              // true when a worker serves it
 * const r = await ex.search('Pjöngjang');   // the same answer as search() above
 * await ex.each('entityRef', [[1], [2]]);   // many small calls in one round trip
 * ex.close();                               // ends the worker
 * ```
 *
 * The WebAssembly file is fetched from `./pkg/article_explorer_bg.wasm` next
 * to this module, unless `createExplorer({ wasm })` says otherwise or the page
 * set `globalThis.__ARTICLE_EXPLORER_WASM__` (the bytes, or a Promise of them:
 * how the single-file build inlines the module).
 *
 * API boundary: the shapes are a contract, declared once in `./types.d.ts`
 * (the wasm module's answers are tested against it). They may gain fields,
 * never lose or rename them. Arguments and options are checked once, by the
 * wasm module; a bad one is an `ExplorerError` with code `"argument"` naming
 * the option. All offsets (`highlights`, `titleHighlights`) are
 * UTF-16 code unit offsets, i.e. plain JS string indices: `text.slice(s, e)`.
 *
 * Every failure is an {@link ExplorerError} whose `code` says what failed
 * (`"load"`, `"index"`, `"argument"`, `"call"`, `"text"`) and whose `message`
 * says why.
 *
 * @module explorer
 */

import { initialise } from './runtime/load.js';
import { ExplorerError, describe, fromWasm } from './runtime/errors.js';
import { ChunkLoader, articleIds } from './runtime/texts.js';
import { IndexLoader, openLazy } from './runtime/lazy.js';
import { entityTable, withFacets } from './runtime/facets.js';
// Issue 19 (collection views): graph, related, timeline, exports; see collection.js.
import { attachCollection } from './collection.js';
import { AsyncArticleExplorer, onMainThread, openInWorker, startWorker, wasmForWorker } from './runtime/worker-client.js';
import { METHODS } from './runtime/worker-methods.js';

export { ExplorerError, AsyncArticleExplorer };

/** Version of this JS API (not of the index format). Bumped on additions. */
export const version = '1.10.0';

/**
 * The contract's shapes (declared in ./types.d.ts, imported here for JSDoc).
 * @typedef {import('./types.js').Range} Range
 * @typedef {import('./types.js').EntityKind} EntityKind
 * @typedef {import('./types.js').ArticleSummary} ArticleSummary
 * @typedef {import('./types.js').Hit} Hit
 * @typedef {import('./types.js').Loosened} Loosened
 * @typedef {import('./types.js').Facet} Facet
 * @typedef {import('./types.js').MetaFacet} MetaFacet
 * @typedef {import('./types.js').SearchResults} SearchResults
 * @typedef {import('./types.js').Overview} Overview
 * @typedef {import('./types.js').EntityInfo} EntityInfo
 * @typedef {import('./types.js').EntityView} EntityView
 * @typedef {import('./types.js').Article} Article
 * @typedef {import('./types.js').Paragraph} Paragraph
 * @typedef {import('./types.js').SearchOptions} SearchOptions
 * @typedef {import('./types.js').EntityOptions} EntityOptions
 * @typedef {import('./types.js').ArticleOptions} ArticleOptions
 * @typedef {import('./types.js').OverviewOptions} OverviewOptions
 * @typedef {import('./types.js').TextLoad} TextLoad
 * @typedef {import('./types.js').IndexLoad} IndexLoad
 * Older names of the same shapes, kept for pages that import them:
 * @typedef {SearchResults} SearchResult
 * @typedef {Loosened} Loosening
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
 * @property {string|URL} [index]
 *   Lazy hosted mode (`cargo xtask dist --hosted --lazy`): the folder of the
 *   index files. Defaults to `./index/` relative to this file. Ignored by
 *   other builds.
 * @property {boolean} [worker]
 *   `true`: resolve to an {@link AsyncArticleExplorer} (every method returns a
 *   Promise) served by a dedicated Web Worker, so no call can stall the page;
 *   on the main thread when no worker can be made (its `inWorker` says which).
 *   The worker fetches and compiles the wasm; the page does not load it too.
 */

/**
 * `path` next to this module; null when this module has no folder (bundled
 * into a worker made from a Blob URL, which is then given every URL).
 * @param {string} path
 */
function beside(path) {
  try {
    return new URL(path, import.meta.url);
  } catch {
    return null;
  }
}

const DEFAULT_WASM = beside('./pkg/article_explorer_bg.wasm');
const DEFAULT_TEXT = beside('./text/');
const DEFAULT_INDEX = beside('./index/');
/** The worker of `createExplorer({ worker: true })` when no bundle names another. */
const DEFAULT_WORKER = beside('./runtime/worker.js');

/**
 * A search index over the embedded articles. Get one with {@link createExplorer}.
 * All methods are synchronous, but for `loadText()` (hosted mode). Each is one
 * call of the wasm module; this class adds only loading, caching and errors.
 */
export class ArticleExplorer {
  /** @type {any} the wasm-bindgen `Explorer` instance */
  #inner;
  /** Hosted mode: fetches the text chunks. */
  #chunks;
  /** Lazy hosted mode: fetches the index files. @type {IndexLoader|null} */
  #index = null;
  /** Entity id -> `{ name, kind }`, from the first `entities()` list. @type {Array<{name: string, kind: EntityKind}>|null} */
  #entities = null;

  /**
   * Not for direct use: call {@link createExplorer}.
   * @param {any} inner
   * @param {URL|null} [textBase] hosted mode: the folder of the text chunks
   * @param {IndexLoader|null} [index] lazy hosted mode: the index files' loader
   */
  constructor(inner, textBase = DEFAULT_TEXT, index = null) {
    this.#inner = inner;
    this.#chunks = new ChunkLoader(textBase);
    this.#index = index;
    // Issue 19: the collection calls (collection.js), through the same error wrapping.
    attachCollection(this, (name, args) => this.#call(name, args), (code, msg) => new ExplorerError(code, msg), (call, method, args) => this.#rounds(call, method, args));
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
      throw fromWasm(name, e);
    }
  }

  /** Whether the module has `name` (an older glue may lack an addition). @param {string} name */
  #has(name) {
    return !this.#inner || typeof this.#inner[name] === 'function';
  }

  /** Hosted mode: the texts are fetched on demand (`loadText()`); false by default. @returns {boolean} */
  get hosted() {
    return Boolean(this.#inner && typeof this.#inner.isHosted === 'function' && this.#inner.isHosted());
  }

  /**
   * Whether the text of article `id` is at hand, i.e. `article(id)` and its
   * snippets work now. Always true (for an existing id) unless hosted.
   * @param {number} id @returns {boolean}
   */
  textLoaded(id) {
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) return false;
    // A glue without the method (an older build) has its texts embedded.
    if (!this.#has('textLoaded')) return true;
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
    const list = articleIds(ids);
    if (!this.hosted || list.length === 0) return { chunks: 0, bytes: 0 };
    // Lazy mode: the table that names the chunks is an index file of its own.
    await this.#rounds('loadText', 'missingForTexts', [Uint32Array.from(list)]);
    const missing = this.#call('missingTexts', [Uint32Array.from(list)]);
    return this.#chunks.load(missing, (chunk, bytes) => this.#addText(chunk, bytes));
  }

  /** Hands over text chunk `chunk`. @param {number} chunk @param {Uint8Array} bytes */
  #addText(chunk, bytes) {
    if (!this.#inner) throw new ExplorerError('call', 'loadText(): the explorer was closed');
    try {
      this.#inner.addTextChunk(chunk, bytes);
    } catch (e) {
      throw new ExplorerError('text', describe(e), e);
    }
  }

  /**
   * Lazy hosted mode: the term dictionary and postings are files fetched per
   * query (see `fetchFor()`). False for every other build. @returns {boolean}
   */
  get lazy() {
    return Boolean(this.#index && this.#inner && typeof this.#inner.isLazy === 'function' && this.#inner.isLazy());
  }

  /**
   * Lazy hosted mode: fetches the index files `search(query, options)` needs
   * (the module names them, in rounds: dictionary shards, then postings packs,
   * then the row chunks and texts of its page of hits; each file once, also
   * across concurrent calls) and hands them over. When it resolves, `search()`
   * answers as over the whole index, snippets included; before, it throws
   * `code: "index"` naming the file it lacks, never guessing. The other calls
   * have rounds of their own: `fetchForArticle`, `fetchForEntity`,
   * `fetchForOverview`. Resolves at once in every other build.
   * @param {string} query
   * @param {SearchOptions} [options]
   * @returns {Promise<IndexLoad>}
   * @throws {ExplorerError} `code: "index"` naming the file that could not be
   *   fetched (network gone, missing) or that is not the file named (damaged,
   *   of another build); files already loaded stay, a later call tries again.
   */
  fetchFor(query, options) {
    return this.#rounds('fetchFor', this.#has('missingForPage') ? 'missingForPage' : 'missingFor', [query, options]);
  }

  /**
   * Lazy hosted mode: each fetches, in rounds as {@link fetchFor} does, the
   * index files its call reads, and resolves at once in every other build:
   * `article(id, options)` (the article's head and mentions; its text is
   * {@link loadText}'s), `entity(id, options)` (the rows of the articles in
   * its scope, what its query reads), `overview(options)` (the heads of its
   * page: ask a page with `limit`), `entities()` (every entity's record),
   * `entitiesNamed(text)` (the names it folds), `resolveEntity(ref)` for each
   * of `refs`, `entityRef(id)` for each of `ids` (1.9), `related(id, options)`
   * (the rows of the articles it compares).
   * @param {number} id @param {ArticleOptions} [options] @returns {Promise<IndexLoad>}
   * @throws {ExplorerError} as {@link fetchFor}; `code: "argument"` for a bad id.
   */
  fetchForArticle(id, options) {
    return this.#rounds('fetchForArticle', 'missingForArticle', [id, options]);
  }

  /** @param {number} id @param {EntityOptions} [options] @returns {Promise<IndexLoad>} */
  fetchForEntity(id, options) {
    return this.#rounds('fetchForEntity', 'missingForEntity', [id, options]);
  }

  /** @param {OverviewOptions} [options] @returns {Promise<IndexLoad>} */
  fetchForOverview(options) {
    return this.#rounds('fetchForOverview', 'missingForOverview', [options]);
  }

  /** @returns {Promise<IndexLoad>} */
  fetchForEntities() {
    return this.#rounds('fetchForEntities', 'missingForEntities', []);
  }

  /** @param {string} text @returns {Promise<IndexLoad>} */
  fetchForEntitiesNamed(text) {
    return this.#rounds('fetchForEntitiesNamed', 'missingForEntitiesNamed', [String(text)]);
  }

  /** @param {string[]} refs @returns {Promise<IndexLoad>} */
  fetchForResolve(refs) {
    return this.#rounds('fetchForResolve', 'missingForResolve', [refs.map(String)]);
  }

  /** @param {number[]} ids @returns {Promise<IndexLoad>} @throws {ExplorerError} `code: "argument"` unless ids */
  async fetchForEntityRefs(ids) {
    return this.#rounds('fetchForEntityRefs', 'missingForEntityRefs', [Uint32Array.from(articleIds(ids, 'fetchForEntityRefs()', 'entity ids'))]);
  }

  /** @param {number} id @param {{ limit?: number }} [options] @returns {Promise<IndexLoad>} */
  fetchForRelated(id, options) {
    return this.#rounds('fetchForRelated', 'missingForRelated', [id, options]);
  }

  /**
   * The rounds of a call: the module's `method` names the files, the loader fetches them.
   * @param {string} call @param {string} method @param {unknown[]} args
   * @returns {Promise<IndexLoad>}
   */
  async #rounds(call, method, args) {
    const loader = this.#index;
    if (!this.lazy || !loader || !this.#has(method)) return { files: 0, bytes: 0, rounds: 0 };
    return loader.rounds(`${call}()`, () => this.#call(method, args), (name, bytes) => this.#addIndexFile(name, bytes), this.#chunks, (chunk, bytes) => this.#addText(chunk, bytes));
  }

  /**
   * Lazy hosted mode: fetches the index files `names` as an error names one (`missingFile`),
   * a file loaded already is put in the engine. @param {string[]} names @returns {Promise<number>} bytes
   */
  async fetchIndexFiles(names) {
    const loader = this.#index;
    if (!loader || !this.lazy) return 0;
    const fresh = names.map(String).filter((name) => !loader.loaded.has(name));
    if (fresh.length < names.length && this.#has('assemble')) this.#call('assemble', []);
    return loader.load(fresh, (n, b) => this.#addIndexFile(n, b));
  }

  /** Lazy hosted mode: the index files fetched so far, in order (else none). @returns {string[]} */
  indexFilesLoaded() {
    return this.#index ? [...this.#index.loaded] : [];
  }

  /** @param {string} name @param {Uint8Array} bytes */
  #addIndexFile(name, bytes) {
    if (!this.#inner) throw new ExplorerError('call', 'fetchFor(): the explorer was closed');
    try {
      this.#inner.addIndexFile(name, bytes);
    } catch (e) {
      throw fromWasm('addIndexFile', e);
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
   * `{ total: 0, hits: [] }` (the start page asks `overview()`). The query
   * language: `"phrases"`, `-word`, `a OR b`, `person:Putin` (also
   * `land:`/`country:`/`staat:`, `ort:`/`place:`, `org:`/`organization:`, `entity:`).
   * `{ facets: false }` (1.10) answers without the facets and the histogram (`facetsPending`):
   * a lazy page draws its hits before it fetches the rows and dates every match's facets need.
   * @param {string} query Words as a person types them; case and umlauts are folded.
   * @param {SearchOptions} [options]
   * @returns {SearchResults}
   */
  search(query, options) {
    return withFacets(this.#call('search', [query, options]), () => this.#entityTable());
  }

  /**
   * The start page: the untouched collection. Every article (or the page
   * `limit`/`offset` asks for) in index order or by date, every entity with
   * the number of articles mentioning it (`demonyms: false`: by name only),
   * the date histogram and the first and last month.
   * @param {OverviewOptions} [options]
   * @returns {Overview}
   */
  overview(options) {
    return withFacets(this.#call('overview', [options]), () => this.#entityTable());
  }

  /**
   * The entity a reference names, read by the query language's rules: an id
   * (`"12"`), a name, an alias or the beginning of one, optionally with a kind
   * prefix (`"person:Putin"`, `"staat:Nordkorea"`). Null when it names nobody.
   * @param {string|number} ref
   * @returns {number|null}
   */
  resolveEntity(ref) {
    if (!this.#has('resolveEntity')) return null;
    return this.#call('resolveEntity', [String(ref)]) ?? null;
  }

  /**
   * How a link writes entity `id`: its name when that finds it again, else its id.
   * @param {number} id
   * @returns {string}
   */
  entityRef(id) {
    return this.#call('entityRef', [id]);
  }

  /**
   * The ids of the entities whose name or an alias contains `text`, folded as
   * the search folds words (case, umlauts either way, ß, accents); every
   * entity for a blank text.
   * @param {string} text
   * @returns {Uint32Array}
   */
  entitiesNamed(text) {
    return this.#call('entitiesNamed', [String(text)]);
  }

  /** @returns {Array<{name: string, kind: EntityKind}>} */
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
   * @throws {ExplorerError} `code: "text"` in hosted mode while its text is not loaded.
   */
  article(id, options) {
    try {
      return this.#call('article', [id, options]);
    } catch (e) {
      if (e instanceof ExplorerError && e.code === 'text') {
        throw new ExplorerError('text', `article(${id}): its text is not loaded yet; await explorer.loadText([${id}]) first`, e);
      }
      throw e;
    }
  }

  /**
   * Named entities (people, countries, places, organisations, events) found
   * in the articles, mentioned in most articles first. Empty when the build
   * recognised none.
   * @returns {EntityInfo[]}
   */
  entities() {
    if (!this.#has('entities')) return [];
    const list = this.#call('entities', []);
    // The facets' names (builds that send their counts): kept from the list a page asks for anyway.
    this.#entities ??= entityTable(list);
    return list;
  }

  /**
   * One entity within the results of a search (`query`, `entities`, `from`,
   * `to`, `demonyms`; every article when there is no query and no entity filter):
   * its articles (`limit`/`offset`: a page, `articlesTotal` all), its mentions
   * in context, co-occurring entities, spellings.
   * @param {number} id An id from `entities()`, a facet or a mention.
   * @param {EntityOptions} [options]
   * @returns {EntityView}
   */
  entity(id, options) {
    if (!this.#has('entity')) throw new ExplorerError('call', 'entity(): this build has no entity index');
    return this.#call('entity', [id, options]);
  }

  /**
   * The build's account of the corpus: articles indexed, files skipped and why.
   * Plain text for people, not for parsing; "" if this build does not have it.
   * @returns {string}
   */
  buildSummary() {
    if (!this.#has('buildSummary')) return '';
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
 * With `{ worker: true }`: an {@link AsyncArticleExplorer} instead, whose
 * methods return Promises, served by a Web Worker when one can be made.
 *
 * @overload
 * @param {CreateOptions & { worker: true }} options
 * @returns {Promise<AsyncArticleExplorer>}
 */
/**
 * @overload
 * @param {CreateOptions & { worker?: false }} [options]
 * @returns {Promise<ArticleExplorer>}
 */
/**
 * @param {CreateOptions} [options]
 * @returns {Promise<ArticleExplorer|AsyncArticleExplorer>}
 * @throws {ExplorerError} `code: "load"` when the files cannot be fetched or
 *   started, `code: "index"` when the embedded index is damaged.
 */
export async function createExplorer(options = {}) {
  if (options.worker) return createAsync(options);
  const glue = await initialise(options, DEFAULT_WASM);
  let textBase = DEFAULT_TEXT;
  if (options.text !== undefined) {
    try {
      textBase = new URL(String(options.text), globalThis.location?.href ?? DEFAULT_TEXT);
    } catch (e) {
      throw new ExplorerError('argument', `createExplorer(): options.text must be a URL, got ${describe(options.text)}`, e);
    }
    if (!textBase.pathname.endsWith('/')) textBase.pathname += '/';
  }
  if (typeof glue.Explorer.openLazy === 'function') {
    const { inner, loader } = await openLazy(glue, options.index, DEFAULT_INDEX);
    return new ArticleExplorer(inner, textBase, loader);
  }
  let inner;
  try {
    inner = new glue.Explorer();
  } catch (e) {
    throw new ExplorerError('index', `Could not open the embedded index: ${describe(e)}`, e);
  }
  return new ArticleExplorer(inner, textBase);
}

/** The smallest WebAssembly module (magic and version): compiling it asks the page's policy. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * `createExplorer({ worker: true })`: the engine in a dedicated Web Worker,
 * which fetches and compiles the wasm itself (or is handed the page's inlined
 * bytes); on the main thread when no worker can be made (no Worker, a policy
 * that forbids it, a script that does not load). The URLs the worker needs
 * are resolved here, where this module's folder is known.
 * @param {CreateOptions} options
 * @returns {Promise<AsyncArticleExplorer>}
 */
async function createAsync(options) {
  // The page's policy binds its worker too: a worker script has its own (none), so without
  // this check a host page whose Content-Security-Policy forbids WebAssembly would run it anyway.
  try {
    new WebAssembly.Module(EMPTY_WASM);
  } catch (e) {
    throw new ExplorerError('load', `Could not start the WebAssembly module: ${describe(e)}`, e);
  }
  const worker = await startWorker(DEFAULT_WORKER);
  if (!worker) return onMainThread(await createExplorer({ ...options, worker: false }), METHODS);
  try {
    const where = globalThis.location?.href;
    /** @param {string|URL|undefined} given @param {URL|null} fallback */
    const folder = (given, fallback) => {
      try {
        return given === undefined ? fallback?.href : new URL(String(given), where).href;
      } catch (e) {
        throw new ExplorerError('argument', `createExplorer(): options.text and options.index must be URLs, got ${describe(given)}`, e);
      }
    };
    const sent = {
      wasm: await wasmForWorker(options.wasm ?? /** @type {any} */ (globalThis).__ARTICLE_EXPLORER_WASM__ ?? DEFAULT_WASM),
      text: folder(options.text, DEFAULT_TEXT),
      index: folder(options.index, DEFAULT_INDEX),
      ...(options.glue === undefined ? {} : { glue: new URL(String(options.glue), where).href }),
    };
    return await openInWorker(worker, sent);
  } catch (e) {
    worker.terminate();
    throw e;
  }
}

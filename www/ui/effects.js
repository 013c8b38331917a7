// @ts-check
/**
 * The effects of the view: asking the explorer (search, overview, article,
 * entity), fetching hosted texts, and the timing around them (debouncing
 * typed queries, dropping answers for a state that moved on). The explorer
 * is the worker-backed one: each effect is awaited, and the caller checks
 * that its state is still the current one before drawing the answer. Each
 * returns data for the renderers; none touches the DOM.
 *
 * @module ui/effects
 */

import { searchRequest, entityRequest } from './transitions.js';
import { isFiltered } from './state.js';
import { FIRST_PIECE } from './pieces.js';

/** How long typing pauses before its search runs. */
export const DEBOUNCE_MS = 150;

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./catalog.js').Catalog} Catalog
 * @typedef {import('../types.js').SearchResults} SearchResults
 * @typedef {import('../types.js').SearchOptions} SearchOptions
 * @typedef {import('../types.js').Overview} Overview
 * @typedef {({ overview: true } & Overview) | ({ overview?: false, facetsError?: unknown } & SearchResults)} Result
 *   What the list shows: the start page or a search.
 * @typedef {{ key: string, result: Result|null, error: unknown }} Shown
 *
 * @typedef {{ kind: 'article', article: import('../types.js').Article }
 *   | { kind: 'loading', summary: import('../types.js').ArticleSummary|null, load: number[] }
 *   | { kind: 'entity', view: import('../types.js').EntityView, request: import('../types.js').EntityOptions, total: number|null, failure: string|undefined, load: number[] }
 *   | { kind: 'error', what: 'text'|'article'|'articleMissing'|'entity'|'entityMissing', message: string }} Detail
 *   What the detail pane shows; `load`: hosted texts to fetch, then ask again.
 */

/**
 * Resolves in a later task (`scheduler.yield()` where the browser has it: ahead of other
 * queued work), so that the work after it does not add to the task that ran before.
 * @returns {Promise<void>}
 */
export function nextTask() {
  const scheduler = /** @type {{ yield?: () => Promise<void> }|undefined} */ (/** @type {any} */ (globalThis).scheduler);
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A debounced run with a sequence number, so a late answer for an old state is dropped. */
export class Scheduler {
  seq = 0;
  /** @type {ReturnType<typeof setTimeout>|undefined} */
  #timer = undefined;
  /** @type {(() => void)|null} */
  #run = null;

  /** A new state: earlier scheduled runs and answers are outdated. Returns its number. */
  next() {
    this.cancel();
    this.seq += 1;
    return this.seq;
  }

  /** @param {number} seq */
  current(seq) {
    return seq === this.seq;
  }

  /**
   * Runs `run` after the typing pause (unless a newer state comes first).
   * @param {() => void} run
   */
  later(run) {
    this.cancel();
    this.#run = run;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#run = null;
      run();
    }, DEBOUNCE_MS);
  }

  /** True while a typed query waits for its debounced search. */
  get pending() {
    return this.#timer !== undefined;
  }

  /** Runs the waiting run now (Enter, opening an article). */
  flush() {
    const run = this.#run;
    this.cancel();
    run?.();
  }

  cancel() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#run = null;
  }
}

/**
 * The list for `state`: a search, or the start page for the untouched collection.
 * @param {Catalog} catalog
 * @param {ViewState} state
 * @returns {Promise<{ result: Result|null, error: unknown }>}
 */
export async function fetchResults(catalog, state) {
  try {
    const request = hitsFirst(catalog, searchRequest(state));
    if (!request) return { result: { overview: true, ...(await catalog.overview(state.sort, state.demonyms)) }, error: null };
    const result = await catalog.explorer.search(request.query, request.options);
    catalog.learn(result.hits);
    return { result, error: null };
  } catch (error) {
    return { result: null, error };
  }
}

/**
 * Lazy hosted mode: fetches the index files the list's search for `state`
 * needs (the module names them); null when nothing is to be fetched first
 * (every other build, or the start page).
 * @param {Catalog} catalog
 * @param {ViewState} state
 * @returns {Promise<unknown>|null}
 */
export function loadIndexFor(catalog, state) {
  if (!catalog.explorer.lazy) return null;
  const request = hitsFirst(catalog, searchRequest(state));
  if (!request) return null;
  return catalog.explorer.fetchFor(request.query, request.options);
}

/**
 * Lazy hosted mode asks a list's search without its facets first (`{ facets: false }`):
 * the page of hits needs the rows of its own hits, the facets those of every match (at
 * 10k articles, the entity table for a word in a few hundred), so the hits are drawn
 * first and the facets when their rounds are done ({@link fetchFacets}). Every other
 * build counts them at once (nothing to fetch).
 * @template {{ query: string, options: SearchOptions }|null} R
 * @param {Catalog} catalog
 * @param {R} request
 * @returns {R}
 */
function hitsFirst(catalog, request) {
  if (!request || !catalog.explorer.lazy) return request;
  return /** @type {R} */ ({ query: request.query, options: { ...request.options, facets: false } });
}

/**
 * Lazy hosted mode: the facets of the list's search for `state`, after their rounds (the
 * rows of every match, the names of the entities found); the search asked again with
 * them, unless `current()` says a newer list is shown by then (null). Rejects with the
 * error of a fetch, which names the file.
 * @param {Catalog} catalog
 * @param {ViewState} state
 * @param {() => boolean} current
 * @returns {Promise<SearchResults|null>}
 */
export async function fetchFacets(catalog, state, current) {
  const request = /** @type {{ query: string, options: SearchOptions }} */ (searchRequest(state));
  await catalog.explorer.fetchFor(request.query, request.options);
  if (!current()) return null;
  return catalog.explorer.search(request.query, request.options);
}

/**
 * The next page of hits, from `offset`.
 * @param {Catalog} catalog
 * @param {ViewState} state
 * @param {number} offset
 * @returns {Promise<{ hits: import('../types.js').Hit[], loosened?: import('../types.js').Loosened[] }>}
 */
export async function fetchPage(catalog, state, offset) {
  const request = pageRequest(state, offset);
  if (!request) return { hits: [], loosened: [] };
  // Lazy hosted mode: its rounds first (the heads of a next page).
  if (catalog.explorer.lazy) await catalog.explorer.fetchFor(request.query, request.options);
  return catalog.explorer.search(request.query, request.options);
}

/**
 * The search for the page of hits from `offset` alone: only its hits are drawn, the
 * facets are not counted again. Null when `state` lists no search.
 * @param {ViewState} state
 * @param {number} offset
 */
function pageRequest(state, offset) {
  const request = searchRequest(state, offset);
  return request && { query: request.query, options: { ...request.options, facets: false } };
}

/**
 * The page of hits from `offset` again, once its texts are in: asked at once, since its
 * rounds are done and its texts seldom make the snippets' marks read more (lazy hosted
 * mode: a word of a text that may be a name, looked up in its alias shard). If they do,
 * the search names the file it lacks, and the page's rounds run before it is asked again
 * (a round that finds nothing missing costs a whole search: most of a lazy query's
 * engine time at 100k articles).
 * @param {Catalog} catalog
 * @param {ViewState} state
 * @param {number} offset
 */
async function pageWithTexts(catalog, state, offset) {
  const request = pageRequest(state, offset);
  if (!request) return { hits: [], loosened: [] };
  try {
    return await catalog.explorer.search(request.query, request.options);
  } catch (e) {
    if (!catalog.explorer.lazy || typeof (/** @type {any} */ (e)?.missingFile) !== 'string') throw e;
  }
  await catalog.explorer.fetchFor(request.query, request.options);
  return catalog.explorer.search(request.query, request.options);
}

/**
 * Hosted mode: fetches the texts of hits shown without a snippet, then asks
 * for the same page again. `done(page)` gets the page with snippets, or null
 * when the texts or the search failed; neither runs when nothing is pending.
 * @param {Catalog} catalog
 * @param {ViewState} state the state the hits were shown for
 * @param {number} offset
 * @param {import('../types.js').Hit[]} hits
 * @param {(page: SearchResults|null, ids: number[]) => void} done
 */
export function loadSnippets(catalog, state, offset, hits, done) {
  const ids = hits.filter((hit) => hit.snippet?.pending).map((hit) => hit.id);
  if (ids.length === 0) return;
  catalog.explorer.loadText(ids).then(
    async () => {
      let page = null;
      try {
        page = await pageWithTexts(catalog, state, offset);
      } catch {
        page = null;
      }
      done(/** @type {SearchResults|null} */ (page), ids);
    },
    (e) => {
      console.warn('article explorer: texts could not be loaded:', e);
      done(null, ids);
    },
  );
}

/**
 * Hosted mode: fetches texts a detail view waits for. `done(failure)` gets
 * undefined when they arrived, else why not.
 * @param {Catalog} catalog
 * @param {number[]} ids
 * @param {(failure: string|undefined) => void} done
 */
export function loadTexts(catalog, ids, done) {
  catalog.explorer.loadText(ids).then(
    () => done(undefined),
    (e) => done(message(e)),
  );
}

/**
 * What the detail pane shows for `state` (an article or an entity view). In
 * lazy hosted mode the index files the view reads are fetched first, in
 * rounds (`fetchForArticle`, `fetchForEntity`); a failed fetch is the view's
 * error, naming the file.
 * @param {Catalog} catalog
 * @param {ViewState} state
 * @param {string|undefined} failure why its texts could not be loaded last time
 * @param {number|null} shownTotal the number of results the list shows
 * @returns {Promise<Detail>}
 */
export async function fetchDetail(catalog, state, failure, shownTotal) {
  const { explorer } = catalog;
  if (state.article !== null) {
    const id = state.article;
    if (failure !== undefined) return { kind: 'error', what: 'text', message: failure };
    const options = { query: state.q.trim() };
    const rounds = await detailRounds(catalog, () => explorer.fetchForArticle(id, options));
    if (rounds) return rounds.code === 'index' ? { kind: 'error', what: 'article', message: message(rounds) } : { kind: 'error', what: 'articleMissing', message: '' };
    const summary = catalog.articleById.get(id);
    // Lazy hosted mode knows no list of every article: a deep link waits for its text untitled.
    const known = summary !== undefined || catalog.lazy;
    if (known && !(await explorer.textLoaded(id))) return { kind: 'loading', summary: summary ?? null, load: [id] };
    try {
      const article = await explorer.article(id, options);
      catalog.learn([article]);
      return { kind: 'article', article };
    } catch (e) {
      return catalog.articleById.has(id) ? { kind: 'error', what: 'article', message: message(e) } : { kind: 'error', what: 'articleMissing', message: '' };
    }
  }
  const id = /** @type {number} */ (state.entity);
  const request = entityRequest(state, id);
  // The first page of its articles; "mehr anzeigen" asks for the next (`Catalog.entityPage`).
  const first = { ...request, limit: FIRST_PIECE };
  const rounds = catalog.byId.has(id) ? await detailRounds(catalog, () => explorer.fetchForEntity(id, first)) : null;
  if (rounds) return { kind: 'error', what: 'entity', message: message(rounds) };
  try {
    const view = await explorer.entity(id, first);
    catalog.learn(view.articles ?? []);
    const pending = view.textPending ?? [];
    return {
      kind: 'entity',
      view,
      request,
      total: isFiltered(state) ? shownTotal : null,
      failure: pending.length > 0 ? failure : undefined,
      load: failure === undefined ? pending : [],
    };
  } catch (e) {
    return catalog.byId.has(id) ? { kind: 'error', what: 'entity', message: message(e) } : { kind: 'error', what: 'entityMissing', message: '' };
  }
}

/**
 * Lazy hosted mode: runs a detail view's rounds; the error when they failed,
 * else null (also in every other build, which has nothing to fetch).
 * @param {Catalog} catalog
 * @param {() => Promise<unknown>} rounds
 * @returns {Promise<{ code?: string }|null>}
 */
async function detailRounds(catalog, rounds) {
  if (!catalog.lazy) return null;
  try {
    await rounds();
    return null;
  } catch (e) {
    return /** @type {{ code?: string }} */ (e instanceof Error ? e : new Error(String(e)));
  }
}

/** @param {unknown} e */
export function message(e) {
  return e instanceof Error ? e.message : String(e);
}

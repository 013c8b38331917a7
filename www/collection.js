// @ts-check
/**
 * The collection views of the JS API: who appears with whom, when, in which
 * related articles, and the results to take away. Compatible additions to
 * {@link import('./explorer.js').ArticleExplorer}, attached by explorer.js:
 *
 * ```js
 * ex.entity(7).timeline;   // [{ month: 'YYYY-MM', articles, mentions, results }], oldest first
 * ex.entity(7).undated;    // { articles, mentions, results }: the same for undated articles
 * ex.graph({ query: 'Gipfel', entities: [], from, to, limit: 40 });
 *   // { scope, nodes: [{ id, name, kind, articles, x, y, r }], edges: [{ source, target, articles, lift, overRepresented }] }
 * ex.related(3, { limit: 5 }); // { hits: [{ id, file, title, date, score, entities, words }] }
 * ex.exportResults('Gipfel', { sort: 'newest' }, 'csv'); // RFC 4180 text with a BOM; 'json' for JSON
 * ex.exportEntities('Gipfel', {}, 'json');
 * ex.collectionId();       // '3f…': what the page keys starred articles by
 * ex.within([3, 9], 'Gipfel', {}); // those of 3 and 9 among the results, in answer order
 * ```
 *
 * Everything is computed in the wasm (src/collection/); this module only
 * passes the arguments on. Options are checked there, once, with errors that
 * name the option. A blank query without filters means the whole collection.
 *
 * `timeline` counts within the same results as the rest of `entity()`; a
 * month's `results` are all articles of those results in that month, so
 * `articles / results` is the entity's share of the histogram.
 *
 * @module collection
 */

/**
 * @typedef {object} GraphNode
 * @property {number} id        Entity id.
 * @property {string} name
 * @property {string} kind      `person`, `country`, `place`, `organization`, `event`.
 * @property {number} articles  Articles of the results that mention it.
 * @property {number} x         Place in the unit square (laid out in the wasm, deterministic).
 * @property {number} y
 * @property {number} r         Radius in the unit square (the area grows with `articles`).
 */

/**
 * @typedef {object} GraphEdge
 * @property {number} source    Entity id (the smaller of the two).
 * @property {number} target    Entity id.
 * @property {number} articles  Articles of the results that mention both.
 * @property {number} lift      shared · N / (articles(source) · articles(target)); 1 = chance.
 * @property {boolean} overRepresented lift ≥ 1.5 over at least 2 shared articles.
 */

/**
 * @typedef {{ scope: number, nodes: GraphNode[], edges: GraphEdge[] }} Graph
 * @typedef {{ month: string, articles: number, mentions: number, results: number }} MonthCount
 * @typedef {{ articles: number, mentions: number, results: number }} Undated
 * @typedef {{ months: MonthCount[], undated: Undated }} Timeline
 * @typedef {import('./explorer.js').ArticleSummary & { score: number, entities: Array<{ id: number, name: string, kind: string }>, words: string[] }} RelatedHit
 * @typedef {import('./explorer.js').ArticleSummary & { score: number }} ScopedHit
 * @typedef {import('./explorer.js').SearchOptions & { query?: string }} GraphOptions
 */

/**
 * Adds the collection calls to an explorer. Arguments go to the wasm as they
 * are: it checks them once (src/wasm/options.rs) and names the call and the
 * option in its errors.
 * @param {import('./explorer.js').ArticleExplorer} ex
 * @param {(name: string, args: unknown[]) => any} call calls the wasm object, errors as ExplorerError
 * @param {(code: string, message: string) => Error} fail makes an ExplorerError
 * @param {(call: string, method: string, args: unknown[]) => Promise<import('./types.js').IndexLoad>} rounds
 *   lazy hosted mode: runs the rounds of the module's `method` (resolves at once in other builds)
 */
export function attachCollection(ex, call, fail, rounds) {
  const entity = ex.entity.bind(ex);

  const methods = {
    /**
     * One entity (see `entity()` in explorer.js) plus its `timeline` and `undated`.
     * @param {number} id
     * @param {import('./explorer.js').EntityOptions} [options]
     */
    entity(id, options = {}) {
      const view = entity(id, options);
      const t = /** @type {Timeline} */ (call('timeline', [id, options]));
      return Object.assign(view, { timeline: t.months, undated: t.undated });
    },
    /**
     * The entity network of the results of `{ query, entities, from, to, demonyms }`.
     * @param {GraphOptions} [options] `limit`: nodes at most (default 40, up to 150)
     * @returns {Graph}
     */
    graph(options = {}) {
      return call('graph', [options]);
    },
    /**
     * An entity per month within the results (what `entity(id).timeline` is made of).
     * @param {number} id
     * @param {import('./explorer.js').EntityOptions} [options]
     * @returns {Timeline}
     */
    timeline(id, options = {}) {
      return call('timeline', [id, options]);
    },
    /**
     * Articles like article `id`, by shared entities and distinctive words; never `id` itself.
     * @param {number} id
     * @param {{ limit?: number }} [options] default 5, up to 50
     * @returns {{ hits: RelatedHit[] }}
     */
    related(id, options = {}) {
      return call('related', [id, options]);
    },
    /**
     * The results (all of them, unless `options.limit`) as CSV (RFC 4180, UTF-8 BOM) or JSON.
     * Columns: id, title, date, source, file, score, url (source and url empty where unknown).
     * @param {string} query
     * @param {import('./explorer.js').SearchOptions} [options]
     * @param {'csv'|'json'} [format]
     * @returns {string}
     */
    exportResults(query, options = {}, format = 'csv') {
      return call('exportResults', [query, options, format]);
    },
    /**
     * The results' entity table (id, name, kind, articles, mentions) as CSV or JSON.
     * @param {string} query
     * @param {import('./explorer.js').SearchOptions} [options]
     * @param {'csv'|'json'} [format]
     * @returns {string}
     */
    exportEntities(query, options = {}, format = 'csv') {
      return call('exportEntities', [query, options, format]);
    },
    /**
     * Lazy hosted mode: fetches, in rounds, the index files `timeline(id, options)`
     * reads (as `fetchFor` does for a search); at once in every other build.
     * @param {number} id
     * @param {import('./explorer.js').EntityOptions} [options]
     */
    fetchForTimeline(id, options = {}) {
      return rounds('fetchForTimeline', 'missingForTimeline', [id, options]);
    },
    /**
     * Lazy hosted mode: fetches, in rounds, the index files `exportResults` (`what:
     * 'results'`) or `exportEntities` (`'entities'`) reads with this query and options.
     * @param {'results'|'entities'} what
     * @param {string} query
     * @param {import('./explorer.js').SearchOptions} [options]
     */
    fetchForExport(what, query, options = {}) {
      return rounds('fetchForExport', 'missingForExport', [what, query, options]);
    },
    /**
     * A fingerprint of the collection (16 hex digits), the same in every build of one folder.
     * @returns {string}
     */
    collectionId() {
      return call('collectionId', []);
    },
    /**
     * Of `ids`, those among the results of `query` and `options`, in answer order.
     * @param {number[]} ids
     * @param {string} [query]
     * @param {import('./explorer.js').SearchOptions} [options]
     * @returns {ScopedHit[]}
     */
    within(ids, query = '', options = {}) {
      if (!Array.isArray(ids) || !ids.every((i) => Number.isInteger(i) && i >= 0 && i <= 0xffffffff)) {
        throw fail('argument', `within(): ids must be an array of article ids`);
      }
      return call('within', [Uint32Array.from(ids), query, options]);
    },
  };
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(ex, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
}

// @ts-check
/**
 * What the page keeps of the engine's answers, asked once per loaded
 * explorer and shared by every `<article-explorer>` on the page: the article
 * and entity lists with lookups by id, and caches of the start page
 * (`overview()`), of entity references (`resolveEntity()`, `entityRef()`)
 * and of the facet box's matches (`entitiesNamed()`). No rule about names,
 * words or order lives here: each answer comes from the wasm module.
 *
 * @module ui/catalog
 */

/**
 * @typedef {import('../types.js').EntityInfo} EntityInfo
 * @typedef {import('../types.js').ArticleSummary} ArticleSummary
 * @typedef {import('../types.js').Overview} Overview
 */

export class Catalog {
  /** @type {Map<string, Overview>} `${sort} ${demonyms}` -> the start page */
  #overviews = new Map();
  /** @type {Map<number, string>} */
  #refs = new Map();
  /** @type {{ text: string, ids: Set<number> }|null} the facet box's last answer */
  #named = null;

  /**
   * @param {import('../explorer.js').ArticleExplorer} explorer
   */
  constructor(explorer) {
    this.explorer = explorer;
    /** @type {ArticleSummary[]} */
    this.articles = explorer.articles();
    /** @type {EntityInfo[]} */
    let entities = [];
    try {
      entities = explorer.entities();
    } catch (e) {
      // A build without an entity index still searches; the facets say "none".
      console.warn('article explorer: entities() failed, showing none:', e);
    }
    this.entities = Array.isArray(entities) ? entities : [];
    /** @type {Map<number, EntityInfo>} */
    this.byId = new Map(this.entities.map((e) => [e.id, e]));
    /** @type {Map<number, ArticleSummary>} */
    this.articleById = new Map(this.articles.map((a) => [a.id, a]));
  }

  /**
   * The entity a reference names (an id, a name or alias, `person:Putin`; the
   * engine reads it as the query language does). Null when nothing matches.
   * @param {string|number} ref
   * @returns {number|null}
   */
  resolve(ref) {
    if (typeof ref === 'number') return this.byId.has(ref) ? ref : null;
    try {
      return this.explorer.resolveEntity(ref);
    } catch {
      return null;
    }
  }

  /**
   * How a URL writes an entity: its name when that finds it again, else its id.
   * @param {number} id
   */
  refOf(id) {
    let ref = this.#refs.get(id);
    if (ref === undefined) {
      try {
        ref = this.explorer.entityRef(id);
      } catch {
        ref = String(id);
      }
      this.#refs.set(id, ref);
    }
    return ref;
  }

  /** @param {number} id */
  nameOf(id) {
    return this.byId.get(id)?.name ?? String(id);
  }

  /**
   * The start page for an order and a way of counting entities (asked once each).
   * @param {import('../types.js').Sort} sort
   * @param {boolean} demonyms
   * @returns {Overview}
   */
  overview(sort, demonyms) {
    const key = `${sort} ${demonyms}`;
    let o = this.#overviews.get(key);
    if (!o) {
      o = this.explorer.overview({ sort, demonyms });
      this.#overviews.set(key, o);
    }
    return o;
  }

  /**
   * The ids of the entities the facet box's text names; null for a blank box.
   * @param {string} text
   * @returns {Set<number>|null}
   */
  named(text) {
    if (!text.trim()) return null;
    if (this.#named?.text !== text) {
      let ids = new Set();
      try {
        ids = new Set(this.explorer.entitiesNamed(text));
      } catch (e) {
        console.warn('article explorer: entitiesNamed() failed:', e);
      }
      this.#named = { text, ids };
    }
    return this.#named.ids;
  }
}

/** @type {WeakMap<object, Catalog>} */
const catalogs = new WeakMap();

/**
 * The catalog of an explorer (made once).
 * @param {import('../explorer.js').ArticleExplorer} explorer
 */
export function catalogOf(explorer) {
  let c = catalogs.get(explorer);
  if (!c) {
    c = new Catalog(explorer);
    catalogs.set(explorer, c);
  }
  return c;
}

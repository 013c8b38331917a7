// @ts-check
/**
 * What the page keeps of the engine's answers, asked once per loaded
 * explorer and shared by every `<article-explorer>` on the page: the article
 * and entity lists with lookups by id, every entity's reference
 * (`entityRef()`, asked in one round trip when the catalog loads), and
 * caches of the start page (`overview()`), of resolved references
 * (`resolveEntity()`) and of the facet box's matches (`entitiesNamed()`).
 * The explorer is the worker-backed one (every answer awaited); what the
 * renderers read synchronously is what was asked before. No rule about
 * names, words or order lives here: each answer comes from the wasm module.
 *
 * @module ui/catalog
 */

/**
 * @typedef {import('../types.js').EntityInfo} EntityInfo
 * @typedef {import('../types.js').ArticleSummary} ArticleSummary
 * @typedef {import('../types.js').Overview} Overview
 * @typedef {import('../explorer.js').AsyncArticleExplorer} AsyncArticleExplorer
 */

export class Catalog {
  /** @type {Map<string, Promise<Overview>>} `${sort} ${demonyms}` -> the start page */
  #overviews = new Map();
  /** @type {Map<number, string>} entity id -> how a link writes it */
  #refs;
  /** @type {Map<string, number|null>} reference -> the entity it names (asked once each) */
  #resolved = new Map();
  /** @type {{ text: string, ids: Set<number>|null }|null} the facet box's last answer (ids null: asking) */
  #named = null;

  /**
   * Not for direct use: {@link catalogOf} loads one.
   * @param {AsyncArticleExplorer} explorer
   * @param {{ articles: ArticleSummary[], entities: EntityInfo[], refs: Map<number, string>, collectionId: string|null }} loaded
   */
  constructor(explorer, loaded) {
    this.explorer = explorer;
    /** @type {ArticleSummary[]} */
    this.articles = loaded.articles;
    /** @type {EntityInfo[]} */
    this.entities = loaded.entities;
    this.#refs = loaded.refs;
    /** What the page keys starred articles by (null: this build has none). */
    this.collectionId = loaded.collectionId;
    /** @type {Map<number, EntityInfo>} */
    this.byId = new Map(this.entities.map((e) => [e.id, e]));
    /** @type {Map<number, ArticleSummary>} */
    this.articleById = new Map(this.articles.map((a) => [a.id, a]));
  }

  /**
   * Asks the engine for the entities these references name (an id, a name or
   * alias, `person:Putin`; read as the query language does), each once; then
   * {@link resolve} answers them at once.
   * @param {string[]} refs
   */
  async resolveAll(refs) {
    const asked = [...new Set(refs)].filter((ref) => !this.#resolved.has(ref));
    if (asked.length === 0) return;
    let answers = [];
    try {
      answers = await this.explorer.each('resolveEntity', asked.map((ref) => [ref]));
    } catch {
      answers = [];
    }
    asked.forEach((ref, i) => this.#resolved.set(ref, typeof answers[i] === 'number' ? /** @type {number} */ (answers[i]) : null));
  }

  /**
   * The entity a reference names, as {@link resolveAll} asked it. Null when
   * nothing matches (or it was not asked).
   * @param {string|number} ref
   * @returns {number|null}
   */
  resolve(ref) {
    if (typeof ref === 'number') return this.byId.has(ref) ? ref : null;
    return this.#resolved.get(ref) ?? null;
  }

  /**
   * How a URL writes an entity: its name when that finds it again, else its id.
   * @param {number} id
   */
  refOf(id) {
    return this.#refs.get(id) ?? String(id);
  }

  /** @param {number} id */
  nameOf(id) {
    return this.byId.get(id)?.name ?? String(id);
  }

  /**
   * The start page for an order and a way of counting entities (asked once each).
   * @param {import('../types.js').Sort} sort
   * @param {boolean} demonyms
   * @returns {Promise<Overview>}
   */
  overview(sort, demonyms) {
    const key = `${sort} ${demonyms}`;
    let o = this.#overviews.get(key);
    if (!o) {
      o = this.explorer.overview({ sort, demonyms });
      this.#overviews.set(key, o);
      o.catch(() => this.#overviews.delete(key)); // asked again next time
    }
    return o;
  }

  /**
   * The ids of the entities the facet box's text names, as far as known now:
   * null for a blank box, undefined while the engine is asked (`then` runs
   * when its answer is in, unless the text changed meanwhile).
   * @param {string} text
   * @param {() => void} then
   * @returns {Set<number>|null|undefined}
   */
  named(text, then) {
    if (!text.trim()) return null;
    if (this.#named?.text === text) return this.#named.ids ?? undefined;
    const asking = { text, ids: /** @type {Set<number>|null} */ (null) };
    this.#named = asking;
    this.explorer.entitiesNamed(text).then(
      (ids) => {
        asking.ids = new Set(ids);
      },
      (e) => {
        console.warn('article explorer: entitiesNamed() failed:', e);
        asking.ids = new Set();
      },
    ).then(() => {
      if (this.#named === asking) then();
    });
    return undefined;
  }
}

/** @type {WeakMap<object, Promise<Catalog>>} */
const catalogs = new WeakMap();

/**
 * The catalog of an explorer (loaded once): the article and entity lists,
 * every entity's reference and the collection id, asked together.
 * @param {AsyncArticleExplorer} explorer
 * @returns {Promise<Catalog>}
 */
export function catalogOf(explorer) {
  let c = catalogs.get(explorer);
  if (!c) {
    c = load(explorer);
    catalogs.set(explorer, c);
    c.catch(() => catalogs.delete(explorer));
  }
  return c;
}

/** @param {AsyncArticleExplorer} explorer */
async function load(explorer) {
  const entitiesAsked = explorer.entities().catch((e) => {
    // A build without an entity index still searches; the facets say "none".
    console.warn('article explorer: entities() failed, showing none:', e);
    return [];
  });
  const collectionId = explorer.collectionId().catch(() => null);
  const [articles, listed] = await Promise.all([explorer.articles(), entitiesAsked]);
  /** @type {EntityInfo[]} */
  const entities = Array.isArray(listed) ? listed : [];
  const answers = entities.length > 0 ? await explorer.each('entityRef', entities.map((e) => [e.id])) : [];
  /** @type {Map<number, string>} */
  const refs = new Map();
  entities.forEach((e, i) => {
    if (typeof answers[i] === 'string') refs.set(e.id, /** @type {string} */ (answers[i]));
  });
  return new Catalog(explorer, { articles, entities, refs, collectionId: await collectionId });
}

// @ts-check
/**
 * What the page keeps of the engine's answers, asked once per loaded
 * explorer and shared by every `<article-explorer>` on the page: the article
 * and entity lists with lookups by id, every entity's reference
 * (`ref`, which `entities()` gives with each), and
 * caches of the start page's first page (`overview()`), of resolved references
 * (`resolveEntity()`) and of the facet box's matches (`entitiesNamed()`).
 * In lazy hosted mode the article list is not asked at start (it would need
 * every article's head): it holds the summaries the page has been given
 * (the start page's pages, hits, entity views), and each call that reads
 * rows runs its rounds first (`fetchForOverview`, in effects.js the others).
 * Nor is `entities()` (every entity's record, its aliases and articles): the
 * entity list is the start page's facets (`overview({ demonyms: true })`
 * counts what `entities()` counts), and an entity's reference is asked when
 * it goes into the URL ({@link Catalog#learnRefs}); until then a link writes its id.
 * The explorer is the worker-backed one (every answer awaited); what the
 * renderers read synchronously is what was asked before. No rule about
 * names, words or order lives here: each answer comes from the wasm module.
 *
 * @module ui/catalog
 */

import { FIRST_PIECE } from './pieces.js';

/**
 * @typedef {import('../types.js').Facet} EntityEntry an entity of the list (an `entities()` answer has more fields)
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
  /** @type {Promise<void>|null} lazy hosted mode: every article asked for (`complete()`) */
  #complete = null;
  /** @type {Promise<string|null>|null} lazy hosted mode: the collection's id asked for */
  #collectionId = null;
  /** @type {Set<number>} lazy hosted mode: entities whose reference is asked for or known */
  #refsAsked = new Set();

  /**
   * Not for direct use: {@link catalogOf} loads one.
   * @param {AsyncArticleExplorer} explorer
   * @param {{ articles: ArticleSummary[], count: number, entities: EntityEntry[], refs: Map<number, string>, collectionId: string|null }} loaded
   */
  constructor(explorer, loaded) {
    this.explorer = explorer;
    /** Lazy hosted mode: `articles` holds those seen so far, rows are fetched per call. */
    this.lazy = Boolean(explorer.lazy);
    /** @type {ArticleSummary[]} every article (lazy hosted mode: those the page was given) */
    this.articles = loaded.articles;
    /** How many articles the collection has. */
    this.articleCount = loaded.count;
    /** @type {EntityEntry[]} every entity mentioned, most articles first (the engine's order) */
    this.entities = loaded.entities;
    this.#refs = loaded.refs;
    /** What the page keys starred articles by (null: this build has none). */
    this.collectionId = loaded.collectionId;
    /** @type {Map<number, EntityEntry>} */
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
      if (this.lazy) await this.explorer.fetchForResolve(asked);
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
   * How a URL writes an entity: its name when that finds it again, else its id
   * (lazy hosted mode: also while its reference is not asked, {@link learnRefs}).
   * @param {number} id
   */
  refOf(id) {
    return this.#refs.get(id) ?? String(id);
  }

  /**
   * Lazy hosted mode: asks the references of the entities `ids` not known yet
   * (their rounds, then `entityRef()`), each once. Resolves true when one came
   * (a URL written with its id may now name it), false when none was asked or
   * they could not be (the URL keeps the id, which finds the entity too).
   * At once false in every other build, which knows every reference.
   * @param {number[]} ids
   * @returns {Promise<boolean>}
   */
  async learnRefs(ids) {
    if (!this.lazy) return false;
    const asked = [...new Set(ids)].filter((id) => !this.#refsAsked.has(id) && this.byId.has(id));
    if (asked.length === 0) return false;
    for (const id of asked) this.#refsAsked.add(id);
    let answers = [];
    try {
      await this.explorer.fetchForEntityRefs(asked);
      answers = await this.explorer.each('entityRef', asked.map((id) => [id]));
    } catch (e) {
      console.warn('article explorer: entityRef() failed, the URL names the entity by its id:', e);
    }
    let learnt = false;
    asked.forEach((id, i) => {
      if (typeof answers[i] === 'string') {
        this.#refs.set(id, /** @type {string} */ (answers[i]));
        learnt = true;
      } else {
        this.#refsAsked.delete(id); // asked again next time
      }
    });
    return learnt;
  }

  /**
   * Lazy hosted mode: keeps the summaries of articles the engine gave (a page
   * of the start page, hits, an entity view's articles) for the views that
   * look one up by id. Every other build has them all already.
   * @param {ArticleSummary[]} summaries
   */
  learn(summaries) {
    if (!this.lazy) return;
    for (const a of summaries) {
      if (this.articleById.has(a.id)) continue;
      const { id, file, title, titleDerived, date, source, authors, url, language } = a;
      const summary = { id, file, title, titleDerived, date, source, authors, url, language };
      this.articleById.set(id, summary);
      this.articles.push(summary);
    }
  }

  /**
   * Lazy hosted mode: makes `articles` every article (the stars, which name
   * articles by file, need them all, and the collection's id every head):
   * the whole overview's rounds, asked once. At once in every other build.
   * @returns {Promise<void>}
   */
  complete() {
    if (!this.lazy) return Promise.resolve();
    this.#complete ??= this.#overview({}).then(
      () => {},
      (e) => {
        this.#complete = null; // asked again next time
        throw e;
      },
    );
    return this.#complete;
  }

  /**
   * The collection's id (`collectionId()`, what the stars are kept by). Asked
   * with the catalog in every build but lazy hosted mode, where it is a
   * fingerprint of every article's head: asked here, after {@link complete}.
   * @returns {Promise<string|null>}
   */
  loadCollectionId() {
    if (this.collectionId !== null || !this.lazy) return Promise.resolve(this.collectionId);
    this.#collectionId ??= this.complete()
      .then(() => this.explorer.collectionId())
      .then(
        (id) => {
          this.collectionId = id;
          return id;
        },
        (e) => {
          this.#collectionId = null; // asked again next time
          throw e;
        },
      );
    return this.#collectionId;
  }

  /** @param {number} id */
  nameOf(id) {
    return this.byId.get(id)?.name ?? String(id);
  }

  /**
   * The start page for an order and a way of counting entities, with its
   * first page of articles (asked once each; the next pages:
   * {@link overviewPage}).
   * @param {import('../types.js').Sort} sort
   * @param {boolean} demonyms
   * @returns {Promise<Overview>}
   */
  overview(sort, demonyms) {
    const key = `${sort} ${demonyms}`;
    let o = this.#overviews.get(key);
    if (!o) {
      o = this.#overview({ sort, demonyms, limit: FIRST_PIECE });
      this.#overviews.set(key, o);
      o.catch(() => this.#overviews.delete(key)); // asked again next time
    }
    return o;
  }

  /**
   * Keeps `overview`, the first page of the start page for `sort` and `demonyms` (asked
   * when the catalog loaded), as {@link overview}'s answer for them.
   * @param {import('../types.js').Sort} sort
   * @param {boolean} demonyms
   * @param {Overview} overview
   */
  keepOverview(sort, demonyms, overview) {
    this.learn(overview.articles);
    this.#overviews.set(`${sort} ${demonyms}`, Promise.resolve(overview));
  }

  /**
   * The start page's articles from `offset` (at most `limit`), in the engine's order.
   * @param {import('../types.js').Sort} sort
   * @param {boolean} demonyms
   * @param {number} offset
   * @param {number} limit
   * @returns {Promise<ArticleSummary[]>}
   */
  async overviewPage(sort, demonyms, offset, limit) {
    return (await this.#overview({ sort, demonyms, offset, limit })).articles;
  }

  /**
   * A page of entity `id`'s articles in the view that `request` asks for (from
   * `offset`, at most `limit`), in the engine's order; in lazy hosted mode after
   * the rounds of that page.
   * @param {number} id
   * @param {import('../types.js').EntityOptions} request
   * @param {number} offset
   * @param {number} limit
   * @returns {Promise<ArticleSummary[]>}
   */
  async entityPage(id, request, offset, limit) {
    const options = { ...request, offset, limit };
    if (this.lazy) await this.explorer.fetchForEntity(id, options);
    const view = await this.explorer.entity(id, options);
    this.learn(view.articles);
    return view.articles;
  }

  /**
   * `overview(options)`, after its rounds in lazy hosted mode (the heads of its page).
   * @param {import('../types.js').OverviewOptions} options
   * @returns {Promise<Overview>}
   */
  async #overview(options) {
    if (this.lazy) await this.explorer.fetchForOverview(options);
    const answer = await this.explorer.overview(options);
    this.learn(answer.articles);
    return answer;
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
    // Lazy hosted mode: the names' rounds first (other builds ask no extra round trip per keystroke).
    const rounds = this.lazy ? this.explorer.fetchForEntitiesNamed(text) : Promise.resolve();
    rounds.then(() => this.explorer.entitiesNamed(text)).then(
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
 * The catalog of an explorer (loaded once): the article and entity lists
 * (each entity with its reference) and the collection id, asked together
 * (lazy hosted mode: {@link loadLazy}).
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
  if (explorer.lazy) return loadLazy(explorer);
  const entitiesAsked = explorer.entities().catch((e) => {
    // A build without an entity index still searches; the facets say "none".
    console.warn('article explorer: entities() failed, showing none:', e);
    return [];
  });
  const collectionId = explorer.collectionId().catch(() => null);
  const [articles, listed] = await Promise.all([explorer.articles(), entitiesAsked]);
  /** @type {import('../types.js').EntityInfo[]} */
  const entities = Array.isArray(listed) ? listed : [];
  /** @type {Map<number, string>} */
  const refs = new Map();
  for (const e of entities) if (typeof e.ref === 'string') refs.set(e.id, e.ref);
  return new Catalog(explorer, { articles, count: articles.length, entities, refs, collectionId: await collectionId });
}

/**
 * Lazy hosted mode's catalog, from one answer: the default start page
 * (`overview({ sort: 'relevance', demonyms: true, limit: FIRST_PIECE })`, after its
 * rounds, kept as the start page's answer) counts every article and names every entity mentioned with the number
 * of its articles, demonyms included, as `entities()` counts them, in the
 * engine's order. No list of every article (every head), no `entities()` (every
 * entity's record), no references (asked per entity, `learnRefs`), and the
 * collection's id when the stars need it (`loadCollectionId`: every head).
 * @param {AsyncArticleExplorer} explorer
 */
async function loadLazy(explorer) {
  // The default start page itself (index order, demonyms counted, its first page): one
  // answer for the catalog and the start page, not the same facets computed and sent twice.
  const options = { sort: /** @type {import('../types.js').Sort} */ ('relevance'), demonyms: true, limit: FIRST_PIECE };
  await explorer.fetchForOverview(options);
  const overview = await explorer.overview(options);
  const entities = overview.facets.map(({ id, name, kind, count }) => ({ id, name, kind, count }));
  const catalog = new Catalog(explorer, { articles: [], count: overview.total, entities, refs: new Map(), collectionId: null });
  catalog.keepOverview(options.sort, options.demonyms, overview);
  return catalog;
}

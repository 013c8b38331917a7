// @ts-check
/**
 * What is in the collection, computed once per loaded explorer and shared by
 * every `<article-explorer>` on the page: the articles, the entities, lookups
 * by id and by name, and the "result" that shows the untouched collection.
 *
 * @module ui/catalog
 */

import { fold } from './dom.js';

/** The kinds in the order the facets list them. */
export const KINDS = /** @type {const} */ (['person', 'country', 'place', 'organization', 'event']);

/**
 * The CSS/i18n key of a kind; unknown kinds are "other".
 * @param {string} kind
 * @returns {string}
 */
export function kindKey(kind) {
  return /** @type {readonly string[]} */ (KINDS).includes(kind) ? kind : 'other';
}

/**
 * @typedef {import('../explorer.js').EntityInfo} EntityInfo
 * @typedef {import('../explorer.js').ArticleSummary} ArticleSummary
 * @typedef {import('../explorer.js').SearchResult} SearchResult
 */

export class Catalog {
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
    /** folded name -> ids, names before aliases, most mentioned first */
    /** @type {Map<string, number[]>} */
    this.byName = new Map();
    /** @type {Map<string, number[]>} */
    this.byAlias = new Map();
    for (const e of this.entities) {
      push(this.byName, fold(e.name), e.id);
      for (const alias of e.aliases ?? []) push(this.byAlias, fold(alias), e.id);
    }
    /** Folded name and aliases per id, for the facet filter box. */
    /** @type {Map<number, string>} */
    this.searchText = new Map(this.entities.map((e) => [e.id, [e.name, ...(e.aliases ?? [])].map(fold).join('\n')]));
    const dated = this.articles.map((a) => a.date).filter((d) => typeof d === 'string').sort();
    /** @type {string|null} */
    this.firstDate = dated[0] ?? null;
    /** @type {string|null} */
    this.lastDate = dated[dated.length - 1] ?? null;
    /** @type {import('../explorer.js').Facet[]|null} overview facets without adjectives, made on demand */
    this.withoutDemonyms = null;
  }

  /**
   * The entity a reference names: an id ("12"), a name or alias ("Putin"),
   * optionally with a kind ("person:Putin"); folded, so case and umlauts do
   * not matter. Null when nothing matches.
   * @param {string|number} ref
   * @returns {number|null}
   */
  resolve(ref) {
    if (typeof ref === 'number') return this.byId.has(ref) ? ref : null;
    const text = ref.trim();
    if (/^\d{1,9}$/.test(text) && this.byId.has(Number(text))) return Number(text);
    const m = /^([a-zäöü]+):(.+)$/i.exec(text);
    const kind = m ? KIND_PREFIX[fold(m[1])] : undefined;
    const key = fold(kind ? /** @type {RegExpExecArray} */ (m)[2].trim() : text);
    for (const table of [this.byName, this.byAlias]) {
      const ids = (table.get(key) ?? []).filter((id) => !kind || this.byId.get(id)?.kind === kind);
      if (ids.length > 0) return ids[0];
    }
    return null;
  }

  /**
   * How a URL writes an entity: its name when that finds it again, else its id.
   * @param {number} id
   */
  refOf(id) {
    const e = this.byId.get(id);
    if (!e) return String(id);
    return this.resolve(e.name) === id && !/^\d+$/.test(e.name) ? e.name : String(id);
  }

  /** @param {number} id */
  nameOf(id) {
    return this.byId.get(id)?.name ?? String(id);
  }

  /**
   * Article counts of every entity over the whole collection. With adjectives
   * not counted there is no single call for that, so each entity is counted
   * by a filtered search (once; the first OVERVIEW_COUNTED entities only, the
   * rest keep their counts with adjectives).
   * @param {boolean} demonyms
   * @returns {import('../explorer.js').Facet[]}
   */
  overviewFacets(demonyms) {
    const all = this.entities.map((e) => ({ id: e.id, name: e.name, kind: e.kind, count: e.count }));
    if (demonyms) return all;
    if (!this.withoutDemonyms) {
      this.withoutDemonyms = all
        .map((f, i) => {
          if (i >= OVERVIEW_COUNTED) return f;
          try {
            return { ...f, count: this.explorer.search('', { entities: [f.id], demonyms: false, limit: 0 }).total };
          } catch {
            return f;
          }
        })
        .filter((f) => f.count > 0)
        .sort((a, b) => b.count - a.count);
    }
    return this.withoutDemonyms;
  }

  /**
   * The untouched collection as a search result: every article (in index
   * order, or by date), the entities with their article counts as facets, and
   * the histogram of all dates.
   * @param {import('./state.js').Sort} sort
   * @param {boolean} [demonyms] whether adjectives count for the facets
   * @returns {SearchResult & { overview: true }}
   */
  overview(sort, demonyms = true) {
    const articles = [...this.articles];
    if (sort !== 'relevance') {
      const dir = sort === 'newest' ? -1 : 1;
      articles.sort((a, b) => {
        if (a.date === b.date) return a.id - b.id;
        if (!a.date) return 1; // undated last either way
        if (!b.date) return -1;
        return (a.date < b.date ? -1 : 1) * dir;
      });
    }
    /** @type {Map<string, number>} */
    const months = new Map();
    let undated = 0;
    for (const a of articles) {
      if (a.date) months.set(a.date, (months.get(a.date) ?? 0) + 1);
      else undated += 1;
    }
    return {
      overview: true,
      total: articles.length,
      hits: articles.map((a) => ({ ...a, score: 0, snippet: { text: '', highlights: [] }, titleHighlights: [] })),
      loosened: [],
      facets: this.overviewFacets(demonyms),
      dates: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, count]) => ({ date, count })),
      undated,
    };
  }
}

/** How many entities the overview counts one by one when adjectives do not count. */
const OVERVIEW_COUNTED = 400;

/** Kind prefixes people type (the query language's, in German and English). */
/** @type {Record<string, string>} */
const KIND_PREFIX = {
  person: 'person',
  land: 'country',
  country: 'country',
  ort: 'place',
  place: 'place',
  org: 'organization',
  organisation: 'organization',
  organization: 'organization',
  ereignis: 'event',
  event: 'event',
};

/**
 * @param {Map<string, number[]>} map
 * @param {string} key
 * @param {number} id
 */
function push(map, key, id) {
  const list = map.get(key);
  if (list) {
    if (!list.includes(id)) list.push(id);
  } else map.set(key, [id]);
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

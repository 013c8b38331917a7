// @ts-check
/**
 * The entity facets of an answer (`search()`, `overview()`). The default and
 * hosted builds send them as flat numbers, named here from the entity table the
 * explorer keeps (`#entityTable` in explorer.js: thousands of objects cost more
 * made in wasm); a lazy build names them itself (`facets`, no `facetCounts`), so
 * that naming them reads only the entities found, not the whole entity table.
 *
 * @module runtime/facets
 */

/** @typedef {import('../types.js').Facet} Facet */
/** @typedef {import('../types.js').EntityKind} EntityKind */
/** @typedef {Array<{name: string, kind: EntityKind}>} EntityTable entity id -> name and kind */

/**
 * An answer of the module with its facets named: as it sent them when it named
 * them (a lazy build), else from its counts and `table()` (asked only then).
 * @template {{ facetCounts?: Uint32Array, facets?: Facet[] }} Raw
 * @param {Raw} raw
 * @param {() => EntityTable} table
 * @returns {Omit<Raw, 'facetCounts'> & { facets: Facet[], sourceFacets: import('../types.js').MetaFacet[], authorFacets: import('../types.js').MetaFacet[] }}
 */
export function withFacets(raw, table) {
  const { facetCounts, ...rest } = raw;
  const named = facetCounts === undefined && Array.isArray(rest.facets);
  return { sourceFacets: [], authorFacets: [], ...rest, facets: named ? /** @type {Facet[]} */ (rest.facets) : namedFacets(facetCounts, table()) };
}

/**
 * Names the facets the module sends as `[id, count, ...]` numbers.
 * @param {Uint32Array|undefined} counts
 * @param {EntityTable} table
 * @returns {Facet[]}
 */
export function namedFacets(counts, table) {
  if (!counts) return [];
  const facets = new Array(counts.length / 2);
  for (let i = 0; i < facets.length; i++) {
    const id = counts[2 * i];
    const e = table[id];
    facets[i] = { id, name: e ? e.name : '', kind: e ? e.kind : '', count: counts[2 * i + 1] };
  }
  return facets;
}

/**
 * The table {@link namedFacets} reads, from an `entities()` list.
 * @param {Array<{ id: number, name: string, kind: EntityKind }>} list
 * @returns {EntityTable}
 */
export function entityTable(list) {
  /** @type {EntityTable} */
  const table = [];
  for (const e of list) table[e.id] = { name: e.name, kind: e.kind };
  return table;
}

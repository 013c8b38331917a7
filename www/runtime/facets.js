// @ts-check
/**
 * The facets the wasm module sends as flat numbers, named from the entity table the
 * explorer keeps (the module does not send a name per facet: see `#entityTable` in
 * explorer.js).
 *
 * @module runtime/facets
 */

/** @typedef {import('../types.js').Facet} Facet */
/** @typedef {import('../types.js').EntityKind} EntityKind */

/**
 * Names the facets the module sends as `[id, count, ...]` numbers.
 * @param {Uint32Array|undefined} counts
 * @param {Array<{name: string, kind: EntityKind}>} table entity id -> name and kind
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

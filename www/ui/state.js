// @ts-check
/**
 * The view state and its text form. Everything a person can see is in the
 * state, and the state round-trips through a URL hash, so every view is a
 * link: `#q=Gipfel&e=Kim+Jong+Un&from=2019-01&sort=newest&a=3` is the query
 * "Gipfel", filtered to articles naming Kim Jong Un from January 2019 on,
 * newest first, with article 3 open.
 *
 * | key    | meaning                                              |
 * |--------|------------------------------------------------------|
 * | `q`    | the query as typed                                   |
 * | `e`    | an entity filter (repeated; a name, or an id)        |
 * | `src`  | a source filter (repeated; any of them)              |
 * | `au`   | an author filter (repeated; all of them)             |
 * | `from`, `to` | the date range, `YYYY-MM`, inclusive           |
 * | `sort` | `newest` or `oldest` (relevance when absent)         |
 * | `dem`  | `0`: adjectives do not count as mentions             |
 * | `ent`  | the open entity view (a name, or an id)              |
 * | `a`    | the open article's id                                |
 *
 * Entities are written by name (readable, and they survive a rebuild that
 * renumbers them) unless the name is ambiguous; the catalog resolves both.
 *
 * @module ui/state
 */

/**
 * @typedef {"relevance"|"newest"|"oldest"} Sort
 *
 * @typedef {object} ViewState
 * @property {string} q              The query as typed ("" = none).
 * @property {number[]} entities     Selected entity ids (AND).
 * @property {string[]} sources      Selected sources (OR: an article has one).
 * @property {string[]} authors      Selected authors (AND).
 * @property {string|null} from      "YYYY-MM" or null.
 * @property {string|null} to        "YYYY-MM" or null.
 * @property {Sort} sort
 * @property {boolean} demonyms      Adjectives count as mentions.
 * @property {number|null} article   The open article's id.
 * @property {number|null} entity    The open entity view's id.
 *
 * @typedef {object} RawState        A state as written, before entity names are resolved.
 * @property {string} q
 * @property {string[]} entities     References: names, `kind:name` or ids.
 * @property {string[]} sources
 * @property {string[]} authors
 * @property {string|null} from
 * @property {string|null} to
 * @property {Sort} sort
 * @property {boolean} demonyms
 * @property {number|null} article
 * @property {string|null} entity
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** @returns {ViewState} */
export function emptyState() {
  return { q: '', entities: [], sources: [], authors: [], from: null, to: null, sort: 'relevance', demonyms: true, article: null, entity: null };
}

/** @param {string|null} s @returns {Sort} */
function toSort(s) {
  return s === 'newest' || s === 'oldest' ? s : 'relevance';
}

/** @param {string|null} s */
function toMonth(s) {
  return s !== null && MONTH.test(s) ? s : null;
}

/**
 * Names as written in a hash: trimmed, blank ones and repeats left out.
 * @param {string[]} list
 */
function names(list) {
  return [...new Set(list.map((n) => n.trim()).filter(Boolean))];
}

/**
 * Reads a hash such as `location.hash` (with or without `#`).
 * @param {string} hash
 * @returns {RawState}
 */
export function parseHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const a = params.get('a');
  const ent = params.get('ent');
  let from = toMonth(params.get('from'));
  let to = toMonth(params.get('to'));
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: params.get('q') ?? '',
    entities: params.getAll('e').map((e) => e.trim()).filter(Boolean),
    sources: names(params.getAll('src')),
    authors: names(params.getAll('au')),
    from,
    to,
    sort: toSort(params.get('sort')),
    demonyms: params.get('dem') !== '0',
    article: a !== null && /^\d{1,9}$/.test(a) ? Number(a) : null,
    entity: ent && ent.trim() ? ent.trim() : null,
  };
}

/**
 * The hash for a state ("" when there is nothing to keep).
 * @param {ViewState} state
 * @param {(id: number) => string} refOf how to write an entity id (name or id)
 */
export function formatHash(state, refOf) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const id of state.entities) params.append('e', refOf(id));
  for (const name of state.sources ?? []) params.append('src', name);
  for (const name of state.authors ?? []) params.append('au', name);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (!state.demonyms) params.set('dem', '0');
  if (state.entity !== null) params.set('ent', refOf(state.entity));
  if (state.article !== null) params.set('a', String(state.article));
  const s = params.toString();
  return s ? `#${s}` : '';
}

/**
 * What decides the result list: two states with the same key show the same hits.
 * @param {ViewState} state
 */
export function searchKey(state) {
  const sorted = (/** @type {string[]|undefined} */ list) => [...(list ?? [])].sort();
  return JSON.stringify([state.q.trim(), [...state.entities].sort((a, b) => a - b), state.from, state.to, state.sort, state.demonyms, sorted(state.sources), sorted(state.authors)]);
}

/**
 * True when the state filters the collection (query, entities, sources,
 * authors or dates); false
 * for the untouched collection, which the overview shows.
 * @param {ViewState} state
 */
export function isFiltered(state) {
  return state.q.trim() !== '' || state.entities.length > 0 || metaCount(state) > 0 || state.from !== null || state.to !== null;
}

/**
 * Number of active filters (entities, sources, authors + date range), for the filter button.
 * @param {ViewState} state
 */
export function filterCount(state) {
  return state.entities.length + metaCount(state) + (state.from || state.to ? 1 : 0);
}

/**
 * Number of source and author filters.
 * @param {ViewState} state
 */
export function metaCount(state) {
  return (state.sources?.length ?? 0) + (state.authors?.length ?? 0);
}

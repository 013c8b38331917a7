// @ts-check
/**
 * The view state's transitions: pure functions from a state (and what
 * happened) to the next state, or to the request the next effect makes. No
 * DOM, no explorer calls: entity references are resolved by a function the
 * caller passes (the engine's `resolveEntity()`).
 *
 * @module ui/transitions
 */

import { isFiltered, searchKey } from './state.js';

/** Hits per page of the list. */
export const PAGE_SIZE = 20;

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./state.js').RawState} RawState
 * @typedef {import('../types.js').SearchOptions} SearchOptions
 * @typedef {import('../types.js').EntityOptions} EntityOptions
 */

/**
 * `state` changed by `patch`; a date range given backwards is turned round.
 * @param {ViewState} state
 * @param {Partial<ViewState>} patch
 * @returns {ViewState}
 */
export function patched(state, patch) {
  const next = { ...state, ...patch };
  if (next.from && next.to && next.from > next.to) [next.from, next.to] = [next.to, next.from];
  return next;
}

/**
 * The patch that selects (`on`) or unselects entity `id`; null when nothing changes.
 * @param {ViewState} state
 * @param {number} id
 * @param {boolean} on
 * @returns {Partial<ViewState>|null}
 */
export function entityToggled(state, id, on) {
  if (!Number.isInteger(id)) return null;
  const has = state.entities.includes(id);
  if (on === has) return null;
  return { entities: on ? [...state.entities, id] : state.entities.filter((e) => e !== id) };
}

/**
 * The patch that closes the topmost detail: the article (back to the entity
 * view if one is open underneath), else the entity view; null when none is open.
 * @param {ViewState} state
 * @returns {Partial<ViewState>|null}
 */
export function closing(state) {
  if (state.article !== null) return { article: null };
  if (state.entity !== null) return { entity: null };
  return null;
}

/**
 * Entity references resolved to ids (each once), and those that named nobody.
 * @param {string[]} refs
 * @param {(ref: string) => number|null} resolve
 */
export function resolveRefs(refs, resolve) {
  /** @type {number[]} */
  const ids = [];
  /** @type {string[]} */
  const unknown = [];
  for (const ref of refs) {
    const id = resolve(ref);
    if (id === null) unknown.push(ref);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, unknown };
}

/**
 * A state as written (a URL hash, attributes) as a view state.
 * @param {RawState} raw
 * @param {(ref: string) => number|null} resolve
 * @returns {{ state: ViewState, unknown: string[] }}
 */
export function fromRaw(raw, resolve) {
  const { ids, unknown } = resolveRefs(raw.entities, resolve);
  let entity = null;
  if (raw.entity !== null) {
    entity = resolve(raw.entity);
    if (entity === null) unknown.push(raw.entity);
  }
  return { state: { ...raw, entities: ids, entity }, unknown };
}

/**
 * What decides the detail pane: "" (none), `a:…` (an article) or `e:…` (an entity view).
 * @param {ViewState} state
 */
export function detailKey(state) {
  if (state.article !== null) return `a:${state.article}:${state.q.trim()}:${state.entity}`;
  if (state.entity !== null) return `e:${state.entity}:${searchKey(state)}:${state.entities.join(',')}`;
  return '';
}

/**
 * Whether detail `key` shows the same article or entity as `previous` (redrawn
 * for other filters, or because its texts arrived): focus and scroll stay.
 * @param {string} key
 * @param {string} previous
 */
export function sameDetail(key, previous) {
  const head = (/** @type {string} */ k) => k.split(':').slice(0, 2).join(':');
  return previous !== '' && head(key) === head(previous);
}

/**
 * The search the list shows: null for the untouched collection (the overview).
 * @param {ViewState} state
 * @param {number} [offset]
 * @returns {{ query: string, options: SearchOptions }|null}
 */
export function searchRequest(state, offset = 0) {
  if (!isFiltered(state)) return null;
  /** @type {SearchOptions} */
  const options = { limit: PAGE_SIZE, sort: state.sort, demonyms: state.demonyms };
  if (offset > 0) options.offset = offset;
  if (state.entities.length > 0) options.entities = [...state.entities];
  if (state.from) options.from = state.from;
  if (state.to) options.to = state.to;
  return { query: state.q.trim(), options };
}

/**
 * What the entity view of `id` looks at: the current results that also
 * mention it (saying so, rather than leaving it to the scope, also keeps a
 * date range that comes alone).
 * @param {ViewState} state
 * @param {number} id
 * @returns {EntityOptions}
 */
export function entityRequest(state, id) {
  /** @type {EntityOptions} */
  const options = { query: state.q.trim(), demonyms: state.demonyms, entities: [...new Set([...state.entities, id])] };
  if (state.from) options.from = state.from;
  if (state.to) options.to = state.to;
  return options;
}

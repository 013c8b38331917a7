// @ts-check
/**
 * The view state lives in the URL hash, so a reload or a shared link shows
 * the same thing: `#q=Pj%C3%B6ngjang&a=3` = query "Pjöngjang", article 3 open.
 *
 * @module ui/state
 */

/**
 * @typedef {object} ViewState
 * @property {string} q             The query as typed ("" = none).
 * @property {number|null} article  The open article's id, or null.
 */

/**
 * Reads the state from a hash such as `location.hash`.
 * @param {string} hash
 * @returns {ViewState}
 */
export function parseHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const q = params.get('q') ?? '';
  const a = params.get('a');
  const article = a !== null && /^\d{1,9}$/.test(a) ? Number(a) : null;
  return { q, article };
}

/**
 * The hash for a state ("" when there is nothing to keep).
 * @param {ViewState} state
 */
export function formatHash(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.article !== null) params.set('a', String(state.article));
  const s = params.toString();
  return s ? `#${s}` : '';
}

/**
 * A same-document URL for a state, e.g. for a link's href.
 * @param {ViewState} state
 */
export function hrefFor(state) {
  return formatHash(state) || '#';
}

/**
 * Writes the state to the address bar without reloading.
 * @param {ViewState} state
 * @param {{ push?: boolean }} [options] push: add a history entry (Back undoes it)
 */
export function writeState(state, { push = false } = {}) {
  const hash = formatHash(state);
  const url = `${location.pathname}${location.search}${hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (push) history.pushState({ explorer: true, article: state.article }, '', url);
  else history.replaceState(history.state, '', url);
}

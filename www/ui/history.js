// @ts-check
/**
 * Where an `<article-explorer>` keeps its state: in the page's URL hash
 * (`history="hash"`, the standalone page: links, reload, Back and Forward
 * work) or only in memory (`history="none"`, embeds: several instances on one
 * page never fight over the URL).
 *
 * Both kinds answer the same four calls, so the controller does not care.
 *
 * @module ui/history
 */

/**
 * @typedef {object} StateStore
 * @property {() => string} read                 The current hash ("" or "#…").
 * @property {(hash: string, options?: { push?: boolean }) => void} write
 *   Records a new state; `push` adds a history entry (Back returns here).
 * @property {(hash: string) => boolean} backTo
 *   Goes back if the previous entry is `hash` (true), so closing a view
 *   undoes opening it instead of piling up entries.
 * @property {() => void} dispose
 */

const MARK = 'articleExplorer';

/**
 * The URL-hash store. `onChange` runs when the hash changes from outside
 * (Back, Forward, an edited address, a link to `#…`).
 * @param {() => void} onChange
 * @returns {StateStore}
 */
export function hashStore(onChange) {
  let own = location.hash;
  const listener = () => {
    if (location.hash === own) return; // our own write
    own = location.hash;
    onChange();
  };
  window.addEventListener('popstate', listener);
  window.addEventListener('hashchange', listener);
  const url = (/** @type {string} */ hash) => `${location.pathname}${location.search}${hash}`;
  return {
    read: () => location.hash,
    write(hash, { push = false } = {}) {
      if (hash === location.hash || (hash === '' && location.hash === '#')) return;
      const from = location.hash;
      own = hash;
      if (push) history.pushState({ [MARK]: true, from }, '', url(hash));
      else history.replaceState(history.state, '', url(hash));
    },
    backTo(hash) {
      const st = history.state;
      if (st && st[MARK] === true && st.from === hash) {
        history.back(); // popstate -> onChange applies it
        return true;
      }
      return false;
    },
    dispose() {
      window.removeEventListener('popstate', listener);
      window.removeEventListener('hashchange', listener);
    },
  };
}

/**
 * The in-memory store: remembers the state, never touches the URL.
 * @param {string} [initial]
 * @returns {StateStore}
 */
export function memoryStore(initial = '') {
  let current = initial;
  return {
    read: () => current,
    write(hash) {
      current = hash;
    },
    backTo: () => false,
    dispose() {},
  };
}

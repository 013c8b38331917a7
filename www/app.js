// @ts-check
/**
 * The search page: wires the search box, the list view (collection or hits)
 * and the reader to the explorer, and keeps the view in the URL hash.
 *
 * Flow: input -> debounce -> search (answers for an outdated input are
 * dropped by sequence number) -> list view. A click on a title opens the
 * reader and pushes a history entry, so Back, Esc and the back button all
 * return to the list where it was.
 *
 * @module app
 */

import { createExplorer } from './explorer.js';
import { t, applyStaticTexts } from './i18n.js';
import { h } from './ui/dom.js';
import { renderCollection, renderHits, renderHitItems, renderNoHits } from './ui/results.js';
import { renderArticle, renderArticleError } from './ui/reader.js';
import { parseHash, writeState } from './ui/state.js';

const DEBOUNCE_MS = 120;
const PAGE_SIZE = 20;

/** @param {string} id */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
}

const input = /** @type {HTMLInputElement} */ (byId('q'));
const status = byId('status');
const main = byId('main');
const listView = byId('list-view');
const readerView = byId('reader-view');

/** @type {import('./explorer.js').ArticleExplorer|null} */
let explorer = null;
/** @type {import('./explorer.js').ArticleSummary[]} */
let collection = [];
/** Bumped on every change of the query; an answer for an older number is stale. */
let seq = 0;
/** The pending debounced search, if any. @type {ReturnType<typeof setTimeout>|undefined} */
let timer;
/** The (trimmed) query the list view shows; null = the collection. */
let shownQuery = /** @type {string|null} */ (null);
/** The open article's id, or null when the list is shown. */
let openId = /** @type {number|null} */ (null);
/** The query whose matches the open article shows. */
let openQuery = '';
/** Where the list was when the reader opened, to return there. */
let listScroll = 0;
/** Id of the list item the reader was opened from, to give it focus back. */
let returnFocusId = /** @type {number|null} */ (null);

// ---------------------------------------------------------------- list view

/**
 * Replaces the list view's content. Focus inside the old list is not lost: it
 * goes to the same article's link if the new list has it, else to the box.
 * @param {...Node} nodes
 */
function replaceList(...nodes) {
  const active = document.activeElement;
  const hadFocus = active instanceof HTMLElement && active !== listView && listView.contains(active);
  const id = hadFocus ? active.closest('[data-article]')?.getAttribute('data-article') : null;
  listView.replaceChildren(...nodes);
  if (!hadFocus) return;
  const same = id ? listView.querySelector(`a[data-article="${CSS.escape(id)}"]`) : null;
  (same instanceof HTMLElement ? same : input).focus({ preventScroll: true });
}

/** @param {string} text */
function setStatus(text) {
  if (status.textContent !== text) status.textContent = text;
}

function showCollection() {
  shownQuery = null;
  listView.dataset.query = '';
  setStatus('');
  replaceList(renderCollection(collection));
  document.title = t.pageTitle;
}

/**
 * @param {string} query
 * @param {import('./explorer.js').SearchResult} result
 */
function showHits(query, result) {
  shownQuery = query;
  listView.dataset.query = query;
  document.title = `„${query}“ – ${t.pageTitle}`;
  if (result.total === 0 || result.hits.length === 0) {
    setStatus(t.noHits(query));
    replaceList(renderNoHits());
    return;
  }
  const { section, list, more } = renderHits(result, query);
  const updateCount = () => {
    const shown = list.children.length;
    setStatus(shown < result.total ? t.resultCountPartial(shown, result.total) : t.resultCount(result.total));
    more.hidden = shown >= result.total;
  };
  more.addEventListener('click', () => {
    if (!explorer) return;
    const offset = list.children.length;
    let page;
    try {
      page = explorer.search(query, { limit: PAGE_SIZE, offset });
    } catch (e) {
      setStatus(t.searchFailed(message(e)));
      return;
    }
    const items = renderHitItems(page.hits, query, offset + 1);
    list.append(...items);
    updateCount();
    if (items.length === 0) more.hidden = true; // the index answered less than it counted
    items[0]?.querySelector('a')?.focus();
  });
  replaceList(section);
  updateCount();
}

/**
 * @param {string} query
 * @param {unknown} error
 */
function showSearchError(query, error) {
  shownQuery = query;
  listView.dataset.query = query;
  setStatus(t.searchFailed(message(error)));
  replaceList();
}

/**
 * Brings the list view up to date with the search box. Async on purpose: the
 * search may move into a worker later, and the sequence check already copes.
 * @param {number} mySeq the value of `seq` when this search was asked for
 * @param {{ writeUrl?: boolean }} [options] writeUrl: false when the URL is
 *   what is being applied (it must not be rewritten from a half-applied state)
 */
async function runSearch(mySeq, { writeUrl = true } = {}) {
  if (!explorer) return;
  const query = input.value.trim();
  if (query === shownQuery || (query === '' && shownQuery === null)) {
    if (writeUrl) syncUrl();
    return;
  }
  /** @type {import('./explorer.js').SearchResult|null} */
  let result = null;
  let error = null;
  if (query !== '') {
    const ex = explorer;
    try {
      result = await Promise.resolve().then(() => ex.search(query, { limit: PAGE_SIZE }));
    } catch (e) {
      error = e;
    }
  }
  if (mySeq !== seq) return; // the user typed on; a newer search will answer
  if (query === '') showCollection();
  else if (error || !result) showSearchError(query, error);
  else showHits(query, result);
  if (writeUrl) syncUrl();
}

/**
 * Runs the pending search at once (Enter, opening an article, URL changes).
 * @param {{ writeUrl?: boolean }} [options]
 */
function searchNow(options) {
  clearTimeout(timer);
  timer = undefined;
  seq += 1;
  return runSearch(seq, options);
}

function syncUrl() {
  writeState({ q: shownQuery ?? '', article: openId });
}

// ---------------------------------------------------------------- reader

/**
 * Shows article `id` in the reader, with the shown query's matches marked.
 * @param {number} id
 */
function openArticle(id) {
  if (!explorer) return;
  if (openId === null) listScroll = window.scrollY;
  openId = id;
  openQuery = shownQuery ?? '';
  let view;
  try {
    const article = explorer.article(id, { query: openQuery });
    view = renderArticle(article);
    document.title = `${article.title} – ${t.pageTitle}`;
  } catch (e) {
    const known = collection.some((a) => a.id === id);
    view = renderArticleError(known ? t.articleFailed(message(e)) : t.articleMissing);
    if (!known) console.warn(`article ${id} is not in this index:`, message(e));
  }
  view.back.addEventListener('click', () => closeReader());
  readerView.replaceChildren(view.element);
  listView.hidden = true;
  status.hidden = true;
  readerView.hidden = false;
  window.scrollTo(0, 0);
  view.heading.focus({ preventScroll: true });
}

/** Hides the reader and returns to the list where it was. */
function hideReader() {
  if (openId === null && readerView.hidden) return;
  openId = null;
  readerView.hidden = true;
  readerView.replaceChildren();
  listView.hidden = false;
  status.hidden = false;
  document.title = shownQuery ? `„${shownQuery}“ – ${t.pageTitle}` : t.pageTitle;
  window.scrollTo(0, listScroll);
  const link = returnFocusId === null ? null : listView.querySelector(`a[data-article="${returnFocusId}"]`);
  if (link instanceof HTMLElement) link.focus({ preventScroll: true });
  else input.focus({ preventScroll: true });
}

/** Back button / Esc: undo our own history entry if there is one, else rewrite the URL. */
function closeReader() {
  if (openId === null) return;
  const st = history.state;
  if (st && st.explorer === true && st.article === openId) {
    history.back(); // popstate -> applyUrl -> hideReader
  } else {
    hideReader();
    syncUrl();
  }
}

// ---------------------------------------------------------------- URL

/**
 * Makes the page show what the URL hash says (start, Back/Forward, edited
 * hash). Reads the URL, never writes it.
 */
async function applyUrl() {
  if (!explorer) return;
  const hash = location.hash;
  const state = parseHash(hash);
  if (state.article === null) hideReader();
  if (input.value.trim() !== state.q.trim()) input.value = state.q;
  if ((shownQuery ?? '') !== state.q.trim()) {
    await searchNow({ writeUrl: false });
    if (location.hash !== hash) return; // navigated on meanwhile: that call applies it
  }
  if (state.article !== null && (state.article !== openId || openQuery !== (shownQuery ?? ''))) {
    openArticle(state.article);
  }
}

// ---------------------------------------------------------------- events

/** @param {EventTarget|null} target */
function isEditable(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

function itemLinks() {
  return /** @type {HTMLElement[]} */ ([...listView.querySelectorAll('a.item-link')]);
}

function bindEvents() {
  input.addEventListener('input', () => {
    seq += 1;
    const mySeq = seq;
    clearTimeout(timer);
    if (openId !== null) {
      returnFocusId = null;
      hideReader();
      input.focus();
    }
    timer = setTimeout(() => {
      timer = undefined;
      runSearch(mySeq);
    }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', async (ev) => {
    if (ev.key === 'Enter' && !ev.isComposing) {
      ev.preventDefault();
      await searchNow();
      if (shownQuery) itemLinks()[0]?.click(); // Enter opens the best hit
    } else if (ev.key === 'ArrowDown' && openId === null) {
      const first = itemLinks()[0];
      if (first) {
        ev.preventDefault();
        first.focus();
      }
    }
  });

  // Arrow keys move between list items.
  listView.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    const links = itemLinks();
    const i = links.indexOf(/** @type {HTMLElement} */ (ev.target));
    if (i < 0) return;
    ev.preventDefault();
    const next = ev.key === 'ArrowDown' ? links[i + 1] : links[i - 1];
    if (next) next.focus();
    else if (ev.key === 'ArrowUp') input.focus();
  });

  // A click on a title opens the reader (modified clicks keep their meaning).
  main.addEventListener('click', async (ev) => {
    const link = ev.target instanceof Element ? ev.target.closest('a[data-article]') : null;
    if (!(link instanceof HTMLAnchorElement)) return;
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    const id = Number(link.dataset.article);
    // Still typing? Let the list and the reader's marks catch up with the box first.
    if (timer !== undefined) await searchNow({ writeUrl: false });
    returnFocusId = id;
    writeState({ q: shownQuery ?? '', article: id }, { push: true });
    openArticle(id);
  });

  // "/" focuses the search box; Esc closes the reader.
  document.addEventListener(
    'keydown',
    (ev) => {
      if (ev.key === 'Escape' && openId !== null) {
        ev.preventDefault(); // also keeps a search box from clearing itself
        closeReader();
      } else if (ev.key === '/' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !isEditable(ev.target)) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
    },
    true,
  );

  window.addEventListener('popstate', () => void applyUrl());
  window.addEventListener('hashchange', () => void applyUrl());
}

// ---------------------------------------------------------------- start

/** @param {unknown} e */
function message(e) {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Replaces the page body with a German explanation of what failed.
 * @param {unknown} error
 */
function showLoadError(error) {
  const isIndex = error instanceof Error && /** @type {any} */ (error).code === 'index';
  input.disabled = true;
  setStatus('');
  readerView.hidden = true;
  listView.hidden = false;
  listView.replaceChildren(
    h('div', { class: 'error-box', role: 'alert' }, [
      h('h2', { text: isIndex ? t.indexFailedTitle : t.loadFailedTitle }),
      h('p', { text: isIndex ? t.indexFailedHint : t.loadFailedHint }),
      h('details', {}, [h('summary', { text: t.technicalDetails }), h('pre', { text: message(error) })]),
      h('button', { type: 'button', class: 'reload', text: t.reload }),
    ]),
  );
  listView.querySelector('button.reload')?.addEventListener('click', () => location.reload());
  document.documentElement.dataset.explorer = 'error';
  console.warn('article explorer failed to start:', error);
}

async function start() {
  applyStaticTexts();
  bindEvents();
  try {
    explorer = await createExplorer();
    collection = explorer.articles();
  } catch (e) {
    explorer = null;
    showLoadError(e);
    return;
  }
  showCollection();
  await applyUrl();
  document.documentElement.dataset.explorer = 'ready';
}

start().catch(showLoadError);

// @ts-check
/**
 * One explorer view: the view state, and the loop that keeps the page in step
 * with it. The flow is always the same:
 *
 *   event (ui/actions.js, ui/keys.js) -> navigate(patch)
 *     -> state = patched(state, patch)              (ui/transitions.js, pure)
 *     -> URL (ui/history.js)
 *     -> effects: the list's search, debounced while typing, an answer for an
 *        outdated state dropped; the detail's article or entity; hosted texts;
 *        each asked of the worker-backed explorer and awaited (ui/effects.js)
 *     -> draw what they answered                     (ui/draw.js, the renderers)
 *
 * A state change from outside (Back, Forward, an edited hash, a changed
 * attribute) goes through `applyStored()` / `applyAttributes()` and the same
 * loop, once the engine has resolved the entity references it names (the
 * newest such change wins).
 *
 * @module ui/controller
 */

import { buildLayout } from './layout.js';
import { emptyState, parseHash, formatHash, searchKey } from './state.js';
import { patched, entityToggled, closing, resolveRefs, fromRaw, detailKey, sameDetail, PAGE_SIZE } from './transitions.js';
import { Scheduler, nextTask, fetchResults, fetchFacets, fetchPage, fetchDetail, loadIndexFor, loadSnippets, loadTexts, message } from './effects.js';
import * as draw from './draw.js';
import { renderHitItems, fillSnippets, failSnippets } from './results.js';
import { renderFacetTools } from './facets.js';
import { bindKeys } from './keys.js';
import { bindActions } from './actions.js';
// Issue 19: network, export, stars, related articles, timelines (three hooks below).
import { CollectionTools } from './collection.js';

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./state.js').RawState} RawState
 * @typedef {import('./catalog.js').Catalog} Catalog
 * @typedef {import('./history.js').StateStore} StateStore
 */

export class ExplorerView {
  /**
   * @param {HTMLElement} host the custom element (events are dispatched on it)
   * @param {ShadowRoot} shadow
   * @param {import('../i18n.js').Strings} t
   */
  constructor(host, shadow, t) {
    this.host = host;
    this.shadow = shadow;
    this.t = t;
    this.layout = buildLayout(t);
    shadow.append(this.layout.root);
    /** @type {draw.Screen} */
    this.screen = { host, shadow, layout: this.layout, t };
    /** @type {Catalog|null} */
    this.catalog = null;
    /** @type {StateStore|null} */
    this.store = null;
    /** @type {ViewState} */
    this.state = emptyState();
    /** entity references (URL, attributes) that named nobody */
    /** @type {string[]} */
    this.unknownRefs = [];
    /** What the list shows. @type {import('./effects.js').Shown|null} */
    this.shown = null;
    /** What the detail pane shows. */
    this.detailKey = '';
    this.searches = new Scheduler();
    /** Changes from outside whose entity references are being resolved; the newest applies. */
    this.outside = 0;
    /** The detail pane's asks: an answer for an older one is dropped. */
    this.detailAsked = 0;
    this.facetUi = { filter: '', shown: /** @type {Map<string, number>} */ (new Map()) };
    /** data-key of the element to focus when the detail closes */
    /** @type {string|null} */
    this.returnFocus = null;
    this.listScroll = 0;
    /** Hosted mode: detail key -> why its texts could not be loaded (not retried until reopened). */
    /** @type {Map<string, string>} */
    this.textFailures = new Map();
    /** @type {(() => void)|null} */
    this.unbind = null;
    bindActions(this);
    // Issue 19: the collection tools (toolbar above the list, reader and entity additions).
    this.collection = new CollectionTools(this);
  }

  // ------------------------------------------------------------ start and stop

  /**
   * Shows the explorer's content; called once the explorer has loaded.
   * @param {Catalog} catalog
   * @param {StateStore} store
   * @param {RawState} initial used when the store holds no state
   */
  async start(catalog, store, initial) {
    const stored = store.read();
    const raw = stored && stored !== '#' ? parseHash(stored) : initial;
    await this.#resolveRaw(raw, catalog);
    this.catalog = catalog;
    this.store = store;
    // Without recognised names the name box and the adjective switch have nothing to do.
    this.layout.facetTools.replaceChildren(...(catalog.entities.length > 0 ? [renderFacetTools(this.ctx())] : []));
    // Whatever was typed while loading wins over the initial query.
    if (this.layout.input.value.trim() && !raw.q) raw.q = this.layout.input.value;
    this.#setRaw(raw);
    this.#apply();
    this.#writeStore(false);
  }

  /** Connects the page-wide listeners (keys). */
  connect() {
    this.unbind?.();
    this.unbind = bindKeys(this);
  }

  disconnect() {
    this.unbind?.();
    this.unbind = null;
  }

  dispose() {
    this.disconnect();
    this.store?.dispose();
    this.searches.cancel();
  }

  /**
   * Shows a German explanation of what failed instead of the explorer.
   * @param {unknown} error
   */
  showLoadError(error) {
    draw.drawLoadError(this.screen, error);
  }

  // ------------------------------------------------------------ state

  /** What the renderers get. @returns {import('./results.js').ViewContext} */
  ctx() {
    return {
      t: this.t,
      catalog: /** @type {Catalog} */ (this.catalog),
      state: this.state,
      href: (patch) => this.href(patch),
    };
  }

  /**
   * The link for the current state changed by `patch`.
   * @param {Partial<ViewState>} patch
   */
  href(patch) {
    return this.#hash(patched(this.state, patch)) || '#';
  }

  /** @param {ViewState} state */
  #hash(state) {
    const catalog = this.catalog;
    return formatHash(state, (id) => catalog?.refOf(id) ?? String(id));
  }

  /** @param {string} ref */
  #resolve = (ref) => /** @type {Catalog} */ (this.catalog).resolve(ref);

  /**
   * Asks the engine for the entities a state as written names (then {@link #resolve} knows them).
   * @param {{ entities: string[], entity?: string|null }} raw
   * @param {Catalog|null} [catalog]
   */
  #resolveRaw(raw, catalog = this.catalog) {
    const refs = raw.entity ? [...raw.entities, raw.entity] : raw.entities;
    return catalog ? catalog.resolveAll(refs) : Promise.resolve();
  }

  /**
   * Takes a state as written (entity names unresolved) as the current one.
   * @param {RawState} raw
   */
  #setRaw(raw) {
    const { state, unknown } = fromRaw(raw, this.#resolve);
    this.state = state;
    this.unknownRefs = unknown;
  }

  /**
   * Changes the state and shows it.
   * @param {Partial<ViewState>} patch
   * @param {{ push?: boolean, typing?: boolean }} [options]
   *   push: a history entry (Back undoes this); typing: debounce the search
   */
  navigate(patch, { push = true, typing = false } = {}) {
    if (!this.catalog) return;
    this.unknownRefs = [];
    this.state = patched(this.state, patch);
    if (!typing) this.#writeStore(push);
    this.#apply({ typing });
  }

  /** Applies the store's state (Back, Forward, an edited hash). */
  async applyStored() {
    if (!this.catalog || !this.store) return;
    const raw = parseHash(this.store.read());
    const asked = ++this.outside;
    await this.#resolveRaw(raw);
    if (asked !== this.outside) return; // a newer change from outside applies
    this.#setRaw(raw);
    this.#apply();
  }

  /**
   * Applies a state given as attributes (`query`, `entities`).
   * @param {{ q?: string, entities?: string[] }} raw
   */
  async applyAttributes(raw) {
    if (!this.catalog) return;
    const asked = ++this.outside;
    if (raw.entities !== undefined) await this.#resolveRaw({ entities: raw.entities });
    if (asked !== this.outside) return; // a newer change from outside applies
    const patch = /** @type {Partial<ViewState>} */ ({ article: null, entity: null });
    if (raw.q !== undefined) patch.q = raw.q;
    if (raw.entities === undefined) {
      this.navigate(patch, { push: false });
      return;
    }
    const { ids, unknown } = resolveRefs(raw.entities, this.#resolve);
    patch.entities = ids;
    this.navigate(patch, { push: false });
    this.unknownRefs = unknown;
    this.#drawNotices();
  }

  /** @param {boolean} push */
  #writeStore(push) {
    if (!this.store || !this.catalog) return;
    this.store.write(this.#hash(this.state), { push });
    // Lazy hosted mode: an entity whose reference is not known yet is written by its id;
    // once the engine named it, the same entry is written again naming it, as other builds
    // do at once (unless a typed query's write is due anyway).
    const ids = this.state.entity === null ? this.state.entities : [...this.state.entities, this.state.entity];
    this.catalog.learnRefs(ids).then((learnt) => {
      if (learnt && !this.searches.pending) this.#writeStore(false);
    });
  }

  /**
   * Closes the topmost detail. Uses Back when the previous history entry is
   * exactly where closing leads (so the history does not pile up), else adds
   * an entry (so Back reopens what was closed, e.g. after arriving by a link).
   */
  closeDetail() {
    if (!this.catalog || !this.store) return false;
    const patch = closing(this.state);
    if (!patch) return false;
    if (!this.store.backTo(this.#hash(patched(this.state, patch)))) this.navigate(patch, { push: true });
    return true;
  }

  /** Opens or closes the filter panel (phones, compact). */
  toggleFilters() {
    const root = this.layout.root;
    const open = root.dataset.filtersOpen === undefined;
    if (open) root.dataset.filtersOpen = '';
    else delete root.dataset.filtersOpen;
    this.layout.filtersToggle.setAttribute('aria-expanded', String(open));
  }

  /**
   * Adds or removes an entity filter.
   * @param {number} id
   * @param {boolean} on
   */
  toggleEntity(id, on) {
    const patch = entityToggled(this.state, id, on);
    if (patch) this.navigate(patch);
  }

  // ------------------------------------------------------------ effects, then drawing

  /** @param {{ typing?: boolean }} [options] */
  #apply({ typing = false } = {}) {
    const key = searchKey(this.state);
    const seq = this.searches.next();
    if (this.shown?.key !== key) {
      if (typing) {
        this.searches.later(() => {
          this.#search(seq, key);
          this.#writeStore(false);
          this.#showDetail();
        });
      } else {
        this.#search(seq, key);
      }
    }
    draw.drawChrome(this.screen, this.ctx());
    this.#drawNotices();
    this.#showDetail();
  }

  /** True while a typed query waits for its debounced search. */
  get pending() {
    return this.searches.pending;
  }

  /** Runs the pending debounced search at once (Enter, opening an article). */
  flush() {
    this.searches.flush();
  }

  /**
   * Runs the list's search and draws it, unless the state moved on meanwhile.
   * @param {number} seq the scheduler's number when this search was asked for
   * @param {string} key its search key
   */
  #search(seq, key) {
    // Lazy hosted mode: the index files this search reads first; a failed fetch is the
    // list's error (it names the file).
    const loading = loadIndexFor(/** @type {Catalog} */ (this.catalog), this.state);
    if (loading) {
      loading.then(
        () => {
          if (!this.searches.current(seq)) return;
          this.#searchLoaded(seq, key);
          this.#showDetail();
        },
        (error) => {
          if (!this.searches.current(seq)) return;
          this.shown = { key, result: null, error };
          this.#drawResults();
        },
      );
      return;
    }
    this.#searchLoaded(seq, key);
  }

  /**
   * {@link #search} once what it reads is at hand.
   * @param {number} seq
   * @param {string} key
   */
  async #searchLoaded(seq, key) {
    const catalog = /** @type {Catalog} */ (this.catalog);
    const state = this.state;
    const { result, error } = await fetchResults(catalog, state);
    // The answer was copied from the worker in this task (10-20 ms for the start page at
    // 10k articles): drawing it waits for a task of its own.
    await nextTask();
    if (!this.searches.current(seq)) return; // a newer search answers: this one is not drawn
    this.shown = { key, result, error };
    this.#drawResults();
    if (result && !result.overview) this.#fillSnippets(key, 0, result.hits);
    if (result && !result.overview && result.facetsPending) this.#loadFacets(seq);
    this.host.dispatchEvent(
      new CustomEvent('explorer-search', {
        bubbles: true,
        composed: true,
        detail: {
          query: state.q.trim(),
          total: result?.total ?? 0,
          filters: {
            entities: state.entities.map((id) => {
              const e = catalog.byId.get(id);
              return { id, name: e?.name ?? String(id), kind: e?.kind ?? '' };
            }),
            sources: [...state.sources],
            authors: [...state.authors],
            from: state.from,
            to: state.to,
            sort: state.sort,
            demonyms: state.demonyms,
          },
        },
      }),
    );
  }

  /**
   * Hosted mode: the snippets of hits shown without one, once their texts
   * arrive (and the loosening notices, whose spellings come from the texts).
   * Dropped if another list is shown by then: that one loads its own.
   * @param {string} key the search key of the list the hits are in
   * @param {number} offset
   * @param {import('../types.js').Hit[]} hits
   */
  #fillSnippets(key, offset, hits) {
    const state = this.state;
    loadSnippets(/** @type {Catalog} */ (this.catalog), state, offset, hits, (page, ids) => {
      const ol = this.shown?.key === key ? this.layout.listView.querySelector('ol.hits') : null;
      if (!(ol instanceof HTMLOListElement)) return;
      if (!page) {
        failSnippets(this.ctx(), ol, ids);
        return;
      }
      fillSnippets(this.ctx(), ol, page.hits);
      const shown = this.shown?.result;
      if (offset === 0 && shown && !shown.overview && page.loosened) {
        shown.loosened = page.loosened;
        this.#drawNotices();
      }
    });
  }

  #drawNotices() {
    draw.drawNotices(this.screen, this.ctx(), this.shown?.result?.loosened, this.unknownRefs);
  }

  /** The list, the facets, the timeline and the status line for `this.shown`. */
  #drawResults() {
    const shown = /** @type {import('./effects.js').Shown} */ (this.shown);
    const ctx = this.ctx();
    draw.drawList(this.screen, ctx, shown);
    if (shown.result) this.renderFacets();
    this.#drawNotices();
    draw.drawTitle(this.screen, ctx);
    draw.markOpen(this.screen, this.state.article);
    this.collection.afterResults(); // issue 19
  }

  /**
   * Lazy hosted mode: the facets of the list shown, counted after their rounds and drawn
   * into it (its hits stay as they are); a failed fetch is said where they would be.
   * @param {number} seq the search they belong to
   */
  async #loadFacets(seq) {
    const shown = this.shown;
    const current = () => this.searches.current(seq) && this.shown === shown;
    let counted = null;
    let failure;
    try {
      counted = await fetchFacets(/** @type {Catalog} */ (this.catalog), this.state, current);
    } catch (e) {
      failure = e;
    }
    if (!current() || !shown?.result || shown.result.overview) return;
    if (counted) {
      const { facets, sourceFacets, authorFacets, dates, undated } = counted;
      shown.result = { ...shown.result, facets, sourceFacets, authorFacets, dates, undated, facetsPending: false };
    } else {
      shown.result = { ...shown.result, facetsError: failure };
    }
    this.renderFacets();
    draw.drawTimeline(this.screen, this.ctx(), shown.result);
    if (counted) this.collection.afterResults(); // the names under the histogram come from the facets
  }

  /** Redraws the facet groups (after a change of the name box or "mehr anzeigen"). */
  renderFacets() {
    const result = this.shown?.result;
    if (!result) return;
    const named = /** @type {Catalog} */ (this.catalog).named(this.facetUi.filter, () => this.renderFacets());
    if (named === undefined) return; // asked: drawn when the answer is in
    draw.drawFacets(this.screen, this.ctx(), result, this.facetUi, named);
  }

  /** Appends the next page of hits. */
  async moreHits() {
    const list = /** @type {HTMLOListElement|null} */ (this.layout.listView.querySelector('ol.hits'));
    const result = this.shown?.result;
    const shown = this.shown;
    if (!this.catalog || !list || !result) return;
    const offset = list.children.length;
    let page;
    try {
      page = await fetchPage(this.catalog, this.state, offset);
    } catch (e) {
      if (this.shown === shown) draw.setStatus(this.screen, this.t.searchFailed(message(e)));
      return;
    }
    // Another list is shown by now, or this page was appended already (a second click).
    if (this.shown !== shown || !list.isConnected || list.children.length !== offset) return;
    const items = renderHitItems(this.ctx(), page.hits, offset + 1);
    list.append(...items);
    if (this.shown) this.#fillSnippets(this.shown.key, offset, page.hits);
    draw.updateCount(this.screen, list, result.total);
    if (items.length === 0) {
      const more = this.layout.listView.querySelector('button.more');
      if (more instanceof HTMLElement) more.hidden = true; // the index answered less than it counted
    }
    items[0]?.querySelector('a')?.focus();
  }

  /**
   * The reader, the entity view, or nothing, as the state says.
   * @param {{ refresh?: boolean }} [options] refresh: draw the same view again
   *   (its texts arrived), keeping scroll and focus
   */
  async #showDetail({ refresh = false } = {}) {
    const key = detailKey(this.state);
    draw.markOpen(this.screen, this.state.article);
    if (key === this.detailKey && !refresh) return;
    const wasOpen = this.detailKey !== '';
    const same = (refresh && key === this.detailKey) || sameDetail(key, this.detailKey);
    if (!refresh) this.textFailures.delete(key); // opened again: try again
    this.detailKey = key;
    const ctx = this.ctx();
    if (key === '') {
      draw.hideDetail(this.screen, ctx, this.returnFocus, this.listScroll);
      return;
    }
    if (!wasOpen && draw.listIsBeside(this.screen) === false) this.listScroll = window.scrollY;
    const catalog = /** @type {Catalog} */ (this.catalog);
    const asked = ++this.detailAsked;
    const detail = await fetchDetail(catalog, this.state, this.textFailures.get(key), this.shown?.result?.total ?? null);
    await nextTask(); // drawn in a task of its own, apart from copying the answer from the worker
    if (asked !== this.detailAsked || this.detailKey !== key) return; // another detail was asked for meanwhile
    if ((detail.kind === 'loading' || detail.kind === 'entity') && detail.load.length > 0) {
      loadTexts(catalog, detail.load, (failure) => {
        if (failure !== undefined) this.textFailures.set(key, failure);
        if (this.detailKey === key) this.#showDetail({ refresh: true });
      });
    }
    draw.drawDetail(this.screen, ctx, detail, same);
    this.collection.afterDetail(detail); // issue 19
    if (detail.kind === 'article') {
      const { id, file, title } = detail.article;
      this.host.dispatchEvent(new CustomEvent('explorer-open', { bubbles: true, composed: true, detail: { id, file, title } }));
    }
  }
}

// @ts-check
/**
 * One explorer view: keeps the view state, asks the explorer, and has the
 * renderers redraw what changed. The flow is always the same:
 *
 *   event -> navigate(patch) -> state (+ URL) -> apply():
 *     search key changed?  run the search (debounced while typing; an answer
 *                          for an outdated state is dropped) -> list, facets,
 *                          timeline, notices, status
 *     detail key changed?  reader / entity view / nothing
 *
 * A state change from outside (Back, Forward, an edited hash, a changed
 * attribute) goes through `applyStored()` and the same `apply()`.
 *
 * @module ui/controller
 */

import { h, replaceKeepingFocus } from './dom.js';
import { buildLayout } from './layout.js';
import { emptyState, parseHash, formatHash, searchKey, isFiltered, filterCount } from './state.js';
import { renderOverview, renderHits, renderHitItems, renderNoHits, fillSnippets, failSnippets } from './results.js';
import { renderFacetTools, renderFacetGroups } from './facets.js';
import { renderTimeline } from './timeline.js';
import { renderArticle, renderArticleLoading, renderDetailError } from './reader.js';
import { renderEntity } from './entity.js';
import { renderActiveFilters, renderNotices } from './notices.js';
import { bindKeys } from './keys.js';
import { bindActions } from './actions.js';

const DEBOUNCE_MS = 150;
const PAGE_SIZE = 20;

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./state.js').RawState} RawState
 * @typedef {import('./catalog.js').Catalog} Catalog
 * @typedef {import('../explorer.js').SearchResult & { overview?: true }} Result
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
    /** @type {Catalog|null} */
    this.catalog = null;
    /** @type {StateStore|null} */
    this.store = null;
    /** @type {ViewState} */
    this.state = emptyState();
    /** entity references (URL, attributes) that named nobody */
    /** @type {string[]} */
    this.unknownRefs = [];
    /** What the list shows. @type {{ key: string, result: Result|null, error: unknown }|null} */
    this.shown = null;
    /** What the detail pane shows. */
    this.detailKey = '';
    this.seq = 0;
    /** @type {ReturnType<typeof setTimeout>|undefined} */
    this.timer = undefined;
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
  }

  // ------------------------------------------------------------ start and stop

  /**
   * Shows the explorer's content; called once the explorer has loaded.
   * @param {Catalog} catalog
   * @param {StateStore} store
   * @param {RawState} initial used when the store holds no state
   */
  start(catalog, store, initial) {
    this.catalog = catalog;
    this.store = store;
    // Without recognised names the name box and the adjective switch have nothing to do.
    this.layout.facetTools.replaceChildren(...(catalog.entities.length > 0 ? [renderFacetTools(this.ctx())] : []));
    const stored = store.read();
    const raw = stored && stored !== '#' ? parseHash(stored) : initial;
    // Whatever was typed while loading wins over the initial query.
    if (this.layout.input.value.trim() && !raw.q) raw.q = this.layout.input.value;
    this.#setRaw(raw);
    this.#apply();
    this.#writeStore(false);
  }

  /** Connects the page-wide listeners (keys); returns nothing. */
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
    clearTimeout(this.timer);
  }

  /**
   * Shows a German explanation of what failed instead of the explorer.
   * @param {unknown} error
   */
  showLoadError(error) {
    const { t } = this;
    const isIndex = error instanceof Error && /** @type {any} */ (error).code === 'index';
    this.layout.input.disabled = true;
    this.layout.sort.disabled = true;
    this.layout.detail.hidden = true;
    this.layout.listView.replaceChildren(
      h('div', { class: 'error-box', role: 'alert' }, [
        h('h2', { text: isIndex ? t.indexFailedTitle : t.loadFailedTitle }),
        h('p', { text: isIndex ? t.indexFailedHint : t.loadFailedHint }),
        h('details', {}, [h('summary', { text: t.technicalDetails }), h('pre', { text: message(error) })]),
        h('button', { type: 'button', class: 'button', 'data-action': 'reload', text: t.reload }),
      ]),
    );
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
    const catalog = this.catalog;
    return formatHash({ ...this.state, ...patch }, (id) => catalog?.refOf(id) ?? String(id)) || '#';
  }

  /**
   * Takes a state as written (entity names unresolved) as the current one.
   * @param {RawState} raw
   */
  #setRaw(raw) {
    const catalog = /** @type {Catalog} */ (this.catalog);
    /** @type {number[]} */
    const entities = [];
    this.unknownRefs = [];
    for (const ref of raw.entities) {
      const id = catalog.resolve(ref);
      if (id === null) this.unknownRefs.push(ref);
      else if (!entities.includes(id)) entities.push(id);
    }
    let entity = null;
    if (raw.entity !== null) {
      entity = catalog.resolve(raw.entity);
      if (entity === null) this.unknownRefs.push(raw.entity);
    }
    this.state = { ...raw, entities, entity };
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
    const next = { ...this.state, ...patch };
    if (next.from && next.to && next.from > next.to) [next.from, next.to] = [next.to, next.from];
    this.state = next;
    if (!typing) this.#writeStore(push);
    this.#apply({ typing });
  }

  /** Applies the store's state (Back, Forward, an edited hash). */
  applyStored() {
    if (!this.catalog || !this.store) return;
    this.#setRaw(parseHash(this.store.read()));
    this.#apply();
  }

  /**
   * Applies a state given as attributes (`query`, `entities`).
   * @param {{ q?: string, entities?: string[] }} raw
   */
  applyAttributes(raw) {
    if (!this.catalog) return;
    const patch = /** @type {Partial<ViewState>} */ ({ article: null, entity: null });
    if (raw.q !== undefined) patch.q = raw.q;
    if (raw.entities !== undefined) {
      const unknown = [];
      /** @type {number[]} */
      const ids = [];
      for (const ref of raw.entities) {
        const id = this.catalog.resolve(ref);
        if (id === null) unknown.push(ref);
        else if (!ids.includes(id)) ids.push(id);
      }
      patch.entities = ids;
      this.navigate(patch, { push: false });
      this.unknownRefs = unknown;
      this.#renderNotices();
      return;
    }
    this.navigate(patch, { push: false });
  }

  /** @param {boolean} push */
  #writeStore(push) {
    if (!this.store || !this.catalog) return;
    const catalog = this.catalog;
    this.store.write(formatHash(this.state, (id) => catalog.refOf(id)), { push });
  }

  /**
   * Closes the topmost detail: the article (back to the entity view if one is
   * open underneath), else the entity view. Uses Back when the previous
   * history entry is exactly where closing leads (so the history does not
   * pile up), else adds an entry (so Back reopens what was closed, e.g. after
   * arriving by a link).
   */
  closeDetail() {
    if (!this.catalog || !this.store) return false;
    const patch = this.state.article !== null ? { article: null } : this.state.entity !== null ? { entity: null } : null;
    if (!patch) return false;
    const target = formatHash({ ...this.state, ...patch }, (id) => /** @type {Catalog} */ (this.catalog).refOf(id));
    if (!this.store.backTo(target)) this.navigate(patch, { push: true });
    return true;
  }

  // ------------------------------------------------------------ showing the state

  /** @param {{ typing?: boolean }} [options] */
  #apply({ typing = false } = {}) {
    const key = searchKey(this.state);
    this.seq += 1;
    const mySeq = this.seq;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.shown?.key !== key) {
      if (typing) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.#runSearch(mySeq, key);
          this.#writeStore(false);
          this.#renderDetail();
        }, DEBOUNCE_MS);
      } else {
        this.#runSearch(mySeq, key);
      }
    }
    this.#renderChrome();
    this.#renderDetail();
  }

  /** True while a typed query waits for its debounced search. */
  get pending() {
    return this.timer !== undefined;
  }

  /** Runs the pending debounced search at once (Enter, opening an article). */
  flush() {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.#runSearch(this.seq, searchKey(this.state));
    this.#writeStore(false);
    this.#renderDetail();
  }

  /**
   * @param {number} mySeq the value of `seq` when this search was asked for
   * @param {string} key its search key
   */
  #runSearch(mySeq, key) {
    const catalog = /** @type {Catalog} */ (this.catalog);
    const s = this.state;
    /** @type {Result|null} */
    let result = null;
    let error = null;
    try {
      result = isFiltered(s)
        ? catalog.explorer.search(s.q.trim(), { limit: PAGE_SIZE, ...this.#filters() })
        : catalog.overview(s.sort, s.demonyms);
    } catch (e) {
      error = e;
    }
    if (mySeq !== this.seq) return; // the state moved on; a newer search answers
    this.shown = { key, result, error };
    this.#renderResults();
    if (result && !result.overview) this.#loadSnippets(key, s.q.trim(), { limit: PAGE_SIZE, ...this.#filters() }, result.hits);
    this.host.dispatchEvent(
      new CustomEvent('explorer-search', {
        bubbles: true,
        composed: true,
        detail: {
          query: s.q.trim(),
          total: result?.total ?? 0,
          filters: {
            entities: s.entities.map((id) => {
              const e = catalog.byId.get(id);
              return { id, name: e?.name ?? String(id), kind: e?.kind ?? '' };
            }),
            from: s.from,
            to: s.to,
            sort: s.sort,
            demonyms: s.demonyms,
          },
        },
      }),
    );
  }

  /**
   * Hosted mode: fetches the texts of the hits shown without a snippet, then
   * asks for the same page again and puts the snippets in (and the loosening
   * notices, whose spellings come from the texts). Dropped if another search
   * is shown by then: that one loads its own.
   * @param {string} key the search key of the list the hits are in
   * @param {string} query
   * @param {import('../explorer.js').SearchOptions} options the options the hits came from
   * @param {import('../explorer.js').Hit[]} hits
   */
  #loadSnippets(key, query, options, hits) {
    const explorer = /** @type {Catalog} */ (this.catalog).explorer;
    const ids = hits.filter((hit) => hit.snippet?.pending).map((hit) => hit.id);
    if (ids.length === 0) return;
    const list = () => (this.shown?.key === key ? this.layout.listView.querySelector('ol.hits') : null);
    explorer.loadText(ids).then(
      () => {
        const ol = list();
        if (!ol) return;
        let page;
        try {
          page = explorer.search(query, options);
        } catch (e) {
          failSnippets(this.ctx(), ol, ids);
          return;
        }
        fillSnippets(this.ctx(), ol, page.hits);
        const shown = this.shown?.result;
        if (!options.offset && shown && !shown.overview && page.loosened) {
          shown.loosened = page.loosened;
          this.#renderNotices();
        }
      },
      (e) => {
        const ol = list();
        if (ol) failSnippets(this.ctx(), ol, ids);
        console.warn('article explorer: texts could not be loaded:', e);
      },
    );
  }

  /**
   * Hosted mode: fetches the texts a detail view waits for, then draws it
   * again (if it is still the one shown); on failure it says why.
   * @param {string} key the detail key
   * @param {number[]} ids
   */
  #loadDetailTexts(key, ids) {
    /** @type {Catalog} */ (this.catalog).explorer.loadText(ids).then(
      () => {
        if (this.detailKey === key) this.#renderDetail({ refresh: true });
      },
      (e) => {
        this.textFailures.set(key, message(e));
        if (this.detailKey === key) this.#renderDetail({ refresh: true });
      },
    );
  }

  /** The search options of the current state (without paging). */
  #filters() {
    const s = this.state;
    /** @type {import('../explorer.js').SearchOptions} */
    const o = { sort: s.sort, demonyms: s.demonyms };
    if (s.entities.length > 0) o.entities = [...s.entities];
    if (s.from) o.from = s.from;
    if (s.to) o.to = s.to;
    return o;
  }

  /** Search box, sort, filter chips, filter button, page title. */
  #renderChrome() {
    const { layout, state, t } = this;
    const root = this.shadow;
    if (root.activeElement !== layout.input && layout.input.value !== state.q) layout.input.value = state.q;
    if (layout.sort.value !== state.sort) layout.sort.value = state.sort;
    replaceKeepingFocus(layout.activeFilters, renderActiveFilters(this.ctx()), layout.input);
    const n = filterCount(state);
    layout.filtersToggle.textContent = t.filtersToggle(n);
    const demonyms = /** @type {HTMLInputElement|null} */ (root.getElementById('demonyms'));
    if (demonyms) demonyms.checked = state.demonyms;
    this.#renderNotices();
  }

  #renderNotices() {
    const loosened = this.shown?.result?.loosened;
    replaceKeepingFocus(this.layout.notices, renderNotices(this.ctx(), loosened, this.unknownRefs));
  }

  /** The list, the facets, the timeline and the status line for `this.shown`. */
  #renderResults() {
    const { layout, t, state } = this;
    const shown = /** @type {NonNullable<typeof this.shown>} */ (this.shown);
    const ctx = this.ctx();
    const q = state.q.trim();
    const filtered = state.entities.length > 0 || state.from !== null || state.to !== null;
    layout.listView.dataset.query = q;
    const result = shown.result;
    if (!result) {
      this.#setStatus(t.searchFailed(message(shown.error)));
      replaceKeepingFocus(layout.listView, [], layout.input);
    } else if (result.overview) {
      this.#setStatus('');
      replaceKeepingFocus(layout.listView, [renderOverview(ctx, result)], layout.input);
    } else if (result.total === 0 || result.hits.length === 0) {
      this.#setStatus(q ? (filtered ? t.noHitsFiltered(q) : t.noHits(q)) : t.noHitsFiltersOnly);
      replaceKeepingFocus(layout.listView, [renderNoHits(ctx, filtered)], layout.input);
    } else {
      const { section, list } = renderHits(ctx, result);
      replaceKeepingFocus(layout.listView, [section], layout.input);
      this.#updateCount(list, result.total);
    }
    if (result) {
      replaceKeepingFocus(layout.timelineSlot, [renderTimeline(ctx, { dates: result.dates ?? [], undated: result.undated ?? 0 })]);
      this.renderFacets();
    }
    this.#renderNotices();
    this.#setTitle();
    this.#markOpen();
  }

  /** Marks the list item of the open article (shown beside the reader on wide screens). */
  #markOpen() {
    const id = this.state.article === null ? null : String(this.state.article);
    for (const li of this.layout.listView.querySelectorAll('li[data-id]')) {
      const el = /** @type {HTMLElement} */ (li);
      if (el.dataset.id === id) el.dataset.open = '';
      else delete el.dataset.open;
    }
  }

  /** Redraws the facet groups (after a change of the name box or "mehr anzeigen"). */
  renderFacets() {
    const result = this.shown?.result;
    if (!result) return;
    const groups = renderFacetGroups(this.ctx(), result.facets ?? [], result.total, this.facetUi);
    replaceKeepingFocus(this.layout.facetGroups, groups, /** @type {HTMLElement|null} */ (this.shadow.getElementById('facet-q')));
  }

  /**
   * @param {HTMLOListElement} list
   * @param {number} total
   */
  #updateCount(list, total) {
    const shown = list.children.length;
    this.#setStatus(shown < total ? this.t.resultCountPartial(shown, total) : this.t.resultCount(total));
    const more = /** @type {HTMLElement|null} */ (this.layout.listView.querySelector('button.more'));
    if (more) more.hidden = shown >= total;
  }

  /** @param {string} text */
  #setStatus(text) {
    if (this.layout.status.textContent !== text) this.layout.status.textContent = text;
  }

  /** Appends the next page of hits. */
  moreHits() {
    const catalog = this.catalog;
    const list = /** @type {HTMLOListElement|null} */ (this.layout.listView.querySelector('ol.hits'));
    const result = this.shown?.result;
    if (!catalog || !list || !result) return;
    const offset = list.children.length;
    let page;
    try {
      page = catalog.explorer.search(this.state.q.trim(), { limit: PAGE_SIZE, offset, ...this.#filters() });
    } catch (e) {
      this.#setStatus(this.t.searchFailed(message(e)));
      return;
    }
    const items = renderHitItems(this.ctx(), page.hits, offset + 1);
    list.append(...items);
    if (this.shown) this.#loadSnippets(this.shown.key, this.state.q.trim(), { limit: PAGE_SIZE, offset, ...this.#filters() }, page.hits);
    this.#updateCount(list, result.total);
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
  #renderDetail({ refresh = false } = {}) {
    const { state, layout, t } = this;
    const catalog = /** @type {Catalog} */ (this.catalog);
    const key =
      state.article !== null
        ? `a:${state.article}:${state.q.trim()}:${state.entity}`
        : state.entity !== null
          ? `e:${state.entity}:${searchKey(state)}:${state.entities.join(',')}`
          : '';
    this.#markOpen();
    if (key === this.detailKey && !refresh) return;
    const wasOpen = this.detailKey !== '';
    const sameView =
      (refresh && key === this.detailKey) ||
      (wasOpen && key.split(':').slice(0, 2).join(':') === this.detailKey.split(':').slice(0, 2).join(':'));
    if (!refresh) this.textFailures.delete(key); // opened again: try again
    this.detailKey = key;
    if (key === '') {
      this.#hideDetail();
      return;
    }
    if (!wasOpen && this.#listIsBeside() === false) this.listScroll = window.scrollY;
    const ctx = this.ctx();
    /** @type {import('./reader.js').DetailView} */
    let view;
    const failure = this.textFailures.get(key);
    if (state.article !== null) {
      const summary = catalog.articleById.get(state.article);
      if (failure !== undefined) {
        view = renderDetailError(ctx, t.textFailed(failure));
      } else if (summary && !catalog.explorer.textLoaded(state.article)) {
        view = renderArticleLoading(ctx, summary);
        this.#loadDetailTexts(key, [state.article]);
      } else {
        try {
          const article = catalog.explorer.article(state.article, { query: state.q.trim() });
          view = renderArticle(ctx, article, { entitiesOpen: this.layout.root.clientWidth >= 700 });
          this.host.dispatchEvent(
            new CustomEvent('explorer-open', { bubbles: true, composed: true, detail: { id: article.id, file: article.file, title: article.title } }),
          );
        } catch (e) {
          const known = catalog.articleById.has(state.article);
          view = renderDetailError(ctx, known ? t.articleFailed(message(e)) : t.articleMissing);
        }
      }
    } else {
      const id = /** @type {number} */ (state.entity);
      try {
        const options = { query: state.q.trim(), ...this.#filters() };
        delete options.sort;
        // Its articles within the results are the results that also mention it. Saying so
        // (rather than leaving it to the scope) also keeps a date range that comes alone.
        options.entities = [...new Set([...(options.entities ?? []), id])];
        const entityView = catalog.explorer.entity(id, options);
        const total = isFiltered(state) ? (this.shown?.result?.total ?? null) : null;
        const pending = entityView.textPending ?? [];
        const note = pending.length === 0 ? null : failure !== undefined ? t.textFailed(failure) : t.inContextLoading;
        view = renderEntity(ctx, entityView, total, note);
        if (pending.length > 0 && failure === undefined) this.#loadDetailTexts(key, pending);
      } catch (e) {
        view = renderDetailError(ctx, catalog.byId.has(id) ? t.entityFailed(message(e)) : t.entityMissing);
      }
    }
    const focused = this.shadow.activeElement;
    const headingHadFocus = focused instanceof HTMLElement && focused.matches('.reader-title') && layout.detail.contains(focused);
    replaceKeepingFocus(layout.detail, [view.element], null);
    layout.detail.hidden = false;
    layout.root.dataset.detail = state.article !== null ? 'article' : 'entity';
    this.#setTitle();
    if (sameView) {
      // The same view redrawn (a filter changed, its text arrived): leave focus and scroll.
      if (headingHadFocus) view.heading.focus({ preventScroll: true });
      return;
    }
    layout.detail.scrollTop = 0;
    if (this.#listIsBeside() === false) {
      const top = layout.root.getBoundingClientRect().top;
      if (top < 0) window.scrollBy(0, top);
    }
    view.heading.focus({ preventScroll: true });
  }

  #hideDetail() {
    const { layout } = this;
    const hadFocus = layout.detail.contains(this.shadow.activeElement);
    layout.detail.hidden = true;
    layout.detail.replaceChildren();
    delete layout.root.dataset.detail;
    this.#setTitle();
    if (this.#listIsBeside() === false) window.scrollTo(0, this.listScroll);
    if (hadFocus || this.shadow.activeElement === null) {
      const key = this.returnFocus;
      const target = key ? this.layout.root.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
      if (hadFocus || target) (target instanceof HTMLElement ? target : layout.input).focus({ preventScroll: true });
    }
  }

  /** Whether the list stays visible next to an open detail (wide layout). */
  #listIsBeside() {
    if (this.layout.detail.hidden) return null;
    return getComputedStyle(this.layout.resultsPane).display !== 'none';
  }

  #setTitle() {
    if (this.host.getAttribute('history') === 'none' || !this.catalog) return;
    const { t, state, catalog } = this;
    const article = state.article !== null ? catalog.articleById.get(state.article) : undefined;
    const entity = state.entity !== null ? catalog.byId.get(state.entity) : undefined;
    const q = state.q.trim();
    document.title = article ? `${article.title} – ${t.pageTitle}` : entity ? `${entity.name} – ${t.pageTitle}` : q ? `„${q}“ – ${t.pageTitle}` : t.pageTitle;
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
    if (!Number.isInteger(id)) return;
    const has = this.state.entities.includes(id);
    if (on === has) return;
    this.navigate({ entities: on ? [...this.state.entities, id] : this.state.entities.filter((e) => e !== id) });
  }
}

/** @param {unknown} e */
function message(e) {
  return e instanceof Error ? e.message : String(e);
}

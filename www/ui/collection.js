// @ts-check
/**
 * The collection tools of one view: a toolbar above the results („Netzwerk“,
 * „Exportieren“, „Markiert“) with one panel open at a time, the share of a
 * chosen name in the histogram, and what the reader and the entity view gain
 * (star and note, mention jumps, related articles; the timeline).
 *
 * The view calls three hooks and otherwise knows nothing of this module:
 * `new CollectionTools(view)` once, `afterResults()` whenever the list was
 * drawn, `afterDetail(detail)` whenever the detail pane was. Everything this
 * module shows comes from the explorer's answers (src/collection/ in the
 * wasm); it keeps only its own little UI state (which panel is open, "starred
 * only", the name whose share is drawn).
 *
 * @module ui/collection
 */

import { h } from './dom.js';
import { collectionStrings } from './collection-strings.js';
import { renderNetwork } from './network.js';
import { renderExport, download, fileName, mimeOf } from './export.js';
import { StarStore, anyStarsStored, renderStarControls, renderStarsPanel } from './stars.js';
import { renderRelated, renderMentionJump } from './related.js';
import { renderEntityTimeline, drawShare, renderShareSelect } from './months.js';

/** Names in the network. */
const NETWORK_NODES = 40;
/** Related articles under the reader. */
const RELATED = 5;
/** Names offered for the histogram's share. */
const SHARE_NAMES = 30;

/**
 * @typedef {'network'|'export'|'stars'} Panel
 * @typedef {import('./controller.js').ExplorerView} View
 */

export class CollectionTools {
  /** @param {View} view */
  constructor(view) {
    this.view = view;
    this.ct = collectionStrings(view.t.lang);
    /** @type {Panel|null} */
    this.open = null;
    this.onlyStarred = false;
    /** @type {number|null} */
    this.share = null;
    /** @type {{ key: string, graph: import('../collection.js').Graph, ms: number }|null} */
    this.graph = null;
    this.message = '';
    /** Lazy hosted mode: whether the collection's id is being asked for (the stars need it). */
    this.idAsked = false;
    /** @type {string|null} why it could not be had (said once in the stars panel) */
    this.idFailed = null;
    /** @type {number|null} the article whose star was pressed while the id was asked for */
    this.pendingStar = null;
    /** @type {StarStore|null} */
    this.store = null;
    /** Names in the network. */
    this.nodes = NETWORK_NODES;
    /** The graph being asked for (its key), if any. @type {string|null} */
    this.graphAsked = null;
    /** The starred articles among the results, as last answered. @type {import('../collection.js').ScopedHit[]} */
    this.starred = [];
    this.starredAsked = 0;

    const { ct } = this;
    /** @param {Panel} panel @param {string} text */
    const toggle = (panel, text) =>
      h('button', { type: 'button', class: 'button tool-toggle', 'aria-expanded': 'false', 'aria-controls': 'collection-panel', 'data-panel': panel, 'data-key': `tool:${panel}`, text });
    this.buttons = {
      network: toggle('network', ct.networkButton),
      export: toggle('export', ct.exportButton),
      stars: toggle('stars', ct.starsButton(0)),
    };
    this.panel = h('div', { id: 'collection-panel', class: 'collection-panel' });
    this.panel.hidden = true;
    this.starredList = h('div', { class: 'starred-results' });
    this.starredList.hidden = true;
    this.toolbar = h('div', { class: 'collection-tools', role: 'toolbar', 'aria-label': ct.toolsLabel }, Object.values(this.buttons));
    const { layout } = view;
    layout.resultsPane.insertBefore(this.toolbar, layout.listView);
    layout.resultsPane.insertBefore(this.panel, layout.listView);
    layout.resultsPane.insertBefore(this.starredList, layout.listView);
    this.toolbar.addEventListener('click', (ev) => {
      const b = ev.target instanceof Element ? ev.target.closest('button[data-panel]') : null;
      if (b) this.#toggle(/** @type {Panel} */ (b.getAttribute('data-panel')));
    });
  }

  /** The explorer, once the view has started. */
  get explorer() {
    return this.view.catalog?.explorer ?? null;
  }

  /**
   * The stars of this collection (opened on first use). Null in lazy hosted
   * mode until the collection's id is in: it is a fingerprint of every
   * article's head, asked (in the background) when stars are first used.
   * @param {{ ask?: boolean }} [options] ask: ask for the id if it is not in (lazy hosted mode)
   * @returns {StarStore|null}
   */
  #stars({ ask = true } = {}) {
    const ex = this.explorer;
    const catalog = this.view.catalog;
    if (!this.store && ex && catalog) {
      if (catalog.lazy && catalog.collectionId === null) {
        if (ask) this.#askCollectionId();
        return null;
      }
      this.store = StarStore.of(catalog.collectionId ?? '');
      this.store.subscribe(() => this.#starsChanged());
    }
    return this.store;
  }

  /** Lazy hosted mode: asks for the collection's id; the stars are drawn when it is in. */
  #askCollectionId() {
    const catalog = this.view.catalog;
    if (this.idAsked || !catalog) return;
    this.idAsked = true;
    catalog.loadCollectionId().then(
      () => {
        this.idAsked = false;
        this.#starsChanged();
        const store = this.#stars();
        for (const slot of this.view.layout.detail.querySelectorAll('.star-slot')) {
          const a = catalog.articleById.get(Number(/** @type {HTMLElement} */ (slot).dataset.id));
          if (!a || !store) continue;
          // A star pressed while the id was asked for is set now.
          if (this.pendingStar === a.id && !store.get(a.file)) store.toggle(a, true);
          slot.replaceWith(renderStarControls(this.ct, store, a));
        }
        this.pendingStar = null;
      },
      // Asked again once the stars panel has said why (idAsked stays set until then).
      (/** @type {unknown} */ e) => {
        this.idFailed = e instanceof Error ? e.message : String(e);
        this.pendingStar = null;
        for (const slot of this.view.layout.detail.querySelectorAll('.star-slot')) {
          slot.querySelector('[aria-busy]')?.removeAttribute('aria-busy');
          slot.querySelector('.star-failed')?.remove();
          slot.append(h('span', { class: 'small star-failed', role: 'status', text: this.ct.starsUnavailable(this.idFailed) }));
        }
        console.warn('article explorer: the collection id could not be had, no stars:', e);
      },
    ).then(() => {
      if (this.open === 'stars') this.#drawPanel();
    });
  }

  /**
   * Lazy hosted mode, before the collection's id is in: the star button,
   * unpressed (this browser keeps no stars, or they are being read); pressed,
   * it asks for the id and sets the star when it is in. Replaced by the real
   * controls then.
   * @param {import('../types.js').Article} a
   */
  #starSlot(a) {
    const button = h('button', { type: 'button', class: 'button star-toggle', 'aria-pressed': 'false', 'data-key': 'star-toggle', title: this.ct.starHint }, [
      h('span', { class: 'star-icon', 'aria-hidden': 'true', text: '☆ ' }),
      this.ct.star,
    ]);
    button.addEventListener('click', () => {
      if (this.idFailed !== null) {
        // Asked before and failed: pressed again, asked again.
        this.idFailed = null;
        this.idAsked = false;
      }
      this.pendingStar = a.id;
      button.setAttribute('aria-busy', 'true');
      this.#askCollectionId();
    });
    return h('div', { class: 'star-box star-slot', 'data-id': String(a.id) }, [button]);
  }

  /** What the list shows, as a query and options for the collection calls (all results, no page). */
  scope() {
    const { state } = this.view;
    /** @type {import('../types.js').SearchOptions} */
    const options = { sort: state.sort, demonyms: state.demonyms };
    if (state.entities.length > 0) options.entities = [...state.entities];
    if (state.from) options.from = state.from;
    if (state.to) options.to = state.to;
    return { query: state.q.trim(), options };
  }

  /** @param {Panel} panel */
  #toggle(panel) {
    this.open = this.open === panel ? null : panel;
    this.#drawPanel();
  }

  #drawPanel() {
    for (const [name, b] of Object.entries(this.buttons)) b.setAttribute('aria-expanded', String(this.open === name));
    this.panel.hidden = this.open === null;
    this.view.layout.root.dataset.collectionPanel = this.open ?? '';
    if (!this.open || !this.explorer) {
      this.panel.replaceChildren();
      return;
    }
    const content = this.open === 'network' ? this.#network() : this.open === 'export' ? this.#export() : this.#starsPanel();
    const focused = this.panel.contains(this.view.shadow.activeElement) ? this.view.shadow.activeElement?.getAttribute('data-key') : null;
    this.panel.replaceChildren(content);
    const heading = this.panel.querySelector('h2');
    heading?.setAttribute('tabindex', '-1');
    if (focused) /** @type {HTMLElement|null} */ (this.panel.querySelector(`[data-key="${CSS.escape(focused)}"]`))?.focus();
  }

  #network() {
    const ex = /** @type {any} */ (this.explorer);
    const { query, options } = this.scope();
    const key = JSON.stringify([query, options.entities, options.from, options.to, options.demonyms, this.nodes]);
    if (this.graph?.key !== key) {
      // Asked of the worker; drawn when it is in, unless the panel or the results moved on.
      if (this.graphAsked !== key) {
        this.graphAsked = key;
        const start = performance.now();
        ex.graph({ ...options, query, limit: this.nodes }).then(
          (/** @type {import('../collection.js').Graph} */ graph) => {
            if (this.graphAsked !== key) return;
            this.graphAsked = null;
            this.graph = { key, graph, ms: performance.now() - start };
            if (this.open === 'network') this.#drawPanel();
          },
          (/** @type {unknown} */ e) => {
            if (this.graphAsked === key) this.graphAsked = null;
            console.warn('article explorer: graph() failed:', e);
          },
        );
      }
      return h('p', { class: 'small muted', role: 'status', text: this.view.t.loading });
    }
    const { graph } = this.graph;
    const width = this.panel.clientWidth || this.view.layout.resultsPane.clientWidth || undefined;
    return renderNetwork({ t: this.view.t, ct: this.ct, onFilter: (id) => this.view.toggleEntity(id, true), width, limit: this.nodes, onLimit: (n) => {
      this.nodes = n;
      this.#drawPanel();
    } }, graph);
  }

  #export() {
    const ex = /** @type {any} */ (this.explorer);
    return renderExport(this.ct, (what, format) => {
      const { query, options } = this.scope();
      // Lazy hosted mode: the rows it reads first (the rounds resolve at once elsewhere).
      const rounds = this.view.catalog?.lazy ? ex.fetchForExport(what, query, options) : Promise.resolve();
      const asked = rounds.then(() => (what === 'results' ? ex.exportResults(query, options, format) : ex.exportEntities(query, options, format)));
      const name = fileName(what === 'results' ? (this.view.t.lang === 'en' ? 'hits' : 'treffer') : this.view.t.lang === 'en' ? 'names' : 'namen', query, format);
      return asked.then((/** @type {string} */ text) => {
        download(name, text, mimeOf(format));
        return this.ct.exportDone(name);
      });
    });
  }

  #starsPanel() {
    const { catalog, t } = this.view;
    const store = this.#stars();
    if (!store) {
      // Lazy hosted mode: drawn again when the collection's id is in (or why it is not).
      const failed = this.idFailed;
      if (failed !== null) {
        this.idFailed = null; // said once; drawing the panel again asks again
        this.idAsked = false;
      }
      return h('p', { class: failed === null ? 'small muted' : 'small', role: 'status', text: failed === null ? t.loading : this.ct.starsUnavailable(failed) });
    }
    const byFile = new Map((catalog?.articles ?? []).map((a) => [a.file, a]));
    const inResults = this.starred.length;
    return renderStarsPanel(this.ct, store, {
      article: (file) => byFile.get(file),
      href: (patch) => this.view.href(patch),
      only: this.onlyStarred,
      inResults,
      onOnly: (on) => {
        this.onlyStarred = on;
        this.#drawStarredList();
      },
      onExport: () => {
        const name = `${this.view.t.lang === 'en' ? 'stars' : 'markierungen'}-${store.collection}.json`;
        download(name, store.toJSON(), mimeOf('json'));
        this.message = this.ct.exportDone(name);
        this.#drawPanel();
      },
      onImport: (file) => {
        file.text().then(
          (text) => {
            try {
              const { imported, skipped } = store.import(text, (f) => byFile.has(f));
              this.message = this.ct.starsImported(imported, skipped);
            } catch {
              this.message = this.ct.starsImportFailed(this.ct.starsNotJson);
            }
            this.#drawPanel();
          },
          (e) => {
            this.message = this.ct.starsImportFailed(String(e));
            this.#drawPanel();
          },
        );
      },
      message: this.message,
      formatDate: (d) => (d ? t.date(d) : t.noDate),
    });
  }

  /**
   * The starred articles among the results, in answer order, asked of the
   * worker into `this.starred`; then the stars panel and list are drawn again
   * (unless stars or results changed meanwhile: that ask draws).
   */
  async #askStarred() {
    const ex = /** @type {any} */ (this.explorer);
    // Lazy hosted mode: the collection's id is asked for only if this browser keeps stars.
    const store = this.#stars({ ask: anyStarsStored() });
    const asked = ++this.starredAsked;
    /** @type {import('../collection.js').ScopedHit[]} */
    let hits = [];
    if (ex && store) {
      const byFile = new Map((this.view.catalog?.articles ?? []).map((a) => [a.file, a.id]));
      const ids = store.list().map((s) => byFile.get(s.file)).filter((id) => id !== undefined);
      const { query, options } = this.scope();
      try {
        hits = ids.length === 0 ? [] : await ex.within(ids, query, options);
      } catch (e) {
        console.warn('article explorer: within() failed:', e);
      }
    }
    if (asked !== this.starredAsked) return;
    this.starred = hits;
    if (this.open === 'stars') this.#drawPanel();
    this.#drawStarredList();
  }

  /** "Starred hits only": the starred results instead of the list. */
  #drawStarredList() {
    const { layout, t } = this.view;
    const on = this.onlyStarred && (this.store?.list().length ?? 0) > 0;
    this.starredList.hidden = !on;
    layout.listView.hidden = on;
    if (!on) {
      this.starredList.replaceChildren();
      return;
    }
    const hits = this.starred;
    const store = /** @type {StarStore} */ (this.store);
    const byId = new Map((this.view.catalog?.articles ?? []).map((a) => [a.id, a]));
    this.starredList.replaceChildren(
      h('p', { class: 'small muted', role: 'status', text: this.ct.starsInResults(hits.length, store.list().length) }),
      h('ol', { class: 'hits starred-hits' }, hits.map((hit, i) => {
        const note = store.get(byId.get(hit.id)?.file ?? '')?.note ?? '';
        return h('li', { 'data-id': String(hit.id), 'data-rank': String(i + 1) }, [
          h('a', { href: this.view.href({ article: hit.id }), 'data-article': String(hit.id), 'data-key': `starred:${hit.id}`, class: 'hit-title', text: `★ ${hit.title}` }),
          h('span', { class: 'small muted', text: ` · ${hit.date ? t.date(hit.date) : t.noDate}` }),
          note ? h('p', { class: 'star-note small', text: note }) : null,
        ]);
      })),
    );
  }

  #starsChanged() {
    const n = this.store?.list().length ?? 0;
    this.buttons.stars.textContent = this.ct.starsButton(n);
    void this.#askStarred();
  }

  // ------------------------------------------------------------ hooks

  /** The list, facets and histogram were drawn for the current state. */
  afterResults() {
    if (!this.explorer) return;
    this.#starsChanged();
    if (this.open === 'network') this.#drawPanel();
    this.#drawShare();
  }

  /** The name select under the histogram, and the chosen name's share in its bars. */
  #drawShare() {
    const slot = this.view.layout.timelineSlot;
    const timeline = slot.querySelector('.timeline');
    if (!timeline || !timeline.querySelector('.bars')) return;
    const result = this.view.shown?.result;
    const facets = (result?.facets ?? this.view.catalog?.entities ?? []).slice(0, SHARE_NAMES);
    timeline.querySelector('.share-field')?.remove();
    if (facets.length === 0) return;
    if (this.share !== null && !facets.some((f) => f.id === this.share)) this.share = null;
    timeline.append(renderShareSelect(this.ct, facets, this.share, (id) => {
      this.share = id;
      this.#redrawShare();
    }));
    this.#redrawShare();
  }

  #redrawShare() {
    const slot = this.view.layout.timelineSlot;
    const ex = /** @type {any} */ (this.explorer);
    if (this.share === null) {
      for (const s of slot.querySelectorAll('.bar-share, .share-undated')) s.remove();
      for (const bar of slot.querySelectorAll('.bar[data-label]')) {
        const el = /** @type {HTMLElement} */ (bar);
        el.setAttribute('aria-label', el.dataset.label ?? '');
        el.setAttribute('title', el.dataset.label ?? '');
      }
      return;
    }
    // The histogram shows the results before the date filter: so does the share.
    const { query, options } = this.scope();
    const share = this.share;
    const timeline = slot.querySelector('.timeline');
    const asked = { query, entities: options.entities, demonyms: options.demonyms };
    // Lazy hosted mode: the rows it reads first (without demonyms: the mentions in scope).
    const rounds = this.view.catalog?.lazy ? ex.fetchForTimeline(share, asked) : Promise.resolve();
    rounds.then(() => ex.timeline(share, asked)).then(
      (/** @type {import('../collection.js').Timeline} */ t) => {
        // Drawn into the histogram it was asked for, if that is still the one shown.
        if (this.share !== share || slot.querySelector('.timeline') !== timeline) return;
        const name = this.view.catalog?.byId.get(share)?.name ?? String(share);
        drawShare(this.ct, slot, name, t.months, t.undated);
      },
      (/** @type {unknown} */ e) => console.warn('article explorer: timeline() failed:', e),
    );
  }

  /**
   * The detail pane was drawn: the reader gains star and note, mention jumps
   * and related articles; the entity view its timeline.
   * @param {import('./effects.js').Detail} detail
   */
  afterDetail(detail) {
    const ex = /** @type {any} */ (this.explorer);
    const pane = this.view.layout.detail;
    const { t } = this.view;
    if (!ex) return;
    if (detail.kind === 'article') {
      const reader = /** @type {HTMLElement|null} */ (pane.querySelector('article.reader'));
      const header = reader?.querySelector('.reader-header');
      if (!reader || !header) return;
      const store = this.#stars({ ask: anyStarsStored() });
      const a = detail.article;
      header.after(
        h('div', { class: 'reader-tools' }, [
          store ? renderStarControls(this.ct, store, a) : this.#starSlot(a),
          renderMentionJump(t, this.ct, reader, a.entities ?? []),
        ]),
      );
      // Appended when the worker answers, to the reader it was asked for if still shown.
      // Lazy hosted mode: the rows it compares first (the rounds resolve at once elsewhere).
      const rounds = this.view.catalog?.lazy ? ex.fetchForRelated(a.id, { limit: RELATED }) : Promise.resolve();
      rounds.then(() => ex.related(a.id, { limit: RELATED })).then(
        (/** @type {{ hits: import('../collection.js').RelatedHit[] }} */ r) => r.hits,
        () => [],
      ).then((/** @type {import('../collection.js').RelatedHit[]} */ related) => {
        if (reader.isConnected) reader.append(renderRelated(t, this.ct, related, (patch) => this.view.href(patch)));
      });
    } else if (detail.kind === 'entity') {
      const header = pane.querySelector('.reader-header');
      const view = /** @type {any} */ (detail.view);
      if (!header || !Array.isArray(view.timeline)) return;
      header.after(renderEntityTimeline(t, this.ct, view.timeline, view.undated ?? { articles: 0, mentions: 0, results: 0 }));
    }
  }
}

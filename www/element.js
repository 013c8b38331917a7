// @ts-check
/**
 * `<article-explorer>`: the whole explorer as one custom element. Its UI
 * lives in a shadow root with its own stylesheet, so the host page's CSS
 * cannot break it and its CSS cannot leak out.
 *
 * ```html
 * <script type="module" src="./article-explorer.js"></script>
 * <article-explorer query="Gipfel" entities="Kim Jong Un" lang="de" theme="auto" history="none"></article-explorer>
 * ```
 *
 * Attributes:
 * - `query`: the initial query (later changes search again).
 * - `entities`: comma-separated entity names or ids to filter by
 *   (`Kim Jong Un, land:Russland, 12`); names are matched without regard to
 *   case or umlauts, also by alias.
 * - `lang`: `de` (default) or `en`, the language of the interface.
 * - `theme`: `light`, `dark` or `auto` (default; follows prefers-color-scheme).
 * - `compact`: one column, filters in a panel: for small embeds.
 * - `history`: `hash` keeps the view in the URL hash (links, Back/Forward;
 *   the standalone page), `none` (default) keeps it in memory, so several
 *   instances on one page never fight over the URL. Read once, when connected.
 * - `state` (set by the element, read-only): `loading`, `ready` or `error`.
 *
 * Events (CustomEvent, bubbling and composed):
 * - `explorer-ready` `{ articles, entities }` once the index is open;
 * - `explorer-error` `{ message, code }` when it could not be loaded;
 * - `explorer-search` `{ query, total, filters: { entities: [{id, name, kind}], sources, authors, from, to, sort, demonyms } }`
 *   whenever the list shows a new result;
 * - `explorer-open` `{ id, file, title }` when an article opens.
 *
 * Styling: the `--ae-*` custom properties (see ui/styles/theme.js) and the
 * parts `root`, `search`, `facets`, `timeline`, `results`, `hit`, `reader`,
 * `entity` (`article-explorer::part(reader) { … }`).
 *
 * All instances share one explorer, served by a Web Worker
 * (`createExplorer({ worker: true })`): the page stays responsive while the
 * wasm compiles and every query runs; answers are awaited and an answer for
 * a state that moved on (a newer query typed meanwhile) is dropped, not
 * drawn. Where no worker can be made, the same explorer runs on the main
 * thread. `element.asyncExplorer` is that explorer (methods return
 * Promises); `element.explorer` is the synchronous one of
 * `createExplorer()`, made on the main thread only when a page asks for it
 * (a second engine: in hosted modes it has its own loaded texts and index files).
 *
 * @module element
 */

import { createExplorer, ExplorerError, ArticleExplorer, AsyncArticleExplorer, version } from './explorer.js';
import { strings } from './i18n.js';
import { ExplorerView } from './ui/controller.js';
import { catalogOf } from './ui/catalog.js';
import { hashStore, memoryStore } from './ui/history.js';
import { adoptStyles } from './ui/styles.js';
import { emptyState, formatHash } from './ui/state.js';

export { createExplorer, ExplorerError, ArticleExplorer, AsyncArticleExplorer, version };

/** @type {Promise<import('./explorer.js').ArticleExplorer>|null} */
let shared = null;
/** @type {Promise<import('./explorer.js').AsyncArticleExplorer>|null} */
let sharedAsync = null;

/**
 * The worker-backed explorer every `<article-explorer>` of this page uses (loaded once).
 * @returns {Promise<import('./explorer.js').AsyncArticleExplorer>}
 */
export function sharedAsyncExplorer() {
  if (!sharedAsync) {
    sharedAsync = createExplorer({ worker: true });
    sharedAsync.catch(() => {
      sharedAsync = null; // a later element may try again
    });
  }
  return sharedAsync;
}

/**
 * The synchronous explorer of this page (loaded once, on the main thread, when first asked
 * for: the elements themselves use {@link sharedAsyncExplorer}).
 * @returns {Promise<import('./explorer.js').ArticleExplorer>}
 */
export function sharedExplorer() {
  if (!shared) {
    shared = createExplorer();
    shared.catch(() => {
      shared = null; // a later element may try again
    });
  }
  return shared;
}

/**
 * `"Kim Jong Un, land:Russland, 12"` -> `["Kim Jong Un", "land:Russland", "12"]`.
 * @param {string|null} value
 */
function entityList(value) {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export class ArticleExplorerElement extends HTMLElement {
  static observedAttributes = ['query', 'entities', 'lang'];

  /** @type {ShadowRoot} */
  #shadow;
  /** @type {ExplorerView|null} */
  #view = null;
  /** @type {import('./ui/catalog.js').Catalog|null} */
  #catalog = null;
  #started = false;
  /** @type {(value: void) => void} */
  #resolveReady = () => {};
  /** @type {(error: unknown) => void} */
  #rejectReady = () => {};
  /** Resolves when the explorer shows its content; rejects if it could not load. */
  ready = new Promise((resolve, reject) => {
    this.#resolveReady = resolve;
    this.#rejectReady = reject;
  });

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#shadow);
    this.ready.catch(() => {}); // reported through the event and the UI
  }

  connectedCallback() {
    if (!this.#view) this.#view = new ExplorerView(this, this.#shadow, strings(this.getAttribute('lang') ?? 'de'));
    this.#view.connect();
    if (!this.#started) {
      this.#started = true;
      void this.#start();
    }
  }

  disconnectedCallback() {
    this.#view?.disconnect();
  }

  /**
   * @param {string} name
   * @param {string|null} old
   * @param {string|null} value
   */
  attributeChangedCallback(name, old, value) {
    if (old === value || !this.#view) return;
    if (!this.#catalog) {
      // Still loading: query and entities are read when it starts; the language now.
      if (name === 'lang') this.#replaceView();
      return;
    }
    if (name === 'lang') this.#rebuild();
    else if (name === 'query') this.#view.applyAttributes({ q: value ?? '' });
    else if (name === 'entities') this.#view.applyAttributes({ entities: entityList(value) });
  }

  /**
   * A synchronous explorer over the same index (shared by all instances on the page; loaded
   * on the main thread when first asked for, apart from the worker the element uses).
   */
  get explorer() {
    return sharedExplorer();
  }

  /** The worker-backed explorer this element asks (shared by all instances on the page). */
  get asyncExplorer() {
    return sharedAsyncExplorer();
  }

  async #start() {
    this.setAttribute('state', 'loading');
    // The locale's number data (10-25 ms at first use) in a task of its own while the
    // worker opens the index, not in the task that draws the first list.
    setTimeout(() => strings(this.getAttribute('lang') ?? 'de').count(0), 0);
    try {
      const explorer = await sharedAsyncExplorer();
      this.#catalog = await catalogOf(explorer);
    } catch (e) {
      this.#view?.showLoadError(e);
      this.setAttribute('state', 'error');
      const code = e instanceof ExplorerError ? e.code : 'load';
      this.dispatchEvent(new CustomEvent('explorer-error', { bubbles: true, composed: true, detail: { message: e instanceof Error ? e.message : String(e), code, error: e } }));
      console.warn('article explorer failed to start:', e);
      this.#rejectReady(e);
      return;
    }
    await this.#begin();
    this.setAttribute('state', 'ready');
    this.dispatchEvent(
      new CustomEvent('explorer-ready', {
        bubbles: true,
        composed: true,
        detail: { articles: this.#catalog.articleCount, entities: this.#catalog.entities.length },
      }),
    );
    this.#resolveReady();
  }

  /** Starts the view with the store its `history` attribute asks for. */
  #begin(keep = '') {
    const view = /** @type {ExplorerView} */ (this.#view);
    const useHash = this.getAttribute('history') === 'hash';
    const store = useHash ? hashStore(() => view.applyStored()) : memoryStore(keep);
    return view.start(/** @type {import('./ui/catalog.js').Catalog} */ (this.#catalog), store, {
      ...emptyState(),
      q: this.getAttribute('query') ?? '',
      entities: entityList(this.getAttribute('entities')),
      entity: null,
    });
  }

  /** Redraws everything in another language, keeping the view. */
  #rebuild() {
    const catalog = /** @type {import('./ui/catalog.js').Catalog} */ (this.#catalog);
    const keep = formatHash(/** @type {ExplorerView} */ (this.#view).state, (id) => catalog.refOf(id));
    this.#replaceView();
    void this.#begin(keep);
  }

  /** A new, empty view in the current language in place of the old one. */
  #replaceView() {
    const old = /** @type {ExplorerView} */ (this.#view);
    old.dispose();
    old.layout.root.remove();
    this.#view = new ExplorerView(this, this.#shadow, strings(this.getAttribute('lang') ?? 'de'));
    if (this.isConnected) this.#view.connect();
  }
}

if (!customElements.get('article-explorer')) customElements.define('article-explorer', ArticleExplorerElement);

// @ts-check
/**
 * Starred articles with notes, kept in the browser per collection.
 *
 * Stars live in `localStorage` under `article-explorer:stars:<collection id>`
 * (the id is a fingerprint of the index, `collectionId()`), so two collections
 * never mix, also not two single files opened from the same folder. They are
 * keyed by the article's file name, which survives a rebuild of the same
 * folder. Where the browser refuses storage (it throws: private modes,
 * blocked cookies, some `file://` settings), the stars live in memory and the
 * panel says so in German; exporting and importing JSON works either way.
 *
 * One store per collection per page: several `<article-explorer>` elements
 * see the same stars, and each is told when they change.
 *
 * @module ui/stars
 */

import { h } from './dom.js';

const PREFIX = 'article-explorer:stars:';
const FORMAT = 'article-explorer-stars';

/**
 * @typedef {object} Star
 * @property {string} file  the article's file name (the key)
 * @property {string} title its title when starred (for lists and other collections)
 * @property {string} note
 * @property {string} at    ISO time it was starred
 */

/** @returns {Storage|null} the page's localStorage, or null where the browser refuses it */
function usableStorage() {
  try {
    const s = globalThis.localStorage;
    const probe = `${PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/**
 * Whether this browser keeps stars of any collection (lazy hosted mode asks
 * for its collection's id, which costs every article's head, only then or
 * when a star is set).
 * @returns {boolean}
 */
export function anyStarsStored() {
  const s = usableStorage();
  if (!s) return false;
  for (let i = 0; i < s.length; i++) {
    if (s.key(i)?.startsWith(PREFIX)) return true;
  }
  return false;
}

/** @type {Map<string, StarStore>} */
const stores = new Map();

export class StarStore {
  /**
   * The store of collection `id` (one per page).
   * @param {string} id
   */
  static of(id) {
    let store = stores.get(id);
    if (!store) {
      store = new StarStore(id, usableStorage());
      stores.set(id, store);
    }
    return store;
  }

  /**
   * @param {string} collection
   * @param {Storage|null} storage
   */
  constructor(collection, storage) {
    this.collection = collection;
    this.key = PREFIX + collection;
    this.storage = storage;
    /** Storage refused: stars last until the page closes. */
    this.refused = storage === null;
    /** The last write that failed (quota), or null. @type {string|null} */
    this.failure = null;
    /** @type {Map<string, Star>} */
    this.stars = new Map();
    /** @type {Set<() => void>} */
    this.listeners = new Set();
    this.#read();
    globalThis.addEventListener?.('storage', (ev) => {
      if (ev.key === this.key) {
        this.#read();
        this.#notify();
      }
    });
  }

  #read() {
    if (!this.storage) return;
    try {
      const raw = this.storage.getItem(this.key);
      this.stars = new Map();
      if (raw) for (const s of parseStars(JSON.parse(raw))) this.stars.set(s.file, s);
    } catch {
      // A damaged entry: start empty rather than fail (the next write replaces it).
    }
  }

  #write() {
    if (!this.storage) return;
    try {
      this.storage.setItem(this.key, this.toJSON());
      this.failure = null;
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
    }
  }

  #notify() {
    for (const f of this.listeners) f();
  }

  /** @param {() => void} f @returns {() => void} unsubscribe */
  subscribe(f) {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** Starred first, newest star first. @returns {Star[]} */
  list() {
    return [...this.stars.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.file.localeCompare(b.file)));
  }

  /** @param {string} file */
  get(file) {
    return this.stars.get(file) ?? null;
  }

  /**
   * Stars (`on`) or unstars an article.
   * @param {{ file: string, title: string }} article
   * @param {boolean} on
   */
  toggle(article, on) {
    if (on && !this.stars.has(article.file)) {
      this.stars.set(article.file, { file: article.file, title: article.title, note: '', at: new Date().toISOString() });
    } else if (!on) {
      this.stars.delete(article.file);
    } else return;
    this.#write();
    this.#notify();
  }

  /**
   * Sets the note of a starred article.
   * @param {string} file
   * @param {string} note
   */
  setNote(file, note) {
    const s = this.stars.get(file);
    if (!s || s.note === note) return;
    s.note = note;
    this.#write();
    this.#notify();
  }

  /** Everything, as the JSON file export and storage both use. */
  toJSON() {
    return JSON.stringify({ format: FORMAT, version: 1, collection: this.collection, stars: this.list() }, null, 2);
  }

  /**
   * Merges an exported file: its stars whose file is in this collection (a note
   * already here is kept when the file's is empty).
   * @param {string} text
   * @param {(file: string) => boolean} known
   * @returns {{ imported: number, skipped: number }}
   * @throws {Error} when the text is not a stars file
   */
  import(text, known) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error('not JSON');
    }
    if (!data || data.format !== FORMAT || !Array.isArray(data.stars)) throw new Error('not a stars file');
    let imported = 0;
    let skipped = 0;
    for (const s of parseStars(data)) {
      if (!known(s.file)) {
        skipped += 1;
        continue;
      }
      const have = this.stars.get(s.file);
      this.stars.set(s.file, { ...s, note: s.note || have?.note || '' });
      imported += 1;
    }
    this.#write();
    this.#notify();
    return { imported, skipped };
  }
}

/**
 * The well-formed stars of a parsed file.
 * @param {any} data
 * @returns {Star[]}
 */
function parseStars(data) {
  const list = Array.isArray(data?.stars) ? data.stars : [];
  return list
    .filter((s) => s && typeof s.file === 'string' && s.file !== '')
    .map((s) => ({
      file: s.file,
      title: typeof s.title === 'string' ? s.title : '',
      note: typeof s.note === 'string' ? s.note : '',
      at: typeof s.at === 'string' ? s.at : '',
    }));
}

/**
 * The star button and the note of the open article (in the reader).
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {StarStore} store
 * @param {{ id: number, file: string, title: string }} article
 */
export function renderStarControls(ct, store, article) {
  const box = h('div', { class: 'star-box' });
  const draw = () => {
    const star = store.get(article.file);
    const on = star !== null;
    const focusedNote = box.contains(/** @type {ShadowRoot} */ (box.getRootNode()).activeElement) &&
      /** @type {ShadowRoot} */ (box.getRootNode()).activeElement?.tagName === 'TEXTAREA';
    if (focusedNote) return; // typing: keep the textarea as it is
    const button = h('button', {
      type: 'button',
      class: `button star-toggle${on ? ' on' : ''}`,
      'aria-pressed': String(on),
      'data-key': 'star-toggle',
      title: ct.starHint,
    }, [h('span', { class: 'star-icon', 'aria-hidden': 'true', text: on ? '★ ' : '☆ ' }), on ? ct.starred : ct.star]);
    button.addEventListener('click', () => {
      store.toggle(article, !on);
      /** @type {HTMLElement|null} */ (box.querySelector('.star-toggle'))?.focus();
    });
    /** @type {Array<Node>} */
    const parts = [button];
    if (on) {
      const id = `note-${article.id}`;
      const area = h('textarea', { id, class: 'note', rows: '3', placeholder: ct.notePlaceholder, 'data-key': 'star-note' });
      area.value = star.note;
      const saved = h('span', { class: 'small muted note-status', role: 'status', 'aria-live': 'polite' });
      /** @type {ReturnType<typeof setTimeout>|undefined} */
      let timer;
      const save = () => {
        clearTimeout(timer);
        if (store.get(article.file)?.note === area.value) return;
        store.setNote(article.file, area.value);
        saved.textContent = store.failure ? ct.storageFailed(store.failure) : ct.noteSaved;
      };
      area.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(save, 400);
      });
      area.addEventListener('blur', save);
      parts.push(h('label', { for: id, class: 'field-label note-label', text: ct.noteLabel }), area, saved);
    }
    if (store.refused) parts.push(h('p', { class: 'storage-notice small', role: 'note', text: ct.storageRefused }));
    const focusToggle = box.contains(/** @type {ShadowRoot} */ (box.getRootNode()).activeElement);
    box.replaceChildren(...parts);
    if (focusToggle) /** @type {HTMLElement|null} */ (box.querySelector('.star-toggle'))?.focus();
  };
  draw();
  const unsubscribe = store.subscribe(() => {
    if (!box.isConnected) unsubscribe();
    else draw();
  });
  return box;
}

/**
 * The panel of starred articles: the list (links that open them, with their
 * notes), "starred hits only", export and import, and where storage is refused.
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {StarStore} store
 * @param {object} options
 * @param {(file: string) => ({ id: number, title: string, date: string|null }|undefined)} options.article
 * @param {(patch: { article: number }) => string} options.href
 * @param {boolean} options.only whether "starred hits only" is on
 * @param {number|null} options.inResults how many starred articles are among the results (null: unknown)
 * @param {(on: boolean) => void} options.onOnly
 * @param {(file: File) => void} options.onImport
 * @param {() => void} options.onExport
 * @param {string} [options.message] what the last import or export said
 * @param {(date: string|null) => string} options.formatDate
 */
export function renderStarsPanel(ct, store, options) {
  const stars = store.list();
  const section = h('section', { class: 'stars', 'aria-labelledby': 'stars-heading' }, [
    h('h2', { id: 'stars-heading', class: 'panel-heading', text: ct.starsHeading }),
  ]);
  if (store.refused) section.append(h('p', { class: 'storage-notice', role: 'alert', text: ct.storageRefused }));
  else if (store.failure) section.append(h('p', { class: 'storage-notice', role: 'alert', text: ct.storageFailed(store.failure) }));
  const only = h('input', { type: 'checkbox', id: 'stars-only', 'data-key': 'stars-only' });
  only.checked = options.only;
  only.disabled = stars.length === 0;
  only.addEventListener('change', () => options.onOnly(only.checked));
  section.append(
    h('p', { class: 'check-line' }, [only, h('label', { for: 'stars-only', text: ` ${ct.starsOnly}` })]),
  );
  if (options.inResults !== null && stars.length > 0) section.append(h('p', { class: 'small muted', text: ct.starsInResults(options.inResults, stars.length) }));
  if (stars.length === 0) section.append(h('p', { class: 'muted', text: ct.starsEmpty }));
  else {
    const list = h('ul', { class: 'star-list' });
    for (const s of stars) {
      const a = options.article(s.file);
      const title = a?.title ?? s.title;
      list.append(
        h('li', { 'data-file': s.file }, [
          a
            ? h('a', { href: options.href({ article: a.id }), 'data-article': String(a.id), 'data-key': `star:${a.id}`, class: 'star-title', text: title })
            : h('span', { class: 'star-title muted', text: title }),
          h('span', { class: 'small muted', text: ` · ${options.formatDate(a?.date ?? null)}` }),
          s.note ? h('p', { class: 'star-note small', text: s.note }) : null,
        ]),
      );
    }
    section.append(list);
  }
  const input = h('input', { type: 'file', id: 'stars-file', accept: 'application/json,.json', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) options.onImport(file);
    input.value = '';
  });
  const exportButton = h('button', { type: 'button', class: 'button', 'data-key': 'stars-export', text: ct.starsExport });
  exportButton.disabled = stars.length === 0;
  exportButton.addEventListener('click', options.onExport);
  const importButton = h('button', { type: 'button', class: 'button', 'data-key': 'stars-import', text: ct.starsImport });
  importButton.addEventListener('click', () => input.click());
  section.append(
    h('div', { class: 'export-buttons' }, [exportButton, importButton, input]),
    h('p', { class: 'small stars-status', role: 'status', 'aria-live': 'polite', text: options.message ?? '' }),
  );
  return section;
}

// @ts-check
/**
 * Every German string the user interface shows, in one table.
 *
 * Plain strings are used as they are; functions build a string from numbers
 * or the query. index.html repeats the static ones (marked `data-i18n="key"`)
 * so the page reads right before the script runs; `applyStaticTexts` then
 * makes this table the single source of truth.
 *
 * @module i18n
 */

const MONTHS = [
  'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni',
  'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember',
];

/** @param {number} n */
const count = (n) => n.toLocaleString('de-DE');

export const t = {
  // Page chrome (also in index.html, data-i18n)
  pageTitle: 'Artikel-Explorer',
  appName: 'Artikel-Explorer',
  tagline: 'Nachrichtenartikel durchsuchen – alles läuft in Ihrem Browser.',
  searchLabel: 'Artikel durchsuchen',
  searchPlaceholder: 'Suchbegriff, z. B. Pjöngjang',
  searchHint: 'Taste / springt ins Suchfeld, Esc schließt einen Artikel.',
  loading: 'Suchindex wird geladen …',
  noScript: 'Der Artikel-Explorer braucht JavaScript und WebAssembly. Bitte aktivieren Sie JavaScript.',

  // Empty state: the whole collection
  /** @param {number} n */
  collectionHeading: (n) => (n === 1 ? 'Ein Artikel in der Sammlung' : `${count(n)} Artikel in der Sammlung`),
  collectionEmpty: 'Die Sammlung enthält keine Artikel.',

  // Results
  /** @param {number} n */
  resultCount: (n) => (n === 1 ? '1 Artikel gefunden' : `${count(n)} Artikel gefunden`),
  /** @param {number} shown @param {number} total */
  resultCountPartial: (shown, total) => `${count(total)} Artikel gefunden, ${count(shown)} angezeigt`,
  /** @param {string} q */
  noHits: (q) => `Keine Treffer für „${q}“`,
  noHitsHint: 'Versuchen Sie ein anderes oder ein kürzeres Wort.',
  resultsHeading: 'Treffer',
  moreHits: 'Weitere Treffer anzeigen',
  /** @param {string} message */
  searchFailed: (message) => `Die Suche ist fehlgeschlagen: ${message}`,

  // Articles
  derivedTitle: 'Titel aus dem ersten Satz abgeleitet',
  noDate: 'ohne Datum',
  /** @param {string} file */
  fileLabel: (file) => `Datei ${file}`,
  /** @param {string|null} ym "YYYY-MM" or null */
  date: (ym) => {
    const m = typeof ym === 'string' ? /^(\d{4})-(\d{2})$/.exec(ym) : null;
    if (!m) return ym ?? 'ohne Datum';
    const month = MONTHS[Number(m[2]) - 1];
    return month ? `${month} ${m[1]}` : ym;
  },

  // Reader
  back: 'Zurück zur Liste',
  readerLabel: 'Artikel',
  boilerplateLabel: 'Hinweis der Quelle',
  /** @param {number} n */
  matchesInArticle: (n) => (n === 1 ? '1 Fundstelle' : `${count(n)} Fundstellen`),
  jumpToFirstMatch: 'Zur ersten Fundstelle',
  /** @param {string} message */
  articleFailed: (message) => `Der Artikel konnte nicht geöffnet werden: ${message}`,
  articleMissing: 'Diesen Artikel gibt es in dieser Sammlung nicht (mehr).',

  // Start-up failures
  loadFailedTitle: 'Der Artikel-Explorer konnte nicht geladen werden.',
  loadFailedHint:
    'Das WebAssembly-Modul ließ sich nicht laden. Bitte laden Sie die Seite neu; ' +
    'wenn der Fehler bleibt, fehlt die Datei pkg/article_explorer_bg.wasm oder der Browser unterstützt kein WebAssembly.',
  indexFailedTitle: 'Der Suchindex ist beschädigt.',
  indexFailedHint: 'Der eingebettete Suchindex ließ sich nicht öffnen. Die Seite muss neu gebaut werden.',
  technicalDetails: 'Technische Details',
  reload: 'Seite neu laden',
};

/**
 * Replaces the text of every element marked `data-i18n="key"` (and the
 * attribute named by `data-i18n-attr`, e.g. placeholder) with the table's string.
 * @param {ParentNode} root
 */
export function applyStaticTexts(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const key = /** @type {HTMLElement} */ (el).dataset.i18n ?? '';
    const value = /** @type {Record<string, unknown>} */ (t)[key];
    if (typeof value !== 'string') continue;
    const attr = /** @type {HTMLElement} */ (el).dataset.i18nAttr;
    if (attr) el.setAttribute(attr, value);
    else el.textContent = value;
  }
  document.title = t.pageTitle;
}

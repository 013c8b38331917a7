// @ts-check
/**
 * Every string the user interface shows, one table per language (German is
 * the default, English the alternative: `<article-explorer lang="en">`).
 *
 * Plain strings are used as they are; functions build a string from numbers,
 * names or the query. Both tables have the same keys; `strings()` picks one.
 *
 * @module i18n
 */

const MONTHS_DE = [
  'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni',
  'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember',
];
const MONTHS_DE_SHORT = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'];
const MONTHS_EN_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/**
 * "2019-04" -> "April 2019" with the given month names; anything else as it is.
 * @param {string[]} months
 * @param {string} none what to say for null
 */
const formatMonth = (months, none) => /** @param {string|null|undefined} ym */ (ym) => {
  const m = typeof ym === 'string' ? /^(\d{4})-(\d{2})$/.exec(ym) : null;
  if (!m) return ym ?? none;
  const month = months[Number(m[2]) - 1];
  return month ? `${month} ${m[1]}` : ym;
};

/**
 * Numbers as the locale writes them, through one formatter made at the first use (which
 * loads the locale's number data: 10-25 ms; the element makes it while the index loads,
 * so that it never lands in the task that draws the first list).
 * @param {string} locale
 */
const counter = (locale) => {
  /** @type {Intl.NumberFormat|undefined} */
  let format;
  return /** @param {number} n */ (n) => (format ??= new Intl.NumberFormat(locale)).format(n);
};

const de = (() => {
  const count = counter('de-DE');
  const date = formatMonth(MONTHS_DE, 'ohne Datum');
  return {
    lang: 'de',
    locale: 'de-DE',
    pageTitle: 'Artikel-Explorer',

    // Search bar
    searchLabel: 'Artikel durchsuchen',
    searchPlaceholder: 'Suchbegriff, z. B. Pjöngjang',
    searchHint: 'Taste / springt ins Suchfeld, ↓ zu den Treffern, Esc schließt Artikel und Ansichten.',
    sortLabel: 'Sortierung',
    sortRelevance: 'Relevanz',
    sortNewest: 'Neueste zuerst',
    sortOldest: 'Älteste zuerst',
    /** @param {number} n */
    filtersToggle: (n) => (n > 0 ? `Filter und Zeitraum (${count(n)} aktiv)` : 'Filter und Zeitraum'),
    activeFilters: 'Aktive Filter',
    /** @param {string} kind @param {string} name */
    removeFilter: (kind, name) => `Filter ${kind} „${name}“ entfernen`,
    /** @param {string} range */
    removeDates: (range) => `Zeitraum ${range} entfernen`,
    clearFilters: 'Alle Filter entfernen',
    loading: 'Suchindex wird geladen …',

    // Empty state
    /** @param {number} n */
    collectionHeading: (n) => (n === 1 ? 'Ein Artikel in der Sammlung' : `${count(n)} Artikel in der Sammlung`),
    collectionEmpty: 'Die Sammlung enthält keine Artikel.',
    /** @param {string} first @param {string} last */
    collectionRange: (first, last) => (first === last ? `aus ${first}` : `von ${first} bis ${last}`),
    /** @param {number} n */
    collectionUndated: (n) => `ohne Datum: ${count(n)}`,
    /** @param {number} n */
    collectionEntities: (n) => (n === 1 ? '1 erkannter Name' : `${count(n)} erkannte Namen`),
    topEntities: 'Häufig genannt',
    tipsSummary: 'Suchtipps',
    tips: [
      ['"Kim Jong Un"', 'genau diese Wortfolge'],
      ['Gipfel -Trump', 'ohne Artikel mit „Trump“'],
      ['Peking OR Moskau', 'eines der Wörter genügt'],
      ['person:Putin', 'nur Artikel, die die Person nennen (auch land:, ort:, org:)'],
    ],

    // Results
    /** @param {number} n */
    resultCount: (n) => (n === 1 ? '1 Artikel gefunden' : `${count(n)} Artikel gefunden`),
    /** @param {number} shown @param {number} total */
    resultCountPartial: (shown, total) => `${count(total)} Artikel gefunden, ${count(shown)} angezeigt`,
    /** @param {string} q */
    noHits: (q) => `Keine Treffer für „${q}“`,
    /** @param {string} q */
    noHitsFiltered: (q) => `Keine Treffer für „${q}“ mit diesen Filtern`,
    noHitsFiltersOnly: 'Keine Artikel passen zu diesen Filtern',
    noHitsHint: 'Versuchen Sie ein anderes oder ein kürzeres Wort.',
    noHitsFilteredHint: 'Entfernen Sie einen Filter oder erweitern Sie den Zeitraum.',
    resultsHeading: 'Treffer',
    resultsRegion: 'Ergebnisse',
    moreHits: 'Weitere Treffer anzeigen',
    /** @param {string} message */
    searchFailed: (message) => `Die Suche ist fehlgeschlagen: ${message}`,
    /** @param {string} word @param {string[]} instead */
    corrected: (word, instead) => `Keine Treffer für „${word}“ – Ergebnisse für ${instead.map((w) => `„${w}“`).join(' oder ')}`,
    /** @param {string} word */
    dropped: (word) => `„${word}“ wurde ignoriert, weil es in keinem Artikel vorkommt`,
    /** @param {string} filter */
    unknownEntity: (filter) => `Filter „${filter}“ ignoriert: kein erkannter Name passt`,
    /** @param {string} ref */
    unknownEntityRef: (ref) => `Filter „${ref}“ ignoriert: diesen Namen gibt es in der Sammlung nicht`,

    // Articles
    derivedTitle: 'Titel aus dem ersten Satz abgeleitet',
    noDate: 'ohne Datum',
    /** @param {string} file */
    fileLabel: (file) => `Datei ${file}`,
    meta: {
      source: 'Quelle',
      author: 'Autor',
      authors: 'Autoren',
      language: 'Sprache',
      /** @param {string} host */
      original: (host) => `Original bei ${host}`,
      originalTitle: 'Den Originalartikel in einem neuen Tab öffnen',
      /** @param {string[]} names */
      by: (names) => `von ${names.join(', ')}`,
    },
    date,
    /** "Apr. 2019": for the narrow date selects */
    dateShort: formatMonth(MONTHS_DE_SHORT, 'ohne Datum'),
    /** @param {string|null} from @param {string|null} to */
    dateRange: (from, to) => (from && to ? (from === to ? date(from) : `${date(from)} – ${date(to)}`) : from ? `ab ${date(from)}` : to ? `bis ${date(to)}` : ''),

    // Facets
    filtersHeading: 'Filter',
    facetSearchLabel: 'Namen filtern',
    facetSearchPlaceholder: 'z. B. Putin',
    demonymsLabel: 'Adjektive mitzählen',
    demonymsHint: 'z. B. „nordkoreanisch“ als Nennung von Nordkorea',
    kinds: /** @type {Record<string, {one: string, many: string}>} */ ({
      person: { one: 'Person', many: 'Personen' },
      country: { one: 'Land', many: 'Länder' },
      place: { one: 'Ort', many: 'Orte' },
      organization: { one: 'Organisation', many: 'Organisationen' },
      event: { one: 'Ereignis', many: 'Ereignisse' },
      other: { one: 'Name', many: 'Weitere Namen' },
    }),
    /** @param {number} n */
    showMore: (n) => `mehr anzeigen (${count(n)} weitere)`,
    /** @param {string} message */
    moreFailed: (message) => `Weitere Einträge konnten nicht geladen werden: ${message}`,
    showLess: 'weniger anzeigen',
    /** @param {string} name */
    filterBy: (name) => `Nach „${name}“ filtern`,
    /** @param {string} name @param {number} n */
    facetCount: (name, n) => `${name}: ${n === 1 ? '1 Artikel' : `${count(n)} Artikel`}`,
    /** @param {string} name */
    openEntity: (name) => `Übersicht zu „${name}“ öffnen`,
    noEntitiesAtAll: 'In dieser Sammlung wurden keine Namen erkannt.',
    noEntitiesHere: 'Keine erkannten Namen in diesen Ergebnissen.',
    facetsCounting: 'Namen, Quellen und Autoren werden gezählt …',
    datesCounting: 'Die Daten werden gezählt …',
    datesFailed: 'Die Daten konnten nicht gezählt werden.',
    facetsFailed: (message) => `Namen, Quellen und Autoren konnten nicht gezählt werden: ${message}`,
    /** @param {string} text */
    noFacetMatch: (text) => `Kein Name passt zu „${text}“.`,
    count,

    // Timeline
    timelineHeading: 'Zeitraum',
    timelineChart: 'Artikel pro Monat',
    timelineChartYears: 'Artikel pro Jahr',
    /** @param {string} when @param {number} n @param {boolean} selected */
    timelineBar: (when, n, selected) => `${when}: ${n === 1 ? '1 Artikel' : `${count(n)} Artikel`}${selected ? ' (ausgewählt)' : ''}`,
    fromLabel: 'Von',
    toLabel: 'Bis',
    fromAny: 'Anfang',
    toAny: 'Ende',
    resetDates: 'Zeitraum zurücksetzen',
    /** @param {number} n */
    undated: (n) => `ohne Datum: ${count(n)}`,
    undatedHidden: 'durch den Zeitraum ausgeblendet',
    /** @param {number} n @param {string} range */
    datedSummary: (n, range) => `${n === 1 ? '1 Artikel' : `${count(n)} Artikel`} mit Datum, ${range}`,
    noDates: 'Keine datierten Artikel in diesen Ergebnissen.',
    tableSummary: 'Als Tabelle',
    tableMonth: 'Monat',
    tableYear: 'Jahr',
    tableCount: 'Artikel',

    // Reader
    back: 'Zurück zur Liste',
    close: 'Schließen',
    /** @param {string} name */
    backToEntity: (name) => `Zurück zu „${name}“`,
    readerLabel: 'Artikel',
    boilerplateLabel: 'Hinweis der Quelle',
    /** @param {number} n */
    matchesInArticle: (n) => (n === 1 ? '1 Fundstelle' : `${count(n)} Fundstellen`),
    jumpToFirstMatch: 'Zur ersten Fundstelle',
    /** @param {string} message */
    articleFailed: (message) => `Der Artikel konnte nicht geöffnet werden: ${message}`,
    articleLoading: 'Artikel wird geladen …',
    snippetLoading: 'Textauszug wird geladen …',
    snippetFailed: 'Der Textauszug konnte nicht geladen werden.',
    textFailed: (message) => `Der Text konnte nicht geladen werden: ${message}`,
    articleMissing: 'Diesen Artikel gibt es in dieser Sammlung nicht (mehr).',
    articleEntities: 'Genannt in diesem Artikel',
    legendHeading: 'Markierte Namen',
    demonymNote: 'Adjektiv',
    /** @param {string} kind @param {string} name @param {boolean} demonym */
    mentionTitle: (kind, name, demonym) => `${kind}: ${name}${demonym ? ' (Adjektiv)' : ''}`,
    /** @param {number} n */
    mentionCount: (n) => (n === 1 ? '1 Nennung' : `${count(n)} Nennungen`),

    // Entity view
    /** @param {number} n */
    mentionsInCollection: (n) => (n === 1 ? '1 Nennung in der ganzen Sammlung' : `${count(n)} Nennungen in der ganzen Sammlung`),
    /** @param {number} n @param {number} total */
    entityScope: (n, total) => `In ${count(n)} von ${count(total)} Artikeln der aktuellen Ergebnisse`,
    /** @param {number} n */
    entityScopeAll: (n) => (n === 1 ? 'In 1 Artikel der Sammlung' : `In ${count(n)} Artikeln der Sammlung`),
    addFilter: 'Als Filter setzen',
    removeFilterShort: 'Filter entfernen',
    onlyFilter: 'Nur nach diesem Namen filtern',
    aliasesHeading: 'Auch genannt als',
    spellingsHeading: 'Schreibweisen in den Artikeln',
    entityArticles: 'Artikel',
    inContextHeading: 'Im Kontext',
    /** @param {number} shown @param {number} total */
    inContextCount: (shown, total) => (shown < total ? `die ersten ${count(shown)} Stellen` : ''),
    cooccurringHeading: 'Oft zusammen genannt mit',
    cooccurringHint: 'Geordnet nach Überrepräsentation: wie viel häufiger als zufällig erwartet der Name in denselben Artikeln vorkommt.',
    /** @param {number} lift */
    lift: (lift) => `${lift.toLocaleString('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}×`,
    /** @param {string} name @param {number} n @param {number} lift */
    cooccurrenceLabel: (name, n, lift) =>
      `${name}: in ${n === 1 ? '1 Artikel' : `${count(n)} Artikeln`} gemeinsam, ${lift.toLocaleString('de-DE', { maximumFractionDigits: 1 })}-mal so oft wie erwartet`,
    noCooccurring: 'Keine anderen Namen in diesen Artikeln.',
    noInContext: 'Keine Nennungen in den aktuellen Ergebnissen.',
    inContextLoading: 'Textstellen werden geladen …',
    /** @param {string} message */
    entityFailed: (message) => `Diese Übersicht konnte nicht geöffnet werden: ${message}`,
    entityMissing: 'Diesen Namen gibt es in dieser Sammlung nicht (mehr).',
    entityLabel: 'Übersicht zu einem Namen',

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
})();

/** @typedef {typeof de} Strings */

/** @type {Strings} */
const en = (() => {
  const count = counter('en-GB');
  const date = formatMonth(MONTHS_EN, 'undated');
  const articles = (/** @type {number} */ n) => (n === 1 ? '1 article' : `${count(n)} articles`);
  return {
    lang: 'en',
    locale: 'en-GB',
    pageTitle: 'Article explorer',

    searchLabel: 'Search the articles',
    searchPlaceholder: 'A word, e.g. Pjöngjang',
    searchHint: 'Press / to search, ↓ to reach the hits, Esc to close articles and views.',
    sortLabel: 'Order',
    sortRelevance: 'Relevance',
    sortNewest: 'Newest first',
    sortOldest: 'Oldest first',
    filtersToggle: (n) => (n > 0 ? `Filters and dates (${count(n)} active)` : 'Filters and dates'),
    activeFilters: 'Active filters',
    removeFilter: (kind, name) => `Remove the filter ${kind} “${name}”`,
    removeDates: (range) => `Remove the date range ${range}`,
    clearFilters: 'Remove all filters',
    loading: 'Loading the search index …',

    collectionHeading: (n) => (n === 1 ? 'One article in the collection' : `${count(n)} articles in the collection`),
    collectionEmpty: 'The collection holds no articles.',
    collectionRange: (first, last) => (first === last ? `from ${first}` : `from ${first} to ${last}`),
    collectionUndated: (n) => `undated: ${count(n)}`,
    collectionEntities: (n) => (n === 1 ? '1 recognised name' : `${count(n)} recognised names`),
    topEntities: 'Often mentioned',
    tipsSummary: 'Search tips',
    tips: [
      ['"Kim Jong Un"', 'exactly these words in this order'],
      ['Gipfel -Trump', 'leave out articles with “Trump”'],
      ['Peking OR Moskau', 'either word will do'],
      ['person:Putin', 'only articles naming this person (also country:, place:, org:)'],
    ],

    resultCount: (n) => `${articles(n)} found`,
    resultCountPartial: (shown, total) => `${articles(total)} found, ${count(shown)} shown`,
    noHits: (q) => `No hits for “${q}”`,
    noHitsFiltered: (q) => `No hits for “${q}” with these filters`,
    noHitsFiltersOnly: 'No article passes these filters',
    noHitsHint: 'Try another or a shorter word.',
    noHitsFilteredHint: 'Remove a filter or widen the date range.',
    resultsHeading: 'Hits',
    resultsRegion: 'Results',
    moreHits: 'Show more hits',
    searchFailed: (message) => `The search failed: ${message}`,
    corrected: (word, instead) => `No hits for “${word}” – showing results for ${instead.map((w) => `“${w}”`).join(' or ')}`,
    dropped: (word) => `“${word}” was left out because no article contains it`,
    unknownEntity: (filter) => `Filter “${filter}” ignored: no recognised name matches`,
    unknownEntityRef: (ref) => `Filter “${ref}” ignored: the collection has no such name`,

    derivedTitle: 'Title derived from the first sentence',
    noDate: 'undated',
    fileLabel: (file) => `File ${file}`,
    meta: {
      source: 'Source',
      author: 'Author',
      authors: 'Authors',
      language: 'Language',
      original: (host) => `Original at ${host}`,
      originalTitle: 'Open the original article in a new tab',
      by: (names) => `by ${names.join(', ')}`,
    },
    date,
    dateShort: formatMonth(MONTHS_EN_SHORT, 'undated'),
    dateRange: (from, to) => (from && to ? (from === to ? date(from) : `${date(from)} – ${date(to)}`) : from ? `from ${date(from)}` : to ? `until ${date(to)}` : ''),

    filtersHeading: 'Filters',
    facetSearchLabel: 'Filter the names',
    facetSearchPlaceholder: 'e.g. Putin',
    demonymsLabel: 'Count adjectives',
    demonymsHint: 'e.g. “nordkoreanisch” as a mention of North Korea',
    kinds: {
      person: { one: 'Person', many: 'People' },
      country: { one: 'Country', many: 'Countries' },
      place: { one: 'Place', many: 'Places' },
      organization: { one: 'Organisation', many: 'Organisations' },
      event: { one: 'Event', many: 'Events' },
      other: { one: 'Name', many: 'Other names' },
    },
    showMore: (n) => `show more (${count(n)} more)`,
    moreFailed: (message) => `More entries could not be loaded: ${message}`,
    showLess: 'show fewer',
    filterBy: (name) => `Filter by “${name}”`,
    facetCount: (name, n) => `${name}: ${articles(n)}`,
    openEntity: (name) => `Open the overview of “${name}”`,
    noEntitiesAtAll: 'No names were recognised in this collection.',
    noEntitiesHere: 'No recognised names in these results.',
    facetsCounting: 'Counting names, sources and authors …',
    datesCounting: 'Counting dates …',
    datesFailed: 'The dates could not be counted.',
    facetsFailed: (message) => `Names, sources and authors could not be counted: ${message}`,
    noFacetMatch: (text) => `No name matches “${text}”.`,
    count,

    timelineHeading: 'Dates',
    timelineChart: 'Articles per month',
    timelineChartYears: 'Articles per year',
    timelineBar: (when, n, selected) => `${when}: ${articles(n)}${selected ? ' (selected)' : ''}`,
    fromLabel: 'From',
    toLabel: 'To',
    fromAny: 'Beginning',
    toAny: 'End',
    resetDates: 'Reset the dates',
    undated: (n) => `undated: ${count(n)}`,
    undatedHidden: 'hidden by the date range',
    datedSummary: (n, range) => `${articles(n)} with a date, ${range}`,
    noDates: 'No dated articles in these results.',
    tableSummary: 'As a table',
    tableMonth: 'Month',
    tableYear: 'Year',
    tableCount: 'Articles',

    back: 'Back to the list',
    close: 'Close',
    backToEntity: (name) => `Back to “${name}”`,
    readerLabel: 'Article',
    boilerplateLabel: 'Note from the source',
    matchesInArticle: (n) => (n === 1 ? '1 match' : `${count(n)} matches`),
    jumpToFirstMatch: 'Go to the first match',
    articleFailed: (message) => `The article could not be opened: ${message}`,
    articleLoading: 'Loading the article …',
    snippetLoading: 'Loading the excerpt …',
    snippetFailed: 'The excerpt could not be loaded.',
    textFailed: (message) => `The text could not be loaded: ${message}`,
    articleMissing: 'This collection has no such article (any more).',
    articleEntities: 'Named in this article',
    legendHeading: 'Marked names',
    demonymNote: 'adjective',
    mentionTitle: (kind, name, demonym) => `${kind}: ${name}${demonym ? ' (adjective)' : ''}`,
    mentionCount: (n) => (n === 1 ? '1 mention' : `${count(n)} mentions`),
    mentionsInCollection: (n) => (n === 1 ? '1 mention in the whole collection' : `${count(n)} mentions in the whole collection`),

    entityScope: (n, total) => `In ${count(n)} of ${articles(total)} in the current results`,
    entityScopeAll: (n) => `In ${articles(n)} of the collection`,
    addFilter: 'Use as a filter',
    removeFilterShort: 'Remove the filter',
    onlyFilter: 'Filter by this name only',
    aliasesHeading: 'Also known as',
    spellingsHeading: 'Spellings in the articles',
    entityArticles: 'Articles',
    inContextHeading: 'In context',
    inContextCount: (shown, total) => (shown < total ? `the first ${count(shown)} places` : ''),
    cooccurringHeading: 'Often named together with',
    cooccurringHint: 'Ordered by over-representation: how much more often than chance the name occurs in the same articles.',
    lift: (lift) => `${lift.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}×`,
    cooccurrenceLabel: (name, n, lift) =>
      `${name}: together in ${articles(n)}, ${lift.toLocaleString('en-GB', { maximumFractionDigits: 1 })} times as often as expected`,
    noCooccurring: 'No other names in these articles.',
    noInContext: 'No mentions in the current results.',
    inContextLoading: 'Loading passages …',
    entityFailed: (message) => `This overview could not be opened: ${message}`,
    entityMissing: 'This collection has no such name (any more).',
    entityLabel: 'Overview of a name',

    loadFailedTitle: 'The article explorer could not be loaded.',
    loadFailedHint:
      'The WebAssembly module did not load. Please reload the page; if the error stays, ' +
      'the file pkg/article_explorer_bg.wasm is missing or the browser does not support WebAssembly.',
    indexFailedTitle: 'The search index is damaged.',
    indexFailedHint: 'The embedded search index could not be opened. The page has to be rebuilt.',
    technicalDetails: 'Technical details',
    reload: 'Reload the page',
  };
})();

/**
 * The string table for a language tag ("de", "en", "en-GB", …); German unless
 * the tag is English.
 * @param {string|null|undefined} lang
 * @returns {Strings}
 */
export function strings(lang) {
  return typeof lang === 'string' && /^en\b/i.test(lang.trim()) ? en : de;
}

/** The German table, for modules that have no element to ask. */
export const t = de;

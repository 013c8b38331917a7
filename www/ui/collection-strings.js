// @ts-check
/**
 * The strings of the collection tools (network, timelines, related articles,
 * export, starred articles), German and English, as www/i18n.js keeps the
 * rest: plain strings as they are, functions build one from numbers and names.
 *
 * @module ui/collection-strings
 */

const de = (() => {
  const count = (/** @type {number} */ n) => n.toLocaleString('de-DE');
  const articles = (/** @type {number} */ n) => `${count(n)} ${n === 1 ? 'Artikel' : 'Artikel'}`;
  return {
    toolsLabel: 'Sammlung',
    networkButton: 'Netzwerk',
    exportButton: 'Exportieren',
    /** @param {number} n */
    starsButton: (n) => (n > 0 ? `Markiert (${count(n)})` : 'Markiert'),

    networkHeading: 'Wer mit wem vorkommt',
    /** @param {number} nodes @param {number} scope */
    networkSummary: (nodes, scope) =>
      `${count(nodes)} Namen aus ${articles(scope)}. Kreise: Artikel mit dem Namen; Linien: gemeinsame Artikel, durchgezogen und kräftig, wo sie häufiger als zufällig sind (Lift ≥ 1,5).`,
    networkEmpty: 'In diesen Artikeln kommen keine Namen gemeinsam vor.',
    networkGraphLabel: 'Netzwerk der Namen. Pfeiltasten wechseln den Namen, Eingabe filtert nach ihm.',
    /** @param {string} name @param {string} kind @param {number} n @param {number} links */
    nodeLabel: (name, kind, n, links) => `${name} (${kind}): ${articles(n)}, ${count(links)} Verbindungen. Eingabe filtert nach ${name}.`,
    /** @param {number} n */
    nodeArticles: (n) => articles(n),
    /** @param {string} name @param {number} n @param {string} lift */
    linkLine: (name, n, lift) => `mit ${name}: ${articles(n)} gemeinsam, Lift ${lift}`,
    clickToFilter: 'Klick filtert nach diesem Namen.',
    nodesTable: 'Namen im Netzwerk',
    networkLimit: 'Anzahl Namen',
    edgesTable: 'Verbindungen',
    colName: 'Name',
    colKind: 'Art',
    colArticles: 'Artikel',
    colShared: 'Gemeinsame Artikel',
    colLift: 'Lift',
    colPair: 'Namen',
    overRepresented: 'häufiger als zufällig',
    /** @param {string} name */
    filterBy: (name) => `Nach ${name} filtern`,
    legendOver: 'häufiger als zufällig',
    legendOther: 'weitere gemeinsame Artikel',
    /** @param {number} ms */
    layoutTime: (ms) => `Berechnet in ${ms.toLocaleString('de-DE', { maximumFractionDigits: 1 })} ms`,

    exportHeading: 'Ergebnisse mitnehmen',
    exportHint: 'Als Tabelle (CSV, UTF-8, für Excel, LibreOffice, Numbers) oder als JSON. Alle Treffer der aktuellen Suche mit Filtern, nicht nur die angezeigten.',
    exportResultsCsv: 'Treffer als CSV',
    exportResultsJson: 'Treffer als JSON',
    exportEntitiesCsv: 'Namen als CSV',
    exportEntitiesJson: 'Namen als JSON',
    /** @param {string} file */
    exportDone: (file) => `${file} wurde heruntergeladen.`,
    /** @param {string} why */
    exportFailed: (why) => `Export fehlgeschlagen: ${why}`,

    starsHeading: 'Markierte Artikel',
    starsEmpty: 'Noch nichts markiert. Öffnen Sie einen Artikel und wählen Sie „Markieren“.',
    starsOnly: 'Nur markierte Treffer zeigen',
    /** @param {number} n @param {number} all */
    starsInResults: (n, all) => `${count(n)} von ${count(all)} markierten Artikeln gehören zu den aktuellen Treffern.`,
    starsExport: 'Markierungen exportieren (JSON)',
    starsImport: 'Markierungen importieren (JSON)',
    /** @param {number} n @param {number} skipped */
    starsImported: (n, skipped) =>
      `${count(n)} Markierungen importiert${skipped > 0 ? `, ${count(skipped)} gehören nicht zu dieser Sammlung und wurden übergangen` : ''}.`,
    /** @param {string} why */
    starsImportFailed: (why) => `Import fehlgeschlagen: ${why}`,
    starsNotJson: 'Die Datei ist keine Markierungsdatei des Artikel-Explorers.',
    /** @param {string} why */
    starsUnavailable: (why) => `Markierungen sind gerade nicht verfügbar: ${why}`,
    storageRefused:
      'Ihr Browser erlaubt dieser Seite nicht, Daten zu speichern. Markierungen und Notizen gelten nur bis zum Schließen; exportieren Sie sie als JSON, um sie zu behalten.',
    /** @param {string} why */
    storageFailed: (why) => `Speichern fehlgeschlagen (${why}). Exportieren Sie Ihre Markierungen als JSON, um sie zu behalten.`,
    star: 'Markieren',
    starred: 'Markiert',
    starHint: 'Markierte Artikel und Notizen bleiben in diesem Browser gespeichert, getrennt für jede Sammlung.',
    noteLabel: 'Notiz',
    notePlaceholder: 'Eigene Notiz zu diesem Artikel',
    noteSaved: 'Notiz gespeichert.',

    relatedHeading: 'Ähnliche Artikel',
    relatedEmpty: 'Keine ähnlichen Artikel gefunden.',
    /** @param {string[]} names */
    relatedWhy: (names) => `gemeinsam: ${names.join(', ')}`,
    /** @param {number} score */
    relatedScore: (score) => `Ähnlichkeit ${Math.round(score * 100)} %`,

    mentionsLabel: 'Erwähnungen von',
    firstMention: 'Erste Erwähnung',
    nextMention: 'Nächste Erwähnung',
    /** @param {number} i @param {number} n */
    mentionPosition: (i, n) => `Erwähnung ${count(i)} von ${count(n)}`,
    noMention: 'Dieser Name wird im Text nicht erwähnt.',

    timelineHeading: 'Zeitverlauf',
    timelineChart: 'Artikel pro Monat',
    /** @param {string} month @param {number} n @param {number} mentions */
    timelineBar: (month, n, mentions) => `${month}: ${articles(n)}, ${count(mentions)} Erwähnungen`,
    /** @param {number} n @param {number} mentions */
    timelineUndated: (n, mentions) => `ohne Datum: ${articles(n)}, ${count(mentions)} Erwähnungen`,
    timelineNone: 'Keine datierten Artikel.',
    colMonth: 'Monat',
    colMentions: 'Erwähnungen',
    tableSummary: 'Als Tabelle',
    shareLabel: 'Anteil zeigen von',
    shareNone: '(keinem Namen)',
    /** @param {string} name @param {number} n @param {number} pct */
    shareBar: (name, n, pct) => `, davon ${articles(n)} mit ${name} (${pct} %)`,
    /** @param {string} name @param {number} n @param {number} all */
    shareUndated: (name, n, all) => `Ohne Datum: ${count(n)} von ${articles(all)} mit ${name}.`,
  };
})();

/** @typedef {typeof de} CollectionStrings */

/** @type {CollectionStrings} */
const en = (() => {
  const count = (/** @type {number} */ n) => n.toLocaleString('en-GB');
  const articles = (/** @type {number} */ n) => `${count(n)} ${n === 1 ? 'article' : 'articles'}`;
  return {
    toolsLabel: 'Collection',
    networkButton: 'Network',
    exportButton: 'Export',
    starsButton: (n) => (n > 0 ? `Starred (${count(n)})` : 'Starred'),
    networkHeading: 'Who appears with whom',
    networkSummary: (nodes, scope) =>
      `${count(nodes)} names from ${articles(scope)}. Circles: articles naming them; lines: shared articles, solid and strong where more frequent than chance (lift ≥ 1.5).`,
    networkEmpty: 'No names occur together in these articles.',
    networkGraphLabel: 'Network of names. Arrow keys move between names, Enter filters by one.',
    nodeLabel: (name, kind, n, links) => `${name} (${kind}): ${articles(n)}, ${count(links)} links. Enter filters by ${name}.`,
    nodeArticles: (n) => articles(n),
    linkLine: (name, n, lift) => `with ${name}: ${articles(n)} shared, lift ${lift}`,
    clickToFilter: 'Click to filter by this name.',
    nodesTable: 'Names in the network',
    networkLimit: 'Number of names',
    edgesTable: 'Links',
    colName: 'Name',
    colKind: 'Kind',
    colArticles: 'Articles',
    colShared: 'Shared articles',
    colLift: 'Lift',
    colPair: 'Names',
    overRepresented: 'more than chance',
    filterBy: (name) => `Filter by ${name}`,
    legendOver: 'more frequent than chance',
    legendOther: 'other shared articles',
    layoutTime: (ms) => `Computed in ${ms.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ms`,
    exportHeading: 'Take the results with you',
    exportHint: 'As a table (CSV, UTF-8, for Excel, LibreOffice, Numbers) or as JSON. Every hit of the current search with its filters, not only those shown.',
    exportResultsCsv: 'Hits as CSV',
    exportResultsJson: 'Hits as JSON',
    exportEntitiesCsv: 'Names as CSV',
    exportEntitiesJson: 'Names as JSON',
    exportDone: (file) => `${file} was downloaded.`,
    exportFailed: (why) => `Export failed: ${why}`,
    starsHeading: 'Starred articles',
    starsEmpty: 'Nothing starred yet. Open an article and choose “Star”.',
    starsOnly: 'Show starred hits only',
    starsInResults: (n, all) => `${count(n)} of ${count(all)} starred articles are among the current hits.`,
    starsExport: 'Export stars (JSON)',
    starsImport: 'Import stars (JSON)',
    starsImported: (n, skipped) => `${count(n)} stars imported${skipped > 0 ? `, ${count(skipped)} not in this collection were skipped` : ''}.`,
    starsImportFailed: (why) => `Import failed: ${why}`,
    starsNotJson: 'This file is not a stars file of the article explorer.',
    starsUnavailable: (why) => `Stars are not available right now: ${why}`,
    storageRefused:
      'Your browser does not let this page store data. Stars and notes last only until you close it; export them as JSON to keep them.',
    storageFailed: (why) => `Saving failed (${why}). Export your stars as JSON to keep them.`,
    star: 'Star',
    starred: 'Starred',
    starHint: 'Starred articles and notes stay in this browser, kept apart for each collection.',
    noteLabel: 'Note',
    notePlaceholder: 'Your note on this article',
    noteSaved: 'Note saved.',
    relatedHeading: 'Related articles',
    relatedEmpty: 'No related articles found.',
    relatedWhy: (names) => `shared: ${names.join(', ')}`,
    relatedScore: (score) => `Similarity ${Math.round(score * 100)} %`,
    mentionsLabel: 'Mentions of',
    firstMention: 'First mention',
    nextMention: 'Next mention',
    mentionPosition: (i, n) => `Mention ${count(i)} of ${count(n)}`,
    noMention: 'The text does not mention this name.',
    timelineHeading: 'Over time',
    timelineChart: 'Articles per month',
    timelineBar: (month, n, mentions) => `${month}: ${articles(n)}, ${count(mentions)} mentions`,
    timelineUndated: (n, mentions) => `undated: ${articles(n)}, ${count(mentions)} mentions`,
    timelineNone: 'No dated articles.',
    colMonth: 'Month',
    colMentions: 'Mentions',
    tableSummary: 'As a table',
    shareLabel: 'Show the share of',
    shareNone: '(no name)',
    shareBar: (name, n, pct) => `, of which ${articles(n)} with ${name} (${pct} %)`,
    shareUndated: (name, n, all) => `Undated: ${count(n)} of ${articles(all)} with ${name}.`,
  };
})();

/**
 * The strings for `lang` (`de` unless `en`).
 * @param {string} lang
 * @returns {CollectionStrings}
 */
export function collectionStrings(lang) {
  return lang === 'en' ? en : de;
}

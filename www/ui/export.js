// @ts-check
/**
 * Taking the results away: the export panel (the current results and their
 * names as CSV or JSON) and the download of any text as a file.
 *
 * The text itself comes from the wasm (`exportResults`, `exportEntities`:
 * RFC 4180 CSV with a BOM, or JSON); here it only becomes a file. A download
 * is a Blob URL and an `<a download>` click: no network, so it works offline
 * and from `file://` (also under the single file's strict policy).
 *
 * @module ui/export
 */

import { h } from './dom.js';

/**
 * Offers `text` as a file named `name`.
 * @param {string} name
 * @param {string} text
 * @param {string} type MIME type
 */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the browser to start reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A file name for an export of `query`: `treffer-gipfel-2019-03.csv`.
 * @param {string} what `treffer`, `namen`, `markierungen`
 * @param {string} query
 * @param {'csv'|'json'} format
 */
export function fileName(what, query, format) {
  const slug = query
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${what}${slug ? `-${slug}` : ''}.${format}`;
}

/** @param {'csv'|'json'} format */
export const mimeOf = (format) => (format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json;charset=utf-8');

/**
 * The export panel: four buttons and a status line.
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {(what: 'results'|'entities', format: 'csv'|'json') => string|Promise<string>} run exports and downloads, returns what to say
 */
export function renderExport(ct, run) {
  const status = h('p', { class: 'small export-status', role: 'status', 'aria-live': 'polite' });
  /** @param {'results'|'entities'} what @param {'csv'|'json'} format @param {string} label */
  const button = (what, format, label) =>
    h('button', { type: 'button', class: 'button', 'data-export': `${what}-${format}`, text: label });
  const section = h('section', { class: 'export', 'aria-labelledby': 'export-heading' }, [
    h('h2', { id: 'export-heading', class: 'panel-heading', text: ct.exportHeading }),
    h('p', { class: 'small muted', text: ct.exportHint }),
    h('div', { class: 'export-buttons' }, [
      button('results', 'csv', ct.exportResultsCsv),
      button('results', 'json', ct.exportResultsJson),
      button('entities', 'csv', ct.exportEntitiesCsv),
      button('entities', 'json', ct.exportEntitiesJson),
    ]),
    status,
  ]);
  section.addEventListener('click', (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest('button[data-export]') : null;
    if (!b) return;
    const [what, format] = /** @type {['results'|'entities', 'csv'|'json']} */ ((b.getAttribute('data-export') ?? '').split('-'));
    // The export is asked of the worker: the status line says what came of it when it is in.
    Promise.resolve()
      .then(() => run(what, format))
      .then(
        (text) => {
          status.textContent = text;
        },
        (e) => {
          status.textContent = ct.exportFailed(e instanceof Error ? e.message : String(e));
        },
      );
  });
  return section;
}

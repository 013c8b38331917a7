// @ts-check
/**
 * The fixed frame inside the shadow root: search bar on top, then the facet
 * sidebar, the result list and the detail pane (reader or entity view).
 * Which of these sit side by side is the stylesheet's business (container
 * queries on the element's own width, so an embed lays out by its size).
 *
 * @module ui/layout
 */

import { h } from './dom.js';

/**
 * @typedef {object} Layout
 * @property {HTMLElement} root
 * @property {HTMLInputElement} input
 * @property {HTMLSelectElement} sort
 * @property {HTMLButtonElement} filtersToggle
 * @property {HTMLElement} activeFilters
 * @property {HTMLElement} notices
 * @property {HTMLElement} sidebar
 * @property {HTMLElement} timelineSlot
 * @property {HTMLElement} facetTools
 * @property {HTMLElement} facetGroups
 * @property {HTMLElement} resultsPane
 * @property {HTMLElement} status
 * @property {HTMLElement} listView
 * @property {HTMLElement} detail
 */

/**
 * @param {import('../i18n.js').Strings} t
 * @returns {Layout}
 */
export function buildLayout(t) {
  const input = h('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    class: 'search-input',
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    'aria-keyshortcuts': '/',
    'aria-describedby': 'search-hint',
    'aria-controls': 'list-view',
    placeholder: t.searchPlaceholder,
  });
  const sort = h('select', { id: 'sort', class: 'field', 'data-action': 'sort' }, [
    h('option', { value: 'relevance', text: t.sortRelevance }),
    h('option', { value: 'newest', text: t.sortNewest }),
    h('option', { value: 'oldest', text: t.sortOldest }),
  ]);
  const filtersToggle = h('button', {
    type: 'button',
    class: 'filters-toggle button',
    'data-action': 'toggle-filters',
    'aria-expanded': 'false',
    'aria-controls': 'sidebar',
    text: t.filtersToggle(0),
  });
  const activeFilters = h('div', { class: 'active-filters-slot' });
  const notices = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const timelineSlot = h('div', { class: 'timeline-slot' });
  const facetTools = h('div', { class: 'facet-tools-slot' });
  const facetGroups = h('div', { id: 'facet-groups', class: 'facet-groups' });
  const sidebar = h('section', { id: 'sidebar', class: 'sidebar', part: 'facets', 'aria-label': t.filtersToggle(0) }, [
    timelineSlot,
    h('section', { class: 'facets', 'aria-labelledby': 'facets-heading' }, [
      h('h2', { id: 'facets-heading', class: 'side-heading', text: t.filtersHeading }),
      facetTools,
      facetGroups,
    ]),
  ]);
  const status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const listView = h('div', { id: 'list-view', part: 'results' }, [h('p', { class: 'loading muted', text: t.loading })]);
  const resultsPane = h('section', { class: 'results-pane', 'aria-label': t.resultsRegion }, [status, listView]);
  const detail = h('div', { id: 'reader-view', class: 'detail', part: 'reader' });
  detail.hidden = true;

  const root = h('div', { class: 'root', part: 'root', lang: t.lang }, [
    h('div', { class: 'top', part: 'search' }, [
      h('form', { class: 'search', role: 'search', 'data-action': 'search' }, [
        h('label', { for: 'q', class: 'search-label', text: t.searchLabel }),
        h('div', { class: 'search-row' }, [
          input,
          h('div', { class: 'sort-field' }, [h('label', { for: 'sort', class: 'field-label', text: t.sortLabel }), sort]),
        ]),
        h('p', { id: 'search-hint', class: 'hint', text: t.searchHint }),
      ]),
      h('div', { class: 'filter-line' }, [filtersToggle, activeFilters]),
      notices,
    ]),
    h('div', { class: 'layout' }, [sidebar, resultsPane, detail]),
  ]);
  return { root, input, sort, filtersToggle, activeFilters, notices, sidebar, timelineSlot, facetTools, facetGroups, resultsPane, status, listView, detail };
}

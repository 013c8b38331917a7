// @ts-check
/**
 * Layout by the element's own width (container queries, so an embed in a
 * narrow column behaves like a phone):
 *
 * - narrow (< 700px) or `compact`: one column; the filters are a panel the
 *   "Filter" button opens; an open article or entity view replaces the list.
 * - medium (700-1099px): filters on the left, the list on the right; an open
 *   detail takes the list's place.
 * - wide (>= 1100px): filters, list and detail pane side by side; the panes
 *   scroll on their own.
 *
 * @module ui/styles/layout
 */

/** Rules for the one-column layout; emitted for narrow containers and for `compact`. */
const narrow = /* css */ `
  .filters-toggle { display: inline-flex; }
  .root:not([data-filters-open]) .sidebar { display: none; }
  .root[data-detail] .sidebar,
  .root[data-detail] .results-pane,
  .root[data-detail] .filter-line { display: none; }
  .sidebar { border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); padding: 0.9em; }
`;

/** Prefixes every selector of simple `a, b { … }` rules with `prefix`. */
const prefixed = (/** @type {string} */ prefix, /** @type {string} */ css) =>
  css.replace(/(^|})\s*([^{}]+)\{/g, (_, close, selectors) =>
    `${close}\n  ${selectors.split(',').map((s) => `${prefix} ${s.trim()}`).join(',\n  ')} {`);

export const layoutCss = /* css */ `
.top { margin-bottom: 1em; }
.search-label { display: block; font-weight: 600; margin-bottom: 0.35em; }
.search-row { display: flex; flex-wrap: wrap; gap: 0.6em 0.75em; align-items: end; }
.search-input {
  flex: 1 1 14em;
  min-width: 0;
  font: inherit;
  font-size: 1.125em;
  padding: 0.5em 0.7em;
  color: var(--fg);
  background: var(--surface);
  border: 2px solid var(--muted);
  border-radius: var(--radius);
}
.search-input:focus-visible { outline-offset: 1px; border-color: var(--focus); }
.search-input:disabled { opacity: 0.6; }
.sort-field { flex: 0 0 auto; }
.filter-line { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin-top: 0.6em; }
.notices:empty { display: none; }
.notices { margin-top: 0.5em; }
.notice {
  margin: 0.35em 0 0;
  padding: 0.4em 0.7em;
  border-inline-start: 4px solid var(--accent);
  background: var(--surface);
  font-size: 0.925em;
}
@media (hover: none) { .search .hint { display: none; } }
:host([compact]) .search .hint { display: none; }

.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.25em; align-items: start; }
.filters-toggle { display: none; }
.sidebar { min-width: 0; }
.results-pane { min-width: 0; }
.status { margin: 0 0 0.75em; font-weight: 600; }
.status:empty { display: none; }
.detail {
  min-width: 0;
  container: pane / inline-size;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  padding: 0 1em 1.5em;
}

@container ae (max-width: 699.98px) {
${narrow}
}
${prefixed(':host([compact])', narrow)}

@container ae (min-width: 700px) {
  :host(:not([compact])) .layout { grid-template-columns: 16em minmax(0, 1fr); gap: 1.75em; }
  :host(:not([compact])) .root[data-detail] .results-pane { display: none; }
  :host(:not([compact])) .sidebar {
    position: sticky;
    top: var(--sticky-top);
    max-height: calc(100vh - var(--sticky-top));
    overflow: auto;
    padding: 0.25em 0.5em 1em 0.1em;
    scrollbar-width: thin;
  }
  :host(:not([compact])) .detail { padding: 0 1.5em 2em; }
}

@container ae (min-width: 1100px) {
  :host(:not([compact])) .root[data-detail] .layout { grid-template-columns: 16em minmax(18em, 0.9fr) minmax(0, 1.4fr); }
  :host(:not([compact])) .root[data-detail] .results-pane { display: block; }
  :host(:not([compact])) .detail {
    position: sticky;
    top: var(--sticky-top);
    max-height: calc(100vh - var(--sticky-top));
    overflow: auto;
    scrollbar-width: thin;
  }
  :host(:not([compact])) .results-pane { max-width: 52em; }
}
`;

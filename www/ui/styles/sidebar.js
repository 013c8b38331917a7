// @ts-check
/**
 * The sidebar: timeline and facets.
 *
 * @module ui/styles/sidebar
 */

export const sidebarCss = /* css */ `
.timeline { margin-bottom: 1.5em; }
.bars {
  display: flex;
  align-items: flex-end;
  gap: 2px;
  height: 4.5em;
  padding: 0 1px;
  border-bottom: 1px solid var(--muted);
}
.bar {
  flex: 1 1 0;
  min-width: 3px;
  max-width: 2.5em;
  height: 100%;
  display: flex;
  align-items: flex-end;
  padding: 0;
  border: 0;
  background: transparent;
}
button.bar { cursor: pointer; }
button.bar:hover { background: var(--hover); }
.bar-fill {
  display: block;
  width: 100%;
  height: calc(var(--h, 0) * 100%);
  min-height: 3px;
  background: var(--bar);
  border-radius: 2px 2px 0 0;
}
.bar.empty .bar-fill { min-height: 0; }
.bar.in-range .bar-fill { background: var(--accent); }
button.bar:hover .bar-fill { background: var(--fg); }
.axis { display: flex; justify-content: space-between; gap: 1em; font-size: 0.75em; color: var(--muted); margin-top: 0.2em; }
.timeline-summary { margin: 0.4em 0 0; color: var(--muted); }
.undated { margin: 0.3em 0 0; display: flex; align-items: center; gap: 0.4em; }
.undated.is-hidden { color: var(--muted); }
.nodate-swatch { width: 0.8em; height: 0.8em; border: 1px dashed var(--muted); border-radius: 2px; flex: none; }
.table-details { margin-top: 0.3em; }
.table-details summary { cursor: pointer; color: var(--link); width: max-content; }
.date-table { border-collapse: collapse; margin-top: 0.3em; font-variant-numeric: tabular-nums; }
.date-table th, .date-table td { padding: 0.1em 0.75em 0.1em 0; text-align: start; font-weight: normal; }
.date-table thead th { font-weight: 600; border-bottom: 1px solid var(--border); }
.date-table td { text-align: end; }
.range { display: flex; flex-wrap: wrap; gap: 0.5em 0.75em; align-items: end; margin-top: 0.75em; }
.range-field { flex: 1 1 6.5em; min-width: 0; }
.range-field .field { width: 100%; }
.reset-dates { font-size: 0.875em; }

.facets { margin-bottom: 1em; }
.facet-tools { margin-bottom: 0.9em; }
.facet-tools .field { width: 100%; }
.check { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0 0.5em; align-items: center; margin-top: 0.75em; }
.check label { font-size: 0.925em; }
.check .hint { grid-column: 2; margin: 0; font-size: 0.8em; }
.facet-group { margin-bottom: 1em; }
.facet-heading {
  display: flex;
  align-items: center;
  gap: 0.4em;
  margin: 0 0 0.3em;
  font-size: 0.925em;
  font-weight: 700;
}
.group-count { color: var(--muted); font-weight: normal; }
.facet-list { list-style: none; margin: 0; padding: 0; }
.facet {
  display: grid;
  grid-template-columns: auto minmax(0, 1fr) auto;
  column-gap: 0.5em;
  align-items: center;
  padding: 0.15em 0.2em;
  border-radius: 4px;
}
.facet:hover { background: var(--hover); }
.facet.is-selected { background: var(--hover); font-weight: 600; }
.facet-name {
  color: var(--fg);
  text-decoration: none;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  font-size: 0.925em;
  padding: 0.2em 0;
}
.facet-name:hover { text-decoration: underline; color: var(--link); }
label.facet-name { cursor: pointer; }
.facet-count { font-size: 0.85em; color: var(--muted); font-variant-numeric: tabular-nums; }
.facet.is-zero .facet-count { color: var(--error); }
.facet-bar {
  grid-column: 2 / 4;
  height: 3px;
  margin-bottom: 0.15em;
  border-radius: 2px;
  background: linear-gradient(to right, var(--kind, var(--bar)) calc(var(--share, 0) * 100%), transparent 0);
}
.more-facets { font-size: 0.85em; margin: 0.2em 0 0 1.8em; }
`;

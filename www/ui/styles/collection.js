// @ts-check
/**
 * Styles of the collection tools (ui/collection.js and its modules): the
 * toolbar and its panels, the network drawing and its tables, stars and
 * notes, related articles, mention jumps, the entity timeline and the share
 * of a name in the histogram. Colours only from the theme's tokens, so both
 * schemes and a host's `--ae-*` values apply.
 *
 * @module ui/styles/collection
 */

export const collectionCss = /* css */ `
.collection-tools { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0 0 0.6em; }
.tool-toggle[aria-expanded="true"] { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.collection-panel { border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); padding: 0.75em; margin: 0 0 0.9em; }
.panel-heading { font-size: 1.05em; margin: 0 0 0.3em; }
.export-buttons { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0.5em 0; }
.export-status, .stars-status { min-height: 1.2em; margin: 0.2em 0 0; }
.check-line { display: flex; align-items: center; gap: 0.3em; margin: 0.3em 0; }
.storage-notice { border-inline-start: 4px solid var(--error); background: var(--error-bg); color: var(--fg); padding: 0.4em 0.6em; margin: 0.4em 0; border-radius: 2px; }

/* Network */
.network-summary { margin: 0 0 0.5em; }
.network-limit { display: flex; align-items: center; gap: 0.4em; margin: 0 0 0.5em; }
.network-limit .field-label { margin: 0; }
.network-body { display: grid; gap: 0.75em; grid-template-columns: minmax(0, 1fr); }
.network-frame { position: relative; }
.network-svg { display: block; width: 100%; height: auto; max-height: 80vh; background: var(--bg); border: 1px solid var(--border); border-radius: var(--radius); }
.network-svg .edge { stroke: var(--muted); stroke-opacity: 0.45; stroke-dasharray: 5 4; }
.network-svg .edge.over { stroke: var(--accent); stroke-opacity: 0.85; stroke-dasharray: none; }
.network-svg .edge.dim { stroke-opacity: 0.08; }
.network-svg .node { cursor: pointer; outline: none; }
.network-svg .node circle { fill: var(--other); fill-opacity: 0.85; stroke: var(--surface); stroke-width: 2; }
.network-svg .node.k-person circle { fill: var(--person); }
.network-svg .node.k-country circle { fill: var(--country); }
.network-svg .node.k-place circle { fill: var(--place); }
.network-svg .node.k-organization circle { fill: var(--organization); }
.network-svg .node.k-event circle { fill: var(--event); }
.network-svg .node-label { fill: var(--fg); paint-order: stroke; stroke: var(--bg); stroke-width: 6px; stroke-linejoin: round; pointer-events: none; display: none; }
.network-svg .node.labelled .node-label, .network-svg .node:hover .node-label, .network-svg .node:focus .node-label { display: inline; }
.network-svg .node:hover circle, .network-svg .node:focus circle { stroke: var(--fg); stroke-width: 4; }
.network-svg .node:focus-visible circle { stroke: var(--focus); stroke-width: 6; }
.network-svg .node.dim { opacity: 0.25; }
.network-tip { position: absolute; max-width: 36%; min-width: 12em; background: var(--surface); color: var(--fg); border: 1px solid var(--border); border-radius: var(--radius); padding: 0.4em 0.6em; font-size: 0.85em; box-shadow: 0 2px 8px rgb(0 0 0 / 0.2); pointer-events: none; z-index: 2; }
.network-tip .tip-line { display: block; }
.network-legend { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3em; color: var(--muted); margin: 0.3em 0 0; }
.legend-line { display: inline-block; width: 2em; border-top: 2px dashed var(--muted); vertical-align: middle; }
.legend-line.over { border-top: 3px solid var(--accent); }
.network-tables { display: grid; gap: 0.75em; align-content: start; }
.table-scroll { max-height: 22em; overflow: auto; border: 1px solid var(--border); border-radius: var(--radius); }
.data-table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9em; }
.data-table caption { text-align: start; font-weight: 600; padding: 0.3em 0.5em; }
.data-table th, .data-table td { padding: 0.2em 0.5em; text-align: start; font-weight: normal; border-top: 1px solid var(--border); }
.data-table thead th { font-weight: 600; position: sticky; top: 0; background: var(--surface); }
.data-table .num { text-align: end; }
.data-table tr.over th { font-weight: 600; }
.over-note { color: var(--muted); }
.swatch { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; background: var(--other); }
.swatch.k-person { background: var(--person); }
.swatch.k-country { background: var(--country); }
.swatch.k-place { background: var(--place); }
.swatch.k-organization { background: var(--organization); }
.swatch.k-event { background: var(--event); }

/* Stars, notes, starred results */
.reader-tools { display: grid; gap: 0.6em; margin: 0.6em 0 0.9em; }
.star-box { display: grid; gap: 0.3em; justify-items: start; }
.star-toggle.on { border-color: var(--accent); }
.star-icon { color: var(--accent); }
.note { width: 100%; box-sizing: border-box; font: inherit; padding: 0.4em; border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg); color: var(--fg); }
.star-list, .related-list { margin: 0.3em 0; padding-inline-start: 1.2em; }
.star-list li, .related-list li, .starred-hits li { margin: 0.35em 0; }
.star-note { margin: 0.15em 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.starred-hits { padding-inline-start: 1.4em; }

/* Reader: mention jumps, related articles */
.mention-jump { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; }
.mention-jump .field { max-width: 100%; }
.reader .mention-current { outline: 3px solid var(--mark-current); outline-offset: 1px; border-radius: 2px; }
.related { border-top: 1px solid var(--border); margin-top: 1.2em; padding-top: 0.6em; }
.related-why { margin: 0.1em 0 0; }

/* Timelines */
.entity-timeline { margin: 0.6em 0 0.9em; }
.month-bars { height: 3.5em; }
.bar-fill { position: relative; }
.bar-share { position: absolute; inset-inline: 0; bottom: 0; height: calc(var(--s, 0) * 100%); background: var(--mark-current); border-radius: 2px 2px 0 0; }
.share-field { margin-top: 0.5em; }
.share-undated { margin: 0.3em 0 0; }
`;

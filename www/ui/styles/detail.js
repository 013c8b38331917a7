// @ts-check
/**
 * The detail pane: the reader and the entity view.
 *
 * @module ui/styles/detail
 */

export const detailCss = /* css */ `
.detail-bar {
  position: sticky;
  top: 0;
  z-index: 1;
  background: var(--surface);
  padding: 0.6em 0;
  border-bottom: 1px solid var(--border);
}
.reader-header { margin: 1.1em 0 1.25em; }
.reader-title {
  margin: 0;
  font-size: 1.6em;
  line-height: 1.2;
  letter-spacing: -0.01em;
}
@container pane (min-width: 560px) { .reader-title { font-size: 1.85em; } }
.reader-title:focus, .reader-title:focus-visible { outline: none; } /* focused by script so screen readers start here */
.reader .meta, .entity-view .meta { margin-top: 0.5em; }
.reader-body { font-family: var(--text-font); font-size: 1.075em; line-height: 1.65; }
.reader-body .para { margin: 0 0 1em; }
.reader-body .caption {
  font-family: var(--font);
  font-size: 0.85em;
  font-style: italic;
  line-height: 1.45;
  color: var(--muted);
  padding-inline-start: 0.75em;
  border-inline-start: 3px solid var(--border);
}
.reader-body .title-line { font-weight: 700; }
.reader-body .heading { font-family: var(--font); font-size: 1.15em; line-height: 1.3; margin: 1.75em 0 0.5em; }
.boilerplate-box { margin-top: 2em; padding-top: 0.75em; border-top: 1px solid var(--border); }
.reader-body .boilerplate { font-family: var(--font); font-size: 0.8em; line-height: 1.45; color: var(--muted); }
.reader-error .reader-title { margin-top: 1.25em; font-size: 1.2em; color: var(--error); }

.article-entities {
  margin: 0 0 1.5em;
  padding: 0.6em 0.8em 0.7em;
  border: 1px solid var(--border);
  border-radius: var(--radius);
  background: var(--bg);
}
.article-entities > summary { margin: 0; cursor: pointer; width: max-content; max-width: 100%; }
.article-entities[open] > summary { margin-bottom: 0.5em; }
.entity-groups { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.45em 0.75em; margin: 0; align-items: baseline; }
.entity-groups dt { margin: 0; font-size: 0.875em; }
.entity-groups dd { margin: 0; }
.legend-note { margin: 0.6em 0 0; color: var(--muted); }
@container pane (max-width: 420px) {
  .entity-groups { grid-template-columns: minmax(0, 1fr); }
  .entity-groups dd { margin-bottom: 0.3em; }
}

/* ---------- entity view */
.kind-label { margin: 0 0 0.25em; font-size: 0.875em; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.9em; }
.entity-section { margin-top: 1.25em; }
.names { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.3em 1em; margin: 0; font-size: 0.925em; }
.names dt { color: var(--muted); margin: 0; }
.names dd { margin: 0; }
.spellings { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; }
@container pane (max-width: 420px) { .names { grid-template-columns: minmax(0, 1fr); } .names dd { margin-bottom: 0.4em; } }

.kwic, .kwic-lines { list-style: none; margin: 0; padding: 0; }
.kwic-group { margin: 0 0 0.75em; }
.kwic-source {
  display: block;
  font-size: 0.85em;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
  padding: 0.15em 0;
}
.kwic-lines { font-family: var(--text-font); }
.kwic-line {
  display: grid;
  grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr);
  padding: 0.3em 0;
  border-bottom: 1px solid var(--border);
}
.kwic-before { display: flex; justify-content: flex-end; overflow: hidden; white-space: pre; }
.kwic-before > span { flex: none; }
.kwic-after { overflow: hidden; white-space: pre; text-overflow: ellipsis; }
.kwic-mention { font-weight: 700; padding: 0 0.1em; }
@container pane (max-width: 480px) {
  .kwic-line { display: block; }
  .kwic-before { display: inline; white-space: normal; }
  .kwic-before > span { display: inline; }
  .kwic-after { white-space: normal; }
}

.cooc { list-style: none; margin: 0.5em 0 0; padding: 0; }
.cooc-row {
  display: grid;
  grid-template-columns: minmax(0, 14em) minmax(3em, 1fr) 2.5em 3.5em;
  gap: 0.6em;
  align-items: center;
  padding: 0.2em 0;
}
.cooc-row .chip { justify-self: start; }
.cooc-bar {
  height: 0.55em;
  border-radius: 999px;
  background: linear-gradient(to right, var(--kind, var(--bar)) calc(var(--share, 0) * 100%), var(--hover) 0);
}
.cooc-row:has(.k-person) .cooc-bar { --kind: var(--person); }
.cooc-row:has(.k-country) .cooc-bar { --kind: var(--country); }
.cooc-row:has(.k-place) .cooc-bar { --kind: var(--place); }
.cooc-row:has(.k-organization) .cooc-bar { --kind: var(--organization); }
.cooc-row:has(.k-event) .cooc-bar { --kind: var(--event); }
.cooc-count, .cooc-lift { text-align: end; font-variant-numeric: tabular-nums; font-size: 0.875em; }
.cooc-lift { color: var(--muted); }
@container pane (max-width: 420px) {
  .cooc-row { grid-template-columns: minmax(0, 1fr) 2.5em 3.5em; row-gap: 0.25em; }
  .cooc-bar { grid-column: 1 / -1; grid-row: 2; height: 0.35em; }
}
`;

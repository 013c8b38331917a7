// @ts-check
/**
 * The list column: the overview of the collection and the hits.
 *
 * @module ui/styles/lists
 */

export const listsCss = /* css */ `
.loading { margin: 0; }

/* ---------- overview (empty state) */
.collection > h2 { font-size: 1.15em; margin: 0.1em 0 0.1em; }
.collection > .meta { margin-bottom: 0.5em; }
.top-entities { margin-bottom: 0.75em; }
.tips { margin: 0.75em 0 1em; font-size: 0.925em; }
.tips summary { cursor: pointer; color: var(--link); width: max-content; max-width: 100%; }
.tips-list { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.3em 1em; margin: 0.6em 0 0; }
.tips-list dt { margin: 0; }
.tips-list dd { margin: 0; color: var(--muted); }
.tips-list code { background: var(--surface); border: 1px solid var(--border); border-radius: 4px; padding: 0.05em 0.35em; }

.collection-list {
  list-style: none;
  margin: 0.5em 0 0;
  padding: 0;
  border-top: 1px solid var(--border);
}
.collection-item {
  position: relative;
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  justify-content: space-between;
  gap: 0.15em 1em;
  padding: 0.65em 0.5em;
  border-bottom: 1px solid var(--border);
}
.collection-item .item-link { flex: 1 1 18em; font-weight: 600; text-decoration: none; }
.collection-item .meta { flex: 0 0 auto; margin: 0; font-variant-numeric: tabular-nums; }
.compact-list .collection-item { padding: 0.5em 0.25em; }
.compact-list .item-link { font-weight: 500; }

/* The whole row is the link's click target. */
.item-link::after { content: ""; position: absolute; inset: 0; }
.collection-item:hover, .hit:hover { background: var(--hover); }
.item-link:hover .title, .item-link:focus-visible .title { text-decoration: underline; }
.collection-item:has(.item-link:focus-visible),
.hit:has(.item-link:focus-visible) {
  outline: 3px solid var(--focus);
  outline-offset: -3px;
  border-radius: var(--radius);
}
.item-link:focus-visible { outline: none; }
.title.derived { font-style: italic; }
.root[data-detail] .hit[data-open], .root[data-detail] .collection-item[data-open] {
  background: var(--hover);
  box-shadow: inset 4px 0 0 var(--accent);
}

/* ---------- hits */
.hits { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--border); }
.hit { position: relative; padding: 0.8em 0.5em 0.9em; border-bottom: 1px solid var(--border); }
.hit-title { margin: 0; font-size: 1.125em; line-height: 1.3; }
.hit-title .item-link { text-decoration: none; }
.snippet { margin: 0.4em 0 0; font-family: var(--text-font); line-height: 1.55; }
/* Hosted mode: the snippet's text is on its way; about two lines high, so the list does not jump. */
.snippet.pending, .snippet.failed { min-height: 3.1em; color: var(--muted); font-family: inherit; font-size: 0.9em; }
.snippet.pending::before { content: ""; display: inline-block; width: 0.8em; height: 0.8em; margin-inline-end: 0.5em; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; vertical-align: -0.1em; animation: ae-spin 0.9s linear infinite; }
@keyframes ae-spin { to { transform: rotate(1turn); } }
@media (prefers-reduced-motion: reduce) { .snippet.pending::before { animation: none; } }
.more, .more-items { display: flex; margin: 1em auto 0; }
.no-hits p { margin: 0 0 0.75em; }
`;

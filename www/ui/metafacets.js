// @ts-check
/**
 * The facets by source („Quelle“) and by author („Autor“): each source or
 * author of the current results with the number of results from them (the
 * engine counts them over every result, `sourceFacets` / `authorFacets`). A
 * checkbox selects the value as a filter (sources: any of them, authors: all
 * of them); selected values come first and stay in view even at zero. Drawn
 * beside the entity facets, with the same look.
 *
 * @module ui/metafacets
 */

import { h } from './dom.js';
import { FACETS_SHOWN } from './facets.js';

/**
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {import('../types.js').MetaFacet} MetaFacet
 * @typedef {import('./facets.js').FacetUi} FacetUi
 */

/**
 * The source and author groups for the current results (nothing for a
 * collection without sources and authors).
 * @param {ViewContext} ctx
 * @param {{ sourceFacets?: MetaFacet[], authorFacets?: MetaFacet[] }} result
 * @param {number} total number of current results (the bars' 100 %)
 * @param {FacetUi} ui
 * @returns {Node[]}
 */
export function renderMetaGroups(ctx, result, total, ui) {
  const { t } = ctx;
  return [
    group(ctx, 'sources', t.meta.source, result.sourceFacets ?? [], total, ui),
    group(ctx, 'authors', t.meta.author, result.authorFacets ?? [], total, ui),
  ].filter((g) => g !== null);
}

/**
 * @param {ViewContext} ctx
 * @param {'sources'|'authors'} key
 * @param {string} label
 * @param {MetaFacet[]} facets in the engine's order (most results first)
 * @param {number} total
 * @param {FacetUi} ui
 */
function group(ctx, key, label, facets, total, ui) {
  const { t, state } = ctx;
  const chosen = state[key] ?? [];
  const selected = new Set(chosen);
  const known = new Set(facets.map((f) => f.name));
  // A selected name the engine does not know (an old link) still shows, at zero.
  const values = [
    ...facets.filter((f) => selected.has(f.name)),
    ...chosen.filter((name) => !known.has(name)).map((name) => ({ name, count: 0 })),
    ...facets.filter((f) => !selected.has(f.name)),
  ];
  if (values.length === 0) return null;
  const limit = Math.max(ui.shown.get(key) ?? FACETS_SHOWN, selected.size);
  const list = h('ul', { class: 'facet-list', role: 'list' });
  values.slice(0, limit).forEach((f, i) => list.append(value(ctx, key, f, total, selected.has(f.name), i)));
  const headingId = `fg-${key}`;
  const section = h('section', { class: `facet-group meta-group k-${key}`, 'aria-labelledby': headingId, 'data-meta': key }, [
    h('h3', { id: headingId, class: 'facet-heading' }, [label, h('span', { class: 'group-count', text: ` (${t.count(values.length)})` })]),
    list,
  ]);
  const rest = values.length - limit;
  if (rest > 0) {
    section.append(h('button', { type: 'button', class: 'link-button more-facets', 'data-action': 'more-facets', 'data-kind': key, 'data-key': `more:${key}`, text: t.showMore(rest) }));
  } else if (limit > FACETS_SHOWN && values.length > FACETS_SHOWN) {
    section.append(h('button', { type: 'button', class: 'link-button more-facets', 'data-action': 'fewer-facets', 'data-kind': key, 'data-key': `more:${key}`, text: t.showLess }));
  }
  return section;
}

/**
 * One value: a checkbox with the name as its label, the count and a bar.
 * @param {ViewContext} ctx
 * @param {'sources'|'authors'} key
 * @param {MetaFacet} f
 * @param {number} total
 * @param {boolean} isSelected
 * @param {number} i position, for a unique id
 */
function value(ctx, key, f, total, isSelected, i) {
  const { t } = ctx;
  const id = `m-${key}-${i}`;
  const box = h('input', { type: 'checkbox', id, 'data-action': 'toggle-meta', 'data-meta': key, 'data-name': f.name, 'data-key': `m:${key}:${f.name}` });
  box.checked = isSelected;
  const bar = h('span', { class: 'facet-bar', 'aria-hidden': 'true' });
  bar.style.setProperty('--share', String(total > 0 ? Math.min(1, f.count / total) : 0));
  return h('li', { class: `facet meta-facet${isSelected ? ' is-selected' : ''}${f.count === 0 ? ' is-zero' : ''}` }, [
    box,
    h('label', { for: id, class: 'facet-name', title: `${t.filterBy(f.name)} (${t.facetCount(f.name, f.count)})`, text: f.name }),
    h('span', { class: 'facet-count', text: t.count(f.count), 'aria-hidden': 'true' }),
    bar,
  ]);
}

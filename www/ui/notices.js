// @ts-check
/**
 * What the search bar says besides the box: the active filters (each a
 * button that removes it) and how the query was loosened (a corrected word,
 * an ignored word, a filter naming nobody), so loosening is always visible.
 *
 * @module ui/notices
 */

import { h } from './dom.js';
import { kindKey } from './kinds.js';

/**
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {import('../types.js').Loosened} Loosening
 */

/**
 * The active filters as removable chips, or nothing.
 * @param {ViewContext} ctx
 * @returns {Node[]}
 */
export function renderActiveFilters(ctx) {
  const { t, state, catalog } = ctx;
  const items = [];
  for (const id of state.entities) {
    const e = catalog.byId.get(id);
    const kind = kindKey(e?.kind ?? '');
    const name = e?.name ?? String(id);
    items.push(
      h('li', {}, [
        h('button', {
          type: 'button',
          class: `chip removable k-${kind}`,
          'data-action': 'remove-entity',
          'data-id': String(id),
          'data-key': `rm:${id}`,
          'aria-label': t.removeFilter(t.kinds[kind].one, name),
        }, [
          h('span', { class: 'swatch', 'aria-hidden': 'true' }),
          h('span', { class: 'chip-kind', text: `${t.kinds[kind].one}:` }),
          h('span', { class: 'chip-name', text: name }),
          h('span', { class: 'chip-x', 'aria-hidden': 'true', text: '×' }),
        ]),
      ]),
    );
  }
  if (state.from || state.to) {
    const range = t.dateRange(state.from, state.to);
    items.push(
      h('li', {}, [
        h('button', { type: 'button', class: 'chip removable k-date', 'data-action': 'clear-dates', 'data-key': 'rm:dates', 'aria-label': t.removeDates(range) }, [
          h('span', { class: 'chip-kind', text: `${t.timelineHeading}:` }),
          h('span', { class: 'chip-name', text: range }),
          h('span', { class: 'chip-x', 'aria-hidden': 'true', text: '×' }),
        ]),
      ]),
    );
  }
  if (items.length === 0) return [];
  if (items.length > 1) {
    items.push(h('li', {}, [h('button', { type: 'button', class: 'link-button', 'data-action': 'clear-filters', 'data-key': 'rm:all', text: t.clearFilters })]));
  }
  return [h('ul', { class: 'chips active-filters', role: 'list', 'aria-label': t.activeFilters }, items)];
}

/**
 * One line per loosening, and one per filter reference that named nobody.
 * @param {ViewContext} ctx
 * @param {Loosening[]|undefined} loosened
 * @param {string[]} unknownRefs entity references from the URL or attributes that resolved to nothing
 * @returns {Node[]}
 */
export function renderNotices(ctx, loosened, unknownRefs) {
  const { t } = ctx;
  const lines = [];
  for (const l of Array.isArray(loosened) ? loosened : []) {
    if (l.kind === 'corrected' && Array.isArray(l.instead) && l.instead.length > 0) lines.push(t.corrected(l.word, l.instead));
    else if (l.kind === 'dropped') lines.push(t.dropped(l.word));
    else if (l.kind === 'unknownEntity') lines.push(t.unknownEntity(l.filter));
  }
  for (const ref of unknownRefs) lines.push(t.unknownEntityRef(ref));
  return lines.map((text) => h('p', { class: 'notice', text }));
}

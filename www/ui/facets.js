// @ts-check
/**
 * The entity facets: one group per kind (Personen, Länder, Orte,
 * Organisationen, Ereignisse), each value with the number of current results
 * that mention it. A checkbox selects the value as a filter (selections are
 * ANDed); the name opens the entity's overview. Selected values stay in view
 * even at zero. A box filters the values by name or alias (case, umlauts and
 * accents do not matter: the engine matches, `entitiesNamed()`); a switch
 * decides whether adjectives count. The values keep the engine's order (most
 * mentioned first); selected values come first.
 *
 * @module ui/facets
 */

import { h } from './dom.js';
import { KINDS, kindKey } from './kinds.js';

/** Values shown per group before "mehr anzeigen", and how many more each click adds. */
export const FACETS_SHOWN = 8;
export const FACETS_STEP = 30;

/**
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {import('../types.js').Facet} Facet
 * @typedef {object} FacetUi  What the person did to the facet list.
 * @property {string} filter            The text in the name box.
 * @property {Map<string, number>} shown How many values each group shows.
 */

/**
 * The fixed part: heading, the name box, the adjective switch. Rendered once,
 * so typing in the box never loses focus.
 * @param {ViewContext} ctx
 */
export function renderFacetTools(ctx) {
  const { t } = ctx;
  const demonyms = h('input', { type: 'checkbox', id: 'demonyms', 'data-action': 'demonyms', 'aria-describedby': 'demonyms-hint' });
  demonyms.checked = ctx.state.demonyms;
  return h('div', { class: 'facet-tools' }, [
    h('label', { for: 'facet-q', class: 'field-label', text: t.facetSearchLabel }),
    h('input', {
      id: 'facet-q',
      type: 'search',
      class: 'field',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: t.facetSearchPlaceholder,
      'data-action': 'facet-filter',
      'aria-controls': 'facet-groups',
    }),
    h('div', { class: 'check' }, [
      demonyms,
      h('label', { for: 'demonyms', text: t.demonymsLabel }),
      h('p', { id: 'demonyms-hint', class: 'hint', text: t.demonymsHint }),
    ]),
  ]);
}

/**
 * The groups of values for the current results.
 * @param {ViewContext} ctx
 * @param {Facet[]} facets  from the search (or the catalog, for the overview)
 * @param {number} total    number of current results (the bars' 100 %)
 * @param {FacetUi} ui
 * @param {Set<number>|null} named the entities the name box matches (null: no text in it)
 * @returns {Node[]}
 */
export function renderFacetGroups(ctx, facets, total, ui, named) {
  const { t, catalog, state } = ctx;
  if (catalog.entities.length === 0) return [h('p', { class: 'muted small', text: t.noEntitiesAtAll })];
  const selected = new Set(state.entities);
  /** @type {Map<string, Facet[]>} */
  const groups = new Map();
  const seen = new Set();
  for (const f of facets) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    if (named && !named.has(f.id)) continue;
    const key = kindKey(f.kind);
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  // A selected entity the search left out (it should not) still shows, at zero.
  for (const id of selected) {
    const e = catalog.byId.get(id);
    if (!e || seen.has(id)) continue;
    const key = kindKey(e.kind);
    groups.set(key, [...(groups.get(key) ?? []), { id, name: e.name, kind: e.kind, count: 0 }]);
  }
  if (groups.size === 0) {
    return [h('p', { class: 'muted small', text: named ? t.noFacetMatch(ui.filter.trim()) : t.noEntitiesHere })];
  }
  /** @type {Node[]} */
  const out = [];
  for (const kind of [...KINDS, 'other']) {
    const values = groups.get(kind);
    if (!values || values.length === 0) continue;
    // Selected values first, each part in the engine's order.
    values.splice(0, values.length, ...values.filter((v) => selected.has(v.id)), ...values.filter((v) => !selected.has(v.id)));
    const limit = Math.max(ui.shown.get(kind) ?? FACETS_SHOWN, values.filter((v) => selected.has(v.id)).length);
    const list = h('ul', { class: 'facet-list', role: 'list' });
    for (const f of values.slice(0, limit)) list.append(renderValue(ctx, f, total, selected.has(f.id)));
    const headingId = `fg-${kind}`;
    const group = h('section', { class: `facet-group k-${kind}`, 'aria-labelledby': headingId }, [
      h('h3', { id: headingId, class: 'facet-heading' }, [
        h('span', { class: 'swatch', 'aria-hidden': 'true' }),
        t.kinds[kind].many,
        h('span', { class: 'group-count', text: ` (${t.count(values.length)})` }),
      ]),
      list,
    ]);
    const rest = values.length - limit;
    if (rest > 0) {
      group.append(
        h('button', { type: 'button', class: 'link-button more-facets', 'data-action': 'more-facets', 'data-kind': kind, 'data-key': `more:${kind}`, text: t.showMore(rest) }),
      );
    } else if (limit > FACETS_SHOWN && values.length > FACETS_SHOWN) {
      group.append(
        h('button', { type: 'button', class: 'link-button more-facets', 'data-action': 'fewer-facets', 'data-kind': kind, 'data-key': `more:${kind}`, text: t.showLess }),
      );
    }
    out.push(group);
  }
  return out;
}

/**
 * One value: checkbox (filter), name (opens the overview), count and bar.
 * @param {ViewContext} ctx
 * @param {Facet} f
 * @param {number} total
 * @param {boolean} isSelected
 */
function renderValue(ctx, f, total, isSelected) {
  const { t } = ctx;
  const id = `f-${f.id}`;
  const box = h('input', { type: 'checkbox', id, 'data-action': 'toggle-entity', 'data-id': String(f.id), 'data-key': `f:${f.id}` });
  box.checked = isSelected;
  const bar = h('span', { class: 'facet-bar', 'aria-hidden': 'true' });
  bar.style.setProperty('--share', String(total > 0 ? Math.min(1, f.count / total) : 0));
  return h('li', { class: `facet${isSelected ? ' is-selected' : ''}${f.count === 0 ? ' is-zero' : ''}` }, [
    box,
    h('label', { for: id, class: 'visually-hidden', text: `${t.filterBy(f.name)} (${t.facetCount(f.name, f.count)})` }),
    h('a', {
      class: 'facet-name',
      href: ctx.href({ entity: f.id, article: null }),
      'data-entity': String(f.id),
      'data-key': `fn:${f.id}`,
      title: t.openEntity(f.name),
      text: f.name,
    }),
    h('span', { class: 'facet-count', text: t.count(f.count), 'aria-hidden': 'true' }),
    bar,
  ]);
}

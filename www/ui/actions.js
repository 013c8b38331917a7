// @ts-check
/**
 * What clicks, changes and typing inside the explorer mean. The renderers
 * only mark elements (`data-article`, `data-entity`, `data-action`); this
 * module turns an event on such an element into a state change of the view.
 *
 * | element                          | meaning                                  |
 * |----------------------------------|------------------------------------------|
 * | `a[data-article]`                | open the article                         |
 * | `a[data-entity]`                 | open the entity view                     |
 * | `input[data-action=toggle-entity]` (checkbox), `button[…toggle-entity]` | select / unselect a facet |
 * | `input[data-action=toggle-meta]` (checkbox, `data-meta` sources/authors, `data-name`) | select / unselect a source or author |
 * | `button[data-action=remove-meta]` | remove a source or author filter  |
 * | `button[data-action=…]`          | the actions listed in `onClick`          |
 * | `#q`, `#facet-q`                 | the query, the facet name filter         |
 * | `#sort`, `#date-from`, `#date-to`, `#demonyms` | sort, date range, adjectives |
 *
 * Modified clicks on links (new tab, …) keep their browser meaning.
 *
 * @module ui/actions
 */

import { FACETS_SHOWN, FACETS_STEP } from './facets.js';
import { jumpToFirstMatch } from './reader.js';
import { metaToggled } from './transitions.js';

/**
 * Selects or unselects the source or author an element names (`data-meta`, `data-name`).
 * @param {import('./controller.js').ExplorerView} view
 * @param {HTMLElement} el
 * @param {boolean|null} on null: the other way round
 */
function toggleMeta(view, el, on) {
  const key = el.dataset.meta === 'authors' ? 'authors' : 'sources';
  const name = el.dataset.name ?? '';
  const patch = metaToggled(view.state, key, name, on ?? !(view.state[key] ?? []).includes(name));
  if (patch) view.navigate(patch);
}

/**
 * @param {import('./controller.js').ExplorerView} view
 */
export function bindActions(view) {
  const { layout } = view;
  const root = layout.root;

  root.addEventListener('submit', (ev) => ev.preventDefault());

  root.addEventListener('input', (ev) => {
    const target = ev.target;
    if (target === layout.input) {
      const closing = view.state.article !== null || view.state.entity !== null;
      if (closing) view.returnFocus = null;
      view.navigate({ q: layout.input.value, article: null, entity: null }, { typing: true });
      if (closing) layout.input.focus();
    } else if (target instanceof HTMLInputElement && target.dataset.action === 'facet-filter') {
      view.facetUi.filter = target.value;
      view.renderFacets();
    }
  });

  root.addEventListener('change', (ev) => {
    const target = ev.target;
    if (!(target instanceof HTMLElement)) return;
    const action = target.dataset.action;
    if (action === 'toggle-entity' && target instanceof HTMLInputElement) {
      view.toggleEntity(Number(target.dataset.id), target.checked);
    } else if (action === 'toggle-meta' && target instanceof HTMLInputElement) {
      toggleMeta(view, target, target.checked);
    } else if (action === 'demonyms' && target instanceof HTMLInputElement) {
      view.navigate({ demonyms: target.checked });
    } else if (action === 'sort' && target instanceof HTMLSelectElement) {
      view.navigate({ sort: /** @type {import('./state.js').Sort} */ (target.value) });
    } else if (action === 'set-range' && target instanceof HTMLSelectElement) {
      view.navigate(target.id === 'date-from' ? { from: target.value || null } : { to: target.value || null });
    }
  });

  root.addEventListener('click', (ev) => onClick(view, ev));
}

/**
 * @param {import('./controller.js').ExplorerView} view
 * @param {MouseEvent} ev
 */
function onClick(view, ev) {
  const { layout, state } = view;
  const target = ev.target instanceof Element ? ev.target : null;
  if (!target || ev.defaultPrevented) return;
  const link = target.closest('a[data-article], a[data-entity]');
  if (link instanceof HTMLAnchorElement) {
    const plain = ev.button === 0 && !ev.metaKey && !ev.ctrlKey && !ev.shiftKey && !ev.altKey;
    if (!plain) return;
    ev.preventDefault();
    if (view.pending) view.flush(); // still typing? let the list catch up first
    // Focus returns here when the detail closes (not for links inside the detail itself).
    if (!layout.detail.contains(link)) view.returnFocus = link.closest('[data-key]')?.getAttribute('data-key') ?? null;
    if (link.dataset.article !== undefined) view.navigate({ article: Number(link.dataset.article) });
    else view.navigate({ entity: Number(link.dataset.entity), article: null });
    return;
  }
  const button = target.closest('button[data-action]');
  if (!(button instanceof HTMLButtonElement)) return;
  const id = Number(button.dataset.id);
  const kind = button.dataset.kind ?? '';
  switch (button.dataset.action) {
    case 'more-hits':
      view.moreHits();
      break;
    case 'more-facets':
      view.facetUi.shown.set(kind, (view.facetUi.shown.get(kind) ?? FACETS_SHOWN) + FACETS_STEP);
      view.renderFacets();
      break;
    case 'fewer-facets':
      view.facetUi.shown.delete(kind);
      view.renderFacets();
      break;
    case 'toggle-entity':
      view.toggleEntity(id, !state.entities.includes(id));
      break;
    case 'only-entity':
      view.navigate({ entities: [id] });
      break;
    case 'remove-entity':
      view.toggleEntity(id, false);
      break;
    case 'remove-meta':
      toggleMeta(view, button, false);
      break;
    case 'clear-filters':
      view.navigate({ entities: [], sources: [], authors: [], from: null, to: null });
      break;
    case 'clear-dates':
      view.navigate({ from: null, to: null });
      break;
    case 'pick-range': {
      // A bar picks its month (or year); pressing the picked bar again clears it.
      const from = button.dataset.from ?? null;
      const to = button.dataset.to ?? null;
      const same = state.from === from && state.to === to;
      view.navigate(same ? { from: null, to: null } : { from, to });
      break;
    }
    case 'close-detail':
      view.closeDetail();
      break;
    case 'jump-to-match':
      jumpToFirstMatch(layout.detail);
      break;
    case 'toggle-filters':
      view.toggleFilters();
      break;
    case 'reload':
      location.reload();
      break;
    default:
  }
}

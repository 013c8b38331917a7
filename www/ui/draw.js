// @ts-check
/**
 * Drawing the view into its frame: the chrome (search box, sort, filter
 * chips), the list with its facets, timeline and status, and the detail pane,
 * each from the state and the data it is given. Keeps focus and scroll where
 * a person expects them. Nothing here asks the explorer.
 *
 * @module ui/draw
 */

import { h, replaceKeepingFocus } from './dom.js';
import { filterCount, metaCount } from './state.js';
import { renderOverview, renderHits, renderNoHits } from './results.js';
import { renderFacetGroups } from './facets.js';
import { renderMetaGroups } from './metafacets.js';
import { renderTimeline } from './timeline.js';
import { renderArticle, renderArticleLoading, renderDetailError } from './reader.js';
import { renderEntity } from './entity.js';
import { renderActiveFilters, renderNotices } from './notices.js';
import { message } from './effects.js';

/**
 * @typedef {object} Screen  Where a view draws.
 * @property {HTMLElement} host   the custom element
 * @property {ShadowRoot} shadow
 * @property {import('./layout.js').Layout} layout
 * @property {import('../i18n.js').Strings} t
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {import('./effects.js').Shown} Shown
 * @typedef {import('./effects.js').Detail} Detail
 */

/**
 * A German explanation of what failed instead of the explorer.
 * @param {Screen} screen
 * @param {unknown} error
 */
export function drawLoadError({ layout, t }, error) {
  const isIndex = error instanceof Error && /** @type {any} */ (error).code === 'index';
  layout.input.disabled = true;
  layout.sort.disabled = true;
  layout.detail.hidden = true;
  layout.listView.replaceChildren(
    h('div', { class: 'error-box', role: 'alert' }, [
      h('h2', { text: isIndex ? t.indexFailedTitle : t.loadFailedTitle }),
      h('p', { text: isIndex ? t.indexFailedHint : t.loadFailedHint }),
      h('details', {}, [h('summary', { text: t.technicalDetails }), h('pre', { text: message(error) })]),
      h('button', { type: 'button', class: 'button', 'data-action': 'reload', text: t.reload }),
    ]),
  );
}

/**
 * Search box, sort, filter chips, filter button.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 */
export function drawChrome({ layout, shadow, t }, ctx) {
  const { state } = ctx;
  if (shadow.activeElement !== layout.input && layout.input.value !== state.q) layout.input.value = state.q;
  if (layout.sort.value !== state.sort) layout.sort.value = state.sort;
  replaceKeepingFocus(layout.activeFilters, renderActiveFilters(ctx), layout.input);
  layout.filtersToggle.textContent = t.filtersToggle(filterCount(state));
  const demonyms = /** @type {HTMLInputElement|null} */ (shadow.getElementById('demonyms'));
  if (demonyms) demonyms.checked = state.demonyms;
}

/**
 * The notices above the list: how the query was loosened, references that named nobody.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {import('../types.js').Loosened[]|undefined} loosened
 * @param {string[]} unknownRefs
 */
export function drawNotices({ layout }, ctx, loosened, unknownRefs) {
  replaceKeepingFocus(layout.notices, renderNotices(ctx, loosened, unknownRefs));
}

/**
 * The list and the status line for what is shown.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {Shown} shown
 */
export function drawList(screen, ctx, shown) {
  const { layout, t } = screen;
  const { state } = ctx;
  const q = state.q.trim();
  const filtered = state.entities.length > 0 || metaCount(state) > 0 || state.from !== null || state.to !== null;
  layout.listView.dataset.query = q;
  const result = shown.result;
  if (!result) {
    setStatus(screen, t.searchFailed(message(shown.error)));
    replaceKeepingFocus(layout.listView, [], layout.input);
  } else if (result.overview) {
    setStatus(screen, '');
    const more = (/** @type {number} */ offset, /** @type {number} */ limit) => ctx.catalog.overviewPage(state.sort, state.demonyms, offset, limit);
    replaceKeepingFocus(layout.listView, [renderOverview(ctx, result, more)], layout.input);
  } else if (result.total === 0 || result.hits.length === 0) {
    const echo = result.echo ?? q; // the query as the engine quotes it
    setStatus(screen, q ? (filtered ? t.noHitsFiltered(echo) : t.noHits(echo)) : t.noHitsFiltersOnly);
    replaceKeepingFocus(layout.listView, [renderNoHits(ctx, filtered)], layout.input);
  } else {
    const { section, list } = renderHits(ctx, result);
    replaceKeepingFocus(layout.listView, [section], layout.input);
    updateCount(screen, list, result.total);
  }
  if (result) drawTimeline(screen, ctx, result);
}

/**
 * The histogram of the results' dates; while a lazy search's facets are still counted (the
 * histogram is counted with them), or could not be, says so instead.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {import('./effects.js').Result} result
 */
export function drawTimeline({ layout }, ctx, result) {
  const pending = 'facetsPending' in result && result.facetsPending;
  const failed = pending && 'facetsError' in result && result.facetsError !== undefined;
  const dates = 'dates' in result ? result.dates : [];
  const undated = 'undated' in result ? result.undated : 0;
  replaceKeepingFocus(layout.timelineSlot, [renderTimeline(ctx, { dates: dates ?? [], undated: undated ?? 0 }, pending ? { failed } : null)]);
}

/**
 * The facet groups: sources and authors, then the entities by kind.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {import('./effects.js').Result} result
 * @param {import('./facets.js').FacetUi} facetUi
 * @param {Set<number>|null} named the entities the name box matches
 */
export function drawFacets({ layout, shadow }, ctx, result, facetUi, named) {
  // Lazy hosted mode shows a search's hits before its facets are counted (their rows
  // are still being fetched): say so, or why they could not be, rather than show none.
  const pending = 'facetsPending' in result && result.facetsPending;
  const failed = 'facetsError' in result ? result.facetsError : undefined;
  const groups = pending
    ? [h('p', { class: 'muted small facets-pending', role: 'status', text: failed === undefined ? ctx.t.facetsCounting : ctx.t.facetsFailed(message(failed)) })]
    : [...renderMetaGroups(ctx, result, result.total, facetUi), ...renderFacetGroups(ctx, result.facets ?? [], result.total, facetUi, named)];
  replaceKeepingFocus(layout.facetGroups, groups, /** @type {HTMLElement|null} */ (shadow.getElementById('facet-q')));
}

/**
 * The status line and the "more" button for a list showing some of `total` hits.
 * @param {Screen} screen
 * @param {HTMLOListElement} list
 * @param {number} total
 */
export function updateCount(screen, list, total) {
  const shown = list.children.length;
  setStatus(screen, shown < total ? screen.t.resultCountPartial(shown, total) : screen.t.resultCount(total));
  const more = /** @type {HTMLElement|null} */ (screen.layout.listView.querySelector('button.more'));
  if (more) more.hidden = shown >= total;
}

/**
 * @param {Screen} screen
 * @param {string} text
 */
export function setStatus({ layout }, text) {
  if (layout.status.textContent !== text) layout.status.textContent = text;
}

/**
 * Marks the list item of the open article (shown beside the reader on wide screens).
 * @param {Screen} screen
 * @param {number|null} article
 */
export function markOpen({ layout }, article) {
  const id = article === null ? null : String(article);
  for (const li of layout.listView.querySelectorAll('li[data-id]')) {
    const el = /** @type {HTMLElement} */ (li);
    if (el.dataset.id === id) el.dataset.open = '';
    else delete el.dataset.open;
  }
}

/**
 * The page title for the state (unless the element leaves the page's title alone).
 * @param {Screen} screen
 * @param {ViewContext} ctx
 */
export function drawTitle({ host, t }, ctx) {
  if (host.getAttribute('history') === 'none') return;
  const { state, catalog } = ctx;
  const article = state.article !== null ? catalog.articleById.get(state.article) : undefined;
  const entity = state.entity !== null ? catalog.byId.get(state.entity) : undefined;
  const q = state.q.trim();
  document.title = article ? `${article.title} – ${t.pageTitle}` : entity ? `${entity.name} – ${t.pageTitle}` : q ? `„${q}“ – ${t.pageTitle}` : t.pageTitle;
}

/**
 * Draws `detail` in the detail pane. `same`: the same view drawn again (other
 * filters, its texts arrived), so focus and scroll stay; else it scrolls to
 * the top and its heading takes the focus.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {Detail} detail
 * @param {boolean} same
 */
export function drawDetail(screen, ctx, detail, same) {
  const { layout, shadow } = screen;
  const view = detailView(screen, ctx, detail);
  const focused = shadow.activeElement;
  const headingHadFocus = focused instanceof HTMLElement && focused.matches('.reader-title') && layout.detail.contains(focused);
  replaceKeepingFocus(layout.detail, [view.element], null);
  layout.detail.hidden = false;
  layout.root.dataset.detail = ctx.state.article !== null ? 'article' : 'entity';
  drawTitle(screen, ctx);
  if (same) {
    if (headingHadFocus) view.heading.focus({ preventScroll: true });
    return;
  }
  layout.detail.scrollTop = 0;
  if (listIsBeside(screen) === false) {
    const top = layout.root.getBoundingClientRect().top;
    if (top < 0) window.scrollBy(0, top);
  }
  view.heading.focus({ preventScroll: true });
}

/**
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {Detail} detail
 * @returns {import('./reader.js').DetailView}
 */
function detailView({ layout, t }, ctx, detail) {
  switch (detail.kind) {
    case 'article':
      return renderArticle(ctx, detail.article, { entitiesOpen: layout.root.clientWidth >= 700 });
    case 'loading':
      return renderArticleLoading(ctx, detail.summary);
    case 'entity': {
      const pending = detail.view.textPending ?? [];
      const note = pending.length === 0 ? null : detail.failure !== undefined ? t.textFailed(detail.failure) : t.inContextLoading;
      const { view, request } = detail;
      const more = (/** @type {number} */ offset, /** @type {number} */ limit) => ctx.catalog.entityPage(view.id, request, offset, limit);
      return renderEntity(ctx, view, detail.total, note, more);
    }
    default: {
      const text = {
        text: () => t.textFailed(detail.message),
        article: () => t.articleFailed(detail.message),
        articleMissing: () => t.articleMissing,
        entity: () => t.entityFailed(detail.message),
        entityMissing: () => t.entityMissing,
      }[detail.what]();
      return renderDetailError(ctx, text);
    }
  }
}

/**
 * Empties and hides the detail pane; focus goes back where the detail was
 * opened from (`returnFocus`, a data-key), the scroll to `listScroll`.
 * @param {Screen} screen
 * @param {ViewContext} ctx
 * @param {string|null} returnFocus
 * @param {number} listScroll
 */
export function hideDetail(screen, ctx, returnFocus, listScroll) {
  const { layout, shadow } = screen;
  const hadFocus = layout.detail.contains(shadow.activeElement);
  layout.detail.hidden = true;
  layout.detail.replaceChildren();
  delete layout.root.dataset.detail;
  drawTitle(screen, ctx);
  if (listIsBeside(screen) === false) window.scrollTo(0, listScroll);
  if (hadFocus || shadow.activeElement === null) {
    const target = returnFocus ? layout.root.querySelector(`[data-key="${CSS.escape(returnFocus)}"]`) : null;
    if (hadFocus || target) (target instanceof HTMLElement ? target : layout.input).focus({ preventScroll: true });
  }
}

/**
 * Whether the list stays visible next to an open detail (wide layout); null when none is open.
 * @param {Screen} screen
 */
export function listIsBeside({ layout }) {
  if (layout.detail.hidden) return null;
  return getComputedStyle(layout.resultsPane).display !== 'none';
}

// @ts-check
/**
 * The list views: the whole collection (before anyone types) and the hits
 * of a search. Both are lists of links to `#…&a=ID`; app.js turns a click
 * into opening the reader.
 *
 * @module ui/results
 */

import { t } from '../i18n.js';
import { h, highlighted, titleContent, dateElement, metaLine } from './dom.js';
import { hrefFor } from './state.js';

/**
 * The empty state: every article with its date, so the collection is visible.
 * @param {import('../explorer.js').ArticleSummary[]} articles
 */
export function renderCollection(articles) {
  const section = h('section', { class: 'collection', 'aria-labelledby': 'collection-heading' }, [
    h('h2', { id: 'collection-heading', text: t.collectionHeading(articles.length) }),
  ]);
  if (articles.length === 0) {
    section.append(h('p', { class: 'muted', text: t.collectionEmpty }));
    return section;
  }
  const list = h('ul', { class: 'collection-list', role: 'list' });
  for (const article of articles) {
    list.append(
      h('li', { class: 'collection-item', 'data-id': String(article.id) }, [
        h('a', { class: 'item-link', href: hrefFor({ q: '', article: article.id }), 'data-article': String(article.id) }, [
          titleContent(article),
        ]),
        metaLine([dateElement(article.date)], 'span'),
      ]),
    );
  }
  section.append(list);
  return section;
}

/**
 * One hit: title (with matches), date, file, snippet (with matches).
 * @param {import('../explorer.js').Hit} hit
 * @param {string} query
 * @param {number} rank 1-based position in the ranking
 */
function renderHit(hit, query, rank) {
  const snippet = hit.snippet ?? { text: '', highlights: [] };
  return h('li', { class: 'hit', 'data-id': String(hit.id), 'data-rank': String(rank) }, [
    h('h3', { class: 'hit-title' }, [
      h('a', { class: 'item-link', href: hrefFor({ q: query, article: hit.id }), 'data-article': String(hit.id) }, [
        titleContent(hit, hit.titleHighlights),
      ]),
    ]),
    metaLine([dateElement(hit.date), h('span', { class: 'file', title: t.fileLabel(hit.file), text: hit.file })]),
    snippet.text ? highlighted('p', snippet.text, snippet.highlights, { class: 'snippet' }) : null,
  ]);
}

/**
 * The ranked hits as an ordered list (the order is the ranking).
 * @param {import('../explorer.js').Hit[]} hits
 * @param {string} query
 * @param {number} [startRank] rank of the first hit (for appended pages)
 */
export function renderHitItems(hits, query, startRank = 1) {
  return hits.map((hit, i) => renderHit(hit, query, startRank + i));
}

/**
 * The section holding the hit list and the "more" button.
 * @param {import('../explorer.js').SearchResult} result
 * @param {string} query
 * @returns {{ section: HTMLElement, list: HTMLOListElement, more: HTMLButtonElement }}
 */
export function renderHits(result, query) {
  const list = h('ol', { class: 'hits', 'aria-labelledby': 'hits-heading' });
  list.append(...renderHitItems(result.hits, query));
  const more = h('button', { type: 'button', class: 'more', text: t.moreHits });
  more.hidden = result.hits.length >= result.total;
  const section = h('section', { class: 'results' }, [
    h('h2', { id: 'hits-heading', class: 'visually-hidden', text: t.resultsHeading }),
    list,
    more,
  ]);
  return { section, list, more };
}

/**
 * The nothing-found view. The status line above it says "Keine Treffer für …"
 * (and is announced); this only adds a hint.
 */
export function renderNoHits() {
  return h('section', { class: 'no-hits' }, [h('p', { class: 'muted', text: t.noHitsHint })]);
}

// @ts-check
/**
 * The list column: the overview of the collection (before anyone searches
 * or filters) and the hits of a search. Every article is a link to its
 * state (`#…&a=ID`); the controller turns a click into opening the reader.
 *
 * @module ui/results
 */

import { h, highlighted, titleContent, dateElement, metaLine } from './dom.js';
import { kindKey } from './kinds.js';
import { drawInPieces } from './pieces.js';

/**
 * @typedef {object} ViewContext What every renderer may use.
 * @property {import('../i18n.js').Strings} t
 * @property {import('./catalog.js').Catalog} catalog
 * @property {import('./state.js').ViewState} state
 * @property {(patch: Partial<import('./state.js').ViewState>) => string} href
 *   The link to the current state changed by `patch`.
 */

/**
 * An article's source, authors and language for a meta line (nothing for
 * what is unknown): text only, through the DOM helpers.
 * @param {import('../i18n.js').Strings} t
 * @param {{ source?: string|null, authors?: string[], language?: string|null }} article
 * @param {{ language?: boolean }} [options] language: show it too
 * @returns {Array<HTMLElement|null>}
 */
export function metaItems(t, article, { language = true } = {}) {
  const authors = Array.isArray(article.authors) ? article.authors.filter((a) => typeof a === 'string' && a) : [];
  const lang = language && typeof article.language === 'string' && article.language ? article.language : null;
  return [
    article.source ? h('span', { class: 'source', title: `${t.meta.source}: ${article.source}`, text: article.source }) : null,
    authors.length > 0
      ? h('span', { class: 'authors', title: `${authors.length === 1 ? t.meta.author : t.meta.authors}: ${authors.join(', ')}`, text: t.meta.by(authors) })
      : null,
    lang
      ? h('span', { class: 'language', title: `${t.meta.language}: ${lang}` }, [h('span', { class: 'visually-hidden', text: `${t.meta.language}: ` }), lang.toUpperCase()])
      : null,
  ];
}

/** How many entities the overview names. */
const TOP_ENTITIES = 12;

/**
 * A small link to an entity's overview, coloured by kind.
 * @param {ViewContext} ctx
 * @param {{ id: number, name: string, kind: string }} entity
 * @param {number|null} count shown after the name
 */
export function entityChip(ctx, entity, count) {
  const kind = kindKey(entity.kind);
  return h(
    'a',
    {
      class: `chip k-${kind}`,
      href: ctx.href({ entity: entity.id, article: null }),
      'data-entity': String(entity.id),
      'data-key': `chip:${entity.id}`,
      title: `${ctx.t.kinds[kind].one}: ${entity.name}`,
    },
    [
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      h('span', { class: 'chip-name', text: entity.name }),
      count === null ? null : h('span', { class: 'chip-count', text: ctx.t.count(count) }),
    ],
  );
}

/**
 * The empty state: what the collection holds (size, dates, the most
 * mentioned names, how to search) and the articles, drawn in pieces
 * (`ui/pieces`: the first screenful, more on demand). The overview may hold
 * only the first page of its `total` articles: `more(offset, limit)` asks
 * the engine for the next ones when "mehr anzeigen" is pressed.
 * @param {ViewContext} ctx
 * @param {import('../types.js').Overview} overview the engine's start page
 * @param {(offset: number, limit: number) => Promise<import('../types.js').ArticleSummary[]>} [more]
 */
export function renderOverview(ctx, overview, more) {
  const { t, catalog } = ctx;
  const articles = overview.articles;
  const total = typeof overview.total === 'number' ? overview.total : articles.length;
  const section = h('section', { class: 'collection', 'aria-labelledby': 'collection-heading' }, [
    h('h2', { id: 'collection-heading', text: t.collectionHeading(total) }),
  ]);
  if (total === 0) {
    section.append(h('p', { class: 'muted', text: t.collectionEmpty }));
    return section;
  }
  const { undated, first, last } = overview;
  section.append(
    metaLine(
      [
        first && last && document.createTextNode(t.collectionRange(t.date(first), t.date(last))),
        undated > 0 && document.createTextNode(t.collectionUndated(undated)),
        catalog.entities.length > 0 && document.createTextNode(t.collectionEntities(catalog.entities.length)),
      ],
      'p',
    ),
  );
  if (catalog.entities.length > 0) {
    const top = h('ul', { class: 'chips top-entities', role: 'list', 'aria-labelledby': 'top-entities-heading' });
    for (const e of catalog.entities.slice(0, TOP_ENTITIES)) top.append(h('li', {}, [entityChip(ctx, e, e.count)]));
    section.append(h('h3', { id: 'top-entities-heading', class: 'small-heading', text: t.topEntities }), top);
  }
  const tips = h('dl', { class: 'tips-list' });
  for (const [example, meaning] of t.tips) tips.append(h('dt', {}, [h('code', { text: example })]), h('dd', { text: meaning }));
  section.append(h('details', { class: 'tips' }, [h('summary', { text: t.tipsSummary }), tips]));

  const list = h('ul', { class: 'collection-list', id: 'collection-list', role: 'list', 'aria-labelledby': 'collection-heading' });
  const button = drawInPieces(
    list,
    articles,
    (article) =>
      h('li', { class: 'collection-item', 'data-id': String(article.id), part: 'hit' }, [
        h('a', { class: 'item-link', href: ctx.href({ article: article.id }), 'data-article': String(article.id), 'data-key': `a:${article.id}` }, [
          titleContent(t, article),
        ]),
        metaLine([dateElement(t, article.date), ...metaItems(t, article, { language: false })], 'span'),
      ]),
    { t, key: 'more:collection', total, fetch: more },
  );
  section.append(list);
  if (button) section.append(button);
  return section;
}

/**
 * One hit: title (with matches), date, source, authors, language, file,
 * snippet (with matches).
 * @param {ViewContext} ctx
 * @param {import('../types.js').Hit} hit
 * @param {number} rank 1-based position in the ranking
 */
function renderHit(ctx, hit, rank) {
  const { t } = ctx;
  const snippet = hit.snippet ?? { text: '', highlights: [] };
  return h('li', { class: 'hit', 'data-id': String(hit.id), 'data-rank': String(rank), part: 'hit' }, [
    h('h3', { class: 'hit-title' }, [
      h('a', { class: 'item-link', href: ctx.href({ article: hit.id }), 'data-article': String(hit.id), 'data-key': `a:${hit.id}` }, [
        titleContent(t, hit, hit.titleHighlights),
      ]),
    ]),
    metaLine([dateElement(t, hit.date), ...metaItems(t, hit), h('span', { class: 'file', title: t.fileLabel(hit.file), text: hit.file })]),
    snippetElement(ctx, snippet),
  ]);
}

/**
 * A hit's snippet; while its text is not loaded (hosted mode), a placeholder
 * of about its height that `fillSnippets` replaces.
 * @param {ViewContext} ctx
 * @param {{ text: string, highlights: import('../types.js').Range[], pending?: boolean }} snippet
 */
function snippetElement(ctx, snippet) {
  if (snippet.pending) return h('p', { class: 'snippet pending', 'data-pending': '', text: ctx.t.snippetLoading });
  return snippet.text ? highlighted('p', snippet.text, snippet.highlights, { class: 'snippet' }) : null;
}

/**
 * Puts the snippets of `hits` in place of the placeholders of the same hits
 * in `list` (hosted mode, once their texts arrived); the rest of the list is
 * left as it is (no redraw, focus and scroll stay).
 * @param {ViewContext} ctx
 * @param {Element} list
 * @param {import('../types.js').Hit[]} hits
 */
export function fillSnippets(ctx, list, hits) {
  for (const hit of hits) {
    if (hit.snippet?.pending) continue;
    const slot = list.querySelector(`li.hit[data-id="${hit.id}"] > .snippet[data-pending]`);
    if (!slot) continue;
    const el = snippetElement(ctx, hit.snippet);
    if (el) slot.replaceWith(el);
    else slot.remove();
  }
}

/**
 * Says in the placeholders of `ids` that their snippets could not be loaded.
 * @param {ViewContext} ctx
 * @param {Element} list
 * @param {number[]} ids
 */
export function failSnippets(ctx, list, ids) {
  for (const id of ids) {
    const slot = list.querySelector(`li.hit[data-id="${id}"] > .snippet[data-pending]`);
    if (!slot) continue;
    slot.textContent = ctx.t.snippetFailed;
    slot.removeAttribute('data-pending');
    slot.classList.replace('pending', 'failed');
  }
}

/**
 * Hits as list items, for the first page and for appended ones.
 * @param {ViewContext} ctx
 * @param {import('../types.js').Hit[]} hits
 * @param {number} [startRank] rank of the first hit
 */
export function renderHitItems(ctx, hits, startRank = 1) {
  return hits.map((hit, i) => renderHit(ctx, hit, startRank + i));
}

/**
 * The ranked hits as an ordered list (the order is the ranking) and the
 * button that fetches more.
 * @param {ViewContext} ctx
 * @param {import('../types.js').SearchResults} result
 * @returns {{ section: HTMLElement, list: HTMLOListElement, more: HTMLButtonElement }}
 */
export function renderHits(ctx, result) {
  const list = h('ol', { class: 'hits', 'aria-labelledby': 'hits-heading' });
  list.append(...renderHitItems(ctx, result.hits));
  const more = h('button', { type: 'button', class: 'more button', 'data-action': 'more-hits', text: ctx.t.moreHits });
  more.hidden = result.hits.length >= result.total;
  const section = h('section', { class: 'results' }, [
    h('h2', { id: 'hits-heading', class: 'visually-hidden', text: ctx.t.resultsHeading }),
    list,
    more,
  ]);
  return { section, list, more };
}

/**
 * The nothing-found view. The status line above says "Keine Treffer für …"
 * (and is announced); this adds a hint and a way out.
 * @param {ViewContext} ctx
 * @param {boolean} filtered whether entity or date filters are set
 */
export function renderNoHits(ctx, filtered) {
  return h('section', { class: 'no-hits' }, [
    h('p', { class: 'muted', text: filtered ? ctx.t.noHitsFilteredHint : ctx.t.noHitsHint }),
    filtered ? h('button', { type: 'button', class: 'button', 'data-action': 'clear-filters', text: ctx.t.clearFilters }) : null,
  ]);
}

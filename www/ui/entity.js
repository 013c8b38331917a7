// @ts-check
/**
 * The entity view: one recognised name within the current results. Its
 * names and spellings, its mentions in context (keyword in context: the text
 * before, the mention, the text after, aligned on the mention), the names
 * mentioned with it more often than chance (by lift, with counts and bars),
 * the articles mentioning it, and buttons to filter by it.
 *
 * @module ui/entity
 */

import { h, dateElement, metaLine, titleContent } from './dom.js';
import { kindKey } from './kinds.js';
import { detailBar } from './reader.js';
import { entityChip } from './results.js';
import { drawInPieces } from './pieces.js';

/** Co-occurring names drawn at once, and how many more each "mehr anzeigen" adds. */
const COOCCURRING_SHOWN = 15;
const COOCCURRING_STEP = 100;
/** Keyword-in-context lines drawn at once (whole articles), and articles each "mehr anzeigen" adds. */
const KWIC_SHOWN = 8;
const KWIC_STEP = 50;

/**
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {import('../types.js').EntityView} EntityView
 */

/**
 * @param {ViewContext} ctx
 * @param {EntityView} view
 * @param {number|null} total number of current results, null for the whole collection
 * @param {string|null} [textNote] hosted mode: what to say about texts not loaded yet
 *   (that they are loading, or why they could not be loaded)
 * @param {(offset: number, limit: number) => Promise<import('../types.js').ArticleSummary[]>} [nextPage]
 *   the next page of its articles, when `view.articles` is the first page of `articlesTotal`
 * @returns {import('./reader.js').DetailView}
 */
export function renderEntity(ctx, view, total, textNote = null, nextPage = undefined) {
  const { t, state } = ctx;
  const kind = kindKey(view.kind);
  const articles = Array.isArray(view.articles) ? view.articles : [];
  /** Its articles in scope, every page (the engine counts them). */
  const mine = Number.isFinite(view.articlesTotal) ? view.articlesTotal : articles.length;
  const isFilter = state.entities.includes(view.id);
  const { bar, back } = detailBar(ctx);
  const heading = h('h2', { id: 'entity-title', class: 'reader-title', tabindex: '-1', text: view.name });

  const actions = h('div', { class: 'actions' }, [
    h('button', {
      type: 'button',
      class: `button${isFilter ? '' : ' primary'}`,
      'data-action': 'toggle-entity',
      'data-id': String(view.id),
      'aria-pressed': String(isFilter),
      text: isFilter ? t.removeFilterShort : t.addFilter,
    }),
    state.entities.length === 1 && isFilter
      ? null
      : h('button', { type: 'button', class: 'button', 'data-action': 'only-entity', 'data-id': String(view.id), text: t.onlyFilter }),
  ]);

  const header = h('header', { class: 'reader-header' }, [
    h('p', { class: 'kind-label' }, [h('span', { class: `legend-sample mention k-${kind}`, text: t.kinds[kind].one })]),
    heading,
    metaLine([
      document.createTextNode(total === null ? t.entityScopeAll(mine) : t.entityScope(mine, total)),
      Number.isFinite(view.mentions) ? document.createTextNode(t.mentionsInCollection(view.mentions)) : null,
    ]),
    actions,
  ]);

  const element = h('article', { class: `entity-view k-${kind}`, part: 'entity', 'aria-labelledby': 'entity-title', 'data-id': String(view.id) }, [
    bar,
    header,
    renderNames(ctx, view),
    renderInContext(ctx, view, kind, textNote),
    renderCooccurring(ctx, view, mine),
    renderArticles(ctx, articles, mine, nextPage),
  ]);
  return { element, heading, back };
}

/**
 * Aliases (from the gazetteer) and spellings (seen in the articles).
 * @param {ViewContext} ctx
 * @param {EntityView} view
 */
function renderNames(ctx, view) {
  const { t } = ctx;
  const aliases = (view.aliases ?? []).filter((a) => a !== view.name);
  const spellings = (view.spellings ?? []).filter(Boolean);
  if (aliases.length === 0 && spellings.length === 0) return null;
  const dl = h('dl', { class: 'names' });
  if (aliases.length > 0) dl.append(h('dt', { text: t.aliasesHeading }), h('dd', { lang: 'de', text: aliases.join(' · ') }));
  if (spellings.length > 0) {
    const list = h('ul', { class: 'spellings', role: 'list', lang: 'de' });
    for (const s of spellings) list.append(h('li', { text: s }));
    dl.append(h('dt', { text: t.spellingsHeading }), h('dd', {}, [list]));
  }
  return h('section', { class: 'entity-section' }, [dl]);
}

/**
 * Keyword in context: one line per mention, aligned on the mention.
 * @param {ViewContext} ctx
 * @param {EntityView} view
 * @param {string} kind
 */
function renderInContext(ctx, view, kind, textNote = null) {
  const { t, catalog } = ctx;
  const lines = Array.isArray(view.inContext) ? view.inContext : [];
  const section = h('section', { class: 'entity-section', 'aria-labelledby': 'kwic-heading' }, [
    h('h3', { id: 'kwic-heading', class: 'small-heading', text: t.inContextHeading }),
  ]);
  const note = textNote === null ? null : h('p', { class: 'muted small text-loading', role: 'status', text: textNote });
  if (lines.length === 0) {
    section.append(note ?? h('p', { class: 'muted small', text: t.noInContext }));
    return section;
  }
  /** Lines grouped by article (the API lists them article by article). */
  const groups = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (last && last.article === line.article) last.lines.push(line);
    else groups.push({ article: line.article, lines: [line] });
  }
  /** @param {typeof groups[number]} g */
  const group = (g) => {
    const article = catalog.articleById.get(g.article);
    const lineList = h('ul', { class: 'kwic-lines', role: 'list', lang: 'de' });
    for (const line of g.lines) {
      lineList.append(
        h('li', { class: 'kwic-line' }, [
          h('span', { class: 'kwic-before' }, [h('span', { text: line.before })]),
          h('strong', {
            class: `kwic-mention mention k-${kind}${line.kind === 'demonym' ? ' demonym' : ''}`,
            title: line.kind === 'demonym' ? t.demonymNote : undefined,
            text: line.mention,
          }),
          h('span', { class: 'kwic-after', text: line.after }),
        ]),
      );
    }
    return h('li', { class: 'kwic-group' }, [
      article
        ? h('a', { class: 'kwic-source', href: ctx.href({ article: article.id }), 'data-article': String(article.id), 'data-key': `kw:${article.id}` }, [
            titleContent(t, article),
          ])
        : null,
      lineList,
    ]);
  };
  // The first articles' lines show; the rest in pieces (`ui/pieces`), article by article.
  let shown = 0;
  let cut = 0;
  while (cut < groups.length && shown < KWIC_SHOWN) shown += groups[cut++].lines.length;
  const list = h('ul', { class: 'kwic', id: 'kwic-list', role: 'list', 'aria-labelledby': 'kwic-heading' });
  const more = drawInPieces(list, groups, group, { t, key: 'more:kwic', first: cut, step: KWIC_STEP });
  section.append(list);
  if (note) section.append(note);
  if (more) section.append(more);
  return section;
}

/**
 * The names that come with this one more often than chance, by lift.
 * @param {ViewContext} ctx
 * @param {EntityView} view
 * @param {number} mine number of articles of this entity in scope (the bars' 100 %)
 */
function renderCooccurring(ctx, view, mine) {
  const { t } = ctx;
  const list = Array.isArray(view.cooccurring) ? view.cooccurring : [];
  const section = h('section', { class: 'entity-section', 'aria-labelledby': 'cooc-heading' }, [
    h('h3', { id: 'cooc-heading', class: 'small-heading', text: t.cooccurringHeading }),
  ]);
  if (list.length === 0) {
    section.append(h('p', { class: 'muted small', text: t.noCooccurring }));
    return section;
  }
  section.append(h('p', { class: 'hint', text: t.cooccurringHint }));
  /** @param {typeof list[number]} c */
  const row = (c) => {
    const barEl = h('span', { class: 'cooc-bar', 'aria-hidden': 'true' });
    barEl.style.setProperty('--share', String(mine > 0 ? Math.min(1, c.count / mine) : 0));
    const lift = Number.isFinite(c.lift) ? c.lift : 0;
    return h('li', { class: 'cooc-row', title: t.cooccurrenceLabel(c.name, c.count, lift) }, [
      entityChip(ctx, c, null),
      barEl,
      h('span', { class: 'cooc-count', text: t.count(c.count) }),
      h('span', { class: 'cooc-lift', text: t.lift(lift) }),
      h('span', { class: 'visually-hidden', text: t.cooccurrenceLabel(c.name, c.count, lift) }),
    ]);
  };
  // The strongest names at once, the rest in pieces (`ui/pieces`).
  const ol = h('ol', { class: 'cooc', id: 'cooc-list', role: 'list', 'aria-labelledby': 'cooc-heading' });
  const more = drawInPieces(ol, list, row, { t, key: 'more:cooc', first: COOCCURRING_SHOWN, step: COOCCURRING_STEP });
  section.append(ol);
  if (more) section.append(more);
  return section;
}

/**
 * The articles (within the current results) mentioning it, in pieces (`ui/pieces`):
 * the page at hand first, the next pages from `nextPage` on "mehr anzeigen".
 * @param {ViewContext} ctx
 * @param {import('../types.js').ArticleSummary[]} articles the first page
 * @param {number} total all of them
 * @param {((offset: number, limit: number) => Promise<import('../types.js').ArticleSummary[]>)|undefined} nextPage
 */
function renderArticles(ctx, articles, total, nextPage) {
  const { t } = ctx;
  const section = h('section', { class: 'entity-section', 'aria-labelledby': 'entity-articles-heading' }, [
    h('h3', { id: 'entity-articles-heading', class: 'small-heading', text: `${t.entityArticles} (${t.count(total)})` }),
  ]);
  const list = h('ul', { class: 'collection-list compact-list', id: 'entity-articles', role: 'list', 'aria-labelledby': 'entity-articles-heading' });
  const more = drawInPieces(
    list,
    articles,
    (a) =>
      h('li', { class: 'collection-item', 'data-id': String(a.id) }, [
        h('a', { class: 'item-link', href: ctx.href({ article: a.id }), 'data-article': String(a.id), 'data-key': `ea:${a.id}` }, [titleContent(t, a)]),
        metaLine([dateElement(t, a.date)], 'span'),
      ]),
    { t, key: 'more:entity-articles', total: nextPage ? total : articles.length, fetch: nextPage },
  );
  section.append(list);
  if (more) section.append(more);
  return section;
}

// @ts-check
/**
 * The reader: one article, its paragraphs styled by kind, the query's
 * matches marked and the entity mentions coloured by kind (with an underline
 * style per kind and a title naming the kind, so colour is not the only cue).
 * A mention links to its entity's overview. Above the text: the names the
 * article mentions, grouped by kind; the group labels are the legend.
 *
 * @module ui/reader
 */

import { h, titleContent, dateElement, metaLine } from './dom.js';
import { appendMentioned } from './mentions.js';
import { KINDS, kindKey } from './kinds.js';
import { entityChip, metaItems } from './results.js';

/** paragraph kind -> how it is shown */
const KIND = {
  caption: { tag: 'p', class: 'para caption' },
  title: { tag: 'p', class: 'para title-line' },
  heading: { tag: 'h3', class: 'para heading' },
  paragraph: { tag: 'p', class: 'para' },
  boilerplate: { tag: 'p', class: 'para boilerplate' },
};

/**
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {import('../types.js').Article} Article
 * @typedef {{ element: HTMLElement, heading: HTMLElement, back: HTMLButtonElement }} DetailView
 */

/**
 * The bar above a detail view: the way back.
 * @param {ViewContext} ctx
 * @param {string} [label]
 */
export function detailBar(ctx, label) {
  const back = h('button', { type: 'button', class: 'back button', 'data-action': 'close-detail', 'aria-keyshortcuts': 'Escape' }, [
    h('span', { 'aria-hidden': 'true', text: '← ' }),
    label ?? ctx.t.back,
  ]);
  return { bar: h('div', { class: 'detail-bar' }, [back]), back };
}

/**
 * @param {ViewContext} ctx
 * @param {Article} article
 * @param {{ entitiesOpen?: boolean }} [options] entitiesOpen: show the names unfolded
 * @returns {DetailView & { marks: number }}
 */
export function renderArticle(ctx, article, { entitiesOpen = true } = {}) {
  const { t, catalog, state } = ctx;
  const paragraphs = Array.isArray(article.paragraphs) ? article.paragraphs : [];
  /** @type {Map<number, {name: string, kind: string}>} */
  const names = new Map((article.entities ?? []).map((e) => [e.id, e]));
  const look = {
    entity: (/** @type {number} */ id) => names.get(id) ?? catalog.byId.get(id),
    href: (/** @type {number} */ id) => ctx.href({ entity: id, article: null }),
    title: (/** @type {string} */ kind, /** @type {string} */ name, /** @type {boolean} */ demonym) =>
      t.mentionTitle(t.kinds[kindKey(kind)].one, name, demonym),
  };
  let marks = 0;
  let demonyms = false;

  // The title line, when the article has one, becomes the heading (with its
  // matches and mentions) instead of being shown twice.
  const titleIndex = paragraphs.findIndex((p) => p.kind === 'title');
  const heading = h('h2', { id: 'reader-title', class: 'reader-title', tabindex: '-1' });
  if (titleIndex >= 0) {
    const p = paragraphs[titleIndex];
    marks += appendMentioned(heading, p.text ?? '', p.highlights, p.mentions, look).marks;
  } else {
    const title = titleContent(t, article, article.titleHighlights ?? []);
    marks += title.querySelectorAll('mark').length;
    heading.append(title);
  }

  const body = h('div', { class: 'reader-body', lang: 'de' });
  /** @type {HTMLElement|null} */
  let boilerplate = null;
  paragraphs.forEach((p, i) => {
    if (i === titleIndex) return;
    const kind = KIND[/** @type {keyof typeof KIND} */ (p.kind)] ?? KIND.paragraph;
    const el = h(/** @type {'p'|'h3'} */ (kind.tag), { class: kind.class });
    marks += appendMentioned(el, p.text ?? '', p.highlights, p.mentions, look).marks;
    if (Array.isArray(p.mentions) && p.mentions.some((m) => m.kind === 'demonym')) demonyms = true;
    if (p.kind === 'boilerplate') {
      if (!boilerplate) {
        boilerplate = h('aside', { class: 'boilerplate-box', 'aria-label': t.boilerplateLabel });
        body.append(boilerplate);
      }
      boilerplate.append(el);
    } else {
      body.append(el);
    }
  });

  const openEntity = state.entity !== null ? catalog.byId.get(state.entity) : undefined;
  const { bar, back } = detailBar(ctx, openEntity ? t.backToEntity(openEntity.name) : undefined);
  const jump = h('button', { type: 'button', class: 'jump link-button', 'data-action': 'jump-to-match', text: t.jumpToFirstMatch });
  const meta = metaLine([
    dateElement(t, article.date),
    ...metaItems(t, article),
    originalLink(t, article.url),
    h('span', { class: 'file', title: t.fileLabel(article.file), text: article.file }),
    marks > 0 && h('span', { class: 'match-count', text: t.matchesInArticle(marks) }),
    marks > 0 && jump,
  ]);

  const element = h('article', { class: 'reader', 'aria-labelledby': 'reader-title', 'data-id': String(article.id), lang: 'de' }, [
    bar,
    h('header', { class: 'reader-header' }, [heading, meta]),
    renderArticleEntities(ctx, article.entities ?? [], demonyms, entitiesOpen),
    body,
  ]);
  return { element, heading, back, marks };
}

/**
 * The link to the original article: only an absolute http(s) URL becomes a
 * link (the index stores no other, and this checks again), opened in a new
 * tab without an opener or a referrer. Null for anything else.
 * @param {import('../i18n.js').Strings} t
 * @param {unknown} url
 */
export function originalLink(t, url) {
  if (typeof url !== 'string' || !url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return h('a', {
    class: 'original',
    href: parsed.href,
    rel: 'noopener noreferrer',
    target: '_blank',
    title: t.meta.originalTitle,
    text: t.meta.original(parsed.hostname),
  });
}

/**
 * The names the article mentions, grouped by kind. Each group's label is
 * drawn the way its mentions are, so it doubles as the legend.
 * @param {ViewContext} ctx
 * @param {NonNullable<Article['entities']>} entities
 * @param {boolean} demonyms whether the text marks adjectives
 * @param {boolean} open unfolded (wide screens) or folded (phones: the text comes first)
 */
function renderArticleEntities(ctx, entities, demonyms, open) {
  const { t } = ctx;
  if (!Array.isArray(entities) || entities.length === 0) return null;
  const box = h('details', { class: 'article-entities', lang: t.lang, open }, [
    h('summary', { class: 'small-heading' }, [t.articleEntities, h('span', { class: 'group-count', text: ` (${t.count(entities.length)})` })]),
  ]);
  const dl = h('dl', { class: 'entity-groups' });
  for (const kind of [...KINDS, 'other']) {
    const list = entities.filter((e) => kindKey(e.kind) === kind); // most mentioned first, as the engine sends them
    if (list.length === 0) continue;
    const chips = h('ul', { class: 'chips', role: 'list' });
    for (const e of list) {
      const chip = entityChip(ctx, e, e.mentions);
      chip.setAttribute('title', `${t.kinds[kind].one}: ${e.name}, ${t.mentionCount(e.mentions)}`);
      chips.append(h('li', {}, [chip]));
    }
    dl.append(h('dt', {}, [h('span', { class: `legend-sample mention k-${kind}`, text: t.kinds[kind].many })]), h('dd', {}, [chips]));
  }
  box.append(dl);
  if (demonyms) {
    box.append(
      h('p', { class: 'legend-note small' }, [h('span', { class: 'legend-sample mention k-country demonym', text: t.demonymNote }), ' ', t.demonymsHint]),
    );
  }
  return box;
}

/**
 * Hosted mode: the reader while the article's text is being fetched: its
 * title, date and file (known without the text) and a status line.
 * @param {ViewContext} ctx
 * @param {import('../types.js').ArticleSummary|null} summary null: not known yet (lazy
 *   hosted mode, opened by a link before any list named it): the heading says it loads
 * @returns {DetailView}
 */
export function renderArticleLoading(ctx, summary) {
  const { t, catalog, state } = ctx;
  const heading = h('h2', { id: 'reader-title', class: 'reader-title', tabindex: '-1' }, summary ? [titleContent(t, summary)] : [t.articleLoading]);
  const openEntity = state.entity !== null ? catalog.byId.get(state.entity) : undefined;
  const { bar, back } = detailBar(ctx, openEntity ? t.backToEntity(openEntity.name) : undefined);
  const element = h('article', { class: 'reader', 'aria-labelledby': 'reader-title', 'aria-busy': 'true', 'data-id': String(summary?.id ?? state.article), lang: 'de' }, [
    bar,
    summary
      ? h('header', { class: 'reader-header' }, [
          heading,
          metaLine([dateElement(t, summary.date), ...metaItems(t, summary), h('span', { class: 'file', title: t.fileLabel(summary.file), text: summary.file })]),
        ])
      : h('header', { class: 'reader-header' }, [heading]),
    h('p', { class: 'muted text-loading', role: 'status', lang: t.lang, text: t.articleLoading }),
  ]);
  return { element, heading, back };
}

/**
 * A detail view that only says what went wrong.
 * @param {ViewContext} ctx
 * @param {string} message
 * @returns {DetailView}
 */
export function renderDetailError(ctx, message) {
  const heading = h('h2', { id: 'reader-title', class: 'reader-title', tabindex: '-1', text: message });
  const { bar, back } = detailBar(ctx);
  const element = h('article', { class: 'reader reader-error', 'aria-labelledby': 'reader-title' }, [bar, heading]);
  return { element, heading, back };
}

/**
 * Scrolls to the first match and outlines it.
 * @param {HTMLElement} reader
 */
export function jumpToFirstMatch(reader) {
  const target = /** @type {HTMLElement|null} */ (reader.querySelector('.reader-body mark') ?? reader.querySelector('mark'));
  if (!target) return;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  target.classList.add('current');
}


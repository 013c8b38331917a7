// @ts-check
/**
 * The reader: one article, its paragraphs styled by kind, the query's
 * matches marked.
 *
 * @module ui/reader
 */

import { t } from '../i18n.js';
import { h, appendHighlighted, titleContent, dateElement, metaLine } from './dom.js';

/** paragraph kind -> how it is shown */
const KIND = {
  caption: { tag: 'p', class: 'para caption' },
  title: { tag: 'p', class: 'para title-line' },
  heading: { tag: 'h3', class: 'para heading' },
  paragraph: { tag: 'p', class: 'para' },
  boilerplate: { tag: 'p', class: 'para boilerplate' },
};

/**
 * @param {import('../explorer.js').Article} article
 * @returns {{ element: HTMLElement, heading: HTMLElement, back: HTMLButtonElement, firstMark: HTMLElement|null, marks: number }}
 */
export function renderArticle(article) {
  const paragraphs = Array.isArray(article.paragraphs) ? article.paragraphs : [];
  let marks = 0;

  // The title line, when the article has one, becomes the heading (with its
  // matches) instead of being shown twice.
  const titleIndex = paragraphs.findIndex((p) => p.kind === 'title');
  const heading = h('h2', { id: 'reader-title', class: 'reader-title', tabindex: '-1' });
  if (titleIndex >= 0) {
    marks += appendHighlighted(heading, paragraphs[titleIndex].text, paragraphs[titleIndex].highlights);
  } else {
    const ranges = /** @type {any} */ (article).titleHighlights;
    const title = titleContent(article, Array.isArray(ranges) ? ranges : []);
    marks += title.querySelectorAll('mark').length;
    heading.append(title);
  }

  const back = h('button', { type: 'button', class: 'back', 'aria-keyshortcuts': 'Escape' }, [
    h('span', { 'aria-hidden': 'true', text: '← ' }),
    t.back,
  ]);

  const body = h('div', { class: 'reader-body' });
  /** @type {HTMLElement|null} */
  let boilerplate = null;
  paragraphs.forEach((p, i) => {
    if (i === titleIndex) return;
    const kind = KIND[/** @type {keyof typeof KIND} */ (p.kind)] ?? KIND.paragraph;
    const el = h(/** @type {'p'|'h3'} */ (kind.tag), { class: kind.class });
    marks += appendHighlighted(el, p.text ?? '', p.highlights);
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

  const jump = h('button', { type: 'button', class: 'jump link-button', text: t.jumpToFirstMatch });
  const meta = metaLine([
    dateElement(article.date),
    h('span', { class: 'file', title: t.fileLabel(article.file), text: article.file }),
    marks > 0 && h('span', { class: 'match-count', text: t.matchesInArticle(marks) }),
    marks > 0 && jump,
  ]);

  const element = h('article', { class: 'reader', 'aria-labelledby': 'reader-title', 'data-id': String(article.id) }, [
    h('div', { class: 'reader-bar' }, [back]),
    h('header', { class: 'reader-header' }, [heading, meta]),
    body,
  ]);
  const firstMark = /** @type {HTMLElement|null} */ (body.querySelector('mark') ?? heading.querySelector('mark'));
  jump.addEventListener('click', () => {
    const target = /** @type {HTMLElement|null} */ (body.querySelector('mark'));
    if (!target) return;
    target.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    target.classList.add('current');
  });
  return { element, heading, back, firstMark, marks };
}

/**
 * A reader that only says what went wrong.
 * @param {string} message
 */
export function renderArticleError(message) {
  const heading = h('h2', { id: 'reader-title', class: 'reader-title', tabindex: '-1', text: message });
  const back = h('button', { type: 'button', class: 'back' }, [h('span', { 'aria-hidden': 'true', text: '← ' }), t.back]);
  const element = h('article', { class: 'reader reader-error', 'aria-labelledby': 'reader-title' }, [
    h('div', { class: 'reader-bar' }, [back]),
    heading,
  ]);
  return { element, heading, back };
}

// @ts-check
/**
 * Small DOM helpers. Article text only ever enters the page through
 * `textContent` (see `highlighted`), never through innerHTML.
 *
 * @module ui/dom
 */

import { t } from '../i18n.js';

/**
 * Creates an element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string|boolean|undefined>} [attrs] `class`, `text` (textContent),
 *   boolean attributes (true = present), anything else via setAttribute.
 * @param {Array<Node|string|null|undefined|false>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') el.textContent = String(value);
    else if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/**
 * Appends `text` to `parent`, wrapping each `[start, end)` range (UTF-16
 * offsets, sorted, non-overlapping) in a `<mark>`. Ranges that are out of
 * bounds, empty or overlap an earlier one are clamped or skipped, so a bad
 * range never loses text.
 * @param {Node} parent
 * @param {string} text
 * @param {ReadonlyArray<readonly [number, number]>|undefined|null} ranges
 * @returns {number} the number of marks appended
 */
export function appendHighlighted(parent, text, ranges) {
  let pos = 0;
  let marks = 0;
  for (const range of ranges ?? []) {
    if (!Array.isArray(range) || range.length < 2) continue;
    const start = Math.max(pos, Math.min(text.length, Number(range[0]) | 0));
    const end = Math.min(text.length, Number(range[1]) | 0);
    if (end <= start) continue;
    if (start > pos) parent.appendChild(document.createTextNode(text.slice(pos, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    parent.appendChild(mark);
    marks += 1;
    pos = end;
  }
  if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  return marks;
}

/**
 * An element of `tag` holding `text` with its highlights.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} text
 * @param {ReadonlyArray<readonly [number, number]>|undefined|null} ranges
 * @param {Record<string, string|boolean|undefined>} [attrs]
 */
export function highlighted(tag, text, ranges, attrs = {}) {
  const el = h(tag, attrs);
  appendHighlighted(el, text, ranges);
  return el;
}

/**
 * The title of an article, with highlights; a derived title is set in italics
 * and explains itself in a tooltip.
 * @param {{ title: string, titleDerived?: boolean }} article
 * @param {ReadonlyArray<readonly [number, number]>} [ranges]
 */
export function titleContent(article, ranges = []) {
  const span = h('span', {
    class: article.titleDerived ? 'title derived' : 'title',
    title: article.titleDerived ? t.derivedTitle : undefined,
  });
  appendHighlighted(span, article.title, ranges);
  return span;
}

/**
 * `<time>` for a "YYYY-MM" date, or a "no date" note.
 * @param {string|null|undefined} date
 */
export function dateElement(date) {
  if (!date) return h('span', { class: 'date nodate', text: t.noDate });
  return h('time', { class: 'date', datetime: date, text: t.date(date) });
}

/**
 * A line of small facts (date, file, ...). The separator dots come from CSS
 * and stick to the item before them, so a wrapped line never starts with one.
 * @param {Array<Node|null|undefined|false>} items
 * @param {keyof HTMLElementTagNameMap} [tag]
 */
export function metaLine(items, tag = 'p') {
  const line = h(tag, { class: 'meta' });
  for (const item of items) {
    if (item) line.append(h('span', { class: 'meta-item' }, [item]));
  }
  return line;
}

// @ts-check
/**
 * Small DOM helpers. Article text only ever enters the page through
 * `textContent` (see `appendHighlighted`), never through innerHTML.
 *
 * @module ui/dom
 */

/** @typedef {import('../i18n.js').Strings} Strings */

/**
 * Creates an element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string|number|boolean|undefined|null>} [attrs] `class`, `text` (textContent),
 *   boolean attributes (true = present), anything else via setAttribute.
 * @param {Array<Node|string|null|undefined|false>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') el.textContent = String(value);
    else if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/**
 * Clean `[start, end)` ranges within `length`: sorted, clamped, without
 * empty or overlapping ones (an overlapping range is cut to what is left).
 * @param {unknown} ranges
 * @param {number} length
 * @returns {Array<[number, number]>}
 */
export function cleanRanges(ranges, length) {
  /** @type {Array<[number, number]>} */
  const out = [];
  if (!Array.isArray(ranges)) return out;
  const sorted = ranges
    .filter((r) => Array.isArray(r) && r.length >= 2)
    .map((r) => [Math.max(0, Number(r[0]) | 0), Math.min(length, Number(r[1]) | 0)])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let pos = 0;
  for (const [s, e] of sorted) {
    const start = Math.max(s, pos);
    if (e <= start) continue;
    out.push([start, e]);
    pos = e;
  }
  return out;
}

/**
 * Appends `text` to `parent`, wrapping each `[start, end)` range (UTF-16
 * offsets) in a `<mark>`. Bad ranges are clamped or skipped, so a bad range
 * never loses text.
 * @param {Node} parent
 * @param {string} text
 * @param {unknown} ranges
 * @returns {number} the number of marks appended
 */
export function appendHighlighted(parent, text, ranges) {
  let pos = 0;
  let marks = 0;
  for (const [start, end] of cleanRanges(ranges, text.length)) {
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
 * @param {unknown} ranges
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
 * @param {Strings} t
 * @param {{ title: string, titleDerived?: boolean }} article
 * @param {unknown} [ranges]
 */
export function titleContent(t, article, ranges = []) {
  const span = h('span', {
    class: article.titleDerived ? 'title derived' : 'title',
    title: article.titleDerived ? t.derivedTitle : undefined,
  });
  appendHighlighted(span, article.title, ranges);
  return span;
}

/**
 * `<time>` for a "YYYY-MM" date, or a "no date" note.
 * @param {Strings} t
 * @param {string|null|undefined} date
 */
export function dateElement(t, date) {
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

/**
 * Replaces the children of `container` by `nodes`, keeping the keyboard focus:
 * when focus was on an element with `data-key` inside, the new element with
 * the same key gets it (else `fallback`, if given).
 * @param {Element} container
 * @param {Node[]} nodes
 * @param {HTMLElement|null} [fallback]
 */
export function replaceKeepingFocus(container, nodes, fallback = null) {
  const root = /** @type {Document|ShadowRoot} */ (container.getRootNode());
  const active = root.activeElement;
  const had = active instanceof HTMLElement && container.contains(active);
  const key = had ? active.closest('[data-key]')?.getAttribute('data-key') : null;
  container.replaceChildren(...nodes);
  if (!had) return;
  const same = key ? container.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
  const target = same instanceof HTMLElement ? same : fallback;
  target?.focus({ preventScroll: true });
}

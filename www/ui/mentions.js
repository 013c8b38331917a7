// @ts-check
/**
 * Text with two kinds of spans at once: the query's matches (`<mark>`) and
 * entity mentions (links coloured by kind). They may overlap, so mentions
 * become the outer elements and the matches are cut at their edges.
 *
 * @module ui/mentions
 */

import { appendHighlighted, cleanRanges, h } from './dom.js';
import { kindKey } from './kinds.js';

/**
 * @typedef {import('../types.js').ParagraphMention} Mention
 * @typedef {object} MentionLook
 * @property {(entity: number) => {name: string, kind: string}|undefined} entity
 * @property {(entity: number) => string} href   Where the mention links to.
 * @property {(kind: string, name: string, demonym: boolean) => string} title
 */

/**
 * The mentions that can be drawn: inside the text, non-empty, sorted, no
 * overlaps (a mention overlapping an earlier one is left out, not cut).
 * @param {unknown} mentions
 * @param {number} length
 * @returns {Mention[]}
 */
export function cleanMentions(mentions, length) {
  if (!Array.isArray(mentions)) return [];
  const sorted = mentions
    .filter((m) => m && Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= length && m.start < m.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {Mention[]} */
  const out = [];
  let pos = 0;
  for (const m of sorted) {
    if (m.start < pos) continue;
    out.push(m);
    pos = m.end;
  }
  return out;
}

/**
 * The highlight ranges that fall in `[start, end)`, shifted to start at 0.
 * @param {Array<[number, number]>} ranges
 * @param {number} start
 * @param {number} end
 * @returns {Array<[number, number]>}
 */
function slice(ranges, start, end) {
  /** @type {Array<[number, number]>} */
  const out = [];
  for (const [s, e] of ranges) {
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    if (a < b) out.push([a - start, b - start]);
  }
  return out;
}

/**
 * Appends `text` with its highlights and mentions to `parent`.
 * @param {Node} parent
 * @param {string} text
 * @param {unknown} highlights
 * @param {unknown} mentions
 * @param {MentionLook} look
 * @returns {{ marks: number, mentions: number }} matches and mentions drawn
 */
export function appendMentioned(parent, text, highlights, mentions, look) {
  const ranges = cleanRanges(highlights, text.length);
  let drawn = 0;
  let pos = 0;
  for (const m of cleanMentions(mentions, text.length)) {
    const entity = look.entity(m.entity);
    if (!entity) continue; // unknown id: leave the text plain
    if (m.start > pos) appendHighlighted(parent, text.slice(pos, m.start), slice(ranges, pos, m.start));
    const demonym = m.kind === 'demonym';
    const link = h('a', {
      class: `mention k-${kindKey(entity.kind)}${demonym ? ' demonym' : ''}`,
      href: look.href(m.entity),
      'data-entity': String(m.entity),
      title: look.title(entity.kind, entity.name, demonym),
    });
    appendHighlighted(link, text.slice(m.start, m.end), slice(ranges, m.start, m.end));
    parent.appendChild(link);
    drawn += 1;
    pos = m.end;
  }
  if (pos < text.length) appendHighlighted(parent, text.slice(pos), slice(ranges, pos, text.length));
  // A match cut by a mention's edge is still one match.
  return { marks: ranges.length, mentions: drawn };
}

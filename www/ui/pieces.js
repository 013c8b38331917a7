// @ts-check
/**
 * Long lists drawn in pieces: the first screenful at once, the rest when
 * the reader asks for it ("mehr anzeigen", a button, so it is reached with
 * Tab and pressed with Enter or Space). No task ever builds thousands of
 * rows: at 10,000 articles the start page draws {@link FIRST_PIECE} of them
 * and each press {@link NEXT_PIECE} more, and the focus moves to the first
 * new row, so reading on with the keyboard continues where the list grew.
 * The items are the engine's answer in its order; nothing here sorts or
 * filters them.
 *
 * @module ui/pieces
 */

import { h } from './dom.js';

/** Rows drawn at once: more than a tall screen shows. */
export const FIRST_PIECE = 50;
/** Rows each "mehr anzeigen" adds. */
export const NEXT_PIECE = 200;

/**
 * Fills `list` with the first rows of `items` and returns the button that
 * appends the next ones (null when every row is drawn). The button is the
 * caller's to place after the list; it removes itself when the last row is in.
 * @template T
 * @param {HTMLElement} list the empty list element
 * @param {T[]} items
 * @param {(item: T) => HTMLElement} row draws one row
 * @param {{ t: import('../i18n.js').Strings, key: string, first?: number, step?: number }} options
 *   `key`: the button's data-key (focus kept across redraws)
 * @returns {HTMLButtonElement|null}
 */
export function drawInPieces(list, items, row, { t, key, first = FIRST_PIECE, step = NEXT_PIECE }) {
  let drawn = Math.min(items.length, first);
  list.append(...items.slice(0, drawn).map(row));
  if (drawn >= items.length) return null;
  const more = h('button', { type: 'button', class: 'button more-items', 'data-key': key, 'aria-controls': list.id || null, text: t.showMore(items.length - drawn) });
  more.addEventListener('click', () => {
    if (!more.isConnected) return;
    const next = items.slice(drawn, drawn + step).map(row);
    drawn += next.length;
    list.append(...next);
    const rest = items.length - drawn;
    // Focus first, then drop the button: the focus never falls back to the page.
    const link = next[0]?.querySelector('a, button, [tabindex]');
    if (link instanceof HTMLElement) link.focus();
    if (rest > 0) more.textContent = t.showMore(rest);
    else more.remove();
  });
  return more;
}

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
 * A list the engine pages (the start page) gives its `total` and `fetch`:
 * `items` are the rows at hand, and a press past them asks `fetch(offset,
 * limit)` for the next page (the button waits; a failure is said beside it
 * and the button stays, to try again).
 * @template T
 * @param {HTMLElement} list the empty list element
 * @param {T[]} items
 * @param {(item: T) => HTMLElement} row draws one row
 * @param {{ t: import('../i18n.js').Strings, key: string, first?: number, step?: number, total?: number, fetch?: (offset: number, limit: number) => Promise<T[]> }} options
 *   `key`: the button's data-key (focus kept across redraws)
 * @returns {HTMLButtonElement|null}
 */
export function drawInPieces(list, items, row, { t, key, first = FIRST_PIECE, step = NEXT_PIECE, total = items.length, fetch }) {
  const rows = [...items];
  let drawn = Math.min(rows.length, first);
  list.append(...rows.slice(0, drawn).map(row));
  if (drawn >= total) return null;
  const more = h('button', { type: 'button', class: 'button more-items', 'data-key': key, 'aria-controls': list.id || null, text: t.showMore(total - drawn) });
  /** Said beside the button when a page could not be fetched. */
  const failure = h('p', { class: 'more-failed small', role: 'status' });
  let asking = false;
  more.addEventListener('click', async () => {
    if (!more.isConnected || asking) return;
    if (rows.length < Math.min(total, drawn + step) && fetch) {
      asking = true;
      more.setAttribute('aria-busy', 'true');
      try {
        rows.push(...(await fetch(rows.length, drawn + step - rows.length)));
        failure.remove();
      } catch (e) {
        failure.textContent = t.moreFailed(e instanceof Error ? e.message : String(e));
        if (more.isConnected) more.after(failure);
        return;
      } finally {
        asking = false;
        more.removeAttribute('aria-busy');
      }
      if (!more.isConnected) return;
    }
    const next = rows.slice(drawn, drawn + step).map(row);
    drawn += next.length;
    list.append(...next);
    // Nothing more came: the engine answered less than it counted; the button goes.
    const rest = next.length === 0 ? 0 : total - drawn;
    // Focus first, then drop the button: the focus never falls back to the page.
    const link = next[0]?.querySelector('a, button, [tabindex]');
    if (link instanceof HTMLElement) link.focus();
    if (rest > 0) more.textContent = t.showMore(rest);
    else more.remove();
  });
  return more;
}

// @ts-check
/**
 * The keyboard: `/` focuses the search box, ↓/↑ move through the hits (and
 * from the box into them), Enter in the box opens the best hit, ← → move
 * along the date bars, Esc closes the reader, then the entity view, then the
 * filter panel.
 *
 * Page-wide keys (`/`, Esc with nothing focused) go to the instance that has
 * the focus, else to the first `<article-explorer>` of the page, so several
 * instances never all react to one key press.
 *
 * @module ui/keys
 */

/**
 * @param {EventTarget|null} target
 */
function isEditable(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * Binds the keys of one view; returns the function that unbinds them.
 * @param {import('./controller.js').ExplorerView} view
 * @returns {() => void}
 */
export function bindKeys(view) {
  const { host, layout } = view;

  /** Whether a page-wide key press is for this instance. */
  const mine = (/** @type {KeyboardEvent} */ ev) => {
    if (ev.composedPath().includes(host)) return true;
    const active = document.activeElement;
    const idle = active === null || active === document.body || active === document.documentElement;
    return idle && document.querySelector(host.localName) === host;
  };

  /** @param {KeyboardEvent} ev */
  const onDocumentKey = (ev) => {
    if (ev.defaultPrevented || ev.isComposing || !mine(ev)) return;
    const inner = ev.composedPath()[0] ?? null;
    if (ev.key === 'Escape') {
      if (view.state.article !== null || view.state.entity !== null) {
        ev.preventDefault(); // also keeps a search box from clearing itself
        view.closeDetail();
      } else if (layout.root.dataset.filtersOpen !== undefined && !isEditable(inner)) {
        ev.preventDefault();
        view.toggleFilters();
        layout.filtersToggle.focus();
      }
    } else if (ev.key === '/' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !isEditable(inner)) {
      ev.preventDefault();
      layout.input.focus();
      layout.input.select();
    }
  };
  document.addEventListener('keydown', onDocumentKey, true);

  /** The links of the list, in order. */
  const itemLinks = () => /** @type {HTMLElement[]} */ ([...layout.listView.querySelectorAll('a.item-link')]);

  /** @param {KeyboardEvent} ev */
  const onInputKey = (ev) => {
    if (ev.isComposing) return;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      view.flush();
      if (view.state.q.trim()) itemLinks()[0]?.click(); // Enter opens the best hit
    } else if (ev.key === 'ArrowDown') {
      view.flush();
      const first = itemLinks()[0];
      if (first) {
        ev.preventDefault();
        first.focus();
      }
    }
  };
  layout.input.addEventListener('keydown', onInputKey);

  /** ↑/↓ between list items, ←/→ between date bars (roving tab stop). */
  const onRootKey = (/** @type {KeyboardEvent} */ ev) => {
    const target = ev.target;
    if (!(target instanceof HTMLElement)) return;
    if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && target.matches('a.item-link') && layout.listView.contains(target)) {
      const links = itemLinks();
      const i = links.indexOf(target);
      ev.preventDefault();
      const next = ev.key === 'ArrowDown' ? links[i + 1] : links[i - 1];
      if (next) next.focus();
      else if (ev.key === 'ArrowUp') layout.input.focus();
    } else if (target.matches('button.bar') && ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(ev.key)) {
      const bars = /** @type {HTMLElement[]} */ ([...(target.parentElement?.querySelectorAll('button.bar') ?? [])]);
      const i = bars.indexOf(target);
      const j = ev.key === 'Home' ? 0 : ev.key === 'End' ? bars.length - 1 : ev.key === 'ArrowLeft' ? Math.max(0, i - 1) : Math.min(bars.length - 1, i + 1);
      ev.preventDefault();
      for (const b of bars) b.tabIndex = -1;
      bars[j].tabIndex = 0;
      bars[j].focus();
    }
  };
  layout.root.addEventListener('keydown', onRootKey);

  return () => {
    document.removeEventListener('keydown', onDocumentKey, true);
    layout.input.removeEventListener('keydown', onInputKey);
    layout.root.removeEventListener('keydown', onRootKey);
  };
}

// @ts-check
/**
 * The element's stylesheet: built once, shared by every instance, adopted
 * into each shadow root (a `<style>` element where constructable stylesheets
 * are missing). Nothing here reaches the host page, and the host page's
 * rules do not reach in (see styles/base.js for the shield).
 *
 * @module ui/styles
 */

import { themeCss } from './styles/theme.js';
import { baseCss } from './styles/base.js';
import { layoutCss } from './styles/layout.js';
import { listsCss } from './styles/lists.js';
import { sidebarCss } from './styles/sidebar.js';
import { detailCss } from './styles/detail.js';
import { collectionCss } from './styles/collection.js'; // issue 19

export const css = [themeCss, baseCss, layoutCss, listsCss, sidebarCss, detailCss, collectionCss].join('\n');

/** @type {CSSStyleSheet|null} */
let sheet = null;

/**
 * Gives `shadow` the explorer's styles.
 * @param {ShadowRoot} shadow
 */
export function adoptStyles(shadow) {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    /** @type {ParentNode} */ (shadow).prepend(style);
  }
}

// @ts-check
/**
 * Entity kinds as the page shows them: the order of the facet groups and
 * legends, and the key of a kind's colour and words ("other" for a kind this
 * page does not know yet).
 *
 * @module ui/kinds
 */

/** The kinds in the order the facets list them. */
export const KINDS = /** @type {const} */ (['person', 'country', 'place', 'organization', 'event']);

/**
 * The CSS/i18n key of a kind; unknown kinds are "other".
 * @param {string} kind
 * @returns {string}
 */
export function kindKey(kind) {
  return /** @type {readonly string[]} */ (KINDS).includes(kind) ? kind : 'other';
}

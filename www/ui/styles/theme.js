// @ts-check
/**
 * Theme: the colours and fonts, and the custom properties a host page uses to
 * change them. Every colour pair used for text meets WCAG AA (4.5:1) in both
 * schemes; the kind colours are for underlines and swatches (3:1 against the
 * background) and light tints behind normal text.
 *
 * Public custom properties (set them on `article-explorer` or any ancestor):
 *
 * | property                     | what it colours or sets                           |
 * |------------------------------|---------------------------------------------------|
 * | `--ae-accent`                | links, selected bars and filters, primary buttons |
 * | `--ae-accent-fg`             | text on the accent colour                         |
 * | `--ae-bg`                    | the widget's background                           |
 * | `--ae-surface`               | panes and cards (reader, entity view)             |
 * | `--ae-fg`                    | text                                              |
 * | `--ae-muted`                 | secondary text (dates, counts, hints)             |
 * | `--ae-border`                | lines and borders                                 |
 * | `--ae-focus`                 | the keyboard focus ring (default: accent)         |
 * | `--ae-mark-bg`, `--ae-mark-fg` | query matches (`<mark>`)                        |
 * | `--ae-person`, `--ae-country`, `--ae-place`, `--ae-organization`, `--ae-event` | kind colour: underline and swatch |
 * | `--ae-person-bg`, … `--ae-event-bg` | tint behind a mention of that kind         |
 * | `--ae-font`                  | interface font                                    |
 * | `--ae-text-font`             | article text (reader, snippets)                   |
 * | `--ae-mono-font`             | file names                                        |
 * | `--ae-font-size`             | base size (default: the browser's setting)        |
 * | `--ae-radius`                | corner radius                                     |
 * | `--ae-padding`               | space around the widget's content                 |
 * | `--ae-sticky-top`            | offset of sticky panes, e.g. below a fixed header |
 *
 * The `theme` attribute picks the defaults: `light`, `dark`, or `auto` (the
 * default: the reader's `prefers-color-scheme`). Host values win in both.
 *
 * @module ui/styles/theme
 */

const light = {
  bg: '#fafaf7',
  surface: '#ffffff',
  fg: '#1c1d21',
  muted: '#54575e', // 7.0:1 on bg
  border: '#d0d2d7',
  accent: '#0b56a3', // 7.0:1 on bg
  'accent-fg': '#ffffff',
  'mark-bg': '#ffe27a',
  'mark-fg': '#1c1d21',
  'mark-current': '#c24e00',
  error: '#b3261e',
  'error-bg': '#fdeceb',
  hover: '#eef0f4',
  bar: '#7a8499', // 3.6:1 on bg (a graphical object)
  person: '#7b2cbf',
  'person-bg': '#f1e6fb',
  country: '#2e7d32',
  'country-bg': '#e2f1e0',
  place: '#00798a',
  'place-bg': '#ddf0f4',
  organization: '#a65200',
  'organization-bg': '#fcebd9',
  event: '#b0245a',
  'event-bg': '#fbe4ec',
  other: '#5a5d63',
  'other-bg': '#ececec',
};

const dark = {
  bg: '#131417',
  surface: '#1c1e22',
  fg: '#e7e8ea',
  muted: '#a8abb2', // 7.9:1 on bg
  border: '#3a3d44',
  accent: '#8fbaff', // 8.9:1 on bg
  'accent-fg': '#0d1b2e',
  'mark-bg': '#f2cf5b',
  'mark-fg': '#131417',
  'mark-current': '#ff9a52',
  error: '#ffb4ab',
  'error-bg': '#3b1714',
  hover: '#262a30',
  bar: '#8a92a3',
  person: '#cfa6ff',
  'person-bg': '#35244a',
  country: '#8fd694',
  'country-bg': '#1d3921',
  place: '#7fd3df',
  'place-bg': '#123940',
  organization: '#ffb36b',
  'organization-bg': '#432d12',
  event: '#ff94bb',
  'event-bg': '#46192b',
  other: '#b9bcc3',
  'other-bg': '#2c2e33',
};

/** @param {Record<string, string>} vars */
const defaults = (vars) =>
  Object.entries(vars)
    .map(([k, v]) => `--d-${k}: ${v};`)
    .join(' ');

/** `--x: var(--ae-x, var(--d-x))` for every colour: the host's value wins. */
const tokens = Object.keys(light)
  .map((k) => `--${k}: var(--ae-${k}, var(--d-${k}));`)
  .join('\n  ');

export const themeCss = /* css */ `
.root { ${defaults(light)} color-scheme: light; }
:host([theme="dark"]) .root { ${defaults(dark)} color-scheme: dark; }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) .root { ${defaults(dark)} color-scheme: dark; }
}
.root {
  ${tokens}
  --focus: var(--ae-focus, var(--accent));
  --link: var(--accent);
  --font: var(--ae-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif);
  --text-font: var(--ae-text-font, Charter, "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", "DejaVu Serif", Georgia, serif);
  --mono-font: var(--ae-mono-font, ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace);
  --radius: var(--ae-radius, 6px);
  --sticky-top: var(--ae-sticky-top, 0px);
}
`;

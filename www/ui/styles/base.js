// @ts-check
/**
 * Base: the shield against the host page (the frame resets every inherited
 * property, sizes in `em` from the browser's own default size, so a host's
 * `html { font-size }` or `* { color }` cannot reach in), and the small
 * pieces used everywhere: buttons, fields, chips, marks, mentions.
 *
 * @module ui/styles/base
 */

export const baseCss = /* css */ `
:host { display: block; }
:host([hidden]) { display: none; }

.root {
  all: initial;
  display: block;
  container: ae / inline-size;
  position: relative;
  box-sizing: border-box;
  padding: var(--ae-padding, 0);
  background: var(--bg);
  color: var(--fg);
  font-family: var(--font);
  font-size: var(--ae-font-size, medium);
  line-height: 1.5;
  text-align: start;
  overflow-wrap: break-word;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.root [hidden] { display: none !important; }

a { color: var(--link); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
h2, h3 { line-height: 1.25; }
code { font-family: var(--mono-font); font-size: 0.9em; }

.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  clip-path: inset(50%);
  white-space: nowrap;
}
.muted { color: var(--muted); }
.small { font-size: 0.875em; }
.hint { margin: 0.35em 0 0; font-size: 0.85em; color: var(--muted); }
.small-heading {
  margin: 1.25em 0 0.5em;
  font-size: 0.8em;
  font-weight: 700;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--muted);
}
.side-heading { margin: 0 0 0.5em; font-size: 1em; font-weight: 700; }

/* ---------- controls */
button { font: inherit; color: inherit; cursor: pointer; }
.button {
  display: inline-flex;
  align-items: center;
  gap: 0.35em;
  min-height: 2.5em;
  padding: 0.4em 0.9em;
  background: var(--surface);
  color: var(--fg);
  border: 1px solid var(--muted);
  border-radius: var(--radius);
  line-height: 1.2;
}
.button:hover { background: var(--hover); }
.button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.button.primary:hover { filter: brightness(1.08); }
.link-button {
  background: none;
  border: none;
  padding: 0.15em 0;
  color: var(--link);
  text-decoration: underline;
  text-underline-offset: 0.15em;
  text-align: start;
}
.field {
  font: inherit;
  color: var(--fg);
  background: var(--surface);
  border: 1px solid var(--muted);
  border-radius: var(--radius);
  padding: 0.35em 0.5em;
  min-height: 2.4em;
  max-width: 100%;
}
.field-label { display: block; font-size: 0.85em; font-weight: 600; margin-bottom: 0.2em; }
input[type="checkbox"] { accent-color: var(--accent); width: 1.1em; height: 1.1em; margin: 0; }

/* ---------- chips: small links or buttons for a name */
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.35em; }
.chip {
  display: inline-flex;
  align-items: center;
  gap: 0.35em;
  max-width: 100%;
  min-height: 2em;
  padding: 0.15em 0.65em;
  border: 1px solid var(--border);
  border-radius: 999px;
  background: var(--surface);
  color: var(--fg);
  font: inherit;
  font-size: 0.875em;
  line-height: 1.25;
  text-decoration: none;
}
.chip:hover { background: var(--hover); border-color: var(--muted); }
.chip-name { overflow-wrap: anywhere; }
.chip-count, .chip-kind { color: var(--muted); font-variant-numeric: tabular-nums; }
.chip-x { font-size: 1.2em; line-height: 1; margin-inline-start: 0.1em; }
.swatch {
  flex: none;
  width: 0.7em; height: 0.7em;
  border-radius: 50%;
  background: var(--kind, var(--other));
}

/* ---------- kinds: colour, tint and underline style (colour is never the only cue) */
.k-person { --kind: var(--person); --kind-bg: var(--person-bg); --kind-line: solid; }
.k-country { --kind: var(--country); --kind-bg: var(--country-bg); --kind-line: double; }
.k-place { --kind: var(--place); --kind-bg: var(--place-bg); --kind-line: dotted; }
.k-organization { --kind: var(--organization); --kind-bg: var(--organization-bg); --kind-line: dashed; }
.k-event { --kind: var(--event); --kind-bg: var(--event-bg); --kind-line: wavy; }
.k-other { --kind: var(--other); --kind-bg: var(--other-bg); --kind-line: solid; }
.k-date { --kind: var(--accent); }

.mention {
  color: inherit;
  background: var(--kind-bg);
  text-decoration-line: underline;
  text-decoration-color: var(--kind);
  text-decoration-style: var(--kind-line);
  text-decoration-thickness: 2px;
  text-underline-offset: 0.22em;
  text-decoration-skip-ink: none;
  border-radius: 2px;
  box-decoration-break: clone;
  -webkit-box-decoration-break: clone;
}
.mention.demonym { background: transparent; text-decoration-thickness: 1.5px; }
a.mention:hover { background: color-mix(in srgb, var(--kind-bg) 60%, var(--kind) 25%); }
.legend-sample { padding: 0 0.25em; white-space: nowrap; }

mark {
  background: var(--mark-bg);
  color: var(--mark-fg);
  border-radius: 2px;
  padding: 0 0.08em;
  box-decoration-break: clone;
  -webkit-box-decoration-break: clone;
}
mark.current { outline: 2px solid var(--mark-current); outline-offset: 1px; }

/* ---------- facts lines: date · file · … */
.meta {
  margin: 0.2em 0 0;
  color: var(--muted);
  font-size: 0.875em;
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  column-gap: 0.4em;
}
.meta-item { white-space: nowrap; }
.meta-item:not(:last-child)::after { content: " ·"; }
@supports (content: "x" / "") {
  .meta-item:not(:last-child)::after { content: " ·" / ""; }
}
.meta .file { font-family: var(--mono-font); font-size: 0.9em; white-space: normal; overflow-wrap: anywhere; }
.meta .source { font-weight: 600; }
.meta .authors, .meta .original { white-space: normal; }
.meta .language { font-size: 0.85em; letter-spacing: 0.05em; }
.meta .original { color: var(--link); }

.error-box {
  border: 1px solid var(--error);
  border-inline-start-width: 6px;
  background: var(--error-bg);
  border-radius: var(--radius);
  padding: 1em 1.25em;
}
.error-box h2 { margin: 0 0 0.5em; font-size: 1.2em; color: var(--error); }
.error-box p { margin: 0 0 0.75em; }
.error-box pre { white-space: pre-wrap; font-family: var(--mono-font); font-size: 0.85em; margin: 0.5em 0 0; }
.error-box details { margin-bottom: 0.75em; }

@media (forced-colors: active) {
  mark { forced-color-adjust: none; background: Highlight; color: HighlightText; }
  .mention { text-decoration-color: LinkText; }
  .bar-fill, .facet-bar, .cooc-bar { forced-color-adjust: none; background: CanvasText !important; }
}
`;

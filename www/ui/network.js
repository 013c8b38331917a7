// @ts-check
/**
 * The entity network of the current results, drawn as SVG with DOM calls
 * (names enter only as text nodes), and the same data as two tables beside it.
 *
 * The wasm does the thinking (src/collection/graph.rs and layout.rs): which
 * names, their articles, the shared articles and lift of each pair, and where
 * each node sits (a deterministic force layout in the unit square). This
 * module only scales and draws: circle area by articles, line width by shared
 * articles, solid lines where a pair is over-represented, colour by kind
 * (with the kind also in every label, so colour is not the only cue).
 *
 * Keyboard: the graph is one tab stop; arrow keys move between names (largest
 * first), Enter or Space filters by the focused name. Hover and focus show
 * the figures of a name and its strongest links.
 *
 * @module ui/network
 */

import { h } from './dom.js';
import { kindKey } from './kinds.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 1000;
const H = 1000;
/** Label font size in drawing units at least (the drawing scales with the pane) ... */
const FONT = 26;
/** ... and in CSS pixels at least, on narrow screens. */
const FONT_PX = 12;
/** Names labelled without hovering, at most: the largest whose label has room. */
const LABELLED = 30;

/**
 * @param {string} tag
 * @param {Record<string, string|number>} [attrs]
 * @param {Node[]} [children]
 */
function svg(tag, attrs = {}, children = []) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** @param {number} x @param {string} locale */
const liftText = (x, locale) => x.toLocaleString(locale, { maximumFractionDigits: 2, minimumFractionDigits: 1 });

/**
 * @typedef {import('../collection.js').Graph} Graph
 * @typedef {object} NetworkContext
 * @property {import('../i18n.js').Strings} t
 * @property {import('./collection-strings.js').CollectionStrings} ct
 * @property {(id: number) => void} onFilter filter the results by entity `id`
 * @property {number} [width] the width the drawing will have, in CSS pixels (for the label size)
 * @property {number} [limit] the number of names asked for
 * @property {(limit: number) => void} [onLimit] ask for another number of names
 */

/** The numbers of names offered (readable from 20 to 80). */
const LIMITS = [20, 40, 80];

/**
 * @param {NetworkContext} ctx
 * @param {Graph} graph
 * @param {number} [ms] how long the wasm took (shown as a small note)
 * @returns {HTMLElement}
 */
export function renderNetwork(ctx, graph, ms) {
  const { ct } = ctx;
  const section = h('section', { class: 'network', 'aria-labelledby': 'network-heading', 'data-scope': String(graph.scope) }, [
    h('h2', { id: 'network-heading', class: 'panel-heading', text: ct.networkHeading }),
  ]);
  if (graph.nodes.length === 0 || graph.edges.length === 0) {
    section.append(h('p', { class: 'muted', text: ct.networkEmpty }));
    return section;
  }
  section.append(h('p', { class: 'small muted network-summary', text: ct.networkSummary(graph.nodes.length, graph.scope) }));
  if (ctx.onLimit) {
    const onLimit = ctx.onLimit;
    const select = h('select', { id: 'network-limit', class: 'field', 'data-key': 'network-limit' },
      LIMITS.map((n) => h('option', { value: String(n), text: String(n) })));
    select.value = String(ctx.limit ?? 40);
    select.addEventListener('change', () => onLimit(Number(select.value)));
    section.append(h('p', { class: 'network-limit small' }, [h('label', { for: 'network-limit', class: 'field-label', text: ct.networkLimit }), ' ', select]));
  }
  section.append(
    h('div', { class: 'network-body' }, [drawGraph(ctx, graph), h('div', { class: 'network-tables' }, renderTables(ctx, graph))]),
  );
  if (ms !== undefined) section.append(h('p', { class: 'small muted network-time', text: ct.layoutTime(ms) }));
  return section;
}

/**
 * @param {NetworkContext} ctx
 * @param {Graph} graph
 */
function drawGraph(ctx, graph) {
  const { t, ct } = ctx;
  const maxArticles = Math.max(1, ...graph.nodes.map((n) => n.articles));
  const maxShared = Math.max(1, ...graph.edges.map((e) => e.articles));
  const pos = new Map(graph.nodes.map((n) => [n.id, { x: n.x * W, y: n.y * H, n }]));
  // Radii come with the layout (the wasm placed the circles apart); the old shape without `r` gets one.
  const radius = (/** @type {import('../collection.js').GraphNode} */ n) => (typeof n.r === 'number' ? n.r : 0.008 + 0.026 * Math.sqrt(n.articles / maxArticles)) * W;
  const font = Math.max(FONT, ctx.width ? (FONT_PX * W) / ctx.width : FONT);
  const labels = placeLabels(graph.nodes, (n) => radius(n), font);
  /** @type {Map<number, Array<{ other: number, e: import('../collection.js').GraphEdge }>>} */
  const links = new Map(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    links.get(e.source)?.push({ other: e.target, e });
    links.get(e.target)?.push({ other: e.source, e });
  }

  const edgeLayer = svg('g', { class: 'edges', 'aria-hidden': 'true' });
  /** @type {Map<number, SVGElement[]>} */
  const edgeEls = new Map(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const line = svg('line', {
      x1: a.x.toFixed(1),
      y1: a.y.toFixed(1),
      x2: b.x.toFixed(1),
      y2: b.y.toFixed(1),
      class: e.overRepresented ? 'edge over' : 'edge',
      'stroke-width': (1 + 5 * (e.articles / maxShared)).toFixed(2),
    });
    edgeLayer.append(line);
    edgeEls.get(e.source)?.push(line);
    edgeEls.get(e.target)?.push(line);
  }

  const nodeLayer = svg('g', { class: 'nodes' });
  const kindName = (/** @type {string} */ kind) => t.kinds[kindKey(kind)]?.one ?? kind;
  /** @type {SVGElement[]} */
  const nodeEls = [];
  graph.nodes.forEach((n, i) => {
    const p = /** @type {{x: number, y: number}} */ (pos.get(n.id));
    const r = radius(n);
    const above = labels.get(n.id) === 'above';
    const label = svg('text', {
      x: p.x.toFixed(1),
      y: (above ? p.y - r - font * 0.35 : p.y + r + font).toFixed(1),
      class: 'node-label',
      'text-anchor': 'middle',
      'font-size': font.toFixed(0),
    });
    label.textContent = n.name;
    const g = svg(
      'g',
      {
        class: `node k-${kindKey(n.kind)}${labels.has(n.id) ? ' labelled' : ''}`,
        role: 'button',
        tabindex: i === 0 ? 0 : -1,
        'data-id': n.id,
        'data-key': `node:${n.id}`,
        'aria-label': ct.nodeLabel(n.name, kindName(n.kind), n.articles, links.get(n.id)?.length ?? 0),
      },
      [svg('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }), label],
    );
    nodeLayer.append(g);
    nodeEls.push(g);
  });

  const graphEl = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'network-svg', role: 'group', 'aria-label': ct.networkGraphLabel }, [
    edgeLayer,
    nodeLayer,
  ]);
  const tip = h('div', { class: 'network-tip', role: 'status', 'aria-live': 'polite' });
  tip.hidden = true;
  const frame = h('div', { class: 'network-frame' }, [graphEl, tip, legend(ct)]);

  /** @param {number} id */
  const show = (id) => {
    const at = pos.get(id);
    if (!at) return;
    const { n } = at;
    for (const el of nodeEls) el.classList.toggle('dim', Number(el.getAttribute('data-id')) !== id && !isNeighbour(links, id, Number(el.getAttribute('data-id'))));
    for (const line of edgeLayer.children) line.classList.add('dim');
    for (const line of edgeEls.get(id) ?? []) line.classList.remove('dim');
    // The engine lists edges strongest first (shared articles, then lift), so each node's
    // links are in that order already.
    const strongest = (links.get(id) ?? []).slice(0, 4);
    tip.replaceChildren(
      h('strong', { text: n.name }),
      h('span', { class: 'tip-kind', text: ` · ${kindName(n.kind)} · ${ct.nodeArticles(n.articles)}` }),
      ...strongest.map((s) => h('span', { class: 'tip-line', text: ct.linkLine(pos.get(s.other)?.n.name ?? '', s.e.articles, liftText(s.e.lift, t.locale)) })),
      h('span', { class: 'tip-line muted', text: ct.clickToFilter }),
    );
    tip.hidden = false;
    // Beside the node, inside the frame (percentages of the drawing, which scales with it).
    tip.style.left = `${Math.min(62, (at.x / W) * 100 + 2)}%`;
    tip.style.top = `${Math.min(80, (at.y / H) * 100 + 2)}%`;
  };
  const hide = () => {
    tip.hidden = true;
    for (const el of nodeEls) el.classList.remove('dim');
    for (const line of edgeLayer.children) line.classList.remove('dim');
  };
  /** @param {EventTarget|null} target */
  const nodeOf = (target) => (target instanceof Element ? target.closest('g.node') : null);

  graphEl.addEventListener('pointerover', (ev) => {
    const node = nodeOf(ev.target);
    if (node) show(Number(node.getAttribute('data-id')));
  });
  graphEl.addEventListener('pointerleave', () => {
    const focused = nodeOf(graphEl.ownerDocument && /** @type {ShadowRoot|Document} */ (graphEl.getRootNode()).activeElement);
    if (focused) show(Number(focused.getAttribute('data-id')));
    else hide();
  });
  graphEl.addEventListener('focusin', (ev) => {
    const node = nodeOf(ev.target);
    if (node) show(Number(node.getAttribute('data-id')));
  });
  graphEl.addEventListener('focusout', (ev) => {
    if (!nodeOf(/** @type {FocusEvent} */ (ev).relatedTarget)) hide();
  });
  graphEl.addEventListener('click', (ev) => {
    const node = nodeOf(ev.target);
    if (node) ctx.onFilter(Number(node.getAttribute('data-id')));
  });
  graphEl.addEventListener('keydown', (ev) => {
    const node = nodeOf(ev.target);
    if (!node) return;
    const i = nodeEls.indexOf(/** @type {SVGElement} */ (node));
    let next = -1;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') next = (i + 1) % nodeEls.length;
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') next = (i - 1 + nodeEls.length) % nodeEls.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = nodeEls.length - 1;
    else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      ctx.onFilter(Number(node.getAttribute('data-id')));
      return;
    } else return;
    ev.preventDefault();
    ev.stopPropagation();
    node.setAttribute('tabindex', '-1');
    nodeEls[next].setAttribute('tabindex', '0');
    /** @type {any} */ (nodeEls[next]).focus();
  });
  return frame;
}

/**
 * Which names get a label at rest, and where: the largest first, below its
 * circle or else above it, only where the label (its width estimated from its
 * length) overlaps no earlier label and stays inside the drawing. Labels may
 * cross circles: their halo keeps them readable.
 * @param {import('../collection.js').GraphNode[]} nodes largest first
 * @param {(n: import('../collection.js').GraphNode) => number} radius
 * @param {number} font
 * @returns {Map<number, 'below'|'above'>}
 */
function placeLabels(nodes, radius, font) {
  /** @type {Array<[number, number, number, number]>} */
  const boxes = [];
  /** @type {Map<number, 'below'|'above'>} */
  const out = new Map();
  for (const n of nodes) {
    if (out.size >= LABELLED) break;
    const r = radius(n);
    const [x, y] = [n.x * W, n.y * H];
    const half = (n.name.length * font * 0.56) / 2;
    /** @type {Array<['below'|'above', [number, number, number, number]]>} */
    const tries = [
      ['below', [x - half, y + r + 2, x + half, y + r + font * 1.25]],
      ['above', [x - half, y - r - font * 1.25, x + half, y - r - 2]],
    ];
    for (const [where, box] of tries) {
      const hits = (/** @type {number[]} */ b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1];
      if (box[0] < 0 || box[2] > W || box[1] < 0 || box[3] > H || boxes.some(hits)) continue;
      boxes.push(box);
      out.set(n.id, where);
      break;
    }
  }
  return out;
}

/**
 * @param {Map<number, Array<{ other: number }>>} links
 * @param {number} a
 * @param {number} b
 */
function isNeighbour(links, a, b) {
  return (links.get(a) ?? []).some((l) => l.other === b);
}

/** @param {import('./collection-strings.js').CollectionStrings} ct */
function legend(ct) {
  return h('p', { class: 'network-legend small' }, [
    h('span', { class: 'legend-line over', 'aria-hidden': 'true' }),
    ` ${ct.legendOver} `,
    h('span', { class: 'legend-line', 'aria-hidden': 'true' }),
    ` ${ct.legendOther}`,
  ]);
}

/**
 * The same data as tables: the names (with a button to filter), the links.
 * @param {NetworkContext} ctx
 * @param {Graph} graph
 */
function renderTables(ctx, graph) {
  const { t, ct } = ctx;
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const kindName = (/** @type {string} */ kind) => t.kinds[kindKey(kind)]?.one ?? kind;
  const nodes = h('table', { class: 'data-table network-nodes' }, [
    h('caption', { text: ct.nodesTable }),
    h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: ct.colName }), h('th', { scope: 'col', text: ct.colKind }), h('th', { scope: 'col', class: 'num', text: ct.colArticles })])]),
    h(
      'tbody',
      {},
      graph.nodes.map((n) =>
        h('tr', {}, [
          h('th', { scope: 'row' }, [
            h('button', { type: 'button', class: 'link-button', 'data-filter-entity': String(n.id), 'aria-label': ct.filterBy(n.name), text: n.name }),
          ]),
          h('td', {}, [h('span', { class: `swatch k-${kindKey(n.kind)}`, 'aria-hidden': 'true' }), ` ${kindName(n.kind)}`]),
          h('td', { class: 'num', text: t.count(n.articles) }),
        ]),
      ),
    ),
  ]);
  const edges = h('table', { class: 'data-table network-edges' }, [
    h('caption', { text: ct.edgesTable }),
    h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: ct.colPair }), h('th', { scope: 'col', class: 'num', text: ct.colShared }), h('th', { scope: 'col', class: 'num', text: ct.colLift })])]),
    h(
      'tbody',
      {},
      graph.edges.map((e) =>
        h('tr', { class: e.overRepresented ? 'over' : '' }, [
          h('th', { scope: 'row', text: `${names.get(e.source) ?? e.source} – ${names.get(e.target) ?? e.target}` }),
          h('td', { class: 'num', text: t.count(e.articles) }),
          h('td', { class: 'num' }, [liftText(e.lift, t.locale), e.overRepresented ? h('span', { class: 'over-note', text: ` (${ct.overRepresented})` }) : null]),
        ]),
      ),
    ),
  ]);
  for (const table of [nodes, edges]) {
    table.addEventListener('click', (ev) => {
      const b = ev.target instanceof Element ? ev.target.closest('button[data-filter-entity]') : null;
      if (b) ctx.onFilter(Number(b.getAttribute('data-filter-entity')));
    });
  }
  return [h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': ct.nodesTable }, [nodes]), h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': ct.edgesTable }, [edges])];
}

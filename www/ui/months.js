// @ts-check
/**
 * Names over time: the entity view's timeline (articles per month as bars,
 * mentions in each bar's label and in the table, undated articles counted
 * apart), and the share of a chosen name drawn into the results histogram.
 *
 * The counts come from the wasm (`timeline()`: per month the name's articles
 * and mentions and all articles of the results); nothing is counted here.
 *
 * @module ui/months
 */

import { h } from './dom.js';

/**
 * @typedef {import('../collection.js').MonthCount} MonthCount
 * @typedef {import('../collection.js').Undated} Undated
 */

/**
 * The entity view's "Zeitverlauf".
 * @param {import('../i18n.js').Strings} t
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {MonthCount[]} months
 * @param {Undated} undated
 */
export function renderEntityTimeline(t, ct, months, undated) {
  const section = h('section', { class: 'entity-timeline', 'aria-labelledby': 'entity-timeline-heading' }, [
    h('h3', { id: 'entity-timeline-heading', class: 'small-heading', text: ct.timelineHeading }),
  ]);
  const shown = months.filter((m) => m.articles > 0);
  if (shown.length === 0) section.append(h('p', { class: 'muted small', text: ct.timelineNone }));
  else {
    const max = Math.max(1, ...months.map((m) => m.articles));
    const bars = h('div', { class: 'bars month-bars', role: 'img', 'aria-label': `${ct.timelineChart}: ${shown.map((m) => ct.timelineBar(t.date(m.month), m.articles, m.mentions)).join('; ')}` });
    for (const m of months) {
      const fill = h('span', { class: 'bar-fill' });
      fill.style.setProperty('--h', String(m.articles / max));
      bars.append(h('span', { class: `bar${m.articles === 0 ? ' empty' : ''}`, title: ct.timelineBar(t.date(m.month), m.articles, m.mentions) }, [fill]));
    }
    section.append(
      bars,
      h('div', { class: 'axis', 'aria-hidden': 'true' }, [
        h('span', { text: t.dateShort(months[0].month) }),
        months.length > 1 ? h('span', { text: t.dateShort(months[months.length - 1].month) }) : null,
      ]),
      h('details', { class: 'table-details small' }, [
        h('summary', { text: ct.tableSummary }),
        h('table', { class: 'data-table' }, [
          h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: ct.colMonth }), h('th', { scope: 'col', class: 'num', text: ct.colArticles }), h('th', { scope: 'col', class: 'num', text: ct.colMentions })])]),
          h('tbody', {}, shown.map((m) => h('tr', {}, [h('th', { scope: 'row', text: t.date(m.month) }), h('td', { class: 'num', text: t.count(m.articles) }), h('td', { class: 'num', text: t.count(m.mentions) })]))),
        ]),
      ]),
    );
  }
  if (undated.articles > 0) {
    section.append(h('p', { class: 'undated small' }, [h('span', { class: 'nodate-swatch', 'aria-hidden': 'true' }), ct.timelineUndated(undated.articles, undated.mentions)]));
  }
  return section;
}

/**
 * Draws the share of name `name` into the histogram bars in `slot` (buttons
 * `.bar[data-from][data-to]`, months or years), extends their labels, and
 * says how many undated articles have it.
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {HTMLElement} slot the timeline's slot
 * @param {string} name
 * @param {MonthCount[]} months
 * @param {Undated} undated
 */
export function drawShare(ct, slot, name, months, undated) {
  for (const bar of slot.querySelectorAll('.bars .bar')) {
    const el = /** @type {HTMLElement} */ (bar);
    const from = el.dataset.from;
    const to = el.dataset.to ?? from;
    bar.querySelector('.bar-share')?.remove();
    if (!from || !to) continue;
    let mine = 0;
    let all = 0;
    for (const m of months) {
      if (m.month >= from && m.month <= to) {
        mine += m.articles;
        all += m.results;
      }
    }
    const fill = /** @type {HTMLElement|null} */ (bar.querySelector('.bar-fill'));
    if (!fill || all === 0) continue;
    const share = h('span', { class: 'bar-share', 'aria-hidden': 'true' });
    share.style.setProperty('--s', String(mine / all));
    fill.append(share);
    const label = el.dataset.label ?? el.getAttribute('aria-label') ?? '';
    el.dataset.label = label;
    const text = label + ct.shareBar(name, mine, Math.round((mine / all) * 100));
    el.setAttribute('aria-label', text);
    el.setAttribute('title', text);
  }
  slot.querySelector('.share-undated')?.remove();
  if (undated.results > 0) {
    slot.querySelector('.timeline')?.append(h('p', { class: 'share-undated small', text: ct.shareUndated(name, undated.articles, undated.results) }));
  }
}

/**
 * The "Anteil zeigen von [name]" select for the histogram.
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {Array<{ id: number, name: string }>} names the current results' names, most frequent first
 * @param {number|null} chosen
 * @param {(id: number|null) => void} onChange
 */
export function renderShareSelect(ct, names, chosen, onChange) {
  const select = h('select', { id: 'share-entity', class: 'field', 'data-key': 'share-entity' }, [
    h('option', { value: '', text: ct.shareNone }),
    ...names.map((n) => h('option', { value: String(n.id), text: n.name })),
  ]);
  select.value = chosen === null ? '' : String(chosen);
  select.addEventListener('change', () => onChange(select.value === '' ? null : Number(select.value)));
  return h('div', { class: 'range-field share-field' }, [h('label', { for: 'share-entity', class: 'field-label', text: ct.shareLabel }), select]);
}

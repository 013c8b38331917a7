// @ts-check
/**
 * Time: a histogram of the results' dates (per month, per year when the span
 * is long), the date-range selects, and the articles without a date. The
 * bars are buttons (one tab stop, arrow keys move) that pick their month or
 * year as the range; each says its count, and the same numbers are in a table.
 *
 * @module ui/timeline
 */

import { h } from './dom.js';

/** Above this many months the bars count years. */
const MAX_MONTH_BARS = 48;

/**
 * @typedef {import('./results.js').ViewContext} ViewContext
 * @typedef {{ date: string, count: number }} DateCount
 * @typedef {{ label: string, from: string, to: string, count: number }} Bin
 */

/** @param {string} ym */
const monthIndex = (ym) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
/** @param {number} i */
const monthOf = (i) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * Every month from the first to the last (of the dates and the chosen range).
 * @param {DateCount[]} dates
 * @param {Array<string|null>} extra
 * @returns {string[]}
 */
export function monthSpan(dates, extra) {
  const all = [...dates.map((d) => d.date), ...extra].filter((d) => typeof d === 'string' && /^\d{4}-\d{2}$/.test(d));
  if (all.length === 0) return [];
  const idx = all.map(/** @param {any} d */ (d) => monthIndex(d));
  const lo = Math.min(...idx);
  const hi = Math.max(...idx);
  if (hi - lo > 12 * 200) return [monthOf(lo), monthOf(hi)]; // absurd dates: do not list centuries
  const out = [];
  for (let i = lo; i <= hi; i++) out.push(monthOf(i));
  return out;
}

/**
 * The bars: one per month, or per year when there are too many months.
 * @param {ViewContext} ctx
 * @param {DateCount[]} dates
 * @param {string[]} months
 * @returns {{ bins: Bin[], years: boolean }}
 */
function binsOf(ctx, dates, months) {
  const counts = new Map(dates.map((d) => [d.date, d.count]));
  if (months.length <= MAX_MONTH_BARS) {
    return { years: false, bins: months.map((m) => ({ label: ctx.t.date(m), from: m, to: m, count: counts.get(m) ?? 0 })) };
  }
  /** @type {Map<string, number>} */
  const years = new Map();
  for (const m of months) years.set(m.slice(0, 4), (years.get(m.slice(0, 4)) ?? 0) + (counts.get(m) ?? 0));
  return { years: true, bins: [...years].map(([y, count]) => ({ label: y, from: `${y}-01`, to: `${y}-12`, count })) };
}

/**
 * @param {ViewContext} ctx
 * @param {{ dates: DateCount[], undated: number }} result
 * @param {{ failed: boolean }|null} [pending] the histogram is not counted yet (a lazy
 *   search's first answer: it comes with the facets), or (`failed`) could not be
 * @returns {HTMLElement}
 */
export function renderTimeline(ctx, result, pending = null) {
  const { t, state } = ctx;
  const section = h('section', { class: 'timeline', part: 'timeline', 'aria-labelledby': 'timeline-heading' }, [
    h('h2', { id: 'timeline-heading', class: 'side-heading', text: t.timelineHeading }),
  ]);
  if (pending) {
    section.append(h('p', { class: 'muted small dates-pending', role: 'status', text: pending.failed ? t.datesFailed : t.datesCounting }));
    return section;
  }
  const dates = Array.isArray(result.dates) ? result.dates.filter((d) => d && typeof d.date === 'string') : [];
  const undated = Number(result.undated) || 0;
  const months = monthSpan(dates, [state.from, state.to]);
  const dated = dates.reduce((n, d) => n + d.count, 0);

  if (months.length > 0 && dated > 0) {
    const { bins, years } = binsOf(ctx, dates, months);
    const max = Math.max(1, ...bins.map((b) => b.count));
    const inRange = (/** @type {Bin} */ b) =>
      (state.from !== null || state.to !== null) && (!state.from || b.to >= state.from) && (!state.to || b.from <= state.to);
    const chart = h('div', { class: 'bars', role: 'group', 'aria-label': years ? t.timelineChartYears : t.timelineChart });
    let tabStop = bins.findIndex((b) => b.count > 0 && inRange(b));
    if (tabStop < 0) tabStop = bins.findIndex((b) => b.count > 0);
    bins.forEach((b, i) => {
      const fill = h('span', { class: 'bar-fill' });
      fill.style.setProperty('--h', String(b.count / max));
      const selected = inRange(b);
      if (b.count === 0) {
        chart.append(h('span', { class: `bar empty${selected ? ' in-range' : ''}`, 'aria-hidden': 'true' }, [fill]));
        return;
      }
      const label = t.timelineBar(b.label, b.count, selected);
      chart.append(
        h('button', {
          type: 'button',
          class: `bar${selected ? ' in-range' : ''}`,
          'data-action': 'pick-range',
          'data-from': b.from,
          'data-to': b.to,
          'data-key': `bar:${b.from}`,
          'aria-label': label,
          'aria-pressed': String(selected && state.from === b.from && state.to === b.to),
          title: label,
          tabindex: i === tabStop ? '0' : '-1',
        }, [fill]),
      );
    });
    section.append(
      chart,
      h('div', { class: 'axis', 'aria-hidden': 'true' }, [
        h('span', { text: bins[0].label }),
        bins.length > 1 ? h('span', { text: bins[bins.length - 1].label }) : null,
      ]),
      h('p', { class: 'timeline-summary small', text: t.datedSummary(dated, t.dateRange(months[0], months[months.length - 1])) }),
    );
    const table = h('table', { class: 'date-table' }, [
      h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: years ? t.tableYear : t.tableMonth }), h('th', { scope: 'col', text: t.tableCount })])]),
      h('tbody', {}, bins.filter((b) => b.count > 0).map((b) => h('tr', {}, [h('th', { scope: 'row', text: b.label }), h('td', { text: t.count(b.count) })]))),
    ]);
    section.append(h('details', { class: 'table-details small' }, [h('summary', { text: t.tableSummary }), table]));
  } else {
    section.append(h('p', { class: 'muted small', text: t.noDates }));
  }

  if (undated > 0) {
    const hidden = state.from !== null || state.to !== null;
    section.append(
      h('p', { class: `undated small${hidden ? ' is-hidden' : ''}` }, [
        h('span', { class: 'nodate-swatch', 'aria-hidden': 'true' }),
        t.undated(undated),
        hidden ? ` – ${t.undatedHidden}` : '',
      ]),
    );
  }

  if (months.length > 0) section.append(renderRangeSelects(ctx, months));
  return section;
}

/**
 * "Von … bis …" month selects and the reset button.
 * @param {ViewContext} ctx
 * @param {string[]} months
 */
function renderRangeSelects(ctx, months) {
  const { t, state } = ctx;
  /** @param {string} id @param {string} label @param {string} any @param {string|null} value */
  const select = (id, label, any, value) => {
    const el = h('select', { id, class: 'field', 'data-action': 'set-range', 'data-key': id }, [
      h('option', { value: '', text: any }),
      ...months.map((m) => h('option', { value: m, text: t.dateShort(m) })),
    ]);
    el.value = value ?? '';
    return h('div', { class: 'range-field' }, [h('label', { for: id, class: 'field-label', text: label }), el]);
  };
  return h('div', { class: 'range' }, [
    select('date-from', t.fromLabel, t.fromAny, state.from),
    select('date-to', t.toLabel, t.toAny, state.to),
    state.from || state.to
      ? h('button', { type: 'button', class: 'link-button reset-dates', 'data-action': 'clear-dates', 'data-key': 'reset-dates', text: t.resetDates })
      : null,
  ]);
}

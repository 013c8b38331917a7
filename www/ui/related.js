// @ts-check
/**
 * What the reader adds for exploring a collection: related articles
 * („Ähnliche Artikel“, ranked in the wasm by shared entities and distinctive
 * words, each with what it shares) and a jump to the first and the next
 * mention of a name in the open text.
 *
 * @module ui/related
 */

import { h, dateElement } from './dom.js';
import { kindKey } from './kinds.js';

/**
 * @param {import('../i18n.js').Strings} t
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {import('../collection.js').RelatedHit[]} hits
 * @param {(patch: { article: number }) => string} href
 */
export function renderRelated(t, ct, hits, href) {
  const section = h('section', { class: 'related', 'aria-labelledby': 'related-heading' }, [
    h('h3', { id: 'related-heading', class: 'small-heading', text: ct.relatedHeading }),
  ]);
  if (hits.length === 0) {
    section.append(h('p', { class: 'muted small', text: ct.relatedEmpty }));
    return section;
  }
  const list = h('ol', { class: 'related-list' });
  for (const hit of hits) {
    const why = [...hit.entities.map((e) => e.name), ...hit.words];
    list.append(
      h('li', { 'data-id': String(hit.id) }, [
        h('a', { href: href({ article: hit.id }), 'data-article': String(hit.id), 'data-key': `related:${hit.id}`, text: hit.title }),
        h('span', { class: 'small muted related-meta' }, [
          ' · ',
          dateElement(t, hit.date),
          ` · ${ct.relatedScore(hit.score)}`,
        ]),
        why.length > 0 ? h('p', { class: 'small muted related-why', text: ct.relatedWhy(why) }) : null,
      ]),
    );
  }
  section.append(list);
  return section;
}

/**
 * "Erwähnungen von [name] – Erste Erwähnung – Nächste Erwähnung" for the
 * reader `detail` (its mentions are `a[data-entity]` in `.reader-body`).
 * @param {import('../i18n.js').Strings} t
 * @param {import('./collection-strings.js').CollectionStrings} ct
 * @param {HTMLElement} reader the reader element
 * @param {Array<{ id: number, name: string, kind: string, mentions: number }>} entities
 */
export function renderMentionJump(t, ct, reader, entities) {
  if (entities.length === 0) return null;
  const select = h('select', { id: 'mention-entity', class: 'field', 'data-key': 'mention-entity' },
    entities.map((e) => h('option', { value: String(e.id), text: `${e.name} (${t.kinds[kindKey(e.kind)]?.one ?? e.kind})` })));
  const status = h('span', { class: 'small muted mention-status', role: 'status', 'aria-live': 'polite' });
  let index = -1;
  const mentions = () => [...reader.querySelectorAll(`.reader-body a[data-entity="${CSS.escape(select.value)}"], .reader-title a[data-entity="${CSS.escape(select.value)}"]`)];
  /** @param {'first'|'next'} which */
  const jump = (which) => {
    const all = mentions();
    for (const el of reader.querySelectorAll('.mention-current')) el.classList.remove('mention-current');
    if (all.length === 0) {
      status.textContent = ct.noMention;
      return;
    }
    index = which === 'first' ? 0 : (index + 1) % all.length;
    const el = /** @type {HTMLElement} */ (all[index]);
    el.classList.add('mention-current');
    // Focus stays on the button (Enter again goes on); the status line says where.
    el.scrollIntoView({ block: 'center' });
    status.textContent = ct.mentionPosition(index + 1, all.length);
  };
  select.addEventListener('change', () => {
    index = -1;
    status.textContent = '';
  });
  const first = h('button', { type: 'button', class: 'button', 'data-key': 'first-mention', text: ct.firstMention });
  const next = h('button', { type: 'button', class: 'button', 'data-key': 'next-mention', text: ct.nextMention });
  first.addEventListener('click', () => jump('first'));
  next.addEventListener('click', () => jump(index < 0 ? 'first' : 'next'));
  return h('div', { class: 'mention-jump' }, [
    h('label', { for: 'mention-entity', class: 'field-label', text: ct.mentionsLabel }),
    select,
    first,
    next,
    status,
  ]);
}

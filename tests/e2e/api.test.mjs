// The JS API's engine calls in a real browser: the start page, entity references and the
// facet box each come from one call of the wasm module, and bad options are errors that
// name the option (validated once, in Rust). Asserts properties, not seed counts.
//
//   EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/api.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPage } from './browser.mjs';

const BASE = process.env.EXPLORER_URL;
if (!BASE) throw new Error('EXPLORER_URL is not set (see README.md, "Tests").');

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Runs `fn(explorer)` in the page and returns what it returns. */
async function withExplorer(fn) {
  const { context, page, problems } = await openPage(browser, { timeout: 8_000 });
  try {
    await page.goto(BASE);
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    const out = await page.evaluate(`(async () => { const ex = await document.querySelector('article-explorer').explorer; return (${fn})(ex); })()`);
    assert.deepEqual(problems, []);
    return out;
  } finally {
    await context.close();
  }
}

test('the start page is one call: every article, entity counts as a filtered search gives them, all dates', { timeout: 20_000 }, async () => {
  const r = await withExplorer((ex) => {
    const all = ex.overview();
    const plain = ex.overview({ demonyms: false, sort: 'newest' });
    const top = plain.facets.slice(0, 5).map((f) => ({ count: f.count, search: ex.search('', { entities: [f.id], demonyms: false, limit: 0 }).total }));
    return {
      total: all.total,
      articles: ex.articles().length,
      listed: all.articles.length,
      dated: all.dates.reduce((n, d) => n + d.count, 0) + all.undated,
      counts: all.facets.map((f) => f.count),
      named: all.facets.every((f) => typeof f.name === 'string' && f.name.length > 0),
      top,
      newest: plain.articles.map((a) => a.date),
      range: [all.first, all.last, all.dates[0]?.date ?? null, all.dates.at(-1)?.date ?? null],
    };
  });
  assert.equal(r.total, r.articles);
  assert.equal(r.listed, r.articles);
  assert.equal(r.dated, r.total);
  assert.deepEqual(r.counts, [...r.counts].sort((a, b) => b - a), 'most mentioned first');
  assert.ok(r.named);
  for (const t of r.top) assert.equal(t.count, t.search);
  const dated = r.newest.filter(Boolean);
  assert.deepEqual(dated, [...dated].sort().reverse(), 'newest first');
  assert.deepEqual(r.newest.slice(dated.length), r.newest.filter((d) => !d), 'undated last');
  assert.equal(r.range[0], r.range[2]);
  assert.equal(r.range[1], r.range[3]);
});

test('the start page counting demonyms names every entity entities() lists, with its article count, in the same order', { timeout: 20_000 }, async () => {
  // What a lazy page's catalog lists instead of entities() (www/ui/catalog.js; the lazy build's
  // own check is in hosted-lazy-catalog.test.mjs).
  const r = await withExplorer(async (ex) => {
    const short = (/** @type {any} */ e) => ({ id: e.id, name: e.name, kind: e.kind, count: e.count });
    const listed = ex.entities();
    // The rounds of an entity's reference (lazy mode's) resolve at once here; a bad id is an argument error.
    const rounds = await ex.fetchForEntityRefs([listed[0].id]);
    const bad = await ex.fetchForEntityRefs([-1]).then(() => 'resolved', (/** @type {any} */ e) => `${e.code}: ${e.message}`);
    return { facets: ex.overview({ demonyms: true, limit: 0 }).facets.map(short), listed: listed.map(short), rounds, bad };
  });
  assert.ok(r.listed.length > 5, 'the seeds have entities');
  assert.deepEqual(r.facets, r.listed);
  assert.deepEqual(r.rounds, { files: 0, bytes: 0, rounds: 0 });
  assert.match(r.bad, /^argument: fetchForEntityRefs\(\): ids must be an array of entity ids/);
});

test('entity references and the facet box are read by the engine, as the query language reads them', { timeout: 20_000 }, async () => {
  const r = await withExplorer((ex) => {
    const e = ex.entities()[0];
    if (!e) return null;
    const prefix = { person: 'person', country: 'staat', place: 'ort', organization: 'org', event: 'ereignis' }[e.kind];
    return {
      id: e.id,
      byId: ex.resolveEntity(String(e.id)),
      byName: ex.resolveEntity(e.name),
      byKind: ex.resolveEntity(`${prefix}:${e.name}`),
      byStart: ex.resolveEntity(e.name.slice(0, Math.max(4, e.name.length - 1))) !== null,
      nobody: ex.resolveEntity('xqzvjwkq'),
      ref: ex.resolveEntity(ex.entityRef(e.id)),
      listedRefs: ex.entities().filter((x) => x.ref !== ex.entityRef(x.id)).map((x) => x.id),
      shouted: [...ex.entitiesNamed(e.name.toUpperCase())].includes(e.id),
      blank: ex.entitiesNamed(' ').length === ex.entities().length,
      none: ex.entitiesNamed('xqzvjwkq').length,
    };
  });
  if (r === null) return; // a build without entities
  assert.equal(r.byId, r.id);
  assert.equal(r.byName, r.id);
  assert.equal(r.byKind, r.id);
  assert.ok(r.byStart);
  assert.equal(r.nobody, null);
  assert.equal(r.ref, r.id);
  assert.deepEqual(r.listedRefs, [], 'entities() gives each entity the reference entityRef() gives');
  assert.ok(r.shouted);
  assert.ok(r.blank);
  assert.equal(r.none, 0);
});

test('a bad option is an "argument" error naming it, and the old calls keep working', { timeout: 20_000 }, async () => {
  const r = await withExplorer((ex) => {
    const errors = [];
    for (const [call, run] of [
      ['limit', () => ex.search('a', { limit: -1 })],
      ['sort', () => ex.search('a', { sort: 'sideways' })],
      ['from', () => ex.search('a', { from: '2019-13' })],
      ['entities', () => ex.entity(0, { entities: 'x' })],
      ['id', () => ex.article('x')],
      ['query', () => ex.search(7)],
    ]) {
      try {
        run();
        errors.push({ call, thrown: false });
      } catch (e) {
        errors.push({ call, thrown: true, code: e.code, name: e.name, message: e.message });
      }
    }
    const hits = ex.search('Pjöngjang', { limit: 3, offset: 0, sort: 'relevance', demonyms: true, from: '', to: null });
    const first = hits.hits[0];
    return {
      errors,
      hits: hits.hits.length,
      article: first ? ex.article(first.id, { query: 'Pjöngjang' }).paragraphs.length : 1,
      entity: ex.entities().length ? typeof ex.entity(ex.entities()[0].id, { query: 'Pjöngjang' }).name : 'string',
    };
  });
  for (const e of r.errors) {
    assert.ok(e.thrown, `${e.call}: no error`);
    assert.equal(e.code, 'argument', `${e.call}: ${e.message}`);
    assert.equal(e.name, 'ExplorerError');
    assert.ok(e.message.includes(e.call), `${e.call} not named in: ${e.message}`);
  }
  assert.ok(r.hits >= 1 && r.hits <= 3);
  assert.ok(r.article >= 1);
  assert.equal(r.entity, 'string');
});

// The collection views through the JS API in real Chromium: the network, timelines,
// related articles and the exports, each export parsed back and compared with the API's
// own answer. Properties that hold for any corpus with entities, not seed counts.
//
//   EXPLORER_URL=http://127.0.0.1:8123/ node --test tests/e2e/collection-api.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, gotoReady, api, entities, needEntities, WORD } from './ui-helpers.mjs';
import { parseCsv } from './collection-helpers.mjs';

useBrowser();

test('exported results parse back to what search() answers, as CSV and as JSON', async () => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  const answer = await api(page, (ex, word) => {
    const search = ex.search(word, { limit: 1000, sort: 'newest' });
    return {
      search,
      csv: ex.exportResults(word, { sort: 'newest' }, 'csv'),
      json: ex.exportResults(word, { sort: 'newest' }, 'json'),
    };
  }, WORD);
  assert.ok(answer.search.total > 0, `${WORD} is found`);
  const rows = parseCsv(answer.csv);
  assert.deepEqual(rows[0], ['id', 'title', 'date', 'source', 'file', 'score', 'url']);
  assert.equal(rows.length - 1, answer.search.total);
  const json = JSON.parse(answer.json);
  assert.equal(json.total, answer.search.total);
  answer.search.hits.forEach((hit, i) => {
    const [id, title, date, , file, score] = rows[i + 1];
    assert.equal(Number(id), hit.id);
    assert.equal(title, hit.title);
    assert.equal(date, hit.date ?? '');
    assert.equal(file, hit.file);
    assert.ok(Math.abs(Number(score) - hit.score) <= 5e-5, `${score} ~ ${hit.score}`);
    const j = json.results[i];
    assert.deepEqual([j.id, j.title, j.date, j.file], [hit.id, hit.title, hit.date, hit.file]);
    assert.ok(Math.abs(j.score - hit.score) <= 5e-5);
  });
  assert.deepEqual(problems, []);
});

test('the exported entity table parses back to the facets of the same search', async (t) => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  if (needEntities(t, await entities(page))) return;
  const answer = await api(page, (ex, word) => ({
    facets: ex.search(word, { limit: 1 }).facets,
    csv: ex.exportEntities(word, {}, 'csv'),
    json: JSON.parse(ex.exportEntities(word, {}, 'json')),
  }), WORD);
  const rows = parseCsv(answer.csv);
  assert.deepEqual(rows[0], ['id', 'name', 'kind', 'articles', 'mentions']);
  assert.equal(rows.length - 1, answer.facets.length);
  for (const f of answer.facets) {
    const row = rows.find((r) => Number(r[0]) === f.id);
    assert.ok(row, `${f.name} is in the table`);
    assert.deepEqual([row[1], row[2], Number(row[3])], [f.name, f.kind, f.count]);
    const j = answer.json.entities.find((e) => e.id === f.id);
    assert.deepEqual([j.name, j.kind, j.articles], [f.name, f.kind, f.count]);
    assert.ok(j.mentions >= j.articles);
  }
  assert.deepEqual(problems, []);
});

test('graph(), related() and entity().timeline have the documented shapes', async (t) => {
  const { page, problems } = await openPage();
  await gotoReady(page);
  const list = await entities(page);
  if (needEntities(t, list)) return;
  const answer = await api(page, (ex, id) => {
    const first = ex.articles()[0].id;
    return {
      graph: ex.graph({ query: '', limit: 30 }),
      again: ex.graph({ query: '', limit: 30 }),
      related: ex.related(first, { limit: 3 }),
      first,
      entity: ex.entity(id),
      bad: (() => {
        try {
          ex.graph({ from: 'gestern' });
          return null;
        } catch (e) {
          return { name: e.name, code: e.code, message: e.message };
        }
      })(),
    };
  }, list[0].id);
  const { graph } = answer;
  assert.ok(graph.nodes.length > 0 && graph.nodes.length <= 30);
  assert.deepEqual(graph, answer.again, 'the same layout every time');
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const n of graph.nodes) {
    assert.deepEqual(Object.keys(n).sort(), ['articles', 'id', 'kind', 'name', 'r', 'x', 'y']);
    assert.ok(n.x >= 0 && n.x <= 1 && n.y >= 0 && n.y <= 1);
  }
  for (const e of graph.edges) {
    assert.ok(ids.has(e.source) && ids.has(e.target) && e.source < e.target);
    assert.ok(e.articles >= 1 && e.lift > 0);
  }
  assert.ok(answer.related.hits.length <= 3);
  for (const h of answer.related.hits) {
    assert.notEqual(h.id, answer.first, 'never the article itself');
    for (const k of ['id', 'file', 'title', 'date', 'score']) assert.ok(k in h, k);
  }
  const { entity } = answer;
  assert.ok(Array.isArray(entity.timeline));
  for (const m of entity.timeline) assert.match(m.month, /^\d{4}-\d{2}$/);
  const sum = entity.timeline.reduce((n, m) => n + m.articles, 0) + entity.undated.articles;
  assert.equal(sum, entity.articles.length, 'dated + undated = its articles');
  assert.equal(answer.bad?.code, 'argument');
  assert.match(answer.bad?.message ?? '', /options\.from/);
  assert.deepEqual(problems, []);
});

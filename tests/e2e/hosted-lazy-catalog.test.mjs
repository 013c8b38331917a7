// Browser end-to-end tests of the lazy hosted page's catalog (www/ui/catalog.js) and service
// worker: the page is ready without the entity table (no ENTS or ALIA file: its entity list
// is the start page's facets), names an entity in the URL once the engine gave its reference,
// opens a link that names one, and keeps only what it fetched for an offline reload.
//
// Run by `cargo xtask test` with hosted-lazy.test.mjs (the same build and variables). By hand:
//   ARTICLES_TEXT_CHUNK=1024 ARTICLES_LAZY_FILE=1024 cargo xtask dist --hosted --lazy
//   cargo xtask serve --port 8931 --no-build --hosted --lazy &
//   EXPLORER_LAZY_URL=http://127.0.0.1:8931/ EXPLORER_LAZY_DIST=$PWD/dist-lazy \
//     node --test tests/e2e/hosted-lazy-catalog.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage as openBrowserPage, untilKept } from './browser.mjs';

const BASE = process.env.EXPLORER_LAZY_URL;
const DIST = process.env.EXPLORER_LAZY_DIST;
if (!BASE || !DIST) {
  throw new Error('EXPLORER_LAZY_URL and EXPLORER_LAZY_DIST are not set: see the top of this file.');
}

/** A word of the seed articles, found in some of them but not all. */
const WORD = 'Gipfeltreffen';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** A fresh page that records problems (browser.mjs) and every index file it fetches, in order. */
async function openPage() {
  const opened = await openBrowserPage(browser, { timeout: 8_000 });
  /** @type {string[]} */
  const files = [];
  opened.page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/index/')) files.push(path.slice('/index/'.length));
  });
  return { ...opened, files };
}

/** @param {import('playwright-core').Page} page @param {string} [hash] */
async function ready(page, hash = '') {
  await page.goto(new URL(hash, BASE).href);
  await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
  await page.locator('.collection-list > li').first().waitFor();
}

/**
 * The files of the build's root (docs/HOSTED.md, `crates/index/src/lazy/root.rs`'s
 * `parse_root`): each section's file by its tag, each row table's chunk files and (lazy
 * format 6) the alias shards.
 * @returns {{ sections: Map<string, string>, rows: Map<string, string[]>, aliases: string[] }}
 */
function rootFiles() {
  const dir = join(DIST, 'index');
  const root = readFileSync(join(dir, readFileSync(join(dir, 'ROOT'), 'utf8').trim()));
  assert.equal(root.subarray(0, 8).toString('latin1'), 'AEXPLAZY');
  const body = root.subarray(20);
  const name = (/** @type {string} */ kind, /** @type {number} */ at) => `${kind}-${body.readBigUInt64LE(at).toString(16).padStart(16, '0')}.bin`;
  let at = 8; // the article count, then the shard table
  for (let n = body.readUInt32LE(4); n > 0; n--) at += 2 + body.readUInt16LE(at) + 12;
  const sections = new Map();
  for (let n = body.readUInt32LE(at), i = (at += 4, 0); i < n; i++, at += 16) sections.set(body.subarray(at, at + 4).toString('latin1'), name('s', at + 4));
  const rows = new Map();
  for (let n = body.readUInt32LE(at), i = (at += 4, 0); i < n; i++) {
    const tag = body.subarray(at, at + 4).toString('latin1');
    const chunks = body.readUInt32LE(at + 8);
    at += 12;
    const files = [];
    for (let c = 0; c < chunks; c++, at += 16) files.push(name('a', at + 4));
    rows.set(tag, files);
  }
  const aliases = [];
  for (let n = body.readUInt32LE(at), i = (at += 4, 0); i < n; i++) {
    at += 2 + body.readUInt16LE(at);
    aliases.push(name('d', at));
    at += 12;
  }
  assert.equal(at, body.length, 'the whole root read');
  return { sections, rows, aliases };
}

test('a lazy page is ready without the entity table (no ENTS or ALIA file), and its entity list is what entities() lists, in its order', { timeout: 30_000 }, async () => {
  const { sections, rows, aliases } = rootFiles();
  const entityFiles = new Set([sections.get('ENTS'), sections.get('ALIA'), ...(rows.get('ENTS') ?? []), ...aliases]);
  assert.ok(entityFiles.size >= 4 && !entityFiles.has(undefined) && aliases.length > 0, 'the build has the entity table and the alias map (whole and in shards) as files');
  for (const f of entityFiles) assert.ok(readdirSync(join(DIST, 'index')).includes(f), f);
  const { context, page, problems, files } = await openPage();
  try {
    await ready(page);
    const atReady = [...files];
    assert.ok(atReady.length >= 3, `the root and what ready read: ${atReady}`);
    assert.deepEqual(atReady.filter((f) => entityFiles.has(f)), [], `ready fetched no entity table: ${atReady}`);
    const r = await page.evaluate(async (base) => {
      const { catalogOf } = await import(new URL('ui/catalog.js', base).href);
      const ex = await document.querySelector('article-explorer').asyncExplorer;
      const catalog = await catalogOf(ex);
      const shown = catalog.entities.map((/** @type {any} */ e) => ({ id: e.id, name: e.name, kind: e.kind, count: e.count }));
      await ex.fetchForEntities();
      const listed = (await ex.entities()).map((/** @type {any} */ e) => ({ id: e.id, name: e.name, kind: e.kind, count: e.count }));
      return { shown, listed, lazy: catalog.lazy };
    }, BASE);
    assert.equal(r.lazy, true);
    assert.ok(r.listed.length > 5, 'the seeds have entities');
    assert.deepEqual(r.shown, r.listed, 'every entity, its article count, in the engine\'s order');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a search on a lazy page reads no entity table, and a facet selected writes the entity\'s reference (its name) into the URL, as other builds do', { timeout: 30_000 }, async () => {
  const { sections, rows } = rootFiles();
  const entityTable = new Set([sections.get('ENTS'), ...(rows.get('ENTS') ?? [])]);
  const { context, page, problems, files } = await openPage();
  try {
    await ready(page);
    await page.locator('#q').fill(WORD);
    await page.locator(`#list-view[data-query=${JSON.stringify(WORD)}]`).waitFor({ state: 'attached' });
    await page.locator('ol.hits > li.hit').first().waitFor();
    await page.locator('li.facet').first().waitFor(); // counted after the hits are drawn
    assert.ok(files.some((f) => /^[dp]-/.test(f)), 'the search fetched its dictionary files');
    // (The alias map it may read, in shards since lazy format 6: the engine looks up whether a word names an entity, src/search/expand.rs.)
    assert.deepEqual(files.filter((f) => entityTable.has(f)), [], 'its facets are named without the entity table');
    const input = page.locator('li.facet input').first();
    const id = Number(((await input.getAttribute('id')) ?? '').replace('f-', ''));
    await input.check();
    await page.locator(`.active-filters button[data-id="${id}"]`).waitFor();
    const { ref, bad } = await page.evaluate(async (id) => {
      const ex = await document.querySelector('article-explorer').asyncExplorer;
      const bad = await ex.fetchForEntityRefs([1.5]).then(() => 'resolved', (/** @type {any} */ e) => e.code);
      await ex.fetchForEntityRefs([id]);
      return { ref: await ex.entityRef(id), bad };
    }, id);
    assert.notEqual(ref, String(id), 'the seeds\' entities are named by their names');
    assert.equal(bad, 'argument', 'an id that is not one is refused (through the worker)');
    await page.waitForFunction((ref) => new URLSearchParams(location.hash.slice(1)).getAll('e').includes(ref), ref);
    assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('q'), WORD);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link naming an entity (#ent=, #e=) opens it on a lazy page, and the URL keeps its name', { timeout: 40_000 }, async () => {
  let pick;
  {
    const { context, page } = await openPage();
    try {
      await ready(page);
      pick = await page.evaluate(async () => {
        const ex = await document.querySelector('article-explorer').asyncExplorer;
        await ex.fetchForEntities();
        return (await ex.entities()).find((/** @type {any} */ e) => e.name.includes(' ') && e.ref === e.name) ?? null;
      });
    } finally {
      await context.close();
    }
  }
  assert.ok(pick, 'an entity of several words, named by its name');
  const { context, page, problems } = await openPage();
  try {
    const hash = `#${new URLSearchParams([['e', pick.name], ['ent', pick.name]])}`;
    await ready(page, hash);
    await page.locator(`article.entity-view[data-id="${pick.id}"]`).waitFor();
    assert.equal(((await page.locator('#entity-title').textContent()) ?? '').trim(), pick.name);
    await page.locator(`.active-filters button[data-id="${pick.id}"]`).waitFor();
    // The page wrote its state (the ids first, lazy mode), then again once it had the references.
    await page.waitForFunction((hash) => location.hash === hash, hash);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the lazy service worker precaches the page and the root only; the sections ready read are kept through it, so an offline reload is ready', { timeout: 40_000 }, async () => {
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const precached = JSON.parse(/const FILES = (\[[^\]]*\]);/.exec(worker)?.[1] ?? '[]');
  const root = readFileSync(join(DIST, 'index', 'ROOT'), 'utf8').trim();
  assert.ok(precached.includes('./index/ROOT') && precached.includes(`./index/${root}`), 'the root is precached');
  assert.deepEqual(precached.filter((/** @type {string} */ u) => u.startsWith('./index/') && !u.endsWith('/ROOT') && !u.endsWith(root)), [], 'no other index file is');
  const { context, page, problems } = await openPage();
  try {
    await ready(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 20_000 });
    // sw-register.js asks again, through the worker, for what the page fetched before it ran it:
    // every index file ready read (its sections among them, and the start page's row chunks).
    const kept = await untilKept(page);
    assert.ok(kept.some((f) => f.startsWith('s-')), 'ready read sections');
    await context.setOffline(true);
    await page.reload();
    await page.locator('article-explorer[state="ready"]').waitFor({ state: 'attached' });
    await page.locator('.collection-list > li').first().waitFor();
    // The reload may cut an index file the page was still receiving (kept already, as waited for).
    assert.deepEqual(problems.filter((p) => !/^request failed: \S*\/index\/[a-z]-[0-9a-f]{16}\.bin \(net::ERR_ABORTED\)$/.test(p)), []);
  } finally {
    await context.setOffline(false);
    await context.close();
  }
});

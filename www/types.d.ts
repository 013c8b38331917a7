// The contract between the engine (Rust -> WebAssembly) and JavaScript, declared once.
//
// The Rust DTOs in src/wasm/dto.rs follow these shapes; tests/wasm.rs checks every answer's
// keys against this file. wasm-bindgen copies it into pkg/article_explorer.d.ts; the JS
// modules import the types with JSDoc (`@typedef {import('./types.js').Hit} Hit`).
// Shapes may gain fields, never lose or rename them. Ranges are [start, end) in UTF-16 code
// units (JS string indices) of the string they belong to. Dates are "YYYY-MM".

/** [start, end) in UTF-16 code units of the string it belongs to; sorted, not overlapping. */
export type Range = [number, number];
export type EntityKind = "person" | "country" | "place" | "organization" | "event";
export type MentionKind = "name" | "demonym";
/** `caption`, `title`, `heading`, `paragraph`, `boilerplate`; treat unknown kinds like `paragraph`. */
export type BlockKind = "caption" | "title" | "heading" | "paragraph" | "boilerplate";
export type Sort = "relevance" | "newest" | "oldest";

/**
 * An article in a list. `date` is "YYYY-MM" or null; `titleDerived`: no title line, taken from
 * the text. `source` (the outlet), `authors`, `url` (the original, always http or https) and
 * `language` (a tag such as "de") as the input gave them: null or [] when unknown.
 */
export interface ArticleSummary {
  id: number;
  file: string;
  title: string;
  titleDerived: boolean;
  date: string | null;
  source: string | null;
  authors: string[];
  url: string | null;
  language: string | null;
}

/** `pending` (hosted mode): the article's text is not loaded yet, `text` is empty. */
export interface Snippet {
  text: string;
  highlights: Range[];
  pending: boolean;
}

/** One search result. */
export interface Hit extends ArticleSummary {
  score: number;
  snippet: Snippet;
  titleHighlights: Range[];
}

/** A word read as another spelling. */
export interface LoosenedCorrected {
  kind: "corrected";
  word: string;
  instead: string[];
}
/** A word left out because it occurs nowhere. */
export interface LoosenedDropped {
  kind: "dropped";
  word: string;
}
/** An entity filter (`person:…`) naming nobody. */
export interface LoosenedUnknownEntity {
  kind: "unknownEntity";
  filter: string;
}
/** How the engine loosened the query. */
export type Loosened = LoosenedCorrected | LoosenedDropped | LoosenedUnknownEntity;

/** An entity with the number of current results that mention it. */
export interface Facet {
  id: number;
  name: string;
  kind: EntityKind;
  count: number;
}

/** A source (outlet) or an author with the number of current results from them. */
export interface MetaFacet {
  name: string;
  count: number;
}

export interface DateCount {
  date: string;
  count: number;
}

/**
 * The answer to `search()`. `facets`: entities over all matching articles, most first;
 * selected entities are always included. `sourceFacets`, `authorFacets`: the same for
 * sources and authors (exact counts over all matching articles; selected names the index
 * knows always included). `dates`, `undated`: matching articles per month
 * before the date filter. `echo`: the query as a heading may quote it (whitespace
 * collapsed, cut at a word with "…"). `facetsPending`: asked with `{ facets: false }`, so
 * `facets`, `sourceFacets`, `authorFacets` and the histogram (`dates`, `undated`) were not
 * counted (empty and 0, not zero).
 */
export interface SearchResults {
  total: number;
  hits: Hit[];
  loosened: Loosened[];
  facets: Facet[];
  sourceFacets: MetaFacet[];
  authorFacets: MetaFacet[];
  facetsPending: boolean;
  dates: DateCount[];
  undated: number;
  echo: string;
}

/** The start page: the untouched collection (`overview()`). `first`, `last`: its first and last month. */
export interface Overview {
  total: number;
  articles: ArticleSummary[];
  facets: Facet[];
  sourceFacets: MetaFacet[];
  authorFacets: MetaFacet[];
  dates: DateCount[];
  undated: number;
  first: string | null;
  last: string | null;
}

export interface ParagraphMention {
  entity: number;
  start: number;
  end: number;
  kind: MentionKind;
}

export interface Paragraph {
  kind: BlockKind;
  text: string;
  highlights: Range[];
  mentions: ParagraphMention[];
}

export interface ArticleEntity {
  id: number;
  name: string;
  kind: EntityKind;
  mentions: number;
}

/** One article for the reader; `highlights` mark the query passed to `article()`. */
export interface Article extends ArticleSummary {
  paragraphs: Paragraph[];
  titleHighlights: Range[];
  entities: ArticleEntity[];
}

/**
 * A recognised entity: `count` articles mention it, `mentions` times in all. `ref`: how a
 * link writes it, as `entityRef(id)` answers (its name when that finds it again, else its id).
 */
export interface EntityInfo {
  id: number;
  name: string;
  kind: EntityKind;
  count: number;
  mentions: number;
  aliases: string[];
  ref: string;
}

/** A mention with the words around it. */
export interface InContext {
  article: number;
  before: string;
  mention: string;
  after: string;
  kind: MentionKind;
}

/** An entity named with another more often than chance (`lift` > 1). */
export interface Cooccurrence {
  id: number;
  name: string;
  kind: EntityKind;
  count: number;
  lift: number;
}

/**
 * One entity within the results of a search. `articles`: the page of its articles in scope
 * that `limit`/`offset` ask for (every one without `limit`), in the engine's order;
 * `articlesTotal` counts them all. `mentionsInResults` counts its mentions in all of them;
 * `textPending` (hosted mode): articles whose texts would add lines once loaded.
 */
export interface EntityView extends EntityInfo {
  articles: ArticleSummary[];
  articlesTotal: number;
  inContext: InContext[];
  cooccurring: Cooccurrence[];
  spellings: string[];
  mentionsInResults: number;
  textPending: number[];
}

/** Hosted mode: a text chunk to fetch (`file` relative to the text folder), `bytes` its text as stored (gzip; 0 in a lazy build while its entry has not come; a lazy build's file also carries its article's head and entry, some 60 bytes more). */
export interface MissingChunk {
  chunk: number;
  file: string;
  bytes: number;
}

/** What one `loadText()` call fetched: chunk files and their size as transferred. */
export interface TextLoad {
  chunks: number;
  bytes: number;
}

/**
 * What one `fetchFor()` call fetched (lazy hosted mode): index files, their bytes as
 * received, and in how many rounds (dictionary shards, then postings packs, then row
 * chunks, sections). Every `fetchFor…()` call (`fetchForArticle()`, `fetchForEntities()`,
 * `fetchForEntityRefs(ids: number[])` (1.9: the rounds of `entityRef(id)` for each), …)
 * answers the same.
 */
export interface IndexLoad {
  files: number;
  bytes: number;
  rounds: number;
  /** `fetchFor()` in a lazy build: the text chunks of the page of hits it fetched too. */
  texts?: TextLoad;
}

/** One round of `missingForPage` (the wasm module's): index files and text chunks to fetch. */
export interface PageRound {
  files: string[];
  texts: MissingChunk[];
}

// ---------------------------------------------------------------- options (validated in Rust)

/**
 * entities: only articles mentioning all of them; from/to: "YYYY-MM", inclusive;
 * demonyms: count adjective mentions („nordkoreanisch“) (default true);
 * sources: only articles from one of these sources; authors: only articles by all of these
 * authors (exact names, as in `sourceFacets`/`authorFacets`; an unknown name matches nothing);
 * facets: count the facets and the date histogram (default true); false answers the hits
 * and the notices without them (`facetsPending`): in lazy hosted mode a page of hits needs
 * the rows of its own hits, the facets those of every match and every article's date, so a
 * page shows its hits first.
 */
export interface SearchOptions {
  limit?: number;
  offset?: number;
  entities?: number[];
  from?: string;
  to?: string;
  sort?: Sort;
  demonyms?: boolean;
  sources?: string[];
  authors?: string[];
  facets?: boolean;
}

/** The search whose results the entity view looks at, and the page of its articles to list (`limit`, `offset`). */
export interface EntityOptions {
  query?: string;
  limit?: number;
  offset?: number;
  entities?: number[];
  from?: string;
  to?: string;
  demonyms?: boolean;
  sources?: string[];
  authors?: string[];
}

/** Mark this query's matches in the paragraphs. */
export interface ArticleOptions {
  query?: string;
}

/** The page of the overview (every article by default), its order, and how entities count. */
export interface OverviewOptions {
  limit?: number;
  offset?: number;
  sort?: Sort;
  demonyms?: boolean;
}

// ---------------------------------------------------------------- as the wasm module sends them

/**
 * `search()` as the module answers it. The default and hosted builds send the facets as
 * `[entity id, count, ...]` in one typed array, `facetCounts` (thousands of objects cost
 * more made in wasm), which explorer.js names from `entities()`; a lazy build names them
 * itself, `facets`, and sends no `facetCounts` (naming them from `entities()` would need
 * every entity's record): exactly one of the two.
 */
export interface RawSearchResults {
  total: number;
  hits: Hit[];
  loosened: Loosened[];
  facetCounts?: Uint32Array;
  facets?: Facet[];
  sourceFacets: MetaFacet[];
  authorFacets: MetaFacet[];
  facetsPending: boolean;
  dates: DateCount[];
  undated: number;
  echo: string;
}

/** `overview()` as the module answers it (facets as in `RawSearchResults`). */
export interface RawOverview {
  total: number;
  articles: ArticleSummary[];
  facetCounts?: Uint32Array;
  facets?: Facet[];
  sourceFacets: MetaFacet[];
  authorFacets: MetaFacet[];
  dates: DateCount[];
  undated: number;
  first: string | null;
  last: string | null;
}

// ---------------------------------------------------------------- across the worker boundary

/** What failed, as `ExplorerError.code` says it. */
export type ErrorCode = "load" | "index" | "argument" | "call" | "text";

/**
 * An error as it crosses from the worker of `createExplorer({ worker: true })`
 * (runtime/worker.js): the page throws an `ExplorerError` with this code and message.
 */
export interface WireError {
  code: ErrorCode;
  message: string;
}

/**
 * The worker's answer to `open`: the methods of the synchronous API this build has (the
 * worker-backed explorer forwards those), and the build's mode.
 */
export interface WorkerOpened {
  methods: string[];
  hosted: boolean;
  lazy: boolean;
}

//! The JavaScript boundary: the only module with `#[wasm_bindgen]`.
//!
//! A thin translator. It turns JS arguments into Rust options, calls [`crate::Explorer`],
//! and maps the answers to DTOs: plain JS objects with camelCase fields (through
//! `serde-wasm-bindgen`), dates as `"YYYY-MM"`, kinds as lowercase strings, absent values as
//! `null`, and every byte range converted to UTF-16 offsets, the unit of JS string indices.
//! Every export returns `Result`; errors become JS `Error`s with the message of the Rust
//! error.

use crate::{ArticleId, EntityId};
use serde::Serialize;
use std::ops::Range;
use wasm_bindgen::prelude::*;

mod dto;
mod options;
// The collection views (network, timelines, related articles, exports): issue 19.
mod collection;

use dto::*;
use options::JsOptions;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** An article in a list. `date` is "YYYY-MM" or null. */
export interface ArticleInfo { id: number; file: string; title: string; titleDerived: boolean; date: string | null; }
/** [start, end) in UTF-16 code units (JS string indices) of the string it belongs to. */
export type Range = [number, number];
/** `pending`: hosted mode, the article's text is not loaded yet (`text` is empty). */
export interface Snippet { text: string; highlights: Range[]; pending: boolean; }
export interface Hit extends ArticleInfo { score: number; snippet: Snippet; titleHighlights: Range[]; }
/** How the engine loosened the query: a word read as another spelling, a word left out, an unknown entity filter. */
export type Loosened = { kind: "corrected"; word: string; instead: string[] } | { kind: "dropped"; word: string } | { kind: "unknownEntity"; filter: string };
export type EntityKind = "person" | "country" | "place" | "organization" | "event";
export type MentionKind = "name" | "demonym";
export interface Facet { id: number; name: string; kind: EntityKind; count: number; }
export interface DateCount { date: string; count: number; }
/** `facetCounts`: `[entity id, matching articles, ...]`, most first (ties by name); explorer.js turns them into `facets: Facet[]`. */
export interface SearchResults { total: number; hits: Hit[]; loosened: Loosened[]; facetCounts: Uint32Array; dates: DateCount[]; undated: number; }
/** entities: only articles mentioning all of them; from/to: "YYYY-MM" (inclusive); sort: "relevance" | "newest" | "oldest"; demonyms: count adjective mentions (default true). */
export interface SearchOptions { limit?: number; offset?: number; entities?: number[]; from?: string; to?: string; sort?: string; demonyms?: boolean; }
export type BlockKind = "caption" | "title" | "heading" | "paragraph" | "boilerplate";
export interface ParagraphMention { entity: number; start: number; end: number; kind: MentionKind; }
export interface Paragraph { kind: BlockKind; text: string; highlights: Range[]; mentions: ParagraphMention[]; }
export interface ArticleEntity { id: number; name: string; kind: EntityKind; mentions: number; }
export interface Article extends ArticleInfo { paragraphs: Paragraph[]; titleHighlights: Range[]; entities: ArticleEntity[]; }
export interface ArticleOptions { query?: string; }
export interface EntityInfo { id: number; name: string; kind: EntityKind; count: number; mentions: number; aliases: string[]; }
export interface InContext { article: number; before: string; mention: string; after: string; kind: MentionKind; }
export interface Cooccurrence { id: number; name: string; kind: EntityKind; count: number; lift: number; }
/** `mentions` counts the whole collection, `mentionsInResults` the articles in scope. */
/** `textPending`: hosted mode, articles whose texts would add lines in context once loaded. */
export interface EntityView extends EntityInfo { articles: ArticleInfo[]; inContext: InContext[]; cooccurring: Cooccurrence[]; spellings: string[]; mentionsInResults: number; textPending: number[]; }
/** Hosted mode: a text chunk to fetch (`file` relative to the text folder), `bytes` as stored (gzip). */
export interface MissingChunk { chunk: number; file: string; bytes: number; }
export interface EntityOptions extends SearchOptions { query?: string; }
"#;

/// The explorer over the index embedded in this module.
#[wasm_bindgen(js_name = Explorer)]
pub struct JsExplorer {
    inner: crate::Explorer<'static>,
}

/// Hosted mode only (the `chunks` feature): a default build has none of these, and the JS API
/// reads their absence as "texts embedded".
#[cfg(feature = "chunks")]
#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// Hosted mode: the article texts are not in this module but in text chunks.
    #[wasm_bindgen(js_name = isHosted)]
    pub fn is_hosted(&self) -> bool {
        self.inner.is_hosted()
    }

    /// Whether the text of article `id` is at hand (always, unless hosted).
    #[wasm_bindgen(js_name = textLoaded)]
    pub fn text_loaded(&self, id: u32) -> bool {
        self.inner.text_loaded(ArticleId(id))
    }

    /// The text chunks to fetch before the texts of `ids` can be read, each once.
    #[wasm_bindgen(js_name = missingTexts, unchecked_return_type = "MissingChunk[]")]
    pub fn missing_texts(&self, ids: Vec<u32>) -> Result<JsValue, JsError> {
        let missing = self
            .inner
            .missing_texts(ids.into_iter().map(ArticleId))
            .map_err(to_js_error)?;
        let list: Vec<MissingChunkDto> = missing
            .iter()
            .map(|m| MissingChunkDto {
                chunk: m.chunk,
                file: &m.file,
                bytes: m.stored_len,
            })
            .collect();
        to_js(&list)
    }

    /// Hands over text chunk `chunk`, decompressed; throws (naming the chunk's file) if the
    /// bytes are not that chunk of this build.
    #[wasm_bindgen(js_name = addTextChunk)]
    pub fn add_text_chunk(&mut self, chunk: u32, bytes: Vec<u8>) -> Result<(), JsError> {
        self.inner.add_text_chunk(chunk, bytes).map_err(to_js_error)
    }
}

#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// Open the embedded index. Throws if it is damaged or of another format version.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<JsExplorer, JsError> {
        #[cfg(debug_assertions)]
        install_panic_hook();
        Ok(JsExplorer {
            inner: crate::Explorer::embedded().map_err(to_js_error)?,
        })
    }

    /// Every article: `[{ id, file, title, titleDerived, date }]`.
    #[wasm_bindgen(unchecked_return_type = "ArticleInfo[]")]
    pub fn articles(&self) -> Result<JsValue, JsError> {
        let list: Vec<ArticleDto> = self
            .inner
            .articles()
            .map_err(to_js_error)?
            .iter()
            .map(ArticleDto::from)
            .collect();
        to_js(&list)
    }

    /// Every recognised entity, mentioned in most articles first.
    #[wasm_bindgen(unchecked_return_type = "EntityInfo[]")]
    pub fn entities(&self) -> Result<JsValue, JsError> {
        let list: Vec<EntityDto> = self
            .inner
            .entities()
            .map_err(to_js_error)?
            .iter()
            .map(EntityDto::from)
            .collect();
        to_js(&list)
    }

    /// Search with filters, facet counts and a date histogram.
    #[wasm_bindgen(unchecked_return_type = "SearchResults")]
    pub fn search(
        &self,
        query: &str,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = JsOptions::new(options)?.search()?;
        let results = self.inner.search(query, &options).map_err(to_js_error)?;
        let dto = SearchResultsDto {
            total: results.total,
            hits: results
                .hits
                .iter()
                .map(|h| HitDto {
                    info: ArticleDto::from(&h.article),
                    score: h.score,
                    snippet: match &h.snippet {
                        Some(s) => SnippetDto {
                            highlights: utf16_ranges(&s.text, &s.highlights),
                            text: s.text.clone(),
                            pending: false,
                        },
                        None => SnippetDto {
                            highlights: Vec::new(),
                            text: String::new(),
                            pending: true,
                        },
                    },
                    title_highlights: utf16_ranges(h.article.title, &h.title_highlights),
                })
                .collect(),
            loosened: results.loosened.iter().map(LoosenedDto::from).collect(),
            dates: results
                .dates
                .iter()
                .map(|d| DateCountDto {
                    date: format_date(d.date),
                    count: d.count,
                })
                .collect(),
            undated: results.undated,
        };
        let out = to_js(&dto)?;
        // Facets travel as numbers, `[id, count, id, count, ...]`, in one typed array: a
        // frequent word has thousands, and an object per facet (with its name as a fresh JS
        // string) costs more made here than in JS. explorer.js adds the names.
        let flat: Vec<u32> = results
            .facets
            .iter()
            .flat_map(|f| [f.id.0, u32::try_from(f.count).unwrap_or(u32::MAX)])
            .collect();
        js_sys::Reflect::set(
            &out,
            &JsValue::from_str("facetCounts"),
            &js_sys::Uint32Array::from(flat.as_slice()),
        )
        .map_err(|_| JsError::new("search(): could not attach the facets"))?;
        Ok(out)
    }

    /// One article for the reader, with entity mentions; with `{ query }`, its matches are
    /// marked.
    #[wasm_bindgen(unchecked_return_type = "Article")]
    pub fn article(
        &self,
        id: u32,
        #[wasm_bindgen(unchecked_param_type = "ArticleOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let query = JsOptions::new(options)?.string("query")?;
        let view = self
            .inner
            .article(ArticleId(id), query.as_deref())
            .map_err(to_js_error)?;
        let dto = ArticleViewDto {
            info: ArticleDto::from(&view.summary),
            title_highlights: utf16_ranges(view.summary.title, &view.title_highlights),
            paragraphs: view
                .paragraphs
                .iter()
                .map(|p| {
                    let ranges: Vec<Range<usize>> =
                        p.mentions.iter().map(|m| m.range.clone()).collect();
                    let units = utf16_ranges(p.text, &ranges);
                    ParagraphDto {
                        kind: block_kind(p.kind),
                        text: p.text,
                        highlights: utf16_ranges(p.text, &p.highlights),
                        mentions: p
                            .mentions
                            .iter()
                            .zip(units)
                            .map(|(m, [start, end])| MentionDto {
                                entity: m.entity.0,
                                start,
                                end,
                                kind: mention_kind(m.kind),
                            })
                            .collect(),
                    }
                })
                .collect(),
            entities: view
                .entities
                .iter()
                .map(|e| ArticleEntityDto {
                    id: e.id.0,
                    name: e.name,
                    kind: entity_kind(e.kind),
                    mentions: e.mentions,
                })
                .collect(),
        };
        to_js(&dto)
    }

    /// One entity within the results of `{ query, entities, from, to }` (all articles when
    /// none): its articles, mentions in context, co-occurring entities, spellings.
    #[wasm_bindgen(unchecked_return_type = "EntityView")]
    pub fn entity(
        &self,
        id: u32,
        #[wasm_bindgen(unchecked_param_type = "EntityOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = JsOptions::new(options)?;
        let query = options.string("query")?.unwrap_or_default();
        let view = self
            .inner
            .entity(EntityId(id), &query, &options.search()?)
            .map_err(to_js_error)?;
        let dto = EntityViewDto {
            info: EntityDto::from(&view.summary),
            articles: view.articles.iter().map(ArticleDto::from).collect(),
            in_context: view
                .in_context
                .iter()
                .map(|c| InContextDto {
                    article: c.article.0,
                    before: c.before,
                    mention: c.mention,
                    after: c.after,
                    kind: mention_kind(c.kind),
                })
                .collect(),
            cooccurring: view
                .cooccurring
                .iter()
                .map(|c| CooccurrenceDto {
                    id: c.id.0,
                    name: c.name,
                    kind: entity_kind(c.kind),
                    count: c.count,
                    lift: c.lift,
                })
                .collect(),
            spellings: view.spellings.clone(),
            mentions_in_results: view.mentions_in_scope,
            text_pending: view.text_pending.iter().map(|a| a.0).collect(),
        };
        to_js(&dto)
    }

    /// The build's account of the corpus (articles indexed, files skipped and why).
    #[wasm_bindgen(js_name = buildSummary)]
    pub fn build_summary(&self) -> String {
        crate::BUILD_SUMMARY.to_owned()
    }
}
/// In debug builds, a panic prints its message to the console before the module traps
/// (release builds abort without formatting, to stay small; nothing there should panic).
#[cfg(debug_assertions)]
fn install_panic_hook() {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console, js_name = error)]
        fn console_error(message: &str);
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error(&format!("article-explorer panicked: {info}"))
        }));
    });
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn to_js_error(e: crate::IndexError) -> JsError {
    JsError::new(&e.to_string())
}

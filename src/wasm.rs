//! The JavaScript boundary: the only module with `#[wasm_bindgen]`.
//!
//! A thin translator. It turns JS arguments into Rust options, calls [`crate::Explorer`],
//! and maps the answers to DTOs: plain JS objects with camelCase fields (through
//! `serde-wasm-bindgen`), dates as `"YYYY-MM"`, absent values as `null`, and highlight ranges
//! converted from byte offsets to UTF-16 offsets, the unit of JS string indices. Every export
//! returns `Result`; errors become JS `Error`s with the message of the Rust error.

use crate::{ArticleId, ArticleSummary, BlockKind, Loosened, SearchOptions, YearMonth};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** An article in a list. `date` is "YYYY-MM" or null. */
export interface ArticleInfo { id: number; file: string; title: string; titleDerived: boolean; date: string | null; }
/** [start, end) in UTF-16 code units (JS string indices) of the string it belongs to. */
export type Range = [number, number];
export interface Snippet { text: string; highlights: Range[]; }
export interface Hit extends ArticleInfo { score: number; snippet: Snippet; titleHighlights: Range[]; }
/** How the engine loosened the query: a word read as another spelling, or left out. */
export type Loosened = { kind: "corrected"; word: string; instead: string[] } | { kind: "dropped"; word: string };
export interface SearchResults { total: number; hits: Hit[]; loosened: Loosened[]; }
export interface SearchOptions { limit?: number; offset?: number; }
export type BlockKind = "caption" | "title" | "heading" | "paragraph" | "boilerplate";
export interface Paragraph { kind: BlockKind; text: string; highlights: Range[]; }
export interface Article extends ArticleInfo { paragraphs: Paragraph[]; titleHighlights: Range[]; }
export interface ArticleOptions { query?: string; }
"#;

/// The explorer over the index embedded in this module.
#[wasm_bindgen(js_name = Explorer)]
pub struct JsExplorer {
    inner: crate::Explorer<'static>,
}

#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// Open the embedded index. Throws if it is damaged or of another format version.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<JsExplorer, JsError> {
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

    /// Search: `{ total, hits: [{ id, file, title, titleDerived, date, score, snippet: { text,
    /// highlights }, titleHighlights }] }`.
    #[wasm_bindgen(unchecked_return_type = "SearchResults")]
    pub fn search(
        &self,
        query: &str,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let o: SearchOptionsDto = from_js(options)?;
        let defaults = SearchOptions::default();
        let results = self
            .inner
            .search(
                query,
                SearchOptions {
                    limit: o.limit.unwrap_or(defaults.limit),
                    offset: o.offset.unwrap_or(defaults.offset),
                },
            )
            .map_err(to_js_error)?;
        let dto = SearchResultsDto {
            total: results.total,
            hits: results
                .hits
                .iter()
                .map(|h| HitDto {
                    info: ArticleDto::from(&h.article),
                    score: h.score,
                    snippet: SnippetDto {
                        highlights: utf16_ranges(&h.snippet.text, &h.snippet.highlights),
                        text: h.snippet.text.clone(),
                    },
                    title_highlights: utf16_ranges(h.article.title, &h.title_highlights),
                })
                .collect(),
            loosened: results.loosened.iter().map(LoosenedDto::from).collect(),
        };
        to_js(&dto)
    }

    /// One article for the reader; with `{ query }`, its matches are marked.
    #[wasm_bindgen(unchecked_return_type = "Article")]
    pub fn article(
        &self,
        id: u32,
        #[wasm_bindgen(unchecked_param_type = "ArticleOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let o: ArticleOptionsDto = from_js(options)?;
        let view = self
            .inner
            .article(ArticleId(id), o.query.as_deref())
            .map_err(to_js_error)?;
        let dto = ArticleViewDto {
            info: ArticleDto::from(&view.summary),
            title_highlights: utf16_ranges(view.summary.title, &view.title_highlights),
            paragraphs: view
                .paragraphs
                .iter()
                .map(|p| ParagraphDto {
                    kind: kind_name(p.kind),
                    text: p.text,
                    highlights: utf16_ranges(p.text, &p.highlights),
                })
                .collect(),
        };
        to_js(&dto)
    }

    /// The build's account of the corpus (articles indexed, files skipped and why).
    #[wasm_bindgen(js_name = buildSummary)]
    pub fn build_summary(&self) -> String {
        crate::BUILD_SUMMARY.to_owned()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleDto<'a> {
    id: u32,
    file: &'a str,
    title: &'a str,
    title_derived: bool,
    date: Option<String>,
}

impl<'a> From<&ArticleSummary<'a>> for ArticleDto<'a> {
    fn from(s: &ArticleSummary<'a>) -> Self {
        ArticleDto {
            id: s.id.0,
            file: s.file,
            title: s.title,
            title_derived: s.title_derived,
            date: s.date.map(format_date),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnippetDto {
    text: String,
    highlights: Vec<[u32; 2]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HitDto<'a> {
    #[serde(flatten)]
    info: ArticleDto<'a>,
    score: f32,
    snippet: SnippetDto,
    title_highlights: Vec<[u32; 2]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchResultsDto<'a> {
    total: usize,
    hits: Vec<HitDto<'a>>,
    loosened: Vec<LoosenedDto<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum LoosenedDto<'a> {
    Corrected {
        word: &'a str,
        instead: &'a [String],
    },
    Dropped {
        word: &'a str,
    },
}

impl<'a> From<&'a Loosened> for LoosenedDto<'a> {
    fn from(l: &'a Loosened) -> Self {
        match l {
            Loosened::Corrected { word, instead } => LoosenedDto::Corrected { word, instead },
            Loosened::Dropped { word } => LoosenedDto::Dropped { word },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParagraphDto<'a> {
    kind: &'static str,
    text: &'a str,
    highlights: Vec<[u32; 2]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleViewDto<'a> {
    #[serde(flatten)]
    info: ArticleDto<'a>,
    title_highlights: Vec<[u32; 2]>,
    paragraphs: Vec<ParagraphDto<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct SearchOptionsDto {
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ArticleOptionsDto {
    query: Option<String>,
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Caption => "caption",
        BlockKind::Title => "title",
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Boilerplate => "boilerplate",
    }
}

fn format_date(d: YearMonth) -> String {
    format!("{:04}-{:02}", d.year, d.month)
}

/// Byte ranges of `text` as UTF-16 code unit ranges. Ranges are sorted; a range that does not
/// fall on character boundaries is dropped rather than mis-placed.
pub fn utf16_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[u32; 2]> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut units = 0u32;
    let mut byte = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut to_units = |target: usize| -> Option<u32> {
        while byte < target {
            let (i, c) = chars.next()?;
            debug_assert_eq!(i, byte);
            byte += c.len_utf8();
            units += c.len_utf16() as u32;
        }
        (byte == target).then_some(units)
    };
    for r in ranges {
        if let (Some(s), Some(e)) = (to_units(r.start), to_units(r.end)) {
            out.push([s, e]);
        }
    }
    out
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("bad options: {e}")))
}

fn to_js_error(e: crate::IndexError) -> JsError {
    JsError::new(&e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_ranges_count_code_units() {
        let text = "Ä😀 Pjöngjang";
        let start = text.find("Pjöngjang").unwrap();
        let range = start..text.len();
        let r = utf16_ranges(text, std::slice::from_ref(&range));
        // Ä = 1 unit, 😀 = 2 units, space = 1.
        assert_eq!(r, [[4, 13]]);
    }

    #[test]
    fn ranges_off_char_boundaries_are_dropped() {
        let inside = 1..2;
        assert_eq!(
            utf16_ranges("Ä", std::slice::from_ref(&inside)),
            Vec::<[u32; 2]>::new()
        );
    }
}

//! The answer shapes sent to JS (DTOs), one per type of `www/types.d.ts`, and the
//! conversions from the engine's types: kinds as lowercase strings, dates as `"YYYY-MM"`,
//! byte ranges as UTF-16 ranges. No rule of the engine lives here, only the wire format.

use crate::overview::Overview;
use crate::{
    ArticleSummary, ArticleView, BlockKind, EntitySummary, EntityView, Facet, Loosened,
    MentionKind, MetaFacet, SearchResults, YearMonth,
};
use serde::ser::SerializeStruct;
use serde::Serialize;
use std::ops::Range;

/// The fields of a shape that others extend, for [`extends!`].
pub(super) trait Fields {
    const LEN: usize;
    fn fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error>;
    fn field_count(&self) -> usize {
        Self::LEN
    }
}

/// `Serialize` and [`Fields`] for a shape that others extend, each field with its JS name.
macro_rules! base {
    ($ty:ident { $($field:ident: $name:literal),* $(,)? }) => {
        impl Fields for $ty<'_> {
            const LEN: usize = [$($name),*].len();
            fn fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
                $(s.serialize_field($name, &self.$field)?;)*
                Ok(())
            }
        }
        impl Serialize for $ty<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut s = serializer.serialize_struct(stringify!($ty), Self::LEN)?;
                self.fields(&mut s)?;
                s.end()
            }
        }
    };
}

/// `Serialize` for a shape that extends another (`Hit` extends `ArticleSummary`): the fields
/// of its `info` first, then its own, in one JS object. serde's `#[serde(flatten)]` does the
/// same through a map serializer, a second copy of every field's code in the .wasm.
macro_rules! extends {
    ($ty:ident { $($field:ident: $name:literal),* $(,)? }) => {
        impl serde::Serialize for $ty<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                use $crate::wasm::dto::Fields;
                let len = self.info.field_count() + [$($name),*].len();
                let mut s = serializer.serialize_struct(stringify!($ty), len)?;
                self.info.fields(&mut s)?;
                $(s.serialize_field($name, &self.$field)?;)*
                s.end()
            }
        }
    };
}
pub(super) use extends;

/// `ArticleSummary`.
pub(super) struct ArticleDto<'a> {
    id: u32,
    file: &'a str,
    title: &'a str,
    title_derived: bool,
    date: Option<String>,
    source: Option<&'a str>,
    authors: Vec<&'a str>,
    url: Option<&'a str>,
    language: Option<&'a str>,
}

base!(ArticleDto {
    id: "id",
    file: "file",
    title: "title",
    title_derived: "titleDerived",
    date: "date",
    source: "source",
    authors: "authors",
    url: "url",
    language: "language",
});

impl<'a> From<&ArticleSummary<'a>> for ArticleDto<'a> {
    fn from(s: &ArticleSummary<'a>) -> Self {
        ArticleDto {
            id: s.id.0,
            file: s.file,
            title: s.title,
            title_derived: s.title_derived,
            date: s.date.map(format_date),
            source: s.meta.source,
            authors: s.meta.authors.clone(),
            url: s.meta.url,
            language: s.meta.language,
        }
    }
}

/// `EntityInfo`.
pub(super) struct EntityDto<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    count: u32,
    mentions: u32,
    aliases: Vec<&'a str>,
    /// How a link writes it (`Explorer::entity_ref`).
    reference: String,
}

base!(EntityDto {
    id: "id",
    name: "name",
    kind: "kind",
    count: "count",
    mentions: "mentions",
    aliases: "aliases",
    reference: "ref",
});

impl<'a> EntityDto<'a> {
    /// Entity `e`, which a link writes as `reference` (the engine's `entity_ref`).
    pub(super) fn new(e: &EntitySummary<'a>, reference: String) -> Self {
        EntityDto {
            id: e.id.0,
            name: e.name,
            kind: entity_kind(e.kind),
            count: e.articles,
            mentions: e.mentions,
            aliases: e.aliases.clone(),
            reference,
        }
    }
}

/// `Snippet`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnippetDto {
    text: String,
    highlights: Vec<[u32; 2]>,
    pending: bool,
}

/// `MissingChunk`.
#[cfg(feature = "chunks")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct MissingChunkDto<'a> {
    chunk: u32,
    file: &'a str,
    bytes: u32,
}

#[cfg(feature = "chunks")]
impl<'a> From<&'a crate::MissingChunk> for MissingChunkDto<'a> {
    fn from(m: &'a crate::MissingChunk) -> Self {
        MissingChunkDto {
            chunk: m.chunk,
            file: &m.file,
            bytes: m.stored_len,
        }
    }
}

/// `Hit`.
struct HitDto<'a> {
    info: ArticleDto<'a>,
    score: f32,
    snippet: SnippetDto,
    title_highlights: Vec<[u32; 2]>,
}

extends!(HitDto {
    score: "score",
    snippet: "snippet",
    title_highlights: "titleHighlights",
});

/// `DateCount`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DateCountDto {
    date: String,
    count: usize,
}

fn date_counts(dates: &[crate::DateCount]) -> Vec<DateCountDto> {
    dates
        .iter()
        .map(|d| DateCountDto {
            date: format_date(d.date),
            count: d.count,
        })
        .collect()
}

/// `MetaFacet`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MetaFacetDto<'a> {
    name: &'a str,
    count: usize,
}

fn meta_facets<'a>(facets: &[MetaFacet<'a>]) -> Vec<MetaFacetDto<'a>> {
    facets
        .iter()
        .map(|f| MetaFacetDto {
            name: f.name,
            count: f.count,
        })
        .collect()
}

/// `RawSearchResults` but `facetCounts` (a lazy build: `facets`), which `mod.rs` attaches.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SearchResultsDto<'a> {
    total: usize,
    hits: Vec<HitDto<'a>>,
    loosened: Vec<LoosenedDto<'a>>,
    source_facets: Vec<MetaFacetDto<'a>>,
    author_facets: Vec<MetaFacetDto<'a>>,
    facets_pending: bool,
    dates: Vec<DateCountDto>,
    undated: usize,
    echo: &'a str,
}

impl<'a> From<&'a SearchResults<'a>> for SearchResultsDto<'a> {
    fn from(results: &'a SearchResults<'a>) -> Self {
        SearchResultsDto {
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
            source_facets: meta_facets(&results.sources),
            author_facets: meta_facets(&results.authors),
            facets_pending: results.facets_pending,
            dates: date_counts(&results.dates),
            undated: results.undated,
            echo: &results.echo,
        }
    }
}

/// `RawOverview` but `facetCounts` (a lazy build: `facets`), which `mod.rs` attaches.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OverviewDto<'a> {
    total: usize,
    articles: Vec<ArticleDto<'a>>,
    source_facets: Vec<MetaFacetDto<'a>>,
    author_facets: Vec<MetaFacetDto<'a>>,
    dates: Vec<DateCountDto>,
    undated: usize,
    first: Option<String>,
    last: Option<String>,
}

impl<'a> From<&Overview<'a>> for OverviewDto<'a> {
    fn from(o: &Overview<'a>) -> Self {
        OverviewDto {
            total: o.total,
            articles: o.articles.iter().map(ArticleDto::from).collect(),
            source_facets: meta_facets(&o.sources),
            author_facets: meta_facets(&o.authors),
            dates: date_counts(&o.dates),
            undated: o.undated,
            first: o.first.map(format_date),
            last: o.last.map(format_date),
        }
    }
}

/// Facets as `[id, count, id, count, ...]`: names and kinds are added in JS from the entity
/// list (an object per facet, with its name as a fresh JS string, costs more made here).
#[cfg(not(feature = "lazy"))]
pub(super) fn facet_counts(facets: &[Facet<'_>]) -> Vec<u32> {
    facets
        .iter()
        .flat_map(|f| [f.id.0, u32::try_from(f.count).unwrap_or(u32::MAX)])
        .collect()
}

/// `Facet`: what a lazy build sends instead of `facetCounts` (its page has no entity list
/// to name them from).
#[cfg(feature = "lazy")]
#[derive(Serialize)]
pub(super) struct FacetDto<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    count: usize,
}

/// The facets named, in the engine's order.
#[cfg(feature = "lazy")]
pub(super) fn named_facets<'a>(facets: &[Facet<'a>]) -> Vec<FacetDto<'a>> {
    facets
        .iter()
        .map(|f| FacetDto {
            id: f.id.0,
            name: f.name,
            kind: entity_kind(f.kind),
            count: f.count,
        })
        .collect()
}

/// `Loosened`.
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
    UnknownEntity {
        filter: &'a str,
    },
}

impl<'a> From<&'a Loosened> for LoosenedDto<'a> {
    fn from(l: &'a Loosened) -> Self {
        match l {
            Loosened::Corrected { word, instead } => LoosenedDto::Corrected { word, instead },
            Loosened::Dropped { word } => LoosenedDto::Dropped { word },
            Loosened::UnknownEntity { filter } => LoosenedDto::UnknownEntity { filter },
        }
    }
}

/// `ParagraphMention`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MentionDto {
    entity: u32,
    start: u32,
    end: u32,
    kind: &'static str,
}

/// `Paragraph`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParagraphDto<'a> {
    kind: &'static str,
    text: &'a str,
    highlights: Vec<[u32; 2]>,
    mentions: Vec<MentionDto>,
}

/// `ArticleEntity`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleEntityDto<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    mentions: usize,
}

/// `Article`.
pub(super) struct ArticleViewDto<'a> {
    info: ArticleDto<'a>,
    title_highlights: Vec<[u32; 2]>,
    paragraphs: Vec<ParagraphDto<'a>>,
    entities: Vec<ArticleEntityDto<'a>>,
}

extends!(ArticleViewDto {
    title_highlights: "titleHighlights",
    paragraphs: "paragraphs",
    entities: "entities",
});

impl<'a> From<&ArticleView<'a>> for ArticleViewDto<'a> {
    fn from(view: &ArticleView<'a>) -> Self {
        ArticleViewDto {
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
        }
    }
}

/// `InContext`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InContextDto<'a> {
    article: u32,
    before: &'a str,
    mention: &'a str,
    after: &'a str,
    kind: &'static str,
}

/// `Cooccurrence`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CooccurrenceDto<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    count: usize,
    lift: f32,
}

/// `EntityView`.
pub(super) struct EntityViewDto<'a> {
    info: EntityDto<'a>,
    articles: Vec<ArticleDto<'a>>,
    articles_total: usize,
    in_context: Vec<InContextDto<'a>>,
    cooccurring: Vec<CooccurrenceDto<'a>>,
    spellings: Vec<&'a str>,
    mentions_in_results: usize,
    text_pending: Vec<u32>,
}

extends!(EntityViewDto {
    articles: "articles",
    articles_total: "articlesTotal",
    in_context: "inContext",
    cooccurring: "cooccurring",
    spellings: "spellings",
    mentions_in_results: "mentionsInResults",
    text_pending: "textPending",
});

impl<'a> EntityViewDto<'a> {
    /// The view of an entity that a link writes as `reference`.
    pub(super) fn new(view: &EntityView<'a>, reference: String) -> Self {
        EntityViewDto {
            info: EntityDto::new(&view.summary, reference),
            articles: view.articles.iter().map(ArticleDto::from).collect(),
            articles_total: view.articles_total,
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
        }
    }
}

fn block_kind(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Caption => "caption",
        BlockKind::Title => "title",
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Boilerplate => "boilerplate",
    }
}

/// The kind as the JS API names it (one table, shared with the exports).
use crate::collection::export::kind_name as entity_kind;

fn mention_kind(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Name => "name",
        MentionKind::Demonym => "demonym",
    }
}

fn format_date(d: YearMonth) -> String {
    format!("{:04}-{:02}", d.year, d.month)
}

/// Byte ranges of `text` as UTF-16 code unit ranges, one per input range (sorted input).
/// A range that does not fall on character boundaries becomes an empty range at the next
/// boundary rather than a mis-placed one.
pub(super) fn utf16_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[u32; 2]> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut units = 0u32;
    let mut byte = 0usize;
    let mut chars = text.chars();
    let mut to_units = |target: usize| -> u32 {
        while byte < target {
            let Some(c) = chars.next() else {
                break;
            };
            byte += c.len_utf8();
            units += c.len_utf16() as u32;
        }
        units
    };
    for r in ranges {
        let s = to_units(r.start);
        let e = to_units(r.end).max(s);
        out.push([s, e]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_ranges_count_code_units() {
        let text = "Ä😀 Pjöngjang";
        let start = text.find("Pjöngjang").unwrap();
        let range = start..text.len();
        // Ä = 1 unit, 😀 = 2 units, space = 1.
        assert_eq!(utf16_ranges(text, std::slice::from_ref(&range)), [[4, 13]]);
    }

    #[test]
    fn one_output_range_per_input_range() {
        let inside = 1..2;
        assert_eq!(utf16_ranges("Ä", std::slice::from_ref(&inside)).len(), 1);
    }
}

//! The answer shapes sent to JS (DTOs): plain serde structs with camelCase fields, one per
//! type in `www/types.d.ts`, and the conversions of kinds, dates and byte ranges they need.

use crate::{ArticleSummary, BlockKind, EntityKind, Loosened, MentionKind, YearMonth};
use serde::Serialize;
use std::ops::Range;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArticleDto<'a> {
    pub(super) id: u32,
    pub(super) file: &'a str,
    pub(super) title: &'a str,
    pub(super) title_derived: bool,
    pub(super) date: Option<String>,
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
pub(super) struct EntityDto<'a> {
    pub(super) id: u32,
    pub(super) name: &'a str,
    pub(super) kind: &'static str,
    pub(super) count: u32,
    pub(super) mentions: u32,
    pub(super) aliases: Vec<&'a str>,
}

impl<'a> From<&crate::EntitySummary<'a>> for EntityDto<'a> {
    fn from(e: &crate::EntitySummary<'a>) -> Self {
        EntityDto {
            id: e.id.0,
            name: e.name,
            kind: entity_kind(e.kind),
            count: e.articles,
            mentions: e.mentions,
            aliases: e.aliases.clone(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SnippetDto {
    pub(super) text: String,
    pub(super) highlights: Vec<[u32; 2]>,
    pub(super) pending: bool,
}

#[cfg(feature = "chunks")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct MissingChunkDto<'a> {
    pub(super) chunk: u32,
    pub(super) file: &'a str,
    pub(super) bytes: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct HitDto<'a> {
    #[serde(flatten)]
    pub(super) info: ArticleDto<'a>,
    pub(super) score: f32,
    pub(super) snippet: SnippetDto,
    pub(super) title_highlights: Vec<[u32; 2]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DateCountDto {
    pub(super) date: String,
    pub(super) count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SearchResultsDto<'a> {
    pub(super) total: usize,
    pub(super) hits: Vec<HitDto<'a>>,
    pub(super) loosened: Vec<LoosenedDto<'a>>,
    pub(super) dates: Vec<DateCountDto>,
    pub(super) undated: usize,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(super) enum LoosenedDto<'a> {
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct MentionDto {
    pub(super) entity: u32,
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ParagraphDto<'a> {
    pub(super) kind: &'static str,
    pub(super) text: &'a str,
    pub(super) highlights: Vec<[u32; 2]>,
    pub(super) mentions: Vec<MentionDto>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArticleEntityDto<'a> {
    pub(super) id: u32,
    pub(super) name: &'a str,
    pub(super) kind: &'static str,
    pub(super) mentions: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArticleViewDto<'a> {
    #[serde(flatten)]
    pub(super) info: ArticleDto<'a>,
    pub(super) title_highlights: Vec<[u32; 2]>,
    pub(super) paragraphs: Vec<ParagraphDto<'a>>,
    pub(super) entities: Vec<ArticleEntityDto<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct InContextDto<'a> {
    pub(super) article: u32,
    pub(super) before: &'a str,
    pub(super) mention: &'a str,
    pub(super) after: &'a str,
    pub(super) kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CooccurrenceDto<'a> {
    pub(super) id: u32,
    pub(super) name: &'a str,
    pub(super) kind: &'static str,
    pub(super) count: usize,
    pub(super) lift: f32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EntityViewDto<'a> {
    #[serde(flatten)]
    pub(super) info: EntityDto<'a>,
    pub(super) articles: Vec<ArticleDto<'a>>,
    pub(super) in_context: Vec<InContextDto<'a>>,
    pub(super) cooccurring: Vec<CooccurrenceDto<'a>>,
    pub(super) spellings: Vec<&'a str>,
    pub(super) mentions_in_results: usize,
    pub(super) text_pending: Vec<u32>,
}

pub(super) fn block_kind(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Caption => "caption",
        BlockKind::Title => "title",
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Boilerplate => "boilerplate",
    }
}

pub(super) fn entity_kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Country => "country",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
        EntityKind::Event => "event",
    }
}

pub(super) fn mention_kind(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Name => "name",
        MentionKind::Demonym => "demonym",
    }
}

pub(super) fn format_date(d: YearMonth) -> String {
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

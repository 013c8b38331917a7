//! Snippets and highlights: the best passage of an article for a query, with the matched
//! words marked as byte ranges of the original text.
//!
//! Highlights are found by running the article text through the same analysis as the index
//! (`explorer_text::analyze`) and marking every token whose term the query matched, so
//! every form that matched is marked (an inflection, a prefix completion, another
//! spelling) and the ranges are spans of the original text, whatever umlauts, `ß` or
//! quotes stand before them.

use explorer_index::{ArticleRecord, BlockKind};
use explorer_text::analyze;
use std::collections::BTreeSet;
use std::ops::Range;

/// Tokens in a snippet window.
pub const SNIPPET_TOKENS: usize = 28;
const ELLIPSIS: &str = "…";

/// A passage of text with byte ranges to highlight (sorted, non-overlapping).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// Byte ranges of the tokens in `text` whose term is in `terms`.
pub fn highlight(text: &str, terms: &BTreeSet<String>) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    analyze(text)
        .into_iter()
        .filter(|t| terms.contains(&t.term))
        .map(|t| t.start..t.end)
        .collect()
}

/// The best passage of `article` for `terms`: the window of [`SNIPPET_TOKENS`] tokens in a
/// body block with the most distinct matched terms, then the most matches, earliest first.
/// Without any match, the beginning of the first paragraph.
pub fn best_passage(article: &ArticleRecord<'_>, terms: &BTreeSet<String>) -> Snippet {
    let mut best: Option<(usize, usize, &str, usize, usize)> = None; // (distinct, count, block, from, to)
    let mut fallback: Option<&str> = None;
    for block in &article.blocks {
        if !matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::Caption
        ) {
            continue;
        }
        let text = article.block_text(block);
        if fallback.is_none() && block.kind == BlockKind::Paragraph {
            fallback = Some(text);
        }
        let tokens = analyze(text);
        let hits: Vec<bool> = tokens.iter().map(|t| terms.contains(&t.term)).collect();
        if !hits.contains(&true) {
            continue;
        }
        for from in 0..tokens.len() {
            if !hits[from] && from != 0 {
                continue;
            }
            let to = (from + SNIPPET_TOKENS).min(tokens.len());
            let window = &tokens[from..to];
            let count = hits[from..to].iter().filter(|&&h| h).count();
            let distinct: BTreeSet<&str> = window
                .iter()
                .zip(&hits[from..to])
                .filter(|(_, &h)| h)
                .map(|(t, _)| t.term.as_str())
                .collect();
            let better = best.is_none_or(|(d, c, ..)| (distinct.len(), count) > (d, c));
            if better {
                // Start a few tokens before the first match, for context.
                let start = from
                    .saturating_sub(4)
                    .min(tokens.len().saturating_sub(SNIPPET_TOKENS));
                let from_byte = if start == 0 { 0 } else { tokens[start].start };
                let end = (start + SNIPPET_TOKENS).min(tokens.len());
                let to_byte = if end == tokens.len() {
                    text.len()
                } else {
                    tokens[end - 1].end
                };
                best = Some((distinct.len(), count, text, from_byte, to_byte));
            }
        }
    }
    match best {
        Some((_, _, text, from, to)) => cut(text, from, to, terms),
        None => {
            let text = fallback.unwrap_or("");
            let tokens = analyze(text);
            let to = tokens
                .get(SNIPPET_TOKENS.saturating_sub(1))
                .filter(|_| tokens.len() > SNIPPET_TOKENS)
                .map_or(text.len(), |t| t.end);
            cut(text, 0, to, terms)
        }
    }
}

/// `text[from..to]` with an ellipsis on each side that was cut, and its highlights.
fn cut(text: &str, from: usize, to: usize, terms: &BTreeSet<String>) -> Snippet {
    let mut out = String::new();
    if from > 0 {
        out.push_str(ELLIPSIS);
        out.push(' ');
    }
    let offset = out.len();
    out.push_str(&text[from..to]);
    if to < text.len() {
        out.push(' ');
        out.push_str(ELLIPSIS);
    }
    let highlights = highlight(&text[from..to], terms)
        .into_iter()
        .map(|r| r.start + offset..r.end + offset)
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use explorer_index::{Block, YearMonth};
    use explorer_text::term_of;

    fn record(text: &str) -> ArticleRecord<'_> {
        ArticleRecord {
            file: "a.txt",
            title: "T",
            title_derived: true,
            date: Some(YearMonth {
                year: 2019,
                month: 1,
            }),
            indexed_len: 0,
            text,
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: text.len() as u32,
                first_position: 0,
            }],
        }
    }

    fn terms(words: &[&str]) -> BTreeSet<String> {
        words.iter().map(|w| term_of(w)).collect()
    }

    #[test]
    fn highlights_are_spans_of_the_original_text_after_umlauts() {
        let text = "Über „Größe“ und Straße nach Pjöngjangs Führung.";
        let ranges = highlight(text, &terms(&["Pjongjang", "Fuehrung", "strasse"]));
        let marked: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Straße", "Pjöngjangs", "Führung"]);
    }

    #[test]
    fn passage_centres_on_the_matches_and_marks_the_cut() {
        let text = format!(
            "{} Pjöngjang und Peking. {}",
            "Wort ".repeat(40),
            "Ende ".repeat(40)
        );
        let s = best_passage(&record(&text), &terms(&["Pjöngjang", "Peking"]));
        assert!(
            s.text.starts_with(ELLIPSIS) && s.text.ends_with(ELLIPSIS),
            "{}",
            s.text
        );
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["Pjöngjang", "Peking"]);
    }

    #[test]
    fn without_a_match_the_passage_is_the_beginning() {
        let s = best_passage(&record("Kurzer Text."), &terms(&["nichts"]));
        assert_eq!(s.text, "Kurzer Text.");
        assert!(s.highlights.is_empty());
    }
}

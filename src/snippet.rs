//! Snippets and highlights: the best passage of an article for a query, with every matched
//! word marked as a byte range of the original text.
//!
//! A [`Marker`] finds the words to mark by running the text through the same analysis as
//! the index (`explorer_text::analyze`), so every form that matched is marked (an
//! inflection, a completion, a typo correction, another spelling) and the ranges are spans
//! of the original text, whatever umlauts, `ß` or quotes stand before them. Compound parts
//! are found at build time with a lexicon the .wasm does not carry; here a word is marked
//! when it contains a query word (or a long matched term) of at least
//! [`MIN_CONTAINED_CHARS`] letters, which covers them.

use crate::query::Query;
use explorer_index::{ArticleRecord, Block, BlockKind};
use explorer_text::{analyze, fold_key, tokenize, Analyzed, Joint, VariantKind};
use std::collections::BTreeSet;
use std::ops::Range;

/// Tokens in a snippet window.
pub const SNIPPET_TOKENS: usize = 28;
/// Shortest query word or term that marks the words containing it (compound parts).
pub const MIN_CONTAINED_CHARS: usize = 4;
const ELLIPSIS: &str = "…";

/// A passage of text with byte ranges to highlight (sorted, non-overlapping).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// Decides which words of a text a query matched.
#[derive(Debug, Clone, Default)]
pub struct Marker {
    /// Index terms the query matched.
    terms: BTreeSet<String>,
    /// Folded query words and long matched terms: a word containing one is marked.
    parts: Vec<String>,
}

impl Marker {
    /// A marker for the terms a query matched and the words it was typed with.
    pub fn new(matched_terms: &BTreeSet<String>, query: &Query) -> Self {
        let mut parts: Vec<String> = query
            .clauses
            .iter()
            .flat_map(|c| &c.any_of)
            .flat_map(|m| tokenize(&m.text).into_iter().map(|t| fold_key(t.text)))
            .chain(
                matched_terms
                    .iter()
                    .filter(|t| !explorer_text::is_part_key(t))
                    .filter(|t| t.chars().count() > MIN_CONTAINED_CHARS)
                    .cloned(),
            )
            // A compound part that matched (`~insel`) marks the compounds containing it.
            .chain(
                matched_terms
                    .iter()
                    .filter_map(|t| t.strip_prefix('~'))
                    .map(explorer_text::fold::strip_diacritics),
            )
            .filter(|p| p.chars().count() >= MIN_CONTAINED_CHARS)
            .collect();
        crate::order::sort_by(&mut parts, |a, b| a.cmp(b));
        parts.dedup();
        Marker {
            terms: matched_terms.clone(),
            parts,
        }
    }

    /// Marked words among `tokens` (the analysis of `text`): byte range and the term they
    /// count as, in text order.
    fn marks(&self, text: &str, tokens: &[Analyzed]) -> Vec<(Range<usize>, String)> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<(Range<usize>, String)> = Vec::new();
        let mut chain_end = 0; // tokens before this index are already marked as a chain
        for (i, a) in tokens.iter().enumerate() {
            if i < chain_end {
                continue;
            }
            let whole = a
                .variants
                .iter()
                .find(|v| v.kind == VariantKind::HyphenWhole && self.terms.contains(&v.term));
            if let Some(v) = whole {
                // Mark the whole hyphenated chain (`Nordkorea-Experte`).
                let mut j = i;
                while j + 1 < tokens.len() && tokens[j].joint == Joint::Hyphen {
                    j += 1;
                }
                out.push((a.start..tokens[j].end, v.term.clone()));
                chain_end = j + 1;
                continue;
            }
            let matched = if self.terms.contains(&a.term) {
                Some(a.term.clone())
            } else if let Some(v) = a.variants.iter().find(|v| self.terms.contains(&v.term)) {
                Some(v.term.clone())
            } else {
                let key = fold_key(&text[a.start..a.end]);
                if a.joint == Joint::Suspended {
                    self.terms
                        .iter()
                        .find(|m| m.starts_with(&key) && m.len() > key.len())
                        .cloned()
                } else if explorer_text::compound::is_name(&key) {
                    // `Russland` is no compound of `Land` (as at index time).
                    None
                } else {
                    self.parts
                        .iter()
                        .find(|p| key.contains(p.as_str()))
                        .cloned()
                }
            };
            if let Some(term) = matched {
                out.push((a.start..a.end, term));
            }
        }
        out
    }

    /// Byte ranges of the marked words of `text`.
    pub fn highlight(&self, text: &str) -> Vec<Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        self.marks(text, &analyze(text))
            .into_iter()
            .map(|(r, _)| r)
            .collect()
    }

    /// The best passage of `article`: the window of [`SNIPPET_TOKENS`] tokens in a body
    /// block with the most distinct marked terms, then the most marks, earliest first.
    /// Without any mark, the beginning of the first paragraph.
    ///
    /// `hint` is the token position of a match (from ranking): the block holding it is read
    /// first, and if it has marks, the others are not analysed at all (long articles).
    pub fn best_passage(&self, article: &ArticleRecord<'_>, hint: Option<u32>) -> Snippet {
        if self.terms.is_empty() {
            // Nothing can be marked (an entity or date filter alone): no analysis needed.
            return self.beginning(article);
        }
        let hinted = hint.and_then(|p| {
            let i = article.blocks.iter().rposition(|b| b.first_position <= p)?;
            let block = article.blocks.get(i)?;
            self.passage_in(article, std::slice::from_ref(block))
        });
        match hinted {
            Some(snippet) => snippet,
            None => self
                .passage_in(article, &article.blocks)
                .unwrap_or_else(|| self.beginning(article)),
        }
    }

    /// The best passage among `blocks`, if any of them has a mark.
    fn passage_in(&self, article: &ArticleRecord<'_>, blocks: &[Block]) -> Option<Snippet> {
        let mut best: Option<Window<'_>> = None;
        for block in blocks {
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::Caption
            ) {
                continue;
            }
            let text = article.block_text(block);
            let tokens = analyze(text);
            let marks = self.marks(text, &tokens);
            if marks.is_empty() {
                continue;
            }
            let mut at = 0;
            for (k, (first, _)) in marks.iter().enumerate() {
                // Window: from a few tokens before this mark, SNIPPET_TOKENS long.
                while at + 1 < tokens.len() && tokens[at].start < first.start {
                    at += 1;
                }
                let start = at
                    .saturating_sub(4)
                    .min(tokens.len().saturating_sub(SNIPPET_TOKENS));
                let end = (start + SNIPPET_TOKENS).min(tokens.len());
                let from_byte = if start == 0 { 0 } else { tokens[start].start };
                let to_byte = if end == tokens.len() {
                    text.len()
                } else {
                    tokens[end - 1].end
                };
                let inside: Vec<&(Range<usize>, String)> = marks[k..]
                    .iter()
                    .filter(|(r, _)| r.start >= from_byte && r.end <= to_byte)
                    .collect();
                let distinct: BTreeSet<&str> = inside.iter().map(|(_, t)| t.as_str()).collect();
                let quality = (distinct.len(), inside.len());
                if best.as_ref().is_none_or(|(q, ..)| quality > *q) {
                    let ranges = marks
                        .iter()
                        .filter(|(r, _)| r.start >= from_byte && r.end <= to_byte)
                        .map(|(r, _)| r.clone())
                        .collect();
                    best = Some((quality, text, from_byte, to_byte, ranges));
                }
            }
        }
        best.map(|(_, text, from, to, ranges)| cut(text, from, to, &ranges))
    }

    /// The beginning of the first paragraph (when nothing is marked).
    fn beginning(&self, article: &ArticleRecord<'_>) -> Snippet {
        let text = article
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map_or("", |b| article.block_text(b));
        let tokens = tokenize(text);
        let to = match tokens.get(SNIPPET_TOKENS) {
            Some(_) => tokens[SNIPPET_TOKENS - 1].end,
            None => text.len(),
        };
        cut(text, 0, to, &[])
    }
}

/// A candidate passage: quality (distinct terms, marks), the block's text, the byte window
/// and the marks inside it.
type Window<'t> = ((usize, usize), &'t str, usize, usize, Vec<Range<usize>>);

/// `text[from..to]` with an ellipsis on each side that was cut, and the `marks` (byte
/// ranges of `text` inside the window) moved into the snippet.
fn cut(text: &str, from: usize, to: usize, marks: &[Range<usize>]) -> Snippet {
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
    let highlights = marks
        .iter()
        .map(|r| r.start - from + offset..r.end - from + offset)
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

    fn marker(query: &str, matched: &[&str]) -> Marker {
        let terms = matched.iter().map(|w| term_of(w)).collect();
        Marker::new(&terms, &crate::query::parse(query))
    }

    fn marked<'t>(text: &'t str, m: &Marker) -> Vec<&'t str> {
        m.highlight(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn highlights_are_spans_of_the_original_text_after_umlauts() {
        let text = "Über „Größe“ und Straße nach Pjöngjangs Führung.";
        let m = marker(
            "Pjongjang Fuehrung strasse ",
            &["Pjongjang", "Fuehrung", "strasse"],
        );
        assert_eq!(marked(text, &m), ["Straße", "Pjöngjangs", "Führung"]);
    }

    #[test]
    fn compound_parts_hyphen_chains_and_suspended_compounds_are_marked() {
        let m = marker("Treffen ", &["Treffen"]);
        assert_eq!(marked("Das Gipfeltreffen begann.", &m), ["Gipfeltreffen"]);
        let whole = Marker::new(
            &[term_of("Nordkoreaexperte")].into_iter().collect(),
            &crate::query::parse("Nordkoreaexperte "),
        );
        assert_eq!(
            marked("der Nordkorea-Experte sagte", &whole),
            ["Nordkorea-Experte"]
        );
        let atom = Marker::new(
            &[term_of("Atomtests")].into_iter().collect(),
            &crate::query::parse("Atomtests "),
        );
        assert_eq!(marked("die Atom- und Raketentests", &atom), ["Atom"]);
    }

    #[test]
    fn passage_centres_on_the_matches_and_marks_the_cut() {
        let text = format!(
            "{} Pjöngjang und Peking. {}",
            "Wort ".repeat(40),
            "Ende ".repeat(40)
        );
        let m = marker("Pjöngjang Peking ", &["Pjöngjang", "Peking"]);
        let s = m.best_passage(&record(&text), None);
        assert!(
            s.text.starts_with(ELLIPSIS) && s.text.ends_with(ELLIPSIS),
            "{}",
            s.text
        );
        let words: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(words, ["Pjöngjang", "Peking"]);
    }

    #[test]
    fn without_a_match_the_passage_is_the_beginning() {
        let s = marker("nichts ", &[]).best_passage(&record("Kurzer Text."), None);
        assert_eq!(s.text, "Kurzer Text.");
        assert!(s.highlights.is_empty());
    }
}

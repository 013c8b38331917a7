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
//!
//! One marker serves a whole page of hits, so it remembers what it learnt about each
//! distinct word: its analysis (`explorer_text::Analyzer`, whose results equal `analyze`'s)
//! and whether it contains a query word. Stemming every word of twenty passages again was
//! most of a search's time; the same few hundred words recur in them.

use crate::query::Query;
use explorer_index::{ArticleRecord, Block, BlockKind, Index};
use explorer_text::{fold_key, tokenize, Analyzed, Analyzer, Joint, Token, VariantKind};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// Tokens in a snippet window.
pub const SNIPPET_TOKENS: usize = 28;
/// Shortest query word or term that marks the words containing it (compound parts).
pub const MIN_CONTAINED_CHARS: usize = 4;
const ELLIPSIS: &str = "…";

/// Where the index has a query's matches in one article, for its snippet: token positions
/// (as the postings count them; a block's first is [`Block::first_position`]), sorted and
/// one per position, each with the query key that matched there (keys are numbered per
/// query; equal numbers, one key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hint {
    pub matches: Vec<(u32, u32)>,
    /// Whether some matched words are missing (a phrase's are known only where it starts):
    /// then the snippet's words are all analysed for their marks.
    pub partial: bool,
}

/// A passage of text with byte ranges to highlight (sorted, non-overlapping).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// Decides which words of a text a query matched.
#[derive(Clone, Default)]
pub struct Marker<'i> {
    /// Index terms the query matched.
    terms: BTreeSet<String>,
    /// Folded query words and long matched terms: a word containing one is marked.
    parts: Vec<String>,
    /// The index whose names containing one of `parts` are no compound of it (`finnland`
    /// for `land`; see [`Marker::with_names`]), looked up word by word when needed.
    names: Option<&'i Index<'i>>,
    /// What was learnt about each word so far (the same answers, sooner).
    memo: Memo,
}

/// A [`Marker`]'s memory of words: their analysis, and for a word that is neither a term
/// matched nor the first half of a suspended compound, the part it contains (if any). Both
/// depend on the word alone, so remembering them changes no answer.
#[derive(Default)]
struct Memo {
    analyzer: RefCell<Option<Analyzer<'static>>>,
    contains: RefCell<HashMap<String, Option<String>>>,
}

impl Memo {
    /// `text` analysed as `explorer_text::analyze` does.
    fn analyze(&self, text: &str) -> Vec<Analyzed> {
        let mut analyzer = self.analyzer.borrow_mut();
        analyzer
            .get_or_insert_with(|| Analyzer::new(None))
            .analyze(text)
    }
}

impl Clone for Memo {
    /// A fresh memory: it is only a cache.
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("contains", &self.contains.borrow().len())
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Marker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Marker")
            .field("terms", &self.terms)
            .field("parts", &self.parts)
            .field("names", &self.names.is_some())
            .field("memo", &self.memo)
            .finish()
    }
}

impl<'i> Marker<'i> {
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
            names: None,
            memo: Memo::default(),
        }
    }

    /// The marker, knowing the names of `index` that contain a part it marks by: a word that
    /// is such a name (`Finnland`, `Finnlands` for `Land`) is not marked as a compound, as
    /// the index never splits it ([`crate::search::expand::is_name`]). The names are looked
    /// up only for the words that contain a part (not by reading every alias of the index,
    /// which was most of a short query's time at 10k articles).
    pub fn with_names(mut self, index: &'i Index<'i>) -> Self {
        self.names = Some(index);
        self
    }

    /// Whether `key` (folded) is a name of the index (an alias key without a space that
    /// contains one of `parts` and that [`crate::search::expand::is_name`] accepts).
    fn is_index_name(&self, key: &str) -> bool {
        self.names.is_some_and(|index| {
            !key.contains(' ')
                && self.parts.iter().any(|p| key.contains(p.as_str()))
                && index.is_alias(key)
                && crate::search::expand::is_name(index, key)
        })
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
            } else if a.joint == Joint::Suspended {
                let key = fold_key(&text[a.start..a.end]);
                self.terms
                    .iter()
                    .find(|m| m.starts_with(&key) && m.len() > key.len())
                    .cloned()
            } else {
                self.contained_part(&text[a.start..a.end])
            };
            if let Some(term) = matched {
                out.push((a.start..a.end, term));
            }
        }
        out
    }

    /// The query word or long matched term `word` contains, if it is to be marked for it
    /// (not a name: `Russland` is no compound of `Land`, as at index time). Remembered.
    fn contained_part(&self, word: &str) -> Option<String> {
        if self.parts.is_empty() {
            return None;
        }
        if let Some(known) = self.memo.contains.borrow().get(word) {
            return known.clone();
        }
        let key = fold_key(word);
        let found = self
            .parts
            .iter()
            .find(|p| key.contains(p.as_str()))
            // `Finnland` is no compound of `Land` (as in the index).
            .filter(|_| !explorer_text::compound::is_name(&key, &|k| self.is_index_name(k)))
            .cloned();
        self.memo
            .contains
            .borrow_mut()
            .insert(word.to_owned(), found.clone());
        found
    }

    /// Byte ranges of the marked words of `text`.
    pub fn highlight(&self, text: &str) -> Vec<Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        self.marks(text, &self.memo.analyze(text))
            .into_iter()
            .map(|(r, _)| r)
            .collect()
    }

    /// Byte ranges of the marked words of `title`, the title of `article` (if its text can
    /// be read): what [`Marker::highlight`] marks, found, where the title is a block of the
    /// text and `hint` places every match, by analysing only the words the index matched
    /// there (as a snippet's window is marked: [`Marker::marked_window`]).
    pub fn title_highlights(
        &self,
        title: &str,
        article: Option<&ArticleRecord<'_>>,
        hint: &Hint,
    ) -> Vec<Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let block = article.filter(|_| !hint.partial).and_then(|a| {
            a.blocks
                .iter()
                .find(|b| b.kind == BlockKind::Title && a.block_text(b) == title)
        });
        let Some(block) = block else {
            return self.highlight(title);
        };
        let tokens = tokenize(title);
        let first = block.first_position;
        let matched: Vec<usize> = hint
            .matches
            .iter()
            .filter(|&&(p, _)| p >= first)
            .map(|&(p, _)| (p - first) as usize)
            .take_while(|&t| t < tokens.len())
            .collect();
        self.marked_window(title, &tokens, 0, tokens.len(), Some(&matched))
            .highlights
    }

    /// The best passage of `article`: the window of [`SNIPPET_TOKENS`] tokens in a body
    /// block (paragraph, heading, caption) with the most distinct matched keys, then the
    /// most matches, earliest first; the matches are the index's ([`Hint`]: where the
    /// query's keys occur, from the postings), so no text is analysed to choose it. Its
    /// marks are the words [`Marker::highlight`] marks in it, found by analysing only the
    /// words the index matched there (see [`Marker::marked_window`]). Without a match in a
    /// body block, the beginning of the first paragraph.
    pub fn best_passage(&self, article: &ArticleRecord<'_>, hint: Hint) -> Snippet {
        if self.terms.is_empty() {
            // Nothing can be marked (an entity or date filter alone): no analysis needed.
            return self.beginning(article);
        }
        let Some((block, tokens, start, end)) = self.window(article, &hint.matches) else {
            if hint.partial && hint.matches.is_empty() {
                // The index placed none of the matches (their positions are in the text):
                // the beginning, with its words analysed for their marks.
                return self.marked_beginning(article);
            }
            return self.beginning(article);
        };
        let first = block.first_position;
        let matched: Option<Vec<usize>> = (!hint.partial).then(|| {
            hint.matches
                .iter()
                .filter(|&&(p, _)| p >= first)
                .map(|&(p, _)| (p - first) as usize)
                .take_while(|&t| t < tokens.len())
                .collect()
        });
        self.marked_window(
            article.block_text(block),
            &tokens,
            start,
            end,
            matched.as_deref(),
        )
    }

    /// The best window (see [`Marker::best_passage`]): its block, the block's tokens, and
    /// the window as a token range.
    fn window<'r>(
        &self,
        article: &'r ArticleRecord<'_>,
        matches: &[(u32, u32)],
    ) -> Option<(&'r Block, Vec<Token<'r>>, usize, usize)> {
        // The best (quality, block, match's token in the block) so far.
        let mut best: Option<((usize, usize), usize, usize)> = None;
        let mut keys: Vec<u32> = Vec::new();
        for (b, block) in article.blocks.iter().enumerate() {
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::Caption
            ) {
                continue;
            }
            let first = block.first_position;
            let from = matches.partition_point(|&(p, _)| p < first);
            let end_of_block = article
                .blocks
                .get(b + 1)
                .map_or(u32::MAX, |next| next.first_position);
            let here = &matches[from..];
            let here = &here[..here.partition_point(|&(p, _)| p < end_of_block)];
            for (k, &(p, _)) in here.iter().enumerate() {
                // The window from a few tokens before this match, SNIPPET_TOKENS long,
                // counts the matches from this one to its end. Where the block ends first
                // the window moves back, but it then holds every match from this one on,
                // the same ones: so its quality needs no tokens (nor the block's length).
                let at = (p - first) as usize;
                let end = at.saturating_sub(4) + SNIPPET_TOKENS;
                keys.clear();
                keys.extend(
                    here[k..]
                        .iter()
                        .take_while(|&&(q, _)| ((q - first) as usize) < end)
                        .map(|&(_, key)| key),
                );
                let count = keys.len();
                keys.sort_unstable();
                keys.dedup();
                let quality = (keys.len(), count);
                if best.is_none_or(|(q, ..)| quality > q) {
                    best = Some((quality, b, at));
                }
            }
        }
        // Only the block chosen is tokenized, for the window's words.
        let (_, b, at) = best?;
        let block = article.blocks.get(b)?;
        let tokens = tokenize(article.block_text(block));
        let n = tokens.len();
        let start = at.saturating_sub(4).min(n.saturating_sub(SNIPPET_TOKENS));
        let end = (start + SNIPPET_TOKENS).min(n);
        Some((block, tokens, start, end))
    }

    /// The window `start..end` of `tokens` (the tokens of `text`) cut from `text` with its
    /// marks: what [`Marker::highlight`] marks in `text`, inside the window.
    ///
    /// `matched` (sorted token indexes) are the words where the index has an occurrence of
    /// a key the query matched; when given, it is complete (a [`Hint`] that is not
    /// `partial`), so only those words, with their hyphenated chains, are analysed: a word
    /// the index did not match has no matched term or variant, and can be marked only as a
    /// compound containing a query word or as a suspended compound, which need no stemming.
    /// Without `matched`, every word of the window is analysed. Either way the words read
    /// reach to both ends of a chain the window cuts and one word beyond, so each is read
    /// as in the whole text (a chain is marked whole or not at all, `Atom-` before `und`
    /// is a suspended compound).
    fn marked_window(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        start: usize,
        end: usize,
        matched: Option<&[usize]>,
    ) -> Snippet {
        let n = tokens.len();
        if n == 0 || start >= end {
            return cut(text, 0, text.len(), &[]);
        }
        let from_byte = if start == 0 { 0 } else { tokens[start].start };
        let to_byte = if end == n {
            text.len()
        } else {
            tokens[end - 1].end
        };
        // The chain around tokens `i..j`: its first token and one past its last.
        let chain = |mut i: usize, mut j: usize| {
            while i > 0 && tokens[i - 1].joint == Joint::Hyphen {
                i -= 1;
            }
            while j < n && tokens[j - 1].joint == Joint::Hyphen {
                j += 1;
            }
            (i, j)
        };
        // The marks of `text` in tokens `i..j`, analysing them and one word beyond.
        let marks_in = |i: usize, j: usize, out: &mut Vec<Range<usize>>| {
            let beyond = (j + 1).min(n);
            let from = if i == 0 { 0 } else { tokens[i].start };
            let to = if beyond == n {
                text.len()
            } else {
                tokens[beyond - 1].end
            };
            let part = &text[from..to];
            let limit = if j == n {
                text.len()
            } else {
                tokens[j - 1].end
            };
            out.extend(
                self.marks(part, &self.memo.analyze(part))
                    .into_iter()
                    .map(|(r, _)| r.start + from..r.end + from)
                    .filter(|r| r.end <= limit),
            );
        };
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let (a, b) = chain(start, end);
        match matched {
            None => marks_in(a, b, &mut ranges),
            Some(matched) => {
                let mut i = a;
                while i < b {
                    let (_, j) = chain(i, i + 1);
                    let from = matched.partition_point(|&t| t < i);
                    if matched.get(from).is_some_and(|&t| t < j) {
                        marks_in(i, j, &mut ranges);
                    } else {
                        for t in &tokens[i..j] {
                            if self.unmatched_marks(t) {
                                ranges.push(t.start..t.end);
                            }
                        }
                    }
                    i = j;
                }
            }
        }
        ranges.retain(|r| r.start >= from_byte && r.end <= to_byte);
        cut(text, from_byte, to_byte, &ranges)
    }

    /// Whether [`Marker::marks`] marks `token`, a word whose term and variants match nothing
    /// (and which starts no chain marked whole): as the first half of a suspended compound,
    /// or as a word containing a query word.
    fn unmatched_marks(&self, token: &Token<'_>) -> bool {
        if token.joint == Joint::Suspended {
            let key = fold_key(token.text);
            self.terms
                .iter()
                .any(|m| m.starts_with(&key) && m.len() > key.len())
        } else {
            self.contained_part(token.text).is_some()
        }
    }

    /// The beginning of the first paragraph, with what [`Marker::highlight`] marks in it.
    fn marked_beginning(&self, article: &ArticleRecord<'_>) -> Snippet {
        let text = article
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map_or("", |b| article.block_text(b));
        let tokens = tokenize(text);
        let end = tokens.len().min(SNIPPET_TOKENS);
        self.marked_window(text, &tokens, 0, end, None)
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
mod tests;

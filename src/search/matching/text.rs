//! A phrase's words whose positions are in the texts (`explorer_index::PositionsKept::InText`:
//! the stop words of a default index), read from the candidates' stored texts with the same
//! analysis as the build.

use explorer_index::{ArticleId, ArticleRecord, Field, Index, IndexError, PostingList};
use explorer_text::{term_of, tokenize, Token};

/// Whether some list of `slot` keeps its positions in the texts.
pub(super) fn in_text(slot: &[(PostingList<'_>, f32)]) -> bool {
    slot.iter().any(|(l, _)| l.positions_in_text())
}

/// The field of a `position << 2 | field` key (`super::first_occurrences`' places to read).
pub(super) fn field_of_bits(key: u64) -> Field {
    match key & 3 {
        0 => Field::Body,
        1 => Field::Title,
        2 => Field::Lead,
        _ => Field::Caption,
    }
}

/// The terms of articles' tokens, read from their stored texts as the index analysed them
/// (`explorer_text::term_of` of each token of each indexed block, a token's position being
/// its block's first plus its place in `explorer_text::tokenize`), as offsets of their lists:
/// for the lists whose positions are in the texts. Remembers the last article's tokens by
/// block, and the list offset of every word it looked up (a phrase reads the same few stop
/// words over and over).
pub(super) struct TextTerms<'i, 'a> {
    index: &'i Index<'a>,
    article: Option<(ArticleId, ArticleRecord<'a>)>,
    /// Per block of that article: its tokens, once read.
    blocks: Vec<Option<Vec<Token<'a>>>>,
    /// Word as written → the list offset of its term, if the index has it; sorted by word
    /// (a sorted `Vec`, not a `HashMap`: no hashing code in the .wasm for this rare path).
    words: Vec<(&'a str, Option<u64>)>,
}

impl<'i, 'a> TextTerms<'i, 'a> {
    pub(super) fn new(index: &'i Index<'a>) -> Self {
        TextTerms {
            index,
            article: None,
            blocks: Vec::new(),
            words: Vec::new(),
        }
    }

    /// Make `article` the one read.
    fn load(&mut self, article: ArticleId) -> Result<(), IndexError> {
        if self.article.as_ref().is_none_or(|(a, _)| *a != article) {
            let record = self.index.article(article)?;
            self.blocks = vec![None; record.blocks.len()];
            self.article = Some((article, record));
        }
        Ok(())
    }

    /// The tokens of block `b` of the loaded article.
    fn tokens(&mut self, b: usize) -> &[Token<'a>] {
        if self.blocks.get(b).is_some_and(Option::is_none) {
            let tokens = match &self.article {
                Some((_, record)) => record
                    .blocks
                    .get(b)
                    .map_or_else(Vec::new, |block| tokenize(record.block_text(block))),
                None => Vec::new(),
            };
            self.blocks[b] = Some(tokens);
        }
        self.blocks.get(b).and_then(Option::as_deref).unwrap_or(&[])
    }

    /// The list offset of the term of `word`.
    fn offset_of(&mut self, word: &'a str) -> Option<u64> {
        match self.words.binary_search_by(|(w, _)| w.cmp(&word)) {
            Ok(i) => self.words[i].1,
            Err(i) => {
                // As `&str`, the key type of the index's other lookups: one copy of `get`.
                let offset = self.index.terms().get(term_of(word).as_str());
                self.words.insert(i, (word, offset));
                offset
            }
        }
    }

    /// The indexed blocks of the loaded article: (block, first position).
    fn indexed_blocks(&self) -> Vec<(usize, u32)> {
        self.article.as_ref().map_or_else(Vec::new, |(_, record)| {
            record
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, block)| block.kind.is_indexed())
                .map(|(b, block)| (b, block.first_position))
                .collect()
        })
    }

    /// The list offset of the term of the token at `position` of `article`, if an indexed
    /// token is there and its term is in the index.
    pub(super) fn term_at(
        &mut self,
        article: ArticleId,
        position: u32,
    ) -> Result<Option<u64>, IndexError> {
        self.load(article)?;
        let Some((b, first)) = self
            .indexed_blocks()
            .into_iter()
            .rev()
            .find(|&(_, first)| first <= position)
        else {
            return Ok(None);
        };
        let word = self
            .tokens(b)
            .get((position - first) as usize)
            .map(|t| t.text);
        Ok(word.and_then(|w| self.offset_of(w)))
    }

    /// Whether the token at `position` of `article` has the term of a list of `slot` whose
    /// positions are in the texts.
    pub(super) fn has_term_of(
        &mut self,
        article: ArticleId,
        position: u32,
        slot: &[(PostingList<'_>, f32)],
    ) -> Result<bool, IndexError> {
        if !in_text(slot) {
            return Ok(false);
        }
        let Some(term) = self.term_at(article, position)? else {
            return Ok(false);
        };
        Ok(slot
            .iter()
            .any(|(l, _)| l.positions_in_text() && l.offset() as u64 == term))
    }

    /// Every position of `article` where a token has the term of the list at `offset`,
    /// sorted.
    pub(super) fn positions_of_term(
        &mut self,
        article: ArticleId,
        offset: usize,
    ) -> Result<Vec<u32>, IndexError> {
        self.load(article)?;
        let mut out = Vec::new();
        for (b, first) in self.indexed_blocks() {
            let words: Vec<&'a str> = self.tokens(b).iter().map(|t| t.text).collect();
            for (t, word) in words.into_iter().enumerate() {
                if self.offset_of(word) == Some(offset as u64) {
                    out.push(first + t as u32);
                }
            }
        }
        Ok(out)
    }
}

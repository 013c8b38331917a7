//! An article explorer that runs entirely in the browser.
//!
//! A guided tour, in the order the data flows:
//!
//! - At build time, `build.rs` hands the corpus folder (`seeds/` or `$ARTICLES_DIR`) to the
//!   `explorer-ingest` crate, which parses the articles, analyses their text with
//!   `explorer-text` and writes the index with `explorer-index`. The bytes land in `OUT_DIR`
//!   and are embedded here as [`EMBEDDED_INDEX`].
//! - At run time, [`Explorer`] opens those bytes (no copy) and answers the page:
//!   [`Explorer::articles`], [`Explorer::search`] (the [`query`] language, ranked by
//!   [`search`], with [`snippet`]s), [`Explorer::article`].
//! - [`wasm`] is the only module that knows about JavaScript: it maps these types to plain
//!   JS objects. Everything else is plain Rust, tested natively.

pub mod query;
pub mod search;
pub mod snippet;
pub mod wasm;

pub use explorer_index::{ArticleId, BlockKind, IndexError, YearMonth};
pub use snippet::Snippet;

use explorer_index::{ArticleHead, Index};
use std::ops::Range;

/// The index built from the corpus folder by `build.rs`.
pub static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

/// What the build printed about the corpus: articles indexed, files skipped and why.
pub static BUILD_SUMMARY: &str = include_str!(concat!(env!("OUT_DIR"), "/build-summary.txt"));

/// Default and largest number of hits per page of results.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 1_000;

/// One article in a list: enough to show and open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary<'a> {
    pub id: ArticleId,
    pub file: &'a str,
    pub title: &'a str,
    pub title_derived: bool,
    pub date: Option<YearMonth>,
}

/// A search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub article: ArticleSummary<'a>,
    pub score: f32,
    pub snippet: Snippet,
    /// Byte ranges of matched words in the title.
    pub title_highlights: Vec<Range<usize>>,
}

/// How a search was loosened to find something; the page tells the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loosened {
    /// `word` matched nothing and was read as `instead` (typo correction; the spellings
    /// found in the articles).
    Corrected { word: String, instead: Vec<String> },
    /// `word` matched nothing and was left out of the query.
    Dropped { word: String },
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults<'a> {
    /// Number of matching articles (all of them, not just this page).
    pub total: usize,
    pub hits: Vec<Hit<'a>>,
    /// Loosenings applied, in query order; empty when the query ran as typed.
    pub loosened: Vec<Loosened>,
}

/// Paging for [`Explorer::search`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// A block of an article for the reader, with the query's matches marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    pub kind: BlockKind,
    pub text: &'a str,
    pub highlights: Vec<Range<usize>>,
}

/// A whole article for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleView<'a> {
    pub summary: ArticleSummary<'a>,
    pub paragraphs: Vec<Paragraph<'a>>,
    pub title_highlights: Vec<Range<usize>>,
}

/// The explorer over one index.
pub struct Explorer<'a> {
    index: Index<'a>,
}

impl Explorer<'static> {
    /// Open the index embedded at build time.
    pub fn embedded() -> Result<Self, IndexError> {
        Explorer::open(EMBEDDED_INDEX)
    }
}

impl<'a> Explorer<'a> {
    /// Open index bytes (verifies magic, version, length and checksum).
    pub fn open(bytes: &'a [u8]) -> Result<Self, IndexError> {
        Ok(Explorer {
            index: Index::open(bytes)?,
        })
    }

    /// Every article, in id order.
    pub fn articles(&self) -> Result<Vec<ArticleSummary<'a>>, IndexError> {
        self.index
            .article_ids()
            .map(|id| self.index.head(id).map(|h| summary(id, &h)))
            .collect()
    }

    /// Search with the [`query`] language; hits ranked by score, best first.
    pub fn search(
        &self,
        query: &str,
        options: SearchOptions,
    ) -> Result<SearchResults<'a>, IndexError> {
        let parsed = query::parse(query);
        let ranking = search::run(&self.index, &parsed)?;
        let marker = snippet::Marker::new(&ranking.matched_terms, &parsed);
        let limit = options.limit.min(MAX_LIMIT);
        let hits = ranking
            .ranked
            .iter()
            .skip(options.offset)
            .take(limit)
            .map(|scored| {
                let record = self.index.article(scored.article)?;
                Ok(Hit {
                    article: summary(scored.article, &record.head()),
                    score: scored.score,
                    snippet: marker.best_passage(&record),
                    title_highlights: marker.highlight(record.title),
                })
            })
            .collect::<Result<Vec<_>, IndexError>>()?;
        let loosened = ranking
            .notices
            .iter()
            .map(|n| {
                Ok(match n {
                    search::Notice::Corrected { word, terms } => Loosened::Corrected {
                        word: word.clone(),
                        instead: self.spellings(&ranking.ranked, terms)?,
                    },
                    search::Notice::Dropped { word } => Loosened::Dropped { word: word.clone() },
                })
            })
            .collect::<Result<Vec<_>, IndexError>>()?;
        Ok(SearchResults {
            total: ranking.ranked.len(),
            hits,
            loosened,
        })
    }

    /// How the best-ranked articles spell `terms`: the original words, for messages.
    fn spellings(
        &self,
        ranked: &[search::Scored],
        terms: &[String],
    ) -> Result<Vec<String>, IndexError> {
        let mut found: Vec<String> = Vec::new();
        for scored in ranked.iter().take(5) {
            let record = self.index.article(scored.article)?;
            for token in explorer_text::analyze(record.text) {
                let word = &record.text[token.start..token.end];
                if terms.contains(&token.term) && !found.iter().any(|f| f == word) {
                    found.push(word.to_owned());
                }
            }
            if found.len() >= terms.len() {
                break;
            }
        }
        if found.is_empty() {
            found = terms.to_vec();
        }
        found.truncate(3);
        Ok(found)
    }

    /// One article with its blocks; with a `query`, its matches are marked.
    pub fn article(
        &self,
        id: ArticleId,
        query: Option<&str>,
    ) -> Result<ArticleView<'a>, IndexError> {
        let record = self.index.article(id)?;
        let marker = match query {
            Some(q) if !q.trim().is_empty() => {
                let parsed = query::parse(q);
                let ranking = search::run(&self.index, &parsed)?;
                snippet::Marker::new(&ranking.matched_terms, &parsed)
            }
            _ => snippet::Marker::default(),
        };
        let paragraphs = record
            .blocks
            .iter()
            .map(|b| {
                let text = record.block_text(b);
                Paragraph {
                    kind: b.kind,
                    text,
                    highlights: marker.highlight(text),
                }
            })
            .collect();
        Ok(ArticleView {
            summary: summary(id, &record.head()),
            title_highlights: marker.highlight(record.title),
            paragraphs,
        })
    }
}

fn summary<'a>(id: ArticleId, r: &ArticleHead<'a>) -> ArticleSummary<'a> {
    ArticleSummary {
        id,
        file: r.file,
        title: r.title,
        title_derived: r.title_derived,
        date: r.date,
    }
}

//! The answers the explorer gives: plain Rust types borrowed from the index bytes. `wasm.rs`
//! maps them to JS objects; nothing here knows about JS.

use crate::snippet::Snippet;
use explorer_index::{
    ArticleId, ArticleMeta, BlockKind, EntityId, EntityKind, MentionKind, YearMonth,
};
use std::ops::Range;

pub use crate::search::settings::{DEFAULT_LIMIT, MAX_LIMIT};

/// One article in a list: enough to show and open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary<'a> {
    pub id: ArticleId,
    pub file: &'a str,
    pub title: &'a str,
    pub title_derived: bool,
    pub date: Option<YearMonth>,
    /// Source (outlet), authors, original URL and language, where the input gave them.
    pub meta: ArticleMeta<'a>,
}

/// A search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub article: ArticleSummary<'a>,
    pub score: f32,
    /// The best passage; `None` while the article's text is not loaded (hosted mode).
    pub snippet: Option<Snippet>,
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
    /// A filter named no known entity (`person:Xyz`), or could not be read (`datum:bald`),
    /// and was left out.
    UnknownEntity { filter: String },
}

/// An entity in a list, with how often the collection mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary<'a> {
    pub id: EntityId,
    pub name: &'a str,
    pub kind: EntityKind,
    /// Number of articles that mention it.
    pub articles: u32,
    /// Number of mentions in all articles.
    pub mentions: u32,
    pub aliases: Vec<&'a str>,
}

/// A facet value: an entity and the number of current results that mention it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet<'a> {
    pub id: EntityId,
    pub name: &'a str,
    pub kind: EntityKind,
    pub count: usize,
}

/// A source (outlet) or an author with the number of current results from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaFacet<'a> {
    pub name: &'a str,
    pub count: usize,
}

/// How many current results fall in a month (`explorer_index::figures`, where the months
/// are counted).
pub use explorer_index::DateCount;

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best score first (for a query without words: most mentions of the selected entities).
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Newest,
    /// Oldest first; undated articles last.
    Oldest,
}

/// Options of [`crate::Explorer::search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Only articles that mention every one of these entities.
    pub entities: Vec<EntityId>,
    /// Count demonym mentions (`nordkoreanische`) as mentions of their country.
    pub demonyms: bool,
    /// Only articles dated in this range (inclusive); undated articles are left out when a
    /// bound is set.
    pub from: Option<YearMonth>,
    pub to: Option<YearMonth>,
    pub sort: Sort,
    /// Only articles from one of these sources (exact names; an unknown name matches none).
    pub sources: Vec<String>,
    /// Only articles by every one of these authors (exact names).
    pub authors: Vec<String>,
    /// Count the entity, source and author facets and the date histogram (the default).
    /// Without them the answer has none and says so ([`SearchResults::facets_pending`]): a
    /// page shows its hits first and asks for the facets after, which in lazy hosted mode
    /// need the rows of every match (the entity table at 10k for a word in a few hundred
    /// articles) and every article's date, while a page of hits needs its own rows.
    pub facets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
            entities: Vec::new(),
            demonyms: true,
            from: None,
            to: None,
            sort: Sort::Relevance,
            sources: Vec::new(),
            authors: Vec::new(),
            facets: true,
        }
    }
}

impl SearchOptions {
    /// The first `limit` hits, no filters.
    pub fn first(limit: usize) -> Self {
        SearchOptions {
            limit,
            ..SearchOptions::default()
        }
    }

    /// Whether a source or author filter is set.
    pub fn has_meta_filters(&self) -> bool {
        !self.sources.is_empty() || !self.authors.is_empty()
    }
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults<'a> {
    /// Number of matching articles (all of them, not just this page).
    pub total: usize,
    pub hits: Vec<Hit<'a>>,
    /// Loosenings applied, in query order; empty when the query ran as typed.
    pub loosened: Vec<Loosened>,
    /// Entities mentioned in the matching articles, with counts, most frequent first;
    /// selected entities are always included (with their count, possibly 0).
    pub facets: Vec<Facet<'a>>,
    /// Sources and authors of the matching articles, with counts, most frequent first (ties
    /// by name); selected ones the index knows are always included (possibly at 0).
    pub sources: Vec<MetaFacet<'a>>,
    pub authors: Vec<MetaFacet<'a>>,
    /// The facets (entities, sources, authors) and the date histogram were not counted:
    /// asked without them ([`SearchOptions::facets`] false), so their lists are empty (and
    /// `undated` 0), not zero.
    pub facets_pending: bool,
    /// Matching articles per month, oldest first.
    pub dates: Vec<DateCount>,
    /// Matching articles without a date.
    pub undated: usize,
    /// The query as the page's heading may quote it: whitespace collapsed, at most
    /// `search::settings::ECHO_CHARS` characters, cut at a word with `…`.
    pub echo: String,
}

/// An entity mention in a paragraph, for highlighting: byte range within the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphMention {
    pub entity: EntityId,
    pub range: Range<usize>,
    pub kind: MentionKind,
}

/// A block of an article for the reader, with the query's matches and the entity mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    pub kind: BlockKind,
    pub text: &'a str,
    pub highlights: Vec<Range<usize>>,
    pub mentions: Vec<ParagraphMention>,
}

/// An entity of an article, with the number of its mentions there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleEntity<'a> {
    pub id: EntityId,
    pub name: &'a str,
    pub kind: EntityKind,
    pub mentions: usize,
}

/// A whole article for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleView<'a> {
    pub summary: ArticleSummary<'a>,
    pub paragraphs: Vec<Paragraph<'a>>,
    pub title_highlights: Vec<Range<usize>>,
    /// Entities mentioned, most mentioned first.
    pub entities: Vec<ArticleEntity<'a>>,
}

/// A mention in context (keyword in context).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InContext<'a> {
    pub article: ArticleId,
    pub before: &'a str,
    pub mention: &'a str,
    pub after: &'a str,
    pub kind: MentionKind,
}

/// An entity that co-occurs with another in the current results.
#[derive(Debug, Clone, PartialEq)]
pub struct Cooccurrence<'a> {
    pub id: EntityId,
    pub name: &'a str,
    pub kind: EntityKind,
    /// Current results mentioning both.
    pub count: usize,
    /// How over-represented it is next to the entity: (share among the entity's results) /
    /// (share among all articles). Above 1 means more often than chance.
    pub lift: f32,
}

/// Everything about one entity, within the current results.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityView<'a> {
    pub summary: EntitySummary<'a>,
    /// Current results that mention it (the page asked for; all of them by default).
    pub articles: Vec<ArticleSummary<'a>>,
    /// Number of current results that mention it (`articles` when no page is asked for).
    pub articles_total: usize,
    pub in_context: Vec<InContext<'a>>,
    /// Most over-represented first.
    pub cooccurring: Vec<Cooccurrence<'a>>,
    /// The spellings seen in the texts.
    pub spellings: Vec<&'a str>,
    /// Its mentions in those articles (all of them, not just those in context).
    pub mentions_in_scope: usize,
    /// Hosted mode: articles whose texts are not loaded and would add mentions in context
    /// (load them and ask again); empty when the texts are embedded.
    pub text_pending: Vec<ArticleId>,
}

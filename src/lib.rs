//! An article explorer that runs entirely in the browser.
//!
//! A guided tour, in the order the data flows:
//!
//! - At build time, `build.rs` hands the corpus folder (`seeds/` or `$ARTICLES_DIR`) to the
//!   `explorer-ingest` crate, which parses the articles, recognises entities, analyses the
//!   text with `explorer-text` and writes the index with `explorer-index`. The bytes land in
//!   `OUT_DIR` and are embedded here as [`EMBEDDED_INDEX`].
//! - At run time, [`Explorer`] opens those bytes (no copy) and answers the page:
//!   [`Explorer::articles`], [`Explorer::search`], [`Explorer::article`],
//!   [`Explorer::entities`], [`Explorer::entity`] (the reader's and the entity panel's views, for the reader and the
//!   entity panel, in [`views`]). The answers are the plain types of [`model`].
//! - A search is a pipeline, each step a module with one job, each called once, in order:
//!   [`query`] parses what was typed (never fails) → [`search::plan`] decides what each
//!   word means to this index (required or optional, completed or not, which entities the
//!   filters name) → [`search::matching`] (with [`search::expand`]) reads the postings of
//!   every form of every word from the fst → [`search::rank`] scores (BM25, proximity) →
//!   [`search::page`] filters by entity, date, source and author ([`metadata`]) and sorts → [`search::present`] cuts the
//!   page and adds [`snippet`]s, [`facets`], notices and a short echo. Every ranking
//!   setting is in [`search::settings`]; docs/QUERY.md is the query language's contract.
//! - The texts (for snippets, the reader, mentions in context) come from [`texts`]: the
//!   index itself by default, or, in *hosted mode* (the `hosted` feature), text chunks the
//!   page fetches and hands over with [`Explorer::add_text_chunk`]. Until an article's chunk
//!   is loaded its hit has no snippet ([`Hit::snippet`] is `None`) and opening it is an
//!   `IndexError::TextNotLoaded` naming the chunk; search, ranking, facets and dates are the
//!   same in both modes.
//! - [`wasm`] is the only module that knows about JavaScript: it maps those types to plain
//!   JS objects. Everything else is plain Rust, tested natively.

pub mod collection;
pub mod facets;
#[cfg(feature = "lazy")]
pub mod lazy;
pub mod metadata;
pub mod model;
mod order;
pub mod overview;
pub mod query;
pub mod resolve;
pub mod search;
pub mod snippet;
pub mod texts;
pub mod views;
pub mod wasm;

pub use explorer_index::{
    ArticleId, ArticleMeta, BlockKind, EntityId, EntityKind, IndexError, MentionKind, YearMonth,
};
pub use model::*;
pub use snippet::Snippet;
pub use texts::MissingChunk;

use explorer_index::{ArticleHead, ArticleRecord, Index};
use texts::Texts;

/// The index built from the corpus folder by `build.rs`.
pub static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

/// What the build printed about the corpus: articles indexed, files skipped and why.
pub static BUILD_SUMMARY: &str = include_str!(concat!(env!("OUT_DIR"), "/build-summary.txt"));

/// Mentions in context shown for an entity.
pub const IN_CONTEXT_LIMIT: usize = 30;

/// The explorer over one index. Covariant in `'a` (its caches borrow nothing of the
/// index), which lets the lazy engine own its bytes through `yoke` (src/lazy.rs).
#[cfg_attr(feature = "lazy", derive(yoke::Yokeable))]
pub struct Explorer<'a> {
    index: Index<'a>,
    texts: Texts,
    /// Every article's entities, decoded on the first search that counts facets.
    article_entities: std::sync::OnceLock<facets::ArticleEntities>,
    /// Every article's source and authors, decoded on the first search that needs them.
    meta_table: std::sync::OnceLock<metadata::MetaTable>,
    /// Every entity's name and aliases folded for the facet box, on its first use.
    name_keys: std::sync::OnceLock<resolve::NameKeys>,
}

impl Explorer<'static> {
    /// Open the index embedded at build time.
    pub fn embedded() -> Result<Self, IndexError> {
        // Built together with this module: no checksum pass on every page load (tests and
        // `Explorer::open` verify it).
        Ok(Explorer::over(Index::open_embedded(EMBEDDED_INDEX)?))
    }
}

impl<'a> Explorer<'a> {
    /// Open index bytes (verifies magic, version, length and checksum).
    pub fn open(bytes: &'a [u8]) -> Result<Self, IndexError> {
        Ok(Explorer::over(Index::open(bytes)?))
    }

    fn over(index: Index<'a>) -> Self {
        let texts = Texts::new(&index);
        Explorer {
            index,
            texts,
            article_entities: std::sync::OnceLock::new(),
            meta_table: std::sync::OnceLock::new(),
            name_keys: std::sync::OnceLock::new(),
        }
    }

    /// Hosted mode: the texts are not in the index but in chunks loaded on demand.
    pub fn is_hosted(&self) -> bool {
        Texts::is_hosted(&self.index)
    }

    /// Whether the text of article `id` can be read now (always, unless hosted).
    pub fn text_loaded(&self, id: ArticleId) -> bool {
        self.texts.is_loaded(&self.index, id)
    }

    /// The text chunks to load before the texts of `ids` can be read: each once, in chunk
    /// order; empty when they are loaded or embedded. An unknown id is an error.
    pub fn missing_texts(
        &self,
        ids: impl IntoIterator<Item = ArticleId>,
    ) -> Result<Vec<MissingChunk>, IndexError> {
        self.texts.missing(&self.index, ids)
    }

    /// Hands over text chunk `chunk` (decompressed), which is checked against the index
    /// (length, CRC-32, structure) before any text is read from it. A chunk of another
    /// build or a damaged one is an `IndexError::BadChunk` naming the file.
    pub fn add_text_chunk(&mut self, chunk: u32, bytes: Vec<u8>) -> Result<(), IndexError> {
        self.texts.add(&self.index, chunk, bytes)
    }

    /// Article `id` with its text, `None` when the text is not loaded (hosted mode).
    fn record(&self, id: ArticleId) -> Result<Option<ArticleRecord<'_>>, IndexError> {
        self.texts.record(&self.index, id)
    }

    /// Every article, in id order.
    pub fn articles(&self) -> Result<Vec<ArticleSummary<'a>>, IndexError> {
        self.index
            .article_ids()
            .map(|id| summary(&self.index, id, &self.index.head(id)?))
            .collect()
    }

    /// Every entity, mentioned in most articles first (ties by name).
    pub fn entities(&self) -> Result<Vec<EntitySummary<'a>>, IndexError> {
        let mut out = (0..self.index.entity_count())
            .map(|i| self.entity_summary(EntityId(i)))
            .collect::<Result<Vec<_>, _>>()?;
        crate::order::sort_by(&mut out, |a, b| {
            b.articles.cmp(&a.articles).then_with(|| a.name.cmp(b.name))
        });
        Ok(out)
    }

    fn entity_summary(&self, id: EntityId) -> Result<EntitySummary<'a>, IndexError> {
        let e = self.index.entity(id)?;
        Ok(EntitySummary {
            id,
            name: e.name,
            kind: e.kind,
            articles: e.articles.len() as u32,
            mentions: e.articles.iter().map(|(_, n)| n).sum(),
            aliases: e.aliases,
        })
    }

    /// Search with the [`query`] language, restricted by `options` (entities, dates), ranked
    /// by score or date. A query without words but with filters lists every article that
    /// passes them. The pipeline: [`search::page::select`] (parse → plan → match → rank →
    /// filter and sort), then [`search::present::answer`] (page, snippets, facets, notices).
    pub fn search(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<SearchResults<'a>, IndexError> {
        let selection = search::page::select(self, query, options)?;
        search::present::answer(self, query, selection, options)
    }

    /// Every article's entities, decoded on the first search that counts facets.
    fn article_entities(&self) -> Result<&facets::ArticleEntities, IndexError> {
        // Made from every row of AENT and every entity's name: a lazy engine's call that uses
        // it reads them all, also when it was made by an earlier call (src/lazy.rs).
        #[cfg(feature = "lazy")]
        {
            explorer_index::lazy::reads::note_table(*b"AENT");
            explorer_index::lazy::reads::note_table(explorer_index::lazy::NAME_ROWS);
        }
        match self.article_entities.get() {
            Some(table) => Ok(table),
            None => {
                let table = facets::ArticleEntities::read(&self.index)?;
                Ok(self.article_entities.get_or_init(|| table))
            }
        }
    }

    /// Every article's source and authors, decoded on the first search that needs them.
    fn meta_table(&self) -> Result<&metadata::MetaTable, IndexError> {
        // Made from AMET: a lazy engine's call that uses it reads it (src/lazy.rs).
        #[cfg(feature = "lazy")]
        explorer_index::lazy::reads::note_section(*b"AMET");
        match self.meta_table.get() {
            Some(table) => Ok(table),
            None => {
                let table = metadata::MetaTable::read(&self.index)?;
                Ok(self.meta_table.get_or_init(|| table))
            }
        }
    }
}

/// Article `id` in a list: its head and its metadata.
pub(crate) fn summary<'a>(
    index: &Index<'a>,
    id: ArticleId,
    r: &ArticleHead<'a>,
) -> Result<ArticleSummary<'a>, IndexError> {
    Ok(ArticleSummary {
        id,
        file: r.file,
        title: r.title,
        title_derived: r.title_derived,
        date: r.date,
        meta: index.article_meta(id)?,
    })
}

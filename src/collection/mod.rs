//! Seeing a collection as a whole: who appears with whom, when, in which related articles.
//!
//! Everything here works on the *scope* of a search: the articles that `query` and
//! [`SearchOptions`] select (every article when the query is blank and there are no filters),
//! in the order the search ranks them. On that scope:
//!
//! - [`graph`]: the entity network: entities as nodes (sized by articles), co-occurrence
//!   as edges (weighted by shared articles, with lift), laid out by [`layout`] here in Rust,
//!   deterministically, so the page only draws.
//! - [`timeline`]: an entity's articles and mentions per month, with the undated ones, and
//!   the scope's own articles per month (the share of the entity in the histogram).
//! - [`related`]: articles like an open one, by shared entities and distinctive words.
//! - [`export`]: the results and their entity table as CSV (RFC 4180, UTF-8 with a BOM)
//!   or JSON, written here so the page and the API give the same bytes.
//! - [`Explorer::collection_id`]: a fingerprint of the collection, the key under which a
//!   page keeps starred articles, so two collections never share their stars.
//!
//! Nothing here knows about JS; `wasm/collection.rs` maps these answers to JS objects.

pub mod export;
pub mod graph;
pub mod layout;
pub mod related;
pub mod timeline;

pub use export::{EntityRow, Format, ResultRow};
pub use graph::{Graph, GraphEdge, GraphNode, GraphOptions};
pub use related::{Related, RelatedHit};
pub use timeline::{MonthCount, Timeline};

use crate::{ArticleId, Explorer, IndexError, SearchOptions};

/// Hosted mode: article `id` without its text (the caller loads it first) or with it.
pub(crate) type MaybeRecord<'r> = Option<explorer_index::ArticleRecord<'r>>;

impl<'a> Explorer<'a> {
    /// The articles `query` and `options` select, in answer order, with their scores
    /// (`options.limit` and `offset` are ignored: the whole scope). A blank query without
    /// entity or date filters selects every article (score 0, id order).
    ///
    /// The one place this module reaches into the search pipeline.
    pub fn scope(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<(ArticleId, f32)>, IndexError> {
        let unfiltered = query.trim().is_empty()
            && options.entities.is_empty()
            && options.from.is_none()
            && options.to.is_none();
        if unfiltered {
            return Ok(self.index.article_ids().map(|a| (a, 0.0)).collect());
        }
        let wide = SearchOptions {
            offset: 0,
            limit: crate::MAX_LIMIT,
            ..options.clone()
        };
        let mut matching: Vec<(ArticleId, f32)> = crate::search::page::select(self, query, &wide)?
            .matching
            .iter()
            .map(|(s, _)| (s.article, s.score))
            .collect();
        // Ranked by relevance, the search puts only a first page in exact order; the rest
        // follow by score here, ties by id, so an export is the same every time.
        if options.sort == crate::Sort::Relevance && matching.len() > crate::MAX_LIMIT {
            let mut tail: Vec<(u32, f32)> = matching[crate::MAX_LIMIT..]
                .iter()
                .map(|&(a, s)| (a.0, s))
                .collect();
            best_first(&mut tail);
            matching.truncate(crate::MAX_LIMIT);
            matching.extend(tail.into_iter().map(|(a, s)| (ArticleId(a), s)));
        }
        Ok(matching)
    }

    /// Article `id` with its text, `None` while its text is not loaded (hosted mode).
    pub(crate) fn record_if_loaded(&self, id: ArticleId) -> Result<MaybeRecord<'_>, IndexError> {
        self.record(id)
    }

    /// The name and kind of entity `id`.
    pub fn entity_name(
        &self,
        id: crate::EntityId,
    ) -> Result<(&'a str, crate::EntityKind), IndexError> {
        self.index.entity_name(id)
    }

    /// Article `id` as a list shows it.
    pub fn summary_of(&self, id: ArticleId) -> Result<crate::ArticleSummary<'a>, IndexError> {
        crate::summary(&self.index, id, &self.index.head(id)?)
    }

    /// A fingerprint of this collection (16 hex digits): FNV-1a over every article's file,
    /// title and date. The same folder gives the same id in every build (embedded or
    /// hosted); another folder almost surely another. A page keys what it keeps in the
    /// browser (starred articles, notes) by it.
    pub fn collection_id(&self) -> Result<String, IndexError> {
        let mut h = Fnv::new();
        h.write(&self.index.article_count().to_le_bytes());
        for id in self.index.article_ids() {
            let head = self.index.head(id)?;
            h.write(head.file.as_bytes());
            h.write(&[0]);
            h.write(head.title.as_bytes());
            h.write(&[0]);
            if let Some(d) = head.date {
                h.write(&d.year.to_le_bytes());
                h.write(&[d.month]);
            }
            h.write(&[0xff]);
        }
        Ok(format!("{:016x}", h.0))
    }

    /// Of `ids`, those in the scope of `query` and `options`, in answer order, with their
    /// scores (a filter "starred only" over the current results). Unknown ids are left out.
    pub fn within(
        &self,
        ids: &[ArticleId],
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<(ArticleId, f32)>, IndexError> {
        let wanted: std::collections::BTreeSet<ArticleId> = ids.iter().copied().collect();
        Ok(self
            .scope(query, options)?
            .into_iter()
            .filter(|(a, _)| wanted.contains(a))
            .collect())
    }
}

/// Sorts `(id, score)` pairs best first, ties by id: the one sort of this module's rankings,
/// through [`crate::order::sort_by`] (the collection views are not on the typing path, so an
/// indirect call per comparison is worth the 3.8 KB a sort of its own would cost).
pub(crate) fn best_first(list: &mut [(u32, f32)]) {
    crate::order::sort_by(list, |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

/// 64-bit FNV-1a: tiny, stable across platforms and Rust versions (unlike `DefaultHasher`).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

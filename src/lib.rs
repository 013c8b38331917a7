//! An article explorer that runs entirely in the browser.
//!
//! A guided tour, in the order the data flows:
//!
//! - At build time, `build.rs` hands the corpus folder (`seeds/` or `$ARTICLES_DIR`) to the
//!   `explorer-ingest` crate, which parses the articles, recognises entities, analyses the
//!   text with `explorer-text` and writes the index with `explorer-index`. The bytes land in
//!   `OUT_DIR` and are embedded here as [`EMBEDDED_INDEX`].
//! - At run time, [`Explorer`] opens those bytes (no copy) and answers the page:
//!   [`Explorer::articles`], [`Explorer::search`] (the [`query`] language, ranked by
//!   [`search`], with [`snippet`]s, filtered and counted by [`facets`]),
//!   [`Explorer::article`], [`Explorer::entities`], [`Explorer::entity`]. The answers are the
//!   plain types of [`model`].
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
pub mod model;
pub mod overview;
pub mod query;
pub mod resolve;
pub mod search;
pub mod snippet;
pub mod texts;
pub mod wasm;

pub use explorer_index::{
    ArticleId, BlockKind, EntityId, EntityKind, IndexError, MentionKind, YearMonth,
};
pub use model::*;
pub use snippet::Snippet;
pub use texts::MissingChunk;

use explorer_index::{ArticleHead, ArticleRecord, Index};
use std::collections::BTreeSet;
use texts::Texts;

/// The index built from the corpus folder by `build.rs`.
pub static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

/// What the build printed about the corpus: articles indexed, files skipped and why.
pub static BUILD_SUMMARY: &str = include_str!(concat!(env!("OUT_DIR"), "/build-summary.txt"));

/// Mentions in context shown for an entity.
pub const IN_CONTEXT_LIMIT: usize = 30;

/// The explorer over one index.
pub struct Explorer<'a> {
    index: Index<'a>,
    texts: Texts,
    /// Every article's entities, decoded on the first search that counts facets.
    article_entities: std::sync::OnceLock<facets::ArticleEntities>,
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
            .map(|id| self.index.head(id).map(|h| summary(id, &h)))
            .collect()
    }

    /// Every entity, mentioned in most articles first (ties by name).
    pub fn entities(&self) -> Result<Vec<EntitySummary<'a>>, IndexError> {
        let mut out = (0..self.index.entity_count())
            .map(|i| self.entity_summary(EntityId(i)))
            .collect::<Result<Vec<_>, _>>()?;
        out.sort_unstable_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(b.name)));
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
    /// passes them.
    pub fn search(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<SearchResults<'a>, IndexError> {
        let Selection {
            parsed,
            ranking,
            selected,
            mut loosened,
            matching,
            dates,
            undated,
        } = self.select(query, options)?;
        let ids: Vec<ArticleId> = matching.iter().map(|(s, _)| s.article).collect();
        let table = match self.article_entities.get() {
            Some(table) => table,
            None => {
                let table = facets::ArticleEntities::read(&self.index)?;
                self.article_entities.get_or_init(|| table)
            }
        };
        let facets = facets::facets(&self.index, table, &ids, &selected, options.demonyms)?;

        let marker = snippet::Marker::new(&ranking.matched_terms, &parsed);
        let page: Vec<&search::Scored> = matching
            .iter()
            .skip(options.offset)
            .take(options.limit.min(MAX_LIMIT))
            .map(|(scored, _)| scored)
            .collect();
        // Positions are decoded only for the hits whose texts can be read (hosted mode: those
        // loaded), to find where their snippets are.
        let readable: Vec<ArticleId> = page
            .iter()
            .map(|s| s.article)
            .filter(|&a| self.text_loaded(a))
            .collect();
        let hints = ranking.hints(&readable)?;
        let hits = page
            .iter()
            .map(|scored| {
                let head = self.index.head(scored.article)?;
                let snippet = match self.record(scored.article)? {
                    Some(record) => {
                        let hint = readable
                            .iter()
                            .position(|&a| a == scored.article)
                            .and_then(|k| hints.get(k).copied().flatten());
                        Some(marker.best_passage(&record, hint))
                    }
                    None => None,
                };
                Ok(Hit {
                    article: summary(scored.article, &head),
                    score: scored.score,
                    snippet,
                    title_highlights: marker.highlight(head.title),
                })
            })
            .collect::<Result<Vec<_>, IndexError>>()?;
        for n in &ranking.notices {
            loosened.push(match n {
                search::Notice::Corrected { word, terms } => Loosened::Corrected {
                    word: word.clone(),
                    instead: self.spellings(&ranking.ranked, terms)?,
                },
                search::Notice::Dropped { word } => Loosened::Dropped { word: word.clone() },
            });
        }
        Ok(SearchResults {
            total: matching.len(),
            hits,
            loosened,
            facets,
            dates,
            undated,
        })
    }

    /// The articles `query` and `options` select, ranked and sorted, with what the answer
    /// reports about them; no snippets, facets or pages yet.
    fn select(&self, query: &str, options: &SearchOptions) -> Result<Selection<'a>, IndexError> {
        let parsed = query::parse(query);
        let mut loosened = Vec::new();
        let mut selected = options.entities.clone();
        for filter in &parsed.entities {
            match search::resolve_entity(&self.index, filter)? {
                Some(id) if !selected.contains(&id) => selected.push(id),
                Some(_) => {}
                None => loosened.push(Loosened::UnknownEntity {
                    filter: filter.name.clone(),
                }),
            }
        }
        let has_dates = options.from.is_some() || options.to.is_some();
        let ranking = if !parsed.clauses.is_empty() {
            // Only a page sorted by relevance over every match needs just its first articles
            // in exact order; filters and other orders need them all.
            let needed = if selected.is_empty() && !has_dates && options.sort == Sort::Relevance {
                options.offset.saturating_add(options.limit.min(MAX_LIMIT))
            } else {
                usize::MAX
            };
            search::run_for(&self.index, &parsed, needed)?
        } else if !selected.is_empty() || has_dates {
            search::browse(&self.index, &selected)?
        } else {
            search::Ranking::default()
        };
        let restrict = facets::articles_mentioning_all(&self.index, &selected, options.demonyms)?;
        let mut matching = Vec::with_capacity(ranking.ranked.len());
        for scored in &ranking.ranked {
            if restrict
                .as_ref()
                .is_some_and(|r| !r.contains(&scored.article))
            {
                continue;
            }
            matching.push((*scored, self.index.date(scored.article)?));
        }
        // The histogram shows the results before the date filter, so the range stays visible.
        let (dates, undated) = facets::dates(matching.iter().map(|(_, d)| *d));
        if has_dates {
            matching.retain(|(_, date)| {
                date.is_some_and(|d| {
                    options.from.is_none_or(|f| d >= f) && options.to.is_none_or(|t| d <= t)
                })
            });
        }
        sort(&mut matching, options.sort);
        Ok(Selection {
            parsed,
            ranking,
            selected,
            loosened,
            matching,
            dates,
            undated,
        })
    }

    /// How the best-ranked articles spell `terms`: the original words, for messages (in
    /// hosted mode, of those whose texts are loaded; else the terms themselves).
    fn spellings(
        &self,
        ranked: &[search::Scored],
        terms: &[String],
    ) -> Result<Vec<String>, IndexError> {
        let mut found: Vec<String> = Vec::new();
        for scored in ranked.iter().take(5) {
            let Some(record) = self.record(scored.article)? else {
                continue;
            };
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

    /// One article with its blocks and entity mentions; with a `query`, its matches are
    /// marked. In hosted mode its text chunk must be loaded, else this is
    /// `IndexError::TextNotLoaded` naming the chunk.
    pub fn article(
        &self,
        id: ArticleId,
        query: Option<&str>,
    ) -> Result<ArticleView<'_>, IndexError> {
        let record = self.texts.require(&self.index, id)?;
        let marker = match query {
            Some(q) if !q.trim().is_empty() => {
                let parsed = query::parse(q);
                let ranking = search::run(&self.index, &parsed)?;
                snippet::Marker::new(&ranking.matched_terms, &parsed)
            }
            _ => snippet::Marker::default(),
        };
        let mentions = self.index.mentions(id)?;
        let paragraphs = record
            .blocks
            .iter()
            .map(|b| {
                let text = record.block_text(b);
                let (start, end) = (b.start as usize, b.end as usize);
                Paragraph {
                    kind: b.kind,
                    text,
                    highlights: marker.highlight(text),
                    mentions: mentions
                        .iter()
                        .filter(|m| m.start as usize >= start && m.end as usize <= end)
                        .map(|m| ParagraphMention {
                            entity: m.entity,
                            range: m.start as usize - start..m.end as usize - start,
                            kind: m.kind,
                        })
                        .collect(),
                }
            })
            .collect();
        let mut counts: Vec<(EntityId, usize)> = Vec::new();
        for m in &mentions {
            match counts.iter_mut().find(|(e, _)| *e == m.entity) {
                Some((_, n)) => *n += 1,
                None => counts.push((m.entity, 1)),
            }
        }
        let mut entities = counts
            .into_iter()
            .map(|(id, n)| {
                let e = self.index.entity(id)?;
                Ok(ArticleEntity {
                    id,
                    name: e.name,
                    kind: e.kind,
                    mentions: n,
                })
            })
            .collect::<Result<Vec<_>, IndexError>>()?;
        entities
            .sort_unstable_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(b.name)));
        Ok(ArticleView {
            summary: summary(id, &record.head()),
            title_highlights: marker.highlight(record.title),
            paragraphs,
            entities,
        })
    }

    /// One entity within the results of `query` and `options` (all articles when both are
    /// empty): its articles there, its mentions in context, the entities that co-occur with
    /// it most over-proportionally, and the spellings seen.
    ///
    /// In hosted mode the mentions in context and the spellings come from the loaded texts;
    /// [`EntityView::text_pending`] lists the articles whose texts would add lines in
    /// context. Once they are loaded, the lines are those of the embedded build.
    pub fn entity(
        &self,
        id: EntityId,
        query: &str,
        options: &SearchOptions,
    ) -> Result<EntityView<'_>, IndexError> {
        let entity = self.entity_summary(id)?;
        let unfiltered = query.trim().is_empty()
            && options.entities.is_empty()
            && options.from.is_none()
            && options.to.is_none();
        let scope: Vec<ArticleId> = if unfiltered {
            self.index.article_ids().collect()
        } else {
            self.select(query, options)?
                .matching
                .iter()
                .map(|(scored, _)| scored.article)
                .collect()
        };
        let own: BTreeSet<ArticleId> = self
            .index
            .entity(id)?
            .articles
            .iter()
            .map(|(a, _)| *a)
            .collect();
        let mine: Vec<ArticleId> = scope.iter().copied().filter(|a| own.contains(a)).collect();
        let (readable, text_pending, unread) = self.readable_for_context(id, &mine)?;
        let found = facets::in_context(&self.index, id, &readable, IN_CONTEXT_LIMIT, |a| {
            self.texts.require(&self.index, a)
        })?;
        Ok(EntityView {
            cooccurring: facets::cooccurring(&self.index, id, &mine, options.demonyms)?,
            articles: mine
                .iter()
                .map(|&a| self.index.head(a).map(|h| summary(a, &h)))
                .collect::<Result<_, _>>()?,
            in_context: found.in_context,
            spellings: found.spellings,
            mentions_in_scope: found.mentions + unread,
            text_pending,
            summary: entity,
        })
    }

    /// Of `articles` (mentioning entity `id`): those whose texts can be read; those whose
    /// texts are not loaded but would add lines in context (the first ones, until
    /// [`IN_CONTEXT_LIMIT`] mentions are covered); and the number of mentions in unread texts
    /// (counted from the index, which needs no text).
    fn readable_for_context(
        &self,
        id: EntityId,
        articles: &[ArticleId],
    ) -> Result<(Vec<ArticleId>, Vec<ArticleId>, usize), IndexError> {
        if !self.is_hosted() {
            return Ok((articles.to_vec(), Vec::new(), 0));
        }
        let (mut readable, mut pending, mut unread, mut covered) = (Vec::new(), Vec::new(), 0, 0);
        for &a in articles {
            let n = self
                .index
                .mentions(a)?
                .iter()
                .filter(|m| m.entity == id)
                .count();
            if self.text_loaded(a) {
                readable.push(a);
            } else {
                unread += n;
                if covered >= IN_CONTEXT_LIMIT || n == 0 {
                    continue;
                }
                pending.push(a);
            }
            covered += n;
        }
        Ok((readable, pending, unread))
    }
}

/// What [`Explorer::select`] found.
struct Selection<'a> {
    parsed: query::Query,
    ranking: search::Ranking<'a>,
    /// Entity filters from the options and the query.
    selected: Vec<EntityId>,
    /// Loosenings so far (unknown entity filters).
    loosened: Vec<Loosened>,
    /// Matching articles in answer order, with their dates.
    matching: Vec<(search::Scored, Option<YearMonth>)>,
    /// The date histogram before the date filter, and the undated count.
    dates: Vec<DateCount>,
    undated: usize,
}

fn sort(matching: &mut [(search::Scored, Option<YearMonth>)], order: Sort) {
    // Dated before undated; ties by article id, so the order is deterministic.
    let key = |date: &Option<YearMonth>| (date.is_none(), *date);
    match order {
        Sort::Relevance => {}
        Sort::Oldest => matching.sort_unstable_by(|(sa, a), (sb, b)| {
            key(a)
                .cmp(&key(b))
                .then_with(|| sa.article.cmp(&sb.article))
        }),
        Sort::Newest => matching.sort_unstable_by(|(sa, a), (sb, b)| {
            (a.is_none(), std::cmp::Reverse(*a))
                .cmp(&(b.is_none(), std::cmp::Reverse(*b)))
                .then_with(|| sa.article.cmp(&sb.article))
        }),
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

//! The reader and the entity panel: one article with its marks and mentions, one entity
//! within the current results. They reuse the search pipeline ([`crate::search`]) for the
//! query's matches and the results' scope.

use crate::model::{
    ArticleEntity, ArticleView, EntityView, Paragraph, ParagraphMention, SearchOptions,
};
use crate::{facets, query, search, snippet, summary, Explorer, IN_CONTEXT_LIMIT};
use explorer_index::{ArticleId, EntityId, IndexError};
use std::collections::BTreeMap;

impl Explorer<'_> {
    /// One article with its blocks and entity mentions; with a `query`, its matches are
    /// marked. In hosted mode its text chunk must be loaded, else this is
    /// `IndexError::TextNotLoaded` naming the chunk.
    pub fn article(
        &self,
        id: ArticleId,
        query: Option<&str>,
    ) -> Result<ArticleView<'_>, IndexError> {
        // Its mentions before its text: in lazy hosted mode the rounds of `article()` run
        // before the text is loaded (`loadText`'s), and they fetch what it reads up to there.
        let mentions = self.index.mentions(id)?;
        let record = self.texts.require(&self.index, id)?;
        let marker = match query {
            Some(q) if !q.trim().is_empty() => {
                let parsed = query::parse(q);
                let ranking = search::run(&self.index, &parsed)?;
                snippet::Marker::new(&ranking.matched_terms, &parsed).with_names(&self.index)
            }
            _ => snippet::Marker::default(),
        };
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
        crate::order::sort_by(&mut entities, |a, b| {
            b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(b.name))
        });
        Ok(ArticleView {
            summary: summary(&self.index, id, &record.head())?,
            title_highlights: marker.highlight(record.title),
            paragraphs,
            entities,
        })
    }

    /// One entity within the results of `query` and `options` (all articles when both are
    /// empty): its articles there, its mentions in context, the entities that co-occur with
    /// it most over-proportionally, and the spellings seen. Every article in scope is
    /// listed; [`Explorer::entity_page`] lists a page of them.
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
        self.entity_page(id, query, options, ArticlePage::default())
    }

    /// [`Explorer::entity`] listing only `page` of its articles (in the same order);
    /// [`EntityView::articles_total`] counts them all. Counts, co-occurring names and the
    /// lines in context are those of the whole scope: the mentions are counted from the
    /// entity's own article list, and only the articles whose lines in context can be drawn
    /// are read (their mentions and, in hosted mode, loaded texts), so a page reads the heads
    /// of its articles only.
    pub fn entity_page(
        &self,
        id: EntityId,
        query: &str,
        options: &SearchOptions,
        page: ArticlePage,
    ) -> Result<EntityView<'_>, IndexError> {
        let entity = self.entity_summary(id)?;
        let unfiltered = query.trim().is_empty()
            && options.entities.is_empty()
            && options.from.is_none()
            && options.to.is_none()
            && !options.has_meta_filters();
        let scope: Vec<ArticleId> = if unfiltered {
            self.index.article_ids().collect()
        } else {
            search::page::select(self, query, options)?
                .matching
                .iter()
                .map(|(scored, _)| scored.article)
                .collect()
        };
        // The entity's articles with its number of mentions in each (its mentions there,
        // demonyms included: what the index counts per article).
        let own: BTreeMap<ArticleId, usize> = self
            .index
            .entity(id)?
            .articles
            .into_iter()
            .map(|(a, n)| (a, n as usize))
            .collect();
        let mine: Vec<(ArticleId, usize)> = scope
            .iter()
            .filter_map(|a| own.get(a).map(|&n| (*a, n)))
            .collect();
        let ids: Vec<ArticleId> = mine.iter().map(|&(a, _)| a).collect();
        let (readable, text_pending) = self.readable_for_context(&mine);
        let found = facets::in_context(&self.index, id, &readable, IN_CONTEXT_LIMIT, |a| {
            self.texts.require(&self.index, a)
        })?;
        let listed = ids.iter().skip(page.offset);
        let listed: Vec<ArticleId> = match page.limit {
            Some(limit) => listed.take(limit).copied().collect(),
            None => listed.copied().collect(),
        };
        Ok(EntityView {
            cooccurring: facets::cooccurring(&self.index, id, &ids, options.demonyms)?,
            articles: listed
                .iter()
                .map(|&a| summary(&self.index, a, &self.index.head(a)?))
                .collect::<Result<_, _>>()?,
            articles_total: ids.len(),
            in_context: found.in_context,
            spellings: found.spellings,
            mentions_in_scope: mine.iter().map(|&(_, n)| n).sum(),
            text_pending,
            summary: entity,
        })
    }

    /// Of `articles` (mentioning the entity, with its number of mentions in each): those
    /// whose lines in context are read, and those whose texts are not loaded but would add
    /// lines in context. Embedded, every article is read (the spellings are those of the
    /// whole scope). Hosted, only the first articles until [`IN_CONTEXT_LIMIT`] mentions are
    /// covered: the loaded ones are read, the others are pending.
    fn readable_for_context(
        &self,
        articles: &[(ArticleId, usize)],
    ) -> (Vec<ArticleId>, Vec<ArticleId>) {
        if !self.is_hosted() {
            return (articles.iter().map(|&(a, _)| a).collect(), Vec::new());
        }
        let (mut readable, mut pending, mut covered) = (Vec::new(), Vec::new(), 0);
        for &(a, n) in articles {
            if covered >= IN_CONTEXT_LIMIT {
                break;
            }
            if n == 0 {
                continue;
            }
            if self.text_loaded(a) {
                readable.push(a);
            } else {
                pending.push(a);
            }
            covered += n;
        }
        (readable, pending)
    }
}

/// Which of the entity view's articles to list: from `offset`, at most `limit` (every one
/// from `offset` when `None`, the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticlePage {
    pub offset: usize,
    pub limit: Option<usize>,
}

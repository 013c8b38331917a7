//! The reader and the entity panel: one article with its marks and mentions, one entity
//! within the current results. They reuse the search pipeline ([`crate::search`]) for the
//! query's matches and the results' scope.

use crate::model::{
    ArticleEntity, ArticleView, EntityView, Paragraph, ParagraphMention, SearchOptions,
};
use crate::{facets, query, search, snippet, summary, Explorer, IN_CONTEXT_LIMIT};
use explorer_index::{ArticleId, EntityId, IndexError};
use std::collections::BTreeSet;

impl Explorer<'_> {
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
                snippet::Marker::new(&ranking.matched_terms, &parsed).with_names(&self.index)
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
                .map(|&a| summary(&self.index, a, &self.index.head(a)?))
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

//! An entity over time: per month, its articles and mentions in a scope, and the scope's
//! own articles that month (so the page can show the entity's share of the histogram);
//! undated articles counted apart, never dropped.

use crate::{ArticleId, EntityId, Explorer, IndexError, SearchOptions, YearMonth};
use std::collections::BTreeMap;

/// One month of a [`Timeline`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonthCount {
    /// Articles of the scope that mention the entity.
    pub articles: usize,
    /// Its mentions in them.
    pub mentions: usize,
    /// Articles of the scope (with or without the entity).
    pub results: usize,
}

/// An entity's timeline within a scope.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    /// Every month in which the scope has articles, oldest first.
    pub months: Vec<(YearMonth, MonthCount)>,
    /// The scope's articles without a date.
    pub undated: MonthCount,
}

impl Timeline {
    /// Articles with the entity, dated and undated: the entity's articles in the scope.
    pub fn articles(&self) -> usize {
        self.months.iter().map(|(_, m)| m.articles).sum::<usize>() + self.undated.articles
    }
}

impl Explorer<'_> {
    /// Entity `id` per month within the articles `query` and `options` select (all of them
    /// for a blank query without filters), as [`crate::Explorer::entity`] scopes its
    /// articles. Mentions by demonym count unless `options.demonyms` is false.
    pub fn timeline(
        &self,
        id: EntityId,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Timeline, IndexError> {
        let record = self.index.entity(id)?;
        let scope: Vec<ArticleId> = self
            .scope(query, options)?
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        let mut member = vec![false; self.index.article_count() as usize];
        for a in &scope {
            if let Some(m) = member.get_mut(a.0 as usize) {
                *m = true;
            }
        }
        let mut months: BTreeMap<YearMonth, MonthCount> = BTreeMap::new();
        let mut undated = MonthCount::default();
        for &a in &scope {
            let slot = match self.index.date(a)? {
                Some(d) => months.entry(d).or_default(),
                None => &mut undated,
            };
            slot.results += 1;
        }
        for &(a, n) in &record.articles {
            if !member.get(a.0 as usize).copied().unwrap_or(false) {
                continue;
            }
            let mentions = if options.demonyms {
                n as usize
            } else {
                self.index
                    .mentions(a)?
                    .iter()
                    .filter(|m| m.entity == id && m.kind == crate::MentionKind::Name)
                    .count()
            };
            if mentions == 0 {
                continue;
            }
            let slot = match self.index.date(a)? {
                Some(d) => months.entry(d).or_default(),
                None => &mut undated,
            };
            slot.articles += 1;
            slot.mentions += mentions;
        }
        Ok(Timeline {
            months: months.into_iter().collect(),
            undated,
        })
    }
}

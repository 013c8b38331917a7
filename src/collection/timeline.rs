//! An entity over time: per month, its articles and mentions in a scope, and the scope's
//! own articles that month (so the page can show the entity's share of the histogram);
//! undated articles counted apart, never dropped.

use crate::{ArticleId, EntityId, Explorer, IndexError, SearchOptions, YearMonth};

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
    /// Every month from the scope's first dated article to its last, oldest first (months
    /// without articles included, with zeros, so a chart shows the gaps).
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
        // Dense, one slot per month from the first dated article to the last (a map here
        // cost more code in the .wasm than this whole function).
        let index_of = |d: YearMonth| u32::from(d.year) * 12 + u32::from(d.month.max(1)) - 1;
        let mut dates = Vec::with_capacity(scope.len());
        for &a in &scope {
            dates.push(self.index.date(a)?.map(index_of));
        }
        let first = dates.iter().flatten().copied().min().unwrap_or(0);
        let last = dates.iter().flatten().copied().max().unwrap_or(0);
        // The last slot is for the undated articles.
        let span = (last - first) as usize + 1;
        let mut slots = vec![MonthCount::default(); span + 1];
        let slot_of = |date: Option<u32>| match date {
            Some(d) => ((d - first) as usize).min(span),
            None => span,
        };
        for d in &dates {
            slots[slot_of(*d)].results += 1;
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
            let slot = &mut slots[slot_of(self.index.date(a)?.map(index_of))];
            slot.articles += 1;
            slot.mentions += mentions;
        }
        let undated = slots.pop().unwrap_or_default();
        let months = if dates.iter().any(Option::is_some) {
            slots
                .into_iter()
                .enumerate()
                .map(|(k, m)| {
                    let i = first + k as u32;
                    let ym = YearMonth {
                        year: (i / 12) as u16,
                        month: (i % 12) as u8 + 1,
                    };
                    (ym, m)
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(Timeline { months, undated })
    }
}

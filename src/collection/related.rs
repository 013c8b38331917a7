//! Related articles („Ähnliche Artikel“): the articles that share most of what is
//! distinctive about an open one, its entities and its words.
//!
//! The open article's entities and its most distinctive words (capitalised ones, by tf-idf:
//! frequent in it, rare in the collection) each carry a weight, the word's or entity's idf; another
//! article scores the sum of the weights it shares, divided by the open article's own sum,
//! so scores fall in (0, 1]. Computed from the index's postings and entity tables (no
//! vectors stored), ranked best first, ties by id, the open article itself never among them.

use crate::{ArticleId, EntityId, Explorer, IndexError};

/// Default and largest number of related articles.
pub const DEFAULT_RELATED: usize = 5;
pub const MAX_RELATED: usize = 50;
/// Distinctive words of the open article taken into account.
pub const WORDS: usize = 20;
/// An entity counts this much more than a word of the same idf: names say more.
pub const ENTITY_WEIGHT: f32 = 1.5;
/// Shared things named per hit (to say why it is related).
pub const REASONS: usize = 3;

/// An article related to the open one.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedHit<'a> {
    pub article: crate::ArticleSummary<'a>,
    /// In (0, 1]: the share of the open article's weight this one shares.
    pub score: f32,
    /// The heaviest shared entities.
    pub entities: Vec<EntityId>,
    /// The heaviest shared words, as the open article spells them.
    pub words: Vec<String>,
}

/// The answer of [`Explorer::related`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Related<'a> {
    pub hits: Vec<RelatedHit<'a>>,
}

impl<'a> Explorer<'a> {
    /// Up to `limit` articles most like article `id` (see the module). In hosted mode, while
    /// the open article's text is not loaded, only its entities count.
    pub fn related(&self, id: ArticleId, limit: usize) -> Result<Related<'a>, IndexError> {
        self.index.head(id)?; // an unknown id is an error, not an empty answer
        let total = self.index.article_count() as f32;
        let idf = |df: usize| ((total + 1.0) / (df as f32 + 0.5)).ln().max(0.0);
        let mut scores = vec![0f32; self.index.article_count() as usize];

        // Entities, weighted by their idf.
        let mut entities: Vec<(EntityId, f32, Vec<ArticleId>)> = Vec::new();
        for (e, _) in self.index.article_entities(id)? {
            let record = self.index.entity(e)?;
            let w = idf(record.articles.len()) * ENTITY_WEIGHT;
            entities.push((e, w, record.articles.iter().map(|&(a, _)| a).collect()));
        }
        // Words: terms of the text by tf-idf, those in one article only or in more than a
        // fifth of them left out (they join nothing, or everything).
        let mut words: Vec<(String, String, f32, Vec<ArticleId>)> = Vec::new();
        if let Some(record) = self.record_if_loaded(id)? {
            // Terms with their counts and first spelling: sorted and grouped (a map here
            // cost more code in the .wasm than the grouping).
            let mut tokens: Vec<(String, usize, usize)> = explorer_text::analyze(record.text)
                .into_iter()
                .filter(|t| t.term.chars().count() >= 3 && !t.term.chars().all(char::is_numeric))
                // German capitalises nouns and names, what an article is about; function
                // words and verbs („dieses“, „gegeben“) are left out without a stop list.
                .filter(|t| {
                    record
                        .text
                        .get(t.start..t.end)
                        .and_then(|w| w.chars().next())
                        .is_some_and(char::is_uppercase)
                })
                .map(|t| (t.term, t.start, t.end))
                .collect();
            crate::order::sort_by(&mut tokens, |a, b| a.cmp(b));
            let mut tf: Vec<(String, (usize, String))> = Vec::new();
            for (term, start, end) in tokens {
                match tf.last_mut() {
                    Some((last, (n, _))) if *last == term => *n += 1,
                    _ => {
                        let spelled = record.text.get(start..end).unwrap_or("").to_owned();
                        tf.push((term, (1, spelled)));
                    }
                }
            }
            let common = (total / 5.0).max(2.0) as usize;
            let mut scored = Vec::new();
            for (term, (n, spelled)) in tf {
                let Some(postings) = self.index.postings(&term)? else {
                    continue;
                };
                let df = postings.len();
                if df < 2 || df > common {
                    continue;
                }
                let w = idf(df);
                let weight = (1.0 + (n as f32).ln()) * w;
                scored.push((term, spelled, weight, w, postings.articles().to_vec()));
            }
            // Heaviest first; `scored` is in term order, so ties go to the first term.
            let mut order: Vec<(u32, f32)> = scored
                .iter()
                .enumerate()
                .map(|(i, x)| (i as u32, x.2))
                .collect();
            super::best_first(&mut order);
            order.truncate(WORDS);
            let mut slots: Vec<Option<_>> = scored.into_iter().map(Some).collect();
            words = order
                .iter()
                .filter_map(|&(i, _)| slots.get_mut(i as usize).and_then(Option::take))
                .map(|(t, s, _, w, arts)| (t, s, w, arts))
                .collect();
        }
        let own: f32 =
            entities.iter().map(|e| e.1).sum::<f32>() + words.iter().map(|w| w.2).sum::<f32>();
        if own <= 0.0 {
            return Ok(Related::default());
        }
        for (_, w, arts) in &entities {
            for a in arts {
                if let Some(s) = scores.get_mut(a.0 as usize) {
                    *s += w;
                }
            }
        }
        for (_, _, w, arts) in &words {
            for a in arts {
                if let Some(s) = scores.get_mut(a.0 as usize) {
                    *s += w;
                }
            }
        }
        let mut ranked: Vec<(u32, f32)> = scores
            .iter()
            .enumerate()
            .map(|(i, &s)| (i as u32, s))
            .filter(|&(a, s)| a != id.0 && s > 0.0)
            .collect();
        super::best_first(&mut ranked);
        ranked.truncate(limit.min(MAX_RELATED));

        // Why: the heaviest shared entities and words of each hit (entities in id order
        // first, so ties go to the smaller id).
        let mut heaviest: Vec<(u32, f32)> = entities.iter().map(|e| (e.0 .0, e.1)).collect();
        super::best_first(&mut heaviest);
        let by_weight: Vec<&(EntityId, f32, Vec<ArticleId>)> = heaviest
            .iter()
            .filter_map(|&(e, _)| entities.iter().find(|x| x.0 .0 == e))
            .collect();
        // `words` are heaviest first already.
        ranked
            .into_iter()
            .map(|(a, s)| {
                let a = ArticleId(a);
                let h = self.index.head(a)?;
                Ok(RelatedHit {
                    article: crate::summary(&self.index, a, &h)?,
                    score: (s / own).min(1.0),
                    entities: by_weight
                        .iter()
                        .filter(|e| e.2.binary_search(&a).is_ok())
                        .take(REASONS)
                        .map(|e| e.0)
                        .collect(),
                    words: words
                        .iter()
                        .filter(|w| w.3.binary_search(&a).is_ok())
                        .take(REASONS)
                        .map(|w| w.1.clone())
                        .collect(),
                })
            })
            .collect::<Result<_, IndexError>>()
            .map(|hits| Related { hits })
    }
}

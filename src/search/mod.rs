//! Searching: a parsed [`Query`] in, ranked articles out, in four steps, each a module with
//! one job:
//!
//! 1. [`plan`]: what the query means to this index: required and optional words (stop
//!    words and question words rank, never filter), whether the word being typed is
//!    completed, which entities the filters name.
//! 2. [`expand`] and [`matching`]: the articles each clause matches, with weighted term
//!    frequencies: a word with its forms (exact spelling, compound part, completions,
//!    another name of its entity), a phrase, a hyphenated word (as phrase or closed
//!    compound), a compound (also inside longer compounds with its parts). Only a required
//!    word that matches nothing is corrected (typos); one that matches nothing even then is
//!    dropped, if other words match. Both loosenings are [`Notice`]s. Excluded words remove
//!    their articles.
//! 3. [`rank`]: BM25 and a proximity bonus, best first; ties by article id.
//! 4. [`page`] and [`present`] (called by [`crate::Explorer::search`]): filters by entity and
//!    date, sorting, the page, and the answer with snippets, facets, notices and the echo.
//!
//! Every weight and limit is in [`settings`].

pub mod expand;
pub mod matching;
pub mod page;
pub mod plan;
pub mod present;
pub mod rank;
pub mod settings;

pub use plan::resolve_entity;
pub use rank::proximity;
pub use settings::*;

use crate::query::Query;
use crate::snippet::Hint;
use expand::Typos;
use explorer_index::{ArticleId, EntityId, Index, IndexError};
use matching::Clause;
use std::collections::BTreeSet;

/// A ranked article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub article: ArticleId,
    /// How many of the query's required clauses occur in the article in the form typed
    /// (see [`rank`]): ranks before `score`.
    pub tier: u32,
    /// While ranking, BM25 with the proximity bonus; in a [`Ranking`] of words, the
    /// relevance the answer shows, in the answer's order ([`rank::as_relevance`]).
    pub score: f32,
}

/// How the engine loosened the query to find something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// `word` matched nothing; it was read as these index terms (typo corrections), which
    /// match something.
    Corrected { word: String, terms: Vec<String> },
    /// `word` matched nothing, not even with typos, and was left out.
    Dropped { word: String },
}

/// The outcome of running a query.
#[derive(Debug, Clone, Default)]
pub struct Ranking<'a> {
    /// Every match, best first (after [`run_for`], only its first `needed` in order; after
    /// [`run_unordered`], its first [`MIN_ORDERED`], scored by BM25 and proximity).
    pub ranked: Vec<Scored>,
    /// Index keys that matched (terms and compound-part keys), for highlighting.
    pub matched_terms: BTreeSet<String>,
    pub notices: Vec<Notice>,
    /// Where the matches of the required clauses are, for [`Ranking::hints`].
    clauses: Vec<Clause<'a>>,
    /// Whether a required clause is a phrase (its positions are where it starts).
    phrases: bool,
}

/// Rank every article that matches `query`.
pub fn run<'a>(index: &Index<'a>, query: &Query) -> Result<Ranking<'a>, IndexError> {
    run_for(index, query, usize::MAX)
}

/// [`run`], where only the first `needed` articles must be in their exact order (a page of
/// results sorted by relevance; at least [`MIN_ORDERED`]): the rest follow in no particular
/// order, scored without the proximity bonus if it could not have brought them forward.
///
/// A query without words but with exclusions (`-Singapur`) ranks every other article.
pub fn run_for<'a>(
    index: &Index<'a>,
    query: &Query,
    needed: usize,
) -> Result<Ranking<'a>, IndexError> {
    run_weighing(index, query, needed, Scores::Shown, true)
}

/// [`run`] for matches that are filtered or sorted by date afterwards: every article has
/// its whole score (the proximity bonus wherever it applies), but only the first
/// [`MIN_ORDERED`] are in order and the scores are BM25's, not yet the relevance shown:
/// the caller orders what passes its filters ([`rank::best_first`]) and then shows the
/// scores ([`rank::shown`]), rather than every match being sorted for a few.
pub fn run_unordered<'a>(index: &Index<'a>, query: &Query) -> Result<Ranking<'a>, IndexError> {
    run_weighing(index, query, usize::MAX, Scores::Ranked, true)
}

/// Which scores a [`Ranking`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scores {
    /// The relevance the answer shows, the first `needed` in order.
    Shown,
    /// BM25 with the proximity bonus, the first [`MIN_ORDERED`] in order.
    Ranked,
}

/// [`run_for`] or [`run_unordered`]; `weigh_within`: whether optional words are weighed
/// only in the articles the required ones match (the same scores, sooner; `false` only to
/// test that).
fn run_weighing<'a>(
    index: &Index<'a>,
    query: &Query,
    needed: usize,
    scores_kept: Scores,
    weigh_within: bool,
) -> Result<Ranking<'a>, IndexError> {
    let needed = needed.max(MIN_ORDERED);
    let planned = plan::plan(index, query)?;
    let excluded = matching::excluded_articles(index, &query.excluded)?;
    let mut matched_terms = BTreeSet::new();
    let mut notices = Vec::new();
    let mut required: Vec<Clause<'a>> = Vec::new();
    let mut optional: Vec<Clause<'a>> = Vec::new();
    let mut dropped = Vec::new();
    let phrases = planned
        .iter()
        .any(|p| !p.optional && p.clause.any_of.iter().any(|m| !m.is_word()));
    // One required word of the query followed by another typed apart (`Jong Un`): the key
    // of the two written together, under which the other spellings (`Jong-un`, `Jongun`)
    // are. (Not for stop words: `in der` is not another spelling of `Inder`.)
    let single = |p: &plan::Planned<'_>| match p.clause.any_of.as_slice() {
        [m] if m.is_word() && !p.optional => Some(m.text.clone()),
        _ => None,
    };
    let joined_keys: Vec<Option<String>> = planned
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let next = planned.get(k + 1).and_then(single)?;
            Some(explorer_text::term_of(&(single(p)? + &next)))
        })
        .collect();
    // The required words first: the optional ones are weighed only where all of them match.
    for (k, p) in planned.iter().enumerate() {
        if p.optional {
            continue;
        }
        let mut parts = Vec::new();
        for (matcher, &complete) in p.clause.any_of.iter().zip(&p.complete) {
            parts.push(matching::match_matcher(
                index,
                matcher,
                complete,
                Typos::No,
                &mut matched_terms,
            )?);
        }
        let mut matches = Clause::union(parts)?;
        if let Some(joined) = joined_keys
            .get(k)
            .and_then(Option::as_deref)
            .filter(|_| !matches.is_empty())
        {
            matching::lower_joined(index, &mut matches, joined)?;
            matching::not_typed_where_joined(index, &mut matches, joined)?;
        }
        // The second word of such a pair is not typed where the two are joined either.
        let before = k
            .checked_sub(1)
            .and_then(|b| joined_keys.get(b))
            .and_then(Option::as_deref);
        if let Some(joined) = before.filter(|_| !matches.is_empty()) {
            matching::not_typed_where_joined(index, &mut matches, joined)?;
        }
        // Corrected only once the word's own reads are loaded: in a lazy index's round that
        // read a list still to come, the word may well be there (`expand::reads`).
        if matches.is_empty() && !expand::reads::unloaded() {
            let mut parts = Vec::new();
            for matcher in &p.clause.any_of {
                let mut corrected = BTreeSet::new();
                let found =
                    matching::match_matcher(index, matcher, false, Typos::Yes, &mut corrected)?;
                // Offered only when it finds something (a corrected phrase may not).
                if !found.is_empty() && !corrected.is_empty() {
                    notices.push(Notice::Corrected {
                        word: matcher.text.clone(),
                        terms: corrected.iter().cloned().collect(),
                    });
                    matched_terms.extend(corrected);
                }
                parts.push(found);
            }
            matches = Clause::union(parts)?;
        }
        if matches.is_empty() {
            let words: Vec<&str> = p.clause.any_of.iter().map(|m| m.text.as_str()).collect();
            dropped.push(words.join(" "));
        }
        required.push(matches);
    }
    // Loosen: leave out words that match nothing at all, as long as something remains.
    if !dropped.is_empty() && required.iter().any(|c| !c.is_empty()) {
        required.retain(|c| !c.is_empty());
        notices.extend(dropped.into_iter().map(|word| Notice::Dropped { word }));
    }
    // Optional words rank but are not marked: `und` all over a snippet says nothing. They
    // score only in the articles every required clause matches, so only there are their
    // frequencies weighed (the clause still has all its articles, for its idf).
    let within = (weigh_within && !required.is_empty()).then(|| {
        let mut count = vec![0usize; index.article_count() as usize];
        for c in &required {
            for (a, _) in &c.tf {
                if let Some(n) = count.get_mut(a.0 as usize) {
                    *n += 1;
                }
            }
        }
        count
            .into_iter()
            .map(|n| n == required.len())
            .collect::<Vec<bool>>()
    });
    for p in planned.iter().filter(|p| p.optional) {
        let mut unmarked = BTreeSet::new();
        let mut parts = Vec::new();
        for (matcher, &complete) in p.clause.any_of.iter().zip(&p.complete) {
            parts.push(matching::match_matcher_within(
                index,
                matcher,
                complete,
                Typos::No,
                &mut unmarked,
                within.as_deref(),
            )?);
        }
        optional.push(Clause::union(parts)?);
    }
    let mut scores = rank::score(index, &required, &optional, &excluded)?;
    // Proximity among the words that say something: a word in most articles (`und`, `die`)
    // is near every other word somewhere, and its positions are the longest to decode.
    let half = index.article_count() as usize / 2;
    let telling: Vec<&Clause<'_>> = required.iter().filter(|c| c.tf.len() <= half).collect();
    if telling.len() > 1 {
        rank::apply_proximity(&telling, &mut scores, needed)?;
    }
    let mut ranked = match scores_kept {
        Scores::Shown => rank::best_first(scores, needed),
        Scores::Ranked => rank::best_first(scores, MIN_ORDERED),
    };
    if scores_kept == Scores::Shown {
        rank::as_relevance(&mut ranked);
    }
    Ok(Ranking {
        ranked,
        matched_terms,
        notices,
        clauses: required,
        phrases,
    })
}

/// Every article that mentions all of `entities` (every article when there are none),
/// scored by how often it mentions them; without `excluded`.
pub fn browse<'a>(
    index: &Index<'a>,
    entities: &[EntityId],
    excluded: &BTreeSet<ArticleId>,
) -> Result<Ranking<'a>, IndexError> {
    // One slot per article (`None`: not mentioned), summed in the entities' order.
    let everyone = entities.is_empty().then_some(0.0);
    let mut per_article: Vec<Option<f32>> = vec![everyone; index.article_count() as usize];
    for &id in entities {
        for (article, n) in index.entity(id)?.articles {
            match per_article.get_mut(article.0 as usize) {
                Some(slot) => *slot = Some(slot.unwrap_or(0.0) + n as f32),
                // An id the index does not have is an error, as everywhere else.
                None => {
                    index.length(article)?;
                }
            }
        }
    }
    let scores = index
        .article_ids()
        .zip(per_article)
        .filter_map(|(article, score)| Some((article, score?)))
        .filter(|(a, _)| !excluded.contains(a))
        .map(|(article, score)| Scored {
            article,
            tier: 0,
            score,
        })
        .collect();
    Ok(Ranking {
        ranked: rank::best_first(scores, usize::MAX),
        ..Ranking::default()
    })
}

impl Ranking<'_> {
    /// For each of `articles`, where the required clauses matched it (see
    /// [`crate::snippet::Hint`]), for its snippet: every position of every postings list,
    /// each list one key (a phrase: where it starts, one key). Positions are decoded here,
    /// for the few articles shown, not while ranking.
    pub fn hints(&self, articles: &[ArticleId]) -> Result<Vec<Hint>, IndexError> {
        let mut found: Vec<Vec<(u32, u32)>> = vec![Vec::new(); articles.len()];
        // The lists are walked in article order; `order` takes a place there back to `articles`.
        let order = sorted_order(articles);
        let in_order: Vec<ArticleId> = order.iter().map(|&k| articles[k]).collect();
        let mut key = 0u32;
        // A list whose positions are in the texts (a stop word of a query of stop words
        // alone) gives the hint none: the snippet then reads its words itself.
        let unplaced = self
            .clauses
            .iter()
            .any(|c| c.positions.lists.iter().any(|(l, _)| l.positions_in_text()));
        for clause in &self.clauses {
            for (list, _) in &clause.positions.lists {
                key += 1;
                let slots = matching::slots_of(list.articles(), &in_order);
                if slots.iter().all(Option::is_none) {
                    continue;
                }
                list.for_each_positions_where(
                    |i| slots[i].is_some(),
                    |i, positions| {
                        if let Some(k) = slots[i] {
                            found[order[k]].extend(positions.iter().map(|&p| (p, key)));
                        }
                    },
                )?;
            }
            let known = &clause.positions.known;
            if !known.is_empty() {
                key += 1;
                for (k, a) in articles.iter().enumerate() {
                    if let Ok(i) = known.binary_search_by_key(a, |(a, _)| *a) {
                        found[k].extend(known[i].1.iter().map(|&(p, _)| (p, key)));
                    }
                }
            }
        }
        Ok(found
            .into_iter()
            .map(|mut matches| {
                // One key per position: the first clause's (a term and its variants share it).
                matches.sort_unstable();
                matches.dedup_by_key(|(p, _)| *p);
                Hint {
                    matches,
                    partial: self.phrases || unplaced,
                }
            })
            .collect())
    }
}

/// For each place in `articles` sorted (they come in answer order), the place of that
/// article in `articles`.
fn sorted_order(articles: &[ArticleId]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_unstable_by_key(|&k| articles[k]);
    order
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Optional words weighed only where the required ones match give every article the
    /// score (and place) it has when they are weighed everywhere.
    #[test]
    fn optional_words_weighed_within_the_required_matches_score_the_same() {
        for fixture in ["tests/fixtures/german", "tests/fixtures/names"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
            let built = explorer_ingest::build(&dir).expect("the fixture builds");
            let index = Index::open(&built.index).expect("opens");
            let mut scored = 0;
            for q in [
                "die Stadt und der Hafen ",
                "wie kann ich die Größe ändern ",
                "der Vertrag und die Verträge ",
                "in Finnland ist es kalt ",
                "mit dem Zug nach Zürich ",
                "Wasserstoff für die Industrie ",
                "und ",
            ] {
                let parsed = crate::query::parse(q);
                let within =
                    run_weighing(&index, &parsed, usize::MAX, Scores::Shown, true).expect("runs");
                let everywhere =
                    run_weighing(&index, &parsed, usize::MAX, Scores::Shown, false).expect("runs");
                assert_eq!(within.ranked, everywhere.ranked, "{fixture}: {q}");
                assert_eq!(within.matched_terms, everywhere.matched_terms, "{q}");
                scored += within.ranked.len();
            }
            assert!(scored > 0, "{fixture}: the queries match something");
        }
    }
}

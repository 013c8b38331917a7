//! Running a [`Query`] against the index: term expansion, matching, BM25 ranking.
//!
//! Each clause of the query must match (AND); a clause matches when any of its alternatives
//! does (OR); excluded matchers remove articles. Scores are BM25 over weighted term
//! frequencies: an occurrence in the title counts [`TITLE_WEIGHT`] times, in the lead
//! paragraph [`LEAD_WEIGHT`] times; a prefix completion counts less than the word itself.
//! Ties are broken by article id, so the order is deterministic.

use crate::query::{Matcher, Query};
use explorer_index::{ArticleId, Field, Index, IndexError, Occurrence};
use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};
use std::collections::{BTreeMap, BTreeSet};

pub const TITLE_WEIGHT: f32 = 3.0;
pub const LEAD_WEIGHT: f32 = 1.5;
pub const CAPTION_WEIGHT: f32 = 0.8;
/// Weight of a prefix completion relative to the exact term.
pub const PREFIX_WEIGHT: f32 = 0.6;
/// Most completions of a prefix that are looked up.
pub const MAX_PREFIX_EXPANSIONS: usize = 50;
/// Shortest prefix (in characters) that is completed; shorter ones match whole terms only.
pub const MIN_PREFIX_CHARS: usize = 2;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A ranked article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub article: ArticleId,
    pub score: f32,
}

/// The outcome of running a query: every matching article ranked, and the index terms that
/// matched (for highlighting).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    pub ranked: Vec<Scored>,
    pub matched_terms: BTreeSet<String>,
}

/// Where one matcher matches in one article: the weighted frequency.
type Matches = BTreeMap<ArticleId, f32>;

/// Rank every article that matches `query`.
pub fn run(index: &Index<'_>, query: &Query) -> Result<Ranking, IndexError> {
    let mut matched_terms = BTreeSet::new();
    let n = index.article_count() as f32;
    let avg_len = index.avg_len().max(1.0);
    let mut scores: Option<BTreeMap<ArticleId, f32>> = None;

    for clause in &query.clauses {
        let mut clause_matches = Matches::new();
        for matcher in &clause.any_of {
            for (article, tf) in match_matcher(index, matcher, &mut matched_terms)? {
                *clause_matches.entry(article).or_default() += tf;
            }
        }
        let df = clause_matches.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let mut next = BTreeMap::new();
        for (article, tf) in clause_matches {
            let previous = match &scores {
                Some(s) => match s.get(&article) {
                    Some(&p) => p,
                    None => continue,
                },
                None => 0.0,
            };
            let len = index.article(article)?.indexed_len as f32;
            let norm = K1 * (1.0 - B + B * len / avg_len);
            next.insert(article, previous + idf * tf * (K1 + 1.0) / (tf + norm));
        }
        scores = Some(next);
    }

    let mut scores = scores.unwrap_or_default();
    let mut ignore = BTreeSet::new();
    for matcher in &query.excluded {
        for article in match_matcher(index, matcher, &mut ignore)?.keys() {
            scores.remove(article);
        }
    }
    let mut ranked: Vec<Scored> = scores
        .into_iter()
        .map(|(article, score)| Scored { article, score })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.article.cmp(&b.article))
    });
    Ok(Ranking {
        ranked,
        matched_terms,
    })
}

fn field_weight(field: Field) -> f32 {
    match field {
        Field::Title => TITLE_WEIGHT,
        Field::Lead => LEAD_WEIGHT,
        Field::Caption => CAPTION_WEIGHT,
        Field::Body => 1.0,
    }
}

/// The articles `matcher` matches, with the weighted frequency of its matches in each.
/// Terms that matched are added to `matched_terms`.
fn match_matcher(
    index: &Index<'_>,
    matcher: &Matcher,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Matches, IndexError> {
    let last = matcher.terms.len().saturating_sub(1);
    // For each slot of the matcher: article -> occurrences (with the expansion's weight).
    let mut slots: Vec<BTreeMap<ArticleId, Vec<(Occurrence, f32)>>> = Vec::new();
    for (i, term) in matcher.terms.iter().enumerate() {
        let mut slot: BTreeMap<ArticleId, Vec<(Occurrence, f32)>> = BTreeMap::new();
        let prefix = (matcher.prefix && i == last).then_some(matcher.prefix_key.as_str());
        for (expanded, weight) in expand(index, term, prefix) {
            let Some(postings) = index.postings(&expanded)? else {
                continue;
            };
            if !postings.is_empty() {
                matched_terms.insert(expanded);
            }
            for p in postings {
                slot.entry(p.article)
                    .or_default()
                    .extend(p.occurrences.into_iter().map(|o| (o, weight)));
            }
        }
        slots.push(slot);
    }
    let Some((first, rest)) = slots.split_first() else {
        return Ok(Matches::new());
    };
    let mut out = Matches::new();
    for (article, occurrences) in first {
        let mut tf = 0.0;
        for &(occ, weight) in occurrences {
            let follows = rest.iter().enumerate().all(|(k, slot)| {
                slot.get(article).is_some_and(|os| {
                    os.iter()
                        .any(|(o, _)| o.position == occ.position + k as u32 + 1)
                })
            });
            if follows {
                tf += field_weight(occ.field) * weight;
            }
        }
        if tf > 0.0 {
            out.insert(*article, tf);
        }
    }
    Ok(out)
}

/// The index terms `term` stands for, with weights: itself, and when the word is still being
/// typed, up to [`MAX_PREFIX_EXPANSIONS`] terms that begin with its stem or with its folded,
/// unstemmed form (`prefix`; a stem can be shorter than the word, a partial word's stem can
/// be cut differently).
fn expand(index: &Index<'_>, term: &str, prefix: Option<&str>) -> Vec<(String, f32)> {
    let mut out = vec![(term.to_owned(), 1.0)];
    let Some(prefix) = prefix else {
        return out;
    };
    for start in [term, prefix] {
        if start.chars().count() < MIN_PREFIX_CHARS {
            continue;
        }
        let mut stream = index
            .terms()
            .search(Str::new(start).starts_with())
            .into_stream();
        while let Some((key, _)) = stream.next() {
            if out.len() > MAX_PREFIX_EXPANSIONS {
                break;
            }
            if let Ok(key) = std::str::from_utf8(key) {
                if out.iter().all(|(t, _)| t != key) {
                    out.push((key.to_owned(), PREFIX_WEIGHT));
                }
            }
        }
    }
    out
}

//! Running a [`Query`] against the index: term expansion, matching, loosening, BM25 ranking.
//!
//! Each clause of the query must match (AND); a clause matches when any of its alternatives
//! does (OR); excluded matchers remove articles. A term stands for itself and, with lower
//! weights, for its exact spelling (a bonus), its completions while it is typed, and, only
//! when it matches nothing, the index terms within a few typos. A word that matches nothing
//! even then is dropped, if other words match. Both loosenings are reported as [`Notice`]s.
//!
//! Scores are BM25 over weighted term frequencies (title > lead > body; a variant such as a
//! compound part counts less than the word itself), times a proximity bonus when several
//! words occur close together. Ties are broken by article id: the order is deterministic.

use crate::query::{EntityFilter, Matcher, Query};
use explorer_index::{ArticleId, EntityId, Field, Index, IndexError, Kind, PostingList};
use explorer_text::{fold_key, is_exact_key, term_of, tokenize};
use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};
use levenshtein_automata::{LevenshteinAutomatonBuilder, DFA};
use std::collections::{BTreeMap, BTreeSet};

pub const TITLE_WEIGHT: f32 = 3.0;
pub const LEAD_WEIGHT: f32 = 1.5;
pub const CAPTION_WEIGHT: f32 = 0.8;
/// Weight of a variant occurrence (compound part, genitive base, ...) relative to the word.
pub const DERIVED_WEIGHT: f32 = 0.5;
/// Extra weight when the article spells the word exactly as the query does.
pub const EXACT_BONUS: f32 = 0.5;
/// Weight of another name of an entity the word names (`Beijing` for `Peking`).
pub const ALIAS_WEIGHT: f32 = 0.8;
/// Weight of a completion of the word being typed.
pub const PREFIX_WEIGHT: f32 = 0.6;
/// Weight of a typo correction at distance 1 and 2.
pub const TYPO_WEIGHTS: [f32; 2] = [0.5, 0.3];
/// Most completions of a prefix and most typo corrections looked up per word.
pub const MAX_EXPANSIONS: usize = 50;
/// Shortest prefix (in characters) that is completed.
pub const MIN_PREFIX_CHARS: usize = 2;
/// Shortest word (in characters) that tolerates one typo, and two typos.
pub const TYPO_MIN_CHARS: [usize; 2] = [5, 9];
/// Largest proximity bonus (for adjacent words), as a fraction of the score.
pub const PROXIMITY_BONUS: f32 = 0.5;
/// Articles [`run_for`] always puts in order (messages quote the best few).
pub const MIN_ORDERED: usize = 8;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A ranked article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub article: ArticleId,
    pub score: f32,
}

/// How the engine loosened the query to find something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// `word` matched nothing; it was read as these index terms (typo corrections).
    Corrected { word: String, terms: Vec<String> },
    /// `word` matched nothing, not even with typos, and was left out.
    Dropped { word: String },
}

/// The outcome of running a query.
#[derive(Debug, Clone, Default)]
pub struct Ranking<'a> {
    /// Every match, best first (after [`run_for`], only its first `needed` in order).
    pub ranked: Vec<Scored>,
    /// Index terms that matched, for highlighting.
    pub matched_terms: BTreeSet<String>,
    pub notices: Vec<Notice>,
    /// Where the matches of the scored clauses are, for [`Ranking::hints`].
    clauses: Vec<Clause<'a>>,
}

impl Ranking<'_> {
    /// For each of `articles`, the token position of its first match outside the title (else
    /// in the title), where a snippet should look first. Positions are decoded here, for the
    /// few articles shown, not while ranking.
    pub fn hints(&self, articles: &[ArticleId]) -> Result<Vec<Option<u32>>, IndexError> {
        // (position, in the title) per article: body matches first, then the earliest.
        let mut best: Vec<Option<(bool, u32)>> = vec![None; articles.len()];
        let mut note = |k: usize, title: bool, position: u32| {
            let candidate = (title, position);
            if best[k].is_none_or(|b| candidate < b) {
                best[k] = Some(candidate);
            }
        };
        for clause in &self.clauses {
            match &clause.positions {
                Positions::Lists(lists) => {
                    for (list, _) in lists {
                        let mut wanted: Vec<Option<usize>> = vec![None; list.len()];
                        let mut any = false;
                        for (k, a) in articles.iter().enumerate() {
                            if let Ok(i) = list.articles().binary_search(a) {
                                wanted[i] = Some(k);
                                any = true;
                            }
                        }
                        if !any {
                            continue;
                        }
                        list.for_each_positions_where(
                            |i| wanted[i].is_some(),
                            |i, positions| {
                                if let Some(k) = wanted[i] {
                                    for (p, kind) in positions.iter().zip(list.kinds(i)) {
                                        note(k, kind.field == Field::Title, *p);
                                    }
                                }
                            },
                        )?;
                    }
                }
                Positions::Known(known) => {
                    for (k, a) in articles.iter().enumerate() {
                        if let Ok(i) = known.binary_search_by_key(a, |(a, _)| *a) {
                            for &(p, title) in &known[i].1 {
                                note(k, title, p);
                            }
                        }
                    }
                }
            }
        }
        Ok(best.into_iter().map(|b| b.map(|(_, p)| p)).collect())
    }
}

/// The articles one clause of the query matches, with weighted term frequencies.
#[derive(Debug, Clone, Default)]
struct Clause<'a> {
    /// Matching articles, sorted, with their weighted frequency of matches.
    tf: Vec<(ArticleId, f32)>,
    positions: Positions<'a>,
}

/// Where a clause's matches are.
#[derive(Debug, Clone)]
enum Positions<'a> {
    /// In these postings lists (with the weight of each), decoded when needed.
    Lists(Vec<(PostingList<'a>, f32)>),
    /// Already known (a phrase's starts), per article, sorted: position, in the title.
    Known(Vec<(ArticleId, Vec<(u32, bool)>)>),
}

impl Default for Positions<'_> {
    fn default() -> Self {
        Positions::Known(Vec::new())
    }
}

impl<'a> Clause<'a> {
    fn is_empty(&self) -> bool {
        self.tf.is_empty()
    }

    /// One clause of several alternatives: the union of their matches.
    fn union(parts: Vec<Clause<'a>>) -> Result<Clause<'a>, IndexError> {
        let mut parts = parts.into_iter().filter(|c| !c.is_empty());
        let Some(mut out) = parts.next() else {
            return Ok(Clause::default());
        };
        for part in parts {
            out.tf = merge_sorted(std::mem::take(&mut out.tf), part.tf, |a, b| *a += b);
            out.positions = match (out.positions, part.positions) {
                (Positions::Lists(mut a), Positions::Lists(b)) => {
                    a.extend(b);
                    Positions::Lists(a)
                }
                (a, b) => {
                    Positions::Known(merge_sorted(a.into_known()?, b.into_known()?, |a, b| {
                        a.extend(b);
                        a.sort_unstable();
                    }))
                }
            };
        }
        Ok(out)
    }

    /// The positions of the matches in `candidates` (sorted): per candidate, sorted.
    fn positions_in(&self, candidates: &[ArticleId]) -> Result<Vec<Vec<u32>>, IndexError> {
        match &self.positions {
            Positions::Lists(lists) => positions_of(lists, candidates),
            Positions::Known(known) => {
                let mut out = vec![Vec::new(); candidates.len()];
                for (article, ps) in known {
                    if let Ok(k) = candidates.binary_search(article) {
                        out[k] = ps.iter().map(|(p, _)| *p).collect();
                    }
                }
                Ok(out)
            }
        }
    }
}

/// The positions of `lists`' occurrences in `candidates` (sorted): per candidate, sorted and
/// unique; the other articles' positions are skipped, not decoded.
fn positions_of(
    lists: &[(PostingList<'_>, f32)],
    candidates: &[ArticleId],
) -> Result<Vec<Vec<u32>>, IndexError> {
    let mut out = vec![Vec::new(); candidates.len()];
    for (list, _) in lists {
        let slots = slots_of(list.articles(), candidates);
        list.for_each_positions_where(
            |i| slots[i].is_some(),
            |i, positions| {
                if let Some(k) = slots[i] {
                    out[k].extend_from_slice(positions);
                }
            },
        )?;
    }
    for ps in &mut out {
        ps.sort_unstable();
        ps.dedup();
    }
    Ok(out)
}

impl<'a> Positions<'a> {
    /// Every match as (position, in the title), per article, sorted.
    #[allow(clippy::type_complexity)]
    fn into_known(self) -> Result<Vec<(ArticleId, Vec<(u32, bool)>)>, IndexError> {
        match self {
            Positions::Known(k) => Ok(k),
            Positions::Lists(lists) => {
                let mut known = Vec::new();
                for (list, _) in &lists {
                    let mut this = Vec::with_capacity(list.len());
                    list.for_each_positions(|i, positions| {
                        let ps: Vec<(u32, bool)> = positions
                            .iter()
                            .zip(list.kinds(i))
                            .map(|(p, kind)| (*p, kind.field == Field::Title))
                            .collect();
                        this.push((list.articles()[i], ps));
                    })?;
                    known = merge_sorted(known, this, |a, b| {
                        a.extend(b);
                        a.sort_unstable();
                    });
                }
                Ok(known)
            }
        }
    }
}

/// Two lists sorted by article merged into one, `join` combining the values of an article
/// both have.
fn merge_sorted<T>(
    a: Vec<(ArticleId, T)>,
    b: Vec<(ArticleId, T)>,
    join: impl Fn(&mut T, T),
) -> Vec<(ArticleId, T)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for (article, mut value) in a {
        while let Some((other, _)) = b.peek() {
            if *other > article {
                break;
            }
            let (other, more) = b.next().expect("peeked");
            if other == article {
                join(&mut value, more);
            } else {
                out.push((other, more));
            }
        }
        out.push((article, value));
    }
    out.extend(b);
    out
}

/// For each article of a sorted `list`, its index in the sorted `candidates`, if there.
fn slots_of(list: &[ArticleId], candidates: &[ArticleId]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(list.len());
    let mut k = 0;
    for a in list {
        while k < candidates.len() && candidates[k] < *a {
            k += 1;
        }
        out.push((k < candidates.len() && candidates[k] == *a).then_some(k));
    }
    out
}

/// Rank every article that matches `query`.
pub fn run<'a>(index: &Index<'a>, query: &Query) -> Result<Ranking<'a>, IndexError> {
    run_for(index, query, usize::MAX)
}

/// [`run`], where only the first `needed` articles must be in their exact order (a page of
/// results sorted by relevance; at least [`MIN_ORDERED`]): the rest follow in no particular
/// order, scored without the proximity bonus if it could not have brought them forward.
pub fn run_for<'a>(
    index: &Index<'a>,
    query: &Query,
    needed: usize,
) -> Result<Ranking<'a>, IndexError> {
    let needed = needed.max(MIN_ORDERED);
    let mut matched_terms = BTreeSet::new();
    let mut notices = Vec::new();
    let mut clauses: Vec<Clause<'a>> = Vec::new();
    let mut dropped = Vec::new();
    for clause in &query.clauses {
        let mut parts = Vec::new();
        for matcher in &clause.any_of {
            parts.push(match_matcher(
                index,
                matcher,
                Typos::No,
                &mut matched_terms,
            )?);
        }
        let mut matches = Clause::union(parts)?;
        if matches.is_empty() {
            let mut parts = Vec::new();
            for matcher in &clause.any_of {
                let mut corrected = BTreeSet::new();
                parts.push(match_matcher(index, matcher, Typos::Yes, &mut corrected)?);
                if !corrected.is_empty() {
                    notices.push(Notice::Corrected {
                        word: matcher.text.clone(),
                        terms: corrected.iter().cloned().collect(),
                    });
                    matched_terms.extend(corrected);
                }
            }
            matches = Clause::union(parts)?;
        }
        if matches.is_empty() {
            dropped.push(
                clause
                    .any_of
                    .iter()
                    .map(|m| m.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        clauses.push(matches);
    }
    // Loosen: leave out words that match nothing at all, as long as something remains.
    if !dropped.is_empty() && clauses.iter().any(|c| !c.is_empty()) {
        clauses.retain(|c| !c.is_empty());
        notices.extend(dropped.into_iter().map(|word| Notice::Dropped { word }));
    }

    let mut scores = score(index, &clauses)?;
    let mut ignore = BTreeSet::new();
    for matcher in &query.excluded {
        let excluded = match_matcher(index, matcher, Typos::No, &mut ignore)?;
        scores.retain(|s| {
            excluded
                .tf
                .binary_search_by_key(&s.article, |(a, _)| *a)
                .is_err()
        });
    }
    // Proximity among the words that say something: a word in most articles (`und`, `die`)
    // is near every other word somewhere, and its positions are the longest to decode.
    let half = index.article_count() as usize / 2;
    let telling: Vec<&Clause<'_>> = clauses.iter().filter(|c| c.tf.len() <= half).collect();
    if telling.len() > 1 {
        apply_proximity(&telling, &mut scores, needed)?;
    }
    Ok(Ranking {
        ranked: best_first(scores, needed),
        matched_terms,
        notices,
        clauses,
    })
}

/// Scored articles, best first; ties by article id, so the order is deterministic. Only
/// the first `needed` are put in order: the rest follow in no particular order (sorting
/// tens of thousands of matches for a page of twenty is most of a frequent word's ranking).
fn best_first(mut ranked: Vec<Scored>, needed: usize) -> Vec<Scored> {
    if needed < ranked.len() {
        ranked.select_nth_unstable_by(needed, better);
        ranked[..needed].sort_unstable_by(better);
    } else {
        ranked.sort_unstable_by(better);
    }
    ranked
}

/// The answer order: higher score first, ties by article id.
fn better(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| a.article.cmp(&b.article))
}

/// BM25 summed over clauses, for the articles every clause matches.
fn score(index: &Index<'_>, clauses: &[Clause<'_>]) -> Result<Vec<Scored>, IndexError> {
    let Some((first, rest)) = clauses.split_first() else {
        return Ok(Vec::new());
    };
    let n = index.article_count() as f32;
    let avg_len = index.avg_len().max(1.0);
    let idf: Vec<f32> = clauses
        .iter()
        .map(|c| {
            let df = c.tf.len() as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    // Intersect: walk the first clause's articles, advancing a cursor in each other clause.
    let mut cursors = vec![0usize; rest.len()];
    let mut out = Vec::new();
    let mut tfs = vec![0f32; clauses.len()];
    'articles: for &(article, tf) in &first.tf {
        tfs[0] = tf;
        for (k, c) in rest.iter().enumerate() {
            let list = &c.tf;
            let at = &mut cursors[k];
            while *at < list.len() && list[*at].0 < article {
                *at += 1;
            }
            match list.get(*at) {
                Some(&(a, tf)) if a == article => tfs[k + 1] = tf,
                _ => continue 'articles,
            }
        }
        let len = index.length(article)? as f32;
        let norm = K1 * (1.0 - B + B * len / avg_len);
        let total: f32 = tfs
            .iter()
            .zip(&idf)
            .map(|(tf, idf)| idf * tf * (K1 + 1.0) / (tf + norm))
            .sum();
        out.push(Scored {
            article,
            score: total,
        });
    }
    Ok(out)
}

/// Multiply scores by the proximity bonus, best BM25 first, in growing batches, until no
/// article left could enter the first `needed` even with the largest bonus: those stay
/// without it and rank below. So the first `needed` are exactly in order, and a frequent
/// word pair (`und ist`) does not decode positions for thousands of articles nobody sees.
fn apply_proximity(
    clauses: &[&Clause<'_>],
    scored: &mut [Scored],
    needed: usize,
) -> Result<(), IndexError> {
    if needed == 0 {
        return Ok(());
    }
    // Best BM25 first; `scored` is sorted again afterwards anyway.
    scored.sort_unstable_by(better);
    let mut done = 0;
    let mut batch = needed.saturating_mul(2);
    let mut finals: Vec<Scored> = Vec::new();
    while done < scored.len() {
        if finals.len() >= needed {
            // The needed-th best final score so far, against the best any other could reach.
            finals.sort_unstable_by(better);
            let threshold = finals[needed - 1].score;
            if scored[done].score * (1.0 + PROXIMITY_BONUS) < threshold {
                break;
            }
        }
        let mut end = done.saturating_add(batch).min(scored.len());
        if scored.len() - end < batch.saturating_mul(4) {
            // What would be left is smaller than the next batch: take it now, in one pass.
            end = scored.len();
        }
        let mut candidates: Vec<ArticleId> = scored[done..end].iter().map(|s| s.article).collect();
        candidates.sort_unstable();
        let positions = clauses
            .iter()
            .map(|c| c.positions_in(&candidates))
            .collect::<Result<Vec<_>, _>>()?;
        let mut per_article: Vec<&[u32]> = Vec::with_capacity(clauses.len());
        for s in &mut scored[done..end] {
            let Ok(k) = candidates.binary_search(&s.article) else {
                continue;
            };
            per_article.clear();
            per_article.extend(positions.iter().map(|p| p[k].as_slice()));
            s.score *= 1.0 + proximity(&per_article);
            finals.push(*s);
        }
        done = end;
        batch = batch.saturating_mul(4);
    }
    Ok(())
}

/// A bonus in `0..=PROXIMITY_BONUS`: the smallest window holding one position of every
/// clause, compared with the smallest possible (the clauses side by side).
pub fn proximity(positions: &[&[u32]]) -> f32 {
    if positions.len() < 2 || positions.iter().any(|p| p.is_empty()) {
        return 0.0;
    }
    let mut all: Vec<(u32, usize)> = positions
        .iter()
        .enumerate()
        .flat_map(|(c, ps)| ps.iter().map(move |&p| (p, c)))
        .collect();
    all.sort_unstable();
    let k = positions.len();
    let mut counts = vec![0usize; k];
    let mut covered = 0;
    let mut best = u32::MAX;
    let mut left = 0;
    for right in 0..all.len() {
        let c = all[right].1;
        counts[c] += 1;
        if counts[c] == 1 {
            covered += 1;
        }
        while covered == k {
            best = best.min(all[right].0 - all[left].0 + 1);
            let lc = all[left].1;
            counts[lc] -= 1;
            if counts[lc] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    if best == u32::MAX {
        return 0.0;
    }
    PROXIMITY_BONUS * (k as f32 / best.max(k as u32) as f32)
}

fn field_weight(kind: Kind) -> f32 {
    let field = match kind.field {
        Field::Title => TITLE_WEIGHT,
        Field::Lead => LEAD_WEIGHT,
        Field::Caption => CAPTION_WEIGHT,
        Field::Body => 1.0,
    };
    if kind.derived {
        field * DERIVED_WEIGHT
    } else {
        field
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typos {
    No,
    Yes,
}

/// The articles `matcher` matches, with the weighted frequency of its matches. Terms that
/// matched are added to `matched_terms`.
fn match_matcher<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Clause<'a>, IndexError> {
    if matcher.terms.len() <= 1 {
        return match_word(index, matcher, typos, matched_terms);
    }
    // A phrase. Per slot: its expansions' lists; the articles every slot has are candidates,
    // and only theirs positions are decoded.
    let mut slots: Vec<Vec<(PostingList<'a>, f32)>> = Vec::new();
    for i in 0..matcher.terms.len() {
        slots.push(expanded_postings(index, matcher, i, typos, matched_terms)?);
    }
    let mut candidates: Option<Vec<ArticleId>> = None;
    for slot in &slots {
        let mut here: Vec<ArticleId> = slot
            .iter()
            .flat_map(|(l, _)| l.articles().iter().copied())
            .collect();
        here.sort_unstable();
        here.dedup();
        candidates = Some(match candidates {
            None => here,
            Some(c) => c
                .into_iter()
                .filter(|a| here.binary_search(a).is_ok())
                .collect(),
        });
    }
    let candidates = candidates.unwrap_or_default();
    if candidates.is_empty() {
        return Ok(Clause::default());
    }
    // Positions of every later slot, per candidate; occurrences (with weight) of the first.
    let later = slots[1..]
        .iter()
        .map(|slot| positions_of(slot, &candidates))
        .collect::<Result<Vec<_>, _>>()?;
    let mut tf = vec![0f32; candidates.len()];
    let mut starts: Vec<Vec<(u32, bool)>> = vec![Vec::new(); candidates.len()];
    for (list, weight) in &slots[0] {
        let at = slots_of(list.articles(), &candidates);
        list.for_each_positions_where(
            |i| at[i].is_some(),
            |i, ps| {
                let Some(k) = at[i] else { return };
                for (&p, kind) in ps.iter().zip(list.kinds(i)) {
                    let follows = later
                        .iter()
                        .enumerate()
                        .all(|(j, per)| per[k].binary_search(&(p + j as u32 + 1)).is_ok());
                    if follows {
                        tf[k] += field_weight(kind) * weight;
                        starts[k].push((p, kind.field == Field::Title));
                    }
                }
            },
        )?;
    }
    let mut out_tf = Vec::new();
    let mut known = Vec::new();
    for (k, article) in candidates.into_iter().enumerate() {
        if tf[k] > 0.0 {
            let mut ps = std::mem::take(&mut starts[k]);
            ps.sort_unstable();
            ps.dedup_by_key(|(p, _)| *p);
            out_tf.push((article, tf[k]));
            known.push((article, ps));
        }
    }
    Ok(Clause {
        tf: out_tf,
        positions: Positions::Known(known),
    })
}

/// [`match_matcher`] for one word: its expansions' weighted frequencies summed per article,
/// without decoding a position.
fn match_word<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Clause<'a>, IndexError> {
    let lists = expanded_postings(index, matcher, 0, typos, matched_terms)?;
    let tf = match lists.as_slice() {
        [] => Vec::new(),
        [(list, weight)] => (0..list.len())
            .map(|i| (list.articles()[i], weighted(list, i) * weight))
            .collect(),
        _ => {
            // Several lists: a dense accumulator over all articles.
            let mut dense = vec![0f32; index.article_count() as usize];
            for (list, weight) in &lists {
                for (i, a) in list.articles().iter().enumerate() {
                    if let Some(slot) = dense.get_mut(a.0 as usize) {
                        *slot += weighted(list, i) * weight;
                    }
                }
            }
            dense
                .into_iter()
                .enumerate()
                .filter(|(_, tf)| *tf > 0.0)
                .map(|(a, tf)| (ArticleId(a as u32), tf))
                .collect()
        }
    };
    Ok(Clause {
        tf,
        positions: Positions::Lists(lists),
    })
}

/// The weighted frequency of the `i`-th posting of `list`.
fn weighted(list: &PostingList<'_>, i: usize) -> f32 {
    list.kinds(i).map(field_weight).sum()
}

/// The postings lists of every index term the `i`-th term of `matcher` stands for, each with
/// its weight: its expansions (see [`expand`]), or with `Typos::Yes` its corrections; for a
/// one-word matcher also the names of the entity it names. Terms that matched are added to
/// `matched_terms`.
fn expanded_postings<'a>(
    index: &Index<'a>,
    matcher: &Matcher,
    i: usize,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Vec<(PostingList<'a>, f32)>, IndexError> {
    let Some(term) = matcher.terms.get(i) else {
        return Ok(Vec::new());
    };
    let last = i + 1 == matcher.terms.len();
    let mut expansions = match typos {
        Typos::No => {
            let prefix = (matcher.prefix && last).then_some(matcher.prefix_key.as_str());
            let exact = matcher.exact_keys.get(i).and_then(Option::as_deref);
            expand(index, term, exact, prefix)
        }
        Typos::Yes => corrections(index, term),
    };
    if typos == Typos::No && matcher.terms.len() == 1 {
        expansions.extend(alias_terms(index, &matcher.text)?);
    }
    let mut out = Vec::new();
    for (expanded, weight) in expansions {
        let Some(list) = index.postings(&expanded)? else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        if !is_exact_key(&expanded) {
            matched_terms.insert(expanded);
        }
        out.push((list, weight));
    }
    Ok(out)
}

/// The index terms `term` stands for, with weights: itself; its exact spelling key (a
/// bonus); and when the word is still being typed, up to [`MAX_EXPANSIONS`] terms that begin
/// with its stem or with its folded, unstemmed form (`prefix`: a stem can be shorter than the
/// word, and a partial word's stem can be cut differently).
fn expand(
    index: &Index<'_>,
    term: &str,
    exact: Option<&str>,
    prefix: Option<&str>,
) -> Vec<(String, f32)> {
    let mut out = vec![(term.to_owned(), 1.0)];
    if let Some(exact) = exact {
        out.push((exact.to_owned(), EXACT_BONUS));
    }
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
        let mut added = 0;
        while let Some((key, _)) = stream.next() {
            if added >= MAX_EXPANSIONS {
                break;
            }
            if let Ok(key) = std::str::from_utf8(key) {
                if out.iter().all(|(t, _)| t != key) {
                    out.push((key.to_owned(), PREFIX_WEIGHT));
                    added += 1;
                }
            }
        }
    }
    out
}

/// If `word` names an entity (`Beijing`), the terms of the entity's other one-word names
/// (`Peking`), so its articles are found under any of them.
fn alias_terms(index: &Index<'_>, word: &str) -> Result<Vec<(String, f32)>, IndexError> {
    let Some(id) = index.entity_by_alias(&fold_key(word)) else {
        return Ok(Vec::new());
    };
    let e = index.entity(id)?;
    let own = term_of(word);
    Ok(std::iter::once(e.name)
        .chain(e.aliases.iter().copied())
        .filter(|name| tokenize(name).len() == 1)
        .map(term_of)
        .filter(|t| *t != own)
        .map(|t| (t, ALIAS_WEIGHT))
        .collect())
}

/// The entity a filter names: an exact name or alias of the right kind, else the first
/// whose name or alias begins with it.
pub fn resolve_entity(
    index: &Index<'_>,
    filter: &EntityFilter,
) -> Result<Option<EntityId>, IndexError> {
    let key = fold_key(&filter.name);
    if key.is_empty() {
        return Ok(None);
    }
    let kind_ok = |id: EntityId| -> Result<bool, IndexError> {
        Ok(filter
            .kind
            .is_none_or(|k| index.entity(id).is_ok_and(|e| e.kind == k)))
    };
    if let Some(id) = index.entity_by_alias(&key) {
        if kind_ok(id)? {
            return Ok(Some(id));
        }
    }
    let mut stream = index
        .aliases()
        .search(Str::new(&key).starts_with())
        .into_stream();
    while let Some((_, value)) = stream.next() {
        let id = EntityId(u32::try_from(value).unwrap_or(u32::MAX));
        if kind_ok(id)? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Every article that mentions all of `entities` (every article when there are none),
/// scored by how often it mentions them.
pub fn browse<'a>(index: &Index<'a>, entities: &[EntityId]) -> Result<Ranking<'a>, IndexError> {
    let mut scores: BTreeMap<ArticleId, f32> = BTreeMap::new();
    if entities.is_empty() {
        scores.extend(index.article_ids().map(|a| (a, 0.0)));
    }
    for &id in entities {
        for (article, n) in index.entity(id)?.articles {
            *scores.entry(article).or_default() += n as f32;
        }
    }
    let scores = scores
        .into_iter()
        .map(|(article, score)| Scored { article, score })
        .collect();
    Ok(Ranking {
        ranked: best_first(scores, usize::MAX),
        ..Ranking::default()
    })
}

/// Index terms within the typo distance allowed for `term`'s length, nearest first.
fn corrections(index: &Index<'_>, term: &str) -> Vec<(String, f32)> {
    let chars = term.chars().count();
    let distance = TYPO_MIN_CHARS.iter().filter(|&&min| chars >= min).count() as u8;
    if distance == 0 {
        return Vec::new();
    }
    let dfa = typo_dfa(term, distance);
    let mut found = Vec::new();
    let mut stream = index.terms().search(&dfa).into_stream();
    while let Some((key, _)) = stream.next() {
        let Ok(key) = std::str::from_utf8(key) else {
            continue;
        };
        if is_exact_key(key) || key == term {
            continue;
        }
        let d = match dfa.eval(key) {
            levenshtein_automata::Distance::Exact(d) => d,
            levenshtein_automata::Distance::AtLeast(_) => continue,
        };
        found.push((d, key.to_owned()));
        if found.len() >= 4 * MAX_EXPANSIONS {
            break;
        }
    }
    found.sort_unstable();
    // Only the nearest distance found: a one-typo correction hides two-typo ones.
    let nearest = found.first().map(|(d, _)| *d);
    found
        .into_iter()
        .filter(|(d, _)| Some(*d) == nearest)
        .take(MAX_EXPANSIONS)
        .map(|(d, key)| (key, TYPO_WEIGHTS[usize::from(d.clamp(1, 2) - 1)]))
        .collect()
}

thread_local! {
    static BUILDERS: [LevenshteinAutomatonBuilder; 2] = [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ];
}

fn typo_dfa(term: &str, distance: u8) -> DFA {
    BUILDERS.with(|b| b[usize::from(distance.clamp(1, 2) - 1)].build_dfa(term))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proximity_rewards_adjacent_words() {
        let adjacent = proximity(&[&[10], &[11]]);
        let far = proximity(&[&[10], &[40]]);
        assert!((adjacent - PROXIMITY_BONUS).abs() < 1e-6);
        assert!(far < adjacent && far > 0.0);
        assert_eq!(proximity(&[&[1, 2]]), 0.0);
        assert_eq!(proximity(&[&[1], &[]]), 0.0);
    }
}

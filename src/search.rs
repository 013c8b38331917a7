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
use explorer_index::{ArticleId, EntityId, Field, Index, IndexError, Occurrence, Posting};
use explorer_text::{fold_key, term_of, tokenize};
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
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A ranked article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub article: ArticleId,
    pub score: f32,
    /// Token position of the first match, where the snippet should look first.
    pub hint: Option<u32>,
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    pub ranked: Vec<Scored>,
    /// Index terms that matched, for highlighting.
    pub matched_terms: BTreeSet<String>,
    pub notices: Vec<Notice>,
}

/// Per article: weighted frequency and the positions of the matches.
type Matches = BTreeMap<ArticleId, (f32, Vec<u32>)>;

/// Rank every article that matches `query`.
pub fn run(index: &Index<'_>, query: &Query) -> Result<Ranking, IndexError> {
    let mut matched_terms = BTreeSet::new();
    let mut notices = Vec::new();
    let mut clauses: Vec<Matches> = Vec::new();
    let mut dropped = Vec::new();
    for clause in &query.clauses {
        let mut matches = Matches::new();
        for matcher in &clause.any_of {
            merge(
                &mut matches,
                match_matcher(index, matcher, Typos::No, &mut matched_terms)?,
            );
        }
        if matches.is_empty() {
            for matcher in &clause.any_of {
                let mut corrected = BTreeSet::new();
                merge(
                    &mut matches,
                    match_matcher(index, matcher, Typos::Yes, &mut corrected)?,
                );
                if !corrected.is_empty() {
                    notices.push(Notice::Corrected {
                        word: matcher.text.clone(),
                        terms: corrected.iter().cloned().collect(),
                    });
                    matched_terms.extend(corrected);
                }
            }
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
        for article in match_matcher(index, matcher, Typos::No, &mut ignore)?.keys() {
            scores.remove(article);
        }
    }
    Ok(Ranking {
        ranked: best_first(scores),
        matched_terms,
        notices,
    })
}

/// Scored articles, best first; ties by article id, so the order is deterministic.
fn best_first(scores: BTreeMap<ArticleId, (f32, Option<u32>)>) -> Vec<Scored> {
    let mut ranked: Vec<Scored> = scores
        .into_iter()
        .map(|(article, (score, hint))| Scored {
            article,
            score,
            hint,
        })
        .collect();
    ranked.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.article.cmp(&b.article))
    });
    ranked
}

fn merge(into: &mut Matches, from: Matches) {
    for (article, (tf, positions)) in from {
        let entry = into.entry(article).or_default();
        entry.0 += tf;
        entry.1.extend(positions);
    }
}

/// BM25 summed over clauses, for the articles every clause matches, times the proximity
/// bonus.
fn score(
    index: &Index<'_>,
    clauses: &[Matches],
) -> Result<BTreeMap<ArticleId, (f32, Option<u32>)>, IndexError> {
    let Some((first, rest)) = clauses.split_first() else {
        return Ok(BTreeMap::new());
    };
    let n = index.article_count() as f32;
    let avg_len = index.avg_len().max(1.0);
    let mut out = BTreeMap::new();
    for article in first.keys() {
        if !rest.iter().all(|c| c.contains_key(article)) {
            continue;
        }
        let len = index.length(*article)? as f32;
        let norm = K1 * (1.0 - B + B * len / avg_len);
        let mut total = 0.0;
        let mut positions = Vec::with_capacity(clauses.len());
        for c in clauses {
            let df = c.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let (tf, pos) = &c[article];
            total += idf * tf * (K1 + 1.0) / (tf + norm);
            positions.push(pos.as_slice());
        }
        let hint = positions
            .iter()
            .filter_map(|p| p.iter().min())
            .min()
            .copied();
        out.insert(*article, (total * (1.0 + proximity(&positions)), hint));
    }
    Ok(out)
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

fn field_weight(o: &Occurrence) -> f32 {
    let field = match o.field {
        Field::Title => TITLE_WEIGHT,
        Field::Lead => LEAD_WEIGHT,
        Field::Caption => CAPTION_WEIGHT,
        Field::Body => 1.0,
    };
    if o.derived {
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

/// The articles `matcher` matches, with the weighted frequency and positions of its matches.
/// Terms that matched are added to `matched_terms`.
fn match_matcher(
    index: &Index<'_>,
    matcher: &Matcher,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Matches, IndexError> {
    if matcher.terms.len() <= 1 {
        return match_word(index, matcher, typos, matched_terms);
    }
    // For each slot of the matcher: article -> occurrences (with the expansion's weight).
    let mut slots: Vec<BTreeMap<ArticleId, Vec<(Occurrence, f32)>>> = Vec::new();
    for i in 0..matcher.terms.len() {
        let mut slot: BTreeMap<ArticleId, Vec<(Occurrence, f32)>> = BTreeMap::new();
        for (p, weight) in expanded_postings(index, matcher, i, typos, matched_terms)? {
            slot.entry(p.article)
                .or_default()
                .extend(p.occurrences.into_iter().map(|o| (o, weight)));
        }
        slots.push(slot);
    }
    let Some((first, rest)) = slots.split_first() else {
        return Ok(Matches::new());
    };
    let mut out = Matches::new();
    for (article, occurrences) in first {
        let mut tf = 0.0;
        let mut positions = Vec::new();
        for &(occ, weight) in occurrences {
            let follows = rest.iter().enumerate().all(|(k, slot)| {
                slot.get(article).is_some_and(|os| {
                    os.iter()
                        .any(|(o, _)| o.position == occ.position + k as u32 + 1)
                })
            });
            if follows {
                tf += field_weight(&occ) * weight;
                positions.push(occ.position);
            }
        }
        if tf > 0.0 {
            positions.dedup();
            out.insert(*article, (tf, positions));
        }
    }
    Ok(out)
}

/// [`match_matcher`] for one word: its expansions' postings summed straight into the
/// matches, without the per-slot maps a phrase needs.
fn match_word(
    index: &Index<'_>,
    matcher: &Matcher,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Matches, IndexError> {
    let mut out = Matches::new();
    for (p, weight) in expanded_postings(index, matcher, 0, typos, matched_terms)? {
        let (tf, positions) = out.entry(p.article).or_default();
        for o in &p.occurrences {
            *tf += field_weight(o) * weight;
            positions.push(o.position);
        }
    }
    for (_, positions) in out.values_mut() {
        positions.sort_unstable();
        positions.dedup();
    }
    Ok(out)
}

/// The postings of every index term the `i`-th term of `matcher` stands for, each with its
/// weight: its expansions (see [`expand`]), or with `Typos::Yes` its corrections; for a
/// one-word matcher also the names of the entity it names. Terms that matched are added to
/// `matched_terms`.
fn expanded_postings(
    index: &Index<'_>,
    matcher: &Matcher,
    i: usize,
    typos: Typos,
    matched_terms: &mut BTreeSet<String>,
) -> Result<Vec<(Posting, f32)>, IndexError> {
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
        let Some(postings) = index.postings(&expanded)? else {
            continue;
        };
        if !postings.is_empty() && !expanded.starts_with('=') {
            matched_terms.insert(expanded);
        }
        out.extend(postings.into_iter().map(|p| (p, weight)));
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
pub fn browse(index: &Index<'_>, entities: &[EntityId]) -> Result<Ranking, IndexError> {
    let mut scores: BTreeMap<ArticleId, (f32, Option<u32>)> = BTreeMap::new();
    if entities.is_empty() {
        scores.extend(index.article_ids().map(|a| (a, (0.0, None))));
    }
    for &id in entities {
        for (article, n) in index.entity(id)?.articles {
            scores.entry(article).or_default().0 += n as f32;
        }
    }
    Ok(Ranking {
        ranked: best_first(scores),
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
        if key.starts_with('=') || key == term {
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

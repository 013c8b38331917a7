//! The order of docs/QUERY.md row 1, read from the surface words: every hit with more of the
//! required words in the form typed ranks above every hit with fewer. The spelling typed is
//! read as the row says: where its spelling has its own exact-spelling key (`Kims`,
//! `Zürich`, or a lower-case `kims` whose spelling the index keeps), the words with that
//! spelling and key; else (`Kim`, `Vertrag`) the words whose term is its term and that have
//! no key of their own (not `Kims`, `Verträge`). Plain loops over each article's words, no
//! postings: single words and pairs of words from each corpus.

use super::{fixtures, generated, names, queries, seeds, Model};
use article_explorer::{ArticleId, SearchOptions};
use explorer_text::{exact_key, exact_spelling, is_stop_word, term_of};
use std::collections::BTreeSet;

/// Queries checked per corpus, at most: single words, and pairs.
const WORDS: usize = 300;
const PAIRS: usize = 100;

/// The articles where `w` (one word, as typed) occurs in the form typed.
fn typed_in(model: &Model, w: &str) -> BTreeSet<ArticleId> {
    let lower = w.to_lowercase();
    let own_key = exact_key(w).is_some() || model.spellings.contains(&lower);
    let term = term_of(w);
    let typed = |s: &String| match exact_key(s) {
        Some(key) => own_key && exact_spelling(&key) == Some(lower.as_str()),
        None => !own_key && term_of(s) == term,
    };
    model
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.words.iter().any(typed))
        .map(|(k, _)| ArticleId(k as u32))
        .collect()
}

/// Words a query of them is plain required words: not stop words, not operators.
fn plain(model: &Model) -> Vec<&String> {
    model
        .words
        .iter()
        .filter(|w| !is_stop_word(w) && w.chars().all(char::is_alphabetic))
        .collect()
}

/// Checks `query` (of `words`): the hits' tiers by [`typed_in`] never rise down the list.
/// Returns whether the hits had more than one tier.
fn check(model: &Model, words: &[&String]) -> Result<bool, String> {
    let query = words
        .iter()
        .map(|w| w.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        + " ";
    let typed: Vec<BTreeSet<ArticleId>> = words.iter().map(|w| typed_in(model, w)).collect();
    let answer = model
        .explorer
        .search(&query, &SearchOptions::first(1_000))
        .map_err(|e| e.to_string())?;
    let tiers: Vec<usize> = answer
        .hits
        .iter()
        .map(|h| typed.iter().filter(|t| t.contains(&h.article.id)).count())
        .collect();
    if tiers.windows(2).any(|w| w[0] < w[1]) {
        return Err(format!("{query:?}: tiers down the list {tiers:?}"));
    }
    Ok(tiers.first() != tiers.last())
}

#[test]
fn the_form_typed_ranks_first_as_the_reference_reads_it() {
    type Corpus = fn() -> &'static Model;
    let corpora: [(&str, Corpus); 5] = [
        ("seeds", seeds),
        ("tests/fixtures/german", fixtures),
        ("tests/fixtures/queries", queries),
        ("tests/fixtures/names", names),
        ("generated", generated),
    ];
    let (mut checked, mut contrasts) = (0, 0);
    let mut failures = Vec::new();
    for (name, model) in corpora {
        let model = model();
        let words = plain(model);
        let step = words.len().div_ceil(WORDS).max(1);
        let singles = words.iter().step_by(step).map(|w| vec![*w]);
        // Pairs not written joined anywhere (`Jong Un` against `Jong-un` is row 5's rule).
        let pairs = (0..PAIRS.min(words.len()))
            .map(|i| {
                vec![
                    words[i * step % words.len()],
                    words[(i * 7 + 3) % words.len()],
                ]
            })
            .filter(|p| {
                p[0] != p[1] && !model.keys.contains(&term_of(&format!("{}{}", p[0], p[1])))
            });
        for query in singles.chain(pairs) {
            checked += 1;
            match check(model, &query) {
                Ok(contrast) => contrasts += usize::from(contrast),
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
    }
    println!("form typed first: {checked} queries checked, {contrasts} with hits in several tiers");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        contrasts >= 20,
        "only {contrasts} queries with hits in several tiers"
    );
}

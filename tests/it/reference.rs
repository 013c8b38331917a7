//! The reference evaluator: a slow, obviously correct reading of docs/QUERY.md over the
//! analysed corpus, against which the engine's result sets and notices are compared.
//!
//! The reference analyses every article with `explorer_text` exactly as the build does
//! (the same blocks, positions and variants: that analysis is shared by design), and then
//! matches with plain loops over tokens: no fst, no postings, no pruning, no ranking. A
//! query is generated as a list of items (words from the corpus, stop words, unknown words,
//! `OR`, `AND`, phrases, exclusions, entity filters, `datum:` filters, date options, a last
//! word still being typed),
//! rendered to the query language, and evaluated from the items, never from the parser.
//! Ranking may differ; the set of articles and the notices may not.

mod generate;
mod model;
mod order;

use article_explorer::search::{TYPO_KEEP_PREFIX, TYPO_MIN_CHARS};
use article_explorer::{ArticleId, Loosened, SearchOptions};
use explorer_index::EntityKind;
use explorer_text::{compound, fold, fold_key, is_stop_word, part_key, term_of, tokenize};
use generate::{generate, render, write_generated_corpus, Item};
use model::{model_of, Entity, Model};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Positions skipped between blocks (as the indexer does).
const BLOCK_GAP: u32 = explorer_ingest::indexer::BLOCK_GAP;
/// Cases run per corpus.
const CASES: u32 = 400;
/// Cases run in all, printed at the end of each property.
static RUN: AtomicUsize = AtomicUsize::new(0);
/// Of those, cases whose answer was not empty, and cases with a dropped word.
static FOUND: AtomicUsize = AtomicUsize::new(0);
static DROPPED: AtomicUsize = AtomicUsize::new(0);
/// Of those, cases whose last word was still being typed.
static TYPING: AtomicUsize = AtomicUsize::new(0);
/// Of those, cases with a corrected word, with a typo'd word, with a hyphenated word.
static CORRECTED: AtomicUsize = AtomicUsize::new(0);
static TYPOS: AtomicUsize = AtomicUsize::new(0);
static HYPHENS: AtomicUsize = AtomicUsize::new(0);

impl Model {
    /// The articles word `w` (as typed) matches: a token with its term or its part key, with
    /// another name of the entity it names, or with all parts of it as a compound.
    fn word(&self, w: &str) -> BTreeSet<ArticleId> {
        let term = term_of(w);
        let part = part_key(w);
        let mut wanted: BTreeSet<String> = [term.clone(), part].into();
        let key = fold_key(w);
        let named: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| e.names.iter().any(|n| fold_key(n) == key))
            .collect();
        if let [e] = named.as_slice() {
            for n in &e.names {
                if tokenize(n).len() == 1 && term_of(n) != term {
                    wanted.insert(term_of(n));
                }
            }
        }
        let folded = fold(w);
        // A name of one person, country or place of the index (also with a genitive `s`)
        // is never split.
        let is_name = |key: &str| {
            let named: Vec<&Entity> = self
                .entities
                .iter()
                .filter(|e| e.names.iter().any(|n| fold_key(n) == key))
                .collect();
            matches!(named.as_slice(), [e] if matches!(
                e.kind,
                EntityKind::Person | EntityKind::Country | EntityKind::Place
            ))
        };
        let name = is_name(&key) || key.strip_suffix('s').is_some_and(is_name);
        let parts: Option<Vec<String>> = (!name
            && folded.chars().count() >= article_explorer::search::MIN_COMPOUND_CHARS
            && tokenize(w).len() == 1)
            .then(|| {
                compound::split(&folded, &|p| self.part_keys.contains(&part_key(p)))
                    .map(|rs| rs.into_iter().map(|r| part_key(&folded[r])).collect())
            })
            .flatten();
        self.matching(|keys| {
            wanted.iter().any(|k| keys.contains(k))
                || parts
                    .as_ref()
                    .is_some_and(|ps| ps.iter().all(|p| keys.contains(p)))
        })
    }

    /// The articles `w` matches while it is being typed (the last word, no space after it):
    /// itself, and when it is not a word of the index, the first [`MAX_EXPANSIONS`] keys
    /// that begin with its term and the first that begin with its folded form.
    fn typing(&self, w: &str) -> BTreeSet<ArticleId> {
        let term = term_of(w);
        let mut set = self.word(w);
        if self.keys.contains(&term) {
            return set;
        }
        let mut completions: Vec<&String> = Vec::new();
        for start in [term.clone(), fold_key(w)] {
            if start.chars().count() < article_explorer::search::MIN_PREFIX_CHARS {
                continue;
            }
            let fresh: Vec<&String> = self
                .keys
                .range(start.clone()..)
                .take_while(|k| k.starts_with(&start))
                .filter(|k| **k != term && !completions.contains(k))
                .take(article_explorer::search::MAX_EXPANSIONS)
                .collect();
            completions.extend(fresh);
        }
        set.extend(self.matching(|keys| completions.iter().any(|c| keys.contains(*c))));
        set
    }

    /// The articles with the phrase's terms at consecutive positions.
    fn phrase(&self, words: &[String]) -> BTreeSet<ArticleId> {
        let terms: Vec<String> = words.iter().map(|w| term_of(w)).collect();
        let mut out = BTreeSet::new();
        for (i, a) in self.articles.iter().enumerate() {
            let found = a.tokens.keys().any(|&p| {
                terms.iter().enumerate().all(|(k, t)| {
                    a.tokens
                        .get(&(p + k as u32))
                        .is_some_and(|keys| keys.contains(t))
                })
            });
            if found {
                out.insert(ArticleId(i as u32));
            }
        }
        out
    }

    /// A hyphenated word (`Klima-Schutz`): the phrase of its parts, or all the closed word
    /// (`KlimaSchutz`) matches.
    fn hyphenated(&self, w: &str) -> BTreeSet<ArticleId> {
        let parts: Vec<String> = tokenize(w).iter().map(|t| t.text.to_owned()).collect();
        let mut set = self.phrase(&parts);
        set.extend(self.word(&parts.concat()));
        set
    }

    /// The corrections of `word` (as typed), as docs/QUERY.md states them: only for a word
    /// whose term the index lacks; one edit from [`TYPO_MIN_CHARS`]`[0]` letters, two from
    /// `[1]`; the first letter kept (two for two edits); measured between terms (stems) and
    /// between the word as typed and the spellings the index keeps (these only nearer than
    /// the nearest stem); only the nearest distance. The terms, sorted.
    fn corrections(&self, word: &str) -> Vec<String> {
        let term = term_of(word);
        if term.is_empty() || self.keys.contains(&term) {
            return Vec::new();
        }
        let chars = fold_key(word).chars().count();
        let allowed = TYPO_MIN_CHARS.iter().filter(|&&m| chars >= m).count();
        let keeps = |a: &str, b: &str, d: usize| {
            let n = TYPO_KEEP_PREFIX[d - 1];
            a.chars().take(n).eq(b.chars().take(n))
        };
        let mut found: Vec<(usize, String)> = Vec::new();
        for key in self
            .keys
            .iter()
            .filter(|k| !k.starts_with('~') && **k != term)
        {
            let d = distance(&term, key);
            if (1..=allowed).contains(&d) && keeps(&term, key, d) {
                found.push((d, key.clone()));
            }
        }
        let exact_allowed = found
            .iter()
            .map(|(d, _)| *d)
            .min()
            .map_or(allowed, |d| (d - 1).min(allowed));
        let typed = word.to_lowercase();
        for spelling in &self.spellings {
            let d = distance(&typed, spelling);
            if (1..=exact_allowed).contains(&d) && keeps(&typed, spelling, d) {
                let corrected = term_of(spelling);
                if corrected != term {
                    found.push((d, corrected));
                }
            }
        }
        let Some(nearest) = found.iter().map(|(d, _)| *d).min() else {
            return Vec::new();
        };
        let nearest: BTreeSet<String> = found
            .into_iter()
            .filter(|(d, _)| *d == nearest)
            .map(|(_, t)| t)
            .collect();
        nearest
            .into_iter()
            .take(article_explorer::search::MAX_EXPANSIONS)
            .collect()
    }

    /// The articles the corrections of `word` find.
    fn corrected(&self, word: &str) -> BTreeSet<ArticleId> {
        let terms = self.corrections(word);
        self.matching(|keys| terms.iter().any(|t| keys.contains(t)))
    }

    fn matching(&self, token: impl Fn(&BTreeSet<String>) -> bool) -> BTreeSet<ArticleId> {
        (0..self.articles.len())
            .filter(|&i| self.articles[i].tokens.values().any(&token))
            .map(|i| ArticleId(i as u32))
            .collect()
    }

    fn all(&self) -> BTreeSet<ArticleId> {
        (0..self.articles.len())
            .map(|i| ArticleId(i as u32))
            .collect()
    }
}

/// Edits between `a` and `b` in characters: a letter replaced, left out, added, or two
/// neighbours swapped (optimal string alignment distance), by the textbook table.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// One alternative of a clause, as the reference evaluates and corrects it.
enum Alt {
    /// A word (as typed); corrected when its clause finds nothing.
    Word(String),
    /// A hyphenated word; when its clause finds nothing, its closed form is corrected.
    Hyphen(String),
    /// A phrase or a word being typed: never corrected here (their words are the corpus's).
    Other(String),
}

impl Alt {
    fn text(&self) -> &str {
        match self {
            Alt::Word(t) | Alt::Hyphen(t) | Alt::Other(t) => t,
        }
    }

    fn corrected(&self, model: &Model) -> BTreeSet<ArticleId> {
        match self {
            Alt::Word(w) => model.corrected(w),
            Alt::Hyphen(w) => {
                let joined: String = tokenize(w).iter().map(|t| t.text).collect();
                model.corrected(&joined)
            }
            Alt::Other(_) => BTreeSet::new(),
        }
    }
}

/// What the reference expects: the set of articles, and the notices (`corrected WORD`,
/// `dropped WORD`) in the engine's order.
fn evaluate(
    model: &Model,
    items: &[Item],
    options: &SearchOptions,
) -> (BTreeSet<ArticleId>, Vec<String>) {
    let is_stop = |w: &str| is_stop_word(w);
    let word = |w: &String| Alt::Word(w.clone());
    // Clauses: (alternatives, articles, optional).
    let mut clauses: Vec<(Vec<Alt>, BTreeSet<ArticleId>, bool)> = Vec::new();
    let mut excluded = BTreeSet::new();
    let mut required_entities = Vec::new();
    let mut excluded_entities = Vec::new();
    let mut years: Vec<(u16, bool)> = Vec::new();
    for item in items {
        match item {
            Item::Word(w) | Item::Typo(w) => {
                clauses.push((vec![word(w)], model.word(w), is_stop(w)))
            }
            Item::Hyphen(w) => {
                clauses.push((vec![Alt::Hyphen(w.clone())], model.hyphenated(w), false))
            }
            Item::Typing(w) => {
                clauses.push((vec![Alt::Other(w.clone())], model.typing(w), is_stop(w)))
            }
            Item::Or(a, b) => {
                let set = model.word(a).union(&model.word(b)).copied().collect();
                clauses.push((vec![word(a), word(b)], set, is_stop(a) && is_stop(b)));
            }
            Item::Phrase(ws) => {
                clauses.push((vec![Alt::Other(ws.join(" "))], model.phrase(ws), false))
            }
            Item::Not(w) => excluded.extend(model.word(w)),
            Item::NotPhrase(ws) => excluded.extend(model.phrase(ws)),
            Item::Entity { index, negated } => {
                let e = &model.entities[*index];
                if *negated {
                    excluded_entities.push(e);
                } else {
                    required_entities.push(e);
                }
            }
            Item::Year { year, negated } => years.push((*year, *negated)),
            Item::And => {}
        }
    }
    // A query that opens with `wie`: the next word, one word typed in lower case, is part of
    // the question (`Wie hoch …`), optional like a stop word.
    let single_word = |c: &(Vec<Alt>, BTreeSet<ArticleId>, bool)| match c.0.as_slice() {
        [Alt::Word(w)] => Some(w.clone()),
        [Alt::Other(w)] if !w.contains(' ') => Some(w.clone()),
        _ => None,
    };
    let opens_how = clauses
        .first()
        .and_then(single_word)
        .is_some_and(|w| fold_key(&w) == "wie");
    if let Some(second) = clauses.get_mut(1).filter(|_| opens_how) {
        if single_word(second).is_some_and(|w| w.starts_with(char::is_lowercase)) {
            second.2 = true;
        }
    }
    let all_optional = clauses.iter().all(|c| c.2);
    let has_exclusions = items
        .iter()
        .any(|i| matches!(i, Item::Not(_) | Item::NotPhrase(_)));
    let mut notices = Vec::new();
    let mut set = if clauses.is_empty() && !has_exclusions {
        if required_entities.is_empty()
            && excluded_entities.is_empty()
            && years.is_empty()
            && options.from.is_none()
        {
            BTreeSet::new()
        } else {
            model.all()
        }
    } else {
        // A required clause that finds nothing is corrected, alternative by alternative;
        // one that finds nothing even so is dropped, if another finds something.
        let mut dropped = Vec::new();
        let mut required = Vec::new();
        for (alts, found, _) in clauses.iter().filter(|c| all_optional || !c.2) {
            let mut found = found.clone();
            if found.is_empty() {
                for alt in alts {
                    let corrected = alt.corrected(model);
                    if !corrected.is_empty() {
                        notices.push(format!("corrected {}", alt.text()));
                    }
                    found.extend(corrected);
                }
            }
            if found.is_empty() {
                let texts: Vec<&str> = alts.iter().map(Alt::text).collect();
                dropped.push(texts.join(" "));
            }
            required.push(found);
        }
        if !dropped.is_empty() && required.iter().any(|c| !c.is_empty()) {
            required.retain(|c| !c.is_empty());
            notices.extend(dropped.into_iter().map(|w| format!("dropped {w}")));
        }
        let mut set = model.all();
        for c in &required {
            set = set.intersection(c).copied().collect();
        }
        set.difference(&excluded).copied().collect()
    };
    for e in &required_entities {
        set = set.intersection(&e.articles).copied().collect();
    }
    for e in &excluded_entities {
        set = set.difference(&e.articles).copied().collect();
    }
    let dated = !years.is_empty() || options.from.is_some() || options.to.is_some();
    if dated {
        set.retain(|a| {
            let Some(d) = model.articles[a.0 as usize].date else {
                // Undated: only negated filters hold.
                return options.from.is_none()
                    && options.to.is_none()
                    && years.iter().all(|&(_, neg)| neg);
            };
            options.from.is_none_or(|f| d >= f)
                && options.to.is_none_or(|t| d <= t)
                && years.iter().all(|&(y, neg)| (d.year == y) != neg)
        });
    }
    if set.is_empty() {
        notices.clear();
    }
    (set, notices)
}

/// Entity filters the reference can state unambiguously: the entity's name resolves to it.
fn unambiguous(model: &Model, items: &[Item]) -> bool {
    items.iter().all(|item| match item {
        Item::Entity { index, .. } => {
            let key = fold_key(&model.entities[*index].name);
            let same: Vec<_> = model
                .entities
                .iter()
                .filter(|e| e.names.iter().any(|n| fold_key(n) == key))
                .map(|e| e.id)
                .collect();
            same == [model.entities[*index].id]
        }
        _ => true,
    })
}

fn check(model: &Model, seed: u64) -> Result<(), TestCaseError> {
    let (items, options) = generate(model, seed);
    prop_assume!(unambiguous(model, &items));
    let query = render(model, &items);
    let (want, notices_wanted) = evaluate(model, &items, &options);
    let got = model.explorer.search(&query, &options).unwrap();
    RUN.fetch_add(1, Ordering::Relaxed);
    FOUND.fetch_add(usize::from(!want.is_empty()), Ordering::Relaxed);
    let noticed = |kind: &str| notices_wanted.iter().any(|n| n.starts_with(kind));
    DROPPED.fetch_add(usize::from(noticed("dropped")), Ordering::Relaxed);
    CORRECTED.fetch_add(usize::from(noticed("corrected")), Ordering::Relaxed);
    let kind = |f: fn(&Item) -> bool| usize::from(items.iter().any(f));
    TYPOS.fetch_add(kind(|i| matches!(i, Item::Typo(_))), Ordering::Relaxed);
    HYPHENS.fetch_add(kind(|i| matches!(i, Item::Hyphen(_))), Ordering::Relaxed);
    let typing = matches!(items.last(), Some(Item::Typing(_)));
    TYPING.fetch_add(usize::from(typing), Ordering::Relaxed);
    let found: BTreeSet<ArticleId> = got.hits.iter().map(|h| h.article.id).collect();
    prop_assert_eq!(
        got.total,
        found.len(),
        "{:?}: a page holds every match",
        query
    );
    prop_assert_eq!(&found, &want, "{:?} ({:?})", query, options);
    let notices: Vec<String> = got
        .loosened
        .iter()
        .map(|l| match l {
            Loosened::Dropped { word } => format!("dropped {word}"),
            Loosened::Corrected { word, .. } => format!("corrected {word}"),
            other => format!("{other:?}"),
        })
        .collect();
    prop_assert_eq!(notices, notices_wanted, "{:?}: notices", query);
    Ok(())
}

fn seeds() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| model_of(&repo("seeds")))
}

fn fixtures() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| model_of(&repo("tests/fixtures/german")))
}

fn queries() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| model_of(&repo("tests/fixtures/queries")))
}

fn names() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| model_of(&repo("tests/fixtures/names")))
}

fn generated() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("explorer-reference-{}", std::process::id()));
        write_generated_corpus(&dir);
        let model = model_of(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        model
    })
}

fn repo(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

/// Every corpus, [`CASES`] random queries each (proptest-driven, with shrinking of the
/// seed on failure), then the number of cases compared.
#[test]
fn the_engine_agrees_with_the_reference_evaluator() {
    type Corpus = fn() -> &'static Model;
    let corpora: [(&str, Corpus); 5] = [
        ("seeds", seeds),
        ("tests/fixtures/german", fixtures),
        ("tests/fixtures/queries", queries),
        ("tests/fixtures/names", names),
        ("generated", generated),
    ];
    for (name, model) in corpora {
        let config = ProptestConfig {
            cases: CASES,
            failure_persistence: None,
            ..ProptestConfig::default()
        };
        let mut runner = proptest::test_runner::TestRunner::new(config);
        let before = RUN.load(Ordering::Relaxed);
        let outcome = runner.run(&any::<u64>(), |seed| check(model(), seed));
        if let Err(e) = outcome {
            panic!("{name}: {e}");
        }
        println!(
            "reference evaluator, {name}: {} cases",
            RUN.load(Ordering::Relaxed) - before
        );
    }
    println!(
        "reference evaluator: {} cases compared in all ({} with matches, {} with a dropped \
         word, {} with a word being typed, {} with a typo'd word, {} with a corrected word, \
         {} with a hyphenated word)",
        RUN.load(Ordering::Relaxed),
        FOUND.load(Ordering::Relaxed),
        DROPPED.load(Ordering::Relaxed),
        TYPING.load(Ordering::Relaxed),
        TYPOS.load(Ordering::Relaxed),
        CORRECTED.load(Ordering::Relaxed),
        HYPHENS.load(Ordering::Relaxed)
    );
}

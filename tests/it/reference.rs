//! The reference evaluator: a slow, obviously correct reading of docs/QUERY.md over the
//! analysed corpus, against which the engine's result sets and notices are compared.
//!
//! The reference analyses every article with `explorer_text` exactly as the build does
//! (the same blocks, positions and variants: that analysis is shared by design), and then
//! matches with plain loops over tokens: no fst, no postings, no pruning, no ranking. A
//! query is generated as a list of items (words from the corpus, stop words, unknown words,
//! `OR`, `AND`, phrases, exclusions, entity filters, `datum:` filters, date options),
//! rendered to the query language, and evaluated from the items, never from the parser.
//! Ranking may differ; the set of articles and the notices may not.

use crate::index_over;
use article_explorer::{ArticleId, Explorer, Loosened, SearchOptions, YearMonth, MAX_LIMIT};
use explorer_index::BlockKind;
use explorer_index::EntityKind;
use explorer_ingest::indexer::{parse_all, Vocabulary};
use explorer_text::{
    compound, fold, fold_key, is_exact_key, is_stop_word, part_key, term_of, tokenize, Analyzer,
    VariantKind,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
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

/// One corpus, analysed: per article its tokens (position → keys), its date.
struct Model {
    explorer: Explorer<'static>,
    articles: Vec<Article>,
    /// Words of the indexed text, as written (one token each).
    words: Vec<String>,
    /// Every compound-part key of the corpus.
    part_keys: BTreeSet<String>,
    /// Per entity: name, kind, aliases, the articles mentioning it.
    entities: Vec<Entity>,
}

struct Article {
    /// The words of its indexed blocks, in order (for phrases that occur).
    words: Vec<String>,
    /// Keys per token position: the primary term and the variants (no exact spellings).
    tokens: BTreeMap<u32, BTreeSet<String>>,
    date: Option<YearMonth>,
}

struct Entity {
    id: explorer_index::EntityId,
    name: String,
    kind: EntityKind,
    names: Vec<String>,
    articles: BTreeSet<ArticleId>,
}

fn model_of(dir: &Path) -> Model {
    let explorer = Explorer::open(index_over(dir.to_str().expect("a UTF-8 path"))).unwrap();
    let corpus = explorer_ingest::corpus::read_folder(dir).unwrap();
    let parsed = parse_all(&corpus.documents, &mut Vec::new());
    let vocabulary = Vocabulary::of(&corpus.documents, &parsed);
    // The bases a genitive may point to: primary terms of capitalised tokens.
    let mut name_terms = BTreeSet::new();
    let mut words = BTreeSet::new();
    for (doc, p) in corpus.documents.iter().zip(&parsed) {
        for b in p.blocks.iter().filter(|b| b.kind != BlockKind::Boilerplate) {
            for t in tokenize(&doc.text[b.start..b.end]) {
                if t.text.starts_with(char::is_uppercase) {
                    name_terms.insert(term_of(t.text));
                }
                words.insert(t.text.to_owned());
            }
        }
    }
    let mut analyzer = Analyzer::new(Some(&vocabulary));
    let mut part_keys = BTreeSet::new();
    let mut articles = Vec::new();
    for (doc, p) in corpus.documents.iter().zip(&parsed) {
        let mut tokens: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
        let mut surface = Vec::new();
        let mut position = 0u32;
        for b in &p.blocks {
            if b.kind == BlockKind::Boilerplate {
                continue;
            }
            let block = &doc.text[b.start..b.end];
            surface.extend(tokenize(block).iter().map(|t| t.text.to_owned()));
            let analysed = analyzer.analyze(block);
            let count = analysed.len() as u32;
            for a in analysed {
                let keys = tokens.entry(position + a.position).or_default();
                keys.insert(a.term);
                for v in a.variants {
                    if v.kind == VariantKind::Genitive && !name_terms.contains(&v.term) {
                        continue;
                    }
                    if is_exact_key(&v.term) {
                        continue;
                    }
                    if v.kind == VariantKind::CompoundPart {
                        part_keys.insert(v.term.clone());
                    }
                    keys.insert(v.term);
                }
            }
            position += count + BLOCK_GAP;
        }
        articles.push(Article {
            words: surface,
            tokens,
            date: p.date,
        });
    }
    let entities = explorer
        .entities()
        .unwrap()
        .into_iter()
        .map(|e| {
            let view = explorer
                .entity(e.id, "", &SearchOptions::default())
                .unwrap();
            Entity {
                id: e.id,
                name: e.name.to_owned(),
                kind: e.kind,
                names: std::iter::once(e.name)
                    .chain(e.aliases.iter().copied())
                    .map(str::to_owned)
                    .collect(),
                articles: view.articles.iter().map(|a| a.id).collect(),
            }
        })
        .collect();
    let words = words
        .into_iter()
        .filter(|w| {
            tokenize(w).len() == 1
                && !["OR", "ODER", "AND", "UND"].contains(&w.as_str())
                && !w.contains([':', '"', '“', '”', '„', '|', '&'])
                && !w.starts_with('-')
        })
        .collect();
    Model {
        explorer,
        articles,
        words,
        part_keys,
        entities,
    }
}

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
        let parts: Option<Vec<String>> = (folded.chars().count()
            >= article_explorer::search::MIN_COMPOUND_CHARS)
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

/// One item of a generated query.
#[derive(Debug, Clone)]
enum Item {
    Word(String),
    Or(String, String),
    Phrase(Vec<String>),
    Not(String),
    NotPhrase(Vec<String>),
    Entity { index: usize, negated: bool },
    Year { year: u16, negated: bool },
    And,
}

/// A small deterministic generator, seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const STOP: &[&str] = &["der", "die", "und", "Wer", "wie", "den", "ist", "Warum"];

fn generate(model: &Model, seed: u64) -> (Vec<Item>, SearchOptions) {
    let mut rng = Rng(seed);
    let word = |rng: &mut Rng| -> String {
        match rng.below(10) {
            0 => STOP[rng.below(STOP.len())].to_owned(),
            1 => format!("Qxzqj{}", ["", "a", "ke", "wo"][rng.below(4)]),
            _ => model.words[rng.below(model.words.len())].clone(),
        }
    };
    let phrase = |rng: &mut Rng| -> Vec<String> {
        // Two or three consecutive words of an article, or the same words reversed.
        let a = &model.articles[rng.below(model.articles.len())];
        let n = 2 + rng.below(2);
        let start = rng.below(a.words.len().saturating_sub(n) + 1);
        let mut ws: Vec<String> = a.words.iter().skip(start).take(n).cloned().collect();
        if rng.below(4) == 0 {
            ws.reverse();
        }
        ws.retain(|w| model.words.contains(w));
        ws
    };
    let mut items = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let item = match rng.below(15) {
            0..=5 => Item::Word(word(&mut rng)),
            6 => Item::Or(word(&mut rng), word(&mut rng)),
            7 | 13 => match phrase(&mut rng) {
                ws if ws.len() >= 2 => Item::Phrase(ws),
                _ => Item::Word(word(&mut rng)),
            },
            8 => Item::Not(word(&mut rng)),
            9 => match phrase(&mut rng) {
                ws if ws.len() >= 2 => Item::NotPhrase(ws),
                _ => Item::Not(word(&mut rng)),
            },
            10 | 11 if !model.entities.is_empty() => Item::Entity {
                index: rng.below(model.entities.len()),
                negated: rng.below(2) == 0,
            },
            12 => Item::Year {
                year: 2015 + rng.below(10) as u16,
                negated: rng.below(3) == 0,
            },
            _ => Item::And,
        };
        items.push(item);
    }
    let mut options = SearchOptions::first(MAX_LIMIT);
    if rng.below(5) == 0 {
        let from = 2015 + rng.below(10) as u16;
        options.from = Some(YearMonth {
            year: from,
            month: 1 + rng.below(12) as u8,
        });
        options.to = Some(YearMonth {
            year: from + rng.below(4) as u16,
            month: 12,
        });
    }
    (items, options)
}

fn render(model: &Model, items: &[Item]) -> String {
    let quote = |ws: &[String]| format!("\"{}\"", ws.join(" "));
    let mut out: Vec<String> = Vec::new();
    for item in items {
        out.push(match item {
            Item::Word(w) => w.clone(),
            Item::Or(a, b) => format!("{a} OR {b}"),
            Item::Phrase(ws) => quote(ws),
            Item::Not(w) => format!("-{w}"),
            Item::NotPhrase(ws) => format!("-{}", quote(ws)),
            Item::Entity { index, negated } => {
                let e = &model.entities[*index];
                let prefix = match e.kind {
                    EntityKind::Person => "person",
                    EntityKind::Country => "land",
                    EntityKind::Place => "ort",
                    EntityKind::Organization => "org",
                    EntityKind::Event => "ereignis",
                };
                let neg = if *negated { "-" } else { "" };
                format!("{neg}{prefix}:\"{}\"", e.name)
            }
            Item::Year { year, negated } => {
                format!("{}datum:{year}", if *negated { "-" } else { "" })
            }
            Item::And => "AND".into(),
        });
    }
    // A trailing space: the last word is complete (completion is tested in relevance.rs).
    out.join(" ") + " "
}

/// What the reference expects: the set of articles and the words dropped.
fn evaluate(
    model: &Model,
    items: &[Item],
    options: &SearchOptions,
) -> (BTreeSet<ArticleId>, Vec<String>) {
    let is_stop = |w: &str| is_stop_word(w);
    // Clauses: (alternatives' texts, articles, optional).
    let mut clauses: Vec<(Vec<String>, BTreeSet<ArticleId>, bool)> = Vec::new();
    let mut excluded = BTreeSet::new();
    let mut required_entities = Vec::new();
    let mut excluded_entities = Vec::new();
    let mut years: Vec<(u16, bool)> = Vec::new();
    for item in items {
        match item {
            Item::Word(w) => clauses.push((vec![w.clone()], model.word(w), is_stop(w))),
            Item::Or(a, b) => {
                let set = model.word(a).union(&model.word(b)).copied().collect();
                clauses.push((vec![a.clone(), b.clone()], set, is_stop(a) && is_stop(b)));
            }
            Item::Phrase(ws) => clauses.push((vec![ws.join(" ")], model.phrase(ws), false)),
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
    let all_optional = clauses.iter().all(|c| c.2);
    let has_exclusions = items
        .iter()
        .any(|i| matches!(i, Item::Not(_) | Item::NotPhrase(_)));
    let mut dropped = Vec::new();
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
        let required: Vec<&(Vec<String>, BTreeSet<ArticleId>, bool)> =
            clauses.iter().filter(|c| all_optional || !c.2).collect();
        let any_match = required.iter().any(|c| !c.1.is_empty());
        let mut set = model.all();
        for c in required {
            if c.1.is_empty() && any_match {
                dropped.push(c.0.join(" "));
                continue;
            }
            set = set.intersection(&c.1).copied().collect();
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
        dropped.clear();
    }
    (set, dropped)
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
    let (want, dropped) = evaluate(model, &items, &options);
    let got = model.explorer.search(&query, &options).unwrap();
    RUN.fetch_add(1, Ordering::Relaxed);
    FOUND.fetch_add(usize::from(!want.is_empty()), Ordering::Relaxed);
    DROPPED.fetch_add(usize::from(!dropped.is_empty()), Ordering::Relaxed);
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
            Loosened::Dropped { word } => word.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    prop_assert_eq!(notices, dropped, "{:?}: notices", query);
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

/// Sixty articles from a small vocabulary: names, compounds and their parts, hyphenated
/// words, stop words, written dates, singulars and plurals; some dated, some not.
fn write_generated_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let vocabulary = [
        "Putin",
        "Merkel",
        "Berlin",
        "Russland",
        "Russlands",
        "Land",
        "Nachbarland",
        "Gipfel",
        "Gipfeltreffen",
        "Treffen",
        "Klimaschutz",
        "Klima-Schutz",
        "Schutz",
        "Atomtest",
        "Atomwaffentest",
        "Zentrum",
        "Zentren",
        "Museum",
        "Museen",
        "Halbinsel",
        "Insel",
        "Vertrag",
        "Verträge",
        "Regierung",
        "Regierungen",
        "Kanzlerin",
        "Wahl",
        "Wahlen",
        "der",
        "die",
        "und",
        "den",
        "ist",
        "wer",
        "wie",
        "nicht",
        "unterschrieb",
        "sagte",
        "12.03.2015",
        "1.7.2019",
        "2020",
        "15.000",
        "Straße",
        "Strasse",
        "Pjöngjang",
        "Luxusgüter",
        "Gute",
        "Nähe",
        "nahm",
        "Kim",
        "Kims",
        "Trump",
    ];
    let mut rng = Rng(20_261_206);
    for i in 0..60 {
        let mut text = String::new();
        if rng.below(4) != 0 {
            text.push_str(&format!(
                " date {}-{:02}\n",
                2015 + rng.below(10),
                1 + rng.below(12)
            ));
        }
        let title: Vec<&str> = (0..3)
            .map(|_| vocabulary[rng.below(vocabulary.len())])
            .collect();
        text.push_str(&title.join(" "));
        text.push_str("\n\n");
        for _ in 0..2 + rng.below(3) {
            let words: Vec<&str> = (0..6 + rng.below(12))
                .map(|_| vocabulary[rng.below(vocabulary.len())])
                .collect();
            text.push_str(&words.join(" "));
            text.push_str(".\n\n");
        }
        std::fs::write(dir.join(format!("{i:03}.txt")), text).unwrap();
    }
}

/// Every corpus, [`CASES`] random queries each (proptest-driven, with shrinking of the
/// seed on failure), then the number of cases compared.
#[test]
fn the_engine_agrees_with_the_reference_evaluator() {
    type Corpus = fn() -> &'static Model;
    let corpora: [(&str, Corpus); 4] = [
        ("seeds", seeds),
        ("tests/fixtures/german", fixtures),
        ("tests/fixtures/queries", queries),
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
        "reference evaluator: {} cases compared in all ({} with matches, {} with a dropped word)",
        RUN.load(Ordering::Relaxed),
        FOUND.load(Ordering::Relaxed),
        DROPPED.load(Ordering::Relaxed)
    );
}

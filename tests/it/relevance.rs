//! The relevance suite: German queries of every kind over the samples (`seeds/`), over a
//! second folder written for the tests (`tests/fixtures/german/`) and over a third written
//! for the query semantics (`tests/fixtures/queries/`, one contrast per article), pairs of
//! articles that differ in the form of a word (`tests/fixtures/relevance-forms/`), and real
//! queries over real news (`crates/ingest/tests/dev/`, categories `real` and `real top`).
//!
//! A query may start with options in brackets: `[Trump]` selects the entity facet of that
//! name (as the page's facet list does), `[2019-01..2019-06]` a date range.
//!
//! Expectations are stated in terms of the texts, not of file names or counts: "finds every
//! article whose text contains `Gipfeltreffen`", so they stay true when a corpus changes.
//! The runner prints one line per query and fails with the list of every query that missed.

use crate::explorer_over;
use article_explorer::{ArticleId, Explorer, Loosened, SearchOptions, YearMonth};
use std::collections::BTreeSet;

mod cases;
mod real;

use cases::{Corpus, Expect};
use Corpus::*;
use Expect::*;

fn text_of(ex: &Explorer<'_>, id: ArticleId) -> String {
    let view = ex.article(id, None).unwrap();
    let mut text = view.summary.title.to_owned();
    for p in view.paragraphs {
        text.push('\n');
        text.push_str(p.text);
    }
    text.to_lowercase()
}

/// Articles whose text contains one of `needles` as whole words (case-insensitive).
fn containing(ex: &Explorer<'_>, needles: &[&str]) -> BTreeSet<ArticleId> {
    ex.articles()
        .unwrap()
        .iter()
        .filter(|a| {
            let text = text_of(ex, a.id);
            needles.iter().any(|n| has_word(&text, &n.to_lowercase()))
        })
        .map(|a| a.id)
        .collect()
}

fn has_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle.trim()).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn year_month(s: &str) -> Option<YearMonth> {
    let (y, m) = s.split_once('-')?;
    Some(YearMonth {
        year: y.parse().ok()?,
        month: m.parse().ok()?,
    })
}

/// The options a query's leading `[...]` brackets set (see the module docs), and the rest.
fn options_of<'q>(ex: &Explorer<'_>, query: &'q str) -> (SearchOptions, &'q str) {
    let mut options = SearchOptions::first(1_000);
    let mut rest = query;
    while let Some((inside, after)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
        rest = after.trim_start();
        if let Some((from, to)) = inside.split_once("..") {
            options.from = year_month(from);
            options.to = year_month(to);
        } else {
            let entity = ex
                .entities()
                .unwrap()
                .into_iter()
                .find(|e| e.name.contains(inside))
                .unwrap_or_else(|| panic!("no entity named {inside}"));
            options.entities.push(entity.id);
        }
    }
    (options, rest)
}

fn check(ex: &Explorer<'_>, query: &str, expect: Expect) -> Result<(), String> {
    let (options, query) = options_of(ex, query);
    let results = ex.search(query, &options).map_err(|e| e.to_string())?;
    let found: BTreeSet<ArticleId> = results.hits.iter().map(|h| h.article.id).collect();
    // A query of filters and exclusions alone marks nothing.
    let has_words = query
        .split_whitespace()
        .any(|w| !w.starts_with('-') && !w.contains(':'));
    for hit in results.hits.iter().filter(|_| has_words) {
        if hit.snippet.as_ref().is_none_or(|s| s.highlights.is_empty())
            && hit.title_highlights.is_empty()
        {
            return Err(format!("{}: nothing marked", hit.article.file));
        }
    }
    let want = |needles: &[&str]| {
        let set = containing(ex, needles);
        if set.is_empty() {
            Err(format!("the corpus has no article with {needles:?}"))
        } else {
            Ok(set)
        }
    };
    let marked = |word: &str| {
        results.hits.iter().any(|h| {
            let title = h.article.title;
            h.title_highlights
                .iter()
                .any(|r| title[r.clone()].eq_ignore_ascii_case(word))
                || h.snippet.as_ref().is_some_and(|s| {
                    s.highlights
                        .iter()
                        .any(|r| s.text[r.clone()].eq_ignore_ascii_case(word))
                })
        })
    };
    match expect {
        FindsExactlyWithAll(needles) => {
            let mut want = want(&needles[..1])?;
            for n in &needles[1..] {
                want = want.intersection(&containing(ex, &[n])).copied().collect();
            }
            if want != found {
                return Err(format!("found {found:?}, want {want:?}"));
            }
        }
        FindsExactlyWithout(needles) => {
            let all: BTreeSet<ArticleId> = ex.articles().unwrap().iter().map(|a| a.id).collect();
            let want: BTreeSet<_> = all.difference(&want(needles)?).copied().collect();
            if want != found {
                return Err(format!("found {found:?}, want {want:?}"));
            }
        }
        OnlyWith(needles) => {
            let bad: Vec<_> = found
                .difference(&containing(ex, needles))
                .copied()
                .collect();
            if !bad.is_empty() || found.is_empty() {
                return Err(format!(
                    "found {found:?}, of which {bad:?} have none of {needles:?}"
                ));
            }
        }
        NotMarked(word) => {
            if found.is_empty() || marked(word) {
                return Err(format!(
                    "found {found:?}, {word:?} marked: {}",
                    marked(word)
                ));
            }
        }
        TopHas(word) => {
            let top = results.hits.first().ok_or("no hit")?;
            if !containing(ex, &[word]).contains(&top.article.id) {
                return Err(format!("top hit is {:?}", top.article.title));
            }
        }
        NoNotice => {
            if !results.loosened.is_empty() {
                return Err(format!("notices {:?}", results.loosened));
            }
        }
        NoneDatedIn(year) => {
            let bad: Vec<_> = results
                .hits
                .iter()
                .filter(|h| h.article.date.is_some_and(|d| d.year == year))
                .map(|h| h.article.file)
                .collect();
            if !bad.is_empty() || found.is_empty() {
                return Err(format!("found {found:?}, of {year}: {bad:?}"));
            }
        }
        UnknownFilter => {
            if !results
                .loosened
                .iter()
                .any(|l| matches!(l, Loosened::UnknownEntity { .. }))
            {
                return Err(format!("no unknown filter in {:?}", results.loosened));
            }
        }
        AllDatedIn(year) => {
            let bad: Vec<_> = results
                .hits
                .iter()
                .filter(|h| h.article.date.is_none_or(|d| d.year != year))
                .map(|h| h.article.file)
                .collect();
            if !bad.is_empty() || found.is_empty() {
                return Err(format!("found {found:?}, not of {year}: {bad:?}"));
            }
        }
        FindsAllWith(needles) => {
            let missing: Vec<_> = want(needles)?.difference(&found).copied().collect();
            if !missing.is_empty() {
                return Err(format!("missing {missing:?}"));
            }
        }
        FindsExactlyWith(needles) => {
            let want = want(needles)?;
            if want != found {
                return Err(format!("found {found:?}, want {want:?}"));
            }
        }
        TopTitleHas(word) => {
            let top = results.hits.first().ok_or("no hit")?;
            if !top.article.title.contains(word) {
                return Err(format!("top hit is {:?}", top.article.title));
            }
        }
        Above(first, second) => {
            let a = want(&[first])?;
            let b: BTreeSet<_> = want(&[second])?.difference(&a).copied().collect();
            let rank = |set: &BTreeSet<ArticleId>| {
                results
                    .hits
                    .iter()
                    .position(|h| set.contains(&h.article.id))
            };
            match (rank(&a), rank(&b)) {
                (Some(x), Some(y)) if x < y => {}
                other => return Err(format!("ranks {other:?}")),
            }
        }
        NoneWith(word) => {
            let bad: Vec<_> = found
                .intersection(&containing(ex, &[word]))
                .copied()
                .collect();
            if !bad.is_empty() || found.is_empty() {
                return Err(format!(
                    "found {found:?}, of which {bad:?} contain {word:?}"
                ));
            }
        }
        Nothing => {
            if results.total != 0 {
                return Err(format!("found {found:?}"));
            }
        }
        Corrected => {
            if !results
                .loosened
                .iter()
                .any(|l| matches!(l, Loosened::Corrected { .. }))
            {
                return Err(format!("no correction in {:?}", results.loosened));
            }
        }
        ExactFirst(needle) => {
            let with = containing(ex, &[needle]);
            let flags: Vec<bool> = results
                .hits
                .iter()
                .map(|h| with.contains(&h.article.id))
                .collect();
            let order = || {
                results
                    .hits
                    .iter()
                    .zip(&flags)
                    .map(|(h, f)| format!("{}{}", h.article.file, if *f { "*" } else { "" }))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if !flags.contains(&true) || !flags.contains(&false) {
                return Err(format!("no contrast (* has {needle:?}): {}", order()));
            }
            let first_without = flags.iter().position(|f| !f).unwrap_or(flags.len());
            if flags[first_without..].contains(&true) {
                return Err(format!("order (* has {needle:?}): {}", order()));
            }
        }
        Dropped => {
            if !results
                .loosened
                .iter()
                .any(|l| matches!(l, Loosened::Dropped { .. }))
            {
                return Err(format!("nothing dropped in {:?}", results.loosened));
            }
        }
    }
    Ok(())
}

#[test]
fn german_queries_of_every_kind_find_what_a_reader_expects() {
    let seeds = explorer_over("seeds");
    let german = explorer_over("tests/fixtures/german");
    let queries = explorer_over("tests/fixtures/queries");
    let dev = explorer_over("crates/ingest/tests/dev");
    let names = explorer_over("tests/fixtures/names");
    let forms = explorer_over("tests/fixtures/relevance-forms");
    let mut failures = Vec::new();
    let mut per_category: Vec<(&str, usize, usize)> = Vec::new();
    for (category, corpus, query, expect) in cases::all() {
        let ex = match corpus {
            Seeds => &seeds,
            German => &german,
            Queries => &queries,
            Dev => &dev,
            Names => &names,
            Forms => &forms,
        };
        let outcome = check(ex, query, *expect);
        println!(
            "{:<10} {:<7} {:<32} {}",
            category,
            format!("{corpus:?}"),
            query,
            outcome
                .as_ref()
                .map_or_else(|e| format!("FAIL {e}"), |()| "ok".into())
        );
        match per_category.iter_mut().find(|(c, _, _)| c == category) {
            Some((_, pass, all)) => {
                *pass += usize::from(outcome.is_ok());
                *all += 1;
            }
            None => per_category.push((category, usize::from(outcome.is_ok()), 1)),
        }
        if let Err(e) = outcome {
            failures.push(format!("{category} {query:?}: {e}"));
        }
    }
    for (category, pass, all) in &per_category {
        println!("category {category:<12} {pass} of {all} pass");
    }
    println!(
        "relevance: {} of {} queries pass",
        cases::all().count() - failures.len(),
        cases::all().count()
    );
    assert!(
        failures.is_empty(),
        "{} queries failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_exact_spelling_ranks_above_a_folded_match() {
    let german = explorer_over("tests/fixtures/german");
    let score = |q: &str| {
        german
            .search(q, &SearchOptions::default())
            .unwrap()
            .hits
            .first()
            .map(|h| h.score)
    };
    let exact = score("Zürich ").unwrap();
    let folded = score("Zuerich ").unwrap();
    assert!(exact > folded, "{exact} <= {folded}");
}

#[test]
fn a_page_is_ranked_as_if_every_match_were_ranked() {
    // Ranking only what a page needs (proximity is skipped for articles that cannot reach
    // it) must give that page exactly the order of the full ranking. Articles where
    // BM25 and proximity disagree (200 articles): the more often `Ahorn` occurs, the farther `Birke` is.
    // Every third article has only another form (`Ahorne`), a lower exactness tier: the
    // pruning must hold within tiers.
    let dir = std::env::temp_dir().join(format!("explorer-ranking-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let filler = [
        "Wald", "Weg", "Bach", "Wiese", "Feld", "Hang", "Stein", "Moos",
    ];
    for i in 0..200usize {
        let mut words: Vec<String> = Vec::new();
        let ahorn = if i % 3 == 0 { "Ahorne" } else { "Ahorn" };
        for k in 0..(i % 7 + 1) {
            words.push(ahorn.into());
            words.push(filler[k % filler.len()].into());
        }
        for k in 0..(i * 3 % 17) {
            words.push(filler[(i + k) % filler.len()].into());
        }
        words.push("Birke".into());
        words.extend((0..(i % 5) * 4).map(|k| filler[k % filler.len()].to_owned()));
        let text = format!("Titel {i}\n\n{}.\n", words.join(" "));
        std::fs::write(dir.join(format!("{i:03}.txt")), text).unwrap();
    }
    // As many articles without either word: proximity leaves out words in most articles.
    for i in 200..400usize {
        let words: Vec<&str> = (0..12).map(|k| filler[(i + k) % filler.len()]).collect();
        let text = format!("Titel {i}\n\n{}.\n", words.join(" "));
        std::fs::write(dir.join(format!("{i:03}.txt")), text).unwrap();
    }
    let build = explorer_ingest::build(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let index = explorer_index::Index::open(&build.index).unwrap();
    let mut tiered = 0;
    for text in [
        "Ahorn Birke",
        "Birke Ahorn Wald",
        "Ahorn OR Wald Birke",
        "\"Ahorn Wald\" Birke",
    ] {
        let query = article_explorer::query::parse(text);
        let full = article_explorer::search::run(&index, &query)
            .unwrap()
            .ranked;
        assert!(full.len() > 20, "{text:?}: {} matches", full.len());
        let tiers: BTreeSet<u32> = full.iter().map(|s| s.tier).collect();
        tiered += usize::from(tiers.len() > 1);
        for needed in [1, 2, 3, 5, 10] {
            let page = article_explorer::search::run_for(&index, &query, needed)
                .unwrap()
                .ranked;
            assert_eq!(page.len(), full.len(), "{text:?}: the same matches");
            assert_eq!(page[..needed], full[..needed], "{text:?}: first {needed}");
        }
    }
    assert!(tiered >= 2, "{tiered} queries rank in more than one tier");
}

#[test]
fn the_form_typed_ranks_above_the_other_forms() {
    // Two articles alike but for the form of one word, each way round (ties would go to the
    // lower id, `a.txt`).
    let dir = std::env::temp_dir().join(format!("explorer-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let texts = [
        (
            "a.txt",
            "Wahl des Landes\n\nDes Landes Wahl. Die Stimmung des Landes ist ruhig.\n",
        ),
        (
            "b.txt",
            "Wahl im Land\n\nDas Land wählt. Die Stimmung im Land ist ruhig.\n",
        ),
    ];
    for (file, text) in texts {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let ex = Explorer::open(Box::leak(
        explorer_ingest::build(&dir)
            .unwrap()
            .index
            .into_boxed_slice(),
    ))
    .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    for (query, first) in [("Land ", "b.txt"), ("Landes ", "a.txt")] {
        let r = ex.search(query, &SearchOptions::default()).unwrap();
        assert_eq!(r.total, 2, "{query}");
        assert_eq!(r.hits[0].article.file, first, "{query}");
    }
}

#[test]
fn a_long_query_is_echoed_short() {
    let seeds = explorer_over("seeds");
    let long = "Kim Jong Un trifft Putin in Wladiwostok ".repeat(50);
    let answer = seeds.search(&long, &SearchOptions::default()).unwrap();
    let limit = article_explorer::search::ECHO_CHARS;
    assert!(answer.echo.chars().count() <= limit, "{}", answer.echo);
    assert!(answer.echo.ends_with('…') && answer.echo.starts_with("Kim Jong Un"));
    let short = seeds
        .search("  Kim   Jong Un ", &SearchOptions::default())
        .unwrap();
    assert_eq!(short.echo, "Kim Jong Un");
}

/// Every row of docs/QUERY.md names its test: a category of [`cases::all`] (`relevance/…`) or a
/// test function (`fn …`) in this folder.
#[test]
fn every_row_of_the_query_semantics_has_a_test() {
    let doc = include_str!("../../docs/QUERY.md");
    let sources = [
        include_str!("relevance.rs"),
        include_str!("relevance/cases.rs"),
        include_str!("reference.rs"),
        include_str!("reference/order.rs"),
        include_str!("../../src/query.rs"),
        include_str!("../../src/search/plan.rs"),
        include_str!("../../crates/text/src/compound.rs"),
        include_str!("../../crates/text/src/analyze.rs"),
        include_str!("../../crates/text/src/stem.rs"),
    ]
    .concat();
    let mut rows = 0;
    for line in doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
    {
        let Some(last) = line.trim_end_matches('|').rsplit('|').next() else {
            continue;
        };
        let tests: Vec<&str> = last
            .split(',')
            .map(|t| t.trim().trim_matches('`'))
            .collect();
        if tests
            .iter()
            .all(|t| t.chars().all(|c| c == '-' || c == ' '))
        {
            continue; // the separator row
        }
        rows += 1;
        for test in tests {
            let ok = if let Some(category) = test.strip_prefix("relevance/") {
                cases::all().any(|(c, ..)| *c == category)
            } else if let Some(name) = test.strip_prefix("fn ") {
                sources.contains(&format!("fn {name}("))
            } else {
                false
            };
            assert!(ok, "docs/QUERY.md: {test:?} names no test ({line})");
        }
    }
    assert!(rows >= 15, "{rows} rows");
}

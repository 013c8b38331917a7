//! The embedded index answers as a user expects, for any corpus.

use article_explorer::{ArticleId, Explorer, SearchOptions};
use explorer_text::tokenize;

fn explorer() -> Explorer<'static> {
    Explorer::embedded().expect("the embedded index opens")
}

fn all() -> SearchOptions {
    SearchOptions::first(1_000)
}

/// A word of `title` that no other article's title contains and that is long enough to be
/// distinctive.
fn distinctive_title_word(ex: &Explorer<'_>, id: ArticleId) -> Option<String> {
    let articles = ex.articles().unwrap();
    let own = articles.iter().find(|a| a.id == id)?;
    tokenize(own.title)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
        .max_by_key(|w| w.chars().count())
        .map(str::to_owned)
}

#[test]
fn every_article_is_found_by_a_distinctive_word_of_its_own_title() {
    let ex = explorer();
    let articles = ex.articles().unwrap();
    assert!(!articles.is_empty());
    for a in &articles {
        let Some(word) = distinctive_title_word(&ex, a.id) else {
            continue;
        };
        let results = ex.search(&format!("{word} "), &all()).unwrap();
        assert!(
            results.hits.iter().any(|h| h.article.id == a.id),
            "{}: searching its title word {word:?} does not find it",
            a.file
        );
    }
}

#[test]
fn a_word_that_occurs_nowhere_finds_nothing() {
    let ex = explorer();
    let results = ex.search("Xylophonquartettzzq ", &all()).unwrap();
    assert_eq!(results.total, 0);
    assert!(results.hits.is_empty());
}

#[test]
fn hits_come_sorted_by_score_and_total_counts_them_all() {
    let ex = explorer();
    // The most common title word makes a query with several hits on any corpus.
    let articles = ex.articles().unwrap();
    let word = tokenize(articles[0].title)
        .into_iter()
        .map(|t| t.text)
        .find(|w| w.chars().count() >= 3)
        .unwrap_or("die")
        .to_owned();
    let results = ex.search(&word, &all()).unwrap();
    assert!(results.total >= 1);
    assert_eq!(results.total, results.hits.len());
    for pair in results.hits.windows(2) {
        assert!(
            pair[0].score >= pair[1].score,
            "{} < {}",
            pair[0].score,
            pair[1].score
        );
    }
    let first = ex.search(&word, &SearchOptions::first(1)).unwrap();
    assert_eq!(first.total, results.total);
    assert!(first.hits.len() <= 1);
}

#[test]
fn snippet_highlights_mark_the_searched_word() {
    let ex = explorer();
    for a in ex.articles().unwrap() {
        let Some(word) = distinctive_title_word(&ex, a.id) else {
            continue;
        };
        let results = ex.search(&word, &all()).unwrap();
        for hit in &results.hits {
            let snippet = hit
                .snippet
                .as_ref()
                .expect("embedded texts: every hit has a snippet");
            let marked: Vec<&str> = snippet
                .highlights
                .iter()
                .map(|r| &snippet.text[r.clone()])
                .chain(
                    hit.title_highlights
                        .iter()
                        .map(|r| &hit.article.title[r.clone()]),
                )
                .collect();
            assert!(
                !marked.is_empty(),
                "{word:?} in {}: nothing marked",
                hit.article.file
            );
        }
    }
}

#[test]
fn every_article_opens_and_its_blocks_lie_inside_its_text() {
    let ex = explorer();
    for a in ex.articles().unwrap() {
        let view = ex.article(a.id, Some("der")).unwrap();
        assert_eq!(view.summary, a);
        assert!(!view.paragraphs.is_empty(), "{}", a.file);
        for p in &view.paragraphs {
            assert!(!p.text.trim().is_empty());
            for r in &p.highlights {
                assert!(p.text.is_char_boundary(r.start) && p.text.is_char_boundary(r.end));
            }
        }
    }
    let count = ex.articles().unwrap().len() as u32;
    assert!(ex.article(ArticleId(count), None).is_err());
}

#[test]
fn articles_have_titles_and_source_file_names() {
    for a in explorer().articles().unwrap() {
        assert!(!a.title.trim().is_empty(), "{}", a.file);
        assert!(a.file.ends_with(".txt"), "{}", a.file);
        if let Some(d) = a.date {
            assert!((1..=12).contains(&d.month));
        }
    }
}

#[test]
fn empty_and_hostile_queries_answer_without_panicking() {
    let ex = explorer();
    let long = "Pjöngjang ".repeat(2_000);
    for q in [
        "",
        "   ",
        "\"",
        "-",
        "OR",
        "\"unbalanced",
        "(.*)+[",
        "😀 ⓒ",
        "مرحبا",
        long.as_str(),
    ] {
        let r = ex.search(q, &all()).unwrap();
        assert!(r.hits.len() <= r.total);
    }
    assert_eq!(ex.search("", &all()).unwrap().total, 0);
}

//! The entity view: a page of its articles is the slice of the whole list, and its counts
//! (articles, mentions in scope) are those of every article in scope, as the mentions of
//! each article (read in its text) give them.

use crate::explorer_over;
use article_explorer::views::ArticlePage;
use article_explorer::{EntityId, Explorer, SearchOptions};

const DIRS: [&str; 4] = [
    "seeds",
    "tests/fixtures/german",
    "tests/fixtures/names",
    "tests/fixtures/formats",
];

/// Every query the tests look at the entities through: all articles, and a search.
fn scopes(ex: &Explorer<'_>) -> Vec<(EntityId, String)> {
    let mut out = Vec::new();
    for e in ex.entities().unwrap() {
        out.push((e.id, String::new()));
        out.push((e.id, e.name.to_owned()));
    }
    out
}

#[test]
fn a_page_of_the_entity_views_articles_is_the_slice_of_the_whole_list() {
    let options = SearchOptions::default();
    for dir in DIRS {
        let ex = explorer_over(dir);
        let scopes = scopes(&ex);
        assert!(!scopes.is_empty(), "{dir}");
        for (id, query) in &scopes {
            let whole = ex.entity(*id, query, &options).unwrap();
            assert_eq!(whole.articles_total, whole.articles.len(), "{dir} {query}");
            let total = whole.articles_total;
            for limit in [0, 1, 2, 3, 50] {
                for offset in [0, 1, 2, total, total + 1] {
                    let page = ArticlePage {
                        offset,
                        limit: Some(limit),
                    };
                    let paged = ex.entity_page(*id, query, &options, page).unwrap();
                    let want: Vec<_> = whole.articles.iter().skip(offset).take(limit).collect();
                    assert_eq!(
                        paged.articles.iter().collect::<Vec<_>>(),
                        want,
                        "{dir} {query}"
                    );
                    assert_eq!(paged.articles_total, total);
                    let mut rest = paged.clone();
                    rest.articles = whole.articles.clone();
                    assert_eq!(
                        rest, whole,
                        "all but the list as the whole view: {dir} {query}"
                    );
                }
            }
            let from = ArticlePage {
                offset: 1,
                limit: None,
            };
            let tail = ex.entity_page(*id, query, &options, from).unwrap();
            assert_eq!(
                tail.articles.as_slice(),
                whole.articles.get(1..).unwrap_or(&[])
            );
        }
    }
}

#[test]
fn the_mentions_in_scope_are_those_the_articles_texts_mark() {
    let options = SearchOptions::default();
    for dir in DIRS {
        let ex = explorer_over(dir);
        let mut some = false;
        for (id, query) in scopes(&ex) {
            let view = ex.entity(id, &query, &options).unwrap();
            // The old way: every mention of the entity in each article in scope, as its
            // text's blocks hold it.
            let marked: usize = view
                .articles
                .iter()
                .map(|a| {
                    let article = ex.article(a.id, None).unwrap();
                    article
                        .paragraphs
                        .iter()
                        .flat_map(|p| &p.mentions)
                        .filter(|m| m.entity == id)
                        .count()
                })
                .sum();
            assert_eq!(view.mentions_in_scope, marked, "{dir} {query}");
            let lines = view.in_context.len();
            assert_eq!(lines, marked.min(article_explorer::IN_CONTEXT_LIMIT));
            some |= marked > 0;
        }
        assert!(some, "{dir}: some entity is mentioned");
    }
}

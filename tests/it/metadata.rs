//! Metadata in the product: over the folder of mixed formats, every article, hit and reader
//! view carries its source, authors, URL and language; the facets by source and by author
//! count exactly over the whole result set; filtering by source or author narrows to them.

use crate::index_over;
use article_explorer::{ArticleSummary, Explorer, SearchOptions};
use std::collections::BTreeMap;

fn explorer() -> Explorer<'static> {
    Explorer::open(index_over("tests/fixtures/formats")).unwrap()
}

/// Every result of `query` under `options` (all pages).
fn all(ex: &Explorer<'_>, query: &str, options: SearchOptions) -> Vec<u32> {
    let options = SearchOptions {
        limit: usize::MAX,
        ..options
    };
    let r = ex.search(query, &options).unwrap();
    r.hits.iter().map(|h| h.article.id.0).collect()
}

fn by_source<'a>(articles: &[ArticleSummary<'a>]) -> BTreeMap<&'a str, usize> {
    let mut out = BTreeMap::new();
    for a in articles {
        *out.entry(a.meta.source.unwrap_or("")).or_default() += 1;
    }
    out
}

#[test]
fn every_article_of_a_mixed_folder_has_title_date_and_source_in_lists_hits_and_the_reader() {
    let ex = explorer();
    let articles = ex.articles().unwrap();
    assert!(articles.len() >= 10);
    for a in &articles {
        assert!(!a.title.is_empty() && a.date.is_some(), "{}", a.file);
        assert!(a.meta.source.is_some_and(|s| !s.is_empty()), "{}", a.file);
        assert!(!a.meta.authors.is_empty(), "{}", a.file);
        if let Some(url) = a.meta.url {
            assert!(url.starts_with("https://") || url.starts_with("http://"));
        }
        let view = ex.article(a.id, None).unwrap();
        assert_eq!(
            view.summary, *a,
            "the reader's article carries the same metadata"
        );
    }
    let hits = ex
        .search("Kaimauer", &SearchOptions::default())
        .unwrap()
        .hits;
    let hit = hits.first().expect("a hit");
    assert_eq!(hit.article.meta.source, Some("Nordkurier Online"));
    assert!(hit.article.meta.authors.contains(&"Malte Hinrichs"));
    assert!(hit
        .article
        .meta
        .language
        .is_some_and(|l| l.starts_with("de")));
    assert!(hit.article.meta.url.is_some());
}

#[test]
fn facets_by_source_and_author_count_exactly_over_the_whole_result_set() {
    let ex = explorer();
    let articles = ex.articles().unwrap();
    let overview = ex.overview(&Default::default()).unwrap();
    let counted: BTreeMap<&str, usize> =
        overview.sources.iter().map(|f| (f.name, f.count)).collect();
    assert_eq!(counted, by_source(&articles));
    for f in &overview.authors {
        let n = articles
            .iter()
            .filter(|a| a.meta.authors.contains(&f.name))
            .count();
        assert_eq!(f.count, n, "{}", f.name);
    }
    assert!(overview
        .sources
        .windows(2)
        .all(|w| (w[1].count, w[0].name) <= (w[0].count, w[1].name)));
    // A search's facets count every match, not only the page.
    let r = ex.search("der", &SearchOptions::first(1)).unwrap();
    assert!(r.total > 1 && r.hits.len() == 1);
    assert_eq!(r.sources.iter().map(|f| f.count).sum::<usize>(), r.total);
    let ids = all(&ex, "der", SearchOptions::default());
    let matched: Vec<ArticleSummary<'_>> = articles
        .iter()
        .filter(|a| ids.contains(&a.id.0))
        .cloned()
        .collect();
    let counted: BTreeMap<&str, usize> = r.sources.iter().map(|f| (f.name, f.count)).collect();
    assert_eq!(counted, by_source(&matched));
}

#[test]
fn filtering_by_a_source_or_an_author_keeps_exactly_their_articles() {
    let ex = explorer();
    let overview = ex.overview(&Default::default()).unwrap();
    for f in &overview.sources {
        let options = SearchOptions {
            sources: vec![f.name.to_owned()],
            ..SearchOptions::first(usize::MAX)
        };
        let r = ex.search("", &options).unwrap();
        assert_eq!(r.total, f.count, "{}", f.name);
        assert!(r.hits.iter().all(|h| h.article.meta.source == Some(f.name)));
        assert_eq!(r.sources.len(), 1, "only the selected source remains");
    }
    for f in &overview.authors {
        let options = SearchOptions {
            authors: vec![f.name.to_owned()],
            ..SearchOptions::first(usize::MAX)
        };
        let r = ex.search("", &options).unwrap();
        assert_eq!(r.total, f.count, "{}", f.name);
        assert!(r
            .hits
            .iter()
            .all(|h| h.article.meta.authors.contains(&f.name)));
    }
    // Several sources: any of them; with words: both must hold.
    let two: Vec<String> = overview
        .sources
        .iter()
        .take(2)
        .map(|f| f.name.to_owned())
        .collect();
    let either = SearchOptions {
        sources: two.clone(),
        ..SearchOptions::default()
    };
    let expected: usize = overview.sources.iter().take(2).map(|f| f.count).sum();
    assert_eq!(ex.search("", &either).unwrap().total, expected);
    let nordkurier = SearchOptions {
        sources: vec!["Nordkurier Online".to_owned()],
        ..SearchOptions::default()
    };
    assert_eq!(ex.search("Kaimauer", &nordkurier).unwrap().total, 1);
    assert_eq!(ex.search("Sozialtarif", &nordkurier).unwrap().total, 0);
    // An unknown name matches nothing (and is not silently dropped).
    for options in [
        SearchOptions {
            sources: vec!["Gibt es nicht".to_owned()],
            ..SearchOptions::default()
        },
        SearchOptions {
            authors: vec!["Niemand".to_owned()],
            ..SearchOptions::default()
        },
    ] {
        let r = ex.search("", &options).unwrap();
        assert_eq!((r.total, r.sources.len()), (0, 0));
    }
    // A selected source stays among the facets at 0 when the words exclude it.
    let r = ex.search("Sozialtarif", &nordkurier).unwrap();
    assert!(r
        .sources
        .iter()
        .any(|f| f.name == "Nordkurier Online" && f.count == 0));
}

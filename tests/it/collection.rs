//! The collection views (network, timelines, related articles, export) over the seed
//! articles and the fixture corpus: properties, not counts that break when seeds change.

use crate::explorer_over;
use article_explorer::collection::export::{entities_csv, results_csv, EntityRow, ResultRow};
use article_explorer::collection::{Format, GraphOptions};
use article_explorer::{EntityKind, Explorer, SearchOptions, YearMonth};
use std::collections::BTreeSet;

/// A minimal RFC 4180 reader: the test's own, so the writer is checked against the rules,
/// not against itself.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte order mark first");
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "lines end with CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last line ends with CRLF"
    );
    rows
}

fn all() -> SearchOptions {
    SearchOptions::default()
}

#[test]
fn csv_quotes_commas_quotes_newlines_and_keeps_umlauts() {
    let titles = [
        "Kim, Trump und der Gipfel",
        "Er sagte \"nein\"",
        "Zeile eins\r\nZeile zwei\nund drei",
        "Pjöngjang, Straße, Ärger – Ünïcödé 😀",
        "ohne Besonderes",
    ];
    let rows: Vec<ResultRow<'_>> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| ResultRow {
            id: i as u32,
            title: t,
            date: (i % 2 == 0).then_some(YearMonth {
                year: 2019,
                month: 2,
            }),
            source: None,
            file: "datei,mit\"zeichen\".txt",
            score: 1.5 / (i as f32 + 1.0),
            url: None,
        })
        .collect();
    let parsed = parse_csv(&results_csv(&rows));
    assert_eq!(
        parsed[0],
        ["id", "title", "date", "source", "file", "score", "url"]
    );
    assert_eq!(parsed.len(), rows.len() + 1);
    for (r, line) in rows.iter().zip(&parsed[1..]) {
        assert_eq!(line.len(), 7);
        assert_eq!(line[0], r.id.to_string());
        assert_eq!(line[1], r.title);
        assert_eq!(line[2], if r.date.is_some() { "2019-02" } else { "" });
        assert_eq!(line[4], r.file);
        assert!((line[5].parse::<f32>().unwrap() - r.score).abs() <= 5e-5);
        assert_eq!(line[6], "");
    }
    let entities = [EntityRow {
        id: 3,
        name: "Müller, \"Hans\"",
        kind: EntityKind::Person,
        articles: 2,
        mentions: 5,
    }];
    let parsed = parse_csv(&entities_csv(&entities));
    assert_eq!(parsed[1], ["3", "Müller, \"Hans\"", "person", "2", "5"]);
}

#[test]
fn exports_list_what_the_search_finds_in_the_same_order() {
    let ex = explorer_over("tests/fixtures/german");
    for query in ["Hafen", "der", "Wasserstoff OR Fußball"] {
        let search = ex.search(query, &SearchOptions::first(1_000)).unwrap();
        let csv = ex.export_results(query, &all(), None, Format::Csv).unwrap();
        let parsed = parse_csv(&csv);
        assert_eq!(parsed.len() - 1, search.total, "{query}");
        for (hit, line) in search.hits.iter().zip(&parsed[1..]) {
            assert_eq!(line[0], hit.article.id.0.to_string(), "{query}");
            assert_eq!(line[1], hit.article.title);
            assert_eq!(line[4], hit.article.file);
            let score = line[5].parse::<f32>().unwrap();
            assert!(
                (score - hit.score).abs() <= 5e-5,
                "{query}: {score} {}",
                hit.score
            );
        }
        let json = ex
            .export_results(query, &all(), None, Format::Json)
            .unwrap();
        assert!(json.starts_with("{\"query\":"));
        assert_eq!(json.matches("\"id\":").count(), search.total);
    }
}

#[test]
fn the_entity_table_agrees_with_the_facets() {
    let ex = explorer_over("seeds");
    let rows = ex.entity_rows("Kim", &all()).unwrap();
    let facets = ex
        .search("Kim", &SearchOptions::first(1_000))
        .unwrap()
        .facets;
    assert_eq!(rows.len(), facets.len());
    for f in &facets {
        let row = rows
            .iter()
            .find(|r| r.id == f.id.0)
            .expect("every facet has a row");
        assert_eq!(row.articles, f.count, "{}", f.name);
        assert!(row.mentions >= row.articles);
    }
    let csv = parse_csv(&ex.export_entities("Kim", &all(), Format::Csv).unwrap());
    assert_eq!(csv.len(), rows.len() + 1);
}

#[test]
fn lift_is_shared_articles_over_what_chance_would_give() {
    let ex = explorer_over("seeds");
    let graph = ex.graph("", &GraphOptions::default()).unwrap();
    assert!(!graph.nodes.is_empty() && !graph.edges.is_empty());
    let n = graph.scope as f32;
    // Strongest first: the page lists a node's strongest links in this order, unsorted.
    for w in graph.edges.windows(2) {
        assert!(
            (w[0].articles, w[0].lift) >= (w[1].articles, w[1].lift),
            "{:?} before {:?}",
            w[0],
            w[1]
        );
    }
    for e in &graph.edges {
        assert!(e.source < e.target);
        let a = graph.nodes.iter().find(|x| x.id == e.source).unwrap();
        let b = graph.nodes.iter().find(|x| x.id == e.target).unwrap();
        assert!(e.articles <= a.articles.min(b.articles));
        let expected = e.articles as f32 * n / (a.articles as f32 * b.articles as f32);
        assert!((e.lift - expected).abs() < 1e-4, "{} {}", e.lift, expected);
        // The shared articles, counted here from the articles themselves.
        let shared = ex
            .articles()
            .unwrap()
            .iter()
            .filter(|art| {
                let ids: BTreeSet<_> = ex
                    .article(art.id, None)
                    .unwrap()
                    .entities
                    .iter()
                    .map(|x| x.id)
                    .collect();
                ids.contains(&e.source) && ids.contains(&e.target)
            })
            .count();
        assert_eq!(shared as u32, e.articles);
    }
    for w in graph.nodes.windows(2) {
        assert!(w[0].articles >= w[1].articles, "nodes by articles");
    }
}

#[test]
fn the_layout_is_the_same_every_time_and_inside_the_square() {
    let ex = explorer_over("tests/fixtures/german");
    let options = GraphOptions {
        limit: 80,
        ..GraphOptions::default()
    };
    let a = ex.graph("", &options).unwrap();
    let b = ex.graph("", &options).unwrap();
    assert_eq!(a, b);
    for node in &a.nodes {
        assert!((0.0..=1.0).contains(&node.x) && (0.0..=1.0).contains(&node.y));
    }
    let fresh = explorer_over("tests/fixtures/german")
        .graph("", &options)
        .unwrap();
    assert_eq!(a, fresh);
}

#[test]
fn related_articles_exclude_the_article_itself_and_are_ranked() {
    for dir in ["seeds", "tests/fixtures/german"] {
        let ex = explorer_over(dir);
        for art in ex.articles().unwrap() {
            let related = ex.related(art.id, 10).unwrap();
            assert!(related.hits.iter().all(|h| h.article.id != art.id), "{dir}");
            for w in related.hits.windows(2) {
                assert!(w[0].score >= w[1].score);
            }
            for h in &related.hits {
                assert!(h.score > 0.0 && h.score <= 1.0);
                assert!(!h.entities.is_empty() || !h.words.is_empty(), "says why");
            }
        }
    }
    assert!(explorer_over("seeds")
        .related(article_explorer::ArticleId(9_999), 5)
        .is_err());
}

#[test]
fn a_timeline_sums_to_the_entity_view() {
    let ex: Explorer<'_> = explorer_over("seeds");
    for e in ex.entities().unwrap().iter().take(10) {
        for query in ["", "Kim"] {
            let t = ex.timeline(e.id, query, &all()).unwrap();
            let view = ex.entity(e.id, query, &all()).unwrap();
            assert_eq!(t.articles(), view.articles.len(), "{} {query}", e.name);
            let mentions: usize =
                t.months.iter().map(|(_, m)| m.mentions).sum::<usize>() + t.undated.mentions;
            assert_eq!(mentions, view.mentions_in_scope, "{} {query}", e.name);
            for w in t.months.windows(2) {
                assert!(w[0].0 < w[1].0, "oldest first");
                let next = if w[0].0.month == 12 {
                    (w[0].0.year + 1, 1)
                } else {
                    (w[0].0.year, w[0].0.month + 1)
                };
                assert_eq!((w[1].0.year, w[1].0.month), next, "no month left out");
            }
            for (_, m) in &t.months {
                assert!(m.articles <= m.results);
            }
        }
    }
}

#[test]
fn collections_have_their_own_ids_and_keep_them() {
    let seeds = explorer_over("seeds").collection_id().unwrap();
    assert_eq!(seeds, explorer_over("seeds").collection_id().unwrap());
    assert_ne!(
        seeds,
        explorer_over("tests/fixtures/german")
            .collection_id()
            .unwrap()
    );
    assert_eq!(seeds.len(), 16);
}

#[test]
fn within_keeps_answer_order_and_drops_the_rest() {
    let ex = explorer_over("tests/fixtures/german");
    let scope = ex.scope("der", &all()).unwrap();
    let ids: Vec<_> = scope.iter().rev().take(2).map(|(a, _)| *a).collect();
    let within = ex.within(&ids, "der", &all()).unwrap();
    assert_eq!(within.len(), ids.len());
    let order: Vec<_> = scope.iter().filter(|(a, _)| ids.contains(a)).collect();
    assert_eq!(within.iter().collect::<Vec<_>>(), order);
}

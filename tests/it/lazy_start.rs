//! A lazy engine's start page and frequent words without the entity tables (issue 18): the
//! facets over more than half of the articles come from the totals counted at build time
//! (ETOT) less the others' AENT rows, the start page's from ETOT alone, and each equals the
//! whole index's (the rounds of `lazy::rounds`, whose helpers it uses).

use crate::index_over;
use crate::lazy::rounds::{self, rounds_for, ROWS_APART};
use article_explorer::lazy::LazyExplorer;
use article_explorer::overview::OverviewOptions;
use article_explorer::{Explorer, SearchOptions, Sort};
use explorer_index::chunks::split_text;
use explorer_index::lazy::reads::recording;
use explorer_index::lazy::split;

/// The file of section `tag` of the page's index.
fn section(page: &LazyExplorer, tag: &[u8; 4]) -> String {
    let sections = page.store().sections();
    let (_, f) = sections.iter().find(|(t, _)| t == tag).unwrap();
    f.name()
}

#[test]
fn a_word_in_most_articles_counts_its_facets_from_the_totals_less_the_others_rows() {
    let mut most = 0;
    for dir in ["seeds", "tests/fixtures/german"] {
        let hosted = split_text(index_over(dir), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, ROWS_APART).unwrap();
        let whole = Explorer::open(&hosted.index).unwrap();
        let n = whole.articles().unwrap().len();
        for word in [
            "die ", "der ", "und ", "in ", "mit ", "von ", "ist ", "auf ", "nicht ",
        ] {
            for demonyms in [true, false] {
                let options = SearchOptions {
                    demonyms,
                    limit: 2,
                    ..SearchOptions::default()
                };
                let a = whole.search(word, &options).unwrap();
                if a.total * 2 <= n {
                    continue;
                }
                let mut page = rounds::page(&files);
                let fetched =
                    rounds_for(&mut page, &files, |ex| ex.search(word, &options).map(drop));
                let b = page.checked(|ex| ex.search(word, &options)).unwrap();
                assert_eq!((a.total, &a.hits), (b.total, &b.hits), "{dir}: {word}");
                assert_eq!(a.facets, b.facets, "{dir}: {word} demonyms {demonyms}");
                assert!(!a.facets.is_empty(), "{dir}: {word}");
                assert!(fetched.contains(&section(&page, b"ETOT")), "{fetched:?}");
                // What it read: the totals, and the AENT rows of the articles without the
                // word only (never the table of every row).
                let engine = page.engine().unwrap();
                let (_, read) = recording(|| engine.search(word, &options).map(drop));
                let every = SearchOptions {
                    limit: n,
                    ..options.clone()
                };
                let matched: Vec<u32> = whole
                    .search(word, &every)
                    .unwrap()
                    .hits
                    .iter()
                    .map(|h| h.article.id.0)
                    .collect();
                let others: Vec<u32> = (0..n as u32).filter(|a| !matched.contains(a)).collect();
                let aent: Vec<u32> = read
                    .rows
                    .iter()
                    .filter(|(t, _)| t == b"AENT")
                    .map(|&(_, a)| a)
                    .collect();
                assert_eq!(aent, others, "{dir}: {word}");
                assert!(read.sections.contains(b"ETOT") && !read.tables.contains(b"AENT"));
                most += usize::from(!others.is_empty());
            }
        }
    }
    assert!(most > 0, "a word in most but not all articles was tried");
}

#[test]
fn the_start_page_reads_the_figures_counted_at_build_time_and_equals_the_whole_index() {
    // Which figures were not empty somewhere: months, entities, sources, authors.
    let mut seen = [false; 4];
    for dir in ["seeds", "tests/fixtures/german", "tests/fixtures/formats"] {
        let hosted = split_text(index_over(dir), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, ROWS_APART).unwrap();
        let whole = Explorer::open(&hosted.index).unwrap();
        for demonyms in [true, false] {
            for (sort, limit) in [
                (Sort::Relevance, 0),
                (Sort::Relevance, 3),
                (Sort::Newest, 3),
                (Sort::Oldest, 50),
            ] {
                let options = OverviewOptions {
                    demonyms,
                    sort,
                    limit,
                    ..OverviewOptions::default()
                };
                let mut page = rounds::page(&files);
                let fetched = rounds_for(&mut page, &files, |ex| ex.overview(&options).map(drop));
                let b = page.checked(|ex| ex.overview(&options)).unwrap();
                let a = whole.overview(&options).unwrap();
                // Every figure: months, undated, first and last, sources, authors, entities.
                let figures = [
                    &a.dates.len(),
                    &a.facets.len(),
                    &a.sources.len(),
                    &a.authors.len(),
                ];
                for (seen, n) in seen.iter_mut().zip(figures) {
                    *seen |= *n > 0;
                }
                assert_eq!(b, a, "{dir} {demonyms} {sort:?} {limit}");
                let has = |tag| fetched.contains(&section(&page, tag));
                assert!(has(b"ETOT") && has(b"STRT"), "{fetched:?}");
                // No AENT row: the entities' counts are the totals (every article matches).
                let aent = |name: &String| {
                    *name == section(&page, b"AENT")
                        || page.store().rows_table_of(name) == Some(*b"AENT")
                };
                assert!(!fetched.iter().any(aent), "{dir}: {fetched:?}");
                // Every article's date only for a date order; the sources of every article
                // only for the summaries of a page that lists some.
                assert_eq!(
                    has(b"ARTS"),
                    sort != Sort::Relevance,
                    "{sort:?}: {fetched:?}"
                );
                // Their metadata from their rows and the names (AMET apart), AMET whole
                // only for a page of most articles (three quarters of the rows' bytes).
                let listed = has(b"AMNM") || has(b"AMET");
                assert_eq!(listed, limit > 0, "{limit}: {fetched:?}");
                let articles = whole.overview(&OverviewOptions::default()).unwrap().total;
                if 2 * limit < articles {
                    assert!(!has(b"AMET"), "{dir} {limit} of {articles}: {fetched:?}");
                }
            }
        }
    }
    assert_eq!(
        seen, [true; 4],
        "months, entities, sources and authors were compared"
    );
}

#[test]
fn an_entitys_reference_comes_in_rounds_of_its_own_and_equals_the_whole_index() {
    let hosted = split_text(index_over("seeds"), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, ROWS_APART).unwrap();
    let whole = Explorer::open(&hosted.index).unwrap();
    let listed = whole.entities().unwrap();
    // A few entities, from the ends of the id range: their names' rows are apart.
    let mut ids: Vec<_> = listed.iter().map(|e| e.id).collect();
    ids.sort();
    let ids = [ids[0], ids[ids.len() / 2], ids[ids.len() - 1]];
    let mut page = rounds::page(&files);
    // Before its rounds: an error naming a file it lacks, never a guess.
    assert!(page.checked(|ex| ex.entity_ref(ids[0])).is_err());
    let mut fetched = Vec::new();
    loop {
        let need = page.missing_for_entity_refs(&ids).unwrap();
        if need.is_empty() {
            break;
        }
        assert!(fetched.len() < 1_000, "the rounds end");
        for name in need {
            page.supply(&name, crate::lazy::bytes_of(&files, &name).to_vec())
                .unwrap();
            fetched.push(name);
        }
    }
    for id in ids {
        let got = page.checked(|ex| ex.entity_ref(id)).unwrap();
        assert_eq!(got, whole.entity_ref(id).unwrap());
    }
    // The names' rows of those entities (and the alias shards of their names), not the
    // entity table nor the alias map whole.
    assert!(!fetched.contains(&section(&page, b"ALIA")), "{fetched:?}");
    assert!(
        fetched.iter().any(|n| page.store().is_alias_shard(n)),
        "{fetched:?}"
    );
    assert!(!fetched.contains(&section(&page, b"ENTS")), "{fetched:?}");
    let names = fetched
        .iter()
        .filter(|n| page.store().rows_table_of(n) == Some(*b"ENAM"))
        .count();
    assert!((1..=ids.len()).contains(&names), "{fetched:?}");
    let all_names = files
        .files
        .iter()
        .filter(|(n, _, _)| page.store().rows_table_of(n) == Some(*b"ENAM"))
        .count();
    assert!(names < all_names, "{names} of {all_names}");
    // An id beyond the entities is the engine's error after its rounds.
    let beyond = article_explorer::EntityId(listed.len() as u32);
    assert!(page.missing_for_entity_refs(&[beyond]).is_err());
}

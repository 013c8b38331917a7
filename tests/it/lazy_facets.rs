//! A search asked without its facets (`SearchOptions::facets` false): the hits and notices
//! of the whole search, no facet and no date histogram counted, and in lazy hosted mode
//! none of the rows and tables only they read (the matches' AENT rows, the names' rows,
//! AMET, every article's date), so a page shows its hits before it fetches them.

use crate::index_over;
use crate::lazy::rounds::{self, rounds_for};
use article_explorer::{Explorer, SearchOptions};
use explorer_index::lazy::reads::recording;

const QUERIES: [&str; 6] = [
    "Gipfeltreffen ",
    "Kim ",
    "Putin Xi ",
    "die ",
    "\"Kim Jong Un\" ",
    "Sanktionen -China ",
];

#[test]
fn without_facets_the_answer_is_the_same_but_the_facets_which_it_says_are_not_counted() {
    let whole = Explorer::open(index_over("seeds")).unwrap();
    for q in QUERIES {
        let with = whole.search(q, &SearchOptions::first(5)).unwrap();
        let without = whole
            .search(
                q,
                &SearchOptions {
                    facets: false,
                    ..SearchOptions::first(5)
                },
            )
            .unwrap();
        assert!(!with.facets_pending && without.facets_pending, "{q}");
        assert!(
            without.facets.is_empty() && without.sources.is_empty(),
            "{q}"
        );
        assert!(without.authors.is_empty(), "{q}");
        // The histogram is counted with the facets.
        assert!(without.dates.is_empty() && without.undated == 0, "{q}");
        assert!(
            !with.facets.is_empty() && (!with.dates.is_empty() || with.undated > 0),
            "{q}: the seeds' searches have facets and a histogram"
        );
        assert_eq!(
            (with.total, &with.hits, &with.loosened),
            (without.total, &without.hits, &without.loosened),
            "{q}"
        );
    }
}

#[test]
fn a_lazy_page_of_hits_without_facets_reads_no_entity_rows_and_the_facets_come_in_rounds_after() {
    let (files, whole) = rounds::rows_apart("tests/fixtures/german");
    let mut entity_rows_later = 0;
    for q in QUERIES.iter().chain(&["Regierung ", "Wahl ", "Bundestag "]) {
        let hits_only = SearchOptions {
            facets: false,
            ..SearchOptions::first(3)
        };
        let mut page = rounds::page(&files);
        let first = rounds_for(&mut page, &files, |ex| ex.search(q, &hits_only).map(drop));
        let a = page.checked(|ex| ex.search(q, &hits_only)).unwrap();
        let b = whole.search(q, &hits_only).unwrap();
        assert_eq!((a.total, &a.hits), (b.total, &b.hits), "{q}");
        let shown: Vec<u32> = a.hits.iter().map(|h| h.article.id.0).collect();
        drop(a);
        // What the page of hits read: no article's entities, no entity table whole, no
        // metadata table whole; of the entities, only those a word of the query names (for
        // their other names and whether the word is a name: expansion, not facets).
        let engine = page.engine().unwrap();
        let (_, read) = recording(|| engine.search(q, &hits_only).map(drop));
        let rows_of = |table: &[u8; 4]| read.rows.iter().filter(|(t, _)| t == table).count();
        assert_eq!(
            rows_of(b"AENT"),
            0,
            "{q}: the articles' entities read without facets"
        );
        // (the names of the entities the query's own words name: `is_name`, expansion)
        assert!(rows_of(b"ENAM") <= q.split_whitespace().count(), "{q}");
        for table in [b"AENT", b"ENTS", b"ENAM"] {
            assert!(!read.tables.contains(table), "{q}");
        }
        assert!(
            !read.sections.contains(b"AMET") && !read.tables.contains(b"AMET"),
            "{q}"
        );
        // Nor every article's date (the histogram comes with the facets); the lengths,
        // one byte each, for ranking.
        assert!(!read.sections.contains(b"ARTS"), "{q}: the dates read");
        assert!(
            read.sections.contains(b"LENS"),
            "{q}: ranked on the lengths"
        );
        // Then the facets: rounds of their own, and the whole index's counts.
        let every = SearchOptions::first(3);
        let later = rounds_for(&mut page, &files, |ex| ex.search(q, &every).map(drop));
        let c = page.checked(|ex| ex.search(q, &every)).unwrap();
        let d = whole.search(q, &every).unwrap();
        assert_eq!(
            (&c.facets, &c.sources, &c.authors, &c.dates, c.undated),
            (&d.facets, &d.sources, &d.authors, &d.dates, d.undated)
        );
        let again: Vec<u32> = c.hits.iter().map(|h| h.article.id.0).collect();
        assert_eq!(again, shown, "{q}");
        assert!(
            first.iter().all(|f| !later.contains(f)),
            "{q}: fetched once"
        );
        entity_rows_later += usize::from(!d.facets.is_empty() && !later.is_empty());
    }
    assert!(
        entity_rows_later > 0,
        "some facets needed files of their own"
    );
}

#[test]
fn a_lazy_page_of_hits_fetches_the_heads_of_its_own_hits_only() {
    // The lengths (LENS) come with the dictionary's files: a page ranked on placeholder
    // lengths would ask for the heads of other articles first.
    let (files, whole) = rounds::rows_apart("tests/fixtures/german");
    let mut tried = 0;
    let words = [
        "die ",
        "der ",
        "und ",
        "in ",
        "mit ",
        "Regierung ",
        "Wahl ",
        "Präsident ",
        "Krieg ",
        "China ",
        "Russland ",
        "Partei ",
        "Minister ",
        "Bundestag ",
        "Gipfeltreffen ",
        "Kim ",
    ];
    for q in words {
        let options = SearchOptions {
            facets: false,
            ..SearchOptions::first(2)
        };
        let hits = whole.search(q, &options).unwrap().hits.len();
        let mut page = rounds::page(&files);
        let fetched = rounds_for(&mut page, &files, |ex| ex.search(q, &options).map(drop));
        let heads = fetched
            .iter()
            .filter(|f| page.store().rows_table_of(f) == Some(*b"HEAD"))
            .count();
        assert!(
            heads <= hits,
            "{q}: {heads} row chunks of heads for {hits} hits"
        );
        tried += usize::from(hits > 1);
    }
    assert!(tried > 0);
}

#[test]
fn the_source_and_author_facets_of_a_lazy_search_read_the_rows_of_its_matches_not_the_whole_table()
{
    // Every article of this folder has a source and authors.
    let (files, whole) = rounds::rows_apart("tests/fixtures/formats");
    let mut counted = 0;
    for q in ["Streik ", "Hafen ", "Landtag ", "die ", "xqzvjwkq "] {
        let options = SearchOptions::first(3);
        let mut page = rounds::page(&files);
        rounds_for(&mut page, &files, |ex| ex.search(q, &options).map(drop));
        let lazy = page.checked(|ex| ex.search(q, &options)).unwrap();
        let full = whole.search(q, &options).unwrap();
        assert_eq!(
            (&lazy.sources, &lazy.authors, lazy.total),
            (&full.sources, &full.authors, full.total),
            "{q}"
        );
        counted += usize::from(!full.sources.is_empty());
        // What the facets read: the matches' rows of AMET apart and the names, never AMET
        // whole (in lazy hosted mode 258 KiB gzip at 100k for a word in a few articles).
        let engine = page.engine().unwrap();
        let (_, read) = recording(|| engine.search(q, &options).map(drop));
        assert!(
            !read.sections.contains(b"AMET") && !read.tables.contains(b"AMET"),
            "{q}"
        );
        let rows = read
            .rows
            .iter()
            .filter(|(t, _)| *t == explorer_index::lazy::META_ROWS)
            .count();
        assert!(
            rows >= full.total.min(1),
            "{q}: {rows} rows for {} matches",
            full.total
        );
    }
    assert!(
        counted >= 2,
        "some of the words are found, with their sources"
    );
}

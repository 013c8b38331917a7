//! Hosted mode's lazy index (docs/HOSTED.md): the index split into files named by their hash,
//! and assembled again from what was loaded. With every file loaded the engine answers as
//! over the whole index; with only some, exactly the loaded terms are there.

use crate::{hosted_index_over, index_over};
use article_explorer::{Explorer, SearchOptions};
use explorer_index::chunks::split_text;
use explorer_index::lazy::{split, FileKind, LazyFiles, LazyIndex, Lookup, ShardSizes};

/// Small files, so that a handful of articles make many shards and packs.
const SMALL: ShardSizes = ShardSizes {
    shard: 512,
    pack: 512,
};

/// The bench's queries, sent as the page sends them (bench/queries.txt says how).
fn queries() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/queries.txt");
    let text = std::fs::read_to_string(path).expect("bench/queries.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(char::is_whitespace))
        .map(|(category, q)| {
            let q = q.trim();
            if category == "prefix" {
                q.to_owned()
            } else {
                format!("{q} ")
            }
        })
        .collect()
}

fn bytes_of<'f>(files: &'f LazyFiles, name: &str) -> &'f [u8] {
    let found = files.files.iter().find(|(n, _, _)| n == name);
    &found
        .unwrap_or_else(|| panic!("{name} is a file of the split"))
        .2
}

/// A store with the root and its sections loaded (what the page loads before it is ready).
fn ready(files: &LazyFiles) -> LazyIndex {
    let mut lazy = LazyIndex::open(&files.root, bytes_of(files, &files.root)).unwrap();
    for (_, f) in lazy.sections().to_vec() {
        lazy.supply(&f.name(), bytes_of(files, &f.name()).to_vec())
            .unwrap();
    }
    lazy
}

#[test]
fn a_lazy_index_with_every_file_loaded_answers_every_bench_query_like_the_whole_index() {
    for dir in ["seeds", "tests/fixtures/german"] {
        let whole_bytes = index_over(dir);
        let files = split(whole_bytes, SMALL).unwrap();
        let mut lazy = ready(&files);
        // Shards first: a pack is only listed once its shard is loaded.
        for kind in [FileKind::Shard, FileKind::Pack] {
            for (name, _, bytes) in files.files.iter().filter(|f| f.1 == kind) {
                lazy.supply(name, bytes.clone()).unwrap();
            }
        }
        let assembled = lazy.assemble().unwrap();
        let lazy_ex = Explorer::open(&assembled).unwrap();
        let whole = Explorer::open(whole_bytes).unwrap();
        let options = SearchOptions {
            limit: 20,
            ..SearchOptions::default()
        };
        for q in queries() {
            let a = whole.search(&q, &options).unwrap();
            let b = lazy_ex.search(&q, &options).unwrap();
            assert_eq!(a.total, b.total, "{dir}: {q}");
            let ids = |r: &article_explorer::SearchResults<'_>| -> Vec<u32> {
                r.hits.iter().map(|h| h.article.id.0).collect()
            };
            assert_eq!(ids(&a), ids(&b), "{dir}: {q}");
            let facets = |r: &article_explorer::SearchResults<'_>| -> Vec<(u32, usize)> {
                r.facets.iter().map(|f| (f.id.0, f.count)).collect()
            };
            assert_eq!(facets(&a), facets(&b), "{dir}: {q}");
        }
    }
}

#[test]
fn a_word_looked_up_in_rounds_is_in_the_assembled_index_and_nothing_else_is_guessed() {
    let whole_bytes = index_over("tests/fixtures/german");
    let whole = explorer_index::Index::open(whole_bytes).unwrap();
    let files = split(whole_bytes, SMALL).unwrap();
    let mut lazy = ready(&files);
    // Nothing of the dictionary is loaded: the assembled index has no term at all, so it
    // must not be searched before the rounds (a word would look absent).
    let empty = lazy.assemble().unwrap();
    assert!(explorer_index::Index::open(&empty)
        .unwrap()
        .terms()
        .is_empty());
    let term = explorer_text::term_of("Regierung");
    let mut rounds = 0;
    while let Lookup::Need(names) = lazy.lookup(&term).unwrap() {
        for name in names {
            lazy.supply(&name, bytes_of(&files, &name).to_vec())
                .unwrap();
        }
        rounds += 1;
        assert!(rounds <= 2);
    }
    let assembled = lazy.assemble().unwrap();
    let partial = explorer_index::Index::open(&assembled).unwrap();
    match whole.postings(&term).unwrap() {
        Some(list) => assert_eq!(
            partial
                .postings(&term)
                .unwrap()
                .unwrap()
                .to_postings()
                .unwrap(),
            list.to_postings().unwrap()
        ),
        None => assert!(partial.postings(&term).unwrap().is_none()),
    }
    assert!(partial.terms().len() < whole.terms().len());
}

#[test]
fn the_hosted_and_the_default_index_split_into_the_same_shards_and_packs() {
    let whole = hosted_index_over("seeds");
    let hosted = split_text(whole, 1024).unwrap();
    let names = |files: &LazyFiles| -> Vec<String> {
        let of = files.files.iter();
        of.filter(|f| matches!(f.1, FileKind::Shard | FileKind::Pack))
            .map(|f| f.0.clone())
            .collect()
    };
    let a = split(whole, SMALL).unwrap();
    let b = split(&hosted.index, SMALL).unwrap();
    assert_eq!(names(&a), names(&b));
    assert_ne!(a.root, b.root, "their sections differ (BODY, TXTC)");
}

//! A lazy index's rounds fetch what the last round reads, no more (docs/HOSTED.md,
//! `search::expand::reads`): a round that read a list still to come leaves a word's
//! corrections, completions and other forms to a round whose reads are loaded, so a word of
//! the index does not fetch its first letter's range of shards, nor the packs of
//! corrections it never needed; and the last round decides them as the whole index does.

use crate::index_over;
use crate::lazy::rounds::page;
use crate::lazy::{bytes_of, SMALL};
use article_explorer::lazy::LazyExplorer;
use article_explorer::search::expand::reads;
use article_explorer::{Explorer, SearchOptions, SearchResults};
use explorer_index::chunks::split_text;
use explorer_index::lazy::{split, LazyFiles};
use explorer_index::Index;

/// The bench's queries (as the page sends them: a trailing space but for `prefix`), then
/// typos, completions, words of no index and a phrase whose words are corrected.
fn queries() -> Vec<String> {
    let more = [
        "Regierung ",
        "Regierungs",
        "Regirung ",
        "Gipfel",
        "Gipfl ",
        "Wladiwostock ",
        "Pjoengjang ",
        "\"Nähe nahm\" ",
        "Kim Jon ",
        "xqzv ",
        "die Regirung und der Hafn ",
    ];
    let mut all = crate::lazy::queries();
    all.extend(more.iter().map(|q| (*q).to_owned()));
    all
}

fn options() -> SearchOptions {
    SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    }
}

/// The rounds of search `q` on `page`: the dictionary files fetched (shards and packs).
fn rounds(page: &mut LazyExplorer, files: &LazyFiles, q: &str) -> Vec<String> {
    let mut fetched = Vec::new();
    for _ in 0..12 {
        let need = page.missing_for_search(q, &options()).unwrap();
        if need.is_empty() {
            return fetched;
        }
        for name in need {
            page.supply(&name, bytes_of(files, &name).to_vec()).unwrap();
            if name.starts_with("d-") || name.starts_with("p-") {
                fetched.push(name);
            }
        }
    }
    panic!("{q}: the rounds end");
}

/// The answer's parts the page shows, for comparing with the whole index's.
fn shown(r: &SearchResults<'_>) -> String {
    let facets: Vec<(u32, usize)> = r.facets.iter().map(|f| (f.id.0, f.count)).collect();
    format!(
        "{} {:?} {facets:?} {:?} {:?}",
        r.total, r.hits, r.loosened, r.dates
    )
}

/// A hosted split of the index over `dir` into small files, and today's hosted page over
/// the whole index with no text loaded (what a lazy page answers like).
fn split_of(dir: &str) -> (LazyFiles, Explorer<'static>) {
    let hosted = split_text(index_over(dir), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, SMALL).unwrap();
    let index: &'static [u8] = Box::leak(hosted.index.into_boxed_slice());
    (files, Explorer::open(index).unwrap())
}

#[test]
fn a_fresh_pages_rounds_fetch_only_the_shards_and_packs_its_last_round_reads() {
    for dir in ["seeds", "tests/fixtures/german"] {
        let (files, whole) = split_of(dir);
        let mut corrected = 0;
        for q in queries() {
            let mut page = page(&files);
            let fetched = rounds(&mut page, &files, &q);
            let answer = page.search(&q, &options()).unwrap();
            assert_eq!(
                shown(&answer),
                shown(&whole.search(&q, &options()).unwrap()),
                "{dir}: {q}"
            );
            corrected += usize::from(!answer.loosened.is_empty());
            drop(answer);
            // What the last round reads: its keys and ranges, as files.
            let engine = page.engine().expect("an engine after the rounds");
            // (the alias shards, `d-` files too, are read as the index's rows are: lazy format 6)
            let ((_, read), rows) = explorer_index::lazy::reads::recording(|| {
                reads::recording(|| engine.search(&q, &options()).map(drop))
            });
            assert!(
                !read.unloaded,
                "{dir}: {q}: the last round's reads are loaded"
            );
            let mut last = article_explorer::lazy::dictionary_files(page.store(), &read).unwrap();
            last.extend(page.store().files_read(&rows));
            let unread: Vec<&String> = fetched.iter().filter(|f| !last.contains(f)).collect();
            assert!(
                unread.is_empty(),
                "{dir}: {q}: fetched, then not read by the last round: {unread:?}"
            );
        }
        assert!(corrected > 0, "{dir}: some query is corrected or loosened");
    }
}

#[test]
fn one_page_over_every_query_in_turn_answers_each_like_the_whole_index() {
    for dir in ["seeds", "tests/fixtures/german"] {
        let (files, whole) = split_of(dir);
        // In the list's order and backwards: each query meets a page that loaded other
        // queries' shards and packs, and none of its own, some or all.
        for order in [false, true] {
            let mut list = queries();
            if order {
                list.reverse();
            }
            let mut page = page(&files);
            for q in &list {
                rounds(&mut page, &files, q);
                assert_eq!(
                    shown(&page.search(q, &options()).unwrap()),
                    shown(&whole.search(q, &options()).unwrap()),
                    "{dir}: {q}"
                );
            }
        }
    }
}

/// The rounds' rule reads an empty list as one whose pack is still to come: it holds only
/// while the writer never writes an empty list.
#[test]
fn every_postings_list_of_a_built_index_has_an_article() {
    for dir in ["seeds", "tests/fixtures/german", "tests/fixtures/names"] {
        let index = Index::open(index_over(dir)).unwrap();
        let mut lists = 0;
        index.terms().for_each(|key, value| {
            let list = index.postings_at(value).unwrap();
            assert!(!list.is_empty(), "{dir}: {}", String::from_utf8_lossy(key));
            lists += 1;
            true
        });
        assert!(lists > 100, "{dir}: {lists} lists");
    }
}

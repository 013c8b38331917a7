//! Hosted mode's lazy index (docs/HOSTED.md): the index split into files named by their hash,
//! and assembled again from what was loaded. With every file loaded the engine answers as
//! over the whole index; with only some, exactly the loaded terms are there.

use crate::{hosted_index_over, index_over};
use article_explorer::{Explorer, SearchOptions};
use explorer_index::chunks::split_text;
use explorer_index::lazy::{split, FileKind, LazyFiles, LazyIndex, Lookup, ShardSizes};

/// Small files, so that a handful of articles make many shards and packs.
pub(crate) const SMALL: ShardSizes = ShardSizes {
    shard: 512,
    pack: 512,
    rows: 512,
};

/// The bench's queries, sent as the page sends them (bench/queries.txt says how).
pub(crate) fn queries() -> Vec<String> {
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

pub(crate) fn bytes_of<'f>(files: &'f LazyFiles, name: &str) -> &'f [u8] {
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
    let hosted = split_text(whole, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
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

/// The page's rounds (`article_explorer::lazy`): the engine runs on what is loaded, says
/// which files its reads lack, and after the last round answers like the whole index,
/// having fetched only some of the files.
#[cfg(feature = "lazy")]
pub(crate) mod rounds {
    use super::*;

    use article_explorer::lazy::{LazyExplorer, LazyExplorerError};
    use explorer_index::lazy::LazyError;

    /// A page that loaded the root and the sections of a hosted split of `whole`.
    pub(crate) fn page(files: &LazyFiles) -> LazyExplorer {
        let mut page = LazyExplorer::open(&files.root, bytes_of(files, &files.root)).unwrap();
        let sections = page.missing_to_open();
        assert!(!sections.is_empty());
        for name in sections {
            page.supply(&name, bytes_of(files, &name).to_vec()).unwrap();
        }
        assert!(page.missing_to_open().is_empty());
        page
    }

    #[test]
    fn the_engines_rounds_fetch_what_a_query_reads_and_then_answer_like_the_whole_index() {
        let options = SearchOptions {
            limit: 20,
            ..SearchOptions::default()
        };
        for dir in ["seeds", "tests/fixtures/german"] {
            let whole_bytes = index_over(dir);
            let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
            let files = split(&hosted.index, SMALL).unwrap();
            let dictionary = files
                .files
                .iter()
                .filter(|f| matches!(f.1, FileKind::Shard | FileKind::Pack))
                .count();
            // Today's hosted page with no text loaded (a correction's spelling is read from
            // the texts when they are at hand, and is then the term, in both).
            let whole = Explorer::open(&hosted.index).unwrap();
            // The bench's queries, typos, completions and words of no index.
            let extra = [
                "Wladiwostock ",
                "Pjoengjang ",
                "Regierungs",
                "Gipfel",
                "xqzv ",
            ];
            let mut fewer = 0;
            for q in queries().iter().map(String::as_str).chain(extra) {
                let mut page = page(&files);
                let mut fetched = 0;
                let mut rounds = 0;
                loop {
                    let need = page.missing_for_search(q, &options).unwrap();
                    if need.is_empty() {
                        break;
                    }
                    for name in need {
                        page.supply(&name, bytes_of(&files, &name).to_vec())
                            .unwrap();
                        fetched += 1;
                    }
                    rounds += 1;
                    assert!(rounds <= 8, "{dir}: {q}: the rounds end");
                }
                fewer += usize::from(fetched < dictionary);
                let a = whole.search(q, &options).unwrap();
                let b = page.search(q, &options).unwrap();
                let ids = |r: &article_explorer::SearchResults<'_>| -> Vec<u32> {
                    r.hits.iter().map(|h| h.article.id.0).collect()
                };
                let facets = |r: &article_explorer::SearchResults<'_>| -> Vec<(u32, usize)> {
                    r.facets.iter().map(|f| (f.id.0, f.count)).collect()
                };
                assert_eq!(a.total, b.total, "{dir}: {q}");
                assert_eq!(ids(&a), ids(&b), "{dir}: {q}");
                // Titles, files, dates: the rows of the page's hits came in the rounds.
                assert_eq!(a.hits, b.hits, "{dir}: {q}");
                assert_eq!(facets(&a), facets(&b), "{dir}: {q}");
                assert_eq!(a.loosened, b.loosened, "{dir}: {q}");
                assert_eq!(a.dates, b.dates, "{dir}: {q}");
            }
            assert!(fewer > 0, "{dir}: some query fetches less than every file");
        }
    }

    #[test]
    fn a_search_before_its_rounds_is_an_error_naming_the_file_it_lacks_never_a_guess() {
        let whole_bytes = index_over("tests/fixtures/german");
        let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, SMALL).unwrap();
        let root = bytes_of(&files, &files.root);
        // Before the sections: they are named.
        let mut fresh = LazyExplorer::open(&files.root, root).unwrap();
        let first = fresh.missing_to_open()[0].clone();
        match fresh.search("Regierung", &SearchOptions::default()) {
            Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => assert_eq!(name, first),
            other => panic!("{:?}", other.map(|r| r.total)),
        }
        // After them, before the rounds: the dictionary shard of the word is named.
        let mut page = page(&files);
        let need = page
            .missing_for_search("Regierung", &SearchOptions::default())
            .unwrap();
        // The word's shards, and sections fetched when read (the alias map: is the word a
        // name?), nothing else.
        let deferred: Vec<String> = page
            .store()
            .deferred_sections()
            .map(|(_, f)| f.name())
            .collect();
        assert!(need.iter().any(|n| n.starts_with("d-")), "{need:?}");
        assert!(
            need.iter()
                .all(|n| n.starts_with("d-") || deferred.contains(n)),
            "{need:?}"
        );
        match page.search("Regierung", &SearchOptions::default()) {
            Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => {
                assert!(need.contains(&name), "{name} not in {need:?}")
            }
            other => panic!("{:?}", other.map(|r| r.total)),
        }
        // Bytes that are not the file named are refused, naming it, and kept out.
        let damaged = bytes_of(&files, &need[0])[1..].to_vec();
        match page.supply(&need[0], damaged) {
            Err(LazyError::Damaged { name, .. }) => assert_eq!(name, need[0]),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            page.missing_for_search("Regierung", &SearchOptions::default())
                .unwrap(),
            need
        );
    }

    #[test]
    fn each_new_engine_frees_the_last_one_and_keeps_the_text_chunks_loaded() {
        let whole_bytes = index_over("tests/fixtures/german");
        let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, SMALL).unwrap();
        let mut page = page(&files);
        // A text chunk loaded once stays loaded through every later engine.
        let first = article_explorer::ArticleId(0);
        // Which chunk holds it is TXTC's, a section fetched when read: its rounds first.
        match page.checked(|ex| ex.missing_texts([first])) {
            Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => assert!(
                page.store()
                    .sections()
                    .iter()
                    .any(|(t, f)| t == b"TXTC" && f.name() == name),
                "{name}"
            ),
            other => panic!("{:?}", other.map(|c| c.len())),
        }
        rounds_for(&mut page, &files, |ex| ex.missing_texts([first]).map(drop));
        let chunk = page.checked(|ex| ex.missing_texts([first])).unwrap()[0].clone();
        let text = unzipped(&hosted, chunk.chunk);
        page.add_text_chunk(chunk.chunk, text).unwrap();
        let mut engines = Vec::new();
        for q in queries() {
            loop {
                let need = page
                    .missing_for_search(&q, &SearchOptions::default())
                    .unwrap();
                if need.is_empty() {
                    break;
                }
                for name in need {
                    page.supply(&name, bytes_of(&files, &name).to_vec())
                        .unwrap();
                }
            }
            let bytes = page.engine_bytes().expect("an engine after the rounds");
            if !engines
                .iter()
                .any(|e: &std::rc::Weak<explorer_index::lazy::Assembled>| e.ptr_eq(&bytes))
            {
                engines.push(bytes);
            }
            assert!(page.engine().unwrap().text_loaded(first), "{q}");
        }
        assert!(engines.len() > 3, "the queries installed new engines");
        let alive = engines.iter().filter(|e| e.upgrade().is_some()).count();
        assert_eq!(alive, 1, "only the page's engine keeps its assembled index");
        assert!(engines.last().unwrap().upgrade().is_some());
    }

    /// Row chunks of one or two articles each, so that a page of hits reads a few of many.
    pub(crate) const ROWS_APART: ShardSizes = ShardSizes { rows: 64, ..SMALL };

    /// The hosted index over `dir` (text chunks of about 1 KiB) split with [`ROWS_APART`],
    /// and the whole index's explorer to compare with.
    pub(crate) fn rows_apart(dir: &str) -> (LazyFiles, Explorer<'static>) {
        let hosted: &'static _ = Box::leak(Box::new(
            split_text(index_over(dir), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap(),
        ));
        let files = split(&hosted.index, ROWS_APART).unwrap();
        (files, Explorer::open(&hosted.index).unwrap())
    }

    /// Text chunk `chunk` of `hosted`, unzipped (as the page's loader hands it over).
    pub(crate) fn unzipped(hosted: &explorer_index::chunks::HostedIndex, chunk: u32) -> Vec<u8> {
        let gzip = &hosted.chunks[chunk as usize].gzip;
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut text)
            .unwrap();
        text
    }

    /// Runs the rounds of `call` on `page` (fetching from `files`); the files fetched.
    pub(crate) fn rounds_for(
        page: &mut LazyExplorer,
        files: &LazyFiles,
        call: impl Fn(&Explorer<'_>) -> Result<(), article_explorer::IndexError>,
    ) -> Vec<String> {
        let mut fetched = Vec::new();
        loop {
            let need = page.missing_for(&call).unwrap();
            if need.is_empty() {
                return fetched;
            }
            assert!(fetched.len() < 10_000, "the rounds end");
            for name in need {
                page.supply(&name, bytes_of(files, &name).to_vec()).unwrap();
                fetched.push(name);
            }
        }
    }

    #[test]
    fn a_page_of_hits_needs_the_row_chunks_of_its_articles_only_and_a_search_before_them_names_one()
    {
        let whole_bytes = index_over("seeds");
        let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, ROWS_APART).unwrap();
        let all_rows = files.files.iter().filter(|f| f.1 == FileKind::Rows).count();
        let whole = Explorer::open(&hosted.index).unwrap();
        let options = SearchOptions {
            limit: 3,
            ..SearchOptions::default()
        };
        let q = "Gipfeltreffen ";
        let mut page = page(&files);
        let mut rows_named = false;
        loop {
            let need = page.missing_for_search(q, &options).unwrap();
            if need.is_empty() {
                break;
            }
            if need.iter().any(|n| n.starts_with("a-")) {
                rows_named = true;
                // The dictionary is there, the titles are not: an error naming a row chunk.
                match page.search(q, &options) {
                    Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => {
                        assert!(need.contains(&name), "{name} not in {need:?}")
                    }
                    other => panic!("{:?}", other.map(|r| r.total)),
                }
            }
            for name in need {
                page.supply(&name, bytes_of(&files, &name).to_vec())
                    .unwrap();
            }
        }
        assert!(rows_named, "the hits' rows came in a round");
        // Of HEAD, the chunks of the page's three hits; the facets read AENT of every
        // match and the names of the entities found, not the whole tables.
        let loaded = |tag: &[u8; 4]| {
            files
                .files
                .iter()
                .filter(|f| page.store().rows_table_of(&f.0) == Some(*tag))
                .filter(|f| page.store().has(&f.0))
                .count()
        };
        let (heads, all_heads) = (loaded(b"HEAD"), all_of(&page, &files, b"HEAD"));
        assert!(heads > 0 && heads <= 3, "{heads} of {all_heads}");
        // Of ENTS, only the names (ENAM, rows only): the facets read no alias or article.
        assert_eq!(loaded(b"ENTS"), 0);
        for tag in [b"AENT", b"ENAM"] {
            // Read: some chunks, or the section whole when they would be most of it.
            let (n, all) = (loaded(tag), all_of(&page, &files, tag));
            let whole_table = page.store().sections().iter().find(|(t, _)| t == tag);
            let read = n > 0 || whole_table.is_some_and(|(_, f)| page.store().has(&f.name()));
            assert!(
                read && n < all.max(2),
                "{}: {n} of {all}",
                String::from_utf8_lossy(tag)
            );
        }
        assert!(heads < all_rows);
        let a = whole.search(q, &options).unwrap();
        let b = page.search(q, &options).unwrap();
        assert!(!a.hits.is_empty());
        assert_eq!(a.hits, b.hits);
    }

    /// The row chunks of table `tag` that `files` has.
    fn all_of(page: &LazyExplorer, files: &LazyFiles, tag: &[u8; 4]) -> usize {
        let named = |f: &&(String, FileKind, Vec<u8>)| page.store().rows_table_of(&f.0);
        files
            .files
            .iter()
            .filter(|f| named(f) == Some(*tag))
            .count()
    }

    #[test]
    fn an_entity_view_and_an_article_load_their_rows_in_rounds_and_answer_like_the_whole_index() {
        let whole_bytes = index_over("seeds");
        let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, ROWS_APART).unwrap();
        let mut whole = Explorer::open(&hosted.index).unwrap();
        let mut page = page(&files);
        // An entity of a few articles (one of most would fetch the tables whole).
        let entity = whole
            .entities()
            .unwrap()
            .into_iter()
            .filter(|e| e.articles >= 2)
            .min_by_key(|e| e.articles)
            .unwrap()
            .id;
        let options = SearchOptions::default();
        match page.checked(|ex| ex.entity(entity, "", &options)) {
            Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => {
                assert!(name.starts_with("a-"), "{name}")
            }
            other => panic!("an entity view before its rounds: {:?}", other.is_ok()),
        }
        let fetched = rounds_for(&mut page, &files, |ex| {
            ex.entity(entity, "", &options).map(drop)
        });
        // Row chunks, or tables whole (the seeds' are a few chunks), and the alias map.
        let deferred: Vec<String> = page
            .store()
            .deferred_sections()
            .map(|(_, f)| f.name())
            .collect();
        assert!(
            fetched
                .iter()
                .all(|n| n.starts_with("a-") || deferred.contains(n)),
            "{fetched:?}"
        );
        let view = page.checked(|ex| ex.entity(entity, "", &options)).unwrap();
        assert_eq!(view, whole.entity(entity, "", &options).unwrap());

        // An article: its text first (the reader loads it), then its rows in rounds.
        let id = view.articles[0].id;
        let chunk = whole.missing_texts([id]).unwrap()[0].clone();
        let text = unzipped(&hosted, chunk.chunk);
        whole.add_text_chunk(chunk.chunk, text.clone()).unwrap();
        page.add_text_chunk(chunk.chunk, text).unwrap();
        rounds_for(&mut page, &files, |ex| {
            ex.article(id, Some("Regierung")).map(drop)
        });
        let article = page
            .checked(|ex| ex.article(id, Some("Regierung")))
            .unwrap();
        assert_eq!(article, whole.article(id, Some("Regierung")).unwrap());
        assert!(
            !article.entities.is_empty(),
            "its mentions came with its rows"
        );
    }

    #[test]
    fn a_page_that_loads_the_tables_whole_answers_without_rounds_whatever_order_they_come_in() {
        let whole_bytes = index_over("tests/fixtures/german");
        let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
        let files = split(&hosted.index, SMALL).unwrap();
        let whole = Explorer::open(&hosted.index).unwrap();
        let root = bytes_of(&files, &files.root);
        let mut page = LazyExplorer::open(&files.root, root).unwrap();
        let all = page.missing_to_open_whole();
        let ready = page.missing_to_open();
        assert_eq!(
            all.len(),
            ready.len() + 12,
            "HEAD, MENT, AENT, ENTS, ALIA, LENS, ARTS, AMET, TXTC, ETOT, STRT and AMNM whole besides"
        );
        // The tables whole arrive after the engine was assembled for the other sections;
        // it is assembled again once, at the last of them (a call before then that reads
        // one that came is told it is missing, never answered from its placeholder).
        for name in &ready {
            page.supply(name, bytes_of(&files, name).to_vec()).unwrap();
        }
        let at_ready = page.engine_bytes().unwrap();
        let whole_ones: Vec<&String> = all.iter().filter(|n| !ready.contains(n)).collect();
        let (last, first) = whole_ones.split_last().unwrap();
        for name in first {
            page.supply(name, bytes_of(&files, name).to_vec()).unwrap();
            assert!(page.engine_bytes().unwrap().ptr_eq(&at_ready), "{name}");
        }
        let head = page.store().sections().iter().find(|(t, _)| t == b"HEAD");
        let head = head.unwrap().1.name();
        if **last != head {
            match page.checked(|ex| ex.articles()) {
                // HEAD, or what it reads of the metadata (AMET came since, or a row of it).
                Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => {
                    let meta_row =
                        page.store().rows_table_of(&name) == Some(explorer_index::lazy::META_ROWS);
                    assert!(name == head || first.contains(&&name) || meta_row, "{name}")
                }
                other => panic!("{:?}", other.map(|l| l.len())),
            }
        }
        page.supply(last, bytes_of(&files, last).to_vec()).unwrap();
        assert!(!page.engine_bytes().unwrap().ptr_eq(&at_ready));
        let listed = page.checked(|ex| ex.articles()).unwrap();
        assert_eq!(listed, whole.articles().unwrap());
        let entity = whole.entities().unwrap()[0].id;
        let options = SearchOptions::default();
        let view = page.checked(|ex| ex.entity(entity, "", &options)).unwrap();
        assert_eq!(view, whole.entity(entity, "", &options).unwrap());
    }
}

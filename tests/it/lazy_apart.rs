//! Lazy format 6 (docs/HOSTED.md): a page of hits reads the text chunks' entries with its
//! heads (the HEAD chunks carry them) and the alias shards of its words, never TXTC or ALIA
//! whole, and answers, snippets included, as today's hosted index with the same texts.

use crate::lazy::rounds::{self, rounds_for, unzipped, ROWS_APART};
use article_explorer::{ArticleId, Explorer, SearchOptions};
use explorer_index::chunks::split_text;
use explorer_index::lazy::split;

/// A corpus of 120 articles made of the seeds' paragraphs (three each, in turn): enough
/// articles that a page of five hits is a few of many HEAD chunks (the seeds are five, of
/// which a page reads most: then the tables come whole, as they should).
fn many_articles() -> &'static [u8] {
    // Built once: the tests run side by side, and the folder is one per process.
    static INDEX: std::sync::OnceLock<&'static [u8]> = std::sync::OnceLock::new();
    INDEX.get_or_init(write_many_articles)
}

fn write_many_articles() -> &'static [u8] {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let paragraphs: Vec<String> = names
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let parts: Vec<String> = text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| p.len() > 80)
                .map(str::to_owned)
                .collect();
            parts
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("lazy-apart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let n = paragraphs.len();
    for i in 0..120 {
        let text = [i % n, (i * 7 + 3) % n, (i * 13 + 5) % n]
            .map(|k| paragraphs[k].as_str())
            .join("\n\n");
        std::fs::write(dir.join(format!("{i:03}.txt")), text).unwrap();
    }
    let index = crate::hosted_index_over(dir.to_str().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    index
}

#[test]
fn a_page_of_hits_with_its_snippets_reads_no_text_chunks_table_and_no_alias_map_whole() {
    let whole_bytes = many_articles();
    let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, ROWS_APART).unwrap();
    let options = SearchOptions {
        limit: 5,
        ..SearchOptions::default()
    };
    let mut pages = 0;
    for q in [
        "Gipfeltreffen ",
        "Peking ",
        "Regierung ",
        "Kim Jong Un ",
        "Moskau Berlin ",
    ] {
        let mut whole = Explorer::open(&hosted.index).unwrap();
        let mut page = rounds::page(&files);
        let section = |tag: &[u8; 4]| {
            let found = page.store().sections().iter().find(|(t, _)| t == tag);
            found.unwrap().1.name()
        };
        let (txtc, alia) = (section(b"TXTC"), section(b"ALIA"));
        // The search's rounds, then those of `loadText` for its hits (missingForTexts).
        let mut fetched = rounds_for(&mut page, &files, |ex| ex.search(q, &options).map(drop));
        let ids: Vec<ArticleId> = page
            .checked(|ex| ex.search(q, &options))
            .unwrap()
            .hits
            .iter()
            .map(|h| h.article.id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        pages += 1;
        let texts = rounds_for(&mut page, &files, |ex| {
            ex.missing_texts(ids.clone()).map(drop)
        });
        // The heads the search read brought the entries: nothing more to fetch.
        assert!(texts.is_empty(), "{q}: {texts:?}");
        fetched.extend(texts);
        assert!(!fetched.contains(&txtc), "{q}: TXTC whole in {fetched:?}");
        assert!(!fetched.contains(&alia), "{q}: ALIA whole in {fetched:?}");
        // A name is looked up in its alias shard; other words mostly only in the alias
        // filter, loaded with the sections (lazy format 8).
        let names = ["Peking ", "Kim Jong Un ", "Moskau Berlin "].contains(&q);
        assert!(
            !names || fetched.iter().any(|n| page.store().is_alias_shard(n)),
            "{q}: the names were looked up: {fetched:?}"
        );
        // The chunks named are the whole index's, named as the lazy build wrote them (by
        // the HEAD chunks carrying their entries), and loaded, the snippets are its.
        let chunks = page.checked(|ex| ex.missing_texts(ids.clone())).unwrap();
        let numbers = |cs: &[article_explorer::MissingChunk]| -> Vec<(u32, u32)> {
            cs.iter().map(|c| (c.chunk, c.stored_len)).collect()
        };
        assert_eq!(
            numbers(&chunks),
            numbers(&whole.missing_texts(ids.clone()).unwrap())
        );
        assert!(chunks
            .iter()
            .all(|c| files.texts[c.chunk as usize] == c.file));
        assert!(!chunks.is_empty());
        for c in &chunks {
            let text = unzipped(&hosted, c.chunk);
            whole.add_text_chunk(c.chunk, text.clone()).unwrap();
            page.add_text_chunk(c.chunk, text).unwrap();
        }
        let a = whole.search(q, &options).unwrap();
        let b = page.checked(|ex| ex.search(q, &options)).unwrap();
        assert!(b.hits.iter().all(|h| h.snippet.is_some()), "{q}");
        assert_eq!((a.total, &a.hits), (b.total, &b.hits), "{q}");
    }
    assert!(pages >= 3, "{pages} queries with hits");
}

/// Lazy format 10: a page's rounds (`missing_for_page`, what `fetchFor` asks) name its hits'
/// texts in one round, once nothing that decides the page is still to come, each by the file
/// the build wrote; those text files carry their articles' heads and entries, so that round
/// names no HEAD row chunk for the hits. Handed over after that round's index files, they
/// make the page the whole index's, snippets included, with no `loadText` round after.
#[test]
fn a_page_s_texts_bring_its_heads() {
    let (hosted, files, texts) = lazy_build();
    let options = SearchOptions {
        limit: 5,
        facets: false,
        ..SearchOptions::default()
    };
    let mut pages = 0;
    let mut deciding = 0;
    for q in ["Gipfeltreffen ", "Peking ", "Regierung ", "Kim Jong Un "] {
        let mut whole = Explorer::open(&hosted.index).unwrap();
        let mut page = rounds::page(&files);
        let mut with_texts = Vec::new();
        let mut answer = None;
        for round in 0.. {
            assert!(round < 16, "{q}: no end to the rounds");
            let hits = |ex: &Explorer<'_>| {
                let found = ex.search(q, &options)?;
                Ok((found.total, found.hits.len(), snippets_of(&found)))
            };
            let (need, texts_named, found) = page.missing_for_page(hits).unwrap();
            if need.is_empty() && texts_named.is_empty() {
                // Asked again with nothing new: the same generation, the same answer (what
                // lets the page's `search` take the round's answer).
                let generation = page.generation();
                let (_, _, again) = page.missing_for_page(hits).unwrap();
                assert_eq!((page.generation(), &again), (generation, &found), "{q}");
                answer = found;
                break;
            }
            assert!(
                found.is_none(),
                "{q}: an answer while files are still to come"
            );
            let store = page.store();
            let names = |n: &String| {
                let names = explorer_index::lazy::META_NAMES;
                store
                    .sections()
                    .iter()
                    .any(|(t, f)| *t == names && f.is_named(n))
            };
            // Rows that only show hits (heads, metadata, entity names; not an alias shard,
            // which a word's expansion reads too).
            let rows_shown = |n: &String| {
                use explorer_index::lazy::{META_NAMES, META_ROWS, NAME_ROWS, TEXT_ROWS};
                let shown = [*b"HEAD", META_ROWS, NAME_ROWS, META_NAMES, TEXT_ROWS];
                store.rows_table_of(n).is_some_and(|t| shown.contains(&t)) || names(n)
            };
            if !texts_named.is_empty() {
                with_texts.push(round);
                // What is still to come only shows the page: no shard, pack or section of
                // the search's own, and no HEAD chunk (the texts bring the heads).
                let shows = |n: &String| {
                    let table = store.rows_table_of(n);
                    table.is_some_and(|t| t != *b"HEAD") || store.is_alias_shard(n) || names(n)
                };
                assert!(need.iter().all(shows), "{q}: texts named with {need:?}");
            } else if !need
                .iter()
                .all(|n| rows_shown(n) || store.is_alias_shard(n))
            {
                // The hits may still change: nothing that only shows them comes yet.
                assert!(
                    !need.iter().any(rows_shown),
                    "{q}: round {round} shows hits about to change: {need:?}"
                );
                deciding += 1;
            }
            let generation = page.generation();
            for name in &need {
                let bytes = crate::lazy::bytes_of(&files, name).to_vec();
                page.supply(name, bytes).unwrap();
            }
            for c in &texts_named {
                assert_eq!(c.file, files.texts[c.chunk as usize], "{q}");
                let text = gunzip(&texts[c.chunk as usize].gzip);
                whole.add_text_chunk(c.chunk, text.clone()).unwrap();
                page.add_text_chunk(c.chunk, text).unwrap();
            }
            // What a call reads changed: an answer made before is no longer one.
            assert_ne!(page.generation(), generation, "{q}: round {round}");
        }
        let b = page.checked(|ex| ex.search(q, &options)).unwrap();
        if b.hits.is_empty() {
            continue;
        }
        pages += 1;
        assert_eq!(with_texts.len(), 1, "{q}: texts in rounds {with_texts:?}");
        let a = whole.search(q, &options).unwrap();
        assert!(b.hits.iter().all(|h| h.snippet.is_some()), "{q}");
        assert_eq!((a.total, &a.hits), (b.total, &b.hits), "{q}");
        // The last round's answer is the search's.
        let expected = (b.total, b.hits.len(), snippets_of(&b));
        assert_eq!(answer, Some(expected), "{q}");
    }
    assert!(pages >= 3, "{pages} queries with hits");
    assert!(deciding > 0, "no round whose hits could still change");
}

/// A text file that does not carry its own article's head and entry is refused, naming the
/// file: another article's file under this one's number, a head changed, a text changed.
#[test]
fn a_text_that_is_not_its_article_s_is_refused() {
    let (_, files, texts) = lazy_build();
    let mut page = rounds::page(&files);
    page.explorer().unwrap();
    let good = gunzip(&texts[7].gzip);
    let other = gunzip(&texts[8].gzip);
    let refused = |page: &mut article_explorer::lazy::LazyExplorer, chunk: u32, bytes: Vec<u8>| {
        let e = page.add_text_chunk(chunk, bytes).unwrap_err().to_string();
        assert!(e.contains(&files.texts[chunk as usize]), "{e}");
    };
    refused(&mut page, 7, other);
    // The text's last byte changed: its checksum is not the entry's.
    let mut text = good.clone();
    *text.last_mut().unwrap() ^= 1;
    refused(&mut page, 7, text);
    // With its HEAD chunk loaded, a head that is not that chunk's row (its last byte
    // changed, its length kept) is refused too.
    for name in page.store().rows_files(&[(*b"HEAD", 7)]) {
        let bytes = crate::lazy::bytes_of(&files, &name).to_vec();
        page.supply(&name, bytes).unwrap();
    }
    let c = explorer_index::chunks::carried(&good).unwrap();
    let head_end = 8 + 4 + 20 + 4 + c.head.len();
    let mut head = good.clone();
    head[head_end - 1] ^= 1;
    refused(&mut page, 7, head);
    assert!(!page.store().has(&files.texts[7]));
    page.add_text_chunk(7, good).unwrap();
    assert!(page.store().has(&files.texts[7]));

    // Before its HEAD chunk came, a changed head is taken (nothing to compare it with); the
    // HEAD chunk that comes after is refused, naming the text file that disagrees with it.
    let mut page = rounds::page(&files);
    page.explorer().unwrap();
    let chunks = page.store().rows_files(&[(*b"HEAD", 9)]);
    assert_eq!(chunks.len(), 1);
    let mut head = gunzip(&texts[9].gzip);
    let head_end = 8 + 4 + 20 + 4 + explorer_index::chunks::carried(&head).unwrap().head.len();
    head[head_end - 1] ^= 1;
    page.add_text_chunk(9, head).unwrap();
    let bytes = crate::lazy::bytes_of(&files, &chunks[0]).to_vec();
    let e = page.supply(&chunks[0], bytes).unwrap_err().to_string();
    assert!(e.contains(&files.texts[9]), "{e}");
    assert!(!page.store().has(&chunks[0]));
}

/// The lazy build of [`many_articles`]: its hosted index, lazy files and text files (each
/// carrying its article's head, as `build.rs` writes them).
fn lazy_build() -> (
    explorer_index::chunks::HostedIndex,
    explorer_index::lazy::LazyFiles,
    Vec<explorer_index::chunks::ChunkFile>,
) {
    let hosted = split_text(many_articles(), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, ROWS_APART).unwrap();
    let mut texts = hosted.chunks.clone();
    explorer_index::lazy::carry_heads(&hosted.index, &mut texts).unwrap();
    (hosted, files, texts)
}

fn gunzip(gzip: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gzip), &mut out).unwrap();
    out
}

/// The snippets of a page, as text.
fn snippets_of(found: &article_explorer::SearchResults<'_>) -> Vec<String> {
    let snippet = |h: &article_explorer::Hit<'_>| h.snippet.as_ref().map(|s| s.text.clone());
    found.hits.iter().filter_map(snippet).collect()
}

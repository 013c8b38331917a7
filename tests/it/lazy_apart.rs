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
    let hosted = split_text(whole_bytes, 1024).unwrap();
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
        // The chunks named are the whole index's, and loaded, the snippets are its.
        let chunks = page.checked(|ex| ex.missing_texts(ids.clone())).unwrap();
        assert_eq!(chunks, whole.missing_texts(ids.clone()).unwrap());
        assert!(!chunks.is_empty());
        for c in &chunks {
            let text = unzipped(&hosted, &c.file);
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

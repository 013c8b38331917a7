//! Hosted mode: the index without texts, the texts in gzip chunks loaded on demand. Whatever
//! is loaded, answers agree with the embedded index; what is not loaded is said, never wrong.

use crate::{hosted_index_over, index_over};
use article_explorer::{ArticleId, Explorer, IndexError, SearchOptions};
use explorer_index::chunks::{split_text, HostedIndex};
use std::io::Read;

/// Small chunks, so that a handful of fixture articles make several.
const CHUNK_TEXT: usize = 1024;

fn hosted(dir: &str) -> (Explorer<'static>, &'static HostedIndex) {
    let split = split_text(hosted_index_over(dir), CHUNK_TEXT).expect("the index splits");
    let split: &'static HostedIndex = Box::leak(Box::new(split));
    (
        Explorer::open(&split.index).expect("the hosted index opens"),
        split,
    )
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a chunk is gzip");
    out
}

/// Fetches (from `split`) and adds every chunk the texts of `ids` need; returns their files.
fn load(ex: &mut Explorer<'_>, split: &HostedIndex, ids: &[ArticleId]) -> Vec<String> {
    let missing = ex.missing_texts(ids.iter().copied()).unwrap();
    for m in &missing {
        let file = &split.chunks[m.chunk as usize];
        assert_eq!(file.name, m.file);
        assert_eq!(file.gzip.len() as u32, m.stored_len);
        ex.add_text_chunk(m.chunk, gunzip(&file.gzip)).unwrap();
    }
    missing.into_iter().map(|m| m.file).collect()
}

const QUERIES: [&str; 6] = [
    "Hafen ",
    "Pjöngjang",
    "der",
    "Wasserstoff Zürich",
    "\"Kim Jong Un\"",
    "Wladiwostock",
];

#[test]
fn hosted_search_ranks_as_embedded_and_snippets_arrive_with_their_chunks() {
    for dir in ["seeds", "tests/fixtures/german"] {
        let embedded = Explorer::open(index_over(dir)).unwrap();
        let (mut ex, split) = hosted(dir);
        assert!(ex.is_hosted() && !embedded.is_hosted());
        assert!(split.chunks.len() > 1, "{dir}: several chunks");
        for q in QUERIES {
            let want = embedded.search(q, &SearchOptions::default()).unwrap();
            let before = ex.search(q, &SearchOptions::default()).unwrap();
            let ids: Vec<ArticleId> = before.hits.iter().map(|h| h.article.id).collect();
            // Ranking, counts, facets and dates need no text.
            assert_eq!(
                ids,
                want.hits.iter().map(|h| h.article.id).collect::<Vec<_>>()
            );
            assert_eq!(
                (before.total, &before.facets, &before.dates),
                (want.total, &want.facets, &want.dates)
            );
            for h in &before.hits {
                assert_eq!(h.snippet.is_some(), ex.text_loaded(h.article.id), "{q}");
            }
            load(&mut ex, split, &ids);
            let after = ex.search(q, &SearchOptions::default()).unwrap();
            assert_eq!(after, want, "{dir}: {q}");
        }
    }
}

#[test]
fn only_the_chunks_of_the_hits_asked_for_are_loaded() {
    let (mut ex, split) = hosted("seeds");
    let all: Vec<ArticleId> = ex.articles().unwrap().iter().map(|a| a.id).collect();
    let first = all[0];
    let files = load(&mut ex, split, &[first]);
    assert_eq!(files.len(), 1);
    assert!(ex.text_loaded(first));
    let unloaded: Vec<ArticleId> = all
        .iter()
        .copied()
        .filter(|&a| !ex.text_loaded(a))
        .collect();
    assert!(!unloaded.is_empty(), "one chunk does not hold every text");
    let missing = ex.missing_texts(all.iter().copied()).unwrap();
    assert_eq!(
        missing.len(),
        split.chunks.len() - 1,
        "each missing chunk once"
    );
    assert!(missing.iter().all(|m| m.file != files[0]));
    assert!(ex.missing_texts([ArticleId(9_999)]).is_err());
}

#[test]
fn opening_an_article_before_its_chunk_is_loaded_names_the_chunk() {
    let (mut ex, split) = hosted("tests/fixtures/german");
    let embedded = Explorer::open(index_over("tests/fixtures/german")).unwrap();
    let id = ArticleId(1);
    let err = ex.article(id, Some("Hafen")).unwrap_err();
    let IndexError::TextNotLoaded {
        article,
        chunk,
        file,
    } = &err
    else {
        panic!("expected TextNotLoaded, got {err:?}");
    };
    assert_eq!((*article, file), (1, &split.chunks[*chunk as usize].name));
    assert!(err.to_string().contains(file.as_str()), "{err}");
    load(&mut ex, split, &[id]);
    assert_eq!(
        ex.article(id, Some("Hafen")).unwrap(),
        embedded.article(id, Some("Hafen")).unwrap()
    );
}

#[test]
fn a_damaged_or_foreign_chunk_is_refused_naming_it_and_nothing_is_read_from_it() {
    let (mut ex, split) = hosted("seeds");
    let good = gunzip(&split.chunks[0].gzip);
    let mut damaged = good.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x20;
    for bytes in [
        damaged,
        good[..good.len() - 3].to_vec(),
        gunzip(&split.chunks[1].gzip),
        Vec::new(),
    ] {
        let err = ex.add_text_chunk(0, bytes).unwrap_err();
        assert!(
            matches!(&err, IndexError::BadChunk { chunk: 0, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains(&split.chunks[0].name), "{err}");
        assert!(!ex.text_loaded(ArticleId(0)));
    }
    let count = split.chunks.len() as u32;
    assert!(matches!(
        ex.add_text_chunk(count, good.clone()),
        Err(IndexError::NoSuchChunk { .. })
    ));
    ex.add_text_chunk(0, good).unwrap();
    assert!(ex.text_loaded(ArticleId(0)));
}

#[test]
fn the_entity_view_asks_for_the_texts_of_its_lines_and_then_shows_the_embedded_ones() {
    let embedded = Explorer::open(index_over("seeds")).unwrap();
    let (mut ex, split) = hosted("seeds");
    let entities = embedded.entities().unwrap();
    assert!(!entities.is_empty());
    for e in entities.iter().take(8) {
        let want = embedded
            .entity(e.id, "", &SearchOptions::default())
            .unwrap();
        assert!(want.text_pending.is_empty());
        let before = ex.entity(e.id, "", &SearchOptions::default()).unwrap();
        assert_eq!(
            before.mentions_in_scope, want.mentions_in_scope,
            "{}",
            e.name
        );
        assert_eq!(before.articles, want.articles);
        let pending = before.text_pending.clone();
        assert!(pending.iter().all(|&a| !ex.text_loaded(a)));
        load(&mut ex, split, &pending);
        let after = ex.entity(e.id, "", &SearchOptions::default()).unwrap();
        assert!(after.text_pending.is_empty(), "{}", e.name);
        assert_eq!(after.in_context, want.in_context, "{}", e.name);
    }
}

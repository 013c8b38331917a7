//! Text chunks: split, named, checked, refused.

use super::*;
use crate::{ArticleRecord, BlockKind, Index, IndexWriter};
use std::io::Read;

const TEXTS: [&str; 5] = [
    "Erster Artikel über den Hafen.",
    "Zweiter Artikel, etwas länger: über Pjöngjang und Peking.",
    "Dritter.",
    "Vierter Artikel mit Umlauten: Größe, Straße, Übermut.",
    "Fünfter und letzter Artikel.",
];

fn index() -> Vec<u8> {
    let mut w = IndexWriter::new(|s: &str| s.to_lowercase());
    for (i, text) in TEXTS.iter().enumerate() {
        w.add_article(ArticleRecord {
            file: ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"][i],
            title: "Titel",
            title_derived: true,
            date: None,
            indexed_len: 3,
            text,
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: text.len() as u32,
                first_position: 0,
            }],
        });
    }
    w.finish()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn split_chunks_hold_every_text_and_the_index_none() {
    let original = index();
    let hosted = split_text(&original, 64).unwrap();
    assert!(hosted.chunks.len() > 1 && hosted.chunks.len() < TEXTS.len());
    let index = Index::open(&hosted.index).unwrap();
    let chunks = *index.text_chunks().unwrap();
    assert_eq!(chunks.count() as usize, hosted.chunks.len());
    assert!(Index::open(&original).unwrap().text_chunks().is_none());
    for (i, text) in TEXTS.iter().enumerate() {
        let id = ArticleId(i as u32);
        let n = chunks.chunk_of(id).unwrap();
        let file = &hosted.chunks[n as usize];
        assert_eq!(file.name, chunks.file_name(n).unwrap());
        assert_eq!(
            index.article(id),
            Err(IndexError::TextNotLoaded {
                article: i as u32,
                chunk: n,
                file: file.name.clone(),
            })
        );
        let loaded = chunks.check(n, gunzip(&file.gzip)).unwrap();
        let (got, blocks) = loaded.text(id).unwrap();
        assert_eq!(got, *text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            index.head(id).unwrap().file,
            Index::open(&original).unwrap().head(id).unwrap().file
        );
    }
    assert!(matches!(
        chunks.chunk_of(ArticleId(TEXTS.len() as u32)),
        Err(IndexError::NoSuchArticle { .. })
    ));
}

#[test]
fn splitting_is_deterministic() {
    assert_eq!(split_text(&index(), 64), split_text(&index(), 64));
}

#[test]
fn a_damaged_short_or_foreign_chunk_is_refused_naming_the_file() {
    let hosted = split_text(&index(), 64).unwrap();
    let index = Index::open(&hosted.index).unwrap();
    let chunks = index.text_chunks().unwrap();
    let good = gunzip(&hosted.chunks[0].gzip);
    let name = hosted.chunks[0].name.clone();

    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let err = chunks.check(0, flipped).unwrap_err();
    assert!(matches!(
        &err,
        IndexError::BadChunk { chunk: 0, problem: ChunkProblem::Checksum { .. }, file } if *file == name
    ));
    assert!(err.to_string().contains(&name), "{err}");

    let err = chunks
        .check(0, good[..good.len() - 1].to_vec())
        .unwrap_err();
    assert!(matches!(
        err,
        IndexError::BadChunk {
            problem: ChunkProblem::Length { .. },
            ..
        }
    ));
    // Another chunk's bytes, or the compressed file itself, are not this chunk.
    let other = gunzip(&hosted.chunks[1].gzip);
    assert!(matches!(
        chunks.check(0, other),
        Err(IndexError::BadChunk { .. })
    ));
    assert!(matches!(
        chunks.check(0, hosted.chunks[0].gzip.clone()),
        Err(IndexError::BadChunk { .. })
    ));
    let count = chunks.count();
    assert_eq!(
        chunks.check(count, good),
        Err(IndexError::NoSuchChunk {
            chunk: count,
            count
        })
    );
}

#[test]
fn a_damaged_table_is_an_error_not_a_panic() {
    let hosted = split_text(&index(), 64).unwrap();
    let sections = crate::container::open_with::<true>(&hosted.index).unwrap();
    let txtc = sections.get(*b"TXTC").unwrap();
    for i in 0..txtc.len() {
        let mut t = txtc.to_vec();
        t[i] ^= 0x55;
        if let Ok(chunks) = TextChunks::open(&t, TEXTS.len() as u32, None) {
            for id in 0..TEXTS.len() as u32 + 1 {
                let _ = chunks.not_loaded(ArticleId(id));
            }
        }
    }
    for n in 0..txtc.len() {
        assert!(TextChunks::open(&txtc[..n], TEXTS.len() as u32, None).is_err());
    }
}

#[test]
fn an_empty_index_has_no_chunks() {
    let empty = IndexWriter::new(|s: &str| s.to_owned()).finish();
    let hosted = split_text(&empty, 64).unwrap();
    assert!(hosted.chunks.is_empty());
    let index = Index::open(&hosted.index).unwrap();
    assert_eq!(index.text_chunks().unwrap().count(), 0);
}

//! Lazy format 6: the alias map in key ranges and the text chunks' entries in the HEAD chunks,
//! read as a call reads them, against the whole index.

use std::io::Read;

use super::tests::{file, index, open, TINY};
use super::*;
use crate::chunks::{split_text, HostedIndex};
use crate::container::Tag;
use crate::{ArticleId, Index};

/// The test index in hosted form, a text chunk an article (60 chunks: TXTC is 1,204 bytes,
/// far more than the HEAD chunk of an article), as a lazy index holds them.
fn hosted() -> HostedIndex {
    split_text(&index(), crate::chunks::LAZY_CHUNK_TEXT).unwrap()
}

/// Article `a`'s text chunk and entry in `index`, the entry without the lazy index's name
/// (the whole index names its chunks by their CRC-32).
fn entry(index: &Index<'_>, a: ArticleId) -> (u32, crate::ChunkInfo) {
    let (chunk, info) = index.text_chunk_of(a).unwrap().unwrap();
    (chunk, crate::ChunkInfo { head: None, ..info })
}

/// A store with the root and the sections every answer needs.
fn ready(files: &LazyFiles) -> LazyIndex {
    let mut lazy = open(files);
    for (_, f) in lazy.ready_sections().cloned().collect::<Vec<_>>() {
        lazy.supply(&f.name(), file(files, &f.name()).to_vec())
            .unwrap();
    }
    lazy
}

fn section_name(lazy: &LazyIndex, tag: &[u8; 4]) -> String {
    let found = lazy.sections().iter().find(|(t, _)| t == tag);
    found.map(|(_, f)| f.name()).unwrap()
}

fn supply_all(lazy: &mut LazyIndex, files: &LazyFiles, names: &[String]) {
    for name in names {
        lazy.supply(name, file(files, name).to_vec()).unwrap();
    }
}

#[test]
fn an_article_s_text_chunk_comes_with_its_head_chunk_not_the_table_whole() {
    let hosted = hosted();
    let whole = Index::open(&hosted.index).unwrap();
    let table = whole.text_chunks().unwrap();
    assert!(table.count() > 30, "{}", table.count());
    let files = split(&hosted.index, TINY).unwrap();
    let mut lazy = ready(&files);
    let txtc = section_name(&lazy, b"TXTC");
    // Ready: entries of no bytes, as many as TXTC has (the root says how many).
    let bytes = lazy.assemble().unwrap();
    let ready_index = Index::open(&bytes).unwrap();
    assert_eq!(ready_index.text_chunk_count(), Some(table.count()));
    let id = ArticleId(31);
    let (_, read) = reads::recording(|| ready_index.text_chunk_of(id).map(drop));
    let need = lazy.files_read(&read);
    assert_eq!(need.len(), 1, "{need:?}");
    assert_eq!(lazy.rows_table_of(&need[0]), Some(*b"HEAD"));
    assert!(!need.contains(&txtc));
    // A chunk checked against an entry not loaded is refused, never read.
    let (chunk, info) = whole.text_chunk_of(id).unwrap().unwrap();
    let text = text_chunk(&hosted, chunk as usize);
    assert!(ready_index.check_text_chunk(chunk, text.clone()).is_err());
    supply_all(&mut lazy, &files, &need);
    let bytes = lazy.assemble().unwrap();
    let loaded = Index::open(&bytes).unwrap();
    assert_eq!(entry(&loaded, id), (chunk, info));
    assert!(loaded.check_text_chunk(chunk, text).is_ok());
    // Every HEAD chunk loaded: every entry is the whole table's, TXTC never fetched.
    let heads: Vec<String> = files
        .files
        .iter()
        .filter(|f| lazy.rows_table_of(&f.0) == Some(*b"HEAD"))
        .map(|f| f.0.clone())
        .collect();
    supply_all(&mut lazy, &files, &heads);
    let bytes = lazy.assemble().unwrap();
    let all = Index::open(&bytes).unwrap();
    for c in 0..table.count() {
        let info = all.text_chunks().unwrap().info(c).unwrap();
        assert_eq!(
            crate::ChunkInfo { head: None, ..info },
            table.info(c).unwrap()
        );
    }
    for a in whole.article_ids() {
        assert_eq!(entry(&all, a), entry(&whole, a), "{a:?}");
        assert_eq!(all.head(a).unwrap(), whole.head(a).unwrap());
    }
    assert!(!lazy.has(&txtc));
}

/// Text chunk `i` of `hosted`, decompressed.
fn text_chunk(hosted: &HostedIndex, i: usize) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(hosted.chunks[i].gzip.as_slice())
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn a_page_s_entries_are_read_in_rows_and_most_of_the_table_whole() {
    let hosted = hosted();
    let files = split(&hosted.index, TINY).unwrap();
    let mut lazy = ready(&files);
    let (txtc, head) = (section_name(&lazy, b"TXTC"), section_name(&lazy, b"HEAD"));
    // A page of three hits, heads and entries: their HEAD chunks, each once (the table
    // too big to read whole for so few: at 100k TXTC is 836 KiB).
    let page: Vec<(Tag, u32)> = [4, 30, 55]
        .into_iter()
        .flat_map(|a| [(*b"HEAD", a), (TEXT_ROWS, a)])
        .collect();
    let need = lazy.rows_files(&page);
    assert_eq!(need.len(), 3, "{need:?}");
    assert!(need.iter().all(|n| lazy.rows_table_of(n) == Some(*b"HEAD")));
    // Every article's entry: TXTC whole, fewer bytes than every HEAD chunk.
    let every: Vec<(Tag, u32)> = (0..60).map(|a| (TEXT_ROWS, a)).collect();
    assert_eq!(lazy.rows_files(&every), vec![txtc.clone()]);
    // HEAD loaded whole does not carry the entries: an entry still reads its HEAD chunk.
    supply_all(&mut lazy, &files, std::slice::from_ref(&head));
    let need = lazy.rows_files(&[(TEXT_ROWS, 30)]);
    assert_eq!(need.len(), 1);
    assert_eq!(lazy.rows_table_of(&need[0]), Some(*b"HEAD"));
    // TXTC whole loaded: it answers, the entries read nothing else.
    supply_all(&mut lazy, &files, std::slice::from_ref(&txtc));
    assert_eq!(lazy.rows_files(&[(TEXT_ROWS, 30)]), vec![txtc]);
    let bytes = lazy.assemble().unwrap();
    let whole = Index::open(&hosted.index).unwrap();
    let loaded = Index::open(&bytes).unwrap();
    for a in whole.article_ids() {
        assert_eq!(entry(&loaded, a), entry(&whole, a), "{a:?}");
    }
}

/// Lazy format 9: a text chunk is named by the HEAD chunk that carries its entry, from the
/// root alone (before that chunk has come).
#[test]
fn a_text_chunk_is_named_by_its_head_chunk_before_its_entry_has_come() {
    let hosted = hosted();
    let files = split(&hosted.index, TINY).unwrap();
    assert_eq!(files.texts.len(), hosted.chunks.len());
    let lazy = ready(&files);
    let bytes = lazy.assemble().unwrap();
    let ready_index = Index::open(&bytes).unwrap();
    let heads: Vec<(u32, FileRef)> = {
        let table = lazy.rows.iter().find(|t| t.tag == *b"HEAD").unwrap();
        table.chunks.clone()
    };
    assert!(heads.len() > 2, "{heads:?}");
    for (a, name) in files.texts.iter().enumerate() {
        let id = ArticleId(a as u32);
        let (chunk, info) = ready_index.text_chunk_of(id).unwrap().unwrap();
        assert_eq!(chunk, a as u32);
        // Named before its HEAD chunk is loaded: by that chunk's hash, not by a CRC-32.
        assert_eq!(&info.file_name(chunk), name);
        let head = heads
            .iter()
            .rev()
            .find(|(first, _)| *first <= a as u32)
            .unwrap();
        assert_eq!(*name, crate::chunks::lazy_file_name(a as u32, head.1.hash));
        assert!(!lazy.has(&head.1.name()));
    }
    // The HEAD chunk carries the entry, CRC-32 included: another text, another entry,
    // another hash, another name.
    let (_, info) = ready_index.text_chunk_of(ArticleId(0)).unwrap().unwrap();
    assert_eq!(info.crc, 0, "ready: the entry has not come");
    // A hosted index with several articles a chunk cannot be a lazy one.
    let grouped = split_text(&index(), 4096).unwrap();
    assert!(split(&grouped.index, TINY).is_err());
}

/// An index of 400 entities with names that share little (an fst of them does not shrink
/// to nothing, as `entity 00` … `entity 39` do), each with an alias, and one article.
fn named_index() -> Vec<u8> {
    let names: Vec<(String, String)> = (0u32..400)
        .map(|i| {
            let h = file_hash(&i.to_le_bytes());
            (
                format!("n{:08x} {}", h as u32, i),
                format!("a{:06x}", (h >> 40) as u32),
            )
        })
        .collect();
    let mut w = crate::IndexWriter::new(|s: &str| s.to_lowercase());
    for (name, alias) in &names {
        w.add_entity(name, crate::EntityKind::Person, vec![alias]);
    }
    w.add_article(crate::ArticleRecord {
        file: "a.txt",
        title: "a",
        title_derived: true,
        date: None,
        indexed_len: 1,
        text: "a",
        blocks: vec![],
    });
    w.finish()
}

#[test]
fn a_name_reads_one_alias_shard_and_a_prefix_the_shards_of_its_range() {
    let bytes = named_index();
    let whole = Index::open(&bytes).unwrap();
    // Alias shards of 512 bytes: a few dozen keys each.
    let sizes = ShardSizes { rows: 512, ..TINY };
    let files = split(&bytes, sizes).unwrap();
    let mut lazy = ready(&files);
    let alia = section_name(&lazy, b"ALIA");
    let shards = lazy.alias_shard_count();
    assert!(shards >= 4, "{shards}");
    // Nothing of the alias map loaded: a name reads one shard, not ALIA whole.
    let assembled = lazy.assemble().unwrap();
    let ready_index = Index::open(&assembled).unwrap();
    let key = format!("a{:06x}", (file_hash(&7u32.to_le_bytes()) >> 40) as u32);
    let (found, read) = reads::recording(|| ready_index.entity_by_alias(&key));
    assert_eq!(found, None);
    // Its shard, and the alias filter (loaded with the sections: it may hold the key).
    let filter = section_name(&lazy, &super::ALIAS_FILTER);
    let need = lazy.files_read(&read);
    assert_eq!(need.len(), 2, "{need:?}");
    assert!(lazy.is_alias_shard(&need[0]) && !need.contains(&alia));
    assert_eq!(need[1], filter);
    supply_all(&mut lazy, &files, &need);
    let assembled = lazy.assemble().unwrap();
    let one = Index::open(&assembled).unwrap();
    let seven = whole.entity_by_alias(&key);
    assert_eq!(seven, Some(crate::EntityId(7)));
    let (found, read) =
        reads::recording(|| (one.entity_by_alias(&key), one.is_alias(&format!("{key}x"))));
    assert_eq!(found, (seven, false));
    assert!(lazy.files_read(&read).iter().all(|n| lazy.has(n)));
    // With the filter loaded, words that are no name read no alias shard: the filter says
    // so (a few in a hundred may take their shard), as the whole index does.
    let words: Vec<String> = (0..100).map(|i| format!("wort{i}")).collect();
    let (found, read) = reads::recording(|| words.iter().any(|w| one.is_alias(w)));
    assert!(!found && words.iter().all(|w| !whole.is_alias(w)));
    assert!(read.sections.contains(&super::ALIAS_FILTER));
    assert!(read.alias_keys.len() < 5, "{:?}", read.alias_keys);
    // A name is still looked up in its shard (the filter only says "maybe").
    let (found, read) = reads::recording(|| one.entity_by_alias(&key));
    assert_eq!(found, seven);
    assert!(read.alias_keys.contains(&key));
    // A prefix: the shards of its range, then every name under it, as the whole index's.
    let under = |index: &Index<'_>, prefix: &str| {
        let mut keys = Vec::new();
        index.aliases_with_prefix(prefix, &mut |k, v| {
            keys.push((k.to_vec(), v));
            true
        });
        keys
    };
    let (_, read) = reads::recording(|| under(&one, "n1"));
    let need: Vec<String> = lazy
        .files_read(&read)
        .into_iter()
        .filter(|n| !lazy.has(n))
        .collect();
    assert!(
        !need.is_empty() && need.len() < shards,
        "{need:?} of {shards}"
    );
    assert!(need.iter().all(|n| lazy.is_alias_shard(n)));
    supply_all(&mut lazy, &files, &need);
    let assembled = lazy.assemble().unwrap();
    let more = Index::open(&assembled).unwrap();
    let keys = under(&more, "n1");
    assert!(keys.len() > 10, "{}", keys.len());
    assert_eq!(keys, under(&whole, "n1"));
    // Every name of the index: the shards still to fetch are most of ALIA: ALIA whole.
    let every = whole.aliases().entries();
    let (_, read) = reads::recording(|| {
        for (key, _) in &every {
            more.entity_by_alias(std::str::from_utf8(key).unwrap());
        }
    });
    let to_fetch: Vec<String> = lazy
        .files_read(&read)
        .into_iter()
        .filter(|n| !lazy.has(n))
        .collect();
    assert_eq!(to_fetch, vec![alia.clone()]);
    supply_all(&mut lazy, &files, &[alia]);
    let assembled = lazy.assemble().unwrap();
    assert_eq!(Index::open(&assembled).unwrap().aliases().entries(), every);
}

#[test]
fn a_damaged_head_chunk_or_alias_shard_is_refused_by_name() {
    let hosted = hosted();
    let files = split(&hosted.index, TINY).unwrap();
    let mut lazy = ready(&files);
    let head = files
        .files
        .iter()
        .find(|f| lazy.rows_table_of(&f.0) == Some(*b"HEAD"))
        .map(|f| f.0.clone())
        .unwrap();
    let alias = files
        .files
        .iter()
        .find(|f| lazy.is_alias_shard(&f.0))
        .map(|f| f.0.clone())
        .unwrap();
    for name in [head, alias] {
        let mut damaged = file(&files, &name).to_vec();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(matches!(
            lazy.supply(&name, damaged),
            Err(LazyError::Damaged { name: n, .. }) if n == name
        ));
        let short = file(&files, &name)[1..].to_vec();
        assert!(matches!(
            lazy.supply(&name, short),
            Err(LazyError::Damaged { name: n, .. }) if n == name
        ));
        assert!(!lazy.has(&name));
        supply_all(&mut lazy, &files, std::slice::from_ref(&name));
        assert!(lazy.has(&name));
    }
}

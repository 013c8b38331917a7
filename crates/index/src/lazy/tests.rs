//! The lazy index against the whole index it was split from: rounds, ranges, refusals.

use super::*;
use crate::{ArticleRecord, Field, Index, IndexWriter, Occurrence};
use fst::Automaton;

/// An index of 60 articles over a few hundred words, so that tiny shard sizes give many
/// shards and packs.
pub(super) fn index() -> Vec<u8> {
    let words: Vec<String> = (0..400)
        .map(|i| format!("{}{}", ["ab", "ba", "kim", "peking", "zz"][i % 5], i))
        .collect();
    let texts: Vec<String> = (0..60)
        .map(|a| {
            (0..12)
                .map(|j| words[(a * 7 + j * 13) % words.len()].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let files: Vec<String> = (0..60).map(|a| format!("a{a:02}.txt")).collect();
    let names: Vec<String> = (0..40).map(|e| format!("entity {e:02}")).collect();
    let aliases: Vec<String> = (0..40).map(|e| format!("alias{e:02}")).collect();
    let mut w = IndexWriter::new(|s: &str| s.to_lowercase());
    for (name, alias) in names.iter().zip(&aliases) {
        w.add_entity(name, crate::EntityKind::Place, vec![alias]);
    }
    for (file, text) in files.iter().zip(&texts) {
        let id = w.add_article(ArticleRecord {
            file,
            title: file,
            title_derived: true,
            date: None,
            indexed_len: 12,
            text,
            blocks: vec![],
        });
        for (i, word) in text.split(' ').enumerate() {
            let occurrence = Occurrence {
                position: i as u32,
                field: Field::Body,
                derived: false,
            };
            w.add_term(id, word, occurrence);
        }
        // Metadata on two articles of three: one of three sources, authors, a URL.
        if !id.0.is_multiple_of(3) {
            w.add_metadata(
                id,
                crate::ArticleMeta {
                    source: Some(["Tagesschau", "Spiegel", "Zeit"][id.0 as usize % 3]),
                    authors: vec![["Anna", "Bernd"][id.0 as usize % 2]],
                    url: Some("https://example.org/a"),
                    language: Some("de"),
                },
            );
        }
        // Two entities an article (the first by name, the second by demonym), over its
        // first words; the last ten entities in no article.
        for (k, e) in [id.0 % 30, (id.0 * 7 + 3) % 30].into_iter().enumerate() {
            w.add_mention(
                id,
                crate::Mention {
                    start: 4 * k as u32,
                    end: 4 * k as u32 + 2,
                    entity: crate::EntityId(e),
                    kind: [crate::MentionKind::Name, crate::MentionKind::Demonym][k],
                },
            );
        }
    }
    w.finish()
}

pub(super) const TINY: ShardSizes = ShardSizes {
    shard: 256,
    pack: 128,
    rows: 64,
};

pub(super) fn file<'f>(files: &'f LazyFiles, name: &str) -> &'f [u8] {
    let found = files.files.iter().find(|(n, _, _)| n == name);
    found.map(|(_, _, b)| b.as_slice()).unwrap()
}

pub(super) fn open(files: &LazyFiles) -> LazyIndex {
    LazyIndex::open(&files.root, file(files, &files.root)).unwrap()
}

#[test]
fn every_term_is_found_in_two_rounds_with_the_postings_of_the_whole_index() {
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    assert!(lazy.shard_count() > 5, "tiny sizes make many shards");
    let mut rounds_seen = 0;
    for (term, _) in whole.terms().entries() {
        let term = String::from_utf8(term).unwrap();
        let mut rounds = 0;
        let list = loop {
            match lazy.lookup(&term).unwrap() {
                Lookup::Found(list) => break list.to_postings().unwrap(),
                Lookup::Absent => panic!("{term} is in the index"),
                Lookup::Need(names) => {
                    for name in names {
                        let bytes = file(&files, &name).to_vec();
                        lazy.supply(&name, bytes).unwrap();
                    }
                }
            }
            rounds += 1;
            assert!(rounds <= 2, "{term}: a shard, then a pack");
        };
        rounds_seen = rounds_seen.max(rounds);
        let expected = whole
            .postings(&term)
            .unwrap()
            .unwrap()
            .to_postings()
            .unwrap();
        assert_eq!(list, expected, "{term}");
    }
    assert_eq!(rounds_seen, 2);
    assert!(matches!(lazy.lookup("nirgends").unwrap(), Lookup::Absent));
    assert!(matches!(lazy.lookup("").unwrap(), Lookup::Absent));
}

#[test]
fn a_prefix_reads_only_the_shards_of_its_range_and_finds_what_the_whole_dictionary_has() {
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    for prefix in ["kim", "pek", "b", "zz39", "q", "\u{ff}"] {
        let range = prefix_range(prefix.as_bytes());
        let shards = lazy.shards_for(&range);
        assert!(shards.len() < lazy.shard_count(), "{prefix}: {shards:?}");
        let found = loop {
            match lazy.terms_in(&range).unwrap() {
                RangeLookup::Found(found) => break found,
                RangeLookup::Need(names) => {
                    for name in names {
                        lazy.supply(&name, file(&files, &name).to_vec()).unwrap();
                    }
                }
            }
        };
        let got: Vec<String> = found.into_iter().map(|(t, _)| t).collect();
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        let mut expected = Vec::new();
        whole.terms().walk(automaton, &[], None, |k, _| {
            expected.push(String::from_utf8(k.to_vec()).unwrap());
            true
        });
        assert_eq!(got, expected, "{prefix}");
    }
}

#[test]
fn the_same_index_gives_the_same_files_and_names() {
    let bytes = index();
    let a = split(&bytes, TINY).unwrap();
    let b = split(&bytes, TINY).unwrap();
    assert_eq!(a.root, b.root);
    assert_eq!(a.files, b.files);
    for (name, kind, bytes) in &a.files {
        assert_eq!(*name, FileRef::of(*kind, bytes).name());
    }
}

#[test]
fn a_section_not_supplied_is_missing_by_name_and_supplied_it_is_the_index_s() {
    let bytes = index();
    let files = split(&bytes, ShardSizes::default()).unwrap();
    let mut lazy = open(&files);
    let (tag, head) = *lazy.sections().iter().find(|(t, _)| t == b"HEAD").unwrap();
    assert_eq!(
        lazy.section(tag),
        Err(LazyError::Missing { name: head.name() })
    );
    lazy.supply(&head.name(), file(&files, &head.name()).to_vec())
        .unwrap();
    assert!(lazy.has(&head.name()));
    assert_eq!(lazy.section(tag).unwrap(), file(&files, &head.name()));
    assert!(!lazy
        .sections()
        .iter()
        .any(|(t, _)| t == b"TERM" || t == b"POST"));
}

#[test]
fn damaged_and_foreign_files_are_refused_by_name() {
    let bytes = index();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    let Lookup::Need(names) = lazy.lookup("kim2").unwrap() else {
        panic!("nothing is loaded yet");
    };
    let shard = names[0].clone();
    let mut damaged = file(&files, &shard).to_vec();
    damaged[20] ^= 1;
    let err = lazy.supply(&shard, damaged).unwrap_err();
    assert!(matches!(&err, LazyError::Damaged { name, .. } if *name == shard));
    assert!(err.to_string().contains(&shard));
    let truncated = file(&files, &shard)[..10].to_vec();
    assert!(matches!(
        lazy.supply(&shard, truncated),
        Err(LazyError::Damaged { .. })
    ));
    assert!(!lazy.has(&shard), "refused bytes are not kept");

    // A file of another build: its name is not listed here.
    let other = split(&index()[..], ShardSizes::default()).unwrap();
    let (foreign, _, foreign_bytes) = other
        .files
        .iter()
        .find(|(n, k, _)| *k == FileKind::Shard && !files.files.iter().any(|f| f.0 == *n))
        .unwrap();
    let err = lazy.supply(foreign, foreign_bytes.clone()).unwrap_err();
    assert_eq!(
        err,
        LazyError::Foreign {
            name: foreign.clone()
        }
    );
    // A pack before its shard is not listed yet either.
    let pack = files.files.iter().find(|f| f.1 == FileKind::Pack).unwrap();
    assert!(matches!(
        lazy.supply(&pack.0, pack.2.clone()),
        Err(LazyError::Foreign { .. })
    ));
}

#[test]
fn a_root_that_is_not_its_name_or_of_another_version_is_refused() {
    let bytes = index();
    let files = split(&bytes, TINY).unwrap();
    let root = file(&files, &files.root).to_vec();
    assert!(matches!(
        LazyIndex::open("r-0000000000000000.bin", &root),
        Err(LazyError::Damaged { .. })
    ));
    let mut other = root.clone();
    other[8] = 99;
    let name = FileRef::of(FileKind::Root, &other).name();
    assert_eq!(
        LazyIndex::open(&name, &other).err(),
        Some(LazyError::Version {
            name: name.clone(),
            expected: LAZY_VERSION,
            got: 99
        })
    );
    let mut text = b"AEXPLTXT".to_vec();
    text.extend_from_slice(&[0; 16]);
    let name = FileRef::of(FileKind::Root, &text).name();
    assert!(matches!(
        LazyIndex::open(&name, &text),
        Err(LazyError::Corrupt { .. })
    ));
}

#[test]
fn the_assembled_index_holds_every_section_and_every_term_of_the_loaded_shards() {
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    let missing = lazy.assemble().unwrap_err();
    assert!(matches!(missing, LazyError::Missing { .. }), "{missing}");
    for (_, f) in lazy.sections().to_vec() {
        lazy.supply(&f.name(), file(&files, &f.name()).to_vec())
            .unwrap();
    }
    let empty = lazy.assemble().unwrap();
    let partial = Index::open(&empty).unwrap();
    assert_eq!(partial.article_count(), whole.article_count());
    assert!(partial.terms().is_empty());
    // Load two terms, one after the other; the assembled index has exactly them.
    for term in ["kim2", "peking3"] {
        while let Lookup::Need(names) = lazy.lookup(term).unwrap() {
            for name in names {
                lazy.supply(&name, file(&files, &name).to_vec()).unwrap();
            }
        }
    }
    let assembled = lazy.assemble().unwrap();
    let partial = Index::open(&assembled).unwrap();
    for term in ["kim2", "peking3"] {
        assert_eq!(
            partial
                .postings(term)
                .unwrap()
                .unwrap()
                .to_postings()
                .unwrap(),
            whole
                .postings(term)
                .unwrap()
                .unwrap()
                .to_postings()
                .unwrap()
        );
    }
    // Every term of a loaded shard is there: with its postings when its pack is loaded,
    // with an empty list when not (the lookup says which, so a reader never takes that
    // list for an answer); a term of a shard not loaded is not there.
    let (mut listed, mut empty) = (0, 0);
    for (term, _) in partial.terms().entries() {
        let term = std::str::from_utf8(&term).unwrap();
        let got = partial
            .postings(term)
            .unwrap()
            .unwrap()
            .to_postings()
            .unwrap();
        match lazy.lookup(term).unwrap() {
            Lookup::Found(_) => {
                let want = whole.postings(term).unwrap().unwrap();
                assert_eq!(got, want.to_postings().unwrap(), "{term}");
                listed += 1;
            }
            Lookup::Need(_) => {
                assert!(got.is_empty(), "{term}");
                empty += 1;
            }
            Lookup::Absent => panic!("{term} is listed but absent"),
        }
    }
    assert!(
        listed >= 2 && empty > 0,
        "{listed} loaded, {empty} listed only"
    );
    assert!(partial.terms().len() < whole.terms().len());
    // With everything loaded, it answers like the whole index.
    for (name, kind, bytes) in &files.files {
        if *kind != FileKind::Root && !lazy.has(name) {
            let _ = lazy.supply(name, bytes.clone());
        }
    }
    for (name, kind, bytes) in &files.files {
        if *kind == FileKind::Pack && !lazy.has(name) {
            lazy.supply(name, bytes.clone()).unwrap();
        }
    }
    let full = lazy.assemble().unwrap();
    let full = Index::open(&full).unwrap();
    assert_eq!(full.terms().len(), whole.terms().len());
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_as_a_root_or_a_shard_are_an_error_never_a_panic(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        shard_head in proptest::prelude::any::<bool>(),
    ) {
        let name = FileRef::of(FileKind::Root, &bytes).name();
        let _ = LazyIndex::open(&name, &bytes);
        // A shard whose hash matched: magic and version right, the rest arbitrary.
        let mut shard = if shard_head { SHARD_MAGIC.to_vec() } else { Vec::new() };
        if shard_head {
            shard.extend_from_slice(&LAZY_VERSION.to_le_bytes());
        }
        shard.extend_from_slice(&bytes);
        let _ = super::root::parse_shard("d-test.bin", shard);
    }
}

#[test]
fn per_article_tables_come_in_row_chunks_that_assemble_to_the_whole_tables() {
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    let ready: Vec<String> = lazy.ready_sections().map(|(_, f)| f.name()).collect();
    // Every section is ready, a row table or lazy (this index keeps its texts: no TXTC).
    let lazy_here = lazy
        .sections()
        .iter()
        .filter(|(t, _)| LAZY_SECTIONS.contains(t))
        .count();
    assert_eq!(lazy_here, LAZY_SECTIONS.len() - 1);
    assert_eq!(
        ready.len() + ROW_TABLES.len() + lazy_here,
        lazy.sections().len()
    );
    for name in &ready {
        lazy.supply(name, file(&files, name).to_vec()).unwrap();
    }
    // Ready without HEAD and MENT: an index, whose rows read as empty until loaded.
    let partial_bytes = lazy.assemble().unwrap();
    let partial = Index::open(&partial_bytes).unwrap();
    assert_eq!(partial.article_count(), 60);
    assert_eq!(partial.head(crate::ArticleId(5)).unwrap().file, "");

    // Rows of most articles: the whole table is one file and fewer bytes than its chunks.
    let (_, head) = *lazy.sections().iter().find(|(t, _)| t == b"HEAD").unwrap();
    let every: Vec<(crate::container::Tag, u32)> = (0..60).map(|a| (*b"HEAD", a)).collect();
    assert_eq!(lazy.rows_files(&every), vec![head.name()]);

    // The row of one article: one chunk, named by the store, holding it and its neighbours.
    let need = lazy.rows_files(&[(*b"HEAD", 5)]);
    assert_eq!(need.len(), 1);
    assert!(need[0].starts_with("a-"), "{need:?}");
    let chunks = files.files.iter().filter(|f| f.1 == FileKind::Rows).count();
    assert!(chunks > 4, "tiny row chunks: {chunks}");
    let mut damaged = file(&files, &need[0]).to_vec();
    damaged[4] ^= 1;
    let err = lazy.supply(&need[0], damaged).unwrap_err();
    assert!(matches!(&err, LazyError::Damaged { name, .. } if *name == need[0]));
    lazy.supply(&need[0], file(&files, &need[0]).to_vec())
        .unwrap();
    let partial_bytes = lazy.assemble().unwrap();
    let partial = Index::open(&partial_bytes).unwrap();
    let five = crate::ArticleId(5);
    assert_eq!(partial.head(five).unwrap(), whole.head(five).unwrap());
    assert_eq!(partial.head(crate::ArticleId(59)).unwrap().file, "");
    assert_eq!(
        lazy.rows_files(&[(*b"HEAD", 5)]),
        need,
        "loaded: still its file"
    );

    // Every chunk: the tables are the whole index's, byte for byte.
    for (name, kind, bytes) in &files.files {
        if *kind == FileKind::Rows {
            lazy.supply(name, bytes.clone()).unwrap();
        }
    }
    let assembled = lazy.assemble().unwrap();
    let from_chunks = crate::container::open_with::<true>(&assembled).unwrap();
    let original = crate::container::open_with::<true>(&bytes).unwrap();
    for tag in ROW_TABLES {
        assert_eq!(from_chunks.get(tag).unwrap(), original.get(tag).unwrap());
    }

    // A table loaded whole needs no chunk: its rows are read from the section.
    lazy.supply(&head.name(), file(&files, &head.name()).to_vec())
        .unwrap();
    assert_eq!(lazy.rows_files(&[(*b"HEAD", 59)]), vec![head.name()]);
}

#[test]
fn entity_rows_and_the_alias_map_come_when_read_and_equal_the_whole_index_s() {
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    assert_eq!(lazy.row_count(*b"ENTS"), Some(40));
    assert_eq!(lazy.row_count(*b"AENT"), Some(60));
    let alia = lazy
        .sections()
        .iter()
        .find(|(t, _)| t == b"ALIA")
        .unwrap()
        .1;
    assert!(lazy.ready_sections().all(|(_, f)| *f != alia));
    for (_, f) in lazy.ready_sections().cloned().collect::<Vec<_>>() {
        lazy.supply(&f.name(), file(&files, &f.name()).to_vec())
            .unwrap();
    }
    // Ready: an index whose entity rows are empty and whose alias map is empty.
    let ready_bytes = lazy.assemble().unwrap();
    let ready = Index::open(&ready_bytes).unwrap();
    assert_eq!(ready.entity_count(), 40);
    let (seven, three) = (crate::EntityId(7), crate::ArticleId(3));
    let ((name, aliased, listed), read) = reads::recording(|| {
        (
            ready.entity_name(seven).unwrap().0.to_owned(),
            ready.entity_by_alias("alias07"),
            ready.article_entities(three).unwrap(),
        )
    });
    assert_eq!((name.as_str(), aliased, listed.len()), ("", None, 0));
    // The reads name one ENTS chunk, one AENT chunk, the alias map and its filter (loaded
    // with the sections; it may hold the key, so the key is looked up), nothing else.
    let need = lazy.files_read(&read);
    assert_eq!(need.len(), 4, "{need:?}");
    assert!(need.contains(&alia.name()));
    let filter = lazy
        .sections()
        .iter()
        .find(|(t, _)| *t == super::ALIAS_FILTER);
    let filter = filter.unwrap().1.name();
    assert!(need.contains(&filter) && lazy.has(&filter));
    assert!(need.iter().filter(|n| n.starts_with("a-")).count() == 2);
    // A damaged entity chunk is refused by name.
    let chunk = need.iter().find(|n| n.starts_with("a-")).unwrap();
    let mut damaged = file(&files, chunk).to_vec();
    *damaged.last_mut().unwrap() ^= 1;
    assert!(matches!(
        lazy.supply(chunk, damaged),
        Err(LazyError::Damaged { name, .. }) if name == *chunk
    ));
    for name in &need {
        lazy.supply(name, file(&files, name).to_vec()).unwrap();
    }
    let loaded_bytes = lazy.assemble().unwrap();
    let loaded = Index::open(&loaded_bytes).unwrap();
    // The name read its row of names (ENAM), not of ENTS: the whole record is one more
    // chunk, then the record is the whole index's.
    assert_eq!(loaded.entity_name(seven), whole.entity_name(seven));
    let (_, read) = reads::recording(|| loaded.entity(seven).map(drop));
    let need = lazy.files_read(&read);
    assert_eq!(need.len(), 1, "{need:?}");
    assert_eq!(lazy.rows_table_of(&need[0]), Some(*b"ENTS"));
    assert!(!lazy.has(&need[0]));
    lazy.supply(&need[0], file(&files, &need[0]).to_vec())
        .unwrap();
    // Its record loaded, the name needs no row of names.
    assert!(lazy.rows_files(&[(NAME_ROWS, seven.0)]).is_empty());
    let loaded_bytes = lazy.assemble().unwrap();
    let loaded = Index::open(&loaded_bytes).unwrap();
    assert_eq!(loaded.entity(seven).unwrap(), whole.entity(seven).unwrap());
    assert_eq!(loaded.entity_by_alias("alias07"), Some(seven));
    assert_eq!(
        loaded.article_entities(three).unwrap(),
        whole.article_entities(three).unwrap()
    );
    assert_eq!(whole.article_entities(three).unwrap().len(), 2);
    // An entity beyond the table needs no file: the engine says there is none.
    assert!(lazy.rows_files(&[(*b"ENTS", 40)]).is_empty());
    assert!(loaded.entity(crate::EntityId(40)).is_err());
}

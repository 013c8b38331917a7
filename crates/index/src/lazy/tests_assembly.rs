//! Tests of the assembled index over what is loaded: a pack coming after its shard, the
//! articles' metadata apart (lazy format 5). The fixture and helpers are `tests.rs`'s.

use super::tests::{file, index, open, TINY};
use super::*;
use crate::Index;

#[test]
fn a_pack_that_comes_after_its_shard_is_read_by_the_next_assembly() {
    // The assembled dictionary is the loaded shards as they are (TRMS): a pack coming
    // after its shard must give its terms their lists through the pack directory (PDIR),
    // and a term of a pack not loaded reads the empty list.
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    for (_, f) in lazy.sections().to_vec() {
        lazy.supply(&f.name(), file(&files, &f.name()).to_vec())
            .unwrap();
    }
    let want = whole
        .postings("peking3")
        .unwrap()
        .unwrap()
        .to_postings()
        .unwrap();
    assert!(!want.is_empty());
    let Lookup::Need(shard) = lazy.lookup("peking3").unwrap() else {
        panic!("nothing loaded yet")
    };
    for name in shard {
        lazy.supply(&name, file(&files, &name).to_vec()).unwrap();
    }
    let Lookup::Need(pack) = lazy.lookup("peking3").unwrap() else {
        panic!("the pack is not loaded yet")
    };
    let before = lazy.assemble().unwrap();
    let before = Index::open(&before).unwrap();
    let list = before.postings("peking3").unwrap().unwrap();
    assert!(list.to_postings().unwrap().is_empty());
    for name in pack {
        lazy.supply(&name, file(&files, &name).to_vec()).unwrap();
    }
    let after = lazy.assemble().unwrap();
    let after = Index::open(&after).unwrap();
    assert_eq!(before.terms().len(), after.terms().len());
    let got = after
        .postings("peking3")
        .unwrap()
        .unwrap()
        .to_postings()
        .unwrap();
    assert_eq!(got, want);
}

#[test]
fn an_article_s_metadata_comes_in_its_row_and_the_names_not_amet_whole() {
    let bytes = index();
    let whole = Index::open(&bytes).unwrap();
    let files = split(&bytes, TINY).unwrap();
    let mut lazy = open(&files);
    for (_, f) in lazy.ready_sections().cloned().collect::<Vec<_>>() {
        lazy.supply(&f.name(), file(&files, &f.name()).to_vec())
            .unwrap();
    }
    // Article 7's metadata: its row and the names; AMET whole is not among the files.
    let article = crate::ArticleId(7);
    let assembled = lazy.assemble().unwrap();
    let before = Index::open(&assembled).unwrap();
    let ((), reads) = crate::lazy::reads::recording(|| {
        let _ = before.article_meta(article);
    });
    let needed = lazy.files_read(&reads);
    let amet = lazy
        .sections()
        .iter()
        .find(|(t, _)| t == b"AMET")
        .unwrap()
        .1
        .name();
    assert!(!needed.contains(&amet), "{needed:?}");
    assert_eq!(needed.len(), 2, "{needed:?}");
    for name in &needed {
        lazy.supply(name, file(&files, name).to_vec()).unwrap();
    }
    let assembled = lazy.assemble().unwrap();
    let partial = Index::open(&assembled).unwrap();
    let want = whole.article_meta(article).unwrap();
    assert_eq!(want.source, Some("Spiegel"));
    assert_eq!(partial.article_meta(article).unwrap(), want);
    let ((), reads) = crate::lazy::reads::recording(|| {
        let _ = partial.article_meta(article);
    });
    assert!(lazy.files_read(&reads).iter().all(|name| lazy.has(name)));
    // With AMET whole, every article's metadata is the whole index's.
    lazy.supply(&amet, file(&files, &amet).to_vec()).unwrap();
    let assembled = lazy.assemble().unwrap();
    let full = Index::open(&assembled).unwrap();
    for a in whole.article_ids() {
        assert_eq!(
            full.article_meta(a).unwrap(),
            whole.article_meta(a).unwrap()
        );
    }
}

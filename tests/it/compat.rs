//! Format compatibility: an index written and committed at the current format version stays
//! readable. If the byte format changes without a bump of `FORMAT_VERSION`, this fails;
//! after a bump, write the new fixture with `UPDATE_INDEX_FIXTURE=1 cargo test --test it
//! compat` and commit it.

use article_explorer::{Explorer, SearchOptions};
use explorer_index::FORMAT_VERSION;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/index-v{FORMAT_VERSION}.bin"))
}

#[test]
fn the_committed_index_of_the_current_format_version_stays_readable() {
    if std::env::var_os("UPDATE_INDEX_FIXTURE").is_some() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/german");
        let build = explorer_ingest::build(&corpus).unwrap();
        std::fs::write(fixture(), build.index).unwrap();
    }
    let bytes = std::fs::read(fixture()).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; FORMAT_VERSION is {FORMAT_VERSION}: write the fixture with UPDATE_INDEX_FIXTURE=1",
            fixture().display()
        )
    });
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let ex = Explorer::open(bytes).expect("the committed index opens");
    let files: Vec<&str> = ex.articles().unwrap().iter().map(|a| a.file).collect();
    assert!(
        files.contains(&"hafen.txt") && files.contains(&"zuerich.txt"),
        "{files:?}"
    );
    let hits = ex.search("Hafen ", &SearchOptions::default()).unwrap().hits;
    assert_eq!(hits.first().map(|h| h.article.file), Some("hafen.txt"));
    let view = ex.article(hits[0].article.id, Some("Hafen")).unwrap();
    assert!(view.paragraphs.iter().any(|p| !p.highlights.is_empty()));
}

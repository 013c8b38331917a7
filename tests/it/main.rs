//! Integration tests, all in one binary: over the index embedded at build time (whatever
//! corpus it was built from), and over indexes built here from fixture folders.

mod collection;
mod compat;
mod embedded;
mod entities;
mod formats;
#[cfg(feature = "chunks")]
mod hosted;
mod lazy;
#[cfg(feature = "lazy")]
mod lazy_apart;
#[cfg(feature = "lazy")]
mod lazy_entities;
#[cfg(feature = "lazy")]
mod lazy_facets;
#[cfg(feature = "lazy")]
mod lazy_reads;
#[cfg(feature = "lazy")]
mod lazy_start;
mod metadata;
mod nasty;
mod positions;
mod reference;
mod relevance;
mod robustness;
mod views;

use article_explorer::Explorer;
use std::path::Path;

/// Build an index over `dir` with the build-time pipeline, leaked so an `Explorer` can
/// borrow it for the rest of the test run.
pub fn explorer_over(dir: &str) -> Explorer<'static> {
    Explorer::open(index_over(dir)).expect("a fresh index opens")
}

/// The index bytes over `dir`, leaked (see [`explorer_over`]).
pub fn index_over(dir: &str) -> &'static [u8] {
    index_over_with(dir, explorer_ingest::Options::default())
}

/// The index bytes over `dir` for hosting (every position stored: its texts may leave it),
/// leaked.
pub fn hosted_index_over(dir: &str) -> &'static [u8] {
    let options = explorer_ingest::Options {
        texts_apart: true,
        ..Default::default()
    };
    index_over_with(dir, options)
}

/// The index bytes over `dir` with the stop words' positions left to the texts
/// (`Options::stop_words_in_text`), leaked.
pub fn compact_index_over(dir: &str) -> &'static [u8] {
    let options = explorer_ingest::Options {
        stop_words_in_text: true,
        ..Default::default()
    };
    index_over_with(dir, options)
}

fn index_over_with(dir: &str, options: explorer_ingest::Options) -> &'static [u8] {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let build = explorer_ingest::build_with(&path, options).unwrap_or_else(|errors| {
        panic!(
            "{dir}: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    Box::leak(build.index.into_boxed_slice())
}

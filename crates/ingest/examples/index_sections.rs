//! What each part of an index costs: `cargo run --release -p explorer-ingest --example
//! index_sections -- FOLDER|index.bin`.
//!
//! Prints the sections, then the postings (POST) by column (ids, occurrence heads, mixed
//! kinds, positions) for three kinds of term: words (a token's own term), variants (terms only
//! ever derived from tokens: compound parts, genitive bases, hyphen-wholes) and exact-spelling
//! keys (`=...`, no positions). The bench prints the same table (`cargo xtask bench`).

use std::path::PathBuf;

use explorer_index::Index;

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let path = PathBuf::from(&arg);
    let bytes = if path.is_dir() {
        match explorer_ingest::build(&path) {
            Ok(b) => b.index,
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("{e}"));
                std::process::exit(1);
            }
        }
    } else {
        std::fs::read(&path).unwrap_or_else(|e| {
            eprintln!("{arg}: {e}");
            std::process::exit(1)
        })
    };
    let index = match Index::open(&bytes) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("{arg}: {e:?}");
            std::process::exit(1);
        }
    };
    print!(
        "{}",
        index.size_report(bytes.len(), explorer_text::is_exact_key)
    );
}

//! Build script: index the corpus folder and leave the bytes in OUT_DIR for `include_bytes!`.
//!
//! Thin on purpose: `explorer_ingest::build` does the work. The folder is `seeds/` unless
//! `ARTICLES_DIR` names another; `ARTICLES_STRICT=1` turns every warning into a failure.
//! Writes only to OUT_DIR: `index.bin` and `build-summary.txt`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed=ARTICLES_DIR");
    println!("cargo:rerun-if-env-changed=ARTICLES_STRICT");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("ARTICLES_DIR") {
        Some(d) if !d.is_empty() => manifest_dir.join(d),
        _ => manifest_dir.join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
    }
    let strict = std::env::var("ARTICLES_STRICT").is_ok_and(|v| v == "1" || v == "true");

    let options = explorer_ingest::Options { strict };
    let build = match explorer_ingest::build_with(&dir, options) {
        Ok(build) => build,
        Err(errors) => {
            let why = if strict {
                " (ARTICLES_STRICT is set: warnings are errors)"
            } else {
                ""
            };
            eprintln!("error: the article index could not be built{why}:");
            for e in &errors {
                eprintln!("{e}");
            }
            return ExitCode::FAILURE;
        }
    };
    for w in &build.warnings {
        println!("cargo:warning={w}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let written = std::fs::write(out.join("index.bin"), &build.index)
        .and_then(|()| std::fs::write(out.join("build-summary.txt"), &build.summary));
    if let Err(e) = written {
        eprintln!("error: {}: cannot write the index: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

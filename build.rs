//! Build script: index the corpus folder and leave the bytes in OUT_DIR for `include_bytes!`.
//!
//! Thin on purpose: `explorer_ingest::build` does the work. The folder is `seeds/` unless
//! `ARTICLES_DIR` names another; `ARTICLES_STRICT=1` turns every warning into a failure.
//! With the `hosted` feature the index keeps no article text: `explorer_index::chunks` splits
//! the texts into gzip chunks of about `ARTICLES_TEXT_CHUNK` bytes of text each (default
//! 16 KiB; with `hosted-lazy`, whose budget is the bytes per query, one article a chunk,
//! named by the lazy index). With `hosted-lazy` the rest of the index goes to the lazy index's files in
//! `index/` too (`explorer_index::lazy`, docs/HOSTED.md) and nothing is embedded. Writes only
//! to OUT_DIR: `index.bin`, `build-summary.txt`, (hosted) `text/` and (lazy) `index/`; and,
//! when `ARTICLES_PROGRESS` names a file, its progress there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed=ARTICLES_DIR");
    println!("cargo:rerun-if-env-changed=ARTICLES_STRICT");
    println!("cargo:rerun-if-env-changed=ARTICLES_TEXT_CHUNK");
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
    let hosted = std::env::var_os("CARGO_FEATURE_HOSTED").is_some();
    let lazy = std::env::var_os("CARGO_FEATURE_HOSTED_LAZY").is_some();
    println!("cargo:rerun-if-env-changed=ARTICLES_LAZY_FILE");
    let defaults = explorer_index::lazy::ShardSizes::default();
    let lazy_sizes = match std::env::var("ARTICLES_LAZY_FILE") {
        Err(_) => defaults,
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if n > 0 => explorer_index::lazy::ShardSizes {
                shard: n,
                pack: n,
                rows: n,
            },
            _ => {
                eprintln!("error: ARTICLES_LAZY_FILE={v:?}: expected a number of bytes > 0");
                return ExitCode::FAILURE;
            }
        },
    };
    let chunk_text = match std::env::var("ARTICLES_TEXT_CHUNK") {
        // A lazy build's texts are one article a chunk (lazy format 9 names them so).
        Ok(v) if lazy => {
            eprintln!("error: ARTICLES_TEXT_CHUNK={v:?}: a lazy build holds one article a text chunk; unset it");
            return ExitCode::FAILURE;
        }
        Err(_) if lazy => explorer_index::chunks::LAZY_CHUNK_TEXT,
        Err(_) => explorer_index::chunks::DEFAULT_CHUNK_TEXT,
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("error: ARTICLES_TEXT_CHUNK={v:?}: expected a number of bytes > 0");
                return ExitCode::FAILURE;
            }
        },
    };

    report_progress();
    let options = explorer_ingest::Options {
        strict,
        texts_apart: hosted,
        ..Default::default()
    };
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
    let mut index = build.index;
    let mut summary = build.summary;
    let text_dir = out.join("text");
    let index_dir = out.join("index");
    for dir in [&text_dir, &index_dir] {
        if dir.exists() {
            if let Err(e) = std::fs::remove_dir_all(dir) {
                eprintln!("error: {}: cannot clear it: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let mut texts = Vec::new();
    if hosted {
        match split_chunks(&index, chunk_text) {
            Ok((hosted, report)) => {
                index = hosted.index;
                texts = hosted.chunks;
                summary.push_str(&report);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if lazy {
        match write_lazy(&index, lazy_sizes, &index_dir, &mut texts) {
            Ok(report) => {
                // The page fetches the index in files: the module embeds none of it.
                index = Vec::new();
                summary.push_str(&report);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = write_texts(&texts, &text_dir) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let written = std::fs::write(out.join("index.bin"), &index)
        .and_then(|()| std::fs::write(out.join("build-summary.txt"), &summary));
    if let Err(e) = written {
        eprintln!("error: {}: cannot write the index: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `ARTICLES_PROGRESS=FILE` (set by `cargo xtask dist`, which shows the lines as they come):
/// the index build's progress, a line at a time with the seconds since it started. cargo
/// shows a build script's output only when it fails, hence a file. Not a `rerun-if` input.
fn report_progress() {
    let Some(path) = std::env::var_os("ARTICLES_PROGRESS").filter(|p| !p.is_empty()) else {
        return;
    };
    let Ok(file) = std::fs::File::create(&path) else {
        return;
    };
    let start = std::time::Instant::now();
    let file = std::sync::Mutex::new(file);
    explorer_ingest::indexer::report_progress_to(move |line| {
        use std::io::Write;
        if let Ok(mut f) = file.lock() {
            let _ = writeln!(f, "{:5.1} s  {line}", start.elapsed().as_secs_f64());
        }
    });
}

/// Hosted mode: the texts in chunks (the index without them, and the chunk files) and a
/// paragraph for the build summary.
fn split_chunks(
    index: &[u8],
    target: usize,
) -> Result<(explorer_index::chunks::HostedIndex, String), String> {
    let hosted = explorer_index::chunks::split_text(index, target)
        .map_err(|e| format!("splitting the texts into chunks: {e}"))?;
    let mut sizes: Vec<usize> = hosted.chunks.iter().map(|c| c.gzip.len()).collect();
    sizes.sort_unstable();
    let total: usize = sizes.iter().sum();
    let text: usize = hosted.chunks.iter().map(|c| c.len).sum();
    let kib = |n: usize| format!("{:.1} KiB", n as f64 / 1024.0);
    let report = match (sizes.first(), sizes.last()) {
        (Some(min), Some(max)) => format!(
            "hosted: texts in {} chunks ({}): {} of text, {} gzip; a chunk is {} to {} gzip (median {})\n",
            sizes.len(),
            // A lazy build's target is one byte: every article a chunk of its own.
            match target {
                0 | 1 => "one article each".to_string(),
                _ => format!("target {} of text each", kib(target)),
            },
            kib(text),
            kib(total),
            kib(*min),
            kib(*max),
            kib(sizes[sizes.len() / 2]),
        ),
        _ => "hosted: no articles, no text chunks\n".to_string(),
    };
    Ok((hosted, report))
}

/// Hosted mode: the text chunk files written to `dir` (none: nothing written).
fn write_texts(chunks: &[explorer_index::chunks::ChunkFile], dir: &Path) -> Result<(), String> {
    if chunks.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for chunk in chunks {
        let path = dir.join(&chunk.name);
        std::fs::write(&path, &chunk.gzip).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Lazy hosted mode: the index's files (`explorer_index::lazy::split`, shards and packs closed
/// at `ARTICLES_LAZY_FILE` bytes, default 4 KiB for shards, 2 KiB for packs) written to `dir`, and
/// `ROOT` naming the root file (what the page reads first); returns a line for the summary.
fn write_lazy(
    index: &[u8],
    sizes: explorer_index::lazy::ShardSizes,
    dir: &Path,
    texts: &mut [explorer_index::chunks::ChunkFile],
) -> Result<String, String> {
    let files = explorer_index::lazy::split(index, sizes)
        .map_err(|e| format!("splitting the index into lazy files: {e}"))?;
    // Each text file carries its article's head and entry (lazy format 10), and is named
    // as the lazy index names it: by the HEAD chunk that holds the same.
    explorer_index::lazy::carry_heads(index, texts)
        .map_err(|e| format!("writing the heads into the text files: {e}"))?;
    for (chunk, name) in texts.iter_mut().zip(&files.texts) {
        chunk.name.clone_from(name);
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, _, bytes) in &files.files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let path = dir.join("ROOT");
    std::fs::write(&path, &files.root).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes: usize = files.files.iter().map(|f| f.2.len()).sum();
    Ok(format!(
        "lazy: the index in {} files ({:.1} KiB), root {}\n",
        files.files.len(),
        bytes as f64 / 1024.0,
        files.root
    ))
}

//! `cargo xtask bench [--corpus DIR] [--queries FILE] [--json FILE]`: what a corpus costs.
//!
//! For one corpus folder (default `seeds/`), measured and printed, never asserted:
//!
//! 1. [`pipeline`]: the release wasm build over the corpus in `target/xtask-bench/` (time and
//!    peak memory of the cargo build after the corpus changed, of the build script alone, of
//!    wasm-bindgen and wasm-opt);
//! 2. sizes, raw / gzip / brotli ([`payload`]): the module without its index (`devkit::wasm_data`
//!    cuts the index out of the data section), the index, the JS, the whole page payload, and
//!    the article text itself (the yardstick of the payload budget);
//! 3. [`browser`]: headless Chromium, `bench/browser.mjs`: time from navigation until the
//!    first query is answered, query latency over `bench/queries.txt`, JS heap, wasm memory;
//! 4. [`native`]: the same queries natively (optimised build), with the ranking timed apart
//!    from the rest of a search, and the index build in-process.
//!
//! `--hosted` measures hosted mode instead (work folder `<corpus>-hosted`): the payload without
//! the text chunks (listed apart), and in Chromium also the query latency with the fetches of
//! the first page's texts and the bytes fetched while querying; the native half is the same as
//! the default build's and is skipped. Then the lazy index of issue 18 ([`hosted`], not yet in
//! the page): its files, bytes to ready, per query rounds, requests and bytes, the build's time
//! and peak memory.
//!
//! A markdown table goes to the terminal, everything to `--json FILE`. `--reuse-build` takes
//! steps 1 and 2 from the last run over the same corpus (minutes for 50k articles) and
//! measures 3 and 4 again. A failing browser or
//! native step is reported in the table (how it failed) and makes the command fail at the end.

mod browser;
mod budgets;
mod code_size;
pub mod hosted;
mod lazy_page;
mod measure;
pub mod native;
mod payload;
mod pipeline;
mod queries;
mod report;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::setup::{self, Needs};
use crate::util::{self, bail, Context, Ctx, Result};
use devkit::wasm_data;
use measure::Measured;
use payload::Sizes;

pub struct Options {
    pub corpus: Option<PathBuf>,
    pub queries: Option<PathBuf>,
    pub json: Option<PathBuf>,
    /// Take the build and size figures (and the built page) from the last run over the same
    /// corpus; measure only the browser and native parts again.
    pub reuse_build: bool,
    /// Hosted mode: the texts in chunk files, fetched per query (measured too).
    pub hosted: bool,
}

pub fn run(ctx: &Ctx, options: Options) -> Result<()> {
    let cwd = std::env::current_dir().context(|| "reading the current directory".to_string())?;
    let corpus = options
        .corpus
        .map(|c| cwd.join(c))
        .unwrap_or_else(|| ctx.path("seeds"));
    let corpus = corpus
        .canonicalize()
        .context(|| format!("corpus folder {}", corpus.display()))?;
    if !corpus.is_dir() {
        bail!("{}: not a folder", corpus.display());
    }
    let queries_path = options
        .queries
        .map(|q| cwd.join(q))
        .unwrap_or_else(|| ctx.path("bench/queries.txt"));
    let queries = queries::read(&queries_path)?;
    let mut label = corpus
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    if options.hosted {
        label.push_str("-hosted");
    }
    let work = ctx.path(pipeline::BENCH_DIR).join(&label);
    std::fs::create_dir_all(&work).context(|| format!("creating {}", work.display()))?;
    let queries_json = work.join("queries.json");
    std::fs::write(&queries_json, queries::to_json(&queries).to_string())
        .context(|| format!("writing {}", queries_json.display()))?;
    println!(
        "bench: corpus {} ({} queries from {}), work folder {}",
        util::relative(&ctx.root, &corpus),
        queries.len(),
        util::relative(&ctx.root, &queries_path),
        util::relative(&ctx.root, &work)
    );
    setup::run(ctx, Needs::all())?;

    let mut failures = Vec::new();
    let text = util::step("article text", || article_text(&corpus, &work))?;
    // The build's figures are kept in the work folder, for --reuse-build.
    let saved = work.join("build-and-sizes.json");
    let reused = if options.reuse_build {
        let text = std::fs::read_to_string(&saved).ok();
        let value = text.and_then(|t| serde_json::from_str::<Value>(&t).ok());
        match value {
            Some(v) if work.join("dist/bench.html").is_file() => {
                println!(
                    "--reuse-build: the build and its sizes are from the last run ({})",
                    saved.display()
                );
                Some(v)
            }
            _ => bail!(
                "--reuse-build: no earlier build of this corpus in {}",
                work.display()
            ),
        }
    } else {
        None
    };
    let built = match reused {
        Some(v) => Ok((v["build"].clone(), v["sizes"].clone(), work.join("dist"))),
        None => util::step("build over the corpus (release wasm)", || {
            pipeline::build(ctx, &corpus, &work, options.hosted)
        })
        .and_then(|built| {
            let sizes = util::step("sizes (raw, gzip, brotli)", || sizes(&built, &work))?;
            let build = build_json(&built);
            let both = json!({ "build": build, "sizes": sizes });
            std::fs::write(&saved, both.to_string())
                .context(|| format!("writing {}", saved.display()))?;
            Ok((build, sizes, built.dist_dir))
        }),
    };
    let (build, sizes, browser) = match built {
        Ok((build, sizes, dist)) => {
            let browser = util::step("browser: headless Chromium", || {
                browser::run(
                    ctx,
                    &dist,
                    &queries_json,
                    &work.join("browser.json"),
                    options.hosted,
                )
            })
            .unwrap_or_else(|err| json!({ "error": err.to_string() }));
            if let Some(err) = browser["error"].as_str() {
                failures.push(format!("browser: {err}"));
            }
            (build, sizes, browser)
        }
        Err(err) => {
            failures.push(format!("build: {err}"));
            let error = json!({ "error": err.to_string() });
            (error.clone(), error.clone(), error)
        }
    };
    let mut lazy = Value::Null;
    let native = if options.hosted {
        println!(
            "\nnative: skipped with --hosted (the same index and searches as the default build)"
        );
        // Hosted mode's lazy index (issue 18), not yet in the page: its own report.
        if let Err(err) = util::step("lazy index: files, bytes to ready, per query", || {
            hosted::run(&corpus, &queries_path)
        }) {
            failures.push(format!("lazy index: {err}"));
        }
        // The same lazy index in the page (`dist --hosted --lazy`), in Chromium.
        match util::step("lazy page: Chromium, ready and per query", || {
            lazy_page::run(ctx, &corpus, &work, &queries_path)
        }) {
            Ok(figures) => lazy = figures,
            Err(err) => failures.push(format!("lazy page: {err}")),
        }
        json!({ "skipped": "hosted mode: the native figures are those of the default build" })
    } else {
        util::step("native: optimised build, same queries", || {
            native::run(ctx, &corpus, &queries_json, &work.join("native.json"))
        })
        .unwrap_or_else(|err| {
            failures.push(format!("native: {err}"));
            json!({ "error": err.to_string() })
        })
    };

    let report = json!({
        "hosted": options.hosted,
        "corpus": {
            "path": util::relative(&ctx.root, &corpus),
            "files": text.files,
            "text": sizes_json(text.sizes),
        },
        "build": build,
        "sizes": sizes,
        "browser": browser,
        "native": native,
        "lazy_page": lazy,
        "machine": machine(),
    });
    println!("\n{}", report::markdown(&report));
    if let Some(path) = options.json {
        let path = cwd.join(path);
        let text = serde_json::to_string_pretty(&report).unwrap_or_default();
        std::fs::write(&path, text + "\n").context(|| format!("writing {}", path.display()))?;
        println!("JSON: {}", path.display());
    }
    if !failures.is_empty() {
        bail!("some measurements failed:\n  {}", failures.join("\n  "));
    }
    Ok(())
}

struct Text {
    files: usize,
    sizes: Sizes,
}

/// The article files' text, concatenated in name order: the yardstick of the payload budget.
fn article_text(corpus: &Path, work: &Path) -> Result<Text> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(corpus).context(|| format!("listing {}", corpus.display()))? {
        let path = entry
            .context(|| format!("listing {}", corpus.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    let mut all = Vec::new();
    for f in &files {
        all.extend(std::fs::read(f).context(|| format!("reading {}", f.display()))?);
    }
    let joined = work.join("article-text.txt");
    std::fs::write(&joined, &all).context(|| format!("writing {}", joined.display()))?;
    let sizes = payload::measure(std::slice::from_ref(&joined))?
        .pop()
        .unwrap_or_default();
    let _ = std::fs::remove_file(&joined);
    println!(
        "{} article files, {} of text ({} gzip)",
        files.len(),
        crate::sizes::format_size(sizes.raw),
        crate::sizes::format_size(sizes.gzip)
    );
    Ok(Text {
        files: files.len(),
        sizes,
    })
}

/// Sizes of the module, its code without the index, the index, the JS and the page payload.
fn sizes(built: &pipeline::Built, work: &Path) -> Result<Value> {
    let mut files = Vec::new();
    crate::sizes::list_files(&built.dist_dir, &mut files)?;
    files.sort();
    // What a browser fetches for the page: not the TypeScript declarations, not bench.html,
    // not (hosted mode) the text chunks, which are fetched while querying.
    let text_dir = built.dist_dir.join(crate::dist::TEXT_DIR);
    let mut chunks: Vec<u64> = files
        .iter()
        .filter(|f| f.starts_with(&text_dir))
        .filter_map(|f| std::fs::metadata(f).ok().map(|m| m.len()))
        .collect();
    chunks.sort_unstable();
    // The single file is a page of its own (measured apart); the service worker is not
    // fetched before the first answer.
    let single = built.dist_dir.join(devkit::single_file::FILE);
    files.retain(|f| {
        let name = f.to_string_lossy();
        !name.ends_with(".d.ts")
            && !name.ends_with("bench.html")
            && !f.starts_with(&text_dir)
            && *f != single
    });
    let wasm =
        std::fs::read(&built.wasm).context(|| format!("reading {}", built.wasm.display()))?;
    let index =
        std::fs::read(&built.index).context(|| format!("reading {}", built.index.display()))?;
    let code_only = wasm_data::without_index(&wasm, &index);
    let by_crate = std::fs::read(&built.cargo_wasm)
        .ok()
        .and_then(|w| code_size::by_crate(&w));
    let code_path = work.join("module-without-index.wasm");
    let section_path = work.join("code-section.bin");
    std::fs::write(
        &section_path,
        wasm_data::code_section(&wasm).unwrap_or_default(),
    )
    .context(|| format!("writing {}", section_path.display()))?;
    let mut extra = vec![built.index.clone(), section_path.clone()];
    // The single file (embedded mode) is measured at the end of the list.
    let single_file = single.is_file().then(|| single.clone());
    // The index's sections, each on its own (compressed separately: an approximation).
    let mut section_tags = Vec::new();
    for (tag, bytes) in wasm_data::index_sections(&index).unwrap_or_default() {
        let path = work.join(format!("index-section-{tag}.bin"));
        std::fs::write(&path, bytes).context(|| format!("writing {}", path.display()))?;
        section_tags.push((tag, path));
    }
    match &code_only {
        Some(bytes) => {
            std::fs::write(&code_path, bytes)
                .context(|| format!("writing {}", code_path.display()))?;
            extra.push(code_path.clone());
        }
        None => println!("warning: the index was not found whole in the module: no code-only size"),
    }
    let single_at = extra.len();
    extra.extend(single_file.clone());
    drop((wasm, index, code_only));
    let all: Vec<PathBuf> = files
        .iter()
        .chain(&extra)
        .chain(section_tags.iter().map(|(_, p)| p))
        .cloned()
        .collect();
    let measured = payload::measure(&all)?;
    let (page, extra_sizes) = measured.split_at(files.len());
    let mut js = Sizes::default();
    let mut payload_total = Sizes::default();
    // What bench.html itself fetches before its first answer: the module, the API, the glue.
    let mut to_ready = Sizes::default();
    let mut wasm_sizes = Sizes::default();
    let mut rows = Vec::new();
    for (file, s) in files.iter().zip(page) {
        let rel = file
            .strip_prefix(&built.dist_dir)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        if rel.ends_with(".js") {
            js = js.add(*s);
        }
        if rel.ends_with(".wasm") {
            wasm_sizes = *s;
        }
        payload_total = payload_total.add(*s);
        if ["explorer.js", "pkg/article_explorer.js"].contains(&rel.as_str())
            || rel.ends_with(".wasm")
        {
            to_ready = to_ready.add(*s);
        }
        rows.push(json!({ "path": rel, "size": sizes_json(*s) }));
    }
    let (extra_sizes, section_sizes) = extra_sizes.split_at(extra.len());
    let index_sizes = extra_sizes[0];
    let section = extra_sizes[1];
    let code = (single_at > 2).then(|| extra_sizes[2]);
    let single_sizes = single_file.as_ref().map(|_| extra_sizes[single_at]);
    let mut index_parts = Vec::new();
    for ((tag, path), s) in section_tags.iter().zip(section_sizes) {
        index_parts.push(json!({ "tag": tag, "size": sizes_json(*s) }));
        let _ = std::fs::remove_file(path);
    }
    let _ = std::fs::remove_file(&code_path);
    let _ = std::fs::remove_file(&section_path);
    Ok(json!({
        "wasm": sizes_json(wasm_sizes),
        "wasmWithoutIndex": code.map(sizes_json),
        "codeSection": sizes_json(section),
        "codeByCrate": by_crate,
        "index": sizes_json(index_sizes),
        "indexSections": index_parts,
        "js": sizes_json(js),
        "payload": sizes_json(payload_total),
        "toReady": sizes_json(to_ready),
        "singleFile": single_sizes.map(sizes_json),
        "textChunks": (!chunks.is_empty()).then(|| json!({
            "count": chunks.len(),
            "gzip": chunks.iter().sum::<u64>(),
            "median": chunks[chunks.len() / 2],
            "max": chunks[chunks.len() - 1],
        })),
        "files": rows,
        "brotliNote": format!(
            "brotli quality 11 for files up to {}, quality 9 above (11 manages ~0.3 MB/s)",
            crate::sizes::format_size(payload::BROTLI_11_MAX)
        ),
    }))
}

fn build_json(built: &pipeline::Built) -> Value {
    let step_ms = |prefix: &str| {
        built
            .steps
            .iter()
            .find(|(name, _)| name.starts_with(prefix))
            .map(|(_, took)| took.as_secs_f64() * 1e3)
    };
    json!({
        "dist": measured_json(Some(&built.dist)),
        "steps": built.steps.iter().map(|(name, took)| json!({
            "step": name,
            "ms": took.as_secs_f64() * 1e3,
        })).collect::<Vec<_>>(),
        "cargoBuild": step_ms("cargo build").map(|ms| json!({ "ms": ms, "ok": true })),
        "indexBuild": measured_json(built.index_build.as_ref()),
        "wasmBindgen": step_ms("wasm-bindgen").map(|ms| json!({ "ms": ms, "ok": true })),
        "wasmOpt": step_ms("wasm-opt").map(|ms| json!({ "ms": ms, "ok": true })),
        "notes": built.notes,
        "summary": built.build_summary,
    })
}

fn measured_json(m: Option<&Measured>) -> Value {
    match m {
        None => Value::Null,
        Some(m) => json!({
            "ms": m.wall.as_secs_f64() * 1e3,
            "peakRss": m.peak_rss,
            "ok": m.success,
            "status": m.status,
        }),
    }
}

fn sizes_json(s: Sizes) -> Value {
    json!({ "raw": s.raw, "gzip": s.gzip, "brotli": s.brotli, "brotliQuality": s.brotli_quality })
}

fn machine() -> Value {
    let version = |cmd: &str, arg: &str| {
        util::probe(std::process::Command::new(cmd).arg(arg))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    json!({
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "rustc": version("rustc", "-V"),
        "node": version("node", "--version"),
        "chromium": version(crate::setup::CHROMIUM, "--version"),
    })
}

/// Nearest-rank percentile (the same definition as bench/browser.mjs); 0 for no samples.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 50.0), 2.0);
        assert_eq!(percentile(&[], 95.0), 0.0);
    }
}

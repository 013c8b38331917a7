//! The dist pipeline of `cargo xtask dist`, run for the benchmark over a chosen corpus with each
//! step measured, into `target/xtask-bench/` so that `dist/` and the shared `target/` are left
//! alone (others keep working there while a benchmark runs).
//!
//! Steps, each timed with its peak memory:
//! 1. `cargo build --release --target wasm32-unknown-unknown -p article-explorer --lib` with
//!    `ARTICLES_DIR` and `CARGO_TARGET_DIR=target/xtask-bench/target`, after touching the corpus
//!    folder so that the build script runs again: build script + compiling and linking the
//!    crate with the index embedded;
//! 2. the build script alone, run again by hand with the environment cargo gives it (the index
//!    build: read the folder, parse, analyse, write `index.bin`);
//! 3. `wasm-bindgen --target web`, 4. `wasm-opt -Oz`, 5. `www/` and `bench/page.html` copied.
//!
//! Hosted mode (`bench --hosted`) adds the crate's `hosted` feature, and copies the text chunks
//! the build script wrote into the served folder's `text/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use serde_json::Value;

use super::measure::{self, Measured};
use crate::dist;
use crate::setup::{WASM_OPT, WASM_TARGET};
use crate::util::{self, bail, Context, Ctx, Error, Result};
use crate::wasm_features;

/// Where the benchmark builds: `target/xtask-bench/`.
pub const BENCH_DIR: &str = "target/xtask-bench";

/// What the pipeline did and left.
pub struct Built {
    pub cargo: Measured,
    /// The build script alone (the index build), when it could be run by hand.
    pub index_build: Option<Measured>,
    pub bindgen: Option<Measured>,
    pub wasm_opt: Option<Measured>,
    /// Why a step after the cargo build failed or was skipped, in words.
    pub notes: Vec<String>,
    /// `index.bin` as embedded.
    pub index: PathBuf,
    pub build_summary: String,
    /// The served folder: www/, pkg/ and bench.html.
    pub dist: PathBuf,
    /// The optimised (or, if wasm-opt failed, the bound) `.wasm` in `dist/pkg/`.
    pub wasm: PathBuf,
}

pub fn build(ctx: &Ctx, corpus: &Path, work: &Path, hosted: bool) -> Result<Built> {
    touch(corpus)?;
    let target_dir = ctx.path(BENCH_DIR).join("target");
    let mut cmd = ctx.cargo();
    cmd.args(["build", "--lib", "--release", "--target", WASM_TARGET]);
    if hosted {
        cmd.args(["--features", "hosted"]);
    }
    cmd.args([
        "-p",
        dist::PACKAGE,
        "--message-format=json-render-diagnostics",
    ])
    .env("ARTICLES_DIR", corpus)
    .env("CARGO_TARGET_DIR", &target_dir);
    let mut messages = Vec::new();
    let cargo = measure::run(&mut cmd, |line| {
        if let Ok(message) = serde_json::from_str::<Value>(line) {
            messages.push(message);
        }
    })?;
    print_measured("cargo build", &cargo);
    if !cargo.success {
        bail!(
            "the wasm build over {} failed ({}; cargo's errors are above)",
            corpus.display(),
            cargo.status
        );
    }
    let manifest = ctx.path("Cargo.toml");
    let out = dist::read_messages(&messages, &manifest);
    let (Some(wasm), Some(out_dir)) = (out.wasm, out.out_dir) else {
        bail!(
            "cargo reported no .wasm or no build script output for {}",
            dist::PACKAGE
        );
    };
    let index = out_dir.join("index.bin");
    let build_summary =
        std::fs::read_to_string(out_dir.join("build-summary.txt")).unwrap_or_default();
    let mut notes = Vec::new();

    let index_build = match build_script(&messages, &manifest) {
        Some(script) => {
            let scratch = work.join("build-script-out");
            reset_dir(&scratch)?;
            let mut cmd = Command::new(&script);
            cmd.current_dir(&ctx.root)
                .env("OUT_DIR", &scratch)
                .env("CARGO_MANIFEST_DIR", &ctx.root)
                .env("ARTICLES_DIR", corpus)
                .env("TARGET", WASM_TARGET)
                .env("PROFILE", "release")
                .env("OPT_LEVEL", "3")
                .env("DEBUG", "false")
                .env("CARGO_PKG_NAME", dist::PACKAGE);
            if hosted {
                cmd.env("CARGO_FEATURE_HOSTED", "1");
            }
            let measured = measure::run(&mut cmd, |_| {})?;
            print_measured("build script alone (index build)", &measured);
            let same = std::fs::read(scratch.join("index.bin")).ok() == std::fs::read(&index).ok();
            if !measured.success {
                notes.push(format!(
                    "the build script run by hand failed ({})",
                    measured.status
                ));
            } else if !same {
                notes.push(
                    "the build script run by hand wrote a different index.bin than cargo's run"
                        .into(),
                );
            }
            Some(measured)
        }
        None => {
            notes.push(
                "cargo named no build script binary: the index build was not timed alone".into(),
            );
            None
        }
    };

    let dist_dir = work.join("dist");
    reset_dir(&dist_dir)?;
    let pkg = dist_dir.join("pkg");
    let tool = util::find_tool("wasm-bindgen")
        .ok_or_else(|| Error::new("wasm-bindgen not found: run `cargo xtask setup`"))?;
    let mut cmd = Command::new(tool);
    cmd.args(["--target", "web", "--out-dir"])
        .arg(&pkg)
        .args(["--out-name", dist::OUT_NAME])
        .arg(&wasm);
    let bindgen = measure::run(&mut cmd, |line| println!("{line}"))?;
    print_measured("wasm-bindgen", &bindgen);
    if !bindgen.success {
        bail!("wasm-bindgen failed ({})", bindgen.status);
    }
    let bound = pkg.join(format!("{}_bg.wasm", dist::OUT_NAME));
    let wasm_opt = optimise(ctx, &bound, &mut notes)?;

    copy_page(ctx, &dist_dir)?;
    if hosted {
        copy_dir(
            &out_dir.join(dist::TEXT_DIR),
            &dist_dir.join(dist::TEXT_DIR),
        )?;
    }
    Ok(Built {
        cargo,
        index_build,
        bindgen: Some(bindgen),
        wasm_opt,
        notes,
        index,
        build_summary,
        dist: dist_dir,
        wasm: bound,
    })
}

/// `wasm-opt -Oz` in place, into a temporary file first so that a failure leaves the bound
/// module usable (and is reported, not fatal: a huge module may be too much for it).
fn optimise(ctx: &Ctx, wasm: &Path, notes: &mut Vec<String>) -> Result<Option<Measured>> {
    let tool = ctx.path(WASM_OPT);
    if !tool.is_file() {
        notes.push(format!(
            "{WASM_OPT} is missing (`cargo xtask setup`): the module is not optimised"
        ));
        return Ok(None);
    }
    let bytes = std::fs::read(wasm).context(|| format!("reading {}", wasm.display()))?;
    let features = wasm_features::used_features(&bytes)
        .map_err(|e| Error::new(format!("{}: {e}", wasm.display())))?
        .unwrap_or_default();
    drop(bytes);
    let optimised = wasm.with_extension("opt.wasm");
    let mut cmd = Command::new(tool);
    cmd.arg("-Oz")
        .args(wasm_features::wasm_opt_flags(&features))
        .arg(wasm)
        .arg("-o")
        .arg(&optimised);
    let measured = measure::run(&mut cmd, |line| println!("{line}"))?;
    print_measured("wasm-opt -Oz", &measured);
    if measured.success && optimised.is_file() {
        std::fs::rename(&optimised, wasm).context(|| format!("replacing {}", wasm.display()))?;
    } else {
        let _ = std::fs::remove_file(&optimised);
        notes.push(format!(
            "wasm-opt failed ({}): the page uses the module as wasm-bindgen left it",
            measured.status
        ));
    }
    Ok(Some(measured))
}

/// The build script executable of the root package, from cargo's messages.
fn build_script(messages: &[Value], manifest: &Path) -> Option<PathBuf> {
    messages.iter().find_map(|m| {
        let ours = m["manifest_path"]
            .as_str()
            .is_some_and(|p| Path::new(p) == manifest);
        let custom = m["target"]["kind"]
            .as_array()
            .is_some_and(|k| k.iter().any(|k| k == "custom-build"));
        if m["reason"] == "compiler-artifact" && ours && custom {
            m["filenames"][0].as_str().map(PathBuf::from)
        } else {
            None
        }
    })
}

/// Sets the folder's modification time to now: cargo then reruns the build script, which
/// watches the folder (`rerun-if-changed`).
fn touch(dir: &Path) -> Result<()> {
    let file = std::fs::File::open(dir).context(|| format!("opening {}", dir.display()))?;
    file.set_modified(SystemTime::now())
        .context(|| format!("touching {}", dir.display()))
}

fn reset_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).context(|| format!("creating {}", dir.display()))
}

/// Every file of `from` into `to` (flat: the text chunks).
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).context(|| format!("creating {}", to.display()))?;
    let mut files = Vec::new();
    crate::sizes::list_files(from, &mut files)?;
    for file in &files {
        std::fs::copy(file, to.join(file.file_name().unwrap_or_default()))
            .context(|| format!("copying {}", file.display()))?;
    }
    Ok(())
}

/// www/ into `dist`, and bench/page.html as `bench.html`.
fn copy_page(ctx: &Ctx, dist: &Path) -> Result<()> {
    let www = ctx.path("www");
    let mut files = Vec::new();
    crate::sizes::list_files(&www, &mut files)?;
    files.sort();
    for file in &files {
        let target = dist.join(file.strip_prefix(&www).unwrap_or(file));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::copy(file, &target).context(|| format!("copying {}", file.display()))?;
    }
    let page = ctx.path("bench/page.html");
    std::fs::copy(&page, dist.join("bench.html"))
        .context(|| format!("copying {}", page.display()))?;
    Ok(())
}

pub fn print_measured(what: &str, m: &Measured) {
    let peak = m
        .peak_rss
        .map(|b| format!(", peak memory {}", crate::sizes::format_size(b)))
        .unwrap_or_default();
    println!(
        "{what}: {} ({}{peak})",
        if m.success { "ok" } else { "FAILED" },
        util::format_duration(m.wall)
    );
}

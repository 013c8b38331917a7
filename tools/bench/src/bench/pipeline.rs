//! `cargo xtask dist` over a chosen corpus, each step timed, into `target/xtask-bench/` so
//! that `dist/` and the shared `target/` are left alone (others keep working there while a
//! benchmark runs).
//!
//! 1. the corpus folder is touched, so that the build script runs again, and
//!    [`xtask::dist::run_into`] runs every step of `cargo xtask dist` (cargo build with the
//!    index build, wasm-bindgen, wasm-opt, www/, the bundle, the single file, the service
//!    worker, the size table) with `ARTICLES_DIR` and `CARGO_TARGET_DIR=target/xtask-bench/
//!    target` (or `$BENCH_TARGET_DIR`); the peak memory is the largest of the processes it ran (rustc, the build script);
//! 2. the build script alone, run again by hand with the environment cargo gives it (the index
//!    build: read the folder, parse, analyse, write `index.bin`);
//! 3. `bench/page.html` copied next to the page as `bench.html`.
//!
//! Hosted mode (`bench --hosted`) builds `dist --hosted` the same way.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use super::measure::{self, Measured};
use crate::dist;
use crate::setup::WASM_TARGET;
use crate::util::{self, bail, Context, Ctx, Result};

/// Where the benchmark builds: `target/xtask-bench/`.
pub const BENCH_DIR: &str = "target/xtask-bench";

/// What the pipeline did and left.
pub struct Built {
    /// The whole `cargo xtask dist`, with the peak memory of the processes it ran.
    pub dist: Measured,
    /// Each step of it and its time.
    pub steps: Vec<(String, Duration)>,
    /// The build script alone (the index build), when it could be run by hand.
    pub index_build: Option<Measured>,
    /// Why a step after the cargo build failed or was skipped, in words.
    pub notes: Vec<String>,
    /// `index.bin` as embedded.
    pub index: PathBuf,
    pub build_summary: String,
    /// The served folder: the dist and bench.html.
    pub dist_dir: PathBuf,
    /// The optimised `.wasm` in `dist/pkg/`.
    pub wasm: PathBuf,
    /// cargo's `.wasm`, with the function names (for the code size by crate).
    pub cargo_wasm: PathBuf,
}

pub fn build(ctx: &Ctx, corpus: &Path, work: &Path, hosted: bool) -> Result<Built> {
    touch(corpus)?;
    // `BENCH_TARGET_DIR` may name a target folder whose dependencies are compiled already.
    let target_dir = std::env::var_os("BENCH_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| ctx.path(BENCH_DIR).join("target"));
    // The dist's cargo runs inherit these (this process runs nothing else meanwhile).
    std::env::set_var("ARTICLES_DIR", corpus);
    std::env::set_var("CARGO_TARGET_DIR", &target_dir);
    let dist_dir = work.join("dist");
    let mode = if hosted {
        dist::Mode::Hosted { chunk_text: None }
    } else {
        dist::Mode::Embedded
    };
    let started = Instant::now();
    let result = dist::run_into(ctx, dist::Profile::Release, mode, &dist_dir);
    let wall = started.elapsed();
    std::env::remove_var("ARTICLES_DIR");
    std::env::remove_var("CARGO_TARGET_DIR");
    let built = result?;
    let measured = Measured {
        wall,
        peak_rss: measure::children_peak_rss(),
        success: true,
        status: "ok".into(),
    };
    print_measured("cargo xtask dist", &measured);
    let (Some(wasm), Some(out_dir)) = (built.build.wasm.clone(), built.build.out_dir.clone())
    else {
        bail!(
            "cargo reported no .wasm or no build script output for {}",
            dist::PACKAGE
        );
    };
    let cargo_wasm = wasm;
    let wasm = dist_dir
        .join("pkg")
        .join(format!("{}_bg.wasm", dist::OUT_NAME));
    let index = out_dir.join("index.bin");
    let build_summary =
        std::fs::read_to_string(out_dir.join("build-summary.txt")).unwrap_or_default();
    let mut notes = Vec::new();

    let index_build = match &built.build.build_script {
        Some(script) => {
            let scratch = work.join("build-script-out");
            reset_dir(&scratch)?;
            let mut cmd = Command::new(script);
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
    let page = ctx.path("bench/page.html");
    std::fs::copy(&page, dist_dir.join("bench.html"))
        .context(|| format!("copying {}", page.display()))?;
    Ok(Built {
        dist: measured,
        steps: built.steps,
        index_build,
        notes,
        index,
        build_summary,
        dist_dir,
        wasm,
        cargo_wasm,
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

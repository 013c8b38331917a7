//! `cargo xtask dist`: build the wasm, bind it, optimise it and lay out `dist/` with `www/`.
//!
//! 1. `cargo build --lib --target wasm32-unknown-unknown --release -p article-explorer`, reading
//!    cargo's JSON messages for the `.wasm` and for the build script's `OUT_DIR`, whose
//!    `build-summary.txt` (what went into the index) is printed;
//! 2. `wasm-bindgen --target web` into `dist/pkg/` as `article_explorer{.js,_bg.wasm,.d.ts}`,
//!    over the code: the index's bytes are cut out of their data segment first ([`apart`]);
//! 3. `wasm-opt -O1` (npm's binaryen) with the features the module declares, over the code,
//!    and the index put back after as a data segment at its address (`devkit::wasm_data`).
//!    `-O1`, not `-Oz`: on this module its code section is 11 % smaller after gzip (105 KB against 118 KB
//!    over the seeds; larger raw, 312 KB against 289 KB) and it runs 2.6 times faster (3.6 s
//!    against 9.3 s of CPU);
//! 4. every file of `www/` copied into `dist/`, which is cleared first;
//! 5. [`bundle`]: `dist/article-explorer.js` bundled by esbuild into one module, so a host page
//!    embeds the `<article-explorer>` element with one script tag;
//! 6. [`single_file`]: `dist/explorer.html`, the whole explorer in one file that works from
//!    file:// with the network off;
//! 7. [`service_worker`]: `dist/sw.js`, registered by `dist/index.html`, so that the served
//!    folder works offline after a first visit;
//! 8. a table of every file's raw and gzip size, cheap ones: gzip -6 up to 1 MiB, gzip -1 above
//!    (marked), the .wasm's gzip -6 taken from the single file (brotli and exact figures:
//!    `cargo xtask bench`).
//!
//! `--hosted` ([`Mode::Hosted`]) builds hosted mode into `dist-hosted/` instead: the crate's
//! `hosted` feature (the index in the .wasm keeps no article text), the text chunks the build
//! script wrote copied into `dist-hosted/text/`, steps 1-5 and 8 as above, and no single file
//! or service worker (a single file cannot fetch chunks; a worker that precached them all
//! would undo the point of hosting them, and one that caches them as they come is left for
//! later). `dist/` is left alone, so both builds can be served side by side.
//!
//! `ARTICLES_DIR` chooses the corpus: it is passed to the build (build.rs reads it) as an
//! absolute path, so a relative one means relative to where `cargo xtask` was started.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::setup::WASM_OPT;
use crate::sizes;
use crate::util::{self, bail, Context, Ctx, Error, Result};
use crate::wasm_features;
use devkit::{bundle, gzip, service_worker, single_file};

mod apart;
mod cargo_build;
use cargo_build::build;
pub use cargo_build::read_messages;

pub const PACKAGE: &str = "article-explorer";
pub use devkit::OUT_NAME;

/// wasm-opt's optimisation level (see the module docs for why not `-Oz`).
pub const WASM_OPT_LEVEL: &str = "-O1";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Release,
    /// No `--release`, wasm-bindgen `--debug --keep-debug`, no wasm-opt: for reading stack traces.
    Debug,
}

/// Which build: the default (texts in the .wasm) or hosted mode (texts in chunk files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `dist/`: everything in the .wasm, the single file, the service worker.
    Embedded,
    /// `dist-hosted/`: the texts in `text/*.gz`, fetched on demand. `chunk_text` overrides
    /// the build's text per chunk (`ARTICLES_TEXT_CHUNK`, in bytes).
    Hosted { chunk_text: Option<usize> },
    /// `dist-lazy/` (`--hosted --lazy`): hosted mode with the lazy index: the .wasm embeds
    /// no index; its files are in `index/` (named by hash, fetched per query), the texts in
    /// `text/` (one article a chunk). Not yet the default hosted mode (docs/HOSTED.md says
    /// what is missing). `file_bytes` overrides the size at which shards and packs close
    /// (`ARTICLES_LAZY_FILE`, in bytes).
    Lazy { file_bytes: Option<usize> },
}

impl Mode {
    /// The output folder, relative to the repository.
    pub fn dir(self) -> &'static str {
        match self {
            Mode::Embedded => "dist",
            Mode::Hosted { .. } => HOSTED_DIR,
            Mode::Lazy { .. } => LAZY_DIR,
        }
    }
}

/// Where `dist --hosted` writes.
pub const HOSTED_DIR: &str = "dist-hosted";
/// Where `dist --hosted --lazy` writes.
pub const LAZY_DIR: &str = "dist-lazy";
/// The lazy index's folder inside it (the JS API's default, `./index/`).
pub const INDEX_DIR: &str = "index";
/// The text chunks' folder inside it (the JS API's default, `./text/` next to the scripts).
pub const TEXT_DIR: &str = "text";

/// What `dist` produced.
pub struct Dist {
    pub dir: PathBuf,
    /// What the cargo build reported (the `.wasm`, the build script's output folder).
    pub build: BuildOutput,
    /// Each step with its time, in order.
    pub steps: Vec<(String, Duration)>,
}

/// What the cargo build reported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildOutput {
    pub wasm: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    /// The root package's build script executable (the bench runs it alone).
    pub build_script: Option<PathBuf>,
}

/// All dist steps into the mode's folder; `serve` and `test` call this after `setup`.
pub fn run(ctx: &Ctx, profile: Profile, mode: Mode) -> Result<Dist> {
    run_into(ctx, profile, mode, &ctx.path(mode.dir()))
}

/// All dist steps into `dist` (the benchmark builds into its own folder), each timed; ends
/// with a summary line of the steps' times.
pub fn run_into(ctx: &Ctx, profile: Profile, mode: Mode, dist: &Path) -> Result<Dist> {
    run_over(ctx, profile, mode, dist, corpus_dir()?)
}

/// [`run_into`] over the corpus folder `corpus` (`None`: the build script's default) instead
/// of `ARTICLES_DIR` (`test` builds one over the fixtures of every input format).
pub fn run_over(
    ctx: &Ctx,
    profile: Profile,
    mode: Mode,
    dist: &Path,
    corpus: Option<PathBuf>,
) -> Result<Dist> {
    let started = Instant::now();
    let mut steps = Steps::default();
    match &corpus {
        Some(dir) => println!("corpus: {} (from ARTICLES_DIR)", dir.display()),
        None => println!(
            "corpus: the build script's default, seeds/ (set ARTICLES_DIR to use another folder)"
        ),
    }
    let name = match (profile, mode) {
        (Profile::Release, Mode::Embedded) => "cargo build (wasm32, release)",
        (Profile::Debug, Mode::Embedded) => "cargo build (wasm32, debug)",
        (Profile::Release, Mode::Hosted { .. }) => "cargo build (wasm32, release, hosted)",
        (Profile::Debug, Mode::Hosted { .. }) => "cargo build (wasm32, debug, hosted)",
        (Profile::Release, Mode::Lazy { .. }) => "cargo build (wasm32, release, hosted, lazy)",
        (Profile::Debug, Mode::Lazy { .. }) => "cargo build (wasm32, debug, hosted, lazy)",
    };
    let build = steps.run(name, || build(ctx, profile, mode, corpus.as_deref()))?;
    let Some(wasm) = build.wasm.clone() else {
        bail!("cargo built no cdylib .wasm for {PACKAGE}: is `crate-type = [\"cdylib\", ...]` set in Cargo.toml?");
    };
    print_build_summary(build.out_dir.as_deref());

    let pkg = dist.join("pkg");
    let index = build.out_dir.as_deref().map(|d| d.join("index.bin"));
    let apart = steps.run("wasm-bindgen (the code; the index apart)", || {
        if dist.exists() {
            std::fs::remove_dir_all(dist).context(|| format!("clearing {}", dist.display()))?;
        }
        let apart = apart::cut(ctx, &wasm, index.as_deref())?;
        bindgen(&apart.module, &pkg, profile)?;
        Ok(apart)
    })?;
    let bg = pkg.join(format!("{OUT_NAME}_bg.wasm"));
    // The single file's gzip of the index, on the other core while wasm-opt (one thread) runs.
    let index_for_single = apart.index().filter(|_| mode == Mode::Embedded);
    let index_run = std::thread::scope(|scope| -> Result<Option<gzip::Deflated>> {
        let deflating = index_for_single.map(|index| {
            scope.spawn(move || gzip::Deflated::new(index, single_file::LEVEL, false))
        });
        match profile {
            Profile::Release => steps.run("wasm-opt -O1 (the code; the index apart)", || {
                optimise(ctx, &bg)
            })?,
            Profile::Debug => println!("\nwasm-opt: skipped for a debug build"),
        }
        let Some(thread) = deflating else {
            return Ok(None);
        };
        // Any wait for it is a step of its own in the summary.
        steps
            .run(
                "gzip of the index for the single file (beside wasm-opt)",
                || {
                    thread
                        .join()
                        .map_err(|_| Error::new("deflating the index for the single file failed"))
                },
            )
            .map(Some)
    })?;
    let index = steps.run("index back into the .wasm", || apart.put_back(&bg))?;
    steps.run("copy www/", || copy_www(ctx, dist))?;
    let minify = profile == Profile::Release;
    let worker = steps.run("bundle article-explorer-worker.js (esbuild)", || {
        bundle::worker(ctx, dist, minify)
    })?;
    let element = steps.run("bundle article-explorer.js (esbuild)", || {
        bundle::element(ctx, dist, minify)
    })?;
    if let Mode::Hosted { .. } | Mode::Lazy { .. } = mode {
        let out_dir = build.out_dir.as_deref();
        steps.run("text chunks into text/", || {
            copy_text_chunks(out_dir, &dist.join(TEXT_DIR))
        })?;
        if let Mode::Lazy { .. } = mode {
            steps.run("lazy index files into index/", || {
                copy_index_files(out_dir, &dist.join(INDEX_DIR))
            })?;
            steps.run("service worker sw.js (keeps what is fetched)", || {
                service_worker::write_lazy(dist)
            })?;
        }
        let files = steps.run("size table", || {
            sizes::measure_where(
                dist,
                |p| !p.starts_with(TEXT_DIR) && !p.starts_with(INDEX_DIR),
                &[],
            )
        })?;
        println!("\n{}", sizes::format_table(&files));
        print_chunk_sizes(&dist.join(TEXT_DIR))?;
        println!(
            "dist ready: {} (hosted mode: serve it over http)",
            dist.display()
        );
        println!("{}", steps.summary(started.elapsed()));
        return Ok(Dist {
            dir: dist.to_path_buf(),
            build,
            steps: steps.0,
        });
    }
    let wasm_gzip = steps.run("single file explorer.html", || {
        let gz = match (index, index_run) {
            (Some(index), Some(run)) => apart::gzip_around(&bg, &index, run, single_file::LEVEL)?,
            _ => None,
        };
        single_file::write(ctx, dist, element, worker, minify, gz)
    })?;
    steps.run("service worker sw.js", || service_worker::write(dist))?;
    let wasm_path = format!("pkg/{OUT_NAME}_bg.wasm");
    let files = steps.run("size table", || {
        sizes::measure_where(dist, |_| true, &[(wasm_path.as_str(), wasm_gzip)])
    })?;
    println!("\n{}", sizes::format_table(&files));
    if let Some(single) = files.iter().find(|f| f.path == single_file::FILE) {
        println!(
            "single file: {} {} raw, {} gzip{}",
            single.path,
            sizes::format_size(single.raw),
            sizes::format_size(single.gzip),
            if single.fast { " (-1)" } else { "" }
        );
    }
    println!("dist ready: {}", dist.display());
    println!("{}", steps.summary(started.elapsed()));
    Ok(Dist {
        dir: dist.to_path_buf(),
        build,
        steps: steps.0,
    })
}

/// The steps of one dist and how long each took.
#[derive(Default)]
struct Steps(Vec<(String, Duration)>);

impl Steps {
    fn run<T>(&mut self, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let start = Instant::now();
        let result = util::step(name, f);
        self.0.push((name.to_string(), start.elapsed()));
        result
    }

    /// `dist: 24.1 s in all: cargo build 12.0 s, wasm-bindgen 0.4 s, ...`
    fn summary(&self, total: Duration) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(name, took)| format!("{} {}", short(name), util::format_duration(*took)))
            .collect();
        format!(
            "dist: {} in all: {}",
            util::format_duration(total),
            parts.join(", ")
        )
    }
}

/// A step's name without its parenthesis: `cargo build (wasm32, release)` -> `cargo build`.
fn short(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

/// `ARTICLES_DIR`, made absolute and checked to be a folder; `None` when unset.
fn corpus_dir() -> Result<Option<PathBuf>> {
    let Some(value) = std::env::var_os("ARTICLES_DIR").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let path = PathBuf::from(&value);
    let absolute = if path.is_absolute() {
        path
    } else {
        std::env::current_dir()
            .context(|| "reading the current directory".to_string())?
            .join(path)
    };
    if !absolute.is_dir() {
        bail!(
            "ARTICLES_DIR={}: not a folder ({})",
            value.to_string_lossy(),
            absolute.display()
        );
    }
    Ok(Some(absolute))
}

/// Copies the text chunks the build script wrote (`OUT_DIR/text/`) into `target`.
fn copy_text_chunks(out_dir: Option<&Path>, target: &Path) -> Result<()> {
    let Some(source) = out_dir.map(|d| d.join(TEXT_DIR)) else {
        bail!("cargo reported no build script output for {PACKAGE}: where are the text chunks?");
    };
    if !source.is_dir() {
        bail!(
            "{} is missing: the build script writes the text chunks there with the `hosted` feature",
            source.display()
        );
    }
    std::fs::create_dir_all(target).context(|| format!("creating {}", target.display()))?;
    let mut files = Vec::new();
    sizes::list_files(&source, &mut files)?;
    files.sort();
    for file in &files {
        let name = file.file_name().unwrap_or_default();
        std::fs::copy(file, target.join(name))
            .context(|| format!("copying {} to {}", file.display(), target.display()))?;
    }
    println!("copied {} text chunks", files.len());
    Ok(())
}

/// Copies the lazy index's files the build script wrote (`OUT_DIR/index/`) into `target`.
fn copy_index_files(out_dir: Option<&Path>, target: &Path) -> Result<()> {
    let Some(source) = out_dir.map(|d| d.join(INDEX_DIR)) else {
        bail!("cargo reported no build script output for {PACKAGE}: where are the index files?");
    };
    if !source.is_dir() {
        bail!(
            "{} is missing: the build script writes the lazy index there with the `hosted-lazy` feature",
            source.display()
        );
    }
    std::fs::create_dir_all(target).context(|| format!("creating {}", target.display()))?;
    let mut files = Vec::new();
    sizes::list_files(&source, &mut files)?;
    files.sort();
    let mut bytes = 0;
    for file in &files {
        let name = file.file_name().unwrap_or_default();
        bytes += std::fs::copy(file, target.join(name))
            .context(|| format!("copying {} to {}", file.display(), target.display()))?;
    }
    println!(
        "copied {} lazy index files ({}, raw) into {}",
        files.len(),
        sizes::format_size(bytes),
        target.display()
    );
    Ok(())
}

/// One line about the chunk files: how many, their total, median and largest size.
fn print_chunk_sizes(dir: &Path) -> Result<()> {
    let mut files = Vec::new();
    sizes::list_files(dir, &mut files)?;
    let mut lens: Vec<u64> = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok().map(|m| m.len()))
        .collect();
    lens.sort_unstable();
    let total: u64 = lens.iter().sum();
    match (lens.get(lens.len() / 2), lens.last()) {
        (Some(median), Some(max)) => println!(
            "text chunks: {} files in text/, {} in all (gzip as stored), median {}, largest {}; a page fetches only those of the texts it shows",
            lens.len(),
            sizes::format_size(total),
            sizes::format_size(*median),
            sizes::format_size(*max)
        ),
        _ => println!("text chunks: none (no articles)"),
    }
    Ok(())
}

fn print_build_summary(out_dir: Option<&Path>) {
    let Some(out_dir) = out_dir else {
        println!("build summary: none (no build script output for {PACKAGE})");
        return;
    };
    let path = out_dir.join("build-summary.txt");
    match std::fs::read_to_string(&path) {
        Ok(summary) => {
            println!("\nbuild summary ({}):", path.display());
            for line in summary.lines() {
                println!("  {line}");
            }
        }
        Err(_) => println!("build summary: none ({} not written)", path.display()),
    }
}

fn bindgen(wasm: &Path, pkg: &Path, profile: Profile) -> Result<()> {
    let tool = util::find_tool("wasm-bindgen").ok_or_else(|| {
        Error::new("wasm-bindgen not found on PATH or in ~/.cargo/bin: run `cargo xtask setup`")
    })?;
    let mut cmd = Command::new(tool);
    cmd.args(["--target", "web", "--out-dir"]).arg(pkg).args([
        "--out-name",
        OUT_NAME,
        "--typescript",
    ]);
    if profile == Profile::Debug {
        cmd.args(["--debug", "--keep-debug"]);
    }
    cmd.arg(wasm);
    util::run(&mut cmd)
}

/// wasm-opt over the module (the code: [`apart`] cut the index out before wasm-bindgen).
fn optimise(ctx: &Ctx, wasm: &Path) -> Result<()> {
    let tool = ctx.path(WASM_OPT);
    if !tool.is_file() {
        bail!("{WASM_OPT} is missing: run `cargo xtask setup` (npm ci installs binaryen)");
    }
    let bytes = std::fs::read(wasm).context(|| format!("reading {}", wasm.display()))?;
    let used = match wasm_features::used_features(&bytes) {
        Ok(Some(features)) => {
            println!("features the module uses: {}", features.join(", "));
            features
        }
        Ok(None) => {
            println!(
                "the module has no target_features section: enabling the baseline features only"
            );
            Vec::new()
        }
        Err(err) => bail!("{}: {err}", wasm.display()),
    };
    let before = bytes.len() as u64;
    let mut cmd = Command::new(tool);
    cmd.arg(WASM_OPT_LEVEL)
        .args(wasm_features::wasm_opt_flags(&used))
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
    util::run(&mut cmd).map_err(|err| {
        Error::new(format!(
            "{err}\nwasm-opt could not optimise the module; dist/ is incomplete"
        ))
    })?;
    let after = std::fs::metadata(wasm).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}: {} -> {}",
        util::relative(&ctx.root, wasm),
        sizes::format_size(before),
        sizes::format_size(after)
    );
    Ok(())
}

/// Copies every file of `www/` into `dist`, in sorted order, refusing to overwrite a generated one.
fn copy_www(ctx: &Ctx, dist: &Path) -> Result<()> {
    let www = ctx.path("www");
    if !www.is_dir() {
        bail!("{} is missing: the page's files live there", www.display());
    }
    let mut files = Vec::new();
    sizes::list_files(&www, &mut files)?;
    files.sort();
    for file in &files {
        let rel = file.strip_prefix(&www).unwrap_or(file);
        let target = dist.join(rel);
        if target.exists() {
            bail!(
                "www/{} would overwrite the generated dist/{}: rename it",
                rel.display(),
                rel.display()
            );
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::copy(file, &target)
            .context(|| format!("copying {} to {}", file.display(), target.display()))?;
    }
    println!(
        "copied {} file{} from www/",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    );
    if !dist.join("index.html").is_file() {
        println!("warning: www/index.html is missing: the page will answer 404");
    }
    Ok(())
}

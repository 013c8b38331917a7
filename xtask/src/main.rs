//! `cargo xtask`: the project's build, dist, serve and test tasks, dispatched from the command line.
//!
//! Every task is plain Rust that runs the same tools a person would (`cargo`, `wasm-bindgen`,
//! `wasm-opt`, `node`), printing each command before it runs and how long each step took.
//!
//! - [`setup`]: install whatever is missing (wasm target, wasm-bindgen CLI, Chromium, npm tools).
//! - [`dist`]: build the release wasm, bind it, optimise it, copy `www/` into `dist/`.
//! - [`serve`]: a small static file server for `dist/` on 127.0.0.1.
//! - [`test`]: native tests, wasm tests in headless Chromium, then browser end-to-end tests.
//! - `corpus` and `bench` run `tools/bench` (its own crate, built optimised when asked for): a
//!   corpus of N German articles made of real text from Debian packages; build time, sizes,
//!   page readiness and query latency over a corpus.
//!
//! The building blocks (commands, the HTML scanner, the single file, the service worker, size
//! tables) are in `tools/devkit`; this crate decides what runs when.

use std::process::ExitCode;

use devkit::cli::Flags;
use xtask::util::{self, bail, Ctx, Result};
use xtask::{dist, serve, setup, test};

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  setup                       install what is missing: the wasm32 target, wasm-bindgen-cli
                              (the version in Cargo.lock), Debian chromium + chromium-driver,
                              and the npm dev dependencies (npm ci)
  dist [--debug] [--hosted [--lazy]]
                              build the wasm, run wasm-bindgen and wasm-opt, copy www/ into
                              dist/ and print a size table (ARTICLES_DIR picks the corpus);
                              --hosted: hosted mode into dist-hosted/ (the article texts in
                              text/*.gz, fetched on demand, not in the .wasm); --lazy: the
                              index too, in files fetched per query (index/), into dist-lazy/
  serve [--port N] [--no-build] [--hosted [--lazy]]
                              setup + dist, then serve dist/ (or dist-hosted/, dist-lazy/) on
                              http://127.0.0.1:N/ (default port 8080; --port 0 picks a free one)
  test [--native-only] [--skip-browser]
                              setup, then: native tests, wasm tests in headless Chromium,
                              dist + browser end-to-end tests (tests/e2e/*.test.mjs)
  corpus --size N [--article-bytes B] [--out DIR]
                              write N German articles (1000, 10k, 50k) made of real text
                              from Debian packages into corpora/N (or DIR), with MANIFEST.md
  bench [--corpus DIR] [--queries FILE] [--json FILE] [--reuse-build] [--hosted]
                              build time and memory, dist sizes, page readiness, query latency
                              in headless Chromium and natively (default corpus: seeds/;
                              queries: bench/queries.txt; --reuse-build keeps the last build;
                              --hosted: hosted mode, with the text chunks fetched per query)
  help                        print this message

Environment:
  ARTICLES_DIR   corpus folder compiled into the index (default: the build script's, seeds/)
  ARTICLES_TEXT_CHUNK
                 hosted mode: bytes of article text per chunk file (default 16384)
  CI=true        also print the versions of rustc, node and chromium first
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nerror: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        print!("{USAGE}");
        bail!("no command given");
    };
    let ctx = Ctx::new()?;
    match command.as_str() {
        "setup" => {
            no_options("setup", rest)?;
            setup::run(&ctx, setup::Needs::all())
        }
        "dist" => {
            let mut flags = Flags::parse("dist", rest)?;
            let debug = flags.switch("--debug");
            let mode = dist_mode(flags.switch("--hosted"), flags.switch("--lazy"))?;
            flags.finish()?;
            let profile = if debug {
                dist::Profile::Debug
            } else {
                dist::Profile::Release
            };
            setup::run(&ctx, setup::Needs::dist())?;
            dist::run(&ctx, profile, mode).map(drop)
        }
        "serve" => {
            let mut flags = Flags::parse("serve", rest)?;
            let no_build = flags.switch("--no-build");
            let mode = dist_mode(flags.switch("--hosted"), flags.switch("--lazy"))?;
            let port = flags.value("--port")?;
            flags.finish()?;
            let port = match port {
                None => serve::DEFAULT_PORT,
                Some(text) => text.parse::<u16>().map_err(|_| {
                    util::Error::new(format!("--port {text}: not a port number (0-65535)"))
                })?,
            };
            serve::command(&ctx, port, no_build, mode)
        }
        "test" => {
            let mut flags = Flags::parse("test", rest)?;
            let options = test::Options {
                native_only: flags.switch("--native-only"),
                skip_browser: flags.switch("--skip-browser"),
            };
            flags.finish()?;
            test::run(&ctx, options)
        }
        // The benchmark tools are their own crate (tools/bench), built optimised on demand:
        // plain `cargo xtask` never compiles them.
        "corpus" | "bench" => tools(&ctx, command, rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            print!("{USAGE}");
            bail!("unknown command `{other}`")
        }
    }
}

/// The dist mode `--hosted` and `--lazy` ask for (chunk size from the environment).
fn dist_mode(hosted: bool, lazy: bool) -> Result<dist::Mode> {
    Ok(match (hosted, lazy) {
        (true, true) => dist::Mode::Lazy { file_bytes: None },
        (true, false) => dist::Mode::Hosted { chunk_text: None },
        (false, false) => dist::Mode::Embedded,
        (false, true) => bail!("--lazy is a kind of hosted mode: use `--hosted --lazy`"),
    })
}

/// `cargo run --release -p explorer-bench -- <command> <options>`.
fn tools(ctx: &Ctx, command: &str, rest: &[String]) -> Result<()> {
    let mut cmd = ctx.cargo();
    cmd.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "explorer-bench",
        "--",
        command,
    ])
    .args(rest);
    util::run(&mut cmd)
}

fn no_options(command: &str, rest: &[String]) -> Result<()> {
    Flags::parse(command, rest)?.finish()
}

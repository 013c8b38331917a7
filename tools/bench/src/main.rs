//! `explorer-bench`: the benchmark tools, apart from the product's build path.
//!
//! Run through `cargo xtask corpus ...` and `cargo xtask bench ...`, which build this crate
//! optimised and pass their options on:
//!
//! - [`corpus`]: a corpus of N German articles made of real text from Debian packages;
//! - [`bench`]: build time by step, sizes and index sections, page readiness and query
//!   latency in headless Chromium, and the same queries natively.

mod bench;
mod corpus;

use std::process::ExitCode;

use devkit::cli::Flags;
use devkit::util::{bail, Ctx, Result};
// The modules moved here from xtask name their helpers `crate::util`, `crate::sizes`, ...
use devkit::{sizes, util};
use xtask::{dist, serve, setup};

const USAGE: &str = "\
Usage: cargo xtask corpus --size N [--article-bytes B] [--out DIR]
       cargo xtask bench [--corpus DIR] [--queries FILE] [--json FILE] [--reuse-build] [--hosted]
(see `cargo xtask help`)
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
        "corpus" => {
            let mut flags = Flags::parse("corpus", rest)?;
            let size = flags.value("--size")?;
            let out = flags.value("--out")?;
            let article_bytes = flags.value("--article-bytes")?;
            flags.finish()?;
            let Some(size) = size else {
                bail!("`cargo xtask corpus` needs --size N (e.g. 1000, 10k, 50k)");
            };
            corpus::run(
                &ctx,
                corpus::Options {
                    size: corpus::parse_size(&size)?,
                    out: out.map(std::path::PathBuf::from),
                    article_bytes: article_bytes
                        .map(|b| corpus::parse_article_bytes(&b))
                        .transpose()?,
                },
            )
        }
        "bench" => {
            let mut flags = Flags::parse("bench", rest)?;
            let options = bench::Options {
                corpus: flags.value("--corpus")?.map(std::path::PathBuf::from),
                queries: flags.value("--queries")?.map(std::path::PathBuf::from),
                json: flags.value("--json")?.map(std::path::PathBuf::from),
                reuse_build: flags.switch("--reuse-build"),
                hosted: flags.switch("--hosted"),
            };
            flags.finish()?;
            bench::run(&ctx, options)
        }
        // Internal: the native half, started by `bench` as a process of its own.
        "bench-native" => bench::native::command(rest),
        // Hosted mode's lazy index, measured without a browser (docs/HOSTED.md).
        "bench-lazy" => bench::hosted::command(rest),
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

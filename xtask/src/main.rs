//! `cargo xtask`: the project's build, dist, serve and test tasks, dispatched from the command line.
//!
//! Every task is plain Rust that runs the same tools a person would (`cargo`, `wasm-bindgen`,
//! `wasm-opt`, `node`), printing each command before it runs and how long each step took.
//!
//! - [`setup`]: install whatever is missing (wasm target, wasm-bindgen CLI, Chromium, npm tools).
//! - [`dist`]: build the release wasm, bind it, optimise it, copy `www/` into `dist/`.
//! - [`serve`]: a small static file server for `dist/` on 127.0.0.1.
//! - [`test`]: native tests, wasm tests in headless Chromium, then browser end-to-end tests.
//! - [`corpus`]: a corpus of N German articles made of real text from Debian packages.
//! - [`bench`]: build time, sizes, page readiness and query latency over a corpus.

mod bench;
mod corpus;
mod dist;
mod serve;
mod setup;
mod sizes;
mod test;
mod util;
mod wasm_features;

use std::process::ExitCode;

use util::{bail, Ctx, Result};

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  setup                       install what is missing: the wasm32 target, wasm-bindgen-cli
                              (the version in Cargo.lock), Debian chromium + chromium-driver,
                              and the npm dev dependencies (npm ci)
  dist [--debug] [--hosted]   build the wasm, run wasm-bindgen and wasm-opt, copy www/ into
                              dist/ and print a size table (ARTICLES_DIR picks the corpus);
                              --hosted: hosted mode into dist-hosted/ (the article texts in
                              text/*.gz, fetched on demand, not in the .wasm)
  serve [--port N] [--no-build] [--hosted]
                              setup + dist, then serve dist/ (or dist-hosted/) on
                              http://127.0.0.1:N/ (default port 8080; --port 0 picks a free one)
  test [--native-only] [--skip-browser]
                              setup, then: native tests, wasm tests in headless Chromium,
                              dist + browser end-to-end tests (tests/e2e/*.test.mjs)
  corpus --size N [--out DIR]
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
            let mode = dist_mode(flags.switch("--hosted"));
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
            let mode = dist_mode(flags.switch("--hosted"));
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
        "corpus" => {
            let mut flags = Flags::parse("corpus", rest)?;
            let size = flags.value("--size")?;
            let out = flags.value("--out")?;
            flags.finish()?;
            let Some(size) = size else {
                bail!("`cargo xtask corpus` needs --size N (e.g. 1000, 10k, 50k)");
            };
            corpus::run(
                &ctx,
                corpus::Options {
                    size: corpus::parse_size(&size)?,
                    out: out.map(std::path::PathBuf::from),
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
        // Internal: run by `bench` in a release build with the runtime linked natively.
        #[cfg(feature = "native-bench")]
        "bench-native" => bench::native::command(rest),
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

/// The dist mode a `--hosted` switch asks for (chunk size from the environment).
fn dist_mode(hosted: bool) -> dist::Mode {
    if hosted {
        dist::Mode::Hosted { chunk_text: None }
    } else {
        dist::Mode::Embedded
    }
}

fn no_options(command: &str, rest: &[String]) -> Result<()> {
    Flags::parse(command, rest)?.finish()
}

/// The options given after a command, consumed one by one; whatever is left is an error.
struct Flags {
    command: String,
    args: Vec<String>,
}

impl Flags {
    fn parse(command: &str, rest: &[String]) -> Result<Self> {
        let mut args = Vec::new();
        for arg in rest {
            // Accept `--port=8081` as well as `--port 8081`.
            match arg.split_once('=') {
                Some((name, value)) if name.starts_with("--") => {
                    args.push(name.to_string());
                    args.push(value.to_string());
                }
                _ => args.push(arg.clone()),
            }
        }
        Ok(Self {
            command: command.to_string(),
            args,
        })
    }

    fn switch(&mut self, name: &str) -> bool {
        let before = self.args.len();
        self.args.retain(|arg| arg != name);
        self.args.len() != before
    }

    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let Some(index) = self.args.iter().position(|arg| arg == name) else {
            return Ok(None);
        };
        if index + 1 >= self.args.len() {
            bail!("`{name}` needs a value (see `cargo xtask help`)");
        }
        let value = self.args.remove(index + 1);
        self.args.remove(index);
        Ok(Some(value))
    }

    fn finish(self) -> Result<()> {
        match self.args.first() {
            None => Ok(()),
            Some(arg) => bail!(
                "`cargo xtask {}` does not take `{arg}` (see `cargo xtask help`)",
                self.command
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(args: &[&str]) -> Flags {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        Flags::parse("serve", &args).unwrap()
    }

    #[test]
    fn flags_take_switches_and_values_in_any_order() {
        let mut f = flags(&["--port", "9000", "--no-build"]);
        assert!(f.switch("--no-build"));
        assert_eq!(f.value("--port").unwrap().as_deref(), Some("9000"));
        assert!(f.finish().is_ok());
    }

    #[test]
    fn flags_accept_equals_form() {
        let mut f = flags(&["--port=0"]);
        assert_eq!(f.value("--port").unwrap().as_deref(), Some("0"));
        assert!(!f.switch("--no-build"));
        assert!(f.finish().is_ok());
    }

    #[test]
    fn flags_report_missing_values_and_leftovers() {
        assert!(flags(&["--port"]).value("--port").is_err());
        let err = flags(&["--verbose"]).finish().unwrap_err().to_string();
        assert!(err.contains("--verbose"), "{err}");
    }
}

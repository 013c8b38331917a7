//! `cargo xtask test`: every test layer in order, stopping at the first that fails.
//!
//! 1. native: `cargo test --workspace --features article-explorer/chunks` (all crates, xtask's
//!    own unit tests included, hosted mode's tests too);
//! 2. wasm: `cargo test -p article-explorer --target wasm32-unknown-unknown --test wasm` in
//!    headless Chromium through chromedriver and wasm-bindgen-test-runner;
//! 3. e2e: `dist` (release) and `dist --hosted` (with small text chunks, so that the seeds
//!    make several), each served on a free loopback port, then
//!    `node --test tests/e2e/*.test.mjs` with `EXPLORER_URL` and `EXPLORER_DIST`, and
//!    `EXPLORER_HOSTED_URL` and `EXPLORER_HOSTED_DIST` for the hosted build,
//!    `EXPLORER_LAZY_URL` and `EXPLORER_LAZY_DIST` for the lazy hosted build (`dist --hosted
//!    --lazy`, `tests/e2e/hosted-lazy.test.mjs`).
//!
//! A layer whose tests do not exist yet is reported as missing and fails the run (the later
//! layers still run, since nothing that ran has failed); a layer that runs no test fails too,
//! so a misconfigured browser run that skips everything cannot pass silently.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::dist::{self, Mode, Profile};
use crate::serve::Server;
use crate::setup::{self, Needs, CHROMEDRIVER};
use crate::util::{self, bail, format_duration, Ctx, Result};

pub struct Options {
    pub native_only: bool,
    pub skip_browser: bool,
}

/// Test counts as the runners print them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }

    /// `12 passed, 0 failed` (`, 3 skipped` when any were).
    pub fn describe(&self) -> String {
        let mut text = format!("{} passed, {} failed", self.passed, self.failed);
        if self.skipped > 0 {
            text.push_str(&format!(", {} skipped", self.skipped));
        }
        text
    }
}

enum Outcome {
    Passed(Counts),
    Failed(String),
    Missing(String),
    Skipped(&'static str),
    NotRun,
}

impl Outcome {
    fn word(&self) -> &'static str {
        match self {
            Outcome::Passed(_) => "passed",
            Outcome::Failed(_) => "FAILED",
            Outcome::Missing(_) => "MISSING",
            Outcome::Skipped(_) => "skipped",
            Outcome::NotRun => "not run",
        }
    }
}

struct Layer {
    name: &'static str,
    outcome: Outcome,
    took: Duration,
}

pub fn run(ctx: &Ctx, options: Options) -> Result<()> {
    let start = Instant::now();
    let browser = !options.native_only && !options.skip_browser;
    let flag = if options.native_only {
        "--native-only"
    } else {
        "--skip-browser"
    };
    if ctx.ci {
        print_versions();
    }
    if browser {
        setup::run(ctx, Needs::all())?;
    } else {
        println!("setup: skipped ({flag}: the native tests need nothing beyond cargo)");
    }

    let names = [
        "native",
        "wasm (headless Chromium)",
        "e2e (dist + node --test)",
    ];
    let mut layers: Vec<Layer> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let stopped = layers
            .iter()
            .any(|l| matches!(l.outcome, Outcome::Failed(_)));
        let layer_start = Instant::now();
        let outcome = if stopped {
            Outcome::NotRun
        } else if i > 0 && !browser {
            Outcome::Skipped(flag)
        } else {
            let title = format!("test layer {}/3: {name}", i + 1);
            println!("\n==> {title}");
            let result = match i {
                0 => native(ctx),
                1 => wasm(ctx),
                _ => e2e(ctx),
            };
            let outcome = result.unwrap_or_else(|err| Outcome::Failed(err.to_string()));
            let took = format_duration(layer_start.elapsed());
            println!("<== {title}: {} ({took})", outcome.word());
            outcome
        };
        layers.push(Layer {
            name,
            outcome,
            took: layer_start.elapsed(),
        });
    }
    summarise(&layers, start.elapsed())
}

fn print_versions() {
    for (program, args) in [
        ("rustc", &["-V"][..]),
        ("node", &["--version"]),
        ("chromium", &["--version"]),
    ] {
        let version =
            util::probe(Command::new(program).args(args)).unwrap_or_else(|| "not found".into());
        println!("{program}: {}", version.trim());
    }
}

fn native(ctx: &Ctx) -> Result<Outcome> {
    let mut cmd = ctx.cargo();
    // With the runtime's reading of text chunks, so that hosted mode's tests run too (the
    // default build's code paths are the same, minus that).
    cmd.args([
        "test",
        "--workspace",
        "--features",
        "article-explorer/chunks",
    ]);
    run_counted(&mut cmd, parse_cargo_line)
}

fn wasm(ctx: &Ctx) -> Result<Outcome> {
    let test_file = ctx.path("tests/wasm.rs");
    if !test_file.is_file() {
        return Ok(Outcome::Missing("tests/wasm.rs does not exist".into()));
    }
    let webdriver = ctx.path("webdriver.json");
    if !webdriver.is_file() {
        bail!(
            "{} is missing: it tells chromedriver how to start Chromium",
            webdriver.display()
        );
    }
    let mut cmd = ctx.cargo();
    cmd.args([
        "test",
        "-p",
        dist::PACKAGE,
        "--target",
        setup::WASM_TARGET,
        "--test",
        "wasm",
    ])
    .env("CHROMEDRIVER", CHROMEDRIVER)
    .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver)
    .env("WASM_BINDGEN_USE_BROWSER", "1")
    // cargo finds the runner, wasm-bindgen-test-runner, on PATH.
    .env("PATH", util::path_with_cargo_bin());
    run_counted(&mut cmd, parse_cargo_line)
}

fn e2e(ctx: &Ctx) -> Result<Outcome> {
    let files = e2e_files(&ctx.path("tests/e2e"));
    if files.is_empty() {
        return Ok(Outcome::Missing("no tests/e2e/*.test.mjs".into()));
    }
    let built = util::step("dist (release)", || {
        dist::run(ctx, Profile::Release, Mode::Embedded)
    })?;
    let hosted = util::step("dist --hosted (release)", || {
        dist::run(ctx, Profile::Release, HOSTED_FOR_TESTS)
    })?;
    let lazy = util::step("dist --hosted --lazy (release)", || {
        dist::run(ctx, Profile::Release, LAZY_FOR_TESTS)
    })?;
    let formats = util::step("dist over tests/fixtures/formats (release)", || {
        dist::run_over(
            ctx,
            Profile::Release,
            Mode::Embedded,
            &ctx.path(FORMATS_DIST),
            Some(ctx.path(FORMATS_CORPUS)),
        )
    })?;
    let mut urls = Vec::new();
    for dir in [&built.dir, &hosted.dir, &formats.dir, &lazy.dir] {
        let server = Server::bind(dir, 0, false)?;
        let url = server.url();
        println!(
            "serving {} at {url} for the end-to-end tests",
            dir.display()
        );
        server.spawn();
        urls.push(url);
    }
    let mut cmd = Command::new("node");
    cmd.current_dir(&ctx.root)
        .env("EXPLORER_URL", &urls[0])
        .env("EXPLORER_DIST", &built.dir)
        .env("EXPLORER_HOSTED_URL", &urls[1])
        .env("EXPLORER_HOSTED_DIST", &hosted.dir)
        .env("EXPLORER_FORMATS_URL", &urls[2])
        .env("EXPLORER_FORMATS_DIST", &formats.dir)
        .env("EXPLORER_LAZY_URL", &urls[3])
        .env("EXPLORER_LAZY_DIST", &lazy.dir)
        .args(["--test", "--test-reporter=spec"])
        .args(
            files
                .iter()
                .map(|f| util::relative(&ctx.root, f).into_owned()),
        );
    run_counted(&mut cmd, parse_node_line)
}

/// The folder of every input format, and where the end-to-end tests' build over it goes
/// (`tests/e2e/ui-metadata.test.mjs`: sources, authors and URLs in the page).
const FORMATS_CORPUS: &str = "tests/fixtures/formats";
const FORMATS_DIST: &str = "target/dist-formats";

/// The hosted build the end-to-end tests run against: chunks of about 1 KiB of text, so that
/// each seed article is a chunk of its own and "only the chunks of the hits shown" is a
/// visible difference.
const HOSTED_FOR_TESTS: Mode = Mode::Hosted {
    chunk_text: Some(1024),
};

/// The lazy hosted build (`tests/e2e/hosted-lazy.test.mjs`): one article a text chunk (as
/// every lazy build), and dictionary shards and postings packs of about 1 KiB, so that the
/// seeds make several of each and "only the files a query reads" is a visible difference.
const LAZY_FOR_TESTS: Mode = Mode::Lazy {
    file_bytes: Some(1024),
};

/// `tests/e2e/*.test.mjs`, sorted.
fn e2e_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    files
}

/// Runs a test command, echoing its output and adding up the counts `parse` finds in it.
fn run_counted(cmd: &mut Command, parse: fn(&str) -> Option<Counts>) -> Result<Outcome> {
    let mut counts = Counts::default();
    let mut seen = false;
    let ok = util::run_lines(cmd, true, |line| {
        if let Some(found) = parse(line) {
            counts.add(found);
            seen = true;
        }
    })?;
    Ok(judge(ok, seen.then_some(counts)))
}

/// A layer passes when the command succeeded, its counts were found, none failed, and some ran.
fn judge(success: bool, counts: Option<Counts>) -> Outcome {
    match counts {
        _ if !success => match counts {
            Some(c) if c.failed > 0 => Outcome::Failed(c.describe()),
            Some(c) => Outcome::Failed(format!(
                "the command failed ({}; see the output above)",
                c.describe()
            )),
            None => Outcome::Failed(
                "the command failed before reporting any test (see the output above)".into(),
            ),
        },
        None => Outcome::Failed("the command succeeded but printed no test counts".into()),
        Some(c) if c.failed > 0 => Outcome::Failed(c.describe()),
        Some(c) if c.passed == 0 => Outcome::Failed(format!("ran no test ({})", c.describe())),
        Some(c) => Outcome::Passed(c),
    }
}

/// `test result: ok. 5 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; ...`
/// (libtest and wasm-bindgen-test-runner alike).
pub fn parse_cargo_line(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let (_, numbers) = rest.split_once(". ")?;
    let mut counts = Counts::default();
    for part in numbers.split(';') {
        let mut words = part.split_whitespace();
        let (Some(n), Some(what)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u64>() else { continue };
        match what {
            "passed" => counts.passed = n,
            "failed" => counts.failed = n,
            "ignored" => counts.skipped = n,
            _ => {}
        }
    }
    Some(counts)
}

/// One count from node's test runner summary: `# pass 5` (tap) or `ℹ pass 5` (spec).
pub fn parse_node_line(line: &str) -> Option<Counts> {
    let rest = line
        .trim()
        .strip_prefix('#')
        .or_else(|| line.trim().strip_prefix('ℹ'))?;
    let mut words = rest.split_whitespace();
    let (what, n) = (words.next()?, words.next()?.parse::<u64>().ok()?);
    if words.next().is_some() {
        return None;
    }
    match what {
        "pass" => Some(Counts {
            passed: n,
            ..Counts::default()
        }),
        "fail" | "cancelled" => Some(Counts {
            failed: n,
            ..Counts::default()
        }),
        "skipped" | "todo" => Some(Counts {
            skipped: n,
            ..Counts::default()
        }),
        _ => None,
    }
}

fn summarise(layers: &[Layer], total_time: Duration) -> Result<()> {
    println!("\n==> test summary");
    let width = layers.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let mut total = Counts::default();
    let mut problems = Vec::new();
    for layer in layers {
        let detail = match &layer.outcome {
            Outcome::Passed(c) => {
                total.add(*c);
                c.describe()
            }
            Outcome::Failed(why) => {
                problems.push(format!("{} failed", layer.name));
                why.clone()
            }
            Outcome::Missing(why) => {
                problems.push(format!("{} is missing", layer.name));
                why.clone()
            }
            Outcome::Skipped(flag) => format!("{flag} given"),
            Outcome::NotRun => "an earlier layer failed".into(),
        };
        let word = layer.outcome.word();
        let took = match layer.outcome {
            Outcome::Passed(_) | Outcome::Failed(_) => {
                format!("  ({})", format_duration(layer.took))
            }
            _ => String::new(),
        };
        println!("  {:<width$}  {word:<7}  {detail}{took}", layer.name);
    }
    println!("  total time: {}", format_duration(total_time));
    if !problems.is_empty() {
        bail!("tests did not pass: {}", problems.join("; "));
    }
    println!("all test layers passed");
    println!("total: {}", total.describe());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_result_lines_are_counted() {
        let line = "test result: ok. 12 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(
            parse_cargo_line(line),
            Some(Counts {
                passed: 12,
                failed: 0,
                skipped: 2
            })
        );
        let line = "test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(
            parse_cargo_line(line),
            Some(Counts {
                passed: 3,
                failed: 1,
                skipped: 0
            })
        );
        assert_eq!(parse_cargo_line("test search::finds ... ok"), None);
    }

    #[test]
    fn node_summary_lines_are_counted_in_tap_and_spec_form() {
        assert_eq!(
            parse_node_line("# pass 5"),
            Some(Counts {
                passed: 5,
                ..Counts::default()
            })
        );
        assert_eq!(
            parse_node_line("ℹ fail 1"),
            Some(Counts {
                failed: 1,
                ..Counts::default()
            })
        );
        assert_eq!(
            parse_node_line("ℹ skipped 2"),
            Some(Counts {
                skipped: 2,
                ..Counts::default()
            })
        );
        assert_eq!(parse_node_line("# tests 6"), None);
        assert_eq!(parse_node_line("# duration_ms 812.5"), None);
        assert_eq!(parse_node_line("# Subtest: pass 5 things"), None);
    }

    #[test]
    fn layers_pass_only_with_tests_that_ran_and_passed() {
        let ok = Counts {
            passed: 3,
            ..Counts::default()
        };
        assert!(matches!(judge(true, Some(ok)), Outcome::Passed(_)));
        assert!(matches!(
            judge(true, Some(Counts::default())),
            Outcome::Failed(_)
        ));
        assert!(matches!(judge(true, None), Outcome::Failed(_)));
        assert!(matches!(judge(false, Some(ok)), Outcome::Failed(_)));
        assert!(matches!(judge(false, None), Outcome::Failed(_)));
        let failed = Counts {
            passed: 3,
            failed: 1,
            ..Counts::default()
        };
        assert!(matches!(judge(true, Some(failed)), Outcome::Failed(_)));
    }

    #[test]
    fn counts_describe_themselves_as_the_plain_closing_line() {
        let c = Counts {
            passed: 7,
            failed: 0,
            skipped: 1,
        };
        assert_eq!(c.describe(), "7 passed, 0 failed, 1 skipped");
        assert_eq!(Counts::default().describe(), "0 passed, 0 failed");
    }

    #[test]
    fn e2e_files_are_the_sorted_test_modules() {
        let dir = std::env::temp_dir().join(format!("xtask-e2e-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["b.test.mjs", "a.test.mjs", "helpers.mjs", "c.test.js"] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let names: Vec<String> = e2e_files(&dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.test.mjs", "b.test.mjs"]);
        assert!(e2e_files(&dir.join("absent")).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! `cargo xtask setup`: install only what is missing, each step timed and printed.
//!
//! 1. the `wasm32-unknown-unknown` target (rustup);
//! 2. wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock (`cargo install`,
//!    without `--locked`: its own lockfile pins crates the registry here lacks);
//! 3. Debian's `chromium` and `chromium-driver` (apt-get, retried: the image deletes downloaded
//!    .debs, and an install can fail with "cannot access archive");
//! 4. the npm dev dependencies from package-lock.json (`npm ci`): binaryen's `wasm-opt`,
//!    `esbuild` (bundles the element for `dist`), `playwright-core` and `axe-core`. Never Debian's binaryen (its wasm-opt 108 corrupts
//!    wasm-bindgen 0.2.130 output) and never `npx playwright install` (Debian's Chromium is used).

use std::path::Path;
use std::process::Command;
use std::time::{Instant, SystemTime};

use crate::util::{self, bail, format_duration, Context, Ctx, Error, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// wasm-opt from the npm package `binaryen`, relative to the repository root.
pub const WASM_OPT: &str = "node_modules/.bin/wasm-opt";
pub use devkit::ESBUILD;

/// Which groups of tools a task needs.
#[derive(Clone, Copy, Debug)]
pub struct Needs {
    /// The wasm target and the wasm-bindgen CLI (and its test runner).
    pub wasm: bool,
    /// Chromium and ChromeDriver.
    pub browser: bool,
    /// node_modules: wasm-opt, esbuild, playwright-core, axe-core.
    pub npm: bool,
}

impl Needs {
    pub fn all() -> Self {
        Self {
            wasm: true,
            browser: true,
            npm: true,
        }
    }

    /// What `dist` (and so `serve`) needs: no browser.
    pub fn dist() -> Self {
        Self {
            wasm: true,
            browser: false,
            npm: true,
        }
    }
}

pub fn run(ctx: &Ctx, needs: Needs) -> Result<()> {
    util::step("setup", || {
        if needs.wasm {
            timed("wasm32-unknown-unknown target", wasm_target)?;
            timed("wasm-bindgen-cli", || wasm_bindgen_cli(ctx))?;
        }
        if needs.browser {
            timed("chromium + chromium-driver", chromium)?;
        }
        if needs.npm {
            timed("npm dev dependencies", || npm(ctx))?;
        }
        Ok(())
    })
}

/// Runs one setup step and prints `[setup] name: outcome (time)`.
fn timed(name: &str, f: impl FnOnce() -> Result<String>) -> Result<()> {
    let start = Instant::now();
    let result = f();
    let took = format_duration(start.elapsed());
    match result {
        Ok(outcome) => {
            println!("[setup] {name}: {outcome} ({took})");
            Ok(())
        }
        Err(err) => {
            println!("[setup] {name}: FAILED ({took})");
            Err(err)
        }
    }
}

fn wasm_target() -> Result<String> {
    let installed = util::probe(Command::new("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|line| line.trim() == WASM_TARGET) => {
            Ok("already installed".into())
        }
        Some(_) => {
            util::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
            Ok("installed".into())
        }
        None => {
            // No rustup (a distribution's Rust, say): look in the sysroot instead.
            let sysroot = util::probe(Command::new("rustc").args(["--print", "sysroot"]))
                .ok_or_else(|| Error::new("neither `rustup` nor `rustc` could be run"))?;
            let lib = Path::new(sysroot.trim())
                .join("lib/rustlib")
                .join(WASM_TARGET);
            if lib.is_dir() {
                Ok("already installed (no rustup; found in the sysroot)".into())
            } else {
                bail!("the {WASM_TARGET} target is missing and rustup is not available to add it")
            }
        }
    }
}

fn wasm_bindgen_cli(ctx: &Ctx) -> Result<String> {
    let lock_path = ctx.path("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .context(|| format!("reading {}", lock_path.display()))?;
    let wanted = match locked_versions(&lock, "wasm-bindgen").as_slice() {
        [one] => one.clone(),
        [] => bail!(
            "Cargo.lock has no `wasm-bindgen` package: is the root crate's dependency missing?"
        ),
        many => bail!(
            "Cargo.lock has several `wasm-bindgen` versions ({}); the CLI must match exactly one",
            many.join(", ")
        ),
    };
    let found = installed_wasm_bindgen();
    if found.as_deref() == Some(wanted.as_str())
        && util::find_tool("wasm-bindgen-test-runner").is_some()
    {
        return Ok(format!("{wanted} already installed"));
    }
    match &found {
        Some(other) => {
            println!("found wasm-bindgen {other}, Cargo.lock wants {wanted}: installing")
        }
        None => {
            println!("wasm-bindgen {wanted} not found: installing (5-8 minutes on a fresh machine)")
        }
    }
    // From a neutral folder: the repository's .cargo/config.toml is not meant for this build.
    let mut install = ctx.cargo();
    install.current_dir(std::env::temp_dir());
    install.args(["install", "wasm-bindgen-cli", "--version", &wanted]);
    util::run(&mut install)?;
    match installed_wasm_bindgen() {
        Some(now) if now == wanted => Ok(format!("{wanted} installed")),
        now => bail!(
            "installed wasm-bindgen-cli {wanted}, but `wasm-bindgen --version` now reports {}: \
             is another wasm-bindgen earlier on PATH?",
            now.as_deref().unwrap_or("nothing")
        ),
    }
}

fn installed_wasm_bindgen() -> Option<String> {
    let tool = util::find_tool("wasm-bindgen")?;
    let output = util::probe(Command::new(tool).arg("--version"))?;
    parse_tool_version(&output).map(str::to_string)
}

/// The versions of package `name` recorded in a Cargo.lock (`[[package]]` tables).
pub fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut current_name: Option<&str> = None;
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') {
            current_name = None;
        } else if let Some(value) = toml_string(line, "name") {
            current_name = Some(value);
        } else if let Some(value) = toml_string(line, "version") {
            if current_name == Some(name) {
                versions.push(value.to_string());
            }
        }
    }
    versions
}

/// The value of a `key = "value"` line, if the line is one for `key`.
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    rest.strip_prefix('"')?.strip_suffix('"')
}

/// `wasm-bindgen 0.2.130` -> `0.2.130`.
pub fn parse_tool_version(output: &str) -> Option<&str> {
    output.split_whitespace().nth(1)
}

fn chromium() -> Result<String> {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return Ok(format!("already installed ({CHROMIUM}, {CHROMEDRIVER})"));
    }
    println!(
        "missing {}: installing Debian's chromium and chromium-driver",
        missing.join(" and ")
    );
    let uid = util::probe(Command::new("id").arg("-u")).unwrap_or_default();
    if uid.trim() != "0" {
        bail!("installing Chromium needs root: run `apt-get install -y chromium chromium-driver` as root");
    }
    util::run(
        Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    const ATTEMPTS: u32 = 3;
    let mut attempt = 1;
    loop {
        let mut install = Command::new("apt-get");
        install
            .args(["install", "-y", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive");
        match util::run(&mut install) {
            Ok(()) => return Ok(format!("installed (attempt {attempt} of {ATTEMPTS})")),
            Err(err) if attempt < ATTEMPTS => {
                // The image deletes .debs after each dpkg run: "cannot access archive" is retried.
                println!("attempt {attempt} of {ATTEMPTS} failed ({err}); retrying");
                std::thread::sleep(std::time::Duration::from_secs(2));
                attempt += 1;
            }
            Err(err) => {
                bail!("apt-get could not install chromium after {ATTEMPTS} attempts: {err}")
            }
        }
    }
}

fn npm(ctx: &Ctx) -> Result<String> {
    let lock = ctx.path("package-lock.json");
    if !lock.is_file() {
        bail!(
            "package-lock.json is missing: run `npm install` at the repository root to create it"
        );
    }
    // npm writes node_modules/.package-lock.json on every install: its age is node_modules' age.
    let marker = ctx.path("node_modules/.package-lock.json");
    let tools = [WASM_OPT, ESBUILD];
    let fresh = is_up_to_date(modified(&lock), modified(&marker))
        && tools.iter().all(|tool| ctx.path(tool).is_file());
    if fresh {
        return Ok("node_modules up to date".into());
    }
    if util::find_tool("node").is_none() || util::find_tool("npm").is_none() {
        bail!("node and npm are needed (Node.js 20 or later): install them, e.g. `apt-get install -y nodejs npm`");
    }
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&ctx.root),
    )?;
    if !ctx.path(WASM_OPT).is_file() {
        bail!("`npm ci` finished but {WASM_OPT} is missing: is `binaryen` in package.json?");
    }
    if !ctx.path(ESBUILD).is_file() {
        bail!("`npm ci` finished but {ESBUILD} is missing: is `esbuild` in package.json?");
    }
    Ok("installed with npm ci".into())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// An install is up to date when it exists and is not older than the lockfile it came from.
fn is_up_to_date(lockfile: Option<SystemTime>, installed: Option<SystemTime>) -> bool {
    match (lockfile, installed) {
        (Some(lockfile), Some(installed)) => installed >= lockfile,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const LOCK: &str = r#"
# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "xtask"
version = "0.1.0"
"#;

    #[test]
    fn lock_versions_are_found_by_exact_name() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "xtask"), ["0.1.0"]);
        assert!(locked_versions(LOCK, "wasm").is_empty());
    }

    #[test]
    fn lock_file_format_version_is_not_a_package_version() {
        // The top-level `version = 4` belongs to no package.
        assert!(locked_versions("version = 4\n", "").is_empty());
    }

    #[test]
    fn lock_with_two_versions_lists_both() {
        let lock = "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n\n[[package]]\nname = \"a\"\nversion = \"2.0.0\"\n";
        assert_eq!(locked_versions(lock, "a"), ["1.0.0", "2.0.0"]);
    }

    #[test]
    fn tool_versions_are_the_second_word() {
        assert_eq!(
            parse_tool_version("wasm-bindgen 0.2.130\n"),
            Some("0.2.130")
        );
        assert_eq!(parse_tool_version(""), None);
    }

    #[test]
    fn installs_older_than_their_lockfile_are_stale() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let later = t + Duration::from_secs(1);
        assert!(is_up_to_date(Some(t), Some(later)));
        assert!(is_up_to_date(Some(t), Some(t)));
        assert!(!is_up_to_date(Some(later), Some(t)));
        assert!(!is_up_to_date(Some(t), None));
    }
}

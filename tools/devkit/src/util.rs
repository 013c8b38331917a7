//! Shared plumbing for the tasks: the error type, the repository context, timed steps, and
//! running external commands (printed before they run, checked after).

use std::ffi::OsStr;
use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A task failure: a message meant for the person at the terminal, never a panic.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Return early with an [`Error`] built like `format!`.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::util::Error::new(format!($($arg)*)))
    };
}
pub use crate::bail;

/// Adds what was being done to an error from std or a library: `reading Cargo.lock: ...`.
pub trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|err| Error::new(format!("{}: {err}", what())))
    }
}

/// Where the tasks run: the repository root, and whether we are on CI (`CI=true`).
pub struct Ctx {
    pub root: PathBuf,
    pub ci: bool,
}

impl Ctx {
    pub fn new() -> Result<Self> {
        // This crate sits at tools/devkit/ under the repository root.
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .ancestors()
            .nth(2)
            .ok_or_else(|| Error::new("tools/devkit has no grandparent folder"))?
            .to_path_buf();
        if !root.join("Cargo.lock").is_file() && !root.join("Cargo.toml").is_file() {
            bail!("{} does not look like the repository root", root.display());
        }
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        Ok(Self { root, ci })
    }

    /// A path under the repository root.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// A `cargo` command (the same cargo that runs xtask), run from the repository root.
    pub fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(&self.root);
        cmd
    }
}

/// Runs `f` as a named, timed step: `==> name` before, `<== name: ok (1.2 s)` after.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {name}");
    let start = Instant::now();
    let result = f();
    let took = format_duration(start.elapsed());
    match &result {
        Ok(_) => println!("<== {name}: ok ({took})"),
        Err(_) => println!("<== {name}: FAILED ({took})"),
    }
    result
}

/// `850 ms`, `12.3 s`, `4 min 05 s`.
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        let secs = d.as_secs();
        format!("{} min {:02} s", secs / 60, secs % 60)
    }
}

/// The command as a person would type it, with the environment it was given: `A=1 prog arg`.
pub fn display_command(cmd: &Command) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (key, value) in cmd.get_envs() {
        if key == "PATH" {
            parts.push("PATH=~/.cargo/bin:$PATH".into());
        } else if let Some(value) = value {
            parts.push(format!("{}={}", key.to_string_lossy(), quote(value)));
        }
    }
    parts.push(quote(
        shown_program(Path::new(cmd.get_program())).as_os_str(),
    ));
    parts.extend(cmd.get_args().map(quote));
    parts.join(" ")
}

/// Tools by name rather than by the absolute path we resolved them to (`wasm-bindgen`), except
/// the project's npm tools, shown as `node_modules/.bin/wasm-opt` to tell them from system ones.
fn shown_program(program: &Path) -> PathBuf {
    if !program.is_absolute() {
        return program.to_path_buf();
    }
    let components: Vec<_> = program.components().collect();
    if let Some(at) = components
        .iter()
        .position(|c| c.as_os_str() == "node_modules")
    {
        return components[at..].iter().collect();
    }
    program
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| program.to_path_buf())
}

fn quote(text: &OsStr) -> String {
    let text = text.to_string_lossy();
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@".contains(c))
    {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn spawn_error(cmd: &Command, err: std::io::Error) -> Error {
    let program = cmd.get_program().to_string_lossy();
    if err.kind() == std::io::ErrorKind::NotFound {
        Error::new(format!("`{program}` was not found (is it installed? `cargo xtask setup` installs the project's tools)"))
    } else {
        Error::new(format!("could not start `{program}`: {err}"))
    }
}

/// Prints the command, runs it with inherited stdio, and fails unless it exits successfully.
pub fn run(cmd: &mut Command) -> Result<()> {
    println!("$ {}", display_command(cmd));
    let status = cmd.status().map_err(|err| spawn_error(cmd, err))?;
    if !status.success() {
        bail!("`{}` failed ({status})", display_command(cmd));
    }
    Ok(())
}

/// Runs the command quietly and returns its standard output, or `None` if it could not run or
/// failed: for probes such as `wasm-bindgen --version`.
pub fn probe(cmd: &mut Command) -> Option<String> {
    let output = cmd.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Prints the command, runs it, and hands each line of its standard output to `on_line`,
/// echoing it too when `echo` is set; standard error is inherited. Returns whether it exited
/// successfully.
pub fn run_lines(cmd: &mut Command, echo: bool, mut on_line: impl FnMut(&str)) -> Result<bool> {
    println!("$ {}", display_command(cmd));
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| spawn_error(cmd, err))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.context(|| "reading the output of a command".to_string())?;
            if echo {
                println!("{line}");
            }
            on_line(&line);
        }
    }
    let status = child
        .wait()
        .context(|| "waiting for a command".to_string())?;
    Ok(status.success())
}

/// Cargo's own bin directory (`$CARGO_HOME/bin`, by default `~/.cargo/bin`), where
/// `cargo install` puts wasm-bindgen and wasm-bindgen-test-runner.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(home).join("bin"));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo").join("bin"))
}

/// Finds an executable on PATH, then in cargo's bin directory (which may not be on PATH).
pub fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(cargo_bin_dir())
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// PATH with cargo's bin directory in front, for commands that look tools up themselves
/// (cargo finds the wasm test runner `wasm-bindgen-test-runner` this way).
pub fn path_with_cargo_bin() -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs = cargo_bin_dir()
        .into_iter()
        .chain(std::env::split_paths(&path));
    std::env::join_paths(dirs).unwrap_or(path)
}

/// A path relative to the repository root for messages, or the path itself if outside it.
pub fn relative<'a>(root: &Path, path: &'a Path) -> std::borrow::Cow<'a, str> {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy(),
        _ => path.to_string_lossy(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(Duration::from_millis(850)), "850 ms");
        assert_eq!(format_duration(Duration::from_millis(12_340)), "12.3 s");
        assert_eq!(format_duration(Duration::from_secs(245)), "4 min 05 s");
    }

    #[test]
    fn commands_display_with_env_and_quotes() {
        let mut cmd = Command::new("node");
        cmd.arg("--test")
            .arg("a b.mjs")
            .env("EXPLORER_URL", "http://127.0.0.1:1/");
        assert_eq!(
            display_command(&cmd),
            "EXPLORER_URL=http://127.0.0.1:1/ node --test 'a b.mjs'"
        );
    }

    #[test]
    fn absolute_tool_paths_display_as_names() {
        let cmd = Command::new("/root/.cargo/bin/wasm-bindgen");
        assert_eq!(display_command(&cmd), "wasm-bindgen");
        let cmd = Command::new("/work/main/node_modules/.bin/wasm-opt");
        assert_eq!(display_command(&cmd), "node_modules/.bin/wasm-opt");
    }
}

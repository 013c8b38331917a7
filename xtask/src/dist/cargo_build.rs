//! The dist's first step: `cargo build` of the wasm with cargo's JSON messages read for the
//! `.wasm`, the build script's `OUT_DIR` and its binary, and the build script's progress
//! shown while it runs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use super::{BuildOutput, Mode, Profile, PACKAGE};
use crate::util::{self, bail, Context, Ctx, Result};

pub(super) fn build(
    ctx: &Ctx,
    profile: Profile,
    mode: Mode,
    corpus: Option<&Path>,
) -> Result<BuildOutput> {
    let mut cmd = ctx.cargo();
    cmd.args(["build", "--lib", "--target", crate::setup::WASM_TARGET]);
    if profile == Profile::Release {
        cmd.arg("--release");
    }
    if let Mode::Lazy {
        file_bytes: Some(bytes),
        ..
    } = mode
    {
        cmd.env("ARTICLES_LAZY_FILE", bytes.to_string());
    }
    // A feature, not only an environment variable: cargo keeps the two builds apart, so
    // switching between them does not rebuild the index each time.
    match mode {
        Mode::Hosted { chunk_text } => {
            cmd.args(["--features", "hosted"]);
            if let Some(bytes) = chunk_text {
                cmd.env("ARTICLES_TEXT_CHUNK", bytes.to_string());
            }
        }
        // One article a text chunk (lazy format 9): build.rs refuses ARTICLES_TEXT_CHUNK.
        Mode::Lazy { .. } => {
            cmd.args(["--features", "hosted-lazy"]);
        }
        Mode::Embedded => {}
    }
    cmd.args(["-p", PACKAGE, "--message-format=json-render-diagnostics"]);
    if let Some(dir) = corpus {
        cmd.env("ARTICLES_DIR", dir);
    }
    let manifest = ctx.path("Cargo.toml");
    // The build script writes its progress to a file (cargo shows a build script's output only
    // when it fails); a thread shows the new lines while cargo runs.
    let progress = ctx.path(&format!(
        "target/xtask-dist/progress-{}.txt",
        std::process::id()
    ));
    if let Some(parent) = progress.parent() {
        std::fs::create_dir_all(parent).context(|| format!("creating {}", parent.display()))?;
    }
    let _ = std::fs::remove_file(&progress);
    cmd.env("ARTICLES_PROGRESS", &progress);
    let done = std::sync::atomic::AtomicBool::new(false);
    let mut messages = Vec::new();
    let ok = std::thread::scope(|scope| {
        scope.spawn(|| show_progress(&progress, &done));
        let ok = util::run_lines(&mut cmd, false, |line| {
            if let Ok(message) = serde_json::from_str::<Value>(line) {
                if message["reason"] == "build-script-executed"
                    && message["package_id"]
                        .as_str()
                        .is_some_and(|id| id.contains(PACKAGE))
                {
                    println!("  the index is built; compiling {PACKAGE} with it embedded");
                }
                messages.push(message);
            }
        });
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        ok
    })?;
    let _ = std::fs::remove_file(&progress);
    if !ok {
        bail!("the wasm build failed (cargo's errors are above)");
    }
    Ok(read_messages(&messages, &manifest))
}

/// Prints the lines the build script adds to `file` until `done`, indented.
fn show_progress(file: &Path, done: &std::sync::atomic::AtomicBool) {
    let mut shown = 0;
    loop {
        let finished = done.load(std::sync::atomic::Ordering::Relaxed);
        if let Ok(text) = std::fs::read_to_string(file) {
            // Whole lines only: the build script may be writing the next one.
            let complete = text.rfind('\n').map_or(0, |i| i + 1);
            if complete > shown {
                for line in text[shown..complete].lines() {
                    println!("  index build {line}");
                }
                shown = complete;
            }
        }
        if finished {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Finds the cdylib `.wasm` of the package whose manifest is `manifest`, and the `OUT_DIR` of the
/// same package's build script (matched by package id, whatever its format).
pub fn read_messages(messages: &[Value], manifest: &Path) -> BuildOutput {
    let mut out = BuildOutput::default();
    let mut package_id = None;
    for message in messages {
        let is_ours = message["manifest_path"]
            .as_str()
            .is_some_and(|p| Path::new(p) == manifest);
        let is_cdylib = message["target"]["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "cdylib"));
        if message["reason"] == "compiler-artifact" && is_ours && is_cdylib {
            package_id = message["package_id"].as_str();
            let filenames = message["filenames"].as_array().into_iter().flatten();
            out.wasm = filenames
                .filter_map(Value::as_str)
                .find(|f| f.ends_with(".wasm"))
                .map(PathBuf::from);
        }
    }
    for message in messages {
        let is_ours = message["manifest_path"]
            .as_str()
            .is_some_and(|p| Path::new(p) == manifest);
        let is_build_script = message["target"]["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "custom-build"));
        if message["reason"] == "compiler-artifact" && is_ours && is_build_script {
            out.build_script = message["filenames"][0].as_str().map(PathBuf::from);
        }
        if message["reason"] == "build-script-executed"
            && package_id.is_some()
            && message["package_id"].as_str() == package_id
        {
            out.out_dir = message["out_dir"].as_str().map(PathBuf::from);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<Value> {
        text.lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    const MESSAGES: &str = r#"{"reason":"compiler-artifact","package_id":"path+file:///w#article-explorer@0.1.0","manifest_path":"/w/Cargo.toml","target":{"kind":["custom-build"]},"filenames":["/w/target/release/build/x/build-script-build"]}
{"reason":"build-script-executed","package_id":"path+file:///w/crates/index#explorer-index@0.1.0","out_dir":"/w/target/other/out"}
{"reason":"build-script-executed","package_id":"path+file:///w#article-explorer@0.1.0","out_dir":"/w/target/wasm32-unknown-unknown/release/build/a-1/out"}
{"reason":"compiler-artifact","package_id":"path+file:///w/crates/text#explorer-text@0.1.0","manifest_path":"/w/crates/text/Cargo.toml","target":{"kind":["lib"]},"filenames":["/w/target/x.rlib"]}
{"reason":"compiler-artifact","package_id":"path+file:///w#article-explorer@0.1.0","manifest_path":"/w/Cargo.toml","target":{"kind":["cdylib","rlib"]},"filenames":["/w/target/wasm32-unknown-unknown/release/article_explorer.wasm","/w/target/wasm32-unknown-unknown/release/libarticle_explorer.rlib"]}
{"reason":"build-finished","success":true}"#;

    #[test]
    fn messages_give_the_wasm_and_the_build_script_out_dir() {
        let out = read_messages(&messages(MESSAGES), Path::new("/w/Cargo.toml"));
        assert_eq!(
            out.wasm.as_deref(),
            Some(Path::new(
                "/w/target/wasm32-unknown-unknown/release/article_explorer.wasm"
            ))
        );
        assert_eq!(
            out.out_dir.as_deref(),
            Some(Path::new(
                "/w/target/wasm32-unknown-unknown/release/build/a-1/out"
            ))
        );
    }

    #[test]
    fn messages_of_other_manifests_are_ignored() {
        let out = read_messages(&messages(MESSAGES), Path::new("/elsewhere/Cargo.toml"));
        assert_eq!(out, BuildOutput::default());
    }

    #[test]
    fn a_package_without_build_script_output_has_no_out_dir() {
        let text: String = MESSAGES
            .lines()
            .filter(|l| !l.contains("build-script-executed"))
            .collect::<Vec<_>>()
            .join("\n");
        let out = read_messages(&messages(&text), Path::new("/w/Cargo.toml"));
        assert!(out.wasm.is_some());
        assert_eq!(out.out_dir, None);
    }
}

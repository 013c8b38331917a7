//! Bundling with esbuild: `dist/article-explorer.js` becomes one ES module (element, API,
//! wasm-bindgen glue), so a host page needs a single `<script type="module" src>`.
//!
//! esbuild (npm, pinned in package-lock.json) runs on the files already copied into `dist/`,
//! where `./pkg/article_explorer.js` resolves. The `.wasm` stays a separate file: the bundle sits
//! at the root of `dist/` like `explorer.js` did, so `explorer.js`'s
//! `new URL('./pkg/article_explorer_bg.wasm', import.meta.url)`, which esbuild keeps as written,
//! still names `dist/pkg/article_explorer_bg.wasm`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{self, bail, Context, Ctx, Result};
use crate::ESBUILD;

/// The element's entry module in `www/` and the bundle's name in `dist/`.
pub const ELEMENT_ENTRY: &str = "article-explorer.js";
/// The wasm-bindgen glue, relative to `dist/`.
pub const GLUE: &str = "pkg/article_explorer.js";
/// What `explorer.js` reads when no `wasm` option is given: the single file sets it.
pub const WASM_GLOBAL: &str = "__ARTICLE_EXPLORER_WASM__";
/// The worker of `createExplorer({ worker: true })` in `www/` (imports `../explorer.js`).
pub const WORKER_ENTRY: &str = "runtime/worker.js";
/// The worker bundled into one module in `dist/`, next to the element bundle.
pub const WORKER_BUNDLE: &str = "article-explorer-worker.js";
/// What `runtime/worker-client.js` reads to find the worker script: a URL, or `{ code }`.
pub const WORKER_GLOBAL: &str = "__ARTICLE_EXPLORER_WORKER__";

/// One bundled module.
pub struct Bundle {
    pub code: String,
    /// The modules esbuild put in, relative to `dist/`, sorted.
    pub inputs: Vec<String>,
}

impl Bundle {
    /// Whether the wasm-bindgen glue is inside (it is not when it is imported dynamically).
    pub fn has_glue(&self) -> bool {
        self.inputs.iter().any(|input| input == GLUE)
    }
}

/// Bundles `dist/<entry>` and its static imports into one minified ES module.
/// `minify` is off for debug builds, which keep names readable.
pub fn bundle(ctx: &Ctx, dist: &Path, entry: &str, minify: bool) -> Result<Bundle> {
    bundle_as(ctx, dist, entry, minify, false)
}

/// [`bundle`], or with `classic`, one classic script (an IIFE, `import.meta.url` undefined):
/// what a worker started from a Blob URL on a file:// page must be (Chromium refuses module
/// workers there).
fn bundle_as(ctx: &Ctx, dist: &Path, entry: &str, minify: bool, classic: bool) -> Result<Bundle> {
    let tool = ctx.path(ESBUILD);
    if !tool.is_file() {
        bail!("{ESBUILD} is missing: run `cargo xtask setup` (npm ci installs esbuild)");
    }
    let work = scratch_dir(ctx)?;
    let result = run_esbuild(&tool, dist, entry, &work, minify, classic);
    // Best effort: a leftover scratch folder under target/ harms nothing.
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run_esbuild(
    tool: &Path,
    dist: &Path,
    entry: &str,
    work: &Path,
    minify: bool,
    classic: bool,
) -> Result<Bundle> {
    let out = work.join("bundle.js");
    let meta = work.join("meta.json");
    let format: &[&str] = if classic {
        &["--format=iife", "--define:import.meta.url=undefined"]
    } else {
        &["--format=esm"]
    };
    let mut cmd = Command::new(tool);
    cmd.current_dir(dist)
        .arg(entry)
        .args(["--bundle", "--target=es2022"])
        .args(format)
        .args(minify.then_some("--minify"))
        .args([
            // Module scripts are always decoded as UTF-8: no need for \u escapes.
            "--charset=utf8",
            "--legal-comments=none",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", out.display()))
        .arg(format!("--metafile={}", meta.display()));
    util::run(&mut cmd)?;
    let code = std::fs::read_to_string(&out).context(|| format!("reading {}", out.display()))?;
    let meta_text =
        std::fs::read_to_string(&meta).context(|| format!("reading {}", meta.display()))?;
    let inputs = metafile_inputs(&meta_text)
        .context(|| format!("{}: esbuild's metafile", meta.display()))?;
    Ok(Bundle { code, inputs })
}

/// Writes `dist/article-explorer.js` over the copied entry module, if `www/` has one, and checks
/// what the single file relies on. Returns the bundle, or `None` when there is no entry.
pub fn element(ctx: &Ctx, dist: &Path, minify: bool) -> Result<Option<Bundle>> {
    let target = dist.join(ELEMENT_ENTRY);
    if !target.is_file() {
        println!("www/{ELEMENT_ENTRY} is missing: no element bundle (the <article-explorer> element lives there)");
        return Ok(None);
    }
    let bundled = bundle(ctx, dist, ELEMENT_ENTRY, minify)?;
    for problem in problems(&bundled) {
        println!("warning: dist/{ELEMENT_ENTRY}: {problem}");
    }
    let mut bundled = bundled;
    if dist.join(WORKER_BUNDLE).is_file() {
        // The element's worker is the bundled one beside it, not www's runtime/worker.js
        // (whose imports a one-file embed does not have). `??=`: the single file names it first.
        bundled.code = format!(
            "globalThis.{WORKER_GLOBAL}??=new URL(\"./{WORKER_BUNDLE}\",import.meta.url).href;\n{}",
            bundled.code
        );
    }
    std::fs::write(&target, &bundled.code).context(|| format!("writing {}", target.display()))?;
    println!(
        "dist/{ELEMENT_ENTRY}: {} modules in one, {}",
        bundled.inputs.len(),
        crate::sizes::format_size(bundled.code.len() as u64)
    );
    Ok(Some(bundled))
}

/// Writes `dist/article-explorer-worker.js`, the worker of `createExplorer({ worker: true })`
/// with the API and the glue in one classic script (the embed's worker; the single file
/// inlines it). `None` when `www/` has no worker.
pub fn worker(ctx: &Ctx, dist: &Path, minify: bool) -> Result<Option<Bundle>> {
    if !dist.join(WORKER_ENTRY).is_file() {
        return Ok(None);
    }
    let bundled = bundle_as(ctx, dist, WORKER_ENTRY, minify, true)?;
    if !bundled.has_glue() {
        bail!("dist/{WORKER_BUNDLE}: {GLUE} is not inside; the worker cannot start on its own");
    }
    let target = dist.join(WORKER_BUNDLE);
    std::fs::write(&target, &bundled.code).context(|| format!("writing {}", target.display()))?;
    println!(
        "dist/{WORKER_BUNDLE}: {} modules in one, {}",
        bundled.inputs.len(),
        crate::sizes::format_size(bundled.code.len() as u64)
    );
    Ok(Some(bundled))
}

/// The classic script that names the worker by its source (`{ code }`), for a page that
/// cannot fetch it (the single file, from file://): the worker then starts from a Blob URL.
/// Empty without a worker.
pub fn worker_global(worker: Option<&Bundle>) -> String {
    let Some(worker) = worker else {
        return String::new();
    };
    let code = serde_json::to_string(&worker.code).unwrap_or_else(|_| "\"\"".into());
    format!("globalThis.{WORKER_GLOBAL}={{code:{code}}};")
}

/// What keeps a bundle from working on its own (from file:// in the single file).
pub fn problems(bundle: &Bundle) -> Vec<String> {
    let mut problems = Vec::new();
    if !bundle.has_glue() {
        problems.push(format!(
            "{GLUE} is not inside: www/explorer.js must import it statically \
             (`import init, * as glue from './{GLUE}'`), a dynamic import() stays a request"
        ));
    }
    if !bundle.code.contains(WASM_GLOBAL) {
        problems.push(format!(
            "no `{WASM_GLOBAL}`: createExplorer() must fall back to globalThis.{WASM_GLOBAL} \
             when no wasm option is given, or the single file fetches the .wasm"
        ));
    }
    problems
}

/// The `inputs` of an esbuild metafile: paths relative to the working directory, sorted.
pub fn metafile_inputs(meta: &str) -> Result<Vec<String>> {
    let value: Value = serde_json::from_str(meta).context(|| "not JSON".to_string())?;
    let Some(inputs) = value["inputs"].as_object() else {
        bail!("no `inputs` object");
    };
    let mut paths: Vec<String> = inputs
        .keys()
        .map(|k| k.strip_prefix("./").unwrap_or(k).to_string())
        .collect();
    paths.sort();
    Ok(paths)
}

/// `target/xtask-dist/<pid>/`: esbuild's output before it is read (one folder per process, so
/// two `dist` runs at once do not mix their files).
fn scratch_dir(ctx: &Ctx) -> Result<PathBuf> {
    let dir = ctx
        .path("target/xtask-dist")
        .join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metafile_inputs_are_sorted_relative_paths() {
        let meta = r#"{"inputs":{"pkg/article_explorer.js":{"bytes":1},"explorer.js":{"bytes":2},"./article-explorer.js":{"bytes":3}},"outputs":{}}"#;
        assert_eq!(
            metafile_inputs(meta).unwrap(),
            [
                "article-explorer.js",
                "explorer.js",
                "pkg/article_explorer.js"
            ]
        );
        assert!(metafile_inputs("{}").is_err());
        assert!(metafile_inputs("nope").is_err());
    }

    #[test]
    fn the_inlined_worker_is_its_source_as_a_string() {
        assert_eq!(worker_global(None), "");
        let worker = Bundle {
            code: "postMessage(\"</script>\")\n".into(),
            inputs: vec![],
        };
        assert_eq!(
            worker_global(Some(&worker)),
            format!(r#"globalThis.{WORKER_GLOBAL}={{code:"postMessage(\"</script>\")\n"}};"#)
        );
    }

    #[test]
    fn a_bundle_without_the_glue_or_the_global_names_both_problems() {
        let bundle = Bundle {
            code: "import(u)".into(),
            inputs: vec!["explorer.js".into()],
        };
        let problems = problems(&bundle);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("statically"));
        let complete = Bundle {
            code: format!("globalThis.{WASM_GLOBAL}"),
            inputs: vec![GLUE.into(), "explorer.js".into()],
        };
        assert!(super::problems(&complete).is_empty());
    }
}

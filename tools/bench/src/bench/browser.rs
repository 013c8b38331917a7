//! The browser half of the benchmark: serve the bench dist folder with the xtask server on a
//! free loopback port and run `node bench/browser.mjs` against it (headless Chromium through
//! playwright-core). The script's JSON answer is returned as it is.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::serve::Server;
use crate::util::{self, Context, Ctx, Result};

/// Query passes after the warm-up pass, and fresh page loads for the ready figure.
pub const RUNS: u32 = 5;
pub const LOADS: u32 = 3;

pub fn run(ctx: &Ctx, dist: &Path, queries_json: &Path, out: &Path, hosted: bool) -> Result<Value> {
    let server = Server::bind(dist, 0, false)?;
    let url = server.url();
    println!("serving {} at {url}", util::relative(&ctx.root, dist));
    server.spawn();
    let _ = std::fs::remove_file(out);
    let mut cmd = Command::new("node");
    cmd.current_dir(&ctx.root)
        .arg("bench/browser.mjs")
        .args(["--url", &url])
        .arg("--queries")
        .arg(queries_json)
        .args(["--runs", &RUNS.to_string(), "--loads", &LOADS.to_string()])
        .arg("--out")
        .arg(out);
    if hosted {
        cmd.args(["--hosted", "1"]);
    }
    let ran = util::run(&mut cmd);
    // The script writes its result even when the page failed: prefer that to the exit status.
    match std::fs::read_to_string(out) {
        Ok(text) => serde_json::from_str(&text).context(|| format!("reading {}", out.display())),
        Err(_) => ran.and(Err(util::Error::new("bench/browser.mjs wrote no result"))),
    }
}

//! `--hosted`: the lazy hosted page in headless Chromium (issue 18). Builds `dist --hosted
//! --lazy` over the corpus into the work folder (time and peak memory), then runs the two
//! page benches against it, each serving the folder itself over loopback:
//!
//! - `bench/lazy-page.mjs`: the element page (`<article-explorer>`): bytes and time to ready
//!   and to the start page drawn, then "mehr anzeigen", an article, a facet, an entity view;
//! - `bench/lazy-queries.mjs`: every query of the list through the JS API, the first page of
//!   hits with its snippets, with a fresh cache and a warm one, and the list in one page;
//! - `bench/lazy-bare.mjs`: the same first pages, fresh, each in a Chromium that no tool is
//!   attached to (the DevTools protocol that drives the others costs each request time).
//!
//! Their JSON is returned as it is, and the figures the issue names are printed.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};

use super::measure;
use crate::dist;
use crate::util::{self, Context, Ctx, Result};

pub fn run(ctx: &Ctx, corpus: &Path, work: &Path, queries: &Path) -> Result<Value> {
    let queries_file = queries;
    let dist_dir = work.join("dist-lazy");
    let target_dir = std::env::var_os("BENCH_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| ctx.path(super::pipeline::BENCH_DIR).join("target"));
    // The dist's cargo runs inherit these (this process runs nothing else meanwhile).
    std::env::set_var("ARTICLES_DIR", corpus);
    std::env::set_var("CARGO_TARGET_DIR", &target_dir);
    let started = Instant::now();
    let mode = dist::Mode::Lazy { file_bytes: None };
    let built = dist::run_into(ctx, dist::Profile::Release, mode, &dist_dir);
    let wall = started.elapsed();
    std::env::remove_var("ARTICLES_DIR");
    std::env::remove_var("CARGO_TARGET_DIR");
    built?;
    // The largest child of this process so far: the builds of this run.
    let peak = measure::children_peak_rss();
    println!(
        "lazy dist over the corpus: {:.1} s, peak memory of a child so far {}",
        wall.as_secs_f64(),
        peak.map_or("unknown".into(), |b| format!(
            "{:.0} MiB",
            b as f64 / 1048576.0
        ))
    );

    let mut page = Command::new("node");
    page.current_dir(&ctx.root)
        .arg("bench/lazy-page.mjs")
        .arg(&dist_dir)
        .arg("1");
    let mut found = Value::Null;
    let ok = util::run_lines(&mut page, false, |line| {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            found = v;
        }
    })?;
    if !ok {
        util::bail!("bench/lazy-page.mjs failed");
    }
    let page = found;

    let out = work.join("lazy-queries.json");
    let _ = std::fs::remove_file(&out);
    let mut per_query = Command::new("node");
    per_query
        .current_dir(&ctx.root)
        .arg("bench/lazy-queries.mjs")
        .arg(&dist_dir)
        .arg("--queries")
        .arg(queries)
        .arg("--out")
        .arg(&out);
    util::run(&mut per_query)?;
    let text = std::fs::read_to_string(&out).context(|| format!("reading {}", out.display()))?;
    let queries: Value =
        serde_json::from_str(&text).context(|| format!("reading {}", out.display()))?;

    let bare_out = work.join("lazy-bare.json");
    let _ = std::fs::remove_file(&bare_out);
    let mut bare = Command::new("node");
    bare.current_dir(&ctx.root)
        .arg("bench/lazy-bare.mjs")
        .arg(&dist_dir)
        .arg("--queries")
        .arg(queries_file)
        .arg("--out")
        .arg(&bare_out);
    util::run(&mut bare)?;
    let text =
        std::fs::read_to_string(&bare_out).context(|| format!("reading {}", bare_out.display()))?;
    let bare: Value =
        serde_json::from_str(&text).context(|| format!("reading {}", bare_out.display()))?;

    print_table(&page, &queries, &bare, wall.as_secs_f64(), peak);
    Ok(json!({
        "build": { "wall_s": wall.as_secs_f64(), "peak_child_rss": peak },
        "page": page,
        "queries": queries,
        "bare": bare,
    }))
}

fn print_table(page: &Value, q: &Value, bare: &Value, wall: f64, peak: Option<u64>) {
    let f = |v: &Value| v.as_f64().map_or("–".into(), |x| format!("{x}"));
    let trio = |v: &Value| format!("{} / {} / {}", f(&v["median"]), f(&v["p95"]), f(&v["max"]));
    println!("\n| lazy hosted page, Chromium over loopback | figure |");
    println!("|---|---|");
    println!(
        "| build (`dist --hosted --lazy`), wall; peak memory of a child | {wall:.1} s; {} |",
        peak.map_or("–".into(), |b| format!("{:.0} MiB", b as f64 / 1048576.0))
    );
    println!(
        "| element page ready: index files gzip, whole page gzip, time | {} KiB, {} KiB, {} ms |",
        f(&page["ready"]["indexGzipKib"]),
        f(&page["ready"]["gzipKib"]),
        f(&page["readyMs"])
    );
    println!(
        "| start page drawn: index files gzip, time | {} KiB, {} ms |",
        f(&page["startPage"]["indexGzipKib"]),
        f(&page["firstListMs"])
    );
    println!(
        "| JS API ready: index files gzip, time | {} KiB, {} ms |",
        f(&q["ready"]["indexGzipKib"]),
        f(&q["ready"]["ms"])
    );
    println!(
        "| a first page with snippets, fresh cache: ms median / p95 / max | {} |",
        trio(&q["fresh"]["ms"])
    );
    println!(
        "| the same, in a Chromium no tool is attached to (`lazy-bare.mjs`) | {} |",
        trio(&bare["firstPageMs"])
    );
    println!(
        "| the same, KiB gzip median / p95 / max; requests median | {}; {} |",
        trio(&q["fresh"]["gzipKib"]),
        f(&q["fresh"]["requests"]["median"])
    );
    println!(
        "| the same, warm cache: ms median / p95 / max | {} |",
        trio(&q["warm"]["ms"])
    );
    println!(
        "| the list in one page: KiB gzip (texts), requests | {} ({}), {} |",
        f(&q["list"]["gzipKib"]),
        f(&q["list"]["textGzipKib"]),
        f(&q["list"]["requests"])
    );
    let problems = q["problems"].as_array().map_or(0, Vec::len)
        + page["problems"].as_array().map_or(0, Vec::len);
    println!("| problems (failed calls, page errors) | {problems} |");
}

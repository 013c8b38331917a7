//! Time the index build over a folder, step by step, and optionally keep the bytes:
//! `cargo run --release -p explorer-ingest --example build_time -- corpora/10000 [--out index.bin] [--runs 3]`.
//!
//! The steps are [`explorer_ingest::build`]'s; the total is `build` itself, so it includes
//! whatever runs concurrently inside it. `--steps` first times the steps one by one. `--out` writes the index, to compare two code states
//! byte for byte (`cmp`).

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("seeds");
    let mut out = None;
    let mut runs = 1;
    let mut steps = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--steps" => steps = true,
            "--out" => out = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => dir = PathBuf::from(a),
        }
    }
    if steps {
        time_steps(&dir);
    }
    let mut totals = Vec::new();
    for run in 0..runs {
        let started = Instant::now();
        let build = match explorer_ingest::build(&dir) {
            Ok(b) => b,
            Err(errors) => {
                for e in errors {
                    eprintln!("{e}");
                }
                std::process::exit(1);
            }
        };
        let total = started.elapsed().as_secs_f64();
        totals.push(total);
        println!(
            "run {}: {:.2} s, {} articles, {} bytes, fnv {:016x}",
            run + 1,
            total,
            build.indexed.len(),
            build.index.len(),
            fnv(&build.index)
        );
        if run == 0 {
            print!("{}", build.summary);
            if let Some(path) = &out {
                if let Err(e) = std::fs::write(path, &build.index) {
                    eprintln!("{}: {e}", path.display());
                    std::process::exit(1);
                }
            }
        }
    }
    totals.sort_by(f64::total_cmp);
    if runs > 1 {
        println!(
            "min {:.2} s, median {:.2} s over {runs} runs",
            totals[0],
            totals[totals.len() / 2]
        );
    }
}

/// The steps of `build` one after the other (`build_step_by_step`), each timed.
fn time_steps(dir: &std::path::Path) {
    let mut lap = (Instant::now(), cpu_seconds());
    let mut phase = |name: &'static str| {
        let cpu = cpu_seconds().zip(lap.1).map(|(now, then)| now - then);
        println!(
            "  {name}: {:.2} s{}",
            lap.0.elapsed().as_secs_f64(),
            cpu.map(|c| format!(" ({c:.2} s on the CPU)"))
                .unwrap_or_default()
        );
        lap = (Instant::now(), cpu_seconds());
    };
    if let Err(errors) = explorer_ingest::build_step_by_step(dir, &mut phase) {
        for e in errors {
            eprintln!("{e}");
        }
        std::process::exit(1);
    }
}

/// Time this thread has spent running, where Linux says (`/proc/thread-self/schedstat`): less
/// noisy than the wall clock on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// FNV-1a over the index bytes: a quick fingerprint to compare runs.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

//! The benchmark's markdown: the figures, the budgets (targets at 10,000 articles, shown for
//! every corpus as a yardstick, never asserted), the slowest queries and latency per category.

use std::fmt::Write as _;

use serde_json::Value;

use super::budgets::budgets;
use crate::sizes::format_size;

pub fn markdown(r: &Value) -> String {
    let mut m = String::new();
    let corpus = &r["corpus"];
    let _ = writeln!(
        m,
        "## {}{} — {} articles, {} of text ({} gzip)\n",
        corpus["path"].as_str().unwrap_or("?"),
        if r["hosted"] == true {
            ", hosted mode"
        } else {
            ""
        },
        corpus["files"],
        size(&corpus["text"]["raw"]),
        size(&corpus["text"]["gzip"])
    );
    let _ = writeln!(m, "| figure | value | what it includes |\n|---|---|---|");
    let b = &r["build"];
    row(
        &mut m,
        "index build (build script alone)",
        measured(&b["indexBuild"]),
        "read the folder, parse, analyse, write index.bin: the build script as cargo builds \
         it (the release profile's build-override: opt-level 0 unless set)",
    );
    let native_build = format!(
        "{}{}",
        ms(&r["native"]["buildMs"]),
        peak(&r["native"]["buildPeakRss"])
    );
    row(
        &mut m,
        "index build, optimised, in-process, step by step",
        native_build,
        "explorer_ingest::build_step_by_step in xtask's release build: the steps one after \
         the other (the build itself runs entities and analysis side by side: see the line above)",
    );
    let phases: Vec<String> = r["native"]["buildPhasesMs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| format!("{} {}", p["phase"].as_str().unwrap_or("?"), ms(&p["ms"])))
        .collect();
    if !phases.is_empty() {
        row(
            &mut m,
            "  phases of the optimised build",
            phases.join(", "),
            "the same steps, each timed",
        );
    }
    let steps: Vec<String> = b["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| format!("{} {}", p["step"].as_str().unwrap_or("?"), ms(&p["ms"])))
        .collect();
    row(
        &mut m,
        "whole `cargo xtask dist` after the corpus changed",
        measured(&b["dist"]),
        "every step below, dependencies compiled; peak memory of the processes it ran",
    );
    row(&mut m, "  by step", steps.join(", "), "");
    row(
        &mut m,
        "cargo build after the corpus changed",
        measured(&b["cargoBuild"]),
        "build script + compiling and LTO-linking article-explorer with the index embedded \
         (dependencies cached)",
    );
    row(
        &mut m,
        "wasm-bindgen / wasm-opt",
        format!(
            "{} / {}",
            measured(&b["wasmBindgen"]),
            measured(&b["wasmOpt"])
        ),
        "",
    );
    let s = &r["sizes"];
    row(
        &mut m,
        "wasm (raw / gzip / brotli)",
        sizes(&s["wasm"]),
        "the module as served: code + embedded index",
    );
    row(
        &mut m,
        "wasm without the index",
        sizes(&s["wasmWithoutIndex"]),
        "the module with the index bytes cut out of its data section",
    );
    row(
        &mut m,
        "  of which the code section",
        sizes(&s["codeSection"]),
        "the compiled functions alone (the rest: other data, tables, imports, exports)",
    );
    let crates: Vec<String> = s["codeByCrate"]
        .as_array()
        .into_iter()
        .flatten()
        .take(14)
        .map(|c| {
            format!(
                "{} {} ({} gzip)",
                c["crate"].as_str().unwrap_or("?"),
                size(&c["raw"]),
                size(&c["gzip"])
            )
        })
        .collect();
    if !crates.is_empty() {
        row(
            &mut m,
            "  code by crate, before wasm-opt (raw, gzip alone)",
            crates.join(", "),
            "function bodies grouped by the crate their name starts with (generics instantiated \
             for our types count in core/alloc)",
        );
    }
    row(&mut m, "index", sizes(&s["index"]), "index.bin as embedded");
    if let Some(report) = r["native"]["sizeReport"].as_str() {
        row(
            &mut m,
            "  index by section and postings column (bytes)",
            report.trim().replace('\n', "<br>"),
            "postings by kind of term: words, variants (only ever derived), exact-spelling keys",
        );
    }
    let parts: Vec<String> = s["indexSections"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            format!(
                "{} {} ({} gzip)",
                p["tag"].as_str().unwrap_or("?"),
                size(&p["size"]["raw"]),
                size(&p["size"]["gzip"])
            )
        })
        .collect();
    if !parts.is_empty() {
        row(
            &mut m,
            "  index sections (raw, gzip alone)",
            parts.join(", "),
            "the index's directory: each section compressed on its own",
        );
    }
    row(
        &mut m,
        "single file explorer.html",
        sizes(&s["singleFile"]),
        "the whole explorer in one file (wasm gzip + base64 inside)",
    );
    row(
        &mut m,
        "JS",
        sizes(&s["js"]),
        "every .js file of the page (glue, explorer.js, app)",
    );
    row(
        &mut m,
        "page payload",
        sizes(&s["payload"]),
        "every file of the page (no .d.ts; hosted: no text chunks), the UI's modules unbundled",
    );
    row(
        &mut m,
        "  of which the bench page fetches to be ready",
        sizes(&s["toReady"]),
        "the .wasm, explorer.js and the wasm-bindgen glue: what bench.html loads before its \
         first answer",
    );
    let chunks = &s["textChunks"];
    if chunks.is_object() {
        row(
            &mut m,
            "text chunks (hosted)",
            format!(
                "{} files, {} gzip in all; median {}, largest {}",
                chunks["count"],
                size(&chunks["gzip"]),
                size(&chunks["median"]),
                size(&chunks["max"])
            ),
            "the article texts, fetched only for the hits shown and the articles opened",
        );
    }
    let w = &r["browser"];
    row(&mut m, "ready: navigation → first answer", format!(
            "{} (createExplorer {}, wasm fetch {}, opening the index {})",
            ms(&w["ready"]["firstAnswerMs"]),
            ms(&w["ready"]["createExplorerMs"]),
            ms(&w["ready"]["wasmFetchMs"]),
            ms(&w["ready"]["openIndexMs"])
        ),
        "median of fresh loads of bench.html (no cache): fetch, compile, instantiate, open the index, one search");
    if w["ready"]["longestTaskMs"].is_number() {
        row(
            &mut m,
            "  longest main-thread task until then",
            ms(&w["ready"]["longestTaskMs"]),
            "PerformanceObserver \"longtask\" (tasks over 50 ms; 0: none): how long the page could not react while loading",
        );
    }
    if w["ready"]["firstSnippetsMs"].is_number() {
        row(
            &mut m,
            "  hosted: first answer with its snippets",
            format!(
                "{} ({} fetched in {} chunks)",
                ms(&w["ready"]["firstSnippetsMs"]),
                size(&w["ready"]["firstTextBytes"]),
                w["ready"]["firstTextChunks"]
            ),
            "the same loads: the first page's texts fetched (loadText), the search asked again",
        );
    }
    row(
        &mut m,
        "query latency in Chromium p50 / p95 / max",
        latency(&w["latency"]),
        "search(q, {limit: 20}) timed in the page, warm (after a warm-up pass); hosted: with \
         the queries' texts loaded",
    );
    worker_rows(&mut m, &w["worker"]);
    if w["latencyNoText"].is_object() {
        row(
            &mut m,
            "  hosted: no text loaded p50 / p95 / max",
            latency(&w["latencyNoText"]),
            "search() before any text is loaded: hits at once, snippets pending",
        );
        let t = &w["withTexts"];
        row(
            &mut m,
            "  hosted: query + its first page's texts p50 / p95 / max",
            latency(t),
            "search, loadText of the pending hits (fetch, gunzip, check), search again; one pass \
             in list order, so later queries find chunks already loaded",
        );
        row(
            &mut m,
            "  hosted: then fetched while querying",
            format!(
                "{} in {} requests over the query list (per query p50 {}, max {})",
                size(&t["bytes"]),
                t["requests"],
                size(&t["bytesPerQueryP50"]),
                size(&t["bytesPerQueryMax"])
            ),
            "text chunks as transferred (gzip)",
        );
    }
    row(
        &mut m,
        "query latency native p50 / p95 / max",
        latency(&r["native"]["latency"]),
        "Explorer::search, optimised native build",
    );
    row(
        &mut m,
        "  opening the index natively",
        ms(&r["native"]["openMs"]),
        "Explorer::open + Index::open (each checks the checksum of the whole index)",
    );
    row(
        &mut m,
        "  parts: parse + rank p50 / p95 / max",
        latency(&r["native"]["rankLatency"]),
        "query::parse + search::run, timed apart",
    );
    row(
        &mut m,
        "  parts: facets + dates p50 / p95 / max",
        latency(&r["native"]["facetsLatency"]),
        "facets::facets + facets::dates over every matching article, timed apart",
    );
    row(
        &mut m,
        "  parts: snippets p50 / p95 / max",
        latency(&r["native"]["snippetsLatency"]),
        "best passage + title highlights of the first 20 hits, timed apart",
    );
    let mem = &w["memory"];
    row(
        &mut m,
        "memory after the queries",
        format!(
            "JS heap {}, wasm memory {}, renderer RSS {}",
            size(&mem["jsHeapUsed"]),
            size(&mem["wasmMemory"]),
            size(&mem["renderer"]["rss"])
        ),
        "CDP Performance.getMetrics after a GC; the module's linear memory; the renderer process",
    );
    for (what, v) in [
        ("build", &r["build"]),
        ("browser", w),
        ("native", &r["native"]),
    ] {
        if let Some(err) = v["error"].as_str() {
            row(
                &mut m,
                &format!("**{what} failed**"),
                err.replace('\n', " "),
                "",
            );
        }
    }
    for note in r["build"]["notes"].as_array().into_iter().flatten() {
        row(&mut m, "note", note.as_str().unwrap_or("").to_string(), "");
    }
    m.push('\n');
    budgets(&mut m, r);
    slowest(&mut m, r);
    m
}

fn slowest(m: &mut String, r: &Value) {
    let Some(queries) = r["browser"]["queries"].as_array() else {
        return;
    };
    let native = r["native"]["queries"].as_array();
    let mut rows: Vec<(f64, String)> = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        let p50 = median(&q["ms"]);
        let n = native.and_then(|n| n.get(i));
        rows.push((
            p50,
            format!(
                "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
                q["category"].as_str().unwrap_or(""),
                q["query"].as_str().unwrap_or("").trim_end(),
                q["total"],
                fmt_ms(p50),
                n.map_or("–".into(), |n| fmt_ms(median(&n["ms"]))),
                n.map_or("–".into(), |n| fmt_ms(median(&n["rankMs"]))),
                n.map_or("–".into(), |n| fmt_ms(median(&n["facetsMs"]))),
                n.map_or("–".into(), |n| fmt_ms(median(&n["snippetsMs"]))),
            ),
        ));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let _ = writeln!(m, "Slowest queries (medians):\n");
    let _ = writeln!(
        m,
        "| category | query | hits | Chromium | native | parse + rank | facets + dates | snippets |\n|---|---|---:|---:|---:|---:|---:|---:|"
    );
    for (_, line) in rows.iter().take(8) {
        let _ = writeln!(m, "{line}");
    }
    // Per category: median of the per-query medians.
    let mut categories: Vec<(String, Vec<f64>, Vec<f64>)> = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        let c = q["category"].as_str().unwrap_or("").to_string();
        let n = native.and_then(|n| n.get(i)).map(|n| median(&n["ms"]));
        match categories.iter_mut().find(|(name, _, _)| *name == c) {
            Some(entry) => {
                entry.1.push(median(&q["ms"]));
                entry.2.extend(n);
            }
            None => categories.push((c, vec![median(&q["ms"])], n.into_iter().collect())),
        }
    }
    let _ = writeln!(m, "\nPer category (median of the queries' medians): ");
    let line: Vec<String> = categories
        .iter()
        .map(|(c, b, n)| {
            format!(
                "{c} {} / {}",
                fmt_ms(super::percentile(b, 50.0)),
                fmt_ms(super::percentile(n, 50.0))
            )
        })
        .collect();
    let _ = writeln!(m, "{} (Chromium / native)", line.join(", "));
}

pub(super) fn row(m: &mut String, figure: &str, value: String, includes: &str) {
    let _ = writeln!(m, "| {figure} | {value} | {includes} |");
}

fn median(samples: &Value) -> f64 {
    let v: Vec<f64> = samples
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    super::percentile(&v, 50.0)
}

fn measured(v: &Value) -> String {
    if v.is_null() {
        return "–".into();
    }
    let failed = if v["ok"].as_bool() == Some(false) {
        format!(" **FAILED: {}**", v["status"].as_str().unwrap_or("?"))
    } else {
        String::new()
    };
    format!("{}{}{failed}", ms(&v["ms"]), peak(&v["peakRss"]))
}

fn peak(v: &Value) -> String {
    v.as_u64()
        .map(|b| format!(", peak {}", format_size(b)))
        .unwrap_or_default()
}

/// The worker-backed explorer (`createExplorer({ worker: true })`), as the UI loads and asks it.
fn worker_rows(m: &mut String, w: &Value) {
    if !w["ready"].is_object() {
        return;
    }
    let served = if w["ready"]["inWorker"].as_bool() == Some(true) {
        "in a Web Worker"
    } else {
        "NOT in a worker (fell back to the main thread)"
    };
    row(
        m,
        "worker: ready → first answer",
        format!(
            "{} (explorer open {}), {served}",
            ms(&w["ready"]["firstAnswerMs"]),
            ms(&w["ready"]["createdMs"])
        ),
        "median of fresh loads of bench.html?worker=1: the worker fetches, compiles and opens \
         the index; the first search's answer has arrived on the page",
    );
    row(
        m,
        "  worker: longest main-thread task until then",
        ms(&w["ready"]["longestTaskMs"]),
        "PerformanceObserver \"longtask\" on the page (0: none over 50 ms)",
    );
    row(
        m,
        "worker: query round trip p50 / p95 / max",
        latency(&w["latency"]),
        "await search(q, {limit: 20}) timed on the page: message to the worker, the search, \
         the answer cloned back",
    );
}

fn latency(v: &Value) -> String {
    if v.is_null() {
        return "–".into();
    }
    format!("{} / {} / {}", ms(&v["p50"]), ms(&v["p95"]), ms(&v["max"]))
}

fn sizes(v: &Value) -> String {
    if v.is_null() {
        return "–".into();
    }
    let q = v["brotliQuality"].as_u64().unwrap_or(11);
    let note = if q == 11 {
        String::new()
    } else {
        format!(" (q{q})")
    };
    format!(
        "{} / {} / {}{note}",
        size(&v["raw"]),
        size(&v["gzip"]),
        size(&v["brotli"])
    )
}

pub(super) fn size(v: &Value) -> String {
    v.as_u64().map_or("–".into(), format_size)
}

fn ms(v: &Value) -> String {
    v.as_f64().map_or("–".into(), fmt_ms)
}

/// `0.012 ms`, `1.23 ms`, `45.6 ms`, `1.23 s`, `2 min 03 s`.
pub fn fmt_ms(v: f64) -> String {
    if v < 1.0 {
        format!("{v:.3} ms")
    } else if v < 10.0 {
        format!("{v:.2} ms")
    } else if v < 1000.0 {
        format!("{v:.1} ms")
    } else if v < 60_000.0 {
        format!("{:.2} s", v / 1000.0)
    } else {
        let s = (v / 1000.0) as u64;
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn milliseconds_read_naturally() {
        assert_eq!(fmt_ms(0.0123), "0.012 ms");
        assert_eq!(fmt_ms(4.567), "4.57 ms");
        assert_eq!(fmt_ms(1234.0), "1.23 s");
        assert_eq!(fmt_ms(123_000.0), "2 min 03 s");
    }

    #[test]
    fn a_report_with_failures_still_renders() {
        let r = json!({
            "corpus": { "path": "seeds", "files": 5, "text": { "raw": 100, "gzip": 50 } },
            "build": { "error": "out of memory" },
            "sizes": { "error": "out of memory" },
            "browser": { "error": "out of memory" },
            "native": { "latency": { "p50": 0.01, "p95": 0.02, "max": 0.5 } },
        });
        let text = markdown(&r);
        assert!(text.contains("**build failed** | out of memory"), "{text}");
        assert!(text.contains("0.010 ms / 0.020 ms / 0.500 ms"), "{text}");
    }
}

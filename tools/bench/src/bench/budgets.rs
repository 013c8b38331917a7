//! The budgets (targets at 10,000 articles), each with the figure measured and whether
//! it is within: shown for any corpus as a yardstick, never asserted.

use std::fmt::Write as _;

use serde_json::Value;

use super::report::fmt_ms;
use crate::sizes::format_size;

/// Budgets at 10k articles (the targets).
const DIST_BUDGET_MS: f64 = 30_000.0;
const QUERY_P95_BUDGET_MS: f64 = 1.0;
const QUERY_MAX_BUDGET_MS: f64 = 16.0;
const READY_BUDGET_MS: f64 = 400.0;
const CODE_GZIP_BUDGET: u64 = 100 * 1024;
const SINGLE_FILE_GZIP_BUDGET: u64 = 120 * 1024;

pub(super) fn budgets(m: &mut String, r: &Value) {
    let _ = writeln!(
        m,
        "Budgets (targets at 10,000 articles; shown for any corpus, not asserted):\n"
    );
    let _ = writeln!(m, "| budget | target | here | within |\n|---|---|---|---|");
    let build = r["build"]["dist"]["ms"].as_f64();
    budget(
        m,
        "whole `cargo xtask dist`",
        "≤ 30 s",
        build.map(fmt_ms),
        build.map(|v| v <= DIST_BUDGET_MS),
    );
    let p95 = r["browser"]["latency"]["p95"].as_f64();
    budget(
        m,
        "query p95 (Chromium)",
        "≤ 1 ms",
        p95.map(fmt_ms),
        p95.map(|v| v <= QUERY_P95_BUDGET_MS),
    );
    let max = r["browser"]["latency"]["max"].as_f64();
    budget(
        m,
        "query max (Chromium)",
        "≤ 16 ms",
        max.map(fmt_ms),
        max.map(|v| v <= QUERY_MAX_BUDGET_MS),
    );
    let ready = r["browser"]["ready"]["firstAnswerMs"].as_f64();
    budget(
        m,
        "ready",
        "≤ 400 ms",
        ready.map(fmt_ms),
        ready.map(|v| v <= READY_BUDGET_MS),
    );
    let payload = r["sizes"]["payload"]["gzip"].as_u64();
    let text = r["corpus"]["text"]["gzip"].as_u64();
    let allowed = text.map(|t| (t as f64 * 1.3) as u64 + 150 * 1024);
    budget(
        m,
        "payload gzip",
        &allowed.map_or("1.3 × text gzip + 150 KiB".into(), |a| {
            format!("≤ 1.3 × text gzip + 150 KiB = {}", format_size(a))
        }),
        payload.map(format_size),
        payload.zip(allowed).map(|(p, a)| p <= a),
    );
    let to_ready = r["sizes"]["toReady"]["gzip"].as_u64();
    budget(
        m,
        "  the same, what the bench page fetches to be ready",
        "the same",
        to_ready.map(format_size),
        to_ready.zip(allowed).map(|(p, a)| p <= a),
    );
    let code = r["sizes"]["wasmWithoutIndex"]["gzip"].as_u64();
    budget(
        m,
        "wasm code without index, gzip",
        "≤ 100 KiB",
        code.map(format_size),
        code.map(|c| c <= CODE_GZIP_BUDGET),
    );
    let single = r["sizes"]["singleFile"]["gzip"].as_u64();
    budget(
        m,
        "single file, gzip (budget over the samples, seeds/)",
        "≤ 120 KiB",
        single.map(format_size),
        single.map(|c| c <= SINGLE_FILE_GZIP_BUDGET),
    );
    let index = r["sizes"]["index"]["raw"].as_u64();
    let body = r["native"]["textBytes"].as_u64();
    let text_raw = r["corpus"]["text"]["raw"].as_u64();
    if let (Some(index), Some(body), Some(text_raw)) = (index, body, text_raw) {
        let without = index.saturating_sub(body);
        budget(
            m,
            "index without the article texts",
            &format!(
                "≤ 0.35 × text = {}",
                format_size((text_raw as f64 * 0.35) as u64)
            ),
            Some(format!(
                "{} ({:.2} × text)",
                format_size(without),
                without as f64 / text_raw as f64
            )),
            Some(without as f64 <= 0.35 * text_raw as f64),
        );
    }
    m.push('\n');
}

fn budget(m: &mut String, name: &str, target: &str, here: Option<String>, ok: Option<bool>) {
    let verdict = match ok {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "–",
    };
    let _ = writeln!(
        m,
        "| {name} | {target} | {} | {verdict} |",
        here.unwrap_or_else(|| "–".into())
    );
}

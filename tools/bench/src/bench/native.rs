//! The native half of the benchmark: the index built in-process with `explorer_ingest::build`
//! and the same queries run on `article_explorer::Explorer`, in an optimised build.
//!
//! This tool is built optimised with the runtime linked in (`cargo xtask bench` runs it with
//! `--release`, without `ARTICLES_DIR`, so the runtime it links embeds the small seeds index).
//! [`run`] starts the tool itself again as `explorer-bench bench-native ...`, so that the
//! build's peak memory is that process's alone; the corpus is read from the folder.

use std::path::Path;

use serde_json::Value;

use crate::util::{self, Context, Ctx, Result};

/// Query passes after the warm-up pass (native runs are cheap).
pub const RUNS: u32 = 10;

pub fn run(ctx: &Ctx, corpus: &Path, queries_json: &Path, out: &Path) -> Result<Value> {
    let _ = std::fs::remove_file(out);
    let exe = std::env::current_exe().context(|| "finding the bench tool itself".to_string())?;
    let mut cmd = std::process::Command::new(exe);
    cmd.current_dir(&ctx.root)
        .arg("bench-native")
        .arg("--corpus")
        .arg(corpus)
        .arg("--queries")
        .arg(queries_json)
        .args(["--runs", &RUNS.to_string()])
        .arg("--out")
        .arg(out)
        .env_remove("ARTICLES_DIR");
    util::run(&mut cmd)?;
    let text = std::fs::read_to_string(out).context(|| format!("reading {}", out.display()))?;
    serde_json::from_str(&text).context(|| format!("reading {}", out.display()))
}

/// `bench-native --corpus DIR --queries FILE.json --runs N --out FILE.json`.
pub fn command(rest: &[String]) -> Result<()> {
    use std::path::PathBuf;
    use std::time::Instant;

    use article_explorer::{query, search, Explorer, SearchOptions};
    use serde_json::json;

    use super::measure;
    use crate::util::bail;

    let mut flags = devkit::cli::Flags::parse("bench-native", rest)?;
    let corpus = flags.value("--corpus")?.map(PathBuf::from);
    let queries = flags.value("--queries")?.map(PathBuf::from);
    let runs: u32 = flags
        .value("--runs")?
        .and_then(|r| r.parse().ok())
        .unwrap_or(RUNS);
    let out = flags.value("--out")?.map(PathBuf::from);
    flags.finish()?;
    let (Some(corpus), Some(queries), Some(out)) = (corpus, queries, out) else {
        bail!("bench-native needs --corpus DIR --queries FILE --out FILE");
    };
    let list: Value = serde_json::from_str(
        &std::fs::read_to_string(&queries).context(|| format!("reading {}", queries.display()))?,
    )
    .context(|| format!("reading {}", queries.display()))?;
    let list: Vec<(String, String)> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| {
            (
                q["category"].as_str().unwrap_or("").to_string(),
                q["query"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();

    println!(
        "native: building the index over {} in-process",
        corpus.display()
    );
    // explorer_ingest::build's steps, one after the other and timed.
    let started = Instant::now();
    let mut phases: Vec<(&str, f64)> = Vec::new();
    let mut lap = Instant::now();
    let bytes = match explorer_ingest::build_step_by_step(&corpus, &mut |name| {
        phases.push((name, lap.elapsed().as_secs_f64() * 1e3));
        lap = Instant::now();
    }) {
        Ok(bytes) => bytes,
        Err(errors) => bail!(
            "building the index: {}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let build_peak = measure::own_peak_rss();
    println!(
        "native: index built in {:.0} ms, {} bytes, peak memory {}",
        build_ms,
        bytes.len(),
        build_peak
            .map(crate::sizes::format_size)
            .unwrap_or_default()
    );

    let started = Instant::now();
    let explorer = Explorer::open(&bytes).map_err(|e| util::Error::new(format!("{e:?}")))?;
    let index =
        explorer_index::Index::open(&bytes).map_err(|e| util::Error::new(format!("{e:?}")))?;
    let open_ms = started.elapsed().as_secs_f64() * 1e3;
    // What the explorer decodes on its first search with facets (kept, like it keeps it).
    let table = article_explorer::facets::ArticleEntities::read(&index)
        .map_err(|e| util::Error::new(format!("{e:?}")))?;
    let articles = explorer.articles().map(|a| a.len()).unwrap_or(0);
    // What the index costs by part, and how much of it is the article texts themselves.
    let size_report = index.size_report(bytes.len(), explorer_text::is_exact_key);
    print!("{size_report}");
    let text_bytes: usize = index
        .article_ids()
        .filter_map(|id| index.article(id).ok())
        .map(|a| a.text.len())
        .sum();

    let options = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    #[derive(Clone, Default)]
    struct Samples {
        ms: Vec<f64>,
        rank: Vec<f64>,
        facets: Vec<f64>,
        snippets: Vec<f64>,
        total: usize,
    }
    let mut results: Vec<Samples> = vec![Samples::default(); list.len()];
    for pass in 0..=runs {
        for (i, (_, q)) in list.iter().enumerate() {
            // The whole search as the page calls it, then its main parts again, one by one:
            // parse + rank; entity facets and the date histogram over every matching article;
            // snippets and title highlights of the first 20 hits.
            let t = Instant::now();
            let total = explorer.search(q, &options).map(|r| r.total).unwrap_or(0);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let parsed = query::parse(q);
            let ranking = search::run(&index, &parsed).unwrap_or_default();
            let rank_ms = t.elapsed().as_secs_f64() * 1e3;
            let ids: Vec<_> = ranking.ranked.iter().map(|s| s.article).collect();
            let t = Instant::now();
            let facets =
                article_explorer::facets::facets(&index, &table, &ids, &[], true).map(|f| f.len());
            let dates = article_explorer::facets::dates(
                ids.iter().map(|&id| index.date(id).ok().flatten()),
            )
            .1;
            let facets_ms = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let marker = article_explorer::snippet::Marker::new(&ranking.matched_terms, &parsed)
                .with_names(&index);
            let mut snippets = 0;
            let shown: Vec<_> = ids.iter().take(20).copied().collect();
            let hints = ranking.hints(&shown).unwrap_or_default();
            for (article, hint) in shown.iter().zip(hints) {
                if let Ok(record) = index.article(*article) {
                    snippets += marker.best_passage(&record, hint).text.len();
                    snippets += marker.highlight(record.title).len();
                }
            }
            let snippets_ms = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box((facets.ok(), dates, snippets));
            let r = &mut results[i];
            if pass > 0 {
                r.ms.push(ms);
                r.rank.push(rank_ms);
                r.facets.push(facets_ms);
                r.snippets.push(snippets_ms);
            } else {
                r.total = total;
            }
        }
    }
    let flat = |f: fn(&Samples) -> &Vec<f64>| -> Vec<f64> {
        results.iter().flat_map(|r| f(r).iter().copied()).collect()
    };
    let all = flat(|r| &r.ms);
    let rank_all = flat(|r| &r.rank);
    let facets_all = flat(|r| &r.facets);
    let snippets_all = flat(|r| &r.snippets);
    let stats = |v: &[f64]| {
        json!({
            "samples": v.len(),
            "p50": super::percentile(v, 50.0),
            "p95": super::percentile(v, 95.0),
            "max": v.iter().copied().fold(0.0, f64::max),
        })
    };
    let report = json!({
        "articles": articles,
        "indexBytes": bytes.len(),
        "sizeReport": size_report,
        "textBytes": text_bytes,
        "buildMs": build_ms,
        "buildPeakRss": build_peak,
        "buildPhasesMs": phases.iter().map(|(name, ms)| json!({ "phase": name, "ms": ms })).collect::<Vec<_>>(),
        "openMs": open_ms,
        "runs": runs,
        "latency": stats(&all),
        "rankLatency": stats(&rank_all),
        "facetsLatency": stats(&facets_all),
        "snippetsLatency": stats(&snippets_all),
        "queries": list.iter().zip(&results).map(|((category, query), r)| json!({
            "category": category,
            "query": query,
            "total": r.total,
            "ms": r.ms,
            "rankMs": r.rank,
            "facetsMs": r.facets,
            "snippetsMs": r.snippets,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .context(|| format!("writing {}", out.display()))?;
    println!(
        "native: {} queries x {runs}: p50 {:.3} ms, p95 {:.3} ms",
        list.len(),
        super::percentile(&all, 50.0),
        super::percentile(&all, 95.0)
    );
    Ok(())
}

//! Where a search's time goes, natively, over a corpus folder: every query of a query list
//! (bench/queries.txt's format) run through `Explorer::search` and through its parts (select:
//! parse, plan, match, rank, filter, sort; then present: page, snippets, facets), with min /
//! p50 / max per query, the min of each half (on a loaded machine the minimum is the
//! closest to the work itself) and of the page (present less present without a page: the
//! hits' snippets and title marks). Prints figures, asserts nothing.
//!
//! ```sh
//! cargo run --release --example query_profile -- /work/corpora/10000 [bench/queries.txt] [runs]
//! QUERY_PROFILE_STOP_WORDS_IN_TEXT=1 cargo run --release --example query_profile -- ...   # that option
//! ```
//!
//! The index is built in-process once and kept next to the build (`target/query-profile-*.bin`)
//! so later runs over the same folder start at once; delete that file after the format changes.

use article_explorer::{search, Explorer, SearchOptions};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(
        args.next()
            .expect("usage: query_profile CORPUS [QUERIES] [RUNS]"),
    );
    let queries = args
        .next()
        .unwrap_or_else(|| "bench/queries.txt".to_string());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    // QUERY_PROFILE_STOP_WORDS_IN_TEXT=1: the index built with
    // `explorer_ingest::Options::stop_words_in_text`.
    let options = explorer_ingest::Options {
        stop_words_in_text: std::env::var_os("QUERY_PROFILE_STOP_WORDS_IN_TEXT").is_some(),
        ..Default::default()
    };
    let cache = std::env::temp_dir().join(format!(
        "query-profile-{}{}.bin",
        if options.stop_words_in_text {
            "swit-"
        } else {
            ""
        },
        corpus
            .to_string_lossy()
            .replace(|c: char| !c.is_alphanumeric(), "_")
    ));
    let bytes = match std::fs::read(&cache) {
        Ok(b) if Explorer::open(&b).is_ok() => b,
        _ => {
            let t = Instant::now();
            let built = explorer_ingest::build_with(&corpus, options).expect("building the index");
            eprintln!("index built in {:.1} s", t.elapsed().as_secs_f64());
            std::fs::write(&cache, &built.index).expect("keeping the index");
            built.index
        }
    };
    let t = Instant::now();
    let ex = Explorer::open(&bytes).expect("opening the index");
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let overview = ex
        .overview(&article_explorer::overview::OverviewOptions {
            limit: 50,
            ..Default::default()
        })
        .expect("overview");
    let overview_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let _ = ex
        .overview(&article_explorer::overview::OverviewOptions {
            limit: 50,
            ..Default::default()
        })
        .expect("overview");
    println!(
        "{} articles; open {open_ms:.2} ms; first overview {overview_ms:.2} ms, second {:.2} ms",
        overview.total,
        t.elapsed().as_secs_f64() * 1e3
    );
    let text = std::fs::read_to_string(&queries).expect("reading the query list");
    let list: Vec<(&str, String)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (cat, q) = l.split_once(char::is_whitespace)?;
            let q = q.trim();
            // As the bench sends it: finished words, except prefixes.
            let q = if cat == "prefix" {
                q.to_string()
            } else {
                format!("{q} ")
            };
            Some((cat, q))
        })
        .collect();
    let options = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    let no_page = SearchOptions {
        limit: 0,
        ..SearchOptions::default()
    };
    let mut all = Vec::new();
    let mut mins = 0.0;
    println!(
        "{:<12} {:<36} {:>6} {:>8} {:>8} {:>8} {:>10} {:>11} {:>9}",
        "category",
        "query",
        "total",
        "min ms",
        "p50 ms",
        "max ms",
        "select min",
        "present min",
        "page min"
    );
    for (cat, q) in &list {
        let mut ms = Vec::new();
        let (mut selecting, mut presenting, mut unpaged) = (Vec::new(), Vec::new(), Vec::new());
        let mut total = 0;
        for _ in 0..=runs {
            let t = Instant::now();
            total = ex.search(q, &options).map(|r| r.total).unwrap_or(0);
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            // The same search in its two halves.
            let t = Instant::now();
            let selection = search::page::select(&ex, q, &options).expect("select");
            selecting.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let _ = search::present::answer(&ex, q, selection, &options).expect("answer");
            presenting.push(t.elapsed().as_secs_f64() * 1e3);
            // Presenting without a page (facets, dates, notices): the rest is the page's
            // snippets and title marks.
            let selection = search::page::select(&ex, q, &no_page).expect("select");
            let t = Instant::now();
            let _ = search::present::answer(&ex, q, selection, &no_page).expect("answer");
            unpaged.push(t.elapsed().as_secs_f64() * 1e3);
        }
        for v in [&mut ms, &mut selecting, &mut presenting, &mut unpaged] {
            v.remove(0);
            v.sort_by(f64::total_cmp);
        }
        println!(
            "{cat:<12} {q:<36} {total:>6} {:>8.3} {:>8.3} {:>8.3} {:>10.3} {:>11.3} {:>9.3}",
            ms[0],
            ms[ms.len() / 2],
            ms[ms.len() - 1],
            selecting[0],
            presenting[0],
            presenting[0] - unpaged[0],
        );
        mins += ms[0];
        all.extend(ms);
    }
    println!(
        "sum of per-query minimums: {:.3} ms over {} queries",
        mins,
        list.len()
    );
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p).round() as usize];
    println!(
        "all: {} samples, p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        all.len(),
        pct(0.5),
        pct(0.95),
        all[all.len() - 1]
    );
}

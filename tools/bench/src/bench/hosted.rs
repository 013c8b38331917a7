//! `explorer-bench bench-lazy`: hosted mode's lazy index over a corpus, measured without a
//! browser. Builds the index in-process, splits it into text chunks and lazy files
//! (`explorer_index::lazy`), and prints the build's time and peak memory, the files by kind,
//! the bytes to be ready and, per query of the list, the files a fresh page fetches (shards,
//! packs, the first page's text chunks), in how many rounds, and how many bytes over the list
//! with a cache that keeps what was fetched.
//!
//! Which files a query fetches is the product's own rule: the rounds of
//! `article_explorer::lazy::LazyExplorer` (the engine runs on what is loaded, records what it
//! reads of the dictionary, the store names the files it lacks), as the hosted page runs
//! them. The answer after the last round is compared with the whole index's (total, hits,
//! entity facets, months): a query that differs is reported, never hidden.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use article_explorer::lazy::LazyExplorer;
use article_explorer::{Explorer, SearchOptions};
use explorer_index::lazy::{self, FileKind, ShardSizes};

use super::{measure, queries};
use crate::util::{self, bail, Context, Result};

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

fn kib(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

/// Run [`command`] as a process of its own (so its peak memory is its own), as `cargo xtask
/// bench --hosted` does after the hosted build's figures.
pub fn run(corpus: &std::path::Path, queries: &std::path::Path) -> Result<()> {
    let exe = std::env::current_exe().context(|| "finding the bench tool itself".to_string())?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("bench-lazy")
        .arg("--corpus")
        .arg(corpus)
        .arg("--queries")
        .arg(queries);
    util::run(&mut cmd)
}

/// `bench-lazy --corpus DIR --queries FILE [--out DIR] [--shard BYTES] [--pack BYTES] [--rows BYTES]` (`--no-check`: accepted, ignored).
pub fn command(rest: &[String]) -> Result<()> {
    let mut flags = devkit::cli::Flags::parse("bench-lazy", rest)?;
    let corpus = flags.value("--corpus")?.map(PathBuf::from);
    let queries = flags.value("--queries")?.map(PathBuf::from);
    let out = flags.value("--out")?.map(PathBuf::from);
    // Accepted for older command lines: the answer now comes from the rounds themselves.
    let _ = flags.switch("--no-check");
    let defaults = ShardSizes::default();
    let number = |v: Option<String>, d: usize| v.and_then(|v| v.parse().ok()).unwrap_or(d);
    let sizes = ShardSizes {
        shard: number(flags.value("--shard")?, defaults.shard),
        pack: number(flags.value("--pack")?, defaults.pack),
        rows: number(flags.value("--rows")?, defaults.rows),
    };
    flags.finish()?;
    let (Some(corpus), Some(queries)) = (corpus, queries) else {
        bail!("bench-lazy needs --corpus DIR --queries FILE");
    };
    let list = queries::read(&queries)?;
    let err = |e: &dyn std::fmt::Display| util::Error::new(e.to_string());

    // 1. Build: the index, its text chunks, its lazy files.
    let started = Instant::now();
    let options = explorer_ingest::Options {
        texts_apart: true,
        ..Default::default()
    };
    let full = explorer_ingest::build_step_by_step_with(&corpus, options, &mut |_| {}).map_err(
        |errors| {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            util::Error::new(format!("building the index: {}", all.join("; ")))
        },
    )?;
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let hosted = explorer_index::chunks::split_text(&full, explorer_index::chunks::LAZY_CHUNK_TEXT)
        .map_err(|e| err(&e))?;
    let chunks_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let files = lazy::split(&hosted.index, sizes).map_err(|e| err(&e))?;
    let split_ms = t.elapsed().as_secs_f64() * 1e3;
    let peak = measure::own_peak_rss();
    println!(
        "lazy: {} built in {:.1} s (analysis {:.1} s, text chunks {:.1} s, lazy files {:.1} s), peak memory {}; shard {} B, pack {} B, rows {} B",
        corpus.display(),
        (build_ms + chunks_ms + split_ms) / 1e3,
        build_ms / 1e3,
        chunks_ms / 1e3,
        split_ms / 1e3,
        peak.map(crate::sizes::format_size).unwrap_or_default(),
        sizes.shard,
        sizes.pack,
        sizes.rows,
    );
    if let Some(out) = &out {
        let dir = out.join("index");
        std::fs::create_dir_all(&dir).context(|| format!("creating {}", dir.display()))?;
        for (name, _, bytes) in &files.files {
            let path = dir.join(name);
            std::fs::write(&path, bytes).context(|| format!("writing {}", path.display()))?;
        }
        let path = dir.join("ROOT");
        std::fs::write(&path, &files.root).context(|| format!("writing {}", path.display()))?;
        println!("lazy: files written to {}", dir.display());
    }

    // 2. The files by kind, raw and gzip (as a server sends each file).
    let gz: std::collections::BTreeMap<&str, usize> = files
        .files
        .iter()
        .map(|(n, _, b)| (n.as_str(), gzip_len(b)))
        .collect();
    println!("\n| files | count | raw | gzip | largest gzip |\n|---|---:|---:|---:|---:|");
    for kind in [
        FileKind::Root,
        FileKind::Section,
        FileKind::Shard,
        FileKind::Pack,
        FileKind::Rows,
    ] {
        let of: Vec<_> = files.files.iter().filter(|f| f.1 == kind).collect();
        let raw: usize = of.iter().map(|f| f.2.len()).sum();
        let g: Vec<usize> = of.iter().map(|f| gz[f.0.as_str()]).collect();
        println!(
            "| {kind:?} | {} | {} | {} | {} |",
            of.len(),
            kib(raw),
            kib(g.iter().sum()),
            kib(g.iter().copied().max().unwrap_or(0))
        );
    }
    let text_gz: usize = hosted.chunks.iter().map(|c| c.gzip.len()).sum();
    println!(
        "| text chunks | {} | | {} | |",
        hosted.chunks.len(),
        kib(text_gz)
    );

    // 3. Ready: the root and the sections the engine needs before any answer (not the
    // per-article tables, whose rows come in the rounds); and what today's element page
    // loads besides (those tables whole: it lists every article when it opens).
    let root_bytes = files
        .files
        .iter()
        .find(|f| f.0 == files.root)
        .map(|f| f.2.as_slice())
        .unwrap_or_default();
    let fresh = LazyExplorer::open(&files.root, root_bytes).map_err(|e| err(&e))?;
    let ready = fresh.missing_to_open();
    let whole_extra: Vec<String> = fresh
        .missing_to_open_whole()
        .into_iter()
        .filter(|n| !ready.contains(n))
        .collect();
    let tag_of = |name: &str| -> String {
        let found = fresh
            .store()
            .sections()
            .iter()
            .find(|(_, f)| f.name() == name);
        found.map_or_else(
            || "?".into(),
            |(t, _)| String::from_utf8_lossy(t).into_owned(),
        )
    };
    let list_of = |names: &[String]| -> String {
        let parts: Vec<String> = names
            .iter()
            .map(|n| format!("{} {}", tag_of(n), kib(gz[n.as_str()])))
            .collect();
        parts.join(", ")
    };
    let ready_gz: usize =
        gz[files.root.as_str()] + ready.iter().map(|n| gz[n.as_str()]).sum::<usize>();
    let extra_gz: usize = whole_extra.iter().map(|n| gz[n.as_str()]).sum();
    println!(
        "\nready: {} gzip in {} requests (root {} with {} shards; sections: {})",
        kib(ready_gz),
        1 + ready.len(),
        kib(gz[files.root.as_str()]),
        fresh.store().shard_count(),
        list_of(&ready),
    );
    println!(
        "ready for today's element page (the per-article tables whole besides): {} gzip in {} requests (+ {})",
        kib(ready_gz + extra_gz),
        1 + ready.len() + whole_extra.len(),
        list_of(&whole_extra),
    );

    // 4. Per query: what a fresh page fetches, in the engine's own rounds, and its answer.
    let whole = Explorer::open(&full).map_err(|e| err(&e))?;
    // The entity view compares with today's hosted page, no text loaded (its lines in
    // context come from loaded texts).
    let hosted_whole = Explorer::open(&hosted.index).map_err(|e| err(&e))?;
    let index = explorer_index::Index::open(&hosted.index).map_err(|e| err(&e))?;
    let chunks = index.text_chunks();
    let chunk_gz: std::collections::BTreeMap<&str, usize> = hosted
        .chunks
        .iter()
        .map(|c| (c.name.as_str(), c.gzip.len()))
        .collect();
    let options = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    let kind_of = |name: &str| -> String {
        match name.get(..2) {
            Some("d-") if fresh.store().is_alias_shard(name) => "alias shards".into(),
            Some("d-") => "shards".into(),
            Some("p-") => "packs".into(),
            Some("s-") => format!("{} whole", tag_of(name)),
            Some("a-") => match fresh.store().rows_table_of(name) {
                Some(t) => format!("{} rows", String::from_utf8_lossy(&t)),
                None => "rows".into(),
            },
            _ => "texts".into(),
        }
    };
    // The start page: a fresh page's rounds of the element's first call (its first page of
    // 50 articles in index order, the figures over every article), after ready.
    let start = article_explorer::overview::OverviewOptions {
        limit: 50,
        ..Default::default()
    };
    let mut page = LazyExplorer::open(&files.root, root_bytes).map_err(|e| err(&e))?;
    for name in page.missing_to_open() {
        page.supply(&name, file_bytes(&files, &name)?.to_vec())
            .map_err(|e| err(&e))?;
    }
    let mut start_files: Vec<String> = Vec::new();
    loop {
        let need = page
            .missing_for(|ex| ex.overview(&start).map(drop))
            .map_err(|e| err(&e))?;
        if need.is_empty() {
            break;
        }
        for name in need {
            page.supply(&name, file_bytes(&files, &name)?.to_vec())
                .map_err(|e| err(&e))?;
            start_files.push(name);
        }
    }
    let same = page
        .checked(|ex| ex.overview(&start))
        .map_err(|e| err(&e))?
        == hosted_whole.overview(&start).map_err(|e| err(&e))?;
    let mut start_by: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for name in &start_files {
        let entry = start_by.entry(kind_of(name)).or_default();
        entry.0 += 1;
        entry.1 += gz[name.as_str()];
    }
    let start_by: Vec<String> = start_by
        .iter()
        .map(|(k, (n, g))| format!("{k} {} in {n}", kib(*g)))
        .collect();
    println!(
        "start page (overview, limit 50), fresh cache: {} gzip in {} requests after ready ({}; same answer as the whole index: {})",
        kib(start_files.iter().map(|n| gz[n.as_str()]).sum()),
        start_files.len(),
        start_by.join(", "),
        if same { "yes" } else { "**no**" },
    );
    drop(page);

    println!("\n| query | rounds | requests | fetched gzip | of which texts | of which rows | new with cache | entity view of the first facet, then | engine over the rounds (this build) | same answer |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    let mut seen: BTreeSet<String> = BTreeSet::new();
    // Over the list with a cache: the bytes new to it, by what they are.
    let mut cached_by: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut query_sizes, mut entity_sizes): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let (mut sum_fresh, mut sum_cached, mut sum_requests, mut differ) = (0, 0, 0, 0);
    for q in &list {
        // A fresh page: the root and the sections, then the rounds the engine asks for.
        let mut page = LazyExplorer::open(&files.root, root_bytes).map_err(|e| err(&e))?;
        for name in page.missing_to_open() {
            page.supply(&name, file_bytes(&files, &name)?.to_vec())
                .map_err(|e| err(&e))?;
        }
        let mut fetched: Vec<String> = Vec::new();
        let mut rounds = 0;
        let mut by_round: Vec<String> = Vec::new();
        let t = Instant::now();
        loop {
            let need = page
                .missing_for_search(&q.text, &options)
                .map_err(|e| err(&e))?;
            if need.is_empty() {
                break;
            }
            rounds += 1;
            let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
            for name in &need {
                *kinds.entry(kind_of(name)).or_default() += 1;
            }
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
            by_round.push(kinds.join(" + "));
            for name in need {
                page.supply(&name, file_bytes(&files, &name)?.to_vec())
                    .map_err(|e| err(&e))?;
                fetched.push(name);
            }
        }
        let got = page.search(&q.text, &options).map_err(|e| err(&e))?;
        let engine_ms = t.elapsed().as_secs_f64() * 1e3;
        let want = whole.search(&q.text, &options).map_err(|e| err(&e))?;
        let mut why = Vec::new();
        for (part, differs) in [
            ("total", got.total != want.total),
            ("hits", ids(&got) != ids(&want)),
            ("facets", facets(&got) != facets(&want)),
            ("months", dates(&got) != dates(&want)),
        ] {
            if differs {
                why.push(part);
            }
        }
        let first_facet = want.facets.first().map(|f| f.id);
        drop(got);
        // The entity view of the first facet (a click on it), after the query's rounds.
        let mut entity_files: Vec<String> = Vec::new();
        if let Some(id) = first_facet {
            let view = |ex: &Explorer<'_>| ex.entity(id, &q.text, &options).map(drop);
            loop {
                let need = page.missing_for(view).map_err(|e| err(&e))?;
                if need.is_empty() {
                    break;
                }
                for name in need {
                    page.supply(&name, file_bytes(&files, &name)?.to_vec())
                        .map_err(|e| err(&e))?;
                    entity_files.push(name);
                }
            }
            let a = page
                .checked(|ex| ex.entity(id, &q.text, &options))
                .map_err(|e| err(&e))?;
            let b = hosted_whole
                .entity(id, &q.text, &options)
                .map_err(|e| err(&e))?;
            if a != b {
                why.push("entity view");
            }
        }
        let entity_gz: usize = entity_files.iter().map(|n| gz[n.as_str()]).sum();
        entity_sizes.push(entity_gz);
        if !why.is_empty() {
            differ += 1;
        }
        // The first page's text chunks (for its snippets): since lazy format 9 they come
        // with the round that brings its heads (`LazyExplorer::missing_for_page`, what the
        // page's `fetchFor` runs), a round of their own only when no round ran.
        let mut texts: BTreeSet<String> = BTreeSet::new();
        if let Some(chunks) = chunks {
            for hit in &want.hits {
                if let Ok(name) = chunks
                    .chunk_of(hit.article.id)
                    .and_then(|c| chunks.file_name(c))
                {
                    texts.insert(name);
                }
            }
        }
        if !texts.is_empty() && rounds == 0 {
            rounds += 1;
        }
        let index_gz: usize = fetched.iter().map(|n| gz[n.as_str()]).sum();
        let rows_gz: usize = fetched
            .iter()
            .filter(|n| n.starts_with("a-"))
            .map(|n| gz[n.as_str()])
            .sum();
        let texts_gz: usize = texts
            .iter()
            .map(|n| chunk_gz.get(n.as_str()).copied().unwrap_or(0))
            .sum();
        let new: usize = fetched
            .iter()
            .map(|n| (n, gz[n.as_str()]))
            .chain(
                texts
                    .iter()
                    .map(|n| (n, chunk_gz.get(n.as_str()).copied().unwrap_or(0))),
            )
            .filter(|(n, _)| seen.insert((*n).clone()))
            .map(|(n, g)| {
                *cached_by.entry(kind_of(n)).or_default() += g;
                g
            })
            .sum();
        // Each query's fresh bytes by kind, on stderr (what to cut next).
        let mut fresh_by: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for (kind, g) in fetched
            .iter()
            .map(|n| (kind_of(n), gz[n.as_str()]))
            .chain(std::iter::once(("texts".to_owned(), texts_gz)))
        {
            let e = fresh_by.entry(kind).or_default();
            e.0 += 1;
            e.1 += g;
        }
        let mut fresh_by: Vec<(String, (usize, usize))> = fresh_by.into_iter().collect();
        fresh_by.sort_by_key(|b| std::cmp::Reverse(b.1 .1));
        let fresh_by: Vec<String> = fresh_by
            .iter()
            .map(|(k, (n, g))| format!("{k} {} ({n})", kib(*g)))
            .collect();
        eprintln!("{}: {}", q.text.trim_end(), fresh_by.join(", "));
        eprintln!("  rounds: {}", by_round.join(" | "));
        let requests = fetched.len() + texts.len();
        sum_fresh += index_gz + texts_gz;
        query_sizes.push(index_gz + texts_gz);
        sum_cached += new;
        sum_requests += requests;
        let verdict = if why.is_empty() {
            "yes".to_owned()
        } else {
            format!("**no**: {}", why.join(", "))
        };
        println!(
            "| `{}` | {rounds} | {requests} | {} | {} | {} | {} | {} in {} files | {engine_ms:.1} ms | {verdict} |",
            q.text.trim_end(),
            kib(index_gz + texts_gz),
            kib(texts_gz),
            kib(rows_gz),
            kib(new),
            kib(entity_gz),
            entity_files.len(),
        );
    }
    println!(
        "\nqueries: {} ; fetched with a fresh cache each: {} in {} requests; over the list with a cache: {}; answers that differ from the whole index: {differ}",
        list.len(),
        kib(sum_fresh),
        sum_requests,
        kib(sum_cached),
    );
    let by_kind = |by: std::collections::BTreeMap<String, usize>| -> String {
        let mut by: Vec<(String, usize)> = by.into_iter().collect();
        by.sort_by_key(|b| std::cmp::Reverse(b.1));
        let by: Vec<String> = by.iter().map(|(k, n)| format!("{k} {}", kib(*n))).collect();
        by.join(", ")
    };
    println!(
        "over the list with a cache (a fresh page per query: its own choice of rows or whole tables), by kind: {}",
        by_kind(cached_by)
    );

    // 5. One page over the whole list, in order, keeping what it fetched (one visitor's
    // session: its store decides what is still missing, as the hosted page's does).
    let mut session = LazyExplorer::open(&files.root, root_bytes).map_err(|e| err(&e))?;
    let mut session_by: std::collections::BTreeMap<String, usize> = Default::default();
    let mut session_requests = 1;
    *session_by.entry("root".into()).or_default() += gz[files.root.as_str()];
    for name in session.missing_to_open() {
        *session_by.entry(kind_of(&name)).or_default() += gz[name.as_str()];
        session_requests += 1;
        session
            .supply(&name, file_bytes(&files, &name)?.to_vec())
            .map_err(|e| err(&e))?;
    }
    let mut session_texts: BTreeSet<String> = BTreeSet::new();
    for q in &list {
        loop {
            let need = session
                .missing_for_search(&q.text, &options)
                .map_err(|e| err(&e))?;
            if need.is_empty() {
                break;
            }
            for name in need {
                *session_by.entry(kind_of(&name)).or_default() += gz[name.as_str()];
                session_requests += 1;
                session
                    .supply(&name, file_bytes(&files, &name)?.to_vec())
                    .map_err(|e| err(&e))?;
            }
        }
        let got = session.search(&q.text, &options).map_err(|e| err(&e))?;
        if let Some(chunks) = chunks {
            for hit in &got.hits {
                if let Ok(name) = chunks
                    .chunk_of(hit.article.id)
                    .and_then(|c| chunks.file_name(c))
                {
                    if session_texts.insert(name.clone()) {
                        *session_by.entry("texts".into()).or_default() +=
                            chunk_gz.get(name.as_str()).copied().unwrap_or(0);
                        session_requests += 1;
                    }
                }
            }
        }
    }
    println!(
        "one page over the list in order, keeping what it fetched (ready included): {} in {session_requests} requests; by kind: {}",
        kib(session_by.values().sum()),
        by_kind(session_by)
    );
    let median_max = |sizes: &mut Vec<usize>| -> String {
        sizes.sort_unstable();
        let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
        let max = sizes.last().copied().unwrap_or(0);
        format!("{} / {}", kib(median), kib(max))
    };
    println!(
        "one query, fresh cache, median / max: {}; the entity view of its first facet after it, median / max: {}",
        median_max(&mut query_sizes),
        median_max(&mut entity_sizes),
    );
    Ok(())
}

fn file_bytes<'f>(files: &'f lazy::LazyFiles, name: &str) -> Result<&'f [u8]> {
    match files.files.iter().find(|f| f.0 == name) {
        Some(f) => Ok(&f.2),
        None => bail!("{name}: not among the lazy files"),
    }
}

fn ids(r: &article_explorer::SearchResults<'_>) -> Vec<u32> {
    r.hits.iter().map(|h| h.article.id.0).collect()
}

fn facets(r: &article_explorer::SearchResults<'_>) -> Vec<(u32, usize)> {
    r.facets.iter().map(|f| (f.id.0, f.count)).collect()
}

fn dates(r: &article_explorer::SearchResults<'_>) -> Vec<(String, usize)> {
    r.dates
        .iter()
        .map(|d| (format!("{:?}", d.date), d.count))
        .collect()
}

//! `explorer-bench bench-lazy`: hosted mode's lazy index over a corpus, measured without a
//! browser. Builds the index in-process, splits it into text chunks and lazy files
//! (`explorer_index::lazy`), and prints the build's time and peak memory, the files by kind,
//! the bytes to be ready and, per query of the list, the files a fresh page fetches (shards,
//! packs, the first page's text chunks), in how many rounds, and how many bytes over the list
//! with a cache that keeps what was fetched.
//!
//! Which keys a query reads follows the engine's lookups (`src/search/expand.rs`): each word's
//! term and exact-spelling key, the `=term` range of its other forms, its compound-part key,
//! the completion ranges of a last word being typed, and for a word the index does not have,
//! the key ranges a correction can reach (it keeps the first letters). The packs fetched are
//! those of the keys the engine matched on the whole index. Every query is then answered
//! again by the engine on an index assembled from only the fetched files
//! (`LazyIndex::assemble`; its default-mode twin, whose shards and packs are the same files,
//! so that no text chunk is needed) and compared with the whole index's answer (total, hits, entity
//! facets, months): a query that differs is reported, never hidden.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use article_explorer::{query, search, Explorer, SearchOptions};
use explorer_index::lazy::{self, prefix_range, FileKind, KeyRange, LazyIndex, ShardSizes};
use explorer_text::{fold_key, part_key};

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

/// `bench-lazy --corpus DIR --queries FILE [--out DIR] [--shard BYTES] [--pack BYTES]`.
pub fn command(rest: &[String]) -> Result<()> {
    let mut flags = devkit::cli::Flags::parse("bench-lazy", rest)?;
    let corpus = flags.value("--corpus")?.map(PathBuf::from);
    let queries = flags.value("--queries")?.map(PathBuf::from);
    let out = flags.value("--out")?.map(PathBuf::from);
    // Skip answering each query again on the fetched files (slow over a large corpus in a
    // debug build: the assembled index is checked whole on open).
    let no_check = flags.switch("--no-check");
    let defaults = ShardSizes::default();
    let number = |v: Option<String>, d: usize| v.and_then(|v| v.parse().ok()).unwrap_or(d);
    let sizes = ShardSizes {
        shard: number(flags.value("--shard")?, defaults.shard),
        pack: number(flags.value("--pack")?, defaults.pack),
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
    let hosted =
        explorer_index::chunks::split_text(&full, explorer_index::chunks::DEFAULT_CHUNK_TEXT)
            .map_err(|e| err(&e))?;
    let chunks_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let files = lazy::split(&hosted.index, sizes).map_err(|e| err(&e))?;
    let split_ms = t.elapsed().as_secs_f64() * 1e3;
    // The same split of the default index (texts in BODY): the same shards and packs (TERM
    // and POST are the same bytes), for the answers on fetched files without text chunks.
    let files_full = lazy::split(&full, sizes).map_err(|e| err(&e))?;
    let root_full = file_bytes(&files_full, &files_full.root)?;
    let peak = measure::own_peak_rss();
    println!(
        "lazy: {} built in {:.1} s (analysis {:.1} s, text chunks {:.1} s, lazy files {:.1} s), peak memory {}; shard {} B, pack {} B",
        corpus.display(),
        (build_ms + chunks_ms + split_ms) / 1e3,
        build_ms / 1e3,
        chunks_ms / 1e3,
        split_ms / 1e3,
        peak.map(crate::sizes::format_size).unwrap_or_default(),
        sizes.shard,
        sizes.pack,
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

    // 3. Ready: the root and the sections (this version loads every section but TERM/POST).
    let root_bytes = files
        .files
        .iter()
        .find(|f| f.0 == files.root)
        .map(|f| f.2.as_slice())
        .unwrap_or_default();
    let mut fresh = LazyIndex::open(&files.root, root_bytes).map_err(|e| err(&e))?;
    let mut ready_gz = gz[files.root.as_str()];
    let mut by_section = Vec::new();
    for (tag, f) in fresh.sections().to_vec() {
        let name = f.name();
        let bytes = file_bytes(&files, &name)?;
        fresh.supply(&name, bytes.to_vec()).map_err(|e| err(&e))?;
        ready_gz += gz[name.as_str()];
        by_section.push(format!(
            "{} {}",
            String::from_utf8_lossy(&tag),
            kib(gz[name.as_str()])
        ));
    }
    println!(
        "\nready: {} gzip in {} requests (root {} with {} shards; sections: {})",
        kib(ready_gz),
        1 + fresh.sections().len(),
        kib(gz[files.root.as_str()]),
        fresh.shard_count(),
        by_section.join(", ")
    );

    // 4. Per query: what a fresh page fetches, and the engine's answer on it.
    let whole = Explorer::open(&full).map_err(|e| err(&e))?;
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
    // Answers `text` on an index assembled from the default split's sections and `fetched`,
    // and compares it with the whole index's `want`: (same, what differs, milliseconds).
    let check_answer = |fetched: &[String],
                        text: &str,
                        parsed: &query::Query,
                        matched: &BTreeSet<String>,
                        want: &article_explorer::SearchResults<'_>|
     -> Result<(bool, Vec<String>, f64)> {
        let t = Instant::now();
        let mut check = LazyIndex::open(&files_full.root, root_full).map_err(|e| err(&e))?;
        let names: Vec<String> = check.sections().iter().map(|(_, f)| f.name()).collect();
        for name in names.iter().chain(fetched) {
            check
                .supply(name, file_bytes(&files_full, name)?.to_vec())
                .map_err(|e| err(&e))?;
        }
        let assembled = check.assemble().map_err(|e| err(&e))?;
        let partial = Explorer::open(&assembled).map_err(|e| err(&e))?;
        let got = partial.search(text, &options).map_err(|e| err(&e))?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let mut why = Vec::new();
        for (part, differs) in [
            ("total", got.total != want.total),
            ("hits", ids(&got) != ids(want)),
            ("facets", facets(&got) != facets(want)),
            ("months", dates(&got) != dates(want)),
        ] {
            if differs {
                why.push(part.to_owned());
            }
        }
        if !why.is_empty() {
            // The keys the whole index matched that the fetched files lack.
            let opened = explorer_index::Index::open(&assembled).map_err(|e| err(&e))?;
            let partial_matched = search::run(&opened, parsed)
                .map(|r| r.matched_terms)
                .unwrap_or_default();
            let lacking: Vec<&String> = matched.difference(&partial_matched).take(3).collect();
            if !lacking.is_empty() {
                why.push(format!("lacks {lacking:?}"));
            }
        }
        Ok((why.is_empty(), why, ms))
    };
    println!("\n| query | rounds | requests | fetched gzip | of which texts | new with cache | assemble + search (this build) | same answer |\n|---|---:|---:|---:|---:|---:|---:|---|");
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let (mut sum_fresh, mut sum_cached, mut sum_requests, mut differ) = (0, 0, 0, 0);
    for q in &list {
        let mut store = LazyIndex::open(&files.root, root_bytes).map_err(|e| err(&e))?;
        for (_, f) in fresh.sections().to_vec() {
            let name = f.name();
            store
                .supply(&name, file_bytes(&files, &name)?.to_vec())
                .map_err(|e| err(&e))?;
        }
        let parsed = query::parse(&q.text);
        let (ranges, points) = reads(&index, &parsed);
        let matched = search::run(&index, &parsed)
            .map(|r| r.matched_terms)
            .unwrap_or_default();
        let mut fetched: Vec<String> = Vec::new();
        let mut rounds = 0;
        // Round 1: the shards of every key and range; round 2: the packs of the keys read.
        let mut shards: BTreeSet<String> = BTreeSet::new();
        for r in &ranges {
            shards.extend(store.missing_shards(r));
        }
        for p in &points {
            shards.extend(
                store
                    .missing_shards(&KeyRange {
                        lo: p.as_bytes().to_vec(),
                        hi: None,
                    })
                    .into_iter()
                    .take(1),
            );
        }
        if !shards.is_empty() {
            rounds += 1;
        }
        for name in &shards {
            store
                .supply(name, file_bytes(&files, name)?.to_vec())
                .map_err(|e| err(&e))?;
            fetched.push(name.clone());
        }
        // Then the packs of the keys read, in as many rounds as their lookups take (a key
        // the engine matched outside the ranges above needs its shard first).
        loop {
            let mut need: BTreeSet<String> = BTreeSet::new();
            for key in points.iter().chain(&matched) {
                if let lazy::Lookup::Need(names) = store.lookup(key).map_err(|e| err(&e))? {
                    need.extend(names);
                }
            }
            if need.is_empty() {
                break;
            }
            rounds += 1;
            for name in &need {
                store
                    .supply(name, file_bytes(&files, name)?.to_vec())
                    .map_err(|e| err(&e))?;
                fetched.push(name.clone());
            }
        }
        let want = whole.search(&q.text, &options).map_err(|e| err(&e))?;
        // The engine on what was fetched, against the whole index (unless --no-check).
        let verdict = if no_check {
            None
        } else {
            Some(check_answer(&fetched, &q.text, &parsed, &matched, &want)?)
        };
        if verdict.as_ref().is_some_and(|(same, _, _)| !same) {
            differ += 1;
        }
        // Round 3: the first page's text chunks (for its snippets).
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
        if !texts.is_empty() {
            rounds += 1;
        }
        let index_gz: usize = fetched.iter().map(|n| gz[n.as_str()]).sum();
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
            .map(|(_, g)| g)
            .sum();
        let requests = fetched.len() + texts.len();
        sum_fresh += index_gz + texts_gz;
        sum_cached += new;
        sum_requests += requests;
        let (ms, verdict) = match &verdict {
            None => ("-".to_owned(), "not checked".to_owned()),
            Some((true, _, ms)) => (format!("{ms:.1} ms"), "yes".to_owned()),
            Some((false, why, ms)) => {
                (format!("{ms:.1} ms"), format!("**no**: {}", why.join(", ")))
            }
        };
        println!(
            "| `{}` | {rounds} | {requests} | {} | {} | {} | {ms} | {verdict} |",
            q.text.trim_end(),
            kib(index_gz + texts_gz),
            kib(texts_gz),
            kib(new),
        );
    }
    println!(
        "\nqueries: {} ; fetched with a fresh cache each: {} in {} requests; over the list with a cache: {}; {}",
        list.len(),
        kib(sum_fresh),
        sum_requests,
        kib(sum_cached),
        if no_check {
            "answers not checked (--no-check)".to_owned()
        } else {
            format!("answers that differ from the whole index: {differ}")
        }
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

/// The engine's `other_forms` (src/search/expand.rs) on the whole index: the keys of the
/// `=term` range whose spelling has `term` as its term.
fn other_forms(index: &explorer_index::Index<'_>, term: &str, start: &str) -> Vec<String> {
    use fst::{Automaton, IntoStreamer, Streamer};
    let mut out = Vec::new();
    let mut stream = index
        .terms()
        .search(fst::automaton::Str::new(start).starts_with())
        .into_stream();
    while let Some((key, _)) = stream.next() {
        if out.len() >= article_explorer::search::settings::MAX_EXPANSIONS {
            break;
        }
        let Some(spelling) = std::str::from_utf8(key)
            .ok()
            .and_then(|k| k.strip_prefix('='))
        else {
            continue;
        };
        if explorer_text::term_of(spelling) == term && spelling != term {
            out.push(format!("={spelling}"));
        }
    }
    out
}

/// The key ranges and single keys the engine reads for `parsed` (see the module docs).
fn reads(index: &explorer_index::Index<'_>, parsed: &query::Query) -> (Vec<KeyRange>, Vec<String>) {
    use article_explorer::search::settings::{TYPO_KEEP_PREFIX, TYPO_MIN_CHARS};
    let mut ranges = Vec::new();
    let mut points = Vec::new();
    let matchers = parsed
        .clauses
        .iter()
        .flat_map(|c| c.any_of.iter())
        .chain(&parsed.excluded);
    for m in matchers {
        for (i, term) in m.terms.iter().enumerate() {
            points.push(term.clone());
            match m.exact_keys.get(i).and_then(Option::as_deref) {
                Some(exact) => points.push(exact.to_owned()),
                None => {
                    // The exact spellings of the word's other forms (`=dateien` for
                    // `datei`), which weigh hits but are not marked as matched.
                    let start = format!("={term}");
                    ranges.push(prefix_range(start.as_bytes()));
                    points.extend(other_forms(index, term, &start));
                }
            }
            let last = i + 1 == m.terms.len();
            if m.prefix && last {
                ranges.push(prefix_range(term.as_bytes()));
                ranges.push(prefix_range(m.prefix_key.as_bytes()));
            }
            let missing = index
                .postings(term)
                .ok()
                .flatten()
                .is_none_or(|l| l.is_empty());
            let chars = term.chars().count();
            if missing && chars >= TYPO_MIN_CHARS[0] {
                // One edit keeps the first letter, two keep two: the first letter's range
                // holds both.
                let keep = TYPO_KEEP_PREFIX[0];
                let start: String = term.chars().take(keep).collect();
                ranges.push(prefix_range(start.as_bytes()));
                let word: String = m.text.to_lowercase();
                let start: String = word.chars().take(keep).collect();
                ranges.push(prefix_range(format!("={start}").as_bytes()));
            }
        }
        if m.is_word() {
            points.push(part_key(&m.text));
            points.push(fold_key(&m.text));
        }
        if let Some(whole) = &m.whole {
            points.push(whole.clone());
        }
    }
    (ranges, points)
}

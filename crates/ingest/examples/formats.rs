//! What the input formats make of a folder, and how long HTML takes to index.
//!
//! `cargo run --release -p explorer-ingest --example formats -- tests/fixtures/formats`
//! prints every article (title, date, metadata, blocks) and every skip with its reason.
//!
//! `cargo run --release -p explorer-ingest --example formats -- --html-pages 1000` writes
//! 1,000 news pages (the seed articles and the HTML fixtures, each wrapped in a page with a
//! cookie banner, navigation, teasers, a newsletter box, comments and a footer, numbered so
//! that no two are alike) to a temporary folder, builds the index over it and prints the
//! time of reading the pages and of the whole build.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, n] if flag == "--html-pages" => html_pages(n.parse().unwrap_or(1000)),
        [dir] => outline(Path::new(dir)),
        _ => {
            eprintln!("usage: formats <folder> | formats --html-pages <n>");
            std::process::exit(2);
        }
    }
}

fn outline(dir: &Path) {
    let corpus = match explorer_ingest::corpus::read_folder(dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for (doc, p) in corpus.documents.iter().zip(&corpus.parsed) {
        println!("== {} — {:?} ({:?})", doc.file, p.title, p.date);
        println!("   {:?}", p.meta);
        for b in &p.blocks {
            println!("   {:?}: {}", b.kind, &doc.text[b.start..b.end]);
        }
    }
    for (name, reason) in &corpus.skipped {
        println!("skipped {name}: {reason}");
    }
    for w in &corpus.warnings {
        println!("warning {w}");
    }
}

/// The workspace root (this example runs from anywhere).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn html_pages(n: usize) {
    let dir = std::env::temp_dir().join(format!("explorer-html-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    let seeds = sources();
    if seeds.is_empty() {
        eprintln!(
            "no seed articles or HTML fixtures found under {}",
            root().display()
        );
        std::process::exit(1);
    }
    for i in 0..n {
        let template = &seeds[i % seeds.len()];
        let mut page = Vec::with_capacity(template.len() + 8);
        let mut rest = &template[..];
        while let Some(at) = find(rest, b"{n}") {
            page.extend_from_slice(&rest[..at]);
            page.extend_from_slice(i.to_string().as_bytes());
            rest = &rest[at + 3..];
        }
        page.extend_from_slice(rest);
        if let Err(e) = std::fs::write(dir.join(format!("{i:05}.html")), page) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    let bytes: u64 = std::fs::read_dir(&dir)
        .map(|es| {
            es.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    println!(
        "{n} HTML pages, {:.1} MiB, in {}",
        bytes as f64 / 1048576.0,
        dir.display()
    );

    let started = Instant::now();
    let read = explorer_ingest::corpus::read_folder(&dir);
    let read_s = started.elapsed().as_secs_f64();
    let articles = read.as_ref().map_or(0, |c| c.documents.len());
    println!("read + extract + parse: {read_s:.2} s ({articles} articles)");

    let started = Instant::now();
    match explorer_ingest::build(&dir) {
        Ok(build) => {
            let mut reasons = std::collections::BTreeMap::new();
            for (_, why) in &build.skipped {
                *reasons.entry(why.to_string()).or_insert(0) += 1;
            }
            for (why, n) in reasons {
                println!("  skipped {n}: {why}");
            }
            println!(
            "whole build (read, extract, entities, analysis, write): {:.2} s, {} articles, {} skipped, index {} bytes",
            started.elapsed().as_secs_f64(),
            build.indexed.len(),
            build.skipped.len(),
            build.index.len()
            );
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Page templates with `{n}` where the page number goes: the HTML fixtures that are
/// articles (their `h1` numbered, bytes kept as they are: one is windows-1252), and each
/// seed article in a news site's page.
fn sources() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let list = |dir: PathBuf| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|es| es.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    for path in list(root().join("tests/fixtures/formats")) {
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
        let Some(file) = file.filter(|f| f.ends_with(".html") || f.ends_with(".htm")) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let input = explorer_ingest::formats::Input {
            file: &file,
            bytes: &bytes,
        };
        let is_article = matches!(
            explorer_ingest::formats::read(&input),
            Some(Ok(read)) if !read.articles.is_empty()
        );
        if is_article {
            // Number the headline and the title, so that no two pages are alike.
            let mut page = bytes;
            for (mark, insert, after) in [
                (&b"</h1>"[..], &b" (Seite {n})"[..], false),
                (b"property=\"og:title\" content=\"", b"{n} ", true),
            ] {
                if let Some(at) = find(&page, mark) {
                    let at = if after { at + mark.len() } else { at };
                    page.splice(at..at, insert.iter().copied());
                }
            }
            out.push(page);
        }
    }
    for path in list(root().join("seeds")) {
        if path.extension().and_then(|e| e.to_str()) == Some("txt") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push(page_of(&text).into_bytes());
            }
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn page_of(text: &str) -> String {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or("Ohne Titel");
    let body: String = lines.map(|l| format!("<p>{}</p>\n", escape(l))).collect();
    format!(
        r#"<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{t} | Testzeitung</title><meta property="og:site_name" content="Testzeitung">
<meta property="article:published_time" content="2019-03-01T10:00:00Z">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{t} ({{n}})","author":{{"name":"Test Autorin"}}}}</script>
<script>var tracking = "nicht indexieren";</script></head><body>
<div class="cookie-banner">Wir verwenden Cookies. <button>Alle akzeptieren</button></div>
<header><nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{t} ({{n}})</h1>
{body}<aside class="related"><h3>Mehr zum Thema</h3><a href="/x">Ein anderer Artikel</a></aside>
<div class="newsletter-box">Newsletter abonnieren</div>
<p>Seite {{n}}.</p></article>
<section class="comments"><p>Ein Leserkommentar.</p></section></main>
<footer>Impressum · Datenschutz</footer></body></html>"#,
        t = escape(title),
    )
}

//! `cargo xtask corpus --size N [--out DIR]`: a corpus of N German articles made of real text
//! from Debian packages (manuals, help pages, man pages), for benchmarks at realistic sizes.
//!
//! 1. [`debian`]: `apt-get download` the source packages into `corpora/.cache/debs` (skipped
//!    when present) and unpack them with `dpkg-deb -x` (nothing is installed);
//! 2. [`extract_html`] and [`man`]: headings and paragraphs as plain text;
//! 3. [`prose`]: keep German prose only, each paragraph once;
//! 4. [`compose`]: split documents into articles of 3-12 paragraphs with a title line, take a
//!    seeded sample of N (or, when the unique text runs out, add articles recombined from real
//!    paragraphs), date about half of them;
//! 5. write `NNNNNN-<package>.txt` / `NNNNNN-recombined.txt` and a `MANIFEST.md` that names
//!    the packages, versions and licences and says how many articles are recombined.
//!
//! The same packages give the same bytes: sorted inputs, one seed, no hash-map iteration.

mod compose;
mod debian;
mod extract_html;
mod man;
mod prose;

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::sizes::format_size;
use crate::util::{self, bail, format_duration, Context, Ctx, Result};

/// A document as extracted, before filtering.
#[derive(Debug)]
pub struct SourceDoc {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// A heading or a paragraph of plain text (whitespace collapsed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Para(String),
}

pub struct Options {
    pub size: usize,
    /// `--article-bytes N`: articles of about N bytes of text on average (default: 3-12
    /// paragraphs, about 1.9 KB from these packages).
    pub article_bytes: Option<usize>,
    /// Default: `corpora/<size>`.
    pub out: Option<PathBuf>,
}

/// What one package gave.
#[derive(Default)]
struct SourceStats {
    package: String,
    version: String,
    licences: Vec<String>,
    files: usize,
    paragraphs: usize,
    prose: usize,
    kept: usize,
    articles: usize,
    used: usize,
}

/// `1000`, `10k`, `50K`: the number of articles.
pub fn parse_size(text: &str) -> Result<usize> {
    let lower = text.trim().to_ascii_lowercase();
    let (digits, factor) = match lower.strip_suffix('k') {
        Some(d) => (d, 1000),
        None => (lower.as_str(), 1),
    };
    match digits.parse::<usize>() {
        Ok(n) if n > 0 && n * factor <= 1_000_000 => Ok(n * factor),
        _ => {
            bail!("--size {text}: give a number of articles between 1 and 1000000 (e.g. 1000, 10k)")
        }
    }
}

/// `3500`: the mean article length in bytes for `--article-bytes`.
pub fn parse_article_bytes(text: &str) -> Result<usize> {
    match text.trim().parse::<usize>() {
        Ok(n) if (500..=100_000).contains(&n) => Ok(n),
        _ => bail!("--article-bytes {text}: give a mean article length between 500 and 100000 bytes (e.g. 3500)"),
    }
}

pub fn run(ctx: &Ctx, options: Options) -> Result<()> {
    let start = Instant::now();
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| match options.article_bytes {
            None => ctx.path(&format!("corpora/{}", options.size)),
            Some(b) => ctx.path(&format!("corpora/{}-{b}b", options.size)),
        });
    let shape = compose::Shape {
        target_bytes: options.article_bytes,
    };
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir()
            .context(|| "reading the current directory".to_string())?
            .join(out)
    };
    check_output_folder(&out)?;
    let cache = ctx.path("corpora/.cache");
    println!(
        "corpus: {} articles into {} (package cache: {})",
        options.size,
        util::relative(&ctx.root, &out),
        util::relative(&ctx.root, &cache)
    );

    let packages = util::step("fetch and unpack the Debian packages", || {
        debian::fetch_all(&cache)
    })?;
    let (docs, mut stats) = util::step("extract German prose", || extract_all(&packages))?;
    let mut pool = compose::Pool::default();
    let (originals, leftovers) = util::step("split into articles", || {
        let (originals, leftovers) = compose::split(docs, &mut pool, shape);
        println!(
            "{} original articles from {} unique paragraphs ({} paragraphs left over for recombination)",
            originals.len(),
            pool.paragraphs.len(),
            leftovers.iter().map(Vec::len).sum::<usize>()
        );
        Ok((originals, leftovers))
    })?;
    for draft in &originals {
        if let Some(s) = draft.source {
            stats[s].articles += 1;
        }
    }
    let (articles, recombined) =
        compose::select(&originals, &leftovers, &pool, options.size, shape);
    for draft in &articles {
        if let Some(s) = draft.source {
            stats[s].used += 1;
        }
    }
    let written = util::step(&format!("write {} articles", articles.len()), || {
        write(&out, &articles, &pool)
    })?;
    let summary = Summary {
        size: options.size,
        article_bytes: options.article_bytes,
        originals_available: originals.len(),
        recombined,
        unique_paragraphs: pool.paragraphs.len(),
        dated: articles
            .iter()
            .filter(|d| compose::date(d.key).is_some())
            .count(),
        bytes: written,
    };
    let manifest = manifest(&summary, &stats);
    let manifest_path = out.join("MANIFEST.md");
    std::fs::write(&manifest_path, manifest)
        .context(|| format!("writing {}", manifest_path.display()))?;
    println!(
        "\ncorpus ready: {} articles ({} original, {} recombined), {} of text, in {} ({})",
        articles.len(),
        articles.len() - recombined,
        recombined,
        format_size(written),
        util::relative(&ctx.root, &out),
        format_duration(start.elapsed())
    );
    if recombined > 0 {
        println!(
            "note: the unique text gives {} articles; {recombined} are recombined from real paragraphs (see MANIFEST.md)",
            originals.len()
        );
    }
    Ok(())
}

/// The output folder may exist only as a corpus this command wrote (it is then replaced).
fn check_output_folder(out: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name == "MANIFEST.md" || is_generated_name(&name)) {
            bail!(
                "{} holds {name}, which this command did not write: choose another --out",
                out.display()
            );
        }
    }
    Ok(())
}

/// `000123-gimp-help-de.txt`, `004567-recombined.txt`.
fn is_generated_name(name: &str) -> bool {
    name.len() > 11
        && name.as_bytes()[..6].iter().all(u8::is_ascii_digit)
        && name.as_bytes()[6] == b'-'
        && name.ends_with(".txt")
}

/// Reads, extracts and filters every package (packages in parallel), then drops repeated
/// paragraphs in source order.
fn extract_all(packages: &[debian::Unpacked]) -> Result<(Vec<compose::KeptDoc>, Vec<SourceStats>)> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    type Extracted = Result<(Vec<SourceDoc>, usize)>;
    let mut results: Vec<Option<Extracted>> = (0..packages.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(unpacked) = packages.get(i) else {
                            break;
                        };
                        let started = Instant::now();
                        let result = extract_package(unpacked, &debian::SOURCES[i]);
                        if let Ok((docs, files)) = &result {
                            println!(
                                "  {} {}: {files} files, {} blocks ({})",
                                unpacked.package,
                                unpacked.version,
                                docs.iter().map(|d| d.blocks.len()).sum::<usize>(),
                                format_duration(started.elapsed())
                            );
                        }
                        done.push((i, result));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            if let Ok(done) = worker.join() {
                for (i, result) in done {
                    results[i] = Some(result);
                }
            }
        }
    });

    let mut seen = std::collections::HashSet::new();
    let mut kept_docs = Vec::new();
    let mut stats = Vec::new();
    for (i, (unpacked, result)) in packages.iter().zip(results).enumerate() {
        let Some(result) = result else {
            bail!("{}: extraction did not finish", unpacked.package);
        };
        let (docs, files) = result?;
        let mut s = SourceStats {
            package: unpacked.package.clone(),
            version: unpacked.version.clone(),
            licences: unpacked.licences.clone(),
            files,
            ..SourceStats::default()
        };
        for doc in docs {
            let mut blocks = Vec::new();
            for block in doc.blocks {
                match block {
                    Block::Heading(_) => blocks.push(block),
                    Block::Para(text) => {
                        s.paragraphs += 1;
                        if !prose::is_german_prose(&text) {
                            continue;
                        }
                        s.prose += 1;
                        if seen.insert(prose::dedupe_key(&text)) {
                            s.kept += 1;
                            blocks.push(Block::Para(text));
                        }
                    }
                }
            }
            if blocks.iter().any(|b| matches!(b, Block::Para(_))) {
                kept_docs.push(compose::KeptDoc {
                    source: i,
                    title: doc.title,
                    blocks,
                });
            }
        }
        println!(
            "  {}: {} of {} paragraphs are German prose, {} of them new",
            s.package, s.prose, s.paragraphs, s.kept
        );
        stats.push(s);
    }
    Ok((kept_docs, stats))
}

/// The documents of one package, in path order, and how many files were read.
fn extract_package(
    unpacked: &debian::Unpacked,
    source: &debian::Source,
) -> Result<(Vec<SourceDoc>, usize)> {
    let files = debian::text_files(unpacked, source)?;
    let mut docs = Vec::with_capacity(files.len());
    for file in &files {
        let bytes = std::fs::read(file).context(|| format!("reading {}", file.display()))?;
        let name = file.to_string_lossy();
        let doc = if name.ends_with(".gz") {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(bytes.as_slice())
                .read_to_end(&mut text)
                .context(|| format!("decompressing {}", file.display()))?;
            man::extract(&decode(&text))
        } else {
            let xml = [".xml", ".page", ".docbook"]
                .iter()
                .any(|e| name.ends_with(e));
            extract_html::extract(&decode(&bytes), xml)
        };
        docs.push(doc);
    }
    Ok((docs, files.len()))
}

/// UTF-8, or else Latin-1 (old help pages).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Writes the articles (replacing a previous corpus in `out`) and returns the bytes written.
fn write(out: &Path, articles: &[compose::Draft], pool: &compose::Pool) -> Result<u64> {
    if out.exists() {
        for entry in std::fs::read_dir(out).context(|| format!("listing {}", out.display()))? {
            let path = entry
                .context(|| format!("listing {}", out.display()))?
                .path();
            std::fs::remove_file(&path).context(|| format!("removing {}", path.display()))?;
        }
    }
    std::fs::create_dir_all(out).context(|| format!("creating {}", out.display()))?;
    let mut bytes = 0u64;
    for (i, draft) in articles.iter().enumerate() {
        let origin = draft
            .source
            .map_or("recombined", |s| debian::SOURCES[s].package);
        let path = out.join(format!("{i:06}-{origin}.txt"));
        let text = compose::render(draft, pool);
        bytes += text.len() as u64;
        std::fs::write(&path, text).context(|| format!("writing {}", path.display()))?;
        if (i + 1) % 10_000 == 0 {
            println!("  {} articles written", i + 1);
        }
    }
    Ok(bytes)
}

struct Summary {
    size: usize,
    article_bytes: Option<usize>,
    originals_available: usize,
    recombined: usize,
    unique_paragraphs: usize,
    dated: usize,
    bytes: u64,
}

fn manifest(summary: &Summary, stats: &[SourceStats]) -> String {
    let original = summary.size - summary.recombined;
    let mut m = String::new();
    let _ = writeln!(m, "# Corpus of {} German articles\n", summary.size);
    let command = match summary.article_bytes {
        None => format!("cargo xtask corpus --size {}", summary.size),
        Some(b) => format!(
            "cargo xtask corpus --size {} --article-bytes {b}",
            summary.size
        ),
    };
    let _ = writeln!(
        m,
        "Generated by `{command}` from German documentation shipped in Debian \
         packages (fetched with `apt-get download`, unpacked with `dpkg-deb -x`). Real text only: \
         no word is generated.\n"
    );
    let _ = writeln!(m, "## Counts\n");
    let _ = writeln!(m, "| what | value |\n|---|---|");
    let _ = writeln!(m, "| articles | {} |", summary.size);
    let _ = writeln!(
        m,
        "| original splits (consecutive paragraphs of one document) | {original} (of {} available) |",
        summary.originals_available
    );
    let _ = writeln!(
        m,
        "| recombined (runs of 1-3 real paragraphs from several documents, files `*-recombined.txt`) | {} |",
        summary.recombined
    );
    let _ = writeln!(
        m,
        "| unique paragraphs available | {} |",
        summary.unique_paragraphs
    );
    let _ = writeln!(
        m,
        "| articles with a ` date YYYY-MM` line (seeded, not real dates) | {} |",
        summary.dated
    );
    let _ = writeln!(
        m,
        "| total bytes of article text | {} ({}), {} per article on average |\n",
        summary.bytes,
        format_size(summary.bytes),
        summary.bytes / summary.size.max(1) as u64
    );
    if summary.recombined > 0 {
        let _ = writeln!(
            m,
            "**Note:** the unique German prose in these packages makes {} articles. The other {} \
             articles recombine those real paragraphs into new articles (deterministically), so \
             their paragraphs repeat text found elsewhere in the corpus: the vocabulary and the \
             term dictionary grow less than with {} truly different articles, while the postings \
             and the stored text grow as usual.\n",
            summary.originals_available, summary.recombined, summary.size
        );
    }
    let _ = writeln!(m, "## Sources\n");
    let _ = writeln!(
        m,
        "| package | version | licences (from `/usr/share/doc/<package>/copyright`) | files read | paragraphs | German prose | kept (new) | articles available | articles used |"
    );
    let _ = writeln!(m, "|---|---|---|---:|---:|---:|---:|---:|---:|");
    for s in stats {
        let licences = if s.licences.is_empty() {
            "see the package's copyright file".to_string()
        } else {
            s.licences.join(", ")
        };
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.package,
            s.version,
            licences,
            s.files,
            s.paragraphs,
            s.prose,
            s.kept,
            s.articles,
            s.used
        );
    }
    let _ = writeln!(m, "\n## Method\n");
    if let Some(b) = summary.article_bytes {
        let _ = writeln!(
            m,
            "- Length (`--article-bytes {b}`): instead of 3-12 paragraphs, an article grows \
             to a seeded length of 0.5-1.5 × {b} bytes (up to {} paragraphs), a section \
             heading starts a new one once the current has {} bytes, and an article that is \
             still short at the end of a document goes on with the next document of the same \
             package; the rest is as below.",
            compose::Shape {
                target_bytes: Some(b)
            }
            .max_paragraphs(),
            b * 4 / 5
        );
    }
    let _ = writeln!(
        m,
        "- Text: HTML pages without tags, scripts, styles and `<pre>` blocks; man pages without \
         groff requests, option tags and no-fill (example) regions.\n\
         - Kept paragraphs: {}-{} bytes, at least {} words, ending like a sentence (or with a colon), at least 82 % \
         letters, under 3 % code characters, at least 3 different common German function words \
         making 12 % of the words and clearly more than English ones, no translation or licence \
         boilerplate. Each paragraph once (case, spacing and punctuation ignored).\n\
         - Articles: consecutive kept paragraphs of one document, {}-{} per article (the larger \
         of two seeded draws), a new one at a section heading once the current has {} paragraphs \
         and 1500 bytes; the title line is the section \
         heading (prefixed with the document title when it is generic) or else the first \
         sentence, shortened.\n\
         - A corpus smaller than the available articles is a seeded sample of them (a smaller \
         corpus is a subset of a larger one). About half of the articles get a seeded ` date \
         YYYY-MM` line between 2000 and 2024.\n\
         - Seed: `{:#x}`. The same package versions give the same bytes.",
        prose::MIN_BYTES,
        prose::MAX_BYTES,
        prose::MIN_WORDS,
        compose::MIN_PARAGRAPHS,
        compose::MAX_PARAGRAPHS,
        compose::MIN_PARAGRAPHS,
        compose::SEED
    );
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_plain_numbers_and_thousands() {
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert_eq!(parse_size("10k").unwrap(), 10_000);
        assert_eq!(parse_size("50K").unwrap(), 50_000);
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(parse_article_bytes("3500").unwrap(), 3500);
        assert!(parse_article_bytes("3.5k").is_err());
        assert!(parse_article_bytes("10").is_err());
    }

    #[test]
    fn only_generated_names_count_as_generated() {
        assert!(is_generated_name("000123-gimp-help-de.txt"));
        assert!(is_generated_name("004567-recombined.txt"));
        assert!(!is_generated_name("notes.txt"));
        assert!(!is_generated_name("12-x.txt"));
    }
}

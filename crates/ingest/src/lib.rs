//! Build time only: turn a folder of article files into index bytes.
//!
//! [`build`] is the whole pipeline, and what `build.rs` calls:
//!
//! 1. [`corpus::read_folder`] reads every file through the seam of [`formats`]: a format
//!    (plain text, HTML, Markdown, JSON, JSON Lines, RSS/Atom) turns a file into articles,
//!    each with its title, date, blocks (title, heading, paragraph, caption, boilerplate)
//!    and metadata (authors, source, URL, language), and every file or part of one that
//!    is not an article is accounted for with its reason;
//! 2. for plain text, [`parse::parse`] finds each article's date, caption, title,
//!    headings, paragraphs and boilerplate (the other formats have their structure in
//!    their markup);
//! 3. [`entities`] recognises people, countries, places, organisations and events, guided by
//!    the folder's curation file `entities.toml` when there is one;
//! 4. [`indexer`] analyses the text with `explorer-text` (the same code the wasm runtime
//!    runs on queries) and feeds `explorer_index::IndexWriter` with articles and terms
//!    ([`indexer::add_articles`]), then entities and mentions ([`indexer::Draft::finish`]).
//!
//! Steps 3 and 4 run at the same time, on two threads: neither needs the other until the
//! entities are added to the index. Each is deterministic on its own, so the index is the
//! same bytes however the two are scheduled.
//!
//! Nothing in this crate reaches the .wasm.

pub mod corpus;
pub mod diagnostic;
pub mod entities;
pub mod formats;
mod hash;
pub mod indexer;
pub mod parse;

pub use diagnostic::{Diagnostic, Severity};

use std::fmt::Write as _;
use std::path::Path;

/// How to build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Every warning (a skipped file, a fallback decoding, a malformed date) fails the build.
    pub strict: bool,
    /// The texts will leave the index (hosted mode, `explorer_index::chunks::split_text`):
    /// store every position (overrides `stop_words_in_text`).
    pub texts_apart: bool,
    /// Leave the stop words' positions to the texts (a third of all positions: at 10k the
    /// index without texts is 0.35 instead of 0.40 × the text), at a price: a phrase with a
    /// stop word checks it in its candidates' texts, 10-20 × slower (bench/RESULTS.md).
    /// Off by default: the default build keeps every position.
    pub stop_words_in_text: bool,
}

impl Options {
    /// Whether the stop words' positions are left to the texts.
    fn positions_in_text(&self) -> bool {
        self.stop_words_in_text && !self.texts_apart
    }
}

/// The result of a successful build.
#[derive(Debug)]
pub struct Build {
    /// The index bytes.
    pub index: Vec<u8>,
    /// Names of the indexed articles, in id order: file names, or `file#n` for the n-th
    /// article of a file that holds several.
    pub indexed: Vec<String>,
    /// Files of the folder, or parts of them (`feed.xml#3`), that are not in the index, and
    /// why.
    pub skipped: Vec<(String, corpus::SkipReason)>,
    /// Warnings: files decoded with a fallback, malformed date lines, skipped files.
    pub warnings: Vec<Diagnostic>,
    /// A human-readable account: articles indexed, files skipped and why, index size.
    pub summary: String,
}

/// Build the index over the articles in `dir`. Errors (an unreadable folder, a folder with no
/// usable article, and in strict mode every warning) are all collected and returned
/// together.
pub fn build(dir: &Path) -> Result<Build, Vec<Diagnostic>> {
    build_with(dir, Options::default())
}

/// [`build`]'s steps one after the other on this thread (curation and strict mode aside),
/// calling `step` with each one's name when it is done: for timing them apart. `build` runs
/// entity recognition and analysis side by side, so its total is less than their sum.
pub fn build_step_by_step(
    dir: &Path,
    step: &mut dyn FnMut(&'static str),
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    build_step_by_step_with(dir, Options::default(), step)
}

/// [`build_step_by_step`] with options (`strict` aside).
pub fn build_step_by_step_with(
    dir: &Path,
    options: Options,
    step: &mut dyn FnMut(&'static str),
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let corpus = corpus::read_folder(dir).map_err(|e| vec![e])?;
    step("read + parse");
    let parsed = &corpus.parsed;
    let recognized = entities::recognize(&texts_of(&corpus.documents, parsed), None);
    step("entities");
    let (index, _) = indexer::write_index(
        &corpus.documents,
        parsed,
        &recognized,
        options.positions_in_text(),
    );
    step("analyse + write");
    Ok(index)
}

/// Each article's text with its blocks, as entity recognition takes them.
fn texts_of<'a>(
    documents: &'a [corpus::Document],
    parsed: &'a [parse::Parsed],
) -> Vec<(&'a str, &'a [parse::Span])> {
    documents
        .iter()
        .zip(parsed)
        .map(|(d, p)| (d.text.as_str(), p.blocks.as_slice()))
        .collect()
}

/// [`build`] with options.
pub fn build_with(dir: &Path, options: Options) -> Result<Build, Vec<Diagnostic>> {
    let corpus = corpus::read_folder(dir).map_err(|e| vec![e])?;
    let mut warnings = corpus.warnings.clone();
    for (name, reason) in &corpus.skipped {
        // A part of a file (`feed.xml#3`) is reported at its file, with its number.
        let (file, message) = match name.split_once('#') {
            Some((file, n)) => (file, format!("item #{n}: {reason}")),
            None => (name.as_str(), reason.to_string()),
        };
        warnings.push(Diagnostic::warning(&dir.join(file), reason.line(), message));
    }
    if corpus.documents.is_empty() {
        let mut errors = vec![Diagnostic::error(
            dir,
            None,
            format!(
                "no usable article in the folder (formats read: {})",
                formats::extensions()
            ),
        )];
        errors.extend(warnings);
        return Err(errors);
    }
    let curation = entities::load_curation(&dir.join("entities.toml"))?;
    let parsed = &corpus.parsed;
    if options.strict && !warnings.is_empty() {
        return Err(warnings
            .into_iter()
            .map(|w| Diagnostic {
                severity: Severity::Error,
                ..w
            })
            .collect());
    }
    let texts = texts_of(&corpus.documents, parsed);
    // Entity recognition and term analysis need nothing from each other: run them side by
    // side, and add the entities to the index when both are done.
    let (recognized, draft) = std::thread::scope(|scope| {
        let recognizing = scope.spawn(|| entities::recognize(&texts, curation.as_ref()));
        let draft = indexer::add_articles(&corpus.documents, parsed, options.positions_in_text());
        let recognized = recognizing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (recognized, draft)
    });
    let (index, stats) = draft.finish(&recognized);

    let mut summary = String::new();
    let _ = writeln!(summary, "corpus: {}", dir.display());
    let _ = writeln!(
        summary,
        "articles indexed: {} ({} dated, {} with a title line), terms: {}, index: {} bytes",
        stats.articles,
        stats.dated,
        stats.titled,
        stats.terms,
        index.len()
    );
    if let Ok(opened) = explorer_index::Index::open(&index) {
        let parts: Vec<String> = opened
            .section_sizes()
            .iter()
            .map(|(tag, size)| format!("{} {size}", String::from_utf8_lossy(tag)))
            .collect();
        let _ = writeln!(summary, "index sections (bytes): {}", parts.join(", "));
    }
    let _ = writeln!(
        summary,
        "entities found: {} ({} mentions){}",
        recognized.entities.len(),
        stats.mentions,
        if curation.is_some() {
            ", curated by entities.toml"
        } else {
            ""
        }
    );
    let mut by_format = std::collections::BTreeMap::new();
    for d in &corpus.documents {
        *by_format.entry(d.format).or_insert(0usize) += 1;
    }
    let formats: Vec<String> = by_format.iter().map(|(f, n)| format!("{f} {n}")).collect();
    let _ = writeln!(summary, "articles by format: {}", formats.join(", "));
    let count =
        |has: fn(&formats::Metadata) -> bool| parsed.iter().filter(|p| has(&p.meta)).count();
    let _ = writeln!(
        summary,
        "metadata: {} with a source, {} with authors, {} with a URL, {} with a language",
        count(|m| m.source.is_some()),
        count(|m| !m.authors.is_empty()),
        count(|m| m.url.is_some()),
        count(|m| m.language.is_some()),
    );
    let _ = writeln!(summary, "files skipped: {}", corpus.skipped.len());
    for (file, reason) in &corpus.skipped {
        let _ = writeln!(summary, "  {file}: {reason}");
    }
    let _ = writeln!(summary, "warnings: {}", warnings.len());
    Ok(Build {
        index,
        indexed: corpus.documents.iter().map(|d| d.file.clone()).collect(),
        skipped: corpus.skipped,
        warnings,
        summary,
    })
}

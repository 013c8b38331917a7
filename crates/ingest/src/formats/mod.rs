//! The input seam: a format turns one file's bytes into zero or more articles.
//!
//! Every format is a module with one [`Format`] value, registered in [`FORMATS`]: adding a
//! format is its module, its `mod` line and its line in that list. What comes out of a
//! format is the same for all of them: an [`Article`] (a name, a text, the blocks of that
//! text with their kinds, a title, a date and [`Metadata`]), or a named skip with its
//! reason, or a note (a warning with its line). Nothing after this module knows formats:
//! [`crate::corpus`] calls [`read`] and gets articles.
//!
//! A file that holds several articles (a feed, a JSON array, JSON Lines) names each one
//! `file#n`, `n` counting from 1 in the order of the file: the same file gives the same
//! names, so they are stable ids across builds.
//!
//! Articles keep only text: a format never passes markup, scripts or links through; a URL is
//! kept (as metadata) only when it is `http` or `https` ([`safe_url`]).

mod builder;
pub mod dates;
mod feed;
mod html;
mod json;
mod markdown;
mod record;
mod txt;

pub use builder::{Kind, TextBuilder};

use crate::corpus::SkipReason;
use crate::parse::Span;
use explorer_index::YearMonth;

/// Every format, in the order [`for_file`] tries them. One line per format.
pub static FORMATS: &[Format] = &[
    txt::FORMAT,
    html::FORMAT,
    markdown::FORMAT,
    json::JSON,
    json::JSONL,
    feed::FORMAT,
];

/// A format: its name, the file name extensions it reads (lowercase, without the dot) and
/// its reader.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
    /// Read one file. `Err` skips the whole file with that reason (binary content, broken
    /// JSON at a line, ...); a file read in part gives its articles and names its skips in
    /// [`Read::skipped`].
    pub read: fn(&Input<'_>) -> Result<Read, SkipReason>,
}

/// One file, as a format gets it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file name within the folder, e.g. `feed.xml`.
    pub file: &'a str,
    pub bytes: &'a [u8],
}

/// Who wrote an article, where it appeared, where it came from, in which language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// People, in the order the source gives them, without duplicates.
    pub authors: Vec<String>,
    /// The outlet (`og:site_name`, a feed's title, a JSON `source_domain`), e.g. `Tagesschau`.
    pub source: Option<String>,
    /// The original URL: `http` or `https` only.
    pub url: Option<String>,
    /// A language tag as given (`de`, `de-DE`), lowercased.
    pub language: Option<String>,
    /// Keywords or categories.
    pub tags: Vec<String>,
}

impl Metadata {
    /// What the index stores of it (tags are not stored).
    pub fn stored(&self) -> explorer_index::ArticleMeta<'_> {
        explorer_index::ArticleMeta {
            source: self.source.as_deref(),
            authors: self.authors.iter().map(String::as_str).collect(),
            url: self.url.as_deref(),
            language: self.language.as_deref(),
        }
    }
}

/// One article out of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file name, or `file#n` for the n-th article of a file that holds several.
    pub name: String,
    /// The text: UTF-8, `\n` line ends, one block per line.
    pub text: String,
    /// The blocks of `text`, in order, each a span of it.
    pub blocks: Vec<Span>,
    pub title: String,
    /// No title was given; `title` is the first sentence of the body.
    pub title_derived: bool,
    pub date: Option<YearMonth>,
    pub meta: Metadata,
}

impl Article {
    /// Whether the article keeps the seam's promises: every block a non-empty span of the
    /// text on character boundaries, in order, and a title. For tests and fuzzing.
    pub fn check(&self) -> Result<(), String> {
        let mut last_end = 0;
        for b in &self.blocks {
            let ok = b.start < b.end
                && b.end <= self.text.len()
                && b.start >= last_end
                && self.text.is_char_boundary(b.start)
                && self.text.is_char_boundary(b.end);
            if !ok {
                return Err(format!(
                    "{}: block {b:?} is not a span of the text",
                    self.name
                ));
            }
            last_end = b.end;
        }
        if self.title.trim().is_empty() && !self.blocks.is_empty() {
            return Err(format!("{}: no title", self.name));
        }
        Ok(())
    }
}

/// Something doubtful in a file, with its 1-based line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: Option<usize>,
    pub message: String,
}

/// What a format read from one file.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub articles: Vec<Article>,
    /// Parts of the file that are not articles (`feed.xml#3`), and why.
    pub skipped: Vec<(String, SkipReason)>,
    pub notes: Vec<Note>,
}

impl Read {
    /// One article and these notes.
    pub fn one(article: Article, notes: Vec<Note>) -> Read {
        Read {
            articles: vec![article],
            skipped: Vec::new(),
            notes,
        }
    }

    /// Add a part of a file that holds several: an article named `file#n`, or a skip with
    /// that name when it has no text.
    pub fn add_part(&mut self, file: &str, n: usize, article: Option<Article>, why: &'static str) {
        let name = format!("{file}#{n}");
        match article {
            Some(mut a) => {
                a.name = name;
                self.articles.push(a);
            }
            None => self.skipped.push((name, SkipReason::NoText { what: why })),
        }
    }
}

/// The format that reads `file`, by its extension (any case).
pub fn for_file(file: &str) -> Option<&'static Format> {
    let (_, ext) = file.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    FORMATS
        .iter()
        .find(|f| f.extensions.contains(&ext.as_str()))
}

/// Every extension read, for messages: `.txt, .html, ...`.
pub fn extensions() -> String {
    FORMATS
        .iter()
        .flat_map(|f| f.extensions.iter())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Read `input` with the format for its name; `None` if no format reads it.
pub fn read(input: &Input<'_>) -> Option<Result<Read, SkipReason>> {
    for_file(input.file).map(|f| (f.read)(input))
}

/// `url` if it is an absolute `http` or `https` URL without spaces or control characters,
/// else `None`: nothing else is ever stored (no `javascript:`, no `data:`).
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && clean && url.len() > lower.find("//").unwrap_or(0) + 2).then(|| url.to_owned())
}

/// Whitespace runs as one space, trimmed; `None` if nothing is left.
pub fn clean(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// Authors from a free-text list (`"Anna Meier, Ben Schulz und Carla Roth"`), with a
/// leading `Von`/`By` dropped; duplicates removed, order kept.
pub fn split_authors(text: &str, into: &mut Vec<String>) {
    let text = text.trim();
    let text = ["Von ", "von ", "By ", "by "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
    for part in text
        .split([',', ';', '|', '/'])
        .flat_map(|p| p.split(" und "))
    {
        for name in part.split(" and ").filter_map(clean) {
            if name.chars().any(char::is_alphabetic) && !into.contains(&name) {
                into.push(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_has_one_format_and_lookups_ignore_case() {
        let mut seen = std::collections::BTreeSet::new();
        for f in FORMATS {
            for e in f.extensions {
                assert!(seen.insert(*e), "{e} registered twice");
            }
        }
        assert_eq!(for_file("a.HTML").map(|f| f.name), Some("HTML"));
        assert_eq!(for_file("feed.xml#3").map(|f| f.name), None);
        assert!(for_file("noext").is_none());
        assert!(extensions().contains(".jsonl"));
    }

    #[test]
    fn every_fixture_file_reads_into_well_formed_articles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut articles = 0;
        for dir in ["formats", "nasty", "german"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                let bytes = std::fs::read(&path).unwrap();
                if let Some(Ok(read)) = read(&Input {
                    file: &file,
                    bytes: &bytes,
                }) {
                    for a in &read.articles {
                        a.check().unwrap();
                        articles += 1;
                    }
                }
            }
        }
        assert!(articles > 20);
    }

    #[test]
    fn cut_off_files_of_every_format_read_without_panicking() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        for entry in std::fs::read_dir(root.join("formats")).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            for cut in (0..bytes.len()).step_by(53) {
                if let Some(Ok(read)) = read(&Input {
                    file: &file,
                    bytes: &bytes[..cut],
                }) {
                    for a in &read.articles {
                        a.check().unwrap();
                    }
                }
            }
        }
    }

    #[test]
    fn only_http_urls_are_kept() {
        assert_eq!(
            safe_url(" https://www.example.de/a?b=1 ").as_deref(),
            Some("https://www.example.de/a?b=1")
        );
        assert!(safe_url("HTTP://x.de").is_some());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "https://",
            "https://a b",
            "ftp://x",
            "/relative",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn authors_are_split_and_deduplicated() {
        let mut a = Vec::new();
        split_authors("Von Anna Meier, Ben Schulz und Carla Roth", &mut a);
        split_authors("Anna Meier", &mut a);
        assert_eq!(a, ["Anna Meier", "Ben Schulz", "Carla Roth"]);
    }
}

//! Reading a corpus folder: each file through the format its extension names (see
//! [`crate::formats`]), and an account of every file, or part of one, that could not be used.
//!
//! Every file in the folder ends up in [`Corpus::documents`] (as one article, or as several
//! named `file#n`) or in [`Corpus::skipped`] with the reason, and so does every part of a
//! file that is not indexed (`feed.xml#3: a feed item with no text`). Nothing is lost
//! silently.

use crate::diagnostic::Diagnostic;
use crate::formats;
use crate::parse::Parsed;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest article file accepted, in bytes. Bigger files are refused with this limit named.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// An article's name and text, as a format read it.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article's name: its file name within the folder (`000_583b21297003d79a.txt`),
    /// or `file#n` for the n-th article of a file that holds several (`feed.xml#3`).
    pub file: String,
    /// The file it came from.
    pub path: PathBuf,
    /// The text: UTF-8, without a byte order mark, line ends normalised to `\n`.
    pub text: String,
    /// Other articles with the same text, indexed once under `file`.
    pub duplicates: Vec<String>,
    /// The name of the format it was read with (`HTML`, `JSON Lines`, ...), for reports.
    pub format: &'static str,
}

/// Why a file in the folder, or a part of one, is not in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// No format reads files with this extension.
    UnknownFormat {
        extension: String,
    },
    Hidden,
    Empty,
    Binary,
    TooLarge {
        bytes: u64,
    },
    InvalidEncoding {
        offset: usize,
    },
    Unreadable {
        error: String,
    },
    DuplicateOf {
        file: String,
    },
    /// A feed item, a JSON record or a page with no text to index: `what` says which, e.g.
    /// "a feed item with no text", "a page without a main text".
    NoText {
        what: &'static str,
    },
    /// The file (or a line of it) is not what its format says: broken JSON, XML, front
    /// matter. `line` is 1-based.
    Broken {
        format: &'static str,
        line: Option<usize>,
        message: String,
    },
    /// A file of a known format that is not an article (Markdown without front matter).
    NotAnArticle {
        why: &'static str,
    },
}

impl SkipReason {
    /// The line the reason is about, if any.
    pub fn line(&self) -> Option<usize> {
        match self {
            SkipReason::Broken { line, .. } => *line,
            _ => None,
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::UnknownFormat { extension } if extension.is_empty() => write!(
                f,
                "no file name extension, so no format: ignored (formats: {})",
                formats::extensions()
            ),
            SkipReason::UnknownFormat { extension } => write!(
                f,
                "unknown format .{extension}, ignored (formats: {})",
                formats::extensions()
            ),
            SkipReason::Hidden => write!(f, "hidden file, ignored"),
            SkipReason::Empty => write!(f, "empty or whitespace only, skipped"),
            SkipReason::Binary => write!(f, "binary content (NUL bytes), skipped"),
            SkipReason::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes is over the limit of {MAX_FILE_BYTES} bytes per article, skipped"
            ),
            SkipReason::InvalidEncoding { offset } => write!(
                f,
                "neither UTF-8 nor Windows-1252 (invalid byte at offset {offset}), skipped"
            ),
            SkipReason::Unreadable { error } => write!(f, "cannot be read: {error}"),
            SkipReason::DuplicateOf { file } => {
                write!(f, "the same text as {file}, indexed once as {file}")
            }
            SkipReason::NoText { what } => write!(f, "{what}, skipped"),
            SkipReason::Broken {
                format,
                line: Some(line),
                message,
            } => write!(f, "broken {format} at line {line}: {message}, skipped"),
            SkipReason::Broken {
                format,
                line: None,
                message,
            } => write!(f, "broken {format}: {message}, skipped"),
            SkipReason::NotAnArticle { why } => write!(f, "not an article ({why}), skipped"),
        }
    }
}

/// A folder read into articles and skips.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles' names and texts, in order: `documents[i]` becomes `ArticleId(i)`.
    pub documents: Vec<Document>,
    /// Their structure and metadata, `parsed[i]` for `documents[i]`.
    pub parsed: Vec<Parsed>,
    pub skipped: Vec<(String, SkipReason)>,
    pub warnings: Vec<Diagnostic>,
}

/// Files in the corpus folder that configure the build rather than being articles.
pub const CONFIG_FILES: &[&str] = &["entities.toml"];

/// Read every file of `dir` (not recursing), in file-name order, each with the format its
/// extension names (see [`crate::formats`]); a file may hold several articles.
pub fn read_folder(dir: &Path) -> Result<Corpus, Diagnostic> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Diagnostic::error(dir, None, format!("cannot read the folder: {e}")))?;
    // Whether an entry is a folder, from the listing where it says so (no `stat` per file);
    // a symbolic link is followed.
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let path = e.path();
            let is_dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            Some((path, is_dir))
        })
        .collect();
    paths.sort();
    let mut corpus = Corpus::default();
    // Articles by a hash of their text; equal hashes are compared in full. (Keying the map
    // by the text itself would hold a second copy of the corpus.)
    let mut by_content: HashMap<u64, Vec<usize>> = HashMap::new();
    for (path, is_dir) in paths {
        if is_dir {
            continue;
        }
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if CONFIG_FILES.contains(&file.as_str()) {
            continue;
        }
        let skip = |corpus: &mut Corpus, reason| corpus.skipped.push((file.clone(), reason));
        if file.starts_with('.') {
            skip(&mut corpus, SkipReason::Hidden);
            continue;
        }
        let Some(format) = formats::for_file(&file) else {
            let extension = file.rsplit_once('.').map_or("", |(_, e)| e).to_owned();
            skip(&mut corpus, SkipReason::UnknownFormat { extension });
            continue;
        };
        let bytes = match read_limited(&path) {
            Ok(b) => b,
            Err(reason) => {
                skip(&mut corpus, reason);
                continue;
            }
        };
        if bytes.contains(&0) {
            skip(&mut corpus, SkipReason::Binary);
            continue;
        }
        let input = formats::Input {
            file: &file,
            bytes: &bytes,
        };
        let read = match (format.read)(&input) {
            Ok(read) => read,
            Err(reason) => {
                skip(&mut corpus, reason);
                continue;
            }
        };
        for note in read.notes {
            corpus
                .warnings
                .push(Diagnostic::warning(&path, note.line, note.message));
        }
        if read.articles.is_empty() && read.skipped.is_empty() {
            skip(
                &mut corpus,
                SkipReason::NoText {
                    what: "a file with no article in it",
                },
            );
            continue;
        }
        corpus.skipped.extend(read.skipped);
        for article in read.articles {
            add(&mut corpus, &mut by_content, &path, format.name, article);
        }
    }
    Ok(corpus)
}

/// Add an article unless it is empty or has the text of one added before.
fn add(
    corpus: &mut Corpus,
    by_content: &mut HashMap<u64, Vec<usize>>,
    path: &Path,
    format: &'static str,
    article: formats::Article,
) {
    let name = article.name;
    if article.text.trim().is_empty() {
        corpus.skipped.push((name, SkipReason::Empty));
        return;
    }
    let same = by_content.entry(content_hash(&article.text)).or_default();
    if let Some(&first) = same
        .iter()
        .find(|&&i| corpus.documents[i].text == article.text)
    {
        let original = corpus.documents[first].file.clone();
        corpus.documents[first].duplicates.push(name.clone());
        corpus
            .skipped
            .push((name, SkipReason::DuplicateOf { file: original }));
        return;
    }
    same.push(corpus.documents.len());
    corpus.parsed.push(Parsed {
        date: article.date,
        title: article.title,
        title_derived: article.title_derived,
        blocks: article.blocks,
        meta: article.meta,
    });
    corpus.documents.push(Document {
        file: name,
        path: path.to_owned(),
        text: article.text,
        duplicates: Vec::new(),
        format,
    });
}

fn content_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, SkipReason> {
    let unreadable = |e: std::io::Error| SkipReason::Unreadable {
        error: e.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge { bytes: len });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(unreadable)?;
    Ok(bytes)
}

/// Decode file bytes to text: UTF-8 (a BOM dropped), else Windows-1252 when every byte is
/// defined there (with a note saying so); line ends normalised to `\n`.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), SkipReason> {
    if bytes.contains(&0) {
        return Err(SkipReason::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((normalize_line_ends(s), None)),
        Err(e) => match decode_windows_1252(bytes) {
            Some(s) => Ok((
                normalize_line_ends(&s),
                Some("not valid UTF-8; decoded as Windows-1252 (Latin-1)"),
            )),
            None => Err(SkipReason::InvalidEncoding {
                offset: e.valid_up_to(),
            }),
        },
    }
}

/// `\r\n` and lone `\r` as `\n`, in one copy.
fn normalize_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = rest[i + 1..].strip_prefix('\n').unwrap_or(&rest[i + 1..]);
    }
    out.push_str(rest);
    out
}

/// Windows-1252, or `None` if a byte is one of the five it leaves undefined.
fn decode_windows_1252(bytes: &[u8]) -> Option<String> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => Some(HIGH[usize::from(b - 0x80)]).filter(|&c| c != '\0'),
            _ => Some(char::from(b)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_crlf_and_latin1() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(),
            ("a\nb\nc".into(), None)
        );
        let (text, note) = decode(b"Stra\xdfe \x84Zitat\x93").unwrap();
        assert_eq!(text, "Straße „Zitat“");
        assert!(note.is_some());
        assert_eq!(decode(b"a\x00b"), Err(SkipReason::Binary));
        assert_eq!(decode(b"\r\r\n\n\r").unwrap().0, "\n\n\n\n");
        assert_eq!(
            decode(b"ok \x81"),
            Err(SkipReason::InvalidEncoding { offset: 3 })
        );
    }
}

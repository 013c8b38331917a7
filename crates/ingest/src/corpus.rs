//! Reading a corpus folder: which files are articles, decoding their bytes, and an account
//! of every file that could not be used.
//!
//! Every file in the folder ends up in exactly one place: [`Corpus::documents`] (it will be
//! indexed) or [`Corpus::skipped`] (with the reason). Nothing is lost silently.

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest article file accepted, in bytes. Bigger files are refused with this limit named.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A decoded article file, ready to parse.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name within the folder, e.g. `000_583b21297003d79a.txt`.
    pub file: String,
    pub path: PathBuf,
    /// The text: UTF-8, without a byte order mark, line ends normalised to `\n`.
    pub text: String,
    /// Other file names with byte-identical content, indexed once under `file`.
    pub duplicates: Vec<String>,
}

/// Why a file in the folder is not in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    NotText,
    Hidden,
    Empty,
    Binary,
    TooLarge { bytes: u64 },
    InvalidEncoding { offset: usize },
    Unreadable { error: String },
    DuplicateOf { file: String },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotText => write!(f, "not a .txt file, ignored"),
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
                write!(f, "byte-identical to {file}, indexed once as {file}")
            }
        }
    }
}

/// A folder read into documents and skips.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<(String, SkipReason)>,
    pub warnings: Vec<Diagnostic>,
}

/// Files in the corpus folder that configure the build rather than being articles.
pub const CONFIG_FILES: &[&str] = &["entities.toml"];

/// Read every file of `dir` (not recursing), in file-name order.
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
    // Documents by a hash of their text; equal hashes are compared in full. (Keying the map
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
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            skip(&mut corpus, SkipReason::NotText);
            continue;
        }
        let bytes = match read_limited(&path) {
            Ok(b) => b,
            Err(reason) => {
                skip(&mut corpus, reason);
                continue;
            }
        };
        let text = match decode_owned(bytes) {
            Ok((text, Some(note))) => {
                corpus
                    .warnings
                    .push(Diagnostic::warning(&path, None, note.to_owned()));
                text
            }
            Ok((text, None)) => text,
            Err(reason) => {
                skip(&mut corpus, reason);
                continue;
            }
        };
        if text.trim().is_empty() {
            skip(&mut corpus, SkipReason::Empty);
            continue;
        }
        let same = by_content.entry(content_hash(&text)).or_default();
        if let Some(&first) = same.iter().find(|&&i| corpus.documents[i].text == text) {
            let original = corpus.documents[first].file.clone();
            corpus.documents[first].duplicates.push(file.clone());
            skip(&mut corpus, SkipReason::DuplicateOf { file: original });
            continue;
        }
        same.push(corpus.documents.len());
        corpus.documents.push(Document {
            file,
            path,
            text,
            duplicates: Vec::new(),
        });
    }
    Ok(corpus)
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

/// [`decode`], without copying the bytes of a file that is already plain UTF-8 (no byte
/// order mark, no `\r`).
fn decode_owned(bytes: Vec<u8>) -> Result<(String, Option<&'static str>), SkipReason> {
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.iter().any(|&b| b == 0 || b == b'\r');
    if plain {
        match String::from_utf8(bytes) {
            Ok(text) => Ok((text, None)),
            Err(e) => decode(e.as_bytes()),
        }
    } else {
        decode(&bytes)
    }
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
        for bytes in [
            &b"\xEF\xBB\xBFa\r\nb\rc"[..],
            b"\r\r\n\n\r",
            b"plain\ntext",
            b"Stra\xdfe",
            b"a\x00b",
            b"ok \x81",
        ] {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        }
        assert_eq!(decode(b"\r\r\n\n\r").unwrap().0, "\n\n\n\n");
        assert_eq!(
            decode(b"ok \x81"),
            Err(SkipReason::InvalidEncoding { offset: 3 })
        );
    }
}

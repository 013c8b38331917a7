//! The one error type of the index reader: every way a byte string can fail to be an index.

use std::fmt;

/// Why bytes could not be opened or read as an index. Each variant carries what a user needs
/// to act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// The bytes do not start with [`crate::MAGIC`]: not an index at all.
    NotAnIndex,
    /// An index of another format version; rebuild it with the matching explorer.
    Version { expected: u32, got: u32 },
    /// Fewer bytes than the header promises: a truncated file or download.
    Truncated { expected: u64, got: u64 },
    /// The body's checksum does not match: the bytes were damaged.
    Checksum { expected: u32, got: u32 },
    /// A required section is missing from the directory.
    MissingSection { tag: [u8; 4] },
    /// A structure inside a section could not be decoded.
    Corrupt {
        section: &'static str,
        offset: usize,
    },
    /// An article id outside `0..article_count`.
    NoSuchArticle { id: u32, count: u32 },
    /// An entity id outside `0..entity_count`.
    NoSuchEntity { id: u32, count: u32 },
    /// Hosted mode: the text of `article` is in text chunk `chunk`, which has not been loaded.
    /// `file` is the chunk's file (see [`crate::ChunkInfo::file_name`]), which the message names.
    #[cfg(feature = "chunks")]
    TextNotLoaded {
        article: u32,
        chunk: u32,
        file: String,
    },
    /// Hosted mode: bytes given as text chunk `chunk` (the file `file`) are not that chunk.
    #[cfg(feature = "chunks")]
    BadChunk {
        chunk: u32,
        file: String,
        problem: ChunkProblem,
    },
    /// A text chunk number outside `0..count`.
    #[cfg(feature = "chunks")]
    NoSuchChunk { chunk: u32, count: u32 },
    /// The texts cannot leave this index: the positions of `term` are only in them (see
    /// [`crate::PositionsKept::InText`]); build the index for hosting with every position
    /// stored (`explorer_ingest::Options::texts_apart`).
    #[cfg(feature = "chunks")]
    PositionsInText { term: String },
}

/// What is wrong with the bytes given as a text chunk.
#[cfg(feature = "chunks")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkProblem {
    /// Not as many bytes as the index says the chunk has (after decompression).
    Length { expected: u32, got: u64 },
    /// The CRC-32 of the bytes is not the chunk's.
    Checksum { expected: u32, got: u32 },
    /// The right size and checksum, but its records cannot be decoded (a writer bug).
    Corrupt { offset: usize },
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::NotAnIndex => write!(f, "not an article index (wrong magic bytes)"),
            IndexError::Version { expected, got } => write!(
                f,
                "index format version {got} cannot be read by this explorer (expects {expected}); rebuild the index"
            ),
            IndexError::Truncated { expected, got } => {
                write!(f, "index is truncated: expected {expected} bytes, got {got}")
            }
            IndexError::Checksum { expected, got } => write!(
                f,
                "index is damaged: checksum {got:08x} does not match {expected:08x}"
            ),
            IndexError::MissingSection { tag } => write!(
                f,
                "index has no {} section",
                String::from_utf8_lossy(tag)
            ),
            IndexError::Corrupt { section, offset } => {
                write!(f, "index is corrupt in section {section} at byte {offset}")
            }
            IndexError::NoSuchArticle { id, count } => {
                write!(f, "no article {id}: the index has {count} articles")
            }
            IndexError::NoSuchEntity { id, count } => {
                write!(f, "no entity {id}: the index has {count} entities")
            }
            #[cfg(feature = "chunks")]
            IndexError::TextNotLoaded {
                article,
                chunk,
                file,
            } => write!(
                f,
                "the text of article {article} is not loaded: it is in text chunk {chunk} ({file}); load it first"
            ),
            #[cfg(feature = "chunks")]
            IndexError::BadChunk {
                chunk,
                file,
                problem,
            } => {
                write!(
                    f,
                    "text chunk {chunk} ({file}) is damaged or from another build: "
                )?;
                match problem {
                    ChunkProblem::Length { expected, got } => {
                        write!(f, "{got} bytes, expected {expected}")
                    }
                    ChunkProblem::Checksum { expected, got } => {
                        write!(f, "checksum {got:08x} does not match {expected:08x}")
                    }
                    ChunkProblem::Corrupt { offset } => write!(f, "cannot be read at byte {offset}"),
                }
            }
            #[cfg(feature = "chunks")]
            IndexError::NoSuchChunk { chunk, count } => {
                write!(f, "no text chunk {chunk}: the index has {count}")
            }
            #[cfg(feature = "chunks")]
            IndexError::PositionsInText { term } => write!(
                f,
                "the texts cannot be split from this index: the positions of {term:?} are only in them; build it for hosting (every position stored)"
            ),
        }
    }
}

impl std::error::Error for IndexError {}

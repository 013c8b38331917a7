//! The explorer's index format: one byte string, written at build time, read in the browser.
//!
//! # Layout
//!
//! ```text
//! header   magic "AEXPLIDX" (8) | format version u32 LE | CRC-32 of the body u32 LE | body length u64 LE
//! body     section directory: count u32, then per section: tag [u8; 4], offset u32, length u32
//!          sections (offsets relative to the body):
//!            META  corpus statistics (article count, average indexed length)
//!            TERM  fst::Map: term -> byte offset of its postings list in POST
//!            POST  postings lists (see [`postings`])
//!            ARTS  per article, fixed size: date (see [`articles`])
//!            LENS  per article, one byte: indexed length, quantized (see [`articles::lengths`])
//!            HEAD  per article: file, title, date, length
//!            BODY  per article: text and blocks
//!            TXTC  instead of BODY in a hosted index: the text chunks (see `chunks`, behind
//!                  the `chunks` feature: the default .wasm cannot read a hosted index)
//!            ENTS  entities with aliases and the articles that mention them (see [`entities`])
//!            MENT  per article: entity mentions (spans)
//!            AENT  per article: the distinct entities it mentions
//!            ALIA  fst::Map: folded alias -> entity id
//!            AMET  per article: source, authors, URL, language; the tables of source and
//!                  author names (see [`articles::Metadata`])
//! ```
//!
//! Writer and reader of each part live side by side ([`postings`], [`articles`],
//! [`container`]), so the two cannot drift; the writer is behind the `write` feature and never
//! reaches the .wasm. The reader borrows the bytes (`&'a [u8]`, e.g. from `include_bytes!`)
//! and copies nothing on open.
//!
//! # Versioning
//!
//! [`FORMAT_VERSION`] changes whenever the bytes change meaning. [`Index::open`] checks the
//! magic, then the version, then the length, then the checksum, and reports the first
//! mismatch as a typed [`IndexError`].

pub mod articles;
#[cfg(feature = "chunks")]
pub mod chunks;
pub mod container;
mod crc32;
pub mod dictionary;
pub mod entities;
mod error;
pub mod figures;
#[cfg(feature = "lazy")]
pub mod lazy;
pub mod postings;
mod reader;
mod varint;
#[cfg(feature = "write")]
mod writer;

pub use articles::{
    ArticleHead, ArticleMeta, ArticleRecord, AuthorId, Block, BlockKind, Metadata, SourceId,
    YearMonth,
};
#[cfg(feature = "chunks")]
pub use chunks::{ChunkInfo, LoadedChunk, TextChunks};
pub use dictionary::Dictionary;
pub use entities::{EntityId, EntityKind, EntityRecord, Mention, MentionKind};
#[cfg(feature = "chunks")]
pub use error::ChunkProblem;
pub use error::IndexError;
pub use figures::{DateCount, EntityTotals, MetaCounts, MetaTable, StartFigures};
pub use postings::{ColumnBytes, Field, Kind, Occurrence, PositionsKept, Posting, PostingList};
pub use reader::Index;
#[cfg(feature = "write")]
pub use writer::IndexWriter;

/// First bytes of every index.
pub const MAGIC: [u8; 8] = *b"AEXPLIDX";

/// Version of the byte format. Bump it whenever the meaning of any byte changes; the
/// compatibility test over the committed fixture index fails until you do.
///
/// 11: an exact-spelling key is the spelling folded, `=`, the spelling
/// (`explorer_text::spelling_key`; was `=` and the spelling), so it sorts beside its term.
pub const FORMAT_VERSION: u32 = 11;

/// An article's number in the index: its position in the sorted list of source files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub u32);

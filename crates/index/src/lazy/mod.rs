//! Hosted mode's lazy index: the term dictionary and postings split into files named by
//! their content hash, fetched per query (behind the `lazy` feature; the writer behind
//! `write`). See `docs/HOSTED.md` for the design and what is still embedded.
//!
//! # Files
//!
//! ```text
//! root  r-HASH   magic "AEXPLAZY" | LAZY_VERSION u32 | CRC-32 of body u32 | body length u32 | body
//!                body: article count u32
//!                      dictionary shards: count u32, then per shard its first key (u16 length,
//!                        bytes) and its file (hash u64, length u32)
//!                      other sections of the index: count u32, per section tag [u8; 4] and file
//!                      row chunks: count u32, per table tag [u8; 4], record count u32
//!                        (version 3), chunk count u32, per chunk its first record u32 and
//!                        file
//!                      alias shards (version 6): count u32, per shard its first key (u16
//!                        length, bytes) and its file (a shard file of no pack)
//! shard d-HASH   magic "AEXPLDIC" | LAZY_VERSION u32 | packs: count u16, per pack (hash u64,
//!                length u32) | fst::Map term -> pack number << 32 | offset in the pack
//! pack  p-HASH   postings lists of consecutive terms of one shard, as in the index's POST
//! section s-HASH one section of the index (LENS, ARTS, HEAD, ENTS, ...), its bytes unchanged, or
//!                one the lazy writer counts (ETOT, STRT: `crate::figures`) or makes (ALKF,
//!                the alias filter: `filter.rs`)
//! rows  a-HASH   the records of consecutive articles of a per-article table (HEAD, MENT,
//!                AENT) or of consecutive entities (ENTS, and ENAM: their names and kinds
//!                only), as a table of the index's format (`rows.rs`); a HEAD chunk of a
//!                hosted index has one record more: its text chunks' entries (`texts.rs`)
//! alias shard d-HASH  a shard file of no pack whose fst is a key range of ALIA (folded
//!                name -> entity id; `aliases.rs`)
//! text  text/NNNN-HASH.gz  article N's text, its head and TXTC entry before it
//!                (`crate::chunks::carried`); HASH is its HEAD row chunk's (`texts.rs`)
//! ```
//!
//! Shard `i` holds the terms from its first key up to the next shard's first key, so a prefix
//! or a range of keys (what a typo correction that keeps the first letters can reach) maps to
//! a contiguous run of shards, read from the root alone. A file's name is its kind and the
//! FNV-1a 64 hash of its bytes: the same bytes get the same name in every build, so a CDN or
//! a service worker may keep them forever, and bytes that are not the file named are refused.
//!
//! # Rounds
//!
//! [`LazyIndex`] holds the root and what has been supplied. A lookup returns
//! [`Lookup::Need`] with the names of the files it lacks (a shard first, then a pack); the
//! caller fetches them, hands them to [`LazyIndex::supply`] and asks again. Nothing is
//! guessed: a term is [`Lookup::Absent`] only when its shard says so.

mod aliases;
mod assemble;
mod error;
mod files;
pub(crate) mod filter;
pub mod reads;
mod root;
mod rows;
mod store;
mod texts;
#[cfg(feature = "write")]
mod writer;

pub use assemble::Assembled;
pub use error::LazyError;
pub use files::{file_hash, FileKind, FileRef};
pub use filter::ALIAS_FILTER;
pub use rows::{LAZY_SECTIONS, META_NAMES, META_ROWS, NAME_ROWS, ROW_TABLES};
pub use store::{prefix_range, KeyRange, LazyIndex, Lookup, RangeLookup};
#[cfg(feature = "write")]
pub use texts::carry_heads;
pub use texts::TEXT_ROWS;
#[cfg(feature = "write")]
pub use writer::{split, LazyFiles, ShardSizes};

/// First bytes of a lazy index's root file.
pub const ROOT_MAGIC: [u8; 8] = *b"AEXPLAZY";
/// First bytes of a dictionary shard file.
pub const SHARD_MAGIC: [u8; 8] = *b"AEXPLDIC";
/// Version of the lazy files' format, apart from the index's [`crate::FORMAT_VERSION`] (a
/// section file holds a section of that format unchanged). Bump it when a byte of the root
/// or a shard changes meaning.
///
/// 3: the root lists each row table's record count (ENTS has one record per entity), and
/// AENT, ENTS and ENAM (the entities' names, rows only) are row tables too.
/// 4: the sections ETOT (every entity's number of articles) and STRT (the start page's
/// months, sources and authors), counted by the lazy writer (`crate::figures`), lazy
/// sections.
/// 5: AMET apart: its per-article part as the row table AMPR (rows only) and its names as
/// the lazy section AMNM, so that a listed article reads its row, not AMET whole.
/// 6: the alias map in key ranges (the root's alias shard table after the row tables,
/// `aliases.rs`) and the text chunks' entries in the HEAD chunks (one record after their
/// articles' heads, `texts.rs`), so that a query reads neither ALIA nor TXTC whole.
/// 7: the lengths apart from the dates (the lazy section LENS, one byte an article, of index
/// format 10), so that ranking reads a quarter of what it read and no date.
/// 8: the alias filter (the lazy section ALKF, `filter.rs`), so that a page of hits learns
/// that the words of its titles and texts are no names without fetching alias shards.
/// 9: a hosted index holds one article a text chunk, named by the HEAD row chunk that
/// carries its entry (`texts.rs`), so that a page fetches its hits' texts with their heads.
/// 10: a text file carries its article's head and TXTC entry (`crate::chunks::carried`), so
/// that a page's last round fetches its hits' texts and not also their HEAD row chunks.
/// 11: the dictionary's exact-spelling keys sort beside their terms (index format 11), so
/// that a word's term, spelling and other forms are mostly one shard, not two or three.
pub const LAZY_VERSION: u32 = 11;

#[cfg(all(test, feature = "write"))]
mod tests;
#[cfg(all(test, feature = "write"))]
mod tests_apart;
#[cfg(all(test, feature = "write"))]
mod tests_assembly;

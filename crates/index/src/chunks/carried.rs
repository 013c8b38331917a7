//! A lazy index's text file that carries its article's head (lazy format 10): the page's
//! last round fetches its hits' texts alone, not also the HEAD row chunks of their heads.
//!
//! ```text
//! text file (decompressed)  magic "AEXPLHED" | article u32 LE | its TXTC entry (20 bytes) |
//!                           head length u32 LE | its HEAD record | its text chunk, as ever
//!                           (magic "AEXPLTXT" ..., which the entry's length and CRC-32 cover)
//! ```
//!
//! The name of the file (`crate::lazy`: the hash of the HEAD row chunk that holds the same
//! head and entry) changes with any of them, so a file by that name of another build has the
//! same bytes; a damaged one fails gzip's own check, the entry's length and CRC-32 over the
//! text, or the structure of the text and the head. A head that disagrees with its HEAD row
//! chunk, when that chunk is loaded, is refused by the store (`crate::lazy`).

use super::{read_u32, ChunkInfo, TXTC_RECORD};
use crate::ArticleId;

/// First bytes of a text file that carries its article's head.
pub const CARRIED_MAGIC: [u8; 8] = *b"AEXPLHED";

/// The parts of a text file that carries its article's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried<'b> {
    /// The article (and, one article a chunk, the chunk's number).
    pub article: u32,
    /// Its TXTC entry, as in the index.
    pub entry: &'b [u8],
    /// Its HEAD record, as in the index's HEAD table.
    pub head: &'b [u8],
    /// Its text chunk, as a file without a head holds it.
    pub text: &'b [u8],
}

impl Carried<'_> {
    /// The entry as a [`ChunkInfo`], named as a lazy chunk carried by HEAD chunk `head`.
    pub fn info(&self, head: Option<u64>) -> ChunkInfo {
        let field = |i: usize| read_u32(self.entry, 4 * i).unwrap_or(0);
        ChunkInfo {
            first: ArticleId(field(0)),
            articles: field(1),
            stored_len: field(2),
            len: field(3),
            crc: field(4),
            head,
        }
    }
}

/// The parts of `bytes` (a decompressed text file), or `None` when it does not carry a head
/// (a text chunk of format 9 or of a hosted build that is not lazy) or is cut short.
pub fn carried(bytes: &[u8]) -> Option<Carried<'_>> {
    let rest = bytes.strip_prefix(&CARRIED_MAGIC[..])?;
    let article = read_u32(rest, 0)?;
    let entry = rest.get(4..4 + TXTC_RECORD)?;
    let len = read_u32(rest, 4 + TXTC_RECORD)? as usize;
    let at = 8 + TXTC_RECORD;
    let head = rest.get(at..at.checked_add(len)?)?;
    let text = rest.get(at + len..)?;
    Some(Carried {
        article,
        entry,
        head,
        text,
    })
}

/// Build time: the decompressed bytes of a text file that carries its article's head.
#[cfg(feature = "write")]
pub fn carry(article: u32, entry: &[u8], head: &[u8], text: &[u8]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(CARRIED_MAGIC.len() + 8 + entry.len() + head.len() + text.len());
    out.extend_from_slice(&CARRIED_MAGIC);
    out.extend_from_slice(&article.to_le_bytes());
    out.extend_from_slice(entry);
    out.extend_from_slice(&(head.len() as u32).to_le_bytes());
    out.extend_from_slice(head);
    out.extend_from_slice(text);
    out
}

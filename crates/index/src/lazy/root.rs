//! Reading the root's tables and a shard file: what [`LazyIndex::open`](super::LazyIndex::open)
//! and [`LazyIndex::supply`](super::LazyIndex::supply) check before keeping anything.

use fst::Map;

use super::files::{FileKind, FileRef};
use super::rows::{RowTable, META_ROWS, NAME_ROWS, ROW_TABLES};
use super::{LazyError, LAZY_VERSION, SHARD_MAGIC};
use crate::container::Tag;

pub(crate) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// A dictionary shard or an alias shard, as loaded: its pack table (none for an alias
/// shard) and its fst.
pub(crate) struct Shard {
    pub(crate) packs: Vec<FileRef>,
    pub(crate) terms: Map<Vec<u8>>,
}

/// A table of shards: each one's first key and file, first keys strictly increasing.
pub(crate) type Shards = Vec<(Vec<u8>, FileRef)>;

/// The root's tables: article count, dictionary shards, sections, row tables, alias shards.
pub(crate) struct RootTables {
    pub(crate) article_count: u32,
    pub(crate) shards: Shards,
    pub(crate) sections: Vec<(Tag, FileRef)>,
    pub(crate) rows: Vec<RowTable>,
    pub(crate) aliases: Shards,
}

/// A table of shards at `at`: count u32, then per shard its first key (u16 length, bytes)
/// and its file; `None` unless the first keys strictly increase.
fn parse_shards(body: &[u8], at: &mut usize) -> Option<Shards> {
    let count = u32_at(body, *at)? as usize;
    *at += 4;
    let mut shards: Shards = Vec::with_capacity(count.min(body.len() / 14));
    for _ in 0..count {
        let len = usize::from(u16_at(body, *at)?);
        let key = body.get(*at + 2..*at + 2 + len)?.to_vec();
        *at += 2 + len;
        let file = FileRef::read(FileKind::Shard, body, *at)?;
        *at += FileRef::SIZE;
        // First keys strictly increase: the ranges are read by binary search.
        if shards.last().is_some_and(|(k, _)| *k >= key) {
            return None;
        }
        shards.push((key, file));
    }
    Some(shards)
}

pub(crate) fn parse_root(body: &[u8]) -> Option<RootTables> {
    let article_count = u32_at(body, 0)?;
    let mut at = 4;
    let shards = parse_shards(body, &mut at)?;
    let count = u32_at(body, at)? as usize;
    at += 4;
    let mut sections = Vec::with_capacity(count.min(body.len() / 16));
    for _ in 0..count {
        let tag: Tag = body.get(at..at + 4)?.try_into().ok()?;
        let file = FileRef::read(FileKind::Section, body, at + 4)?;
        at += 4 + FileRef::SIZE;
        sections.push((tag, file));
    }
    let count = u32_at(body, at)? as usize;
    at += 4;
    let mut rows = Vec::with_capacity(count.min(ROW_TABLES.len() + 1));
    for _ in 0..count {
        let tag: Tag = body.get(at..at + 4)?.try_into().ok()?;
        let records = u32_at(body, at + 4)?;
        let n = u32_at(body, at + 8)? as usize;
        at += 12;
        let mut chunks: Vec<(u32, FileRef)> = Vec::with_capacity(n.min(body.len() / 16));
        for _ in 0..n {
            let first = u32_at(body, at)?;
            let file = FileRef::read(FileKind::Rows, body, at + 4)?;
            at += 4 + FileRef::SIZE;
            // Chunks start at record 0 and go up: found by binary search.
            if (chunks.is_empty() && first != 0)
                || chunks.last().is_some_and(|(f, _)| *f >= first)
                || first >= records
            {
                return None;
            }
            chunks.push((first, file));
        }
        // Only a table that is also a section, each once; one of articles has as many
        // records as the index has articles.
        // The entities' names are rows only, of ENTS's count.
        // The articles' metadata apart is rows only, AMET's whole.
        let section = match tag {
            NAME_ROWS => *b"ENTS",
            META_ROWS => *b"AMET",
            _ => tag,
        };
        if !sections.iter().any(|(t, _)| *t == section)
            || rows.iter().any(|t: &RowTable| t.tag == tag)
            || (section != *b"ENTS" && records != article_count)
        {
            return None;
        }
        rows.push(RowTable {
            tag,
            count: records,
            chunks,
        });
    }
    // Lazy format 6: the alias shards (ALIA in key ranges; none when it has no key).
    let aliases = parse_shards(body, &mut at)?;
    (at == body.len()).then_some(RootTables {
        article_count,
        shards,
        sections,
        rows,
        aliases,
    })
}

pub(crate) fn parse_shard(name: &str, bytes: Vec<u8>) -> Result<Shard, LazyError> {
    let corrupt = |what| LazyError::Corrupt {
        name: name.to_owned(),
        what,
    };
    if bytes.get(..8) != Some(&SHARD_MAGIC[..]) {
        return Err(corrupt("dictionary shard (wrong magic bytes)"));
    }
    let version = u32_at(&bytes, 8).ok_or(corrupt("dictionary shard header"))?;
    if version != LAZY_VERSION {
        return Err(LazyError::Version {
            name: name.to_owned(),
            expected: LAZY_VERSION,
            got: version,
        });
    }
    let count = usize::from(u16_at(&bytes, 12).ok_or(corrupt("dictionary shard header"))?);
    let mut packs = Vec::with_capacity(count);
    let mut at = 14;
    for _ in 0..count {
        packs.push(FileRef::read(FileKind::Pack, &bytes, at).ok_or(corrupt("the pack table"))?);
        at += FileRef::SIZE;
    }
    let fst_bytes = bytes.get(at..).ok_or(corrupt("the pack table"))?.to_vec();
    let terms = Map::new(fst_bytes).map_err(|_| corrupt("the term fst"))?;
    // Its own checksum too: a crafted file with a right hash must not reach fst's traversal.
    if terms.as_fst().verify().is_err() {
        return Err(corrupt("the term fst"));
    }
    Ok(Shard { packs, terms })
}

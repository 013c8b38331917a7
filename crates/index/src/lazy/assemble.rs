//! An ordinary [`crate::Index`] of what a [`LazyIndex`] holds: every section, and every term
//! of every loaded shard. The engine reads it as it reads the embedded index, so search,
//! ranking, facets and snippets run unchanged on a lazy index. A term whose pack is not
//! loaded is listed with an empty postings list: a walk over a range whose shards are loaded
//! sees every key, as on the whole index, but reading such a term's postings is not an
//! answer. The engine records what it reads (`search::expand::reads`) and the caller asks
//! [`LazyIndex::missing`] whether it was all loaded; a term of a shard not loaded is absent.
//! A table kept in row chunks holds the rows loaded and empty records for the others, and
//! the alias fst, until it is loaded, is empty: again the recorded reads (`reads.rs`) say
//! whether a call read what is not there.

use std::collections::BTreeMap;

use fst::Streamer;

use super::rows::{LAZY_SECTIONS, ROW_TABLES};
use super::store::LazyIndex;
use super::LazyError;
use crate::container::Tag;

/// Where the assembled POST section holds the empty list of terms not loaded.
const NOT_LOADED: u64 = 0;

/// An empty table of `n` records of `record` bytes each (this crate's table format).
fn empty_table(n: u32, record: &[u8]) -> Vec<u8> {
    let header = 4 + 4 * n as usize;
    let mut out = Vec::with_capacity(header + n as usize * record.len());
    out.extend_from_slice(&n.to_le_bytes());
    for i in 0..n as usize {
        out.extend_from_slice(&((header + i * record.len()) as u32).to_le_bytes());
    }
    for _ in 0..n {
        out.extend_from_slice(record);
    }
    out
}

impl LazyIndex {
    /// What stands for lazy section `tag` until it is loaded: the shape the index's reader
    /// checks, with nothing in it. An empty alias map; ARTS of undated articles of length 0;
    /// AMET of articles with no source, author, language or URL; TXTC of one chunk of every
    /// article, of no bytes (a text checked against it is refused); ETOT of no entity; STRT of
    /// nothing counted. The recorded reads
    /// (`reads.rs`) make sure none of it is taken for an answer.
    fn placeholder(&self, tag: Tag) -> Vec<u8> {
        let n = self.article_count();
        match &tag {
            b"ARTS" => vec![0; n as usize * crate::articles::ARTS_RECORD],
            b"AMET" => {
                // Header (the four parts' offsets), the source column (0: none), three
                // empty name tables, and a record per article: no language, no author, "".
                let column = 16 + 4 * n as usize;
                let parts = [column, column + 4, column + 8, column + 12];
                let mut out = Vec::new();
                for p in parts {
                    out.extend_from_slice(&(p as u32).to_le_bytes());
                }
                out.resize(column + 12, 0);
                out.extend_from_slice(&empty_table(n, &[0, 0, 0]));
                out
            }
            b"TXTC" => {
                let mut out = Vec::new();
                let records: &[u32] = if n == 0 { &[] } else { &[0, n, 0, 0, 0] };
                out.extend_from_slice(&u32::from(n > 0).to_le_bytes());
                for v in records {
                    out.extend_from_slice(&v.to_le_bytes());
                }
                out
            }
            // No entity counted (a table of no entity).
            b"ETOT" => 0u32.to_le_bytes().to_vec(),
            // No article, month, source or author.
            b"STRT" => vec![0; 16],
            // The alias map (and any other): an empty fst.
            _ => fst::MapBuilder::memory().into_inner().unwrap_or_default(),
        }
    }

    /// The bytes of an index (this crate's format) of the sections and the loaded terms, or
    /// [`LazyError::Missing`] naming the first section not supplied.
    pub fn assemble(&self) -> Result<Vec<u8>, LazyError> {
        let mut sections: Vec<([u8; 4], &[u8])> = Vec::new();
        let tables: Vec<(Tag, Vec<u8>)> = ROW_TABLES
            .iter()
            .filter(|tag| self.sections().iter().any(|(t, _)| t == *tag))
            .map(|&tag| self.assembled_table(tag).map(|table| (tag, table)))
            .collect::<Result<_, _>>()?;
        // A lazy section not loaded yet: a placeholder of its shape in its place.
        let placeholders: Vec<(Tag, Vec<u8>)> = LAZY_SECTIONS
            .iter()
            .filter(|&&tag| matches!(self.section(tag), Err(LazyError::Missing { .. })))
            .map(|&tag| (tag, self.placeholder(tag)))
            .collect();
        for (tag, _) in self.sections() {
            match tables.iter().find(|(t, _)| t == tag) {
                Some((_, table)) => sections.push((*tag, table)),
                None => match placeholders.iter().find(|(t, _)| t == tag) {
                    Some((_, bytes)) => sections.push((*tag, bytes)),
                    None => sections.push((*tag, self.section(*tag)?)),
                },
            }
        }
        let mut terms = fst::MapBuilder::memory();
        // At offset 0: the empty list of every term whose pack is not loaded (no articles,
        // no positions, Golomb parameter 0, usual kind 0).
        let mut post = vec![0u8; 3];
        for (shard_file, packs, map) in self.loaded_shards() {
            // Each list ends where the next list of its pack starts, or at the pack's end.
            let mut starts: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
            let mut stream = map.stream();
            while let Some((_, value)) = stream.next() {
                starts
                    .entry(value >> 32)
                    .or_default()
                    .push(value & 0xffff_ffff);
            }
            starts.values_mut().for_each(|v| v.sort_unstable());
            let mut stream = map.stream();
            while let Some((key, value)) = stream.next() {
                let (pack, offset) = (value >> 32, value & 0xffff_ffff);
                let Some(bytes) = packs
                    .get(pack as usize)
                    .and_then(|p| self.loaded_bytes(&p.name()))
                else {
                    terms
                        .insert(key, NOT_LOADED)
                        .map_err(|_| LazyError::Corrupt {
                            name: shard_file.name(),
                            what: "the order of its terms",
                        })?;
                    continue;
                };
                let ends = starts.get(&pack).map(Vec::as_slice).unwrap_or_default();
                let end = ends
                    .iter()
                    .find(|&&s| s > offset)
                    .map_or(bytes.len() as u64, |&s| s);
                let list = bytes
                    .get(offset as usize..end as usize)
                    .ok_or(LazyError::Corrupt {
                        name: shard_file.name(),
                        what: "a term's place in its pack",
                    })?;
                let at = post.len() as u64;
                post.extend_from_slice(list);
                // Shards hold ascending, disjoint key ranges, read in order.
                terms.insert(key, at).map_err(|_| LazyError::Corrupt {
                    name: shard_file.name(),
                    what: "the order of its terms",
                })?;
            }
        }
        let terms = terms.into_inner().map_err(|_| LazyError::Corrupt {
            name: self.root_name().to_owned(),
            what: "the assembled term dictionary",
        })?;
        sections.push((*b"TERM", &terms));
        sections.push((*b"POST", &post));
        Ok(crate::container::assemble(&sections))
    }
}

//! An ordinary [`crate::Index`] of what a [`LazyIndex`] holds: every section, and the terms
//! whose shard and pack are loaded. The engine reads it as it reads the embedded index, so
//! search, ranking, facets and snippets run unchanged on a lazy index; a term not loaded is
//! absent from it, which is why the caller loads what a query needs first.

use std::collections::BTreeMap;

use fst::Streamer;

use super::store::LazyIndex;
use super::LazyError;

impl LazyIndex {
    /// The bytes of an index (this crate's format) of the sections and the loaded terms, or
    /// [`LazyError::Missing`] naming the first section not supplied.
    pub fn assemble(&self) -> Result<Vec<u8>, LazyError> {
        let mut sections: Vec<([u8; 4], &[u8])> = Vec::new();
        for (tag, _) in self.sections() {
            sections.push((*tag, self.section(*tag)?));
        }
        let mut terms = fst::MapBuilder::memory();
        let mut post = Vec::new();
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

//! The alias map in key ranges (lazy format 6): ALIA (folded name or alias -> entity id) cut
//! into *alias shards*, each an fst over a contiguous key range closed at the row chunks'
//! size, written as a dictionary shard of no pack (`d-…`, `SHARD_MAGIC`) and found by its
//! first key from the root, as the term dictionary's shards are. Every search asks the
//! alias map for its words (is this word a name?), so ALIA whole (41 KiB gzip at 10,000
//! articles) was a cost of every first query; a key now reads one shard, and a prefix (an
//! entity filter's completion) the shards of its range.
//!
//! The engine notes the keys and prefixes it asks ([`super::reads`]); [`LazyIndex::alias_files`]
//! names their shards, or ALIA whole (still a section file) when it is loaded or when the
//! shards still to fetch reach three quarters of its bytes (a call that looks up every
//! entity's name). The assembled index holds the loaded shards as they came (ALIS, laid out
//! as TRMS: `crate::dictionary`), no fst built.

use std::collections::BTreeSet;

use super::files::{FileName, FileRef};
use super::store::{prefix_range, shards_in, KeyRange, LazyIndex};

impl LazyIndex {
    /// The files that looking up `keys` and walking the names under `prefixes` in the alias
    /// map read: ALIA whole if `loaded` says it is (or the root has no alias shard), else
    /// the alias shards of the keys and ranges, or ALIA whole when those still to fetch
    /// reach three quarters of its bytes. Each once, loaded or not.
    pub(crate) fn alias_files(
        &self,
        keys: &BTreeSet<String>,
        prefixes: &BTreeSet<String>,
        loaded: &dyn Fn(&str) -> bool,
    ) -> Vec<String> {
        if keys.is_empty() && prefixes.is_empty() {
            return Vec::new();
        }
        let whole = self.sections().iter().find(|(t, _)| t == b"ALIA");
        let Some((_, whole)) = whole else {
            return Vec::new();
        };
        if loaded(&whole.name()) || self.alias_shards.is_empty() {
            return vec![whole.name()];
        }
        let mut numbers: Vec<usize> = Vec::new();
        let ranges = keys
            .iter()
            .map(|k| KeyRange {
                lo: k.as_bytes().to_vec(),
                hi: None,
            })
            // A key is in one shard: the first of its range from it on.
            .map(|range| {
                let first = shards_in(&self.alias_shards, &range).start;
                first..first + 1
            })
            .chain(
                prefixes
                    .iter()
                    .map(|p| shards_in(&self.alias_shards, &prefix_range(p.as_bytes()))),
            );
        for range in ranges {
            for i in range {
                if i < self.alias_shards.len() && !numbers.contains(&i) {
                    numbers.push(i);
                }
            }
        }
        let files: Vec<FileRef> = numbers.iter().map(|&i| self.alias_shards[i].1).collect();
        let to_fetch: u64 = files
            .iter()
            .filter(|f| !loaded(&f.name()))
            .map(|f| u64::from(f.len))
            .sum();
        if to_fetch * 4 >= u64::from(whole.len) * 3 {
            vec![whole.name()]
        } else {
            files.iter().map(FileRef::name).collect()
        }
    }

    /// ALIS for the assembled index: the loaded alias shards' fsts as they came, laid out as
    /// TRMS (`u32` count, per part its shard's number and length, then the fsts); `None`
    /// when ALIA is loaded whole or the root has no alias shard (then ALIA is read).
    pub(crate) fn assembled_aliases(&self) -> Option<Vec<u8>> {
        if self.alias_shards.is_empty() || self.section(*b"ALIA").is_ok() {
            return None;
        }
        let parts: Vec<(usize, &[u8])> = self
            .loaded_aliases
            .iter()
            .map(|(i, shard)| (*i, shard.terms.as_fst().as_bytes()))
            .collect();
        let mut out = Vec::with_capacity(
            4 + 8 * parts.len() + parts.iter().map(|(_, b)| b.len()).sum::<usize>(),
        );
        out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
        for (i, bytes) in &parts {
            out.extend_from_slice(&(*i as u32).to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        }
        for (_, bytes) in &parts {
            out.extend_from_slice(bytes);
        }
        Some(out)
    }

    /// Number of alias shards.
    pub fn alias_shard_count(&self) -> usize {
        self.alias_shards.len()
    }

    /// Whether `name` is an alias shard of this index.
    pub fn is_alias_shard(&self, name: &str) -> bool {
        FileName::parse(name)
            .is_some_and(|name| self.alias_shards.iter().any(|(_, f)| name.names(f)))
    }
}

/// Build time: ALIA cut into alias shards of consecutive keys, each closed once its fst
/// reaches `max` bytes, written into `files` as dictionary shards of no pack; each shard's
/// first key and file. `None` if ALIA is not an fst.
#[cfg(feature = "write")]
pub(crate) fn split_aliases(
    alia: &[u8],
    max: usize,
    files: &mut Vec<(String, super::FileKind, Vec<u8>)>,
) -> Option<Vec<(Vec<u8>, FileRef)>> {
    use fst::Streamer;
    let map = fst::Map::new(alia).ok()?;
    let mut shards = Vec::new();
    let mut stream = map.stream();
    let mut builder = fst::MapBuilder::memory();
    let mut first: Option<Vec<u8>> = None;
    let finish = |builder: fst::MapBuilder<Vec<u8>>,
                  first: Vec<u8>,
                  files: &mut Vec<(String, super::FileKind, Vec<u8>)>|
     -> Option<(Vec<u8>, FileRef)> {
        let mut out = Vec::new();
        out.extend_from_slice(&super::SHARD_MAGIC);
        out.extend_from_slice(&super::LAZY_VERSION.to_le_bytes());
        // No pack: an alias shard's values are entity ids.
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&builder.into_inner().ok()?);
        let file = FileRef::of(super::FileKind::Shard, &out);
        files.push((file.name(), super::FileKind::Shard, out));
        Some((first, file))
    };
    while let Some((key, value)) = stream.next() {
        // A shard holds a key at least (an empty builder has written its header).
        if first.is_some() && builder.bytes_written() as usize >= max {
            let full = std::mem::replace(&mut builder, fst::MapBuilder::memory());
            shards.push(finish(full, first.take()?, files)?);
        }
        if first.is_none() {
            first = Some(key.to_vec());
        }
        builder.insert(key, value).ok()?;
    }
    if let Some(first) = first {
        shards.push(finish(builder, first, files)?);
    }
    Some(shards)
}

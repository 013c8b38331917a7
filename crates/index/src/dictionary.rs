//! [`Dictionary`]: the term dictionary an [`crate::Index`] reads, one fst or several.
//!
//! An index a writer made has one fst (TERM) whose values are places in POST. An index
//! assembled from a lazy index's files (`lazy::LazyIndex::assemble`) has the fsts of the
//! shards loaded so far, as they came (TRMS: disjoint key ranges in key order), each value
//! `pack << 32 | offset` with the pack numbered in its shard; the dictionary gives it as
//! `(shard << 16 | pack) << 32 | offset`, the number PDIR knows the pack by
//! (`Index::list_offset`). So assembling a round copies the shards' bytes and builds no fst:
//! building one over every loaded term was most of a lazy query's time in the page.
//!
//! The alias map (folded name -> entity id) is read the same way: ALIA, one fst, or in an
//! assembled lazy index the alias shards loaded (ALIS, the layout of TRMS; lazy format 6),
//! whose values are entity ids as they came.

use crate::IndexError;
use fst::{Automaton, IntoStreamer, Map, Streamer};

/// The term dictionary: exact lookups, and walks of a key range through an automaton.
pub struct Dictionary<'a> {
    parts: Vec<Part<'a>>,
}

/// One fst of a [`Dictionary`], the shard it came from (`None`: the index's one fst, or an
/// alias shard, whose values are as they came) and its first key.
struct Part<'a> {
    map: Map<&'a [u8]>,
    shard: Option<u16>,
    first: Vec<u8>,
}

impl<'a> Dictionary<'a> {
    /// The dictionary of an index a writer made: its TERM fst.
    pub(crate) fn single(map: Map<&'a [u8]>) -> Dictionary<'a> {
        Dictionary {
            parts: vec![Part {
                map,
                shard: None,
                first: Vec::new(),
            }],
        }
    }

    /// The dictionary of an assembled lazy index: TRMS, `u32` count, then per part its
    /// shard's number and length (`u32` each, little-endian), then the parts' bytes; each an
    /// fst (verified when `VERIFY`), in ascending, disjoint key ranges. `VERIFY` is a
    /// constant, as in `Index::open_with`: a program that never verifies links no fst
    /// checksum code (its CRC-32C tables, 17 KiB of the default .wasm).
    pub(crate) fn parts<const VERIFY: bool>(
        section: &'a [u8],
    ) -> Result<Dictionary<'a>, IndexError> {
        Dictionary::parts_of::<VERIFY>("TRMS", section, true)
    }

    /// The alias map of an assembled lazy index: ALIS, laid out as TRMS, its values as they
    /// are (entity ids).
    pub(crate) fn alias_parts<const VERIFY: bool>(
        section: &'a [u8],
    ) -> Result<Dictionary<'a>, IndexError> {
        Dictionary::parts_of::<VERIFY>("ALIS", section, false)
    }

    /// Parts laid out as TRMS in section `name`; `numbered`: values name packs by shard.
    fn parts_of<const VERIFY: bool>(
        name: &'static str,
        section: &'a [u8],
        numbered: bool,
    ) -> Result<Dictionary<'a>, IndexError> {
        let corrupt = |offset| IndexError::Corrupt {
            section: name,
            offset,
        };
        let u32_at = |at: usize| {
            section
                .get(at..at + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .ok_or(corrupt(at))
        };
        let count = u32_at(0)?;
        let mut at = 4usize
            .checked_add(count.checked_mul(8).ok_or(corrupt(0))?)
            .ok_or(corrupt(0))?;
        let mut parts: Vec<Part<'a>> = Vec::with_capacity(count.min(section.len() / 8));
        for i in 0..count {
            let shard = u16::try_from(u32_at(4 + 8 * i)?).map_err(|_| corrupt(4 + 8 * i))?;
            let len = u32_at(8 + 8 * i)?;
            let end = at.checked_add(len).ok_or(corrupt(at))?;
            let bytes = section.get(at..end).ok_or(corrupt(at))?;
            let map = Map::new(bytes).map_err(|_| corrupt(at))?;
            if VERIFY && map.as_fst().verify().is_err() {
                return Err(corrupt(at));
            }
            let first = map
                .stream()
                .next()
                .map(|(k, _)| k.to_vec())
                .unwrap_or_default();
            if let Some(last) = parts.last() {
                if first <= last.first {
                    return Err(corrupt(at));
                }
            }
            parts.push(Part {
                map,
                shard: numbered.then_some(shard),
                first,
            });
            at = end;
        }
        Ok(Dictionary { parts })
    }

    /// A part's value as the index reads it (see the module docs).
    fn value(shard: Option<u16>, v: u64) -> u64 {
        match shard {
            None => v,
            Some(s) => (u64::from(s) << 16 | (v >> 32) & 0xffff) << 32 | (v & 0xffff_ffff),
        }
    }

    /// Whether `key` is in the dictionary.
    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> bool {
        self.get(key).is_some()
    }

    /// The value of `key`, if it is in the dictionary.
    pub fn get(&self, key: impl AsRef<[u8]>) -> Option<u64> {
        let key = key.as_ref();
        // The last part whose first key is at most `key`.
        let i = self.parts.partition_point(|p| p.first.as_slice() <= key);
        let part = self.parts.get(i.checked_sub(1)?)?;
        part.map.get(key).map(|v| Self::value(part.shard, v))
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.map.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|p| p.map.is_empty())
    }

    /// Calls `found` with every key from `from` (and below `to`) that `automaton` accepts,
    /// with its value, in key order, until it returns `false`.
    pub fn walk<A: Automaton>(
        &self,
        automaton: A,
        from: &[u8],
        to: Option<&[u8]>,
        mut found: impl FnMut(&[u8], u64) -> bool,
    ) {
        for (i, Part { map, shard, first }) in self.parts.iter().enumerate() {
            // A part wholly before `from` (the next begins at or before it), or from `to` on.
            let next = self.parts.get(i + 1).map(|p| p.first.as_slice());
            if next.is_some_and(|next| next <= from) {
                continue;
            }
            if to.is_some_and(|to| i > 0 && first.as_slice() >= to) {
                return;
            }
            let mut range = map.search(&automaton).ge(from);
            if let Some(to) = to {
                range = range.lt(to);
            }
            let mut stream = range.into_stream();
            while let Some((key, v)) = stream.next() {
                if !found(key, Self::value(*shard, v)) {
                    return;
                }
            }
        }
    }

    /// Every key and its value, in key order (for tests and reports: it copies every key).
    pub fn entries(&self) -> Vec<(Vec<u8>, u64)> {
        let mut out = Vec::with_capacity(self.len());
        self.for_each(|k, v| {
            out.push((k.to_vec(), v));
            true
        });
        out
    }

    /// Calls `found` with every key and its value, in key order, until it returns `false`.
    pub fn for_each(&self, found: impl FnMut(&[u8], u64) -> bool) {
        self.walk(fst::automaton::AlwaysMatch, &[], None, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst_of(keys: &[(&str, u64)]) -> Vec<u8> {
        let mut b = fst::MapBuilder::memory();
        for (k, v) in keys {
            b.insert(k, *v).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn trms(parts: &[(u32, Vec<u8>)]) -> Vec<u8> {
        let mut out = (parts.len() as u32).to_le_bytes().to_vec();
        for (shard, bytes) in parts {
            out.extend_from_slice(&shard.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        }
        for (_, bytes) in parts {
            out.extend_from_slice(bytes);
        }
        out
    }

    #[test]
    fn parts_read_as_one_dictionary_in_key_order_with_their_packs_numbered_by_shard() {
        let a = fst_of(&[("apfel", 1 << 32 | 7), ("birne", 3)]);
        let b = fst_of(&[("kiwi", 2 << 32 | 9), ("zitrone", 0)]);
        let section = trms(&[(2, a), (5, b)]);
        let d = Dictionary::parts::<true>(&section).unwrap();
        assert_eq!(d.len(), 4);
        assert_eq!(d.get("apfel"), Some((2 << 16 | 1) << 32 | 7));
        assert_eq!(d.get("birne"), Some((2 << 16) << 32 | 3));
        assert_eq!(d.get("kiwi"), Some((5 << 16 | 2) << 32 | 9));
        for absent in ["", "aaa", "c", "kiwis", "zz"] {
            assert_eq!(d.get(absent), None, "{absent}");
        }
        let keys: Vec<Vec<u8>> = d.entries().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, [&b"apfel"[..], b"birne", b"kiwi", b"zitrone"]);
        // A range across both parts, and one within the second, stopping when told.
        let mut seen = Vec::new();
        d.walk(fst::automaton::AlwaysMatch, b"b", Some(b"l"), |k, _| {
            seen.push(k.to_vec());
            true
        });
        assert_eq!(seen, [&b"birne"[..], b"kiwi"]);
        let mut first = Vec::new();
        d.walk(fst::automaton::AlwaysMatch, b"c", None, |k, _| {
            first.push(k.to_vec());
            false
        });
        assert_eq!(first, [&b"kiwi"[..]]);
    }

    #[test]
    fn parts_out_of_order_or_cut_short_are_refused() {
        let a = fst_of(&[("apfel", 1)]);
        let b = fst_of(&[("kiwi", 2)]);
        assert!(Dictionary::parts::<false>(&trms(&[(1, b.clone()), (2, a.clone())])).is_err());
        let whole = trms(&[(1, a), (2, b)]);
        for len in [0, 3, 12, whole.len() - 1] {
            assert!(Dictionary::parts::<false>(&whole[..len]).is_err(), "{len}");
        }
        assert!(Dictionary::parts::<false>(&trms(&[(70_000, fst_of(&[]))])).is_err());
    }
}

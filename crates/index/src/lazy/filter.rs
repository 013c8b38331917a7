//! The alias filter (lazy section ALKF): a Bloom filter over the alias map's keys without a
//! space, so that a lazy page learns that a word is no name without fetching the alias
//! shard of its key range. The snippets ask this of every word of a hit's title and text
//! that contains a query word (`Finnland` is no compound of `Land`: `snippet.rs`), words
//! whose shards are all over the alias map; before the filter each page of hits took a
//! round of alias shards for its titles and another for its texts.
//!
//! A Bloom filter never says no to a key it holds, so "no" is the whole index's answer and
//! "maybe" falls back to the alias shard: the answers stay exactly those of the whole index.
//! About 20 bits a key and 14 probes: under 0.01 % of other words take the shard (with 10
//! bits and 7 probes, 1 %: the 20 hits' texts hold tens of words that contain a query word,
//! so 10 of the bench's 53 queries took a round of an alias shard after their texts came).
//! The page loads it before it is ready (about 10 KiB at 10,000 articles), so that no round
//! fetches an alias shard for a word that is no name, the query's own words included. Written here
//! (40 lines, our file hash, no dependency in the .wasm) rather than taken from a crate:
//! the probes are the textbook double hashing (Kirsch and Mitzenmacher), nothing to tune.
//!
//! ```text
//! ALKF  probes u8 | bit array (bit i of the filter: byte i / 8, bit i % 8)
//! ```

use super::files::file_hash;
use crate::container::Tag;

/// The section's tag.
pub const ALIAS_FILTER: Tag = *b"ALKF";

/// Probes per key; with [`BITS_PER_KEY`], a false positive rate of about 0.007 %
/// ((1 - e^(-14/20))^14).
#[cfg(feature = "write")]
const PROBES: u8 = 14;
#[cfg(feature = "write")]
const BITS_PER_KEY: usize = 20;

/// The two hashes of `key` for the probes (FNV-1a spread by splitmix64's finaliser: FNV
/// alone moves the high bits little for short keys).
fn hashes(key: &[u8]) -> (u64, u64) {
    let mut h = file_hash(key);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h & 0xffff_ffff, (h >> 32) | 1)
}

/// Whether the filter may hold `key` (`false`: it surely does not; a filter of no bits
/// holds nothing).
fn may_contain(filter: &[u8], key: &[u8]) -> bool {
    let Some((&probes, bits)) = filter.split_first().filter(|(_, bits)| !bits.is_empty()) else {
        return false;
    };
    let m = bits.len() as u64 * 8;
    let (a, b) = hashes(key);
    (0..u64::from(probes)).all(|i| {
        let bit = a.wrapping_add(i.wrapping_mul(b)) % m;
        bits[(bit / 8) as usize] & (1 << (bit % 8)) != 0
    })
}

/// Whether a lazy index's alias filter (`filter`: `None` in an index without one) says that
/// `folded` (without a space) is no name of the index: the whole index's answer, read from
/// the filter (noted as read; the page loads it before it is ready) instead of the alias
/// shard of its key. `false` (look the key up) when the filter may hold it.
pub(crate) fn rules_out(filter: Option<&[u8]>, folded: &str) -> bool {
    let Some(filter) = filter.filter(|_| !folded.contains(' ')) else {
        return false;
    };
    super::reads::note_section(ALIAS_FILTER);
    !may_contain(filter, folded.as_bytes())
}

/// The filter of `keys` (`count` of them).
#[cfg(feature = "write")]
pub(crate) fn build<'k>(keys: impl IntoIterator<Item = &'k [u8]>, count: usize) -> Vec<u8> {
    let bytes = (count * BITS_PER_KEY).div_ceil(8).max(8);
    let mut out = vec![0u8; 1 + bytes];
    out[0] = PROBES;
    let m = bytes as u64 * 8;
    for key in keys {
        let (a, b) = hashes(key);
        for i in 0..u64::from(PROBES) {
            let bit = a.wrapping_add(i.wrapping_mul(b)) % m;
            out[1 + (bit / 8) as usize] |= 1 << (bit % 8);
        }
    }
    out
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_and_few_others() {
        let keys: Vec<String> = (0..5000).map(|i| format!("name{i}")).collect();
        let filter = build(keys.iter().map(|k| k.as_bytes()), keys.len());
        assert!(filter.len() <= 1 + 5000 * BITS_PER_KEY / 8 + 1);
        assert!(keys.iter().all(|k| may_contain(&filter, k.as_bytes())));
        let others = (0..20_000)
            .filter(|i| may_contain(&filter, format!("other{i}").as_bytes()))
            .count();
        // About 1.3 expected (0.007 %).
        assert!(others < 20, "{others} false positives in 20,000");
    }

    #[test]
    fn a_filter_of_no_key_holds_nothing() {
        let none = build(std::iter::empty(), 0);
        assert!(!may_contain(&none, b"finnland"));
        assert!(!may_contain(&[PROBES], b"finnland"));
        assert!(!may_contain(&[], b"finnland"));
    }
}

//! What a search reads of the dictionary: the keys looked up one by one and the prefixes
//! walked. A lazy index (feature `lazy`) records them while the engine runs ([`recording`])
//! and maps them to the files it lacks, so the rule of what a query reads stays in the
//! engine, in one code path ([`super::postings`], [`super::walk`]). Without `lazy` nothing
//! is recorded and the calls compile to nothing.
//!
//! A run also notes when a read found what the loaded files cannot hold yet
//! ([`Reads::unloaded`]): such a run is not a lazy index's last round, and the engine
//! leaves out what only a word missing from the index would need ([`unloaded`]: the
//! corrections of a word, the completions of a word being typed, the other forms of a word
//! typed in its term's own spelling), so a round does not fetch the shards of a first
//! letter's range for a word whose list is still on its way. The last round reads only
//! what is loaded, so it decides all of these as the whole index does.

use explorer_index::{Index, PostingList};
use std::collections::BTreeSet;

/// The dictionary reads of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Keys looked up one by one (their postings were read).
    pub keys: BTreeSet<String>,
    /// Prefixes whose keys were walked (`""`: every key).
    pub prefixes: BTreeSet<String>,
    /// Keys only asked whether the index has them ([`super::has_term`]): their shard tells,
    /// their postings are not read (the writer never writes an empty list), so a lazy index
    /// needs only the shard, a round before the pack.
    pub present: BTreeSet<String>,
    /// Whether a key's answer showed that the files it needs are not all loaded: a key
    /// with an empty list (the writer never writes one: its pack is not loaded), or any
    /// key while no shard is loaded at all (its shard is not). The keys are in `keys`, so
    /// the run names those files: it cannot be the last round.
    pub unloaded: bool,
}

#[cfg(feature = "lazy")]
thread_local! {
    static READS: std::cell::RefCell<Option<Reads>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` and returns what it read of the dictionary along with its result.
#[cfg(feature = "lazy")]
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Reads) {
    let outer = READS.with(|r| r.replace(Some(Reads::default())));
    let out = f();
    let reads = READS.with(|r| r.replace(outer)).unwrap_or_default();
    (out, reads)
}

/// Whether the run being recorded has read a key whose files are not all loaded
/// ([`Reads::unloaded`]): its answer is not the last round's, and what a word needs only
/// when the index lacks it (its corrections, its completions) may wait for a round whose
/// reads are loaded, which decides it as the whole index would. Always `false` when
/// nothing is recorded (every build without `lazy`, and the whole index).
#[inline(always)]
pub fn unloaded() -> bool {
    #[cfg(feature = "lazy")]
    return READS.with(|r| r.borrow().as_ref().is_some_and(|reads| reads.unloaded));
    #[cfg(not(feature = "lazy"))]
    false
}

/// Runs `note` on the reads being recorded, if a recording is running.
#[cfg(feature = "lazy")]
#[inline(always)]
fn with_reads(note: impl FnOnce(&mut Reads)) {
    READS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            note(reads);
        }
    });
}

/// Adds `s` to the set `field` picks of the reads being recorded, if a recording is running
/// and the set lacks it (no allocation for a string noted before).
#[inline(always)]
fn note_in(field: impl FnOnce(&mut Reads) -> &mut BTreeSet<String>, s: &str) {
    #[cfg(feature = "lazy")]
    with_reads(|reads| {
        let set = field(reads);
        if !set.contains(s) {
            set.insert(s.to_owned());
        }
    });
    #[cfg(not(feature = "lazy"))]
    let _ = (field, s);
}

#[inline(always)]
pub(super) fn note_key(key: &str) {
    note_in(|reads| &mut reads.keys, key);
}

#[inline(always)]
pub(super) fn note_present(key: &str) {
    note_in(|reads| &mut reads.present, key);
}

/// Notes what a key's presence read found: nothing to note unless no shard is loaded at all
/// (see [`Reads::unloaded`]; a key whose shard is not loaded is named by its shard).
#[inline(always)]
pub(super) fn note_presence(index: &Index<'_>) {
    #[cfg(feature = "lazy")]
    with_reads(|reads| reads.unloaded |= index.terms().is_empty());
    #[cfg(not(feature = "lazy"))]
    let _ = index;
}

/// Notes what the read of a key found (see [`Reads::unloaded`]).
#[inline(always)]
pub(super) fn note_answer(index: &Index<'_>, list: Option<&PostingList<'_>>) {
    #[cfg(feature = "lazy")]
    with_reads(|reads| {
        reads.unloaded |= match list {
            Some(list) => list.is_empty(),
            None => index.terms().is_empty(),
        };
    });
    #[cfg(not(feature = "lazy"))]
    let _ = (index, list);
}

#[inline(always)]
pub(super) fn note_prefix(prefix: &str) {
    note_in(|reads| &mut reads.prefixes, prefix);
}

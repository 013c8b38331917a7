//! File references of the lazy index: a kind, the content hash that names the file, and its
//! length; how they are written into the root and the shards.

use std::fmt;

/// What a file of the lazy index holds; the first letter of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// The root: shard table and section table.
    Root,
    /// A dictionary shard: an fst over a range of terms and its packs' table; or an alias
    /// shard, an fst over a range of the alias map's keys and no pack.
    Shard,
    /// Postings lists of some terms of one shard.
    Pack,
    /// One section of the index, unchanged.
    Section,
    /// The rows of a row table (HEAD, MENT, …) for a run of consecutive records.
    Rows,
}

impl FileKind {
    fn letter(self) -> char {
        match self {
            FileKind::Root => 'r',
            FileKind::Shard => 'd',
            FileKind::Pack => 'p',
            FileKind::Section => 's',
            FileKind::Rows => 'a',
        }
    }
}

/// A file of the lazy index, as the root or a shard lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileRef {
    pub kind: FileKind,
    /// [`file_hash`] of the bytes.
    pub hash: u64,
    pub len: u32,
}

impl FileRef {
    /// The reference of `bytes` as a file of `kind`.
    pub fn of(kind: FileKind, bytes: &[u8]) -> FileRef {
        FileRef {
            kind,
            hash: file_hash(bytes),
            len: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        }
    }

    /// The file's name: kind letter, `-`, 16 hex digits of the hash, `.bin`.
    pub fn name(&self) -> String {
        self.to_string()
    }

    /// Whether `name` is this file's name (as [`FileRef::name`] writes it), without writing
    /// it: the rounds compare names with every file of the root many times over.
    pub fn is_named(&self, name: &str) -> bool {
        FileName::parse(name).is_some_and(|n| n.names(self))
    }

    /// Whether `bytes` are this file.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len as usize && file_hash(bytes) == self.hash
    }

    #[cfg(feature = "write")]
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.hash.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
    }

    pub(crate) fn read(kind: FileKind, bytes: &[u8], at: usize) -> Option<FileRef> {
        let hash = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
        let len = u32::from_le_bytes(bytes.get(at + 8..at + 12)?.try_into().ok()?);
        Some(FileRef { kind, hash, len })
    }

    /// Bytes of a written reference.
    pub(crate) const SIZE: usize = 12;
}

impl fmt::Display for FileRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:016x}.bin", self.kind.letter(), self.hash)
    }
}

/// A file name as [`FileRef::name`] writes it, read once: kind letter and hash, to compare
/// with many files ([`FileName::names`]) without reading the name again for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileName {
    letter: u8,
    hash: u64,
}

impl FileName {
    /// The letter and hash of `name`, if it has the shape of a file's name.
    pub(crate) fn parse(name: &str) -> Option<FileName> {
        let b = name.as_bytes();
        if b.len() != 22 || b[1] != b'-' || !name.ends_with(".bin") {
            return None;
        }
        let hex = name.get(2..18)?;
        if !hex.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        let hash = u64::from_str_radix(hex, 16).ok()?;
        Some(FileName { letter: b[0], hash })
    }

    /// Whether this is the name of `file`.
    pub(crate) fn names(&self, file: &FileRef) -> bool {
        self.hash == file.hash && self.letter == file.kind.letter() as u8
    }
}

/// The FNV-1a 64-bit hash of `bytes`: it names files, so that a changed file gets a new name
/// and damaged bytes are refused. Written here (eight lines, no dependency in the .wasm)
/// rather than taken from a crate: names need spread, not resistance to an attacker who
/// could as well serve another page; every single changed byte changes it (each step is a
/// bijection of the state).
pub fn file_hash(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_check_values() {
        assert_eq!(file_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(file_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(file_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_name_says_kind_and_hash() {
        let r = FileRef::of(FileKind::Pack, b"a");
        assert_eq!(r.name(), "p-af63dc4c8601ec8c.bin");
        assert!(r.matches(b"a"));
        assert!(!r.matches(b"b"));
    }

    #[test]
    fn is_named_is_exactly_the_name() {
        let r = FileRef::of(FileKind::Pack, b"a");
        assert!(r.is_named(&r.name()));
        for other in [
            "d-af63dc4c8601ec8c.bin",
            "p-AF63DC4C8601EC8C.bin",
            "p-af63dc4c8601ec8d.bin",
            "p-af63dc4c8601ec8c.gz",
            "p-af63dc4c8601ec8c.bin2",
            "p-+f63dc4c8601ec8c.bin",
            "",
        ] {
            assert!(!r.is_named(other), "{other}");
        }
        let small = FileRef {
            kind: FileKind::Shard,
            hash: 0xabc,
            len: 1,
        };
        assert!(small.is_named("d-0000000000000abc.bin"));
        assert!(!small.is_named("d-+000000000000abc.bin"));
    }
}

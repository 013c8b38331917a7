//! [`LazyIndex`]: the root and the files supplied so far; lookups that say what they lack.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use fst::{IntoStreamer, Map, Streamer};

use super::files::{FileKind, FileName, FileRef};
use super::root::{parse_root, parse_shard, u32_at, Shard, Shards};
use super::rows::{RowTable, LAZY_SECTIONS, META_ROWS};
use super::{LazyError, LAZY_VERSION, ROOT_MAGIC};
use crate::container::Tag;
use crate::{postings, PostingList};

/// A range of dictionary keys: from `lo` (included) to `hi` (excluded; `None`: to the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRange {
    pub lo: Vec<u8>,
    pub hi: Option<Vec<u8>>,
}

/// The keys that begin with `prefix`: what a completion walks, and what a typo correction
/// that keeps the first letters can reach (docs/QUERY.md row 19).
pub fn prefix_range(prefix: &[u8]) -> KeyRange {
    let mut hi = prefix.to_vec();
    // The least key above every key with this prefix: the last byte below 0xff, plus one.
    while let Some(last) = hi.pop() {
        if last < 0xff {
            hi.push(last + 1);
            break;
        }
    }
    KeyRange {
        lo: prefix.to_vec(),
        hi: (!hi.is_empty()).then_some(hi),
    }
}

/// The answer of a lookup.
#[derive(Debug)]
pub enum Lookup<'s> {
    /// These files are needed first (fetch them, [`LazyIndex::supply`] them, ask again).
    Need(Vec<String>),
    /// The term is not in the index (its shard was read).
    Absent,
    /// The term's postings.
    Found(PostingList<'s>),
}

/// The answer of a range lookup (a prefix, the reach of a typo correction).
#[derive(Debug)]
pub enum RangeLookup<'s> {
    /// These files are needed first.
    Need(Vec<String>),
    /// Every term of the range with its postings, in key order.
    Found(Vec<(String, PostingList<'s>)>),
}

/// The root of a lazy index and the files supplied so far.
pub struct LazyIndex {
    root_name: String,
    article_count: u32,
    /// First key of each shard, and the shard's file.
    shards: Shards,
    sections: Vec<(Tag, FileRef)>,
    /// Tables also kept in row chunks: each chunk's first record and file.
    pub(super) rows: Vec<RowTable>,
    /// First key of each alias shard (ALIA in key ranges, `aliases.rs`), and its file.
    pub(super) alias_shards: Shards,
    loaded_shards: BTreeMap<usize, Shard>,
    /// The alias shards supplied, by number.
    pub(super) loaded_aliases: BTreeMap<usize, Shard>,
    /// Packs and sections supplied, by name (shared with the assembled index that reads
    /// them in place, `assemble.rs`).
    loaded: BTreeMap<String, Rc<[u8]>>,
    /// The assembled tables kept in row chunks, each kept until a chunk of its (or the
    /// table whole) comes (`assemble.rs`).
    pub(super) assembled_tables: RefCell<BTreeMap<Tag, Rc<[u8]>>>,
    /// What stands for each lazy section not loaded yet, made once (`assemble.rs`).
    pub(super) placeholders: RefCell<BTreeMap<Tag, Rc<[u8]>>>,
    /// The heads and text entries the text files brought, by article (`texts.rs`).
    pub(super) carried: BTreeMap<u32, super::texts::CarriedHead>,
    /// Those text files' names.
    pub(super) carried_names: std::collections::BTreeSet<String>,
}

impl LazyIndex {
    /// Open the root file `name` (as listed by the hosted page, `r-HASH.bin`): checks that
    /// the bytes are the file named, then magic, version and checksum.
    pub fn open(name: &str, bytes: &[u8]) -> Result<LazyIndex, LazyError> {
        let expected = FileRef::of(FileKind::Root, bytes);
        if expected.name() != name {
            return Err(LazyError::Damaged {
                name: name.to_owned(),
                got_len: bytes.len() as u64,
            });
        }
        let corrupt = |what| LazyError::Corrupt {
            name: name.to_owned(),
            what,
        };
        if bytes.get(..8) != Some(&ROOT_MAGIC[..]) {
            return Err(corrupt("root (wrong magic bytes)"));
        }
        let version = u32_at(bytes, 8).ok_or(corrupt("root header"))?;
        if version != LAZY_VERSION {
            return Err(LazyError::Version {
                name: name.to_owned(),
                expected: LAZY_VERSION,
                got: version,
            });
        }
        let crc = u32_at(bytes, 12).ok_or(corrupt("root header"))?;
        let len = u32_at(bytes, 16).ok_or(corrupt("root header"))? as usize;
        let body = bytes.get(20..).filter(|b| b.len() == len);
        let body = body.ok_or(corrupt("root (length)"))?;
        if crate::crc32::hash(body) != crc {
            return Err(corrupt("root (checksum)"));
        }
        parse_root(body)
            .map(|root| LazyIndex {
                root_name: name.to_owned(),
                article_count: root.article_count,
                shards: root.shards,
                sections: root.sections,
                rows: root.rows,
                alias_shards: root.aliases,
                loaded_shards: BTreeMap::new(),
                loaded_aliases: BTreeMap::new(),
                loaded: BTreeMap::new(),
                assembled_tables: RefCell::new(BTreeMap::new()),
                placeholders: RefCell::new(BTreeMap::new()),
                carried: BTreeMap::new(),
                carried_names: Default::default(),
            })
            .ok_or(corrupt("root tables"))
    }

    /// The root's file name.
    pub fn root_name(&self) -> &str {
        &self.root_name
    }

    /// Number of articles.
    pub fn article_count(&self) -> u32 {
        self.article_count
    }

    /// Number of dictionary shards.
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// The files of the index's other sections, with their tags (those of
    /// [`LazyIndex::ready_sections`], and the tables also kept in row chunks).
    pub fn sections(&self) -> &[(Tag, FileRef)] {
        &self.sections
    }

    /// The sections every answer needs (what a page loads before it is ready): all but the
    /// tables kept in row chunks, which are loaded by the rows a call reads, and the
    /// [`LAZY_SECTIONS`], loaded whole by the first call that reads them (docs/HOSTED.md).
    pub fn ready_sections(&self) -> impl Iterator<Item = &(Tag, FileRef)> {
        self.sections.iter().filter(|(tag, _)| {
            !self.rows.iter().any(|t| t.tag == *tag) && !LAZY_SECTIONS.contains(tag)
        })
    }

    /// The sections a page loads whole when it reads them without rounds: the tables kept
    /// in row chunks and the [`LAZY_SECTIONS`].
    pub fn deferred_sections(&self) -> impl Iterator<Item = &(Tag, FileRef)> {
        self.sections.iter().filter(|(tag, _)| {
            self.rows.iter().any(|t| t.tag == *tag) || LAZY_SECTIONS.contains(tag)
        })
    }

    /// A section's bytes, if supplied.
    pub fn section(&self, tag: Tag) -> Result<&[u8], LazyError> {
        self.shared_section_ref(tag).map(|b| &**b)
    }

    /// A section's bytes, if supplied, shared (the assembled index reads them in place).
    pub(crate) fn shared_section(&self, tag: Tag) -> Result<Rc<[u8]>, LazyError> {
        self.shared_section_ref(tag).cloned()
    }

    fn shared_section_ref(&self, tag: Tag) -> Result<&Rc<[u8]>, LazyError> {
        let (_, file) = self
            .sections
            .iter()
            .find(|(t, _)| *t == tag)
            .ok_or_else(|| LazyError::Missing {
                name: format!("section {}", String::from_utf8_lossy(&tag)),
            })?;
        let name = file.name();
        self.loaded.get(&name).ok_or(LazyError::Missing { name })
    }

    /// The shards whose key ranges meet `range`, by number.
    pub fn shards_for(&self, range: &KeyRange) -> std::ops::Range<usize> {
        shards_in(&self.shards, range)
    }

    /// The names of the shard files `range` needs that are not supplied yet.
    pub fn missing_shards(&self, range: &KeyRange) -> Vec<String> {
        self.shards_for(range)
            .filter(|i| !self.loaded_shards.contains_key(i))
            .filter_map(|i| self.shards.get(i).map(|(_, f)| f.name()))
            .collect()
    }

    /// Which file `name` is, if this root or a supplied shard lists it: the file, and its
    /// number if it is a dictionary shard or an alias shard.
    fn expected(&self, name: &str) -> Option<(FileRef, Option<ShardOf>)> {
        let parsed = FileName::parse(name)?;
        let numbered = |shards: &Shards| {
            shards
                .iter()
                .enumerate()
                .find(|(_, (_, f))| parsed.names(f))
                .map(|(i, (_, f))| (*f, i))
        };
        if let Some((f, i)) = numbered(&self.shards) {
            return Some((f, Some(ShardOf::Terms(i))));
        }
        if let Some((f, i)) = numbered(&self.alias_shards) {
            return Some((f, Some(ShardOf::Aliases(i))));
        }
        self.sections
            .iter()
            .map(|(_, f)| *f)
            .chain(
                self.loaded_shards
                    .values()
                    .flat_map(|s| s.packs.iter().copied()),
            )
            .find(|f| parsed.names(f))
            .map(|f| (f, None))
            .or_else(|| self.rows_chunk_named(name).map(|(_, _, f)| (f, None)))
    }

    /// Hand over the bytes of file `name`, fetched because a lookup asked for it. Bytes that
    /// are not the file named, or a name this index does not list, are refused (and kept out).
    pub fn supply(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), LazyError> {
        let Some((file, shard)) = self.expected(name) else {
            return Err(LazyError::Foreign {
                name: name.to_owned(),
            });
        };
        if !file.matches(&bytes) {
            return Err(LazyError::Damaged {
                name: name.to_owned(),
                got_len: bytes.len() as u64,
            });
        }
        match shard {
            Some(ShardOf::Terms(i)) => {
                let shard = parse_shard(name, bytes)?;
                self.loaded_shards.insert(i, shard);
            }
            Some(ShardOf::Aliases(i)) => {
                let shard = parse_shard(name, bytes)?;
                if !shard.packs.is_empty() {
                    return Err(LazyError::Corrupt {
                        name: name.to_owned(),
                        what: "alias shard (it lists packs)",
                    });
                }
                self.loaded_aliases.insert(i, shard);
            }
            None => {
                let changed = if file.kind == FileKind::Rows {
                    self.check_rows_chunk(name, &bytes)?;
                    self.check_carried_heads(name, &bytes)?;
                    self.rows_table_of(name)
                } else {
                    self.sections()
                        .iter()
                        .find(|(_, f)| f.is_named(name))
                        .map(|(t, _)| *t)
                };
                let tables = self.assembled_tables.get_mut();
                if let Some(tag) = changed {
                    tables.remove(&tag);
                    // ENTS is assembled over the names (ENAM).
                    if tag == super::rows::NAME_ROWS {
                        tables.remove(b"ENTS");
                    }
                    // AMET is assembled over its names and rows (META_NAMES, META_ROWS).
                    if tag == META_ROWS || tag == super::rows::META_NAMES {
                        tables.remove(b"AMET");
                    }
                    // TXTC is assembled over the entries the HEAD chunks carry.
                    if tag == *b"HEAD" {
                        tables.remove(b"TXTC");
                    }
                }
                self.loaded.insert(name.to_owned(), bytes.into());
            }
        }
        Ok(())
    }

    /// Whether file `name` has been supplied (a text file whose head came:
    /// [`LazyIndex::supply_carried`]).
    pub fn has(&self, name: &str) -> bool {
        if self.loaded.contains_key(name) || self.carried_names.contains(name) {
            return true;
        }
        let Some(name) = FileName::parse(name) else {
            return false;
        };
        let loaded = |shards: &Shards, loaded: &BTreeMap<usize, Shard>| {
            shards
                .iter()
                .position(|(_, f)| name.names(f))
                .is_some_and(|i| loaded.contains_key(&i))
        };
        loaded(&self.shards, &self.loaded_shards)
            || loaded(&self.alias_shards, &self.loaded_aliases)
    }

    /// The loaded shards in key order: number, file, pack table, terms.
    pub(crate) fn loaded_shards(
        &self,
    ) -> impl Iterator<Item = (usize, &FileRef, &[FileRef], &Map<Vec<u8>>)> {
        self.loaded_shards.iter().filter_map(|(i, shard)| {
            let (_, file) = self.shards.get(*i)?;
            Some((*i, file, shard.packs.as_slice(), &shard.terms))
        })
    }

    /// The bytes of a supplied pack or section.
    pub(crate) fn loaded_bytes(&self, name: &str) -> Option<&[u8]> {
        self.loaded.get(name).map(|b| &**b)
    }

    /// The postings of `term`, or the files still needed to read them.
    pub fn lookup(&self, term: &str) -> Result<Lookup<'_>, LazyError> {
        let range = KeyRange {
            lo: term.as_bytes().to_vec(),
            hi: None,
        };
        let i = self.shards_for(&range).start;
        let Some((_, shard_file)) = self.shards.get(i) else {
            return Ok(Lookup::Absent);
        };
        let Some(shard) = self.loaded_shards.get(&i) else {
            return Ok(Lookup::Need(vec![shard_file.name()]));
        };
        match shard.terms.get(term) {
            None => Ok(Lookup::Absent),
            Some(value) => self
                .postings_at(shard_file, shard, value)
                .map(|found| match found {
                    Ok(list) => Lookup::Found(list),
                    Err(need) => Lookup::Need(vec![need]),
                }),
        }
    }

    /// The files that looking up `keys` and walking the keys beginning with each of
    /// `prefixes` read (what a search read, `search::expand::reads` in the engine), as far
    /// as what is loaded tells: the shards of every prefix and key, and the pack of every
    /// key whose shard is loaded and lists it. Each name once, in the order first read.
    /// The shard files of `keys`, each once, loaded or not: what telling whether the index
    /// has a key reads (its postings are not read: the writer writes no empty list).
    pub fn shards_of_keys<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> Vec<String> {
        let mut files: Vec<String> = Vec::new();
        for key in keys {
            let range = KeyRange {
                lo: key.as_bytes().to_vec(),
                hi: None,
            };
            let i = self.shards_for(&range).start;
            if let Some((_, f)) = self
                .shards
                .get(i)
                .filter(|(_, f)| !files.contains(&f.name()))
            {
                files.push(f.name());
            }
        }
        files
    }

    pub fn files_for<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k str>,
        prefixes: impl IntoIterator<Item = &'k str>,
    ) -> Result<Vec<String>, LazyError> {
        let mut files: Vec<String> = Vec::new();
        let mut add = |name: String| {
            if !files.contains(&name) {
                files.push(name);
            }
        };
        for prefix in prefixes {
            for i in self.shards_for(&prefix_range(prefix.as_bytes())) {
                if let Some((_, f)) = self.shards.get(i) {
                    add(f.name());
                }
            }
        }
        for key in keys {
            let range = KeyRange {
                lo: key.as_bytes().to_vec(),
                hi: None,
            };
            let i = self.shards_for(&range).start;
            let Some((_, shard_file)) = self.shards.get(i) else {
                continue;
            };
            add(shard_file.name());
            let Some(value) = self.loaded_shards.get(&i).and_then(|s| s.terms.get(key)) else {
                continue;
            };
            let pack = self
                .loaded_shards
                .get(&i)
                .and_then(|s| s.packs.get(usize::try_from(value >> 32).ok()?))
                .ok_or(LazyError::Corrupt {
                    name: shard_file.name(),
                    what: "a term's pack number",
                })?;
            add(pack.name());
        }
        Ok(files)
    }

    /// The terms of `range` with their postings, in key order, or the files still needed
    /// (first the shards, then the packs of every term in the range).
    pub fn terms_in(&self, range: &KeyRange) -> Result<RangeLookup<'_>, LazyError> {
        let shards = self.missing_shards(range);
        if !shards.is_empty() {
            return Ok(RangeLookup::Need(shards));
        }
        let mut found = Vec::new();
        let mut need = Vec::new();
        for i in self.shards_for(range) {
            let (Some((_, file)), Some(shard)) = (self.shards.get(i), self.loaded_shards.get(&i))
            else {
                continue;
            };
            let builder = shard.terms.range().ge(&range.lo);
            let mut stream = match &range.hi {
                Some(hi) => builder.lt(hi).into_stream(),
                None => builder.into_stream(),
            };
            while let Some((key, value)) = stream.next() {
                match self.postings_at(file, shard, value)? {
                    Ok(list) => found.push((String::from_utf8_lossy(key).into_owned(), list)),
                    Err(name) => {
                        if !need.contains(&name) {
                            need.push(name);
                        }
                    }
                }
            }
        }
        Ok(if need.is_empty() {
            RangeLookup::Found(found)
        } else {
            RangeLookup::Need(need)
        })
    }

    fn postings_at(
        &self,
        shard_file: &FileRef,
        shard: &Shard,
        value: u64,
    ) -> Result<Result<PostingList<'_>, String>, LazyError> {
        let corrupt = LazyError::Corrupt {
            name: shard_file.name(),
            what: "a term's pack number",
        };
        let pack = shard
            .packs
            .get(usize::try_from(value >> 32).map_err(|_| corrupt.clone())?)
            .ok_or(corrupt)?;
        let name = pack.name();
        let Some(bytes) = self.loaded.get(&name) else {
            return Ok(Err(name));
        };
        postings::decode(bytes, (value & 0xffff_ffff) as usize)
            .map(Ok)
            .map_err(|_| LazyError::Corrupt {
                name,
                what: "a postings list",
            })
    }
}

/// Which table of shards a shard file is in, and its number there.
#[derive(Debug, Clone, Copy)]
enum ShardOf {
    Terms(usize),
    Aliases(usize),
}

/// The shards of `shards` whose key ranges meet `range`, by number: shard `i` covers
/// `[first_i, first_{i+1})`.
pub(crate) fn shards_in(shards: &Shards, range: &KeyRange) -> std::ops::Range<usize> {
    // The first is the last whose key is <= lo.
    let start = shards
        .partition_point(|(first, _)| first.as_slice() <= range.lo.as_slice())
        .saturating_sub(1);
    let end = match &range.hi {
        Some(hi) => shards.partition_point(|(first, _)| first.as_slice() < hi.as_slice()),
        None => shards.len(),
    };
    start..end.max(start)
}

//! Build time: split an index into the lazy index's files (root, dictionary shards, postings
//! packs, sections), each named by its hash. Streams over the term dictionary: it holds one
//! shard and one pack at a time besides the index it reads.

use fst::Streamer;

use super::aliases::split_aliases;
use super::files::{FileKind, FileRef};
use super::rows::{
    meta_rows, names_table, split_rows, Extra, META_NAMES, META_ROWS, NAME_ROWS, ROW_TABLES,
};
use super::texts::entries_for;
use super::{LAZY_VERSION, ROOT_MAGIC, SHARD_MAGIC};
use crate::container::{self, Tag};
use crate::{EntityTotals, IndexError, StartFigures};

/// How big the files may grow (uncompressed bytes). Smaller files: fewer bytes per query,
/// more requests and a bigger root (one key and reference per shard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardSizes {
    /// A shard is closed once its fst reaches this size.
    pub shard: usize,
    /// A pack is closed once it reaches this size; a list of more than half of it gets a
    /// pack of its own.
    pub pack: usize,
    /// A row chunk (the HEAD or MENT records of consecutive articles) is closed once it
    /// reaches this size.
    pub rows: usize,
}

impl Default for ShardSizes {
    fn default() -> Self {
        ShardSizes {
            // 4 KiB (8 KiB until 7 December, evening; 16 before): a word reads about four
            // shards (its exact spelling, its stem, its variants, each a key range of its
            // own). In the page, 2 KiB packs, fresh cache (`bench/lazy-queries.mjs --start`),
            // against 8 KiB: first page median 122.0 -> 109.7 KiB at 10k, 260.6 -> 247.9 at
            // 100k, in the same requests; ready 66.4 -> 68.8 and 119.7 -> 122.5 KiB (the root's
            // shard table); one page over the list about the same bytes in 86 (10k) and 46
            // (100k) more requests.
            shard: 4 * 1024,
            // 2 KiB: a rare word's list is a few bytes, and it costs its whole pack. At 10k
            // over the list, one page keeping what it fetched (`bench-lazy --pack`), against
            // 16 KiB: packs 1,673 -> 766 KiB, everything 4,189 -> 3,321 KiB, requests 1,001
            // -> 1,033 (a query still reads one pack a term); 8 KiB: 1,179 KiB, 4 KiB: 909,
            // 1 KiB: 700 with twice the files. The pack tables make shards a little bigger.
            pack: 2 * 1024,
            rows: 4 * 1024,
        }
    }
}

/// The files of a lazy index.
#[derive(Debug)]
pub struct LazyFiles {
    /// The root's name (the page reads it from `index/ROOT`).
    pub root: String,
    /// Every file, the root included: name, kind and bytes, in a deterministic order.
    pub files: Vec<(String, FileKind, Vec<u8>)>,
    /// A hosted index's text chunks (one article each): chunk `i`'s file name, named by the
    /// HEAD row chunk that carries its entry (`crate::chunks::lazy_file_name`). Empty for an
    /// index that keeps its texts.
    pub texts: Vec<String>,
}

/// The sections that stay whole, fetched as files of their own: all but the term dictionary
/// and the postings, which go to shards and packs.
const SHARDED: [Tag; 2] = [*b"TERM", *b"POST"];

/// Split `index` (a verified index of this crate's format, e.g. a hosted one with its texts
/// already in text chunks) into lazy files.
pub fn split(index: &[u8], sizes: ShardSizes) -> Result<LazyFiles, IndexError> {
    let sections = container::open_with::<true>(index)?;
    let post = sections.get(*b"POST")?;
    let terms = fst::Map::new(sections.get(*b"TERM")?).map_err(|_| IndexError::Corrupt {
        section: "TERM",
        offset: 0,
    })?;
    let article_count = crate::articles::count(sections.get(*b"HEAD")?, "HEAD")?;
    let mut files = Vec::new();
    let mut shards: Vec<(Vec<u8>, FileRef)> = Vec::new();

    // A list ends where the next one starts (the writer stores them in key order).
    let mut stream = terms.stream();
    let mut pending: Option<(Vec<u8>, usize)> = None;
    let mut builder = ShardBuilder::new(sizes);
    loop {
        let next = stream.next().map(|(k, v)| (k.to_vec(), v as usize));
        if let Some((key, start)) = pending.take() {
            let end = next.as_ref().map_or(post.len(), |(_, v)| *v);
            let list = post.get(start..end).ok_or(IndexError::Corrupt {
                section: "POST",
                offset: start,
            })?;
            if builder.full() {
                shards.push(builder.finish(&mut files)?);
                builder = ShardBuilder::new(sizes);
            }
            builder.add(&key, list)?;
        }
        match next {
            Some(n) => pending = Some(n),
            None => break,
        }
    }
    if !builder.is_empty() {
        shards.push(builder.finish(&mut files)?);
    }

    let mut body = Vec::new();
    body.extend_from_slice(&article_count.to_le_bytes());
    write_shard_table(&mut body, &shards)?;
    let mut kept: Vec<(Tag, std::borrow::Cow<'_, [u8]>)> = sections
        .entries()
        .iter()
        .filter(|(t, _)| !SHARDED.contains(t))
        .map(|(t, bytes)| (*t, (*bytes).into()))
        .collect();
    // Figures over every article, counted here once by the engine's own rules.
    let whole = crate::Index::open_embedded(index)?;
    kept.push((*b"ETOT", EntityTotals::count(&whole)?.encode().into()));
    kept.push((*b"STRT", StartFigures::count(&whole)?.encode().into()));
    // The articles' metadata apart: a listed article reads its row and the names.
    let meta = match sections.get(*b"AMET") {
        Ok(amet) => Some(meta_rows(amet).ok_or(IndexError::Corrupt {
            section: "AMET",
            offset: 0,
        })?),
        Err(_) => None,
    };
    if let Some((_, names)) = &meta {
        kept.push((META_NAMES, names.clone().into()));
    }
    // The alias filter over the names without a space (filter.rs).
    if let Ok(alia) = sections.get(*b"ALIA") {
        let aliases = fst::Map::new(alia).map_err(|_| IndexError::Corrupt {
            section: "ALIA",
            offset: 0,
        })?;
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let mut stream = aliases.keys();
        while let Some(key) = stream.next() {
            if !key.contains(&b' ') {
                keys.push(key.to_vec());
            }
        }
        let filter = super::filter::build(keys.iter().map(Vec::as_slice), keys.len());
        kept.push((super::ALIAS_FILTER, filter.into()));
    }
    body.extend_from_slice(&(kept.len() as u32).to_le_bytes());
    for (tag, bytes) in kept {
        let file = FileRef::of(FileKind::Section, &bytes);
        body.extend_from_slice(&tag);
        file.write(&mut body);
        files.push((file.name(), FileKind::Section, bytes.into_owned()));
    }
    let mut tables: Vec<(Tag, std::borrow::Cow<'_, [u8]>)> = ROW_TABLES
        .iter()
        .filter_map(|tag| Some((*tag, sections.get(*tag).ok()?.into())))
        .collect();
    // The entities' names apart (rows only): what the facets read of ENTS.
    if let Ok(ents) = sections.get(*b"ENTS") {
        let names = names_table(ents).ok_or(IndexError::Corrupt {
            section: "ENTS",
            offset: 0,
        })?;
        tables.push((NAME_ROWS, names.into()));
    }
    if let Some((rows, _)) = meta {
        tables.push((META_ROWS, rows.into()));
    }
    body.extend_from_slice(&(tables.len() as u32).to_le_bytes());
    // A HEAD chunk of a hosted index carries its text chunks' entries (texts.rs), one
    // article a chunk: the page names a hit's text by its HEAD chunk before that has come.
    let txtc = sections.get(*b"TXTC").ok();
    if let Some(txtc) = txtc {
        super::texts::one_article_each(txtc, article_count)?;
    }
    let mut texts = Vec::new();
    let entries = |articles| txtc.and_then(|t| entries_for(t, articles));
    for (tag, table) in tables {
        let table = &table[..];
        let extra: Option<Extra<'_>> = (tag == *b"HEAD" && txtc.is_some()).then_some(&entries);
        let chunks =
            split_rows(table, sizes.rows, extra, &mut files).ok_or(IndexError::Corrupt {
                section: "HEAD/MENT (a per-article table)",
                offset: 0,
            })?;
        let records = crate::articles::count(table, "a table kept in row chunks")?;
        if tag == *b"HEAD" && txtc.is_some() {
            texts = super::texts::names(&chunks, article_count);
        }
        body.extend_from_slice(&tag);
        body.extend_from_slice(&records.to_le_bytes());
        body.extend_from_slice(&(chunks.len() as u32).to_le_bytes());
        for (first, file) in chunks {
            body.extend_from_slice(&first.to_le_bytes());
            file.write(&mut body);
        }
    }
    // The alias map in key ranges (aliases.rs), closed at the row chunks' size: a key
    // looked up reads one.
    let alias_shards = match sections.get(*b"ALIA") {
        Ok(alia) => split_aliases(alia, sizes.rows, &mut files).ok_or(IndexError::Corrupt {
            section: "ALIA",
            offset: 0,
        })?,
        Err(_) => Vec::new(),
    };
    write_shard_table(&mut body, &alias_shards)?;
    let mut root = Vec::with_capacity(20 + body.len());
    root.extend_from_slice(&ROOT_MAGIC);
    root.extend_from_slice(&LAZY_VERSION.to_le_bytes());
    root.extend_from_slice(&crate::crc32::hash(&body).to_le_bytes());
    root.extend_from_slice(&(body.len() as u32).to_le_bytes());
    root.extend_from_slice(&body);
    let root_ref = FileRef::of(FileKind::Root, &root);
    files.push((root_ref.name(), FileKind::Root, root));
    Ok(LazyFiles {
        root: root_ref.name(),
        files,
        texts,
    })
}

/// A table of shards into the root: count, then per shard its first key (u16 length, bytes)
/// and its file.
fn write_shard_table(body: &mut Vec<u8>, shards: &[(Vec<u8>, FileRef)]) -> Result<(), IndexError> {
    body.extend_from_slice(&(shards.len() as u32).to_le_bytes());
    for (key, file) in shards {
        // The shard table stores a key's length in 16 bits; no analysed term comes near.
        let len = u16::try_from(key.len()).map_err(|_| IndexError::Corrupt {
            section: "TERM/ALIA (a key over 65,535 bytes)",
            offset: 0,
        })?;
        body.extend_from_slice(&len.to_le_bytes());
        body.extend_from_slice(key);
        file.write(body);
    }
    Ok(())
}

/// One shard being written, with its current pack.
struct ShardBuilder {
    sizes: ShardSizes,
    first: Option<Vec<u8>>,
    fst: fst::MapBuilder<Vec<u8>>,
    packs: Vec<Vec<u8>>,
    /// The pack small lists go to, by number in `packs`.
    open_pack: Option<usize>,
}

impl ShardBuilder {
    fn new(sizes: ShardSizes) -> Self {
        ShardBuilder {
            sizes,
            first: None,
            fst: fst::MapBuilder::memory(),
            packs: Vec::new(),
            open_pack: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Full once the fst reaches its size, or the pack table its u16 count.
    fn full(&self) -> bool {
        self.fst.bytes_written() as usize >= self.sizes.shard
            || self.packs.len() >= usize::from(u16::MAX) - 1
    }

    fn add(&mut self, key: &[u8], list: &[u8]) -> Result<(), IndexError> {
        if self.first.is_none() {
            self.first = Some(key.to_vec());
        }
        let pack = if list.len() > self.sizes.pack / 2 {
            self.packs.push(Vec::new());
            self.packs.len() - 1
        } else {
            match self.open_pack {
                Some(p) if self.packs[p].len() + list.len() <= self.sizes.pack => p,
                _ => {
                    self.packs.push(Vec::new());
                    self.open_pack = Some(self.packs.len() - 1);
                    self.packs.len() - 1
                }
            }
        };
        let offset = self.packs[pack].len() as u64;
        self.packs[pack].extend_from_slice(list);
        let too_big = IndexError::Corrupt {
            section: "POST (a list beyond 4 GiB)",
            offset: 0,
        };
        if offset > u64::from(u32::MAX) {
            return Err(too_big);
        }
        // Keys come sorted and unique from the index's own fst.
        self.fst
            .insert(key, (pack as u64) << 32 | offset)
            .map_err(|_| IndexError::Corrupt {
                section: "TERM",
                offset: 0,
            })
    }

    /// Write the packs and the shard into `files`; the shard's first key and file.
    fn finish(
        self,
        files: &mut Vec<(String, FileKind, Vec<u8>)>,
    ) -> Result<(Vec<u8>, FileRef), IndexError> {
        let mut out = Vec::new();
        out.extend_from_slice(&SHARD_MAGIC);
        out.extend_from_slice(&LAZY_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.packs.len() as u16).to_le_bytes());
        for pack in self.packs {
            let file = FileRef::of(FileKind::Pack, &pack);
            file.write(&mut out);
            files.push((file.name(), FileKind::Pack, pack));
        }
        let fst = self.fst.into_inner().map_err(|_| IndexError::Corrupt {
            section: "TERM",
            offset: 0,
        })?;
        out.extend_from_slice(&fst);
        let file = FileRef::of(FileKind::Shard, &out);
        files.push((file.name(), FileKind::Shard, out));
        Ok((self.first.unwrap_or_default(), file))
    }
}

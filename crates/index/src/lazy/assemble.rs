//! An ordinary [`crate::Index`] of what a [`LazyIndex`] holds: every section, and every term
//! of every loaded shard. The engine reads it as it reads the embedded index, so search,
//! ranking, facets and snippets run unchanged on a lazy index. Its term dictionary is the
//! loaded shards' fsts as they came (TRMS, `crate::dictionary`), its POST the loaded packs
//! whole with a directory of where each begins (PDIR), and a term's value names its pack and
//! its place in it (`Index::list_offset`): a round copies the loaded packs and builds no fst
//! (each round used to build one over every loaded term and copy every list: most of a
//! query's time in the page), and every other section is read where the store keeps it
//! ([`Assembled`]: rounds used to copy them all into one container and checksum it). A term whose pack is not loaded reads an empty postings list: a walk over a range whose shards are loaded
//! sees every key, as on the whole index, but reading such a term's postings is not an
//! answer. The engine records what it reads (`search::expand::reads`) and the caller asks
//! [`LazyIndex::files_for`] which files that was and [`LazyIndex::has`] whether each is
//! loaded; a term of a shard not loaded is absent.
//! A table kept in row chunks holds the rows loaded and empty records for the others, and
//! the alias map is the alias shards loaded (ALIS, `aliases.rs`), and TXTC the entries the
//! loaded HEAD chunks carry (`texts.rs`): again the recorded reads (`reads.rs`) say whether a
//! call read what is not there.

use super::rows::{LAZY_SECTIONS, ROW_TABLES};
use super::store::LazyIndex;
use super::texts::TEXT_ROWS;
use super::LazyError;
use crate::chunks::TEXT_NAMES;
use crate::container::Tag;
use std::rc::Rc;

/// A pack's number in the assembled index: its shard's number << 16 | its number in the
/// shard (the same whatever else is loaded).
fn pack_key(shard: usize, pack: usize) -> Result<u32, LazyError> {
    match (u16::try_from(shard), u16::try_from(pack)) {
        (Ok(shard), Ok(pack)) => Ok(u32::from(shard) << 16 | u32::from(pack)),
        _ => Err(LazyError::Corrupt {
            name: format!("shard {shard}"),
            what: "a pack number (over 65,535 shards or packs a shard)",
        }),
    }
}

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
    /// checks, with nothing in it. An empty alias map (the loaded alias shards are ALIS);
    /// ARTS of undated articles; LENS of length 0; AMET of articles with no source, author,
    /// language or URL; ETOT of no entity; STRT of nothing counted (TXTC is assembled from
    /// the HEAD chunks, `texts.rs`). The recorded reads
    /// (`reads.rs`) make sure none of it is taken for an answer.
    fn placeholder(&self, tag: Tag) -> Vec<u8> {
        let n = self.article_count();
        match &tag {
            b"ARTS" => vec![0; n as usize * crate::articles::ARTS_RECORD],
            b"LENS" => vec![0; n as usize],
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
            // No entity counted (a table of no entity).
            b"ETOT" => 0u32.to_le_bytes().to_vec(),
            // No article, month, source or author.
            b"STRT" => vec![0; 16],
            // The alias map (and any other): an empty fst.
            _ => fst::MapBuilder::memory().into_inner().unwrap_or_default(),
        }
    }

    /// The placeholder of lazy section `tag` (made once: it depends only on the article
    /// count), shared by every assembly until the section comes.
    fn shared_placeholder(&self, tag: Tag) -> Rc<[u8]> {
        self.placeholders
            .borrow_mut()
            .entry(tag)
            .or_insert_with(|| self.placeholder(tag).into())
            .clone()
    }

    /// The index (this crate's format) of the sections and the loaded terms as one file's
    /// bytes, or [`LazyError::Missing`] naming the first section not supplied: the sections
    /// of [`LazyIndex::assembled`] in a container, with its checksum ([`crate::Index::open`]
    /// reads it; tests compare it with the whole index).
    pub fn assemble(&self) -> Result<Vec<u8>, LazyError> {
        Ok(self.assembled()?.to_bytes())
    }

    /// The sections of an index of everything loaded, or [`LazyError::Missing`] naming the
    /// first section not supplied. Each section is shared, not copied: the files as they
    /// came, the tables assembled from row chunks (kept until a chunk of theirs comes), the
    /// placeholders; only the dictionary's directory and the postings are made anew.
    pub fn assembled(&self) -> Result<Assembled, LazyError> {
        let mut sections: Vec<(Tag, Rc<[u8]>)> = Vec::new();
        // The row tables not loaded whole, each assembled again only when a chunk of its
        // came (`supply`): at 100k articles one is hundreds of thousands of records.
        for tag in ROW_TABLES {
            let listed = self.sections().iter().any(|(t, _)| *t == tag);
            if !listed
                || self.section(tag).is_ok()
                || self.assembled_tables.borrow().contains_key(&tag)
            {
                continue;
            }
            let table = self.assembled_table(tag)?;
            self.assembled_tables.borrow_mut().insert(tag, table.into());
        }
        // AMET, while not loaded, assembled from its names and the rows loaded (rows.rs),
        // kept like the row tables until one of them comes.
        let meta_apart = matches!(self.section(*b"AMET"), Err(LazyError::Missing { .. }));
        if meta_apart && !self.assembled_tables.borrow().contains_key(b"AMET") {
            if let Some(meta) = self.assembled_meta()? {
                self.assembled_tables
                    .borrow_mut()
                    .insert(*b"AMET", meta.into());
            }
        }
        // TXTC, while not loaded, assembled from the entries the HEAD chunks carry
        // (texts.rs), kept until a HEAD chunk comes.
        let texts_apart = matches!(self.section(TEXT_ROWS), Err(LazyError::Missing { .. }));
        if texts_apart && !self.assembled_tables.borrow().contains_key(&TEXT_ROWS) {
            if let Some(texts) = self.assembled_texts()? {
                self.assembled_tables
                    .borrow_mut()
                    .insert(TEXT_ROWS, texts.into());
            }
        }
        // TXTN: how the text chunks are named (texts.rs), from the root: made once.
        if !self.assembled_tables.borrow().contains_key(&TEXT_NAMES) {
            if let Some(names) = self.text_names() {
                self.assembled_tables
                    .borrow_mut()
                    .insert(TEXT_NAMES, names.into());
            }
        }
        let kept = self.assembled_tables.borrow();
        let mut tables: Vec<(Tag, Rc<[u8]>)> = ROW_TABLES
            .iter()
            .filter(|tag| self.sections().iter().any(|(t, _)| t == *tag))
            .filter_map(|&tag| match self.shared_section(tag) {
                Ok(whole) => Some((tag, whole)),
                Err(_) => kept.get(&tag).map(|t| (tag, t.clone())),
            })
            .collect();
        if let Some(meta) = kept.get(b"AMET").filter(|_| meta_apart) {
            tables.push((*b"AMET", meta.clone()));
        }
        if let Some(texts) = kept.get(&TEXT_ROWS).filter(|_| texts_apart) {
            tables.push((TEXT_ROWS, texts.clone()));
        }
        for (tag, _) in self.sections() {
            let bytes = match tables.iter().find(|(t, _)| t == tag) {
                Some((_, table)) => table.clone(),
                None => match self.shared_section(*tag) {
                    Ok(bytes) => bytes,
                    // A lazy section not loaded yet: a placeholder of its shape in its place.
                    Err(LazyError::Missing { .. }) if LAZY_SECTIONS.contains(tag) => {
                        self.shared_placeholder(*tag)
                    }
                    Err(e) => return Err(e),
                },
            };
            sections.push((*tag, bytes));
        }
        if let Some(names) = kept.get(&TEXT_NAMES) {
            sections.push((TEXT_NAMES, names.clone()));
        }
        // TRMS: the loaded shards' fsts as they are (crate::dictionary); TERM is empty.
        let shards: Vec<(usize, &[u8])> = self
            .loaded_shards()
            .map(|(shard, _, _, map)| (shard, map.as_fst().as_bytes()))
            .collect();
        let mut trms = Vec::with_capacity(
            4 + 8 * shards.len() + shards.iter().map(|(_, b)| b.len()).sum::<usize>(),
        );
        trms.extend_from_slice(&(shards.len() as u32).to_le_bytes());
        for (shard, bytes) in &shards {
            // pack_key checks that the shard's number fits its 16 bits.
            pack_key(*shard, 0)?;
            trms.extend_from_slice(&(*shard as u32).to_le_bytes());
            trms.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        }
        for (_, bytes) in &shards {
            trms.extend_from_slice(bytes);
        }
        let terms: Rc<[u8]> = self.shared_placeholder(*b"TERM");
        // POST: the empty list at 0 (no articles, no positions, Golomb parameter 0, usual
        // kind 0), then every loaded pack whole; PDIR: where each begins (reader.rs,
        // `Index::list_offset`).
        let mut post = vec![0u8; 3];
        let mut pdir = Vec::new();
        for (shard, _, packs, _) in self.loaded_shards() {
            for (i, pack) in packs.iter().enumerate() {
                let Some(bytes) = self.loaded_bytes(&pack.name()) else {
                    continue;
                };
                let start = u32::try_from(post.len()).map_err(|_| LazyError::Corrupt {
                    name: pack.name(),
                    what: "the assembled postings (over 4 GiB)",
                })?;
                pdir.extend_from_slice(&pack_key(shard, i)?.to_le_bytes());
                pdir.extend_from_slice(&start.to_le_bytes());
                post.extend_from_slice(bytes);
            }
        }
        // ALIS: the loaded alias shards as they came, while ALIA is not loaded whole.
        if let Some(aliases) = self.assembled_aliases() {
            sections.push((*b"ALIS", aliases.into()));
        }
        sections.push((*b"TERM", terms));
        sections.push((*b"TRMS", trms.into()));
        sections.push((*b"POST", post.into()));
        sections.push((*b"PDIR", pdir.into()));
        Ok(Assembled { sections })
    }
}

/// The sections of an index assembled from a lazy index ([`LazyIndex::assembled`]), each
/// shared with the store that made it: the engine reads them in place
/// ([`crate::Index::open_sections`]), so a round copies no section and computes no checksum
/// over them (it did both, most of a round's time in the page).
pub struct Assembled {
    sections: Vec<(Tag, Rc<[u8]>)>,
}

impl Assembled {
    /// Every section, tag and bytes, in the order of an index file.
    pub fn sections(&self) -> Vec<(Tag, &[u8])> {
        self.sections.iter().map(|(t, b)| (*t, &**b)).collect()
    }

    /// The index over these sections, read where they are.
    pub fn index(&self) -> Result<crate::Index<'_>, crate::IndexError> {
        crate::Index::open_sections(self.sections())
    }

    /// The same index as one file's bytes (this crate's container, with its checksum).
    pub fn to_bytes(&self) -> Vec<u8> {
        crate::container::assemble(&self.sections())
    }
}

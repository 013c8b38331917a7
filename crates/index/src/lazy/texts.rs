//! The text chunks' table in the HEAD chunks (lazy format 6). TXTC (`crate::chunks`: 20
//! bytes a text chunk, which chunk file holds an article's text, its length and CRC-32)
//! was a lazy section read whole by the first snippet or article: 42 KiB gzip at 10,000
//! articles, about 490 KiB at 100,000 with 4 KiB text chunks. What reads an article's text
//! has read its head first (a hit's title, the reader's heading, an entity view's list), so
//! each HEAD row chunk carries, as one more record after its articles' heads, the TXTC
//! entries of the text chunks that hold those articles:
//!
//! ```text
//! record count+1 of a HEAD chunk   first text chunk u32 | its entries and the next ones,
//!                                  20 bytes each, as in TXTC, up to the chunk of its last article
//! ```
//!
//! No file, no request and no byte of the root more; a page of hits reads the entries of
//! its hits with their heads. [`TEXT_ROWS`] (TXTC) is noted per article
//! (`Index::text_chunk_of`), and the store names the article's HEAD chunk for it, or TXTC
//! whole (still a section file) when it is loaded or when the HEAD chunks still to fetch
//! for it alone reach three quarters of its bytes. The assembled TXTC holds the entries the
//! loaded HEAD chunks carry and, between them, entries of no bytes in the right number (the
//! root's TXTC has it): an article whose entry is not loaded may be given a wrong chunk,
//! never read for an answer (the recorded reads), and a text checked against such an entry
//! is refused.

use super::rows::{record_spans, RowTable};
use super::store::LazyIndex;
use super::LazyError;
use crate::chunks::Carried;
use crate::container::Tag;

/// The text chunks' table (a lazy section, also read in rows: the HEAD chunks').
pub const TEXT_ROWS: Tag = *b"TXTC";

/// Bytes of a TXTC entry (`crate::chunks::TXTC_RECORD`, which is behind `chunks`).
const ENTRY: usize = 20;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The text chunk of `article` in TXTC `txtc` (entries in article order, validated by the
/// reader): its number.
#[cfg(feature = "write")]
fn chunk_of(txtc: &[u8], article: u32) -> Option<u32> {
    let first = |c: usize| u32_at(txtc, 4 + c * ENTRY);
    let count = u32_at(txtc, 0)? as usize;
    Some(crate::chunks::last_at_most(count, article, first)? as u32)
}

/// Build time: the record a HEAD chunk of `articles` carries after their heads: the first
/// text chunk's number and the TXTC entries from it to the chunk of its last article.
/// `None` if TXTC does not cover them.
#[cfg(feature = "write")]
pub(crate) fn entries_for(txtc: &[u8], articles: std::ops::Range<u32>) -> Option<Vec<u8>> {
    let first = chunk_of(txtc, articles.start)?;
    let last = chunk_of(txtc, articles.end.checked_sub(1)?)?;
    let at = 4 + first as usize * ENTRY;
    let end = 4 + (last as usize + 1) * ENTRY;
    let mut out = first.to_le_bytes().to_vec();
    out.extend_from_slice(txtc.get(at..end)?);
    Some(out)
}

/// Build time: an error unless TXTC `txtc` holds one article a chunk (what version 9's text
/// names need: `explorer_index::chunks::split_text` with a target of one byte).
#[cfg(feature = "write")]
pub(crate) fn one_article_each(txtc: &[u8], articles: u32) -> Result<(), crate::IndexError> {
    let count = u32_at(txtc, 0).unwrap_or(0);
    let each = (0..count).all(|c| {
        let at = 4 + c as usize * ENTRY;
        u32_at(txtc, at) == Some(c) && u32_at(txtc, at + 4) == Some(1)
    });
    if count == articles && each {
        Ok(())
    } else {
        Err(crate::IndexError::Corrupt {
            section: "TXTC (a lazy index holds one article a text chunk: split_text(index, 1))",
            offset: 0,
        })
    }
}

/// Build time: the file names of the text chunks of `articles` articles (one each), given the
/// HEAD row chunks (first article, file) that carry their entries.
#[cfg(feature = "write")]
pub(crate) fn names(heads: &[(u32, super::FileRef)], articles: u32) -> Vec<String> {
    let mut at = 0;
    (0..articles)
        .map(|a| {
            while heads.get(at + 1).is_some_and(|(first, _)| *first <= a) {
                at += 1;
            }
            let hash = heads.get(at).map_or(0, |(_, file)| file.hash);
            crate::chunks::lazy_file_name(a, hash)
        })
        .collect()
}

/// Build time: the text files of a lazy index (lazy format 10) from the chunks of its
/// hosted index `index` (one article each, as [`crate::chunks::split_text`] made them): each
/// carries its article's HEAD record and TXTC entry before its text
/// ([`crate::chunks::carry`]), so that a page's texts bring its heads. The names stay
/// (`super::LazyFiles::texts` gives them).
#[cfg(feature = "write")]
pub fn carry_heads(
    index: &[u8],
    chunks: &mut [crate::chunks::ChunkFile],
) -> Result<(), crate::IndexError> {
    use std::io::{Read, Write};
    let sections = crate::container::open_with::<true>(index)?;
    let (head, txtc) = (sections.get(*b"HEAD")?, sections.get(TEXT_ROWS)?);
    let corrupt = |section| crate::IndexError::Corrupt { section, offset: 0 };
    let spans = record_spans(head).ok_or(corrupt("HEAD"))?;
    one_article_each(txtc, spans.len() as u32)?;
    if chunks.len() != spans.len() {
        return Err(corrupt("TXTC (a text file for each article)"));
    }
    for (a, (chunk, (s, e))) in chunks.iter_mut().zip(spans).enumerate() {
        let mut text = Vec::with_capacity(chunk.len);
        flate2::read::GzDecoder::new(&chunk.gzip[..])
            .read_to_end(&mut text)
            .map_err(|_| corrupt("a text chunk (gzip)"))?;
        let entry = txtc
            .get(4 + a * ENTRY..4 + (a + 1) * ENTRY)
            .ok_or(corrupt("TXTC"))?;
        let bytes = crate::chunks::carry(a as u32, entry, &head[s..e], &text);
        let mut gz = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
        chunk.gzip = match gz.write_all(&bytes).and_then(|()| gz.finish()) {
            Ok(gzip) => gzip,
            Err(e) => unreachable!("gzip into memory cannot fail: {e}"),
        };
        chunk.len = bytes.len();
    }
    Ok(())
}

/// A head and TXTC entry that a text file brought (lazy format 10: `crate::chunks::carried`),
/// kept by the store for its article.
pub(crate) struct CarriedHead {
    /// The text file's name.
    pub(crate) name: String,
    /// The article's HEAD record.
    pub(crate) head: Box<[u8]>,
    /// The article's TXTC entry.
    pub(crate) entry: [u8; ENTRY],
}

impl LazyIndex {
    /// The file name of the text of `article` (one article a text chunk, named by the HEAD
    /// row chunk that holds its head: `crate::chunks::lazy_file_name`); `None` for an index
    /// that keeps its texts.
    pub fn text_file_name(&self, article: u32) -> Option<String> {
        if !self.heads_carry_texts() {
            return None;
        }
        let (_, file) = self.row_chunk(*b"HEAD", article)?;
        Some(crate::chunks::lazy_file_name(article, file.hash))
    }

    /// Whether the head and TXTC entry of `article` came with its text file (loaded, as
    /// `loaded` says of its name), or are coming with it (`coming`).
    pub(super) fn carried_here(
        &self,
        article: u32,
        loaded: &dyn Fn(&str) -> bool,
        coming: &dyn Fn(u32) -> bool,
    ) -> bool {
        match self.carried.get(&article) {
            Some(carried) => loaded(&carried.name),
            None => coming(article),
        }
    }

    /// Hand over the head and TXTC entry that the text file `name` carries (its text is
    /// the engine's to check against that entry). Refused, naming the file, when it is not
    /// the text file of its article in this index, when its entry is not one of its article
    /// alone, when its head does not decode, or when either disagrees with the HEAD row
    /// chunk of its article, if loaded. Handing it over again changes nothing.
    pub fn supply_carried(&mut self, name: &str, carried: &Carried<'_>) -> Result<(), LazyError> {
        if self.carried_names.contains(name) {
            return Ok(());
        }
        let article = carried.article;
        if self.text_file_name(article).as_deref() != Some(name) {
            return Err(LazyError::Foreign {
                name: name.to_owned(),
            });
        }
        let corrupt = |what| LazyError::Corrupt {
            name: name.to_owned(),
            what,
        };
        let info = carried.info(None);
        let entry: [u8; ENTRY] = carried
            .entry
            .try_into()
            .map_err(|_| corrupt("its TXTC entry"))?;
        if info.first.0 != article || info.articles != 1 {
            return Err(corrupt("its TXTC entry (not of its article alone)"));
        }
        let one = super::rows::table(1, std::iter::once(carried.head));
        if crate::articles::decode_head(&one, None, crate::ArticleId(0)).is_err() {
            return Err(corrupt("its head (a HEAD record)"));
        }
        if let Some((i, file)) = self.row_chunk(*b"HEAD", article) {
            if let Some(bytes) = self.loaded_bytes(&file.name()) {
                if !self.chunk_agrees(i, bytes, article, carried.head, carried.entry) {
                    return Err(corrupt(NOT_ITS_CHUNK_S));
                }
            }
        }
        self.carried.insert(
            article,
            CarriedHead {
                name: name.to_owned(),
                head: carried.head.into(),
                entry,
            },
        );
        self.carried_names.insert(name.to_owned());
        let tables = self.assembled_tables.get_mut();
        tables.remove(b"HEAD");
        tables.remove(&TEXT_ROWS);
        Ok(())
    }
}

/// What a carried head and entry that its HEAD row chunk does not hold is.
const NOT_ITS_CHUNK_S: &str = "its head and entry (not its HEAD row chunk's)";

impl LazyIndex {
    /// Whether `head` and `entry`, carried by the text file of `article`, are what HEAD row
    /// chunk `i` (its `bytes`) holds for it: its record, and its entry among the chunk's.
    fn chunk_agrees(
        &self,
        i: usize,
        bytes: &[u8],
        article: u32,
        head: &[u8],
        entry: &[u8],
    ) -> bool {
        let first = self.chunk_articles(*b"HEAD", i).map_or(0, |r| r.start);
        let spans = record_spans(bytes).unwrap_or_default();
        let row = article
            .checked_sub(first)
            .and_then(|k| spans.get(k as usize))
            .map(|&(s, e)| &bytes[s..e]);
        let extra = spans.last().map(|&(s, e)| &bytes[s..e]);
        let own = extra.and_then(|x| {
            let at = 4 + (article.checked_sub(u32_at(x, 0)?)? as usize) * ENTRY;
            x.get(at..at + ENTRY)
        });
        row == Some(head) && own == Some(entry)
    }

    /// Checks row chunk `name` (its `bytes`), if a HEAD chunk, against the heads and entries
    /// that text files carried for its articles before it came ([`LazyIndex::supply_carried`]
    /// compares those that come after it): one that disagrees is refused, naming the text
    /// file, which is what is damaged or foreign (the chunk matched its own hash).
    pub(super) fn check_carried_heads(&self, name: &str, bytes: &[u8]) -> Result<(), LazyError> {
        let Some((tag, i, _)) = self.rows_chunk_named(name) else {
            return Ok(());
        };
        if tag != *b"HEAD" {
            return Ok(());
        }
        let Some(articles) = self.chunk_articles(*b"HEAD", i) else {
            return Ok(());
        };
        for (&article, carried) in self.carried.range(articles) {
            if !self.chunk_agrees(i, bytes, article, &carried.head, &carried.entry) {
                return Err(LazyError::Corrupt {
                    name: carried.name.clone(),
                    what: NOT_ITS_CHUNK_S,
                });
            }
        }
        Ok(())
    }

    /// TXTN for the assembled index of a hosted index (`crate::chunks::TEXT_NAMES`): per
    /// HEAD row chunk its first article and hash, from the root; `None` for an index that
    /// keeps its texts.
    pub(crate) fn text_names(&self) -> Option<Vec<u8>> {
        if !self.heads_carry_texts() {
            return None;
        }
        let RowTable { chunks, .. } = self.rows.iter().find(|t| t.tag == *b"HEAD")?;
        let mut out = Vec::with_capacity(chunks.len() * crate::chunks::TXTN_RECORD);
        for (first, file) in chunks {
            out.extend_from_slice(&first.to_le_bytes());
            out.extend_from_slice(&file.hash.to_le_bytes());
        }
        Some(out)
    }

    /// Whether the HEAD chunks carry TXTC entries: the root lists TXTC (a hosted index).
    pub(crate) fn heads_carry_texts(&self) -> bool {
        self.sections().iter().any(|(t, _)| *t == TEXT_ROWS)
    }

    /// TXTC for the assembled index while it is not loaded whole: the entries the loaded
    /// HEAD chunks carry, and between them entries of no bytes (one article each, the last
    /// of a run taking the rest), as many as the root's TXTC has. `None` for an index that
    /// keeps its texts.
    pub(crate) fn assembled_texts(&self) -> Result<Option<Vec<u8>>, LazyError> {
        let Some((_, whole)) = self.sections().iter().find(|(t, _)| *t == TEXT_ROWS) else {
            return Ok(None);
        };
        let count = (whole.len as usize).saturating_sub(4) / ENTRY;
        let articles = self.article_count();
        // Known entries, by chunk number, and the file each came from.
        let mut known: std::collections::BTreeMap<u32, (&[u8], String)> = Default::default();
        if let Some(RowTable { chunks, .. }) = self.rows.iter().find(|t| t.tag == *b"HEAD") {
            for (first, file) in chunks {
                let name = file.name();
                let Some(bytes) = self.loaded_bytes(&name) else {
                    continue;
                };
                let corrupt = || LazyError::Corrupt {
                    name: name.clone(),
                    what: "the text chunks' entries of a HEAD chunk",
                };
                let spans = record_spans(bytes).ok_or_else(corrupt)?;
                let &(s, e) = spans.last().ok_or_else(corrupt)?;
                let part = &bytes[s..e];
                let chunk = u32_at(part, 0).ok_or_else(corrupt)?;
                let entries = &part[4..];
                if entries.is_empty() || entries.len() % ENTRY != 0 {
                    return Err(corrupt());
                }
                for (k, entry) in entries.chunks(ENTRY).enumerate() {
                    let c = chunk.checked_add(k as u32).ok_or_else(corrupt)?;
                    if c as usize >= count {
                        return Err(corrupt());
                    }
                    known.insert(c, (entry, name.clone()));
                }
                // The first entry holds the chunk's first article.
                let starts = u32_at(entries, 0).ok_or_else(corrupt)?;
                let n = u32_at(entries, 4).ok_or_else(corrupt)?;
                if !(starts..starts.saturating_add(n)).contains(first) {
                    return Err(corrupt());
                }
            }
        }
        // And the entries the text files brought (one article a chunk: chunk = article).
        for (article, carried) in &self.carried {
            if (*article as usize) < count {
                known
                    .entry(*article)
                    .or_insert((&carried.entry[..], carried.name.clone()));
            }
        }
        let mut out = Vec::with_capacity(4 + count * ENTRY);
        out.extend_from_slice(&(count as u32).to_le_bytes());
        let mut next = 0u32;
        let mut c = 0u32;
        while (c as usize) < count {
            if let Some((entry, name)) = known.get(&c) {
                let (first, n) = (u32_at(entry, 0), u32_at(entry, 4));
                if first != Some(next) || n == Some(0) {
                    return Err(LazyError::Corrupt {
                        name: name.clone(),
                        what: "the text chunks' entries of a HEAD chunk (out of order)",
                    });
                }
                out.extend_from_slice(entry);
                next = next.saturating_add(n.unwrap_or(0));
                c += 1;
                continue;
            }
            // A run of chunks not known, up to the next known one (or the end), over the
            // articles up to its first: one article each, the last one the rest.
            let (end, until) = match known.range(c..).next() {
                Some((k, (entry, _))) => (*k, u32_at(entry, 0).unwrap_or(0)),
                None => (count as u32, articles),
            };
            let run = end - c;
            if until.saturating_sub(next) < run {
                return Err(LazyError::Corrupt {
                    name: whole.name(),
                    what: "the text chunks' entries (fewer articles than chunks)",
                });
            }
            for k in 0..run {
                let n = if k + 1 == run { until - next } else { 1 };
                for v in [next, n, 0, 0, 0] {
                    out.extend_from_slice(&v.to_le_bytes());
                }
                next += n;
            }
            c = end;
        }
        Ok(Some(out))
    }
}

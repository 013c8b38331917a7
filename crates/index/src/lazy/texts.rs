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

impl LazyIndex {
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

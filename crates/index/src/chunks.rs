//! Text chunks: the article texts of a *hosted* index, stored outside it and fetched on demand.
//!
//! The default index keeps every article's text and blocks in its BODY section, so that the
//! .wasm answers everything offline. For collections whose text is too large to ship up
//! front, [`split_text`] (build time) turns an index into its hosted form: the BODY section is
//! replaced by a TXTC table, and the texts go to gzip files of consecutive articles, which a
//! page fetches when it shows their snippets or opens them. Searching, ranking, facets and
//! dates never read the text, so they are unchanged.
//!
//! ```text
//! TXTC   count u32 LE | per chunk, 20 bytes (u32 LE each): first article | articles |
//!        stored (gzip) length | text length | CRC-32 of the text
//! chunk  the file `NNNN-CCCCCCCC.gz` (N: chunk number, C: the CRC-32 in hex), gzip of:
//!        magic "AEXPLTXT" | first article u32 LE | a BODY table of its articles, numbered
//!        from the first one (count u32 | offsets u32 | records: text str, blocks)
//! ```
//!
//! A lazy hosted index (`crate::lazy`, version 9) holds one article a chunk and names chunk
//! `N` by the HEAD row chunk that carries its entry: `NNNN-HHHHHHHHHHHHHHHH.gz`, H the hash of
//! that file (which holds the chunk's CRC-32, so the name still changes with the text). The
//! page can then name a hit's text before its entry has come, and fetch both at once. The
//! assembled index says so with a TXTN table ([`TEXT_NAMES`]): per HEAD row chunk its first
//! article and hash, made from the root.
//!
//! A fetched chunk is checked against the table ([`TextChunks::check`]: length, CRC-32, magic,
//! first article, every record decodable) before anything reads it: a damaged, truncated or
//! foreign chunk is a [`IndexError::BadChunk`] naming the file, never a wrong text. The file
//! name carries the checksum, so a chunk of one build is never taken for another's and a
//! server may let browsers cache chunks for good.

use crate::articles::{self, Block};
use crate::{ArticleId, ChunkProblem, IndexError};

mod carried;
#[cfg(feature = "write")]
pub use carried::carry;
pub use carried::{carried, Carried, CARRIED_MAGIC};

/// Bytes per chunk in the TXTC table.
pub const TXTC_RECORD: usize = 20;
/// First bytes of every (decompressed) text chunk.
pub const CHUNK_MAGIC: [u8; 8] = *b"AEXPLTXT";
/// Bytes before a chunk's table: magic and first article.
const CHUNK_HEADER: usize = CHUNK_MAGIC.len() + 4;
/// Default text per chunk before compression: about 7 KiB of gzip for German prose (about
/// eight articles). A page fetches one chunk per hit it shows, so the bytes per query grow with
/// the chunk; below this, compression and per-file overhead start to cost more than they save
/// (measured at 10,000 articles: `bench/RESULTS.md`).
pub const DEFAULT_CHUNK_TEXT: usize = 16 * 1024;

/// The target of a lazy hosted build (`dist --hosted --lazy`): one article a chunk, which
/// lazy format 9 needs (`crate::lazy`: a chunk is named by the HEAD row chunk of its
/// article). The chunks were 2 KiB of text before (a news article of 3-4 KB was a chunk of
/// its own already: 6,072 chunks for 10,000 articles), 4 KiB and 16 KiB earlier
/// (`bench/RESULTS.md`): a page fetches one chunk per hit it shows, so the bytes per query
/// grow with the chunk.
pub const LAZY_CHUNK_TEXT: usize = 1;

/// The table of a lazy index's text chunk names, in its assembled index (see the module's
/// doc): per HEAD row chunk, its first article (u32 LE) and the hash of its file (u64 LE),
/// in article order.
pub const TEXT_NAMES: [u8; 4] = *b"TXTN";
/// Bytes per record of [`TEXT_NAMES`].
pub const TXTN_RECORD: usize = 12;

/// One chunk's entry in the TXTC table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkInfo {
    /// Its first article; the others follow in id order.
    pub first: ArticleId,
    /// Number of articles in it (at least one).
    pub articles: u32,
    /// Size of the gzip file.
    pub stored_len: u32,
    /// Size after decompression.
    pub len: u32,
    /// CRC-32 of the decompressed bytes.
    pub crc: u32,
    /// A lazy index's chunk (one article): the hash of the HEAD row chunk that carries this
    /// entry, which names the file instead of the CRC-32 (see the module's doc).
    pub head: Option<u64>,
}

impl ChunkInfo {
    /// The chunk's file name, e.g. `0003-1a2b3c4d.gz` (a lazy index's:
    /// `0003-0123456789abcdef.gz`).
    pub fn file_name(&self, chunk: u32) -> String {
        match self.head {
            Some(head) => lazy_file_name(chunk, head),
            None => file_name(chunk, self.crc),
        }
    }
}

/// The file name of chunk `chunk` whose checksum is `crc`: `NNNN-CCCCCCCC.gz`. (Error
/// messages write the same name.)
pub fn file_name(chunk: u32, crc: u32) -> String {
    format!("{chunk:04}-{crc:08x}.gz")
}

/// The file name of a lazy index's text chunk `chunk` whose entry is carried by the HEAD
/// row chunk of hash `head`: `NNNN-HHHHHHHHHHHHHHHH.gz`.
pub fn lazy_file_name(chunk: u32, head: u64) -> String {
    format!("{chunk:04}-{head:016x}.gz")
}

/// The TXTC table of a hosted index.
#[derive(Debug, Clone, Copy)]
pub struct TextChunks<'a> {
    table: &'a [u8],
    count: u32,
    /// A lazy index's [`TEXT_NAMES`]: its chunks are named by their HEAD row chunks.
    names: Option<&'a [u8]>,
}

impl<'a> TextChunks<'a> {
    /// [`TextChunks::open`] with the names of `sections` (a lazy index's TXTN, if any).
    pub(crate) fn of(
        table: &'a [u8],
        article_count: u32,
        sections: &crate::container::Sections<'a>,
    ) -> Result<Self, IndexError> {
        Self::open(table, article_count, sections.get(TEXT_NAMES).ok())
    }

    /// Reads the table and checks that its chunks cover `0..article_count` in order; `names`
    /// is a lazy index's [`TEXT_NAMES`] (whole records, first articles ascending from 0).
    pub(crate) fn open(
        table: &'a [u8],
        article_count: u32,
        names: Option<&'a [u8]>,
    ) -> Result<Self, IndexError> {
        let corrupt = |offset| IndexError::Corrupt {
            section: "TXTC",
            offset,
        };
        let count = read_u32(table, 0).ok_or(corrupt(0))?;
        if (table.len() - 4) as u64 != u64::from(count) * TXTC_RECORD as u64 {
            return Err(corrupt(4));
        }
        if let Some(names) = names {
            let firsts = names.chunks(TXTN_RECORD).map(|r| read_u32(r, 0));
            let ordered = firsts
                .clone()
                .zip(firsts.skip(1))
                .all(|(a, b)| matches!((a, b), (Some(a), Some(b)) if a < b));
            if names.len() % TXTN_RECORD != 0 || read_u32(names, 0) != Some(0) || !ordered {
                return Err(IndexError::Corrupt {
                    section: "TXTN",
                    offset: 0,
                });
            }
        }
        let chunks = TextChunks {
            table,
            count,
            names,
        };
        let mut next = 0u32;
        for n in 0..count {
            let info = chunks.info(n)?;
            if info.first.0 != next || info.articles == 0 {
                return Err(corrupt(4 + n as usize * TXTC_RECORD));
            }
            next = next
                .checked_add(info.articles)
                .ok_or(corrupt(4 + n as usize * TXTC_RECORD))?;
        }
        if next != article_count {
            return Err(IndexError::Corrupt {
                section: "TXTC (article count disagrees)",
                offset: 0,
            });
        }
        Ok(chunks)
    }

    /// Number of chunks.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The entry of chunk `chunk`.
    pub fn info(&self, chunk: u32) -> Result<ChunkInfo, IndexError> {
        let at = 4 + chunk as usize * TXTC_RECORD;
        let field = |i: usize| read_u32(self.table, at + 4 * i);
        let no_such = IndexError::NoSuchChunk {
            chunk,
            count: self.count,
        };
        if chunk >= self.count {
            return Err(no_such);
        }
        match (field(0), field(1), field(2), field(3), field(4)) {
            (Some(first), Some(articles), Some(stored_len), Some(len), Some(crc)) => {
                Ok(ChunkInfo {
                    first: ArticleId(first),
                    articles,
                    stored_len,
                    len,
                    crc,
                    head: self.names.and_then(|names| head_of(names, chunk)),
                })
            }
            _ => Err(no_such),
        }
    }

    /// The file name of chunk `chunk`.
    pub fn file_name(&self, chunk: u32) -> Result<String, IndexError> {
        Ok(self.info(chunk)?.file_name(chunk))
    }

    /// The chunk that holds the text of article `id`.
    pub fn chunk_of(&self, id: ArticleId) -> Result<u32, IndexError> {
        // The last chunk whose first article is at most `id` (chunks are in article order).
        let (mut lo, mut hi) = (0u32, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.info(mid)?.first <= id {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let chunk = lo.checked_sub(1);
        match chunk.map(|c| (c, self.info(c))) {
            Some((c, Ok(info))) if id.0 - info.first.0 < info.articles => Ok(c),
            _ => Err(IndexError::NoSuchArticle {
                id: id.0,
                count: self.article_count(),
            }),
        }
    }

    /// Number of articles (as the table counts them).
    fn article_count(&self) -> u32 {
        self.count
            .checked_sub(1)
            .and_then(|last| self.info(last).ok())
            .map_or(0, |i| i.first.0 + i.articles)
    }

    /// The error for reading article `id` while its chunk is not loaded.
    pub fn not_loaded(&self, id: ArticleId) -> IndexError {
        match self.chunk_of(id) {
            Ok(chunk) => IndexError::TextNotLoaded {
                article: id.0,
                chunk,
                file: self
                    .info(chunk)
                    .map_or_else(|_| String::new(), |i| i.file_name(chunk)),
            },
            Err(e) => e,
        }
    }

    /// Checks `bytes` (decompressed) as chunk `chunk`: length, CRC-32, magic, first article,
    /// and that every record decodes. Only a checked chunk can be read.
    pub fn check(&self, chunk: u32, bytes: Vec<u8>) -> Result<LoadedChunk, IndexError> {
        check_as(chunk, self.info(chunk)?, bytes)
    }
}

/// Checks `bytes` (decompressed) as chunk `chunk` of entry `info` (its own table's, or the one
/// a lazy text file carries: [`carried`]): length, CRC-32, magic, first article, and that
/// every record decodes.
pub fn check_as(chunk: u32, info: ChunkInfo, bytes: Vec<u8>) -> Result<LoadedChunk, IndexError> {
    let bad = |problem| IndexError::BadChunk {
        chunk,
        file: info.file_name(chunk),
        problem,
    };
    if bytes.len() as u64 != u64::from(info.len) {
        return Err(bad(ChunkProblem::Length {
            expected: info.len,
            got: bytes.len() as u64,
        }));
    }
    let crc = crate::crc32::hash(&bytes);
    if crc != info.crc {
        return Err(bad(ChunkProblem::Checksum {
            expected: info.crc,
            got: crc,
        }));
    }
    if bytes.get(..CHUNK_MAGIC.len()) != Some(&CHUNK_MAGIC[..]) {
        return Err(bad(ChunkProblem::Corrupt { offset: 0 }));
    }
    if read_u32(&bytes, CHUNK_MAGIC.len()) != Some(info.first.0) {
        return Err(bad(ChunkProblem::Corrupt {
            offset: CHUNK_MAGIC.len(),
        }));
    }
    let loaded = LoadedChunk {
        bytes: bytes.into_boxed_slice(),
        first: info.first.0,
        articles: info.articles,
    };
    let table = loaded.table();
    if articles::count(table, "text chunk").ok() != Some(info.articles) {
        return Err(bad(ChunkProblem::Corrupt {
            offset: CHUNK_HEADER,
        }));
    }
    for i in 0..info.articles {
        if let Err(e) = articles::decode_text(table, "text chunk", i) {
            let offset = match e {
                IndexError::Corrupt { offset, .. } => CHUNK_HEADER + offset,
                _ => CHUNK_HEADER,
            };
            return Err(bad(ChunkProblem::Corrupt { offset }));
        }
    }
    Ok(loaded)
}

/// A text chunk that passed [`TextChunks::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedChunk {
    bytes: Box<[u8]>,
    first: u32,
    articles: u32,
}

impl LoadedChunk {
    fn table(&self) -> &[u8] {
        self.bytes.get(CHUNK_HEADER..).unwrap_or_default()
    }

    /// Size of the decompressed chunk.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Never: a chunk has a header. For clippy's `len_without_is_empty`.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The text and blocks of article `id`, which must be in this chunk.
    pub fn text(&self, id: ArticleId) -> Result<(&str, Vec<Block>), IndexError> {
        match id.0.checked_sub(self.first) {
            Some(i) if i < self.articles => articles::decode_text(self.table(), "text chunk", i),
            _ => Err(IndexError::NoSuchArticle {
                id: id.0,
                count: self.first + self.articles,
            }),
        }
    }
}

/// The hash in [`TEXT_NAMES`] `names` of the HEAD row chunk of article `article` (a lazy
/// index's chunk `article` holds that article alone).
fn head_of(names: &[u8], article: u32) -> Option<u64> {
    let first = |i: usize| read_u32(names, i * TXTN_RECORD);
    let at = last_at_most(names.len() / TXTN_RECORD, article, first)? * TXTN_RECORD + 4;
    Some(u64::from_le_bytes(names.get(at..at + 8)?.try_into().ok()?))
}

/// The last of `count` records, in ascending order of `first(i)`, whose first is at most
/// `x`: `None` if none is or a record cannot be read.
pub(crate) fn last_at_most(
    count: usize,
    x: u32,
    first: impl Fn(usize) -> Option<u32>,
) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if first(mid)? <= x {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo.checked_sub(1)
}

/// An index in hosted form and its text chunks, as [`split_text`] makes them.
#[cfg(feature = "write")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostedIndex {
    /// The index with a TXTC table in place of BODY.
    pub index: Vec<u8>,
    /// The chunk files, in chunk order.
    pub chunks: Vec<ChunkFile>,
}

/// One text chunk file.
#[cfg(feature = "write")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkFile {
    /// File name, e.g. `0003-1a2b3c4d.gz`.
    pub name: String,
    /// The file's bytes (gzip).
    pub gzip: Vec<u8>,
    /// Size after decompression.
    pub len: usize,
    pub articles: u32,
}

/// Turns a default index (texts in BODY) into its hosted form: the same sections in the same
/// order, with BODY replaced by a TXTC table, and the texts in gzip chunks of consecutive
/// articles, each closed once it holds `target` bytes or more (so at least one article).
/// Deterministic: the same index and target give the same bytes. An index that leaves some
/// positions to its texts ([`crate::PositionsKept::InText`]) is refused with
/// [`IndexError::PositionsInText`]: without its texts, it could not check a phrase.
#[cfg(feature = "write")]
pub fn split_text(index: &[u8], target: usize) -> Result<HostedIndex, IndexError> {
    use std::io::Write;
    if let Some(term) = crate::Index::open(index)?.first_term_with_positions_in_text()? {
        return Err(IndexError::PositionsInText { term });
    }
    let sections = crate::container::open_with::<true>(index)?;
    let body = sections.get(*b"BODY")?;
    let records = articles::texts::decode_all(body, "BODY")?;
    // The titles that point into the texts are written out: the texts leave.
    let head_section = sections.get(*b"HEAD")?;
    let heads = (0..records.len())
        .map(|i| {
            let h = articles::decode_head(head_section, Some(body), ArticleId(i as u32))?;
            Ok(articles::ArticleRecord::with_text(h, "", Vec::new()))
        })
        .collect::<Result<Vec<_>, IndexError>>()?;
    let head = articles::encode_heads(&heads, |_| None);
    let mut groups = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (text, blocks)) in records.iter().enumerate() {
        // A block takes about four bytes in the table.
        size += text.len() + 4 * blocks.len() + 1;
        if size >= target.max(1) {
            groups.push(start..i + 1);
            (start, size) = (i + 1, 0);
        }
    }
    if start < records.len() {
        groups.push(start..records.len());
    }
    let mut txtc = Vec::with_capacity(4 + groups.len() * TXTC_RECORD);
    txtc.extend_from_slice(&(groups.len() as u32).to_le_bytes());
    let mut chunks = Vec::with_capacity(groups.len());
    for (n, group) in groups.into_iter().enumerate() {
        let first = group.start as u32;
        let mut bytes = CHUNK_MAGIC.to_vec();
        bytes.extend_from_slice(&first.to_le_bytes());
        bytes.extend(articles::texts::encode(
            records[group.clone()]
                .iter()
                .map(|(text, blocks)| (*text, blocks.as_slice())),
        ));
        let crc = crate::crc32::hash(&bytes);
        let mut gz = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
        let gzip = match gz.write_all(&bytes).and_then(|()| gz.finish()) {
            Ok(gzip) => gzip,
            Err(e) => unreachable!("gzip into memory cannot fail: {e}"),
        };
        let info = ChunkInfo {
            first: ArticleId(first),
            articles: group.len() as u32,
            stored_len: gzip.len() as u32,
            len: bytes.len() as u32,
            crc,
            head: None,
        };
        for v in [
            info.first.0,
            info.articles,
            info.stored_len,
            info.len,
            info.crc,
        ] {
            txtc.extend_from_slice(&v.to_le_bytes());
        }
        chunks.push(ChunkFile {
            name: info.file_name(n as u32),
            gzip,
            len: bytes.len(),
            articles: info.articles,
        });
    }
    let parts: Vec<(crate::container::Tag, &[u8])> = sections
        .entries()
        .iter()
        .map(|&(tag, bytes)| match &tag {
            b"BODY" => (*b"TXTC", &txtc[..]),
            b"HEAD" => (tag, &head[..]),
            _ => (tag, bytes),
        })
        .collect();
    Ok(HostedIndex {
        index: crate::container::assemble(&parts),
        chunks,
    })
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(all(test, feature = "write"))]
mod tests;

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
//! A fetched chunk is checked against the table ([`TextChunks::check`]: length, CRC-32, magic,
//! first article, every record decodable) before anything reads it: a damaged, truncated or
//! foreign chunk is a [`IndexError::BadChunk`] naming the file, never a wrong text. The file
//! name carries the checksum, so a chunk of one build is never taken for another's and a
//! server may let browsers cache chunks for good.

use crate::articles::{self, Block};
use crate::{ArticleId, ChunkProblem, IndexError};

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

/// The default of a lazy hosted build (`dist --hosted --lazy`), whose budget is the bytes
/// per query: about one or two articles a chunk. Measured at 10,000 articles
/// (`explorer-bench bench-lazy`, `bench/RESULTS.md`): the texts over the bench's list went
/// from 2,810 to 1,260 KiB and the list from 6,068 to 4,547 KiB against 16 KiB, for 3,668
/// files instead of 1,103 and 14 % more bytes for all the texts. The cost grows with the
/// collection: TXTC (20 bytes a chunk), which the first snippet or article reads whole, is
/// 836.6 KiB raw at 100,000 articles (about 490 KiB gzip, against 154 with 16 KiB chunks).
/// Since TXTC rides in the HEAD rows (lazy format 6) that cost is spread over the heads, so
/// the chunks are now 2 KiB (4 KiB until 7 December, evening): a news article of 3-4 KB is a
/// chunk of its own. In the page (`bench/lazy-queries.mjs --start`) against 4 KiB: texts of a
/// first page median 39.2 -> 26.1 KiB at 10k and 47.9 -> 31.0 at 100k, one page over the
/// list 3,292 -> 2,940 KiB at 10k (47 more requests) and 13,530 -> 13,021 KiB at 100k (16
/// more); 71,279 text files at 100k instead of 42,833.
pub const LAZY_CHUNK_TEXT: usize = 2 * 1024;

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
}

impl ChunkInfo {
    /// The chunk's file name, e.g. `0003-1a2b3c4d.gz`.
    pub fn file_name(&self, chunk: u32) -> String {
        file_name(chunk, self.crc)
    }
}

/// The file name of chunk `chunk` whose checksum is `crc`: `NNNN-CCCCCCCC.gz`. (Error
/// messages write the same name.)
pub fn file_name(chunk: u32, crc: u32) -> String {
    format!("{chunk:04}-{crc:08x}.gz")
}

/// The TXTC table of a hosted index.
#[derive(Debug, Clone, Copy)]
pub struct TextChunks<'a> {
    table: &'a [u8],
    count: u32,
}

impl<'a> TextChunks<'a> {
    /// Reads the table and checks that its chunks cover `0..article_count` in order.
    pub(crate) fn open(table: &'a [u8], article_count: u32) -> Result<Self, IndexError> {
        let corrupt = |offset| IndexError::Corrupt {
            section: "TXTC",
            offset,
        };
        let count = read_u32(table, 0).ok_or(corrupt(0))?;
        if (table.len() - 4) as u64 != u64::from(count) * TXTC_RECORD as u64 {
            return Err(corrupt(4));
        }
        let chunks = TextChunks { table, count };
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
                crc: self.info(chunk).map_or(0, |i| i.crc),
            },
            Err(e) => e,
        }
    }

    /// Checks `bytes` (decompressed) as chunk `chunk`: length, CRC-32, magic, first article,
    /// and that every record decodes. Only a checked chunk can be read.
    pub fn check(&self, chunk: u32, bytes: Vec<u8>) -> Result<LoadedChunk, IndexError> {
        let info = self.info(chunk)?;
        let bad = |problem| IndexError::BadChunk {
            chunk,
            crc: info.crc,
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
mod tests {
    use super::*;
    use crate::{ArticleRecord, BlockKind, Index, IndexWriter};
    use std::io::Read;

    const TEXTS: [&str; 5] = [
        "Erster Artikel über den Hafen.",
        "Zweiter Artikel, etwas länger: über Pjöngjang und Peking.",
        "Dritter.",
        "Vierter Artikel mit Umlauten: Größe, Straße, Übermut.",
        "Fünfter und letzter Artikel.",
    ];

    fn index() -> Vec<u8> {
        let mut w = IndexWriter::new(|s: &str| s.to_lowercase());
        for (i, text) in TEXTS.iter().enumerate() {
            w.add_article(ArticleRecord {
                file: ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"][i],
                title: "Titel",
                title_derived: true,
                date: None,
                indexed_len: 3,
                text,
                blocks: vec![Block {
                    kind: BlockKind::Paragraph,
                    start: 0,
                    end: text.len() as u32,
                    first_position: 0,
                }],
            });
        }
        w.finish()
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn split_chunks_hold_every_text_and_the_index_none() {
        let original = index();
        let hosted = split_text(&original, 64).unwrap();
        assert!(hosted.chunks.len() > 1 && hosted.chunks.len() < TEXTS.len());
        let index = Index::open(&hosted.index).unwrap();
        let chunks = *index.text_chunks().unwrap();
        assert_eq!(chunks.count() as usize, hosted.chunks.len());
        assert!(Index::open(&original).unwrap().text_chunks().is_none());
        for (i, text) in TEXTS.iter().enumerate() {
            let id = ArticleId(i as u32);
            let n = chunks.chunk_of(id).unwrap();
            let file = &hosted.chunks[n as usize];
            assert_eq!(file.name, chunks.file_name(n).unwrap());
            assert_eq!(
                index.article(id),
                Err(IndexError::TextNotLoaded {
                    article: i as u32,
                    chunk: n,
                    crc: chunks.info(n).unwrap().crc,
                })
            );
            let loaded = chunks.check(n, gunzip(&file.gzip)).unwrap();
            let (got, blocks) = loaded.text(id).unwrap();
            assert_eq!(got, *text);
            assert_eq!(blocks.len(), 1);
            assert_eq!(
                index.head(id).unwrap().file,
                Index::open(&original).unwrap().head(id).unwrap().file
            );
        }
        assert!(matches!(
            chunks.chunk_of(ArticleId(TEXTS.len() as u32)),
            Err(IndexError::NoSuchArticle { .. })
        ));
    }

    #[test]
    fn splitting_is_deterministic() {
        assert_eq!(split_text(&index(), 64), split_text(&index(), 64));
    }

    #[test]
    fn a_damaged_short_or_foreign_chunk_is_refused_naming_the_file() {
        let hosted = split_text(&index(), 64).unwrap();
        let index = Index::open(&hosted.index).unwrap();
        let chunks = index.text_chunks().unwrap();
        let good = gunzip(&hosted.chunks[0].gzip);
        let name = hosted.chunks[0].name.clone();

        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        let err = chunks.check(0, flipped).unwrap_err();
        assert!(matches!(
            &err,
            IndexError::BadChunk { chunk: 0, problem: ChunkProblem::Checksum { .. }, crc } if file_name(0, *crc) == name
        ));
        assert!(err.to_string().contains(&name), "{err}");

        let err = chunks
            .check(0, good[..good.len() - 1].to_vec())
            .unwrap_err();
        assert!(matches!(
            err,
            IndexError::BadChunk {
                problem: ChunkProblem::Length { .. },
                ..
            }
        ));
        // Another chunk's bytes, or the compressed file itself, are not this chunk.
        let other = gunzip(&hosted.chunks[1].gzip);
        assert!(matches!(
            chunks.check(0, other),
            Err(IndexError::BadChunk { .. })
        ));
        assert!(matches!(
            chunks.check(0, hosted.chunks[0].gzip.clone()),
            Err(IndexError::BadChunk { .. })
        ));
        let count = chunks.count();
        assert_eq!(
            chunks.check(count, good),
            Err(IndexError::NoSuchChunk {
                chunk: count,
                count
            })
        );
    }

    #[test]
    fn a_damaged_table_is_an_error_not_a_panic() {
        let hosted = split_text(&index(), 64).unwrap();
        let sections = crate::container::open_with::<true>(&hosted.index).unwrap();
        let txtc = sections.get(*b"TXTC").unwrap();
        for i in 0..txtc.len() {
            let mut t = txtc.to_vec();
            t[i] ^= 0x55;
            if let Ok(chunks) = TextChunks::open(&t, TEXTS.len() as u32) {
                for id in 0..TEXTS.len() as u32 + 1 {
                    let _ = chunks.not_loaded(ArticleId(id));
                }
            }
        }
        for n in 0..txtc.len() {
            assert!(TextChunks::open(&txtc[..n], TEXTS.len() as u32).is_err());
        }
    }

    #[test]
    fn an_empty_index_has_no_chunks() {
        let empty = IndexWriter::new(|s: &str| s.to_owned()).finish();
        let hosted = split_text(&empty, 64).unwrap();
        assert!(hosted.chunks.is_empty());
        let index = Index::open(&hosted.index).unwrap();
        assert_eq!(index.text_chunks().unwrap().count(), 0);
    }
}
